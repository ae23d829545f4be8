"""Items: letters, bullets and numbered paragraphs, with their depth and section."""
from __future__ import annotations

import sys
from typing import Optional

from pipeline.document import Item, Section
from pipeline.stages.sections.blocks import Block

_ITEM_KINDS = frozenset(("letter", "bullet", "number"))
_RESETS = frozenset(("roman", "article", "part", "appendix", "signature"))


def list_items(blocks: list[Block], sections: list[Section]) -> list[Item]:
    """Letters, bullets and numbered-list paragraphs, with nesting depth.  Nothing from the
    recipients/signature block (until the next section) is an item."""
    kinds_stack: list[str]
    idx_stack: list[int]
    items, kinds_stack, idx_stack = [], [], []
    starts = {s.start for s in sections}
    path_at = _PathSweep(sections)
    in_signature = False
    for b in blocks:
        kind = b.kind
        if kind not in _ITEM_KINDS:
            # (a section starts at a heading's block: never at a text or an item's)
            if kind != "text" and (b.start in starts or kind in _RESETS):
                kinds_stack, idx_stack = [], []
                in_signature = kind == "signature" or (in_signature and b.start not in starts)
            continue
        if in_signature:
            continue
        mtype = b.marker if kind == "bullet" else kind
        if mtype in kinds_stack:
            d = kinds_stack.index(mtype)
            del kinds_stack[d + 1:]
            del idx_stack[d:]
        else:
            kinds_stack.append(mtype)
        items.append(Item(marker=b.marker, kind=kind, section=path_at(b.start),
                          start=b.body_start, end=b.end, depth=len(kinds_stack) - 1,
                          parent=idx_stack[-1] if idx_stack else None))
        idx_stack.append(len(items) - 1)
    return items


class _PathSweep:
    """``_path_at`` for offsets asked in increasing order: sections are taken in as the
    offset passes their start and dropped once it passes their end, so each lookup only
    looks at the sections open there; the answer holds until the next start or end."""

    def __init__(self, sections: list[Section]):
        self.sections = sections
        self.next = 0             # sections[:next] have start <= the last offset
        self.open: list[tuple[int, Section]] = []   # (index, section) of those not yet ended, in list order
        self.last: Optional[int] = None
        self.until = -1           # the answer below holds for offsets in [last, until)
        self.path: Optional[str] = None
        self.sorted = all(a.start <= b.start for a, b in zip(sections, sections[1:]))

    def __call__(self, offset: int) -> Optional[str]:
        secs = self.sections
        if not self.sorted or (self.last is not None and offset < self.last):
            return _path_at(secs, offset)          # out of order: the plain scan
        self.last = offset
        if offset < self.until:
            return self.path
        n = self.next
        while n < len(secs) and secs[n].start <= offset:
            self.open.append((n, secs[n]))
            n += 1
        self.next = n
        self.open = [(i, s) for i, s in self.open if offset < s.end]
        best = None
        for _i, s in self.open:
            if s.start <= offset and (best is None or s.level >= best.level):
                best = s
        # the open sections stay the same until one ends or another starts
        ends = [s.end for _i, s in self.open]
        if n < len(secs):
            ends.append(secs[n].start)
        self.until = min(ends) if ends else sys.maxsize
        self.path = best.path if best else None
        return self.path


def _path_at(sections: list[Section], offset: int) -> Optional[str]:
    """Path of the deepest section containing ``offset``."""
    best = None
    for s in sections:
        if s.start <= offset < s.end and (best is None or s.level >= best.level):
            best = s
    return best.path if best else None
