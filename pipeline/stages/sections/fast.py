"""Fast paths for ``classify``: which patterns can match a line (by its first character),
and the signature patterns as one alternation.  Same results, fewer pattern calls."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

try:
    # the parser of ``re`` (read, never changed); typeshed has no stub of the private re._parser
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:                      # Python < 3.11
    import sre_parse as P

#: the cue patterns ``classify`` tries
CLASSIFY_KEYS = ("appendix", "part", "letter_part", "letter_cell", "article", "roman", "roman_cell",
                 "decimal", "arabic", "letter", "letter_dot", "number_paren", "bullet")


def _first_chars(rx: re.Pattern[str]) -> Optional[frozenset[str]]:
    """The characters a match of ``rx`` (at the start of a string) can begin with, or None
    when that cannot be told from the pattern (then it is always tried)."""
    try:
        if rx.flags & re.IGNORECASE:
            return None

        def first(items):
            for op, av in items:
                if op is P.AT and av in (P.AT_BEGINNING, P.AT_BEGINNING_STRING):
                    continue             # zero width at the start
                if op is P.LITERAL:
                    return {chr(av)}
                if op is P.IN:
                    out = set()
                    for o, a in av:
                        if o is P.LITERAL:
                            out.add(chr(a))
                        elif o is P.RANGE:
                            out.update(map(chr, range(a[0], a[1] + 1)))
                        else:            # NEGATE, CATEGORY ...
                            return None
                    return out
                if op is P.BRANCH:
                    out = set()
                    for alt in av[1]:
                        f = first(alt)
                        if f is None:
                            return None
                        out |= f
                    return out
                if op is P.SUBPATTERN:
                    if av[1] & re.IGNORECASE:
                        return None
                    return first(av[-1])
                if op in (P.MAX_REPEAT, P.MIN_REPEAT) and av[0] >= 1:
                    return first(av[2])
                return None
            return None                  # the pattern can match an empty string

        f = first(P.parse(rx.pattern, rx.flags))
        return frozenset(f) if f is not None else None
    except Exception:
        return None


class _Firsts:
    """Which of the cue patterns can match a string that starts with a given character."""

    def __init__(self, rxs: tuple[tuple[str, re.Pattern[str]], ...]):
        self.sets = [(k, _first_chars(rx)) for k, rx in rxs]
        self.cache: dict[str, frozenset[str]] = {}

    def __call__(self, ch: str) -> frozenset[str]:
        keys = self.cache.get(ch)
        if keys is None:
            keys = self.cache[ch] = frozenset(k for k, f in self.sets if f is None or ch in f)
        return keys


#: what ``fast_paths`` returns
FastPaths = tuple[Optional[re.Pattern[str]], _Firsts]


@lru_cache(maxsize=8)
def _firsts(rxs: tuple[tuple[str, re.Pattern[str]], ...]) -> _Firsts:
    return _Firsts(rxs)


@lru_cache(maxsize=8)
def _any_signature(rxs: tuple[re.Pattern[str], ...]) -> Optional[re.Pattern[str]]:
    """The signature patterns as one alternation (a match of any is a match of this), or
    None when they cannot be joined safely (back references, clashing groups, flags)."""
    if any(rx.flags & ~re.UNICODE or re.search(r"\\\d|\(\?P=|\(\?[aiLmsux(-]", rx.pattern) for rx in rxs):
        return None
    try:
        return re.compile("|".join(f"(?:{rx.pattern})" for rx in rxs))
    except re.error:
        return None


def fast_paths(c: dict[str, Any]) -> FastPaths:
    """``(signature alternation or None, first-character filter)`` for the cues ``c``."""
    return (_any_signature(tuple(c["signature"])),
            _firsts(tuple((k, c[k]) for k in CLASSIFY_KEYS)))
