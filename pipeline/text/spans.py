"""Offsets between a cleaned text and the source text it was made from.

``Span`` is a string that remembers, for every character, the source offset it came from
(like eyecite's SpanUpdater).  The offsets are kept as runs ("segments"): ``(src, n, step)``
stands for the ``n`` offsets ``src, src + step, …`` (``step`` 1: copied characters, 0: ``n``
synthetic characters placed at ``src``).  Cleaning steps slice, substitute and join Spans;
the final one gives the ``OffsetMap`` stored in ``Document.offsets``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Callable, Iterable, Optional, Sequence, Union

# a run of source offsets: (src, n, step)
Seg = tuple[int, int, int]


def _expand(segs: Iterable[Seg]) -> list[int]:
    """The per-character offsets of ``segs``."""
    pos: list[int] = []
    for s, n, st in segs:
        if st:
            pos.extend(range(s, s + n))
        else:
            pos.extend([s] * n)
    return pos


def _compress(pos: Sequence[int]) -> list[Seg]:
    """``pos`` (a list of offsets) as segments."""
    segs = []
    i, n = 0, len(pos)
    while i < n:
        s = pos[i]
        j = i + 1
        if j < n and pos[j] == s:
            while j < n and pos[j] == s:
                j += 1
            segs.append((s, j - i, 0))
        else:
            while j < n and pos[j] == s + (j - i):
                j += 1
            segs.append((s, j - i, 1))
        i = j
    return segs


def _cut(segs: list[Seg], a: int, b: int) -> list[Seg]:
    """The segments of characters ``[a, b)`` (``0 <= a``, ``b <= length``)."""
    if a >= b:
        return []
    if len(segs) == 1:
        s, n, st = segs[0]
        return [(s + a * st, b - a, st)]
    out, off = [], 0
    for s, n, st in segs:
        end = off + n
        if end <= a:
            off = end
            continue
        if off >= b:
            break
        lo = a - off if a > off else 0
        hi = b - off if b < end else n
        out.append((s + lo * st, hi - lo, st))
        off = end
    return out


def _pos_at(segs: list[Seg], i: int) -> int:
    off = 0
    for s, n, st in segs:
        if i < off + n:
            return s + (i - off) * st
        off += n
    raise IndexError(i)


def _last(segs: list[Seg]) -> int:
    s, n, st = segs[-1]
    return s + (n - 1) * st


class OffsetMap:
    """Maps offsets in the normalised text to the source text and back.

    ``to_source(i)`` is where character ``i`` of the normalised text came from;
    ``from_source(j)`` is the first normalised offset whose source offset is ``>= j``
    (so a source span ``[a, b)`` maps to ``[from_source(a), from_source(b))``).
    The per-character list is made from the segments on first use.
    """

    def __init__(self, positions: Iterable[int], source_len: int):
        self._p: Optional[list[int]] = list(positions)
        self._segs: Optional[list[Seg]] = None
        self._n = len(self._p)
        self.source_len = source_len

    @classmethod
    def _from_segs(cls, segs: list[Seg], n: int, source_len: int) -> OffsetMap:
        m = object.__new__(cls)
        m._p, m._segs, m._n, m.source_len = None, segs, n, source_len
        return m

    @property
    def _pos(self) -> list[int]:
        if self._p is None:
            assert self._segs is not None      # (set whenever _p is None)
            self._p = _expand(self._segs)
            self._segs = None
        return self._p

    @classmethod
    def identity(cls, n: int) -> OffsetMap:
        return cls(range(n), n)

    def __len__(self) -> int:
        return self._n

    def to_source(self, offset: int) -> int:
        if offset >= self._n:
            return self.source_len
        return self._pos[max(offset, 0)]

    def from_source(self, offset: int) -> int:
        return bisect_left(self._pos, offset)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """A normalised ``[start, end)`` as a source span."""
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1


Repl = Union[str, Callable[[re.Match[str]], str]]


class Span:
    """A string plus the source offset of each character (kept as segments, see above)."""

    __slots__ = ("text", "segs")

    def __init__(self, text: str = "", pos: list[int] | None = None):
        self.text = text
        p = list(pos) if pos is not None else []
        assert len(p) == len(text)
        self.segs = _compress(p)

    @classmethod
    def _raw(cls, text: str, segs: list[Seg]) -> Span:
        """A Span over the segments ``segs`` (no copy, no check)."""
        s = object.__new__(cls)
        s.text = text
        s.segs = segs
        return s

    @property
    def pos(self) -> list[int]:
        """The source offset of each character (a new list)."""
        return _expand(self.segs)

    @classmethod
    def of(cls, text: str, start: int = 0) -> Span:
        return cls._raw(text, [(start, len(text), 1)] if text else [])

    @classmethod
    def synthetic(cls, text: str, at: int) -> Span:
        """Characters that are not in the source (a joining space, a tab) placed at ``at``."""
        return cls._raw(text, [(at, len(text), 0)] if text else [])

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, item: int | slice) -> Span:
        if type(item) is slice:
            a, b, step = item.indices(len(self.text))
            if step != 1:
                return Span(self.text[item], self.pos[item])
            return Span._raw(self.text[a:b], _cut(self.segs, a, b) if b > a else [])
        return Span(self.text[item], [self.pos[item]])

    def __add__(self, other: Span) -> Span:
        return Span._raw(self.text + other.text, self.segs + other.segs)

    def __repr__(self) -> str:
        return f"Span({self.text!r})"

    def at(self, i: int, default: int = 0) -> int:
        """Source offset of character ``i`` (or of the end, for ``i == len``)."""
        n = len(self.text)
        if 0 <= i < n:
            return _pos_at(self.segs, i)
        if n:
            return _last(self.segs) + 1 if i >= n else self.segs[0][0]
        return default

    @staticmethod
    def join(sep: str, parts: Iterable[Span]) -> Span:
        """Join with a synthetic separator placed just after the part before it."""
        parts = list(parts)
        if len(parts) == 1:                     # nothing to join (Spans are immutable)
            return parts[0]
        if len(sep) == 1 and parts:
            # parts copied from the source one after another, one character apart (lines
            # joined again): the separators take those characters' places, one run in all
            q = parts[0].segs
            if len(q) == 1 and q[0][2] == 1:
                first, size, _ = q[0]
                gap = first + size + 1           # where the next part must start
                for k in range(1, len(parts)):
                    q = parts[k].segs
                    if len(q) != 1 or q[0][0] != gap or q[0][2] != 1:
                        break
                    gap += q[0][1] + 1
                else:
                    joined = sep.join([p.text for p in parts])
                    return Span._raw(joined, [(first, len(joined), 1)])
        text, segs = [], []
        if not sep:
            for p in parts:
                text.append(p.text)
                segs.extend(p.segs)
            return Span._raw("".join(text), segs)
        n_sep = len(sep)
        segs = list(parts[0].segs) if parts else []
        extend, append = segs.extend, segs.append
        for k in range(1, len(parts)):
            q = parts[k].segs
            # the separator goes just after the text before it, but not after the first
            # source offset of the parts that follow
            if q:
                nxt = q[0][0]
            else:
                nxt = None
                for r in parts[k + 1:]:
                    if r.segs:
                        nxt = r.segs[0][0]
                        break
            if segs:
                s, n, st = segs[-1]
                at = s + (n - 1) * st + 1
                if nxt is not None and nxt < at:
                    at = nxt
            else:
                at = nxt or 0
            append((at, n_sep, 0))
            extend(q)
        return Span._raw(sep.join([p.text for p in parts]), segs)

    def sub(self, pattern: str | re.Pattern[str], repl: Repl, keep: int | str | None = None) -> Span:
        """``re.sub`` keeping offsets.

        With ``keep`` the replacement is that group of the match (its characters keep their
        own offsets); otherwise the replacement string is synthetic, placed at the match start.
        """
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        t, ss = self.text, self.segs
        text, segs, last, matched = [], [], 0, False
        for m in rx.finditer(t):
            matched = True
            ms = m.start()
            if ms > last:
                text.append(t[last:ms])
                segs.extend(_cut(ss, last, ms))
            if keep is not None:
                a, b = m.span(keep)
                if a >= 0 and b > a:
                    text.append(t[a:b])
                    segs.extend(_cut(ss, a, b))
            else:
                r = repl(m) if callable(repl) else m.expand(repl)
                if r:
                    text.append(r)
                    segs.append((self.at(ms), len(r), 0))
            last = m.end()
        if not matched:
            return self
        if last < len(t):
            text.append(t[last:])
            segs.extend(_cut(ss, last, len(t)))
        return Span._raw("".join(text), segs)

    def strip(self, chars: str | None = None) -> Span:
        t = self.text
        if chars == " " and t[:1] != " " and t[-1:] != " ":
            return self
        a = len(t) - len(t.lstrip(chars))
        b = len(t.rstrip(chars))
        if a == 0 and b == len(t):
            return self
        if b == len(t) and self.segs[0][1] == a:      # the first run goes: no cut
            return Span._raw(t[a:], self.segs[1:])
        return self[a:max(a, b)]

    def split_lines(self) -> list[Span]:
        out: list[Span] = []
        start = 0
        raw, segs = Span._raw, self.segs
        if len(segs) == 1:
            # (the Spans made here, not through ``_raw``: one call less a line)
            s, _, st = segs[0]
            new, cls, append = object.__new__, Span, out.append
            empty = Span._raw("", [])           # (one for every empty line: never changed)
            for line in self.text.split("\n"):
                n = len(line)
                if n:
                    sp = new(cls)
                    sp.text = line
                    sp.segs = [(s + start * st, n, st)]
                    append(sp)
                else:
                    append(empty)
                start += n + 1
            return out
        k, off, nsegs = 0, 0, len(segs)       # segs[k] starts at text offset off
        for line in self.text.split("\n"):
            end = start + len(line)
            piece = []
            if end > start:
                while off + segs[k][1] <= start:
                    off += segs[k][1]
                    k += 1
                j, o = k, off
                while j < nsegs and o < end:
                    s, n, st = segs[j]
                    lo = start - o if start > o else 0
                    hi = end - o if end < o + n else n
                    piece.append((s + lo * st, hi - lo, st))
                    o += n
                    j += 1
            out.append(raw(line, piece))
            start = end + 1
        return out

    def to_map(self, source_len: int) -> OffsetMap:
        return OffsetMap._from_segs(self.segs, len(self.text), source_len)
