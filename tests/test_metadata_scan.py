"""The faster scans of the metadata stage (``stages/metadata/scan.py``) find the matches the
plain ``search``/``finditer`` find, on real headers and on constructed ones."""
from __future__ import annotations

import random
import re

import pytest
from conftest import CORPUS, SEED_PATHS

from pipeline.stages.metadata import header as H
from pipeline.stages.metadata.scan import CueSearch, DateLines
from pipeline.stages.patterns import fill
from pipeline.text.view import view_of

DOCS = SEED_PATHS + sorted((CORPUS / "web").glob("*.md"))[:20] + sorted((CORPUS / "public").glob("*"))[:10]
PIECES = ["Hà Nội", ", ngày 12 tháng 3 năm 2024", ",\nngày 1 tháng 1 năm 2020", "\n", " ", "   ", ",", ":",
          "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 1 tháng 2 năm 2023 của UBND tỉnh)",
          "(\n  BAN HÀNH   KÈM THEO Chỉ thị 5 ngày 2 tháng 3 năm 2021)", "kèm theo", "x" * 45,
          "TP. Hồ Chí Minh", "ngày", "năm 2025", "(", "Kèm theo Nghị quyết 5 )", "\t\t"]


def _span(m):
    return m and (m.span(), m.groups())


def _same(text: str) -> None:
    assert _span(H.ATTACHED.search(text)) == _span(H.ATTACHED_RE.search(text))
    assert [_span(m) for m in H._DATE_LINES.finditer(text)] == [
        _span(m) for m in H.PLACE_DATE_RE.finditer(text)]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_scans_find_what_the_patterns_find_in_real_headers(path, extracted):
    doc = extracted(path)
    for text in (doc.text[:1500], doc.text[:3000], view_of(doc.text).text[:6000]):
        _same(text)


def test_scans_on_constructed_headers():
    rng = random.Random(11)
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10)))
        _same(text)
        found += bool(H.PLACE_DATE_RE.search(text)) + bool(H.ATTACHED_RE.search(text))
    assert found > 500                       # (the constructed headers hold both kinds)


def test_fast_forms_are_in_use():
    assert H.ATTACHED.cue is not None and H._DATE_LINES.tail is not None
    # a pattern of another shape falls back to the plain scan, with the same matches
    other = re.compile(r"(?m)^(\w+), (\d+)")
    lines = DateLines(other, r"(?m)^(\w+), (\d+)", fill)
    assert lines.tail is None and [m.span() for m in lines.finditer("a, 1\nb, 2")] == [(0, 4), (5, 9)]
    assert CueSearch(other, "zz").cue is None
