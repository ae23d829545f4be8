"""Fast scans: ``finditer`` for patterns that begin with literal strings."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Optional

try:
    from re import _parser as sre_parse  # type: ignore[attr-defined]  # typeshed: no stub for re._parser
except ImportError:                      # Python < 3.11
    import sre_parse


@lru_cache(maxsize=64)
def literal_starts(rx: re.Pattern[str]) -> Optional[tuple[str, ...]]:
    """The literal strings one of which every match of ``rx`` begins with ("Cơ quan",
    "Đơn vị" for "(?:Cơ quan|Đơn vị)\\s+chủ\\s+trì…"; "Giao", "giao" for "([Gg]iao)…"), or
    None when the pattern does not begin with plain literals."""
    try:
        if rx.flags & ~re.UNICODE:
            return None
        items = sre_parse.parse(rx.pattern, rx.flags).data
        if not items:
            return None
        op, av = items[0]
        alts = av[1] if op is sre_parse.BRANCH else [items]
        out: list[str] = []
        for alt in alts:
            lits = _prefixes(list(alt))
            if not lits:
                return None
            out += lits
        return tuple(dict.fromkeys(out))
    except Exception:
        return None


def _prefixes(items: list[Any]) -> Optional[list[str]]:
    """The literal strings one of which a match of the sequence ``items`` begins with: its
    literals, a class of a few literal characters ("[Gg]"), a group's, up to the first other
    item; None when it begins with none."""
    outs = [""]
    k = 0
    while k < len(items):
        op, av = items[k]
        if op is sre_parse.SUBPATTERN and not av[1] and not av[2]:
            items[k:k + 1] = list(av[3].data)         # a plain group: its items in its place
            continue
        if op is sre_parse.LITERAL:
            outs = [o + chr(av) for o in outs]
        elif (op is sre_parse.IN and av and all(o is sre_parse.LITERAL for o, _ in av)
              and len(outs) * len(av) <= 8):
            outs = [o + chr(a) for o in outs for _, a in av]
        else:
            break
        k += 1
    return outs if outs[0] else None


def search(rx: re.Pattern[str], text: str) -> Optional[re.Match[str]]:
    """``rx.search(text)``, quicker when ``text`` lacks a literal every match holds."""
    need = required(rx)
    return None if need and need not in text else rx.search(text)


@lru_cache(maxsize=64)
def required(rx: re.Pattern[str]) -> str:
    """The longest run of literal characters every match of ``rx`` holds ("hủ trì" for
    "[Cc]hủ trì"), or "" (none, or a pattern that ignores case)."""
    try:
        if rx.flags & ~re.UNICODE:
            return ""
        best = run = ""
        for op, av in sre_parse.parse(rx.pattern, rx.flags).data:
            run = run + chr(av) if op is sre_parse.LITERAL else ""
            best = max(best, run, key=len)
        return best
    except Exception:
        return ""


def finditer(rx: re.Pattern[str], text: str, start: int, end: int,
             found: Optional[dict[tuple[str, ...], list[int]]] = None) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, start, end)``, faster for a pattern that begins with literals:
    a match can only start where one of them occurs, and ``str.find`` gets there quicker
    than the regex scan.  ``found`` caches those places for patterns sharing the literals."""
    lits = literal_starts(rx)
    if lits is None:
        yield from rx.finditer(text, start, end)
        return
    cands: Optional[list[int] | set[int]]     # (a set while it is gathered)
    cands = None if found is None else found.get(lits)
    if cands is None:
        cands = set()
        for lit in lits:
            i = text.find(lit, start, end)
            while i >= 0:
                cands.add(i)
                i = text.find(lit, i + 1, end)
        cands = sorted(cands)
        if found is not None:
            found[lits] = cands
    last = start
    for i in cands:
        if i < last:
            continue
        m = rx.match(text, i, end)
        if m:
            yield m
            last = m.end()


