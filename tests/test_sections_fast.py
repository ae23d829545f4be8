"""The fast paths of the sections stage (``stages/sections/fast.py``) give the kinds the
plain step-by-step reading gives, on real documents of every layout and constructed lines."""
from __future__ import annotations

import re

import pytest
from conftest import CORPUS, SEED_PATHS

from pipeline.stages.sections.blocks import read_blocks
from pipeline.stages.sections.classify import classify_all
from pipeline.stages.sections.cues import cues
from pipeline.stages.sections.fast import DIGIT, SPACE, FastPaths, can_start, fast_paths, first_chars

DOCS = SEED_PATHS + sorted((CORPUS / "web").glob("*.md"))[:12] + sorted((CORPUS / "public").glob("*"))[:6]
LINES = ["I. MỤC ĐÍCH", "1. Mục tiêu chung", "1.1 Mục tiêu", "2.5 triệu đồng", "a) Tăng cường",
         "b. Đẩy mạnh", "3) Hoàn thành", "- Rà soát", "**II. NHIỆM VỤ**", "Điều 2. Hiệu lực",
         "PHỤ LỤC I", "Phần II. TỔ CHỨC", "A. THỦ TỤC HÀNH CHÍNH", "C. BỘ CÔNG THƯƠNG", "II\tNHÓM GIẢI PHÁP",
         "1.\tThủ tục xét", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Căn cứ Luật", "X. Khác",
         "III- QUAN ĐIỂM", "Mục 1. Quy định", "D\tPHÁT TRIỂN", "(Kèm theo Quyết định số 1/QĐ)"]


def _kinds(text: str, fast: FastPaths) -> list[tuple]:
    blocks = read_blocks(text)
    classify_all(blocks, cues(), fast)
    return [(b.start, b.kind, b.num, b.marker, b.text_start, b.value, dict(b.extra)) for b in blocks]


def _plain_paths() -> FastPaths:
    """No fast path: every signature pattern, then every step in order."""
    rxs = cues()["signature"]
    return FastPaths(lambda s: any(rx.search(s) for rx in rxs), None, None, None)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_fast_paths_classify_as_the_plain_steps(path, extracted):
    text = extracted(path).text
    fast = _kinds(text, fast_paths(cues()))
    assert fast == _kinds(text, _plain_paths())
    assert {k for _, k, *_ in fast} - {"text"}          # (headings, items or a signature)


def test_fast_paths_on_constructed_lines():
    text = "\n".join(LINES + [line.lower() for line in LINES] + [f"  {line}" for line in LINES])
    kinds = _kinds(text, fast_paths(cues()))
    assert kinds == _kinds(text, _plain_paths())
    assert len({k for _, k, *_ in kinds}) >= 9


def test_first_characters_of_optional_parts_and_digits():
    assert first_chars(re.compile(r"^(?:PHÓ\s+)?CHỦ\s+TỊCH")) == {"P", "C"}
    assert first_chars(re.compile(r"^(?:TM|KT|Q)\s*\.")) == {"T", "K", "Q"}
    digits = first_chars(re.compile(r"^(?P<num>\d{1,2})\s*\."))
    assert digits == {DIGIT} and can_start(digits, "7") and can_start(digits, "٣") and not can_start(digits, "a")
    spaced = first_chars(re.compile(r"^\s*x"))
    assert spaced == {SPACE, "x"} and can_start(spaced, "\xa0") and not can_start(spaced, "y")
    assert first_chars(re.compile(r"^[^x]")) is None and first_chars(re.compile(r"(?i)^a")) is None
    assert first_chars(re.compile(r"^a?")) is None          # (it can match nothing)


def test_signature_lines_are_told_by_their_first_two_characters():
    starts = fast_paths(cues()).signature_starts
    assert starts is not None
    for line in ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Q. GIÁM ĐỐC"):
        assert starts.may(line[0], line[1]), line
    for line in ("Các sở, ngành", "Thực hiện", "Nâng cao", "Bộ Tài chính", "Quyết định", "Kế hoạch"):
        assert not starts.may(line[0], line[1]), line
        assert not any(rx.search(line) for rx in cues()["signature"])
