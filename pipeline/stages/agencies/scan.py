"""Fast scans: ``finditer`` for patterns that begin with literal strings."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Optional

try:
    from re import _parser as sre_parse  # type: ignore[attr-defined]  # typeshed: no stub for re._parser
except ImportError:                      # Python < 3.11
    import sre_parse


@lru_cache(maxsize=64)
def literal_starts(rx: re.Pattern[str]) -> Optional[tuple[str, ...]]:
    """The literal strings one of which every match of ``rx`` begins with ("Cơ quan",
    "Đơn vị" for "(?:Cơ quan|Đơn vị)\\s+chủ\\s+trì…"), or None when the pattern does not
    begin with plain literals."""
    try:
        if rx.flags & ~re.UNICODE:
            return None
        items = sre_parse.parse(rx.pattern, rx.flags).data
        if not items:
            return None
        op, av = items[0]
        if op is sre_parse.LITERAL:
            alts = [items]
        elif op is sre_parse.BRANCH:
            alts = av[1]
        else:
            return None
        out = []
        for alt in alts:
            lit = []
            for o, a in alt:
                if o is not sre_parse.LITERAL:
                    break
                lit.append(chr(a))
            if not lit:
                return None
            out.append("".join(lit))
        return tuple(out)
    except Exception:
        return None


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


