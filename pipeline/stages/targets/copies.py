"""Targets that restate others: objectives beside a "Chỉ tiêu" section, appendix copies."""
from __future__ import annotations

import re

from pipeline.document import Target

_WORD_RE = re.compile(r"[^\W\d_]+")
#: share of the shorter indicator's words the other must hold for an appendix row to be a copy
COPY_OVERLAP = 0.6


def _key(t: Target) -> tuple[str, float | None, float | None, str | None]:
    return t.kind, t.value, t.value_max, t.unit


def drop_restated(out: list[Target], restated: list[Target]) -> list[Target]:
    """The objectives of a plan with its own "Chỉ tiêu" section restate its targets: an
    objective's number is dropped when a target elsewhere has the same value and unit (a
    figure the objectives alone state, "kim ngạch xuất khẩu đạt 400 triệu USD", is kept)."""
    if not restated:
        return out
    ids = {id(t) for t in restated}
    stated = {_key(t) for t in out if id(t) not in ids}
    return [t for t in out if id(t) not in ids or _key(t) not in stated]


def _words(s: str | None) -> set[str]:
    return {w.lower() for w in _WORD_RE.findall(s or "")}


def _same_indicator(a: Target, b: Target) -> bool:
    wa, wb = _words(a.indicator), _words(b.indicator)
    if not wa or not wb:
        return False
    return len(wa & wb) >= COPY_OVERLAP * min(len(wa), len(wb))


def drop_appendix_copies(out: list[Target], appendix: list[Target]) -> list[Target]:
    """An appendix row that repeats a target of the body (same value and unit, much the same
    indicator) is a copy: ANNOTATION.md annotates it once, in the body."""
    if not appendix:
        return out
    ids = {id(t) for t in appendix}
    body: dict[tuple[str, float | None, float | None, str | None], list[Target]] = {}
    for t in out:
        if id(t) not in ids and t.kind != "deadline":
            body.setdefault(_key(t), []).append(t)
    return [t for t in out if id(t) not in ids
            or not any(_same_indicator(t, b) for b in body.get(_key(t), ()))]
