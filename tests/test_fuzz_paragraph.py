"""A long paragraph of many numbers (issue 13): hard-wrapped lines joined into one clause
once made the targets stage quadratic: each number copied and searched all the text before
it (the lead-in and label patterns) and each count scanned every other number of the
clause (a rate's definition).  The paragraph is analysed at 1x and 10x; the tests assert
what grows (CPU time, the targets read), never a time."""
from __future__ import annotations

import time

import pytest

import pipeline

LINE = "lắp đặt mới 58 trạm phát sóng cho các xã, hỗ trợ 12 hộ gia đình có 80% số hộ"
BASE = 150                      # lines at 1x: 10x = 1,500 lines (120 KB in one clause)


def paragraph(n: int, run: int = 0) -> str:
    """``n`` wrapped lines of one sentence, after a word that differs per ``run`` (so that
    no cache answers a rerun)."""
    return f"KẾ HOẠCH\nI. MỤC TIÊU\n{'xyzw'[run]} phấn đấu " + "\n".join([LINE] * n) + ".\n"


def analysed(n: int) -> tuple[dict, float]:
    """The record of the paragraph of ``n`` lines and the least CPU time of two runs."""
    best = float("inf")
    for run in range(2):
        t0 = time.process_time()
        rec = pipeline.from_text(paragraph(n, run)).to_dict()
        best = min(best, time.process_time() - t0)
    return rec, best


@pytest.mark.slow
def test_a_long_paragraph_of_numbers_grows_linearly():
    """1x -> 10x: the quadratic stage gave 28-40x here; linear ones about 10x."""
    (rec1, t1), (rec10, t10) = analysed(BASE), analysed(10 * BASE)
    assert len(rec10["targets"]) == 10 * len(rec1["targets"]) > 0       # nothing lost
    assert t10 <= 20 * max(t1, 0.005), (t1, t10)


def test_a_label_is_read_after_a_long_paragraph():
    """The label before a number ("trạm 3G/4G: 58 trạm") is read from the words just before
    it, however much text precedes them in the clause."""
    for n in (1, 300):
        text = "KẾ HOẠCH\nI. MỤC TIÊU\n- Phấn đấu " + "\n".join([LINE] * n) + \
            ", lắp đặt mới trạm 3G/4G: 58 trạm.\n"
        units = [t["unit"] for t in pipeline.from_text(text).to_dict()["targets"]]
        assert units[-1] == "trạm 3G/4G", (n, units[-3:])
        assert units.count("trạm phát sóng") == n
