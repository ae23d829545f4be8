"""Faster scans with the same matches: a pattern that holds a rare cue ("kèm theo") tried
only just before each occurrence of its cue; the place and date line found from its date,
also rare, rather than tried at every word."""
from __future__ import annotations

import re
from typing import Any, Iterator, Optional

try:
    # the parser of ``re`` (read, never changed); typeshed has no stub of the private re._parser
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:                      # Python < 3.11
    import sre_parse as P

_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}
_REPEATS = tuple(getattr(P, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(P, n))
_ZERO_WIDTH = tuple(getattr(P, n) for n in ("AT", "ASSERT", "ASSERT_NOT") if hasattr(P, n))


def _char(code: int) -> str:
    return re.escape(chr(code))


def _alphabet(items: Any) -> Optional[list[str]]:
    """The class items of every character the parsed sequence can take in, or None."""
    out: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is P.LITERAL:
            out.append(_char(av))
        elif op is P.IN:
            for o, a in av:
                if o is P.LITERAL:
                    out.append(_char(a))
                elif o is P.RANGE:
                    out.append(f"{_char(a[0])}-{_char(a[1])}")
                elif o is P.CATEGORY and str(a) in _CATEGORIES:
                    out.append(_CATEGORIES[str(a)])
                else:
                    return None
        elif op is P.BRANCH or op is P.SUBPATTERN or op in _REPEATS:
            if op is P.SUBPATTERN and (av[1] or av[2]):
                return None
            for sub in (av[1] if op is P.BRANCH else [av[-1]]):
                chars = _alphabet(sub)
                if chars is None:
                    return None
                out += chars
        else:
            return None
    return out


class CueSearch:
    """``search`` of ``rx``, a pattern whose matches all hold ``cue`` after a part of few
    characters ("(Ban hành " before "kèm theo"): only the positions just before each
    occurrence of the cue (those from which that part's characters reach it) are tried.  A
    pattern that does not hold the cue is searched the plain way."""

    def __init__(self, rx: re.Pattern[str], cue: str):
        self.rx = rx
        self.cue: Optional[re.Pattern[str]] = None
        self.before: Optional[re.Pattern[str]] = None
        try:
            items = list(P.parse(rx.pattern, rx.flags))
        except (re.error, ValueError, TypeError):
            return
        want = [(P.LITERAL, ord(ch)) for ch in cue]
        for i in range(len(items) - len(want) + 1):
            if items[i:i + len(want)] == want:
                chars = _alphabet(items[:i])
                if chars is not None:
                    self.cue = re.compile(re.escape(cue), rx.flags)
                    self.before = re.compile(f"[{''.join(chars)}]", rx.flags) if chars else None
                return

    def search(self, text: str) -> Optional[re.Match[str]]:
        if self.cue is None:
            return self.rx.search(text)
        tried = 0                  # positions below this were tried
        c = self.cue.search(text)
        while c is not None:
            p = lo = c.start()
            # a match ending its first part at p starts after the last character that part
            # cannot take in (same case folding: the engine tells)
            while lo > tried and self.before is not None and self.before.match(text, lo - 1):
                lo -= 1
            for q in range(max(lo, tried), p + 1):
                m = self.rx.match(text, q)
                if m is not None:
                    return m
            tried = p + 1
            c = self.cue.search(text, p + 1)
        return None


#: the head of the place-date template that ``DateLines`` relies on: the place (group 1),
#: up to 40 characters with no comma, after a line start or a space, then a comma
PLACE_HEAD = r"(?im)(?:^|\s)([{upper}][^\n,:;]{1,40}?),"
_PLACE_REACH = 42                # from a match's start to its comma, at most


class DateLines:
    """``finditer`` of the place-date pattern (``rx``, filled from ``template``): each match
    is found from its date ("…, ngày … năm 2025", the template after ``PLACE_HEAD``), found
    first by a pattern that starts with its comma; the place is then looked for only in the
    42 characters before it.  A template of another head is scanned the plain way."""

    def __init__(self, rx: re.Pattern[str], template: str, fill: Any):
        self.rx = rx
        self.tail: Optional[re.Pattern[str]] = None
        if template.startswith(PLACE_HEAD):
            self.tail = re.compile(fill("(?im)" + template[len(PLACE_HEAD) - 1:]))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.tail is None:
            yield from self.rx.finditer(text)
            return
        pos = scan = 0             # matches start at pos or later; dates are looked for from scan
        while True:
            t = self.tail.search(text, scan)
            if t is None:
                return
            # a match using this comma starts at most _PLACE_REACH before it (its place has
            # no comma) and ends where the date does (no comma in the date either)
            m = self.rx.search(text, max(pos, t.start() - _PLACE_REACH), t.end())
            if m is None:
                scan = t.start() + 1
                continue
            yield m
            pos = scan = m.end()
