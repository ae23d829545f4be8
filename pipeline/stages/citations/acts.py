"""Named acts: laws and ordinances cited by name ("Luật Tổ chức chính quyền địa phương
ngày 19/6/2015"), with or without a number after the name."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from pipeline import data
from pipeline.document import Citation
from pipeline.stages.citations.blocks import block_at, block_opener
from pipeline.stages.citations.context import cues, date_text, make
from pipeline.stages.patterns import fill, longest_first
from pipeline.text import dates
from pipeline.text.view import View

_P = cues()["patterns"]
_ACT_NUMBER_CUE_RE = re.compile(fill(_P["act_number_cue"]))
_ACT_NUMBERED_RE = re.compile(fill(_P["act_numbered"]))
_ACT_DATE_RE = re.compile(fill(_P["act_date"]))


def named_act_before(before: str, wide: str) -> Optional[tuple[str, str, int]]:
    """``(type, title, length)`` of "Luật Tổ chức chính quyền địa phương số " ending ``wide``."""
    if not _ACT_NUMBER_CUE_RE.search(before):
        return None
    m: Optional[re.Match[str]] = None
    for m in _named_act_res()[3].finditer(wide):  # noqa: B007  (the last match is kept)
        pass
    if not m:
        return None
    name = m.group(2)
    types = data.load("doc_types.yaml")["types"]
    return types.get(m.group(1), m.group(1)), f"{m.group(1)} {name.strip()}", len(wide) - m.start()


@lru_cache(maxsize=1)
def _named_act_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(named act, the same without its look-behind, end of its name, named act before its
    number) patterns."""
    d = cues()
    acts = longest_first(d["named_acts"])
    return (re.compile(fill(_P["act"], acts=acts)), re.compile(fill(_P["act_bare"], acts=acts)),
            re.compile(fill(_P["act_end"], stops=longest_first(d["named_act_stops"]))),
            re.compile(fill(_P["act_before"], acts=acts)))


def _named_act_matches(t: str) -> Iterator[re.Match[str]]:
    """``finditer`` of the named act pattern: the pattern without its look-behind (which
    the regex engine finds fast, from the acts' first letters) matches wherever the pattern
    does, so each of its matches is tried with the look-behind, left to right."""
    full, bare = _named_act_res()[:2]
    pos = 0
    while True:
        m = bare.search(t, pos)
        if m is None:
            return
        fm = full.match(t, m.start())
        if fm is None:
            pos = m.start() + 1
            continue
        yield fm
        pos = fm.end()


def named_acts(view: View, blocks: list[tuple[int, int]]) -> list[Citation]:
    """Laws and ordinances named without a number, when dated or cited as grounds."""
    t = view.text
    d = cues()
    cut_re = _named_act_res()[2]
    out = []
    for m in _named_act_matches(t):
        rest = t[m.end():m.end() + 150]
        cut = cut_re.search(rest)
        name = rest[:cut.start()] if cut else rest[:60]
        name = name.strip(" ,.")
        if not name or len(name) < 3 or any(name.startswith(w) for w in d["named_act_skip_starts"]):
            continue
        after = rest[len(name):]
        if _ACT_NUMBERED_RE.match(after):
            continue                  # "Luật … số 72/2025/QH15": the numbered citation has it
        dm = _ACT_DATE_RE.match(after)
        b = block_at(blocks, m.start())
        block = t[b[0]:b[1]] if b else ""
        if not dm and block_opener(block) != "basis":
            continue
        title = f"{m.group(1)} {name}"
        end = m.end() + len(name) + (dm.end() if dm else 0)
        date = dates.parse_date(date_text(dm.group(1))) if dm else None
        c = make(data.load("doc_types.yaml")["types"].get(m.group(1), m.group(1)), None, date,
                  d["named_act_issuer"], title, m.start(), end)
        out.append(c)
    return out
