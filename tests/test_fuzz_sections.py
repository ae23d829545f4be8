"""Many sections (issue 13): a 5 MB text of 16,000 short sections was abandoned at the time
limit of the fuzz run, because the agencies stage scanned every section for each section
(regions, their children and entries), and other stages did the same for appendices,
citations, "Nơi nhận" blocks and the bullets of one section.  Each text is analysed with
4,000 and 16,000 units; the tests assert how the CPU time of the stage grows (a linear
stage 4x, a quadratic one 16x), never a time.  The indexes that made them fast are checked
against the plain rules on real documents."""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pytest

import pipeline
from pipeline import normalise
from pipeline.document import Document
from pipeline.stages import STAGES
from pipeline.stages.agencies import regions

sys.path.insert(0, str(Path(__file__).parent))
from hostile import plan_text  # noqa: E402

SEEDS = sorted((Path(__file__).resolve().parents[1] / "corpus" / "seeds").glob("*.txt"))


def roman(n: int) -> str:
    out = ""
    for v, r in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + r, n - v
    return out


def dense_plans(n: int) -> str:
    """The fuzz run's input: a short plan (two sections) over and over."""
    return plan_text([61, 62, 63]) * (n // 2)


def appendices(n: int) -> str:
    return ("KẾ HOẠCH\nI. MỤC TIÊU\n1. Đạt 50% vào năm 2025.\n"
            + "".join(f"PHỤ LỤC {roman(k)}\nDANH MỤC {k}\nI. NHIỆM VỤ\n" for k in range(1, n // 2 + 1)))


def citations(n: int) -> str:
    return "KẾ HOẠCH\nI. CĂN CỨ\n" + "".join(
        f"{k}. Căn cứ Quyết định số {k}/QĐ-UBND ngày 1/2/2024 của UBND tỉnh; "
        f"Nghị định số {k}/2020/NĐ-CP.\n" for k in range(1, n // 2 + 1))


def recipients(n: int) -> str:
    return "KẾ HOẠCH\nI. MỤC TIÊU\n1. Sở Y tế chủ trì.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n" * (n // 2)


def bullets(n: int) -> str:
    return "KẾ HOẠCH\nI. MỤC TIÊU\n1. Nội dung\n" + "".join(
        f"- Sở Y tế đạt {k % 100}% số xã.\n" for k in range(n // 4))


#: (text of about n units, the stage that was quadratic on it)
CASES = {"sections": (dense_plans, "agencies"), "appendices": (appendices, "sections"),
         "citations": (citations, "citations"), "recipients": (recipients, "agencies"),
         "bullets": (bullets, "targets")}


def stage_times(text: str) -> tuple[Document, dict[str, float]]:
    """The Document of ``text`` and the CPU time of each stage on it."""
    doc = Document(doc_id="x", source="<text>", format="txt")
    doc.text, doc.offsets = normalise.normalise(text, "txt")
    times = {}
    for name, component in STAGES:
        t0 = time.process_time()
        component(doc)
        times[name] = time.process_time() - t0
    assert not doc.errors, doc.errors
    return doc, times


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_stage_time_grows_linearly_with_the_sections(case):
    """4,000 -> 16,000 units: the quadratic stages gave 12-17x here; linear ones 3-5x."""
    make, stage = CASES[case]
    best = {}
    for n in (4000, 16000):
        runs = [stage_times(make(n)) for _ in range(2)]
        best[n] = min(t[stage] for _, t in runs)
        doc = runs[0][0]
    assert best[16000] <= 7 * max(best[4000], 0.02), (case, stage, best)
    if case == "sections":
        assert len(doc.sections) == 16000 and len(doc.agencies) >= 2


def test_the_regions_of_every_repeated_plan_are_found():
    """Each copy of the plan has its "II. TỔ CHỨC THỰC HIỆN" region (none hides another)."""
    doc = pipeline.from_text(dense_plans(400))
    found = regions.regions(doc)
    heads = [s for s in doc.sections if s.heading.upper().startswith("TỔ CHỨC")]
    assert len(heads) == 200 and [r[0] for r in found] == [s.start for s in heads]


def brute_body_run(flags):
    """The rule of ``regions._body_run`` read literally (quadratic)."""
    best = None
    for i in range(len(flags)):
        if not flags[i]:
            continue
        j, gaps = i, 0
        while j + 1 < len(flags) and (flags[j + 1] or (gaps == 0 and j + 2 < len(flags) and flags[j + 2])):
            gaps += not flags[j + 1]
            j += 1
        if sum(flags[i:j + 1]) >= 3 and (best is None or j - i > best[1] - best[0]):
            best = (i, j)
    return best


def test_body_run_keeps_its_rule():
    rng = random.Random(13)
    for _ in range(3000):
        flags = [rng.random() < p for p in [rng.choice((0.3, 0.6, 0.85))] * rng.randint(0, 14)]
        assert regions._body_run(flags) == brute_body_run(flags), flags


@pytest.mark.parametrize("path", SEEDS[:3], ids=lambda p: p.stem)
def test_outline_answers_as_a_scan_would(path, extracted):
    """Children, the section of a path and "an article inside" as the scans of every section
    the agencies stage once made, on real plans."""
    secs = extracted(path).sections
    tree = regions.Outline(secs)
    assert secs
    for s in secs:
        kids = [c for c in secs if c.level == s.level + 1 and s.start < c.start < s.end
                and c.path.startswith(s.path + ".")]
        assert tree.children(s) == kids
        assert tree.by_path[s.path] is next(c for c in secs if c.path == s.path)
        assert tree.any_article(s.start, s.end) == any(
            s.start < c.start < s.end and c.path.startswith(regions._ARTICLE) for c in secs)
