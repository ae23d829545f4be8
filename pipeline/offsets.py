"""Offsets between a cleaned text and the source text it was made from.

``Span`` is a string that remembers, for every character, the source offset it came from
(like eyecite's SpanUpdater, but kept per character).  Cleaning steps slice, substitute and
join Spans; the final one gives the ``OffsetMap`` stored in ``Document.offsets``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Callable, Iterable, Union


class OffsetMap:
    """Maps offsets in the normalised text to the source text and back.

    ``to_source(i)`` is where character ``i`` of the normalised text came from;
    ``from_source(j)`` is the first normalised offset whose source offset is ``>= j``
    (so a source span ``[a, b)`` maps to ``[from_source(a), from_source(b))``).
    """

    def __init__(self, positions: list, source_len: int):
        self._pos = list(positions)
        self.source_len = source_len

    @classmethod
    def identity(cls, n: int) -> "OffsetMap":
        return cls(range(n), n)

    def __len__(self) -> int:
        return len(self._pos)

    def to_source(self, offset: int) -> int:
        if offset >= len(self._pos):
            return self.source_len
        return self._pos[max(offset, 0)]

    def from_source(self, offset: int) -> int:
        return bisect_left(self._pos, offset)

    def span_to_source(self, start: int, end: int) -> tuple:
        """A normalised ``[start, end)`` as a source span."""
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1


Repl = Union[str, Callable[[re.Match], str]]


class Span:
    """A string plus the source offset of each character."""

    __slots__ = ("text", "pos")

    def __init__(self, text: str = "", pos: list | None = None):
        self.text = text
        self.pos = list(pos) if pos is not None else []
        assert len(self.pos) == len(self.text)

    @classmethod
    def _raw(cls, text: str, pos: list) -> "Span":
        """A Span over ``pos`` itself (no copy, no check): for lists made by the caller."""
        s = object.__new__(cls)
        s.text = text
        s.pos = pos
        return s

    @classmethod
    def of(cls, text: str, start: int = 0) -> "Span":
        return cls(text, list(range(start, start + len(text))))

    @classmethod
    def synthetic(cls, text: str, at: int) -> "Span":
        """Characters that are not in the source (a joining space, a tab) placed at ``at``."""
        return cls(text, [at] * len(text))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, item: slice) -> "Span":
        if type(item) is slice:
            return Span._raw(self.text[item], self.pos[item])
        return Span(self.text[item], self.pos[item])

    def __add__(self, other: "Span") -> "Span":
        return Span._raw(self.text + other.text, self.pos + other.pos)

    def __repr__(self) -> str:
        return f"Span({self.text!r})"

    def at(self, i: int, default: int = 0) -> int:
        """Source offset of character ``i`` (or of the end, for ``i == len``)."""
        if 0 <= i < len(self.pos):
            return self.pos[i]
        if self.pos:
            return self.pos[-1] + 1 if i >= len(self.pos) else self.pos[0]
        return default

    @staticmethod
    def join(sep: str, parts: Iterable["Span"]) -> "Span":
        """Join with a synthetic separator placed just after the part before it."""
        parts = list(parts)
        if len(parts) == 1:                     # nothing to join: a copy
            return Span._raw(parts[0].text, list(parts[0].pos))
        text, pos = [], []
        if sep:
            # nexts[k]: the source offset of the first character of parts[k:], or None
            nexts, nxt = [None] * len(parts), None
            for k in range(len(parts) - 1, -1, -1):
                q = parts[k].pos
                if q:
                    nxt = q[0]
                nexts[k] = nxt
            n_sep = len(sep)
        for k, p in enumerate(parts):
            if k and sep:
                nxt = nexts[k]
                at = pos[-1] + 1 if pos else (nxt or 0)
                if nxt is not None:
                    at = min(at, nxt)
                text.append(sep)
                if n_sep == 1:
                    pos.append(at)
                else:
                    pos.extend([at] * n_sep)
            text.append(p.text)
            pos.extend(p.pos)
        return Span._raw("".join(text), pos)

    def sub(self, pattern, repl: Repl, keep: int | str | None = None) -> "Span":
        """``re.sub`` keeping offsets.

        With ``keep`` the replacement is that group of the match (its characters keep their
        own offsets); otherwise the replacement string is synthetic, placed at the match start.
        """
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        text, pos, last = [], [], 0
        for m in rx.finditer(self.text):
            text.append(self.text[last:m.start()])
            pos.extend(self.pos[last:m.start()])
            if keep is not None:
                a, b = m.span(keep)
                if a >= 0:
                    text.append(self.text[a:b])
                    pos.extend(self.pos[a:b])
            else:
                r = repl(m) if callable(repl) else m.expand(repl)
                text.append(r)
                pos.extend([self.at(m.start())] * len(r))
            last = m.end()
        if last == 0 and not text:
            return self
        text.append(self.text[last:])
        pos.extend(self.pos[last:])
        return Span._raw("".join(text), pos)

    def strip(self, chars: str | None = None) -> "Span":
        t = self.text
        a = len(t) - len(t.lstrip(chars))
        b = len(t.rstrip(chars))
        if a == 0 and b == len(t):
            return self
        return self[a:max(a, b)]

    def split_lines(self) -> list:
        out, start = [], 0
        pos, raw = self.pos, Span._raw
        for line in self.text.split("\n"):
            end = start + len(line)
            out.append(raw(line, pos[start:end]))
            start = end + 1
        return out

    def to_map(self, source_len: int) -> OffsetMap:
        return OffsetMap(self.pos, source_len)
