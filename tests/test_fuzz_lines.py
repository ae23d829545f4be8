"""Pathological lines (issue 13): one long line repeating "Điều 1. ", "năm 2025 ", "1%" or
"- 50% xã " once grew quadratically in the sections and targets stages (a 265 KB line:
87 s; a 21 KB line of "1%": 52 s and a 403 MB JSONL line, every target quoting the whole
line and each indicator the one before it).  Each line is analysed at 1x, 10x and 100x;
the tests assert what grows (record bytes per target, quote and indicator lengths, CPU
time from 10x to 100x), never a time."""
from __future__ import annotations

import json
import time

import pytest

import pipeline
from pipeline.stages.targets import context

MAX_QUOTE = getattr(context, "MAX_QUOTE", 2000)   # (getattr: the test also runs on older code)

UNITS = ["Điều 1. ", "năm 2025 ", "1%", "- 50% xã "]
BASE = 30                       # units at 1x: 10x = 300, 100x = 3,000 (27 KB)


def line_doc(unit: str, n: int, run: int = 0) -> str:
    """The line, after a word that differs per ``run`` (so that no cache answers a rerun)."""
    return f"KẾ HOẠCH\nI. MỤC TIÊU\n{'xyzw'[run]} " + unit * n + "\n"


def analysed(unit: str, n: int) -> tuple[dict, float]:
    """The record of the line repeated ``n`` times and the least CPU time of two runs."""
    best = float("inf")
    for run in range(2):
        t0 = time.process_time()
        rec = pipeline.from_text(line_doc(unit, n, run)).to_dict()
        best = min(best, time.process_time() - t0)
    return rec, best


@pytest.fixture(scope="module")
def runs():
    return {u: {k: analysed(u, BASE * k) for k in (1, 10, 100)} for u in UNITS}


@pytest.mark.slow
@pytest.mark.parametrize("unit", UNITS)
def test_long_line_time_grows_linearly(runs, unit):
    """10x -> 100x: quadratic stages gave 36-43x here; linear ones 6-13x."""
    t10, t100 = runs[unit][10][1], runs[unit][100][1]
    assert t100 <= 25 * max(t10, 0.005), (unit, t10, t100)


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["1%", "- 50% xã "])
def test_numbers_of_a_long_line_are_all_read_and_quotes_are_bounded(runs, unit):
    for k in (1, 10, 100):
        rec = runs[unit][k][0]
        targets = rec["targets"]
        assert len(targets) == BASE * k                         # nothing lost
        assert max(len(t["quote"]) for t in targets) <= MAX_QUOTE + 2
        assert max(len(t["indicator"]) for t in targets) <= 200
        per_target = len(json.dumps(targets, ensure_ascii=False)) / len(targets)
        assert per_target <= 2 * MAX_QUOTE, (k, per_target)    # was 6 KB and 33 KB at 100x


@pytest.mark.slow
def test_record_bytes_grow_linearly_past_the_quote_cap(runs):
    """Once the line is longer than a quote, each further number adds a bounded number of
    bytes: 10x -> 100x is about 10x more targets, so at most ~15x more bytes."""
    for unit in ("1%", "- 50% xã "):
        size = {k: len(json.dumps(runs[unit][k][0], ensure_ascii=False)) for k in (10, 100)}
        grown = size[100] / size[10]
        limit = 15 * max(1.0, MAX_QUOTE / (len(unit) * BASE * 10))   # quotes still growing at 10x
        assert grown <= limit, (unit, size)


def test_a_cut_quote_is_marked_and_holds_its_number():
    text = "KẾ HOẠCH\nI. MỤC TIÊU\n" + "- 50% xã " * 200 + "- 77% phường " + "- 50% xã " * 200 + "\n"
    rec = pipeline.from_text(text).to_dict()
    t = next(t for t in rec["targets"] if t["value"] == 77)
    assert t["quote"].startswith("…") and t["quote"].endswith("…")
    assert "77% phường" in t["quote"] and len(t["quote"]) <= MAX_QUOTE + 2
    assert t["end"] - t["start"] == MAX_QUOTE


def test_a_normal_sentence_is_quoted_whole():
    rec = pipeline.from_text("KẾ HOẠCH\nI. MỤC TIÊU\n- Đến năm 2025, 70% số xã đạt chuẩn; "
                             "90% số hộ có nước sạch.\n").to_dict()
    assert [t["value"] for t in rec["targets"]] == [70, 90]
    assert all("…" not in t["quote"] for t in rec["targets"])


@pytest.mark.slow
def test_sections_of_a_long_line_of_articles_stay_one_section():
    """"Điều 1. " 3,000 times on one line is one heading, not 3,000 sections or a hang."""
    rec = pipeline.from_text(line_doc("Điều 1. ", 3000)).to_dict()
    assert len(rec["sections"]) <= 2


def sentences(n_chars: int, run: int) -> str:
    """One paragraph of sentences (a DOCX whose single run holds 20 MB reads as this)."""
    words = ("Kế hoạch phòng chống ma túy năm 2025. " * (n_chars // 38 + 1))[:n_chars]
    return f"KẾ HOẠCH\n{'xyzw'[run]} " + words + "\n"


@pytest.mark.slow
def test_one_paragraph_of_many_sentences_grows_linearly():
    """Each clause of a line asked about the whole line (its list marker, its last
    character, a copy of its rest): 100k -> 1M characters took 56x the time; now ~10x."""
    cpu = {}
    for n in (100_000, 1_000_000):
        best = float("inf")
        for run in range(2 if n < 1_000_000 else 1):
            t0 = time.process_time()
            pipeline.from_text(sentences(n, run))
            best = min(best, time.process_time() - t0)
        cpu[n] = best
    assert cpu[1_000_000] <= 25 * cpu[100_000], cpu
