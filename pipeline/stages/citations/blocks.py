"""The blocks (lines) of the view, and the cue that opens a block ("Căn cứ" -> basis,
"Thực hiện" -> parent)."""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Optional

from pipeline.stages.citations.context import cues


class _Blocks(list[tuple[int, int]]):
    """(start, end) of the blocks, and their starts (for ``block_at``)."""
    starts: list[int]


def split_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block (line) of the view."""
    out, pos = _Blocks(), 0
    starts = []
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        starts.append(pos)
        pos += len(line) + 1
    out.starts = starts
    return out


def block_at(blocks: list[tuple[int, int]], x: int) -> Optional[tuple[int, int]]:
    """The first block ``(s, e)`` with ``s <= x <= e`` (blocks are in order, one character
    apart, so there is at most one), or None."""
    starts = getattr(blocks, "starts", None)
    if starts is None:
        return next(((s, e) for s, e in blocks if s <= x <= e), None)
    i = bisect_right(starts, x) - 1
    if i >= 0:
        s, e = blocks[i]
        if s <= x <= e:
            return s, e
    return None


@lru_cache(maxsize=2048)
def block_opener(block_text: str) -> Optional[str]:
    """"basis" / "parent" when the block opens with a "Căn cứ" / "Thực hiện" cue."""
    s = block_text.lstrip(" -+•*").lower()
    basis, parent = _opener_words()
    for w in basis:
        if s.startswith(w):
            return "basis"
    for w in parent:
        if s.startswith(w):
            return "parent"
    return None


@lru_cache(maxsize=1)
def _opener_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The basis openers and the parent openers (with a space after), lower-cased, longest first."""
    d = cues()
    return (tuple(w.lower() for w in sorted(d["basis_openers"], key=len, reverse=True)),
            tuple(w.lower() + " " for w in sorted(d["parent_openers"], key=len, reverse=True)))
