"""Named acts: laws and ordinances cited by name ("Luật Tổ chức chính quyền địa phương
ngày 19/6/2015"), with or without a number after the name.

An amending act ("Luật sửa đổi, bổ sung một số điều của Luật A, Luật B và Luật C ngày …")
is one citation, named by its whole name: the acts it lists are part of that name, and a
number after the list is the amending act's own (when the listed acts carry numbers of
their own, they are theirs).  An act named inside another citation (a decree "hướng dẫn
thi hành Luật …") is nested in it, not cited again."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator, Optional

from pipeline import data
from pipeline.document import Citation
from pipeline.stages.citations.blocks import clause_opener
from pipeline.stages.citations.context import cues, date_text, make, type_words
from pipeline.stages.patterns import fill, longest_first
from pipeline.text import dates
from pipeline.text.view import View

_P = cues()["patterns"]
_ACT_NUMBER_CUE_RE = re.compile(fill(_P["act_number_cue"]))
_ACT_NUMBERED_RE = re.compile(fill(_P["act_numbered"]))
_ACT_DATE_RE = re.compile(fill(_P["act_date"], slips=cues()["year_word_slips"]))
_LISTED_NUMBER_RE = re.compile(fill(_P["listed_number"]))
_OWN_NUMBER_END_RE = re.compile(fill(_P["own_number_end"]))
_LISTED_NUMBER_CUT_RE = re.compile(fill(_P["listed_number_cut"]))
_TWO_WORD_ACTS = tuple(w + " " for w in cues()["named_acts"] if " " in w)


def named_act_before(before: str, wide: str) -> Optional[tuple[str, str, int]]:
    """``(type, title, length)`` of "Luật Tổ chức chính quyền địa phương số " ending ``wide``
    (of "Luật sửa đổi, bổ sung một số điều của Luật … số " when an amending act ends there)."""
    if not _ACT_NUMBER_CUE_RE.search(before):
        return None
    places = _find_places(wide)
    m: Optional[re.Match[str]] = next(_matches_at(_amending_res()[1], wide, places), None)
    if m is None:
        for m in _matches_at(_named_act_res()[2], wide, places):  # noqa: B007  (the last match is kept)
            pass
    if not m:
        return None
    name = m.group(2)
    types = data.load("doc_types.yaml")["types"]
    return types.get(m.group(1), m.group(1)), f"{m.group(1)} {name.strip()}", len(wide) - m.start()


@lru_cache(maxsize=1)
def _named_act_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(named act, end of its name, named act before its number) patterns."""
    d = cues()
    acts = longest_first(d["named_acts"])
    return (re.compile(fill(_P["act"], acts=acts)),
            re.compile(fill(_P["act_end"], stops=longest_first(d["named_act_stops"]),
                            acts=acts, types=[w for w, _ in type_words()])),
            re.compile(fill(_P["act_before"], acts=acts)))


@lru_cache(maxsize=1)
def _amending_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(an amending act's start, an amending act ending in "số " before its number, the end
    of an amending act's name) patterns."""
    d = cues()
    acts, starts = longest_first(d["named_acts"]), longest_first(d["amending_act_starts"])
    return (re.compile(fill(_P["amending_act"], acts=acts, starts=starts)),
            re.compile(fill(_P["amending_act_before"], acts=acts, starts=starts)),
            re.compile(fill(_P["amending_act_end"], stops=longest_first(d["amending_act_stops"]),
                            acts=acts, types=[w for w, _ in type_words()])))


def amending_acts(t: str) -> list[tuple[int, int, str, Optional[str]]]:
    """``(start, end, title, own number)`` of each amending act named in ``t``: the name runs
    over the list of acts it amends to the end of its clause (or a date after it)."""
    start_re, _, end_re = _amending_res()
    out = []
    for m in _matches_at_acts(start_re, t):
        if m.start() and (t[m.start() - 1].isalnum() or t[m.start() - 1] == "_"):
            continue                        # (not the end of another word)
        rest = t[m.end():m.end() + 600]
        cut = end_re.search(rest)
        name = rest[:cut.start()] if cut else rest[:300]
        name = name.rstrip(" ,")
        numbers = _LISTED_NUMBER_RE.findall(name)
        own, own_m = None, _OWN_NUMBER_END_RE.search(name)
        if len(numbers) == 1 and own_m:
            own = numbers[0]                # "… của Luật Xây dựng số 62/2020/QH14"
            name = name[:own_m.start()]
        end = m.end() + len(name)
        if numbers and not own:             # the listed acts' numbers are not in its name
            name = _LISTED_NUMBER_CUT_RE.sub("", name)
        title = f"{m.group(1)} {m.group(2)}{name}"
        out.append((m.start(), end, title, own))
    return out


def _named_act_matches(t: str) -> Iterator[re.Match[str]]:
    """``finditer`` of the named act pattern."""
    return _matches_at_acts(_named_act_res()[0], t)


_PLACES: dict[str, Any] = {}          # the last text's act words (both patterns ask)


def _act_places(t: str) -> list[int]:
    """Where a word of ``named_acts`` starts in ``t``, in order (found by ``str.find``, far
    quicker than a regex scan; kept for the last text)."""
    if _PLACES.get("text") is not t:
        _PLACES.update(text=t, places=_find_places(t))
    return _PLACES["places"]


def _find_places(t: str) -> list[int]:
    places = []
    for w in cues()["named_acts"]:
        i = t.find(w)
        while i >= 0:
            places.append(i)
            i = t.find(w, i + 1)
    places.sort()
    return places


def _matches_at_acts(rx: re.Pattern[str], t: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(t)`` for a pattern whose matches open with a word of ``named_acts``
    (the act patterns of citations.yaml): tried only where such a word starts."""
    return _matches_at(rx, t, _act_places(t))


def _matches_at(rx: re.Pattern[str], t: str, places: list[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(t)`` when every match of ``rx`` starts at one of ``places``."""
    last = 0
    for i in places:
        if i < last:
            continue
        m = rx.match(t, i)
        if m:
            yield m
            last = m.end()


def named_acts(view: View, blocks: list[tuple[int, int]], numbered: list[tuple[int, int]],
               body_start: int, amending: Optional[list[tuple[int, int, str, Optional[str]]]] = None
               ) -> list[Citation]:
    """Laws and ordinances named without a number, when dated or cited as grounds in the
    preamble (before ``body_start``); none named inside another citation (``numbered``: the
    spans of the numbered ones) or inside an amending act's name (``amending``: the
    ``amending_acts`` of the text, when already found)."""
    t = view.text
    d = cues()
    cut_re = _named_act_res()[1]
    out = []
    spans = list(numbered)
    for start, end, title, own in (amending_acts(t) if amending is None else amending):
        inside = any(s < start < e for s, e in spans)
        spans.append((start, end))
        if own or inside:
            continue                        # the numbered citation has it, or it is nested
        c = _dated_act(t, blocks, start, end, title, start < body_start)
        if c:
            out.append(c)
    for m in _named_act_matches(t):
        if any(s <= m.start() < e for s, e in spans):
            continue                        # nested in another citation
        rest = t[m.end():m.end() + 150]
        cut = cut_re.search(rest)
        name = rest[:cut.start()] if cut else rest[:60]
        name = name.strip(" ,.")
        if not name or len(name) < 3 or any(name.startswith(w) for w in d["amending_act_starts"]):
            continue
        after = rest[len(name):]
        if _ACT_NUMBERED_RE.match(after):
            continue                  # "Luật … số 72/2025/QH15": the numbered citation has it
        c = _dated_act(t, blocks, m.start(), m.end() + len(name), f"{m.group(1)} {name}",
                       m.start() < body_start)
        if c:
            out.append(c)
    return out


def _dated_act(t: str, blocks: list[tuple[int, int]], start: int, end: int, title: str,
               preamble: bool) -> Optional[Citation]:
    """The citation of the act named ``title`` at ``[start, end)``, with the date after it;
    None when it is neither dated nor cited as grounds ("Căn cứ …") in the preamble."""
    dm = _ACT_DATE_RE.match(t[end:end + 80])
    if not dm and not (preamble and clause_opener(t, blocks, start)[0] == "basis"):
        return None
    date = dates.parse_date(date_text(dm.group(1))) if dm else None
    word = " ".join(title.split()[:2]) if title.startswith(_TWO_WORD_ACTS) else title.split()[0]
    return make(data.load("doc_types.yaml")["types"].get(word, word), None, date,
                cues()["named_act_issuer"], title, start, end + dm.end() if dm else end)
