"""The role of a citation: parent, basis, amends, replaces or reference, from the cue that
opens its block, the words just before it, and where it stands (title, preamble, body)."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.document import Citation, Document
from pipeline.stages.citations.blocks import block_at, block_opener, split_blocks
from pipeline.stages.citations.context import cues
from pipeline.stages.citations.numbers import NUMBER_RE
from pipeline.stages.doc_types import heading_re
from pipeline.stages.patterns import fill
from pipeline.text.view import View

_P = cues()["patterns"]
_FIRST_SECTION_RE = re.compile(fill(_P["first_section"]))
_TITLE_END_RE = re.compile(fill(_P["title_end"]))
_OTHER_OBJECT_RE = re.compile(fill(_P["other_object"]))
_CLAUSE_SPLIT_RE = re.compile(r"[.;\n]")
_OPEN_PAREN_RE = re.compile(r"\(\s*$")


def first_section(view: View, doc: Document) -> int:
    """View offset where the body starts (first "I." heading), to bound the preamble."""
    m = _FIRST_SECTION_RE.search(view.text)
    return m.start() if m else len(view.text)


def title_span(view: View) -> tuple[int, int]:
    """View span of the document's own title (the blocks after the type heading)."""
    hm = heading_re().search(view.text[:6000])
    if not hm:
        return (0, 0)
    start = hm.end()
    end = start
    for s, e in split_blocks(view.text[start:]):
        line = view.text[start + s:start + e].strip()
        if not line:
            continue
        if block_opener(line) or _TITLE_END_RE.match(line):
            break
        end = start + e
        if line != line.upper() or end - start > 600:
            break
    return (start, end)


@lru_cache(maxsize=1)
def _role_res() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """The patterns of the replaces and amends cues, in the order of the cue lists."""
    d = cues()
    return (tuple(re.compile(fill(_P["replaces"], cue=re.escape(w))) for w in d["replaces_cues"]),
            tuple(re.compile(fill(_P["amends"], cue=re.escape(w))) for w in d["amends_cues"]))


def role(t: str, c: Citation, blocks: list[tuple[int, int]], body_start: int, title: tuple[int, int],
         spans: list[tuple[int, int, Citation]]) -> str:
    """Role of one citation from its block's opener and the words just before it."""
    before = t[max(0, c.start - 60):c.start].lower()
    clause = _CLAUSE_SPLIT_RE.split(t[max(0, c.start - 150):c.start])[-1]
    # "Quyết định số 1729/QĐ-TTg … sửa đổi, bổ sung Quyết định số 655/QĐ-TTg": another
    # document does the amending, not this plan
    own_action = not NUMBER_RE.search(clause)
    if own_action:
        replaces, amends = _role_res()
        for r in replaces:
            if r.search(before):
                return "replaces"
        for r in amends:
            if r.search(before):
                return "amends"
    if title[0] <= c.start < title[1]:
        return "parent"
    nested = any(s < c.start < e for s, e, _ in spans)
    bs, be = block_at(blocks, c.start) or (0, 0)
    opener = block_opener(t[bs:be])
    if opener == "basis" and c.start < body_start:
        if nested:
            return "reference"
        if c.doc_type in cues()["parent_types_under_basis"]:
            return "parent"
        return "basis"
    if opener == "parent" and c.start < body_start:
        if nested:
            return "reference"
        head = t[bs:c.start]
        # "Thực hiện chỉ đạo của … (Văn bản số …)": the cue's object is not this document
        if _OPEN_PAREN_RE.search(head) or _OTHER_OBJECT_RE.search(head):
            return "basis"
        return "parent"
    return "reference"
