"""The role of a citation: parent, basis, amends, replaces or reference, from the cue that
opens its clause, the words just before it, and where it stands (title, preamble, body).

"amends" / "replaces" only when this document does the amending ("Quyết định này thay thế
…", "Điều 2. Bãi bỏ …", a title "Sửa đổi, bổ sung … Nghị quyết số …"); a document named
inside another citation (its title, or joined to one that is) is a reference."""
from __future__ import annotations

import heapq
import re
from functools import lru_cache
from typing import Any, Optional

from pipeline.document import Citation, Document
from pipeline.stages.citations.blocks import block_opener, clause_opener
from pipeline.stages.citations.context import cues, type_words
from pipeline.stages.citations.numbers import NUMBER_RE
from pipeline.stages.doc_types import heading_re
from pipeline.stages.patterns import fill, longest_first
from pipeline.text.view import View

_P = cues()["patterns"]
_FIRST_SECTION_RE = re.compile(fill(_P["first_section"]))
_TITLE_END_RE = re.compile(fill(_P["title_end"]))
_OTHER_OBJECT_RE = re.compile(fill(_P["other_object"]))
_CLAUSE_SPLIT_RE = re.compile(r"[.;\n]")
_OPEN_PAREN_RE = re.compile(r"\(\s*$")
_JOINED_RE = re.compile(fill(_P["joined"]))
_OWN_HEAD_RE = re.compile(fill(_P["own_action_head"], leads=longest_first(cues()["own_action_leads"])))
_THIS_RE = re.compile(fill(_P["this_document"], types=[w for w, _ in type_words()]))


def first_section(view: View, doc: Document) -> int:
    """View offset where the body starts (first "I." heading), to bound the preamble."""
    m = _FIRST_SECTION_RE.search(view.text)
    return m.start() if m else len(view.text)


def title_span(view: View) -> tuple[int, int]:
    """View span of the document's own title (the blocks after the type heading)."""
    hm = heading_re().search(view.text[:6000])
    if not hm:
        return (0, 0)
    text = view.text
    start = hm.end()
    end = pos = start
    while pos >= 0:                         # the lines after the heading, up to a break
        nl = text.find("\n", pos)
        e = len(text) if nl < 0 else nl
        line = text[pos:e].strip()
        pos = nl + 1 if nl >= 0 else -1
        if not line:
            continue
        if block_opener(line) or _TITLE_END_RE.match(line):
            break
        end = e
        if line != line.upper() or end - start > 600:
            break
    return (start, end)


@lru_cache(maxsize=1)
def _role_res() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """The patterns of the replaces and amends cues, longest first, and of every cue in a
    title (group "replaces" / "amends" / "parent")."""
    d = cues()
    title_cues = fill(_P["title_cue"], replaces=longest_first(d["replaces_cues"]),
                      amends=longest_first(d["amends_cues"]), parent=longest_first(d["parent_openers"]))
    replaces = [re.compile(fill(_P["replaces"], cue=re.escape(w))) for w in longest_first(d["replaces_cues"])]
    amends = [re.compile(fill(_P["amends"], cue=re.escape(w))) for w in longest_first(d["amends_cues"])]
    return tuple(replaces), tuple(amends), re.compile(title_cues)


class Nesting:
    """The citations of a text, met in the order of their starts, each kept as [start, end,
    the span it is nested in, its citation, its index]; ``nest`` tells which one a next
    citation is named inside.  The spans that may still hold a later citation are a heap of
    indices: finding the first one takes log time, not a scan of all before it."""

    def __init__(self) -> None:
        self.spans: list[list[Any]] = []
        self._open: list[int] = []

    def nest(self, t: str, c: Citation) -> Optional[Citation]:
        """The citation ``c`` is named inside (its title: "Kế hoạch số A … về thực hiện Nghị
        quyết số B"), also when joined by "và" / "," to one that is ("… Nghị quyết số B của
        Chính phủ và Kế hoạch số C"); None.  The first span holding ``c.start`` strictly."""
        spans, heap = self.spans, self._open
        while heap and spans[heap[0]][1] <= c.start:     # ended: holds no later citation
            heapq.heappop(heap)                          # (unless it grows: pushed again)
        outer = spans[heap[0]] if heap and spans[heap[0]][0] < c.start else None
        last = spans[-1] if spans else None
        if outer is None and last and last[2] is not None and _JOINED_RE.fullmatch(t, last[1], c.start):
            outer = last[2]
        if outer is not None:
            outer[1] = max(outer[1], c.end)
            heapq.heappush(heap, outer[4])
        spans.append([c.start, c.end, outer, c, len(spans)])
        heapq.heappush(heap, len(spans) - 1)
        return outer[3] if outer is not None else None


@lru_cache(maxsize=1)
def _action_cues() -> tuple[str, ...]:
    """The replaces and amends cues (each pattern of ``_role_res`` holds one as written)."""
    return tuple(cues()["replaces_cues"] + cues()["amends_cues"])


def action(t: str, start: int) -> Optional[str]:
    """"replaces" / "amends" when the words just before ``start`` say that this document
    replaces or amends it: its own act ("Quyết định này … thay thế", "Điều 2. Bãi bỏ …"),
    not another document's ("Luật sửa đổi, bổ sung …", "khi có Thông tư mới thay thế …",
    "tham mưu UBND tỉnh sửa đổi …")."""
    before = t[max(0, start - 60):start].lower()
    if not any(w in before for w in _action_cues()):
        return None                         # (every pattern holds one of the cues)
    replaces, amends, _ = _role_res()
    for kind, patterns in (("replaces", replaces), ("amends", amends)):
        for r in patterns:
            m = r.search(before)
            if m:
                at = start - len(before) + m.start()
                head = _CLAUSE_SPLIT_RE.split(t[max(0, at - 200):at])[-1]
                own = not NUMBER_RE.search(head) and (_OWN_HEAD_RE.match(head) or _THIS_RE.search(head))
                return kind if own else None
    return None


def role(t: str, c: Citation, blocks: list[tuple[int, int]], body_start: int, title: tuple[int, int],
         nested: object) -> str:
    """Role of one citation from the cue of its clause and the words just before it."""
    acted = action(t, c.start)
    if acted:
        return acted
    if title[0] <= c.start < title[1]:
        # "KẾ HOẠCH Thực hiện Quyết định số …" / "NGHỊ QUYẾT Sửa đổi, bổ sung … Nghị quyết số …"
        last = None
        for last in _role_res()[2].finditer(t, title[0], c.start):  # noqa: B007
            pass
        return last.lastgroup if last and last.lastgroup else "parent"
    opener, cue_at = clause_opener(t, blocks, c.start)
    if opener == "basis" and c.start < body_start:
        if nested:
            return "reference"
        if c.doc_type in cues()["parent_types_under_basis"]:
            return "parent"
        return "basis"
    if opener == "parent" and c.start < body_start:
        if nested:
            return "reference"
        head = t[cue_at:c.start]
        # "Thực hiện chỉ đạo của … (Văn bản số …)": the cue's object is not this document
        if _OPEN_PAREN_RE.search(head) or _OTHER_OBJECT_RE.search(head):
            return "basis"
        return "parent"
    return "reference"
