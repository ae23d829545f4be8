"""Agencies: the bodies a plan gives duties to, with role, canonical name and sector.

Where bodies are found (rules: ``corpus/ANNOTATION.md``; data: ``data/agencies.yaml``):

- the numbered entries of "TỔ CHỨC THỰC HIỆN": "1. Phòng Tư pháp" (a heading naming the
  body, duties below) or "2. Sở Tài chính chủ trì, phối hợp ..." (a sentence);
  "Đề nghị ..." entries give ``requested`` bodies, member bodies listed in brackets or as
  "- Hội Liên hiệp Phụ nữ tỉnh: ..." bullets included;
- anywhere in the plan: "X chủ trì, phối hợp với Y, Z" (X lead, Y and Z coordinate) and task
  fields "Cơ quan chủ trì: ..." / "Cơ quan phối hợp: ..." / "Cơ quan thực hiện: ...";
- task tables with "chủ trì" / "phối hợp" columns (cells separated by "\\t");
- "Điều 2/3" executors of a decision that has no plan attached;
- in dispatches, notices, resolutions and directives, the subject of any numbered or lettered
  item ("a) Bộ Tài chính tiếp tục …", "3. Về …: giao Tập đoàn … làm việc …").

Each body is reported once (same canonical name), with its strongest role
(lead > responsible > requested > coordinate); ``Agency.mentions`` counts its mentions.
"""
from __future__ import annotations

from bisect import bisect_right

from pipeline.document import Agency, Document
from pipeline.stages.agencies import clauses, items, mentions, regions
from pipeline.stages.agencies.layout import body_end, recipient_spans
from pipeline.stages.agencies.lists import split_bodies, starts_body
from pipeline.stages.agencies.mentions import Mention
from pipeline.stages.agencies.merge import ROLE_RANK, merge_key, merge_mentions
from pipeline.stages.agencies.names import canonical, expand_abbreviations, fold
from pipeline.stages.agencies.patterns import data
from pipeline.text.folds import fold as text_fold

__all__ = ["extract_agencies", "canonical", "expand_abbreviations", "fold", "merge_key",
           "split_bodies", "starts_body", "ROLE_RANK"]


def _plan_like(doc: Document) -> bool:
    """Plans, programmes, directives, decisions, resolutions and dispatches give bodies
    duties ("Giao Ủy ban nhân dân thành phố tổ chức thực hiện Nghị quyết"); decrees,
    circulars, notices and laws are out of scope (an unknown type is given the benefit)."""
    dt = text_fold(getattr(doc.meta, "doc_type", None) or "")
    return not dt or any(dt.startswith(text_fold(t)) for t in data()["plan_types"])


def extract_agencies(doc: Document) -> list[Agency]:
    """The bodies ``doc`` gives duties to (one per body, strongest role)."""
    text = doc.text or ""
    if not text.strip() or not _plan_like(doc):
        return []
    end = body_end(text)
    outline = regions.Outline(doc.sections)
    parts = regions.regions(doc, outline)
    found: list[Mention] = []
    duties: list[Mention] = []          # of articles headed "Trách nhiệm của …" (regulations)
    for region in parts:
        own = regions.duty_article(region, outline)
        (duties if own else found).extend(mentions.region_mentions(doc, region, outline, own))
    body_start = min((s.start for s in doc.sections or []), default=0)
    found += clauses.field_mentions(doc, body_start, end)
    found += clauses.chu_tri_mentions(doc, body_start, end)
    found += clauses.giao_mentions(doc, body_start, end)
    tables = clauses.table_mentions(doc, body_start, len(text))
    found += tables
    if items.item_document(doc):       # dispatches, notices, resolutions: item by item
        appendix = min((s.start for s in doc.sections or [] if s.path.startswith("PL")), default=end)
        for m in tables:               # an appendix restating tasks of other documents for
            if m.start >= appendix and m.role == "lead":    # follow-up: no lead of this one
                m.role = "responsible"
        found += items.item_mentions(doc, body_start, min(end, appendix))
        found += items.asked_mentions(doc, 0, min(end, appendix))
    if items.item_document(doc, letters=True):     # "Bộ Nội vụ đề nghị Ủy ban nhân dân …"
        found += items.asked_mentions(doc, body_start, end, own=True)
    if not found:                       # (a part may name no body: "Điều 4. Tổ chức thực hiện")
        found += clauses.article_mentions(doc)
    for m in duties:                    # (a regulation's duties, not the plan's headings: no lead
        m.where, m.chu_tri = "article", False   # of the document; "chủ trì" there is of a task)
    found += duties
    skip = _union(recipient_spans(text))
    skip_starts = [a for a, _ in skip]
    found = [m for m in found if not _inside(skip, skip_starts, m.start)]
    found.sort(key=lambda m: m.start)
    return merge_mentions(found, doc)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans [a, b) merged where they overlap or touch, sorted."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], x: int) -> bool:
    """Is ``x`` in one of the sorted disjoint ``spans`` (a bisect, not a scan per mention)?"""
    i = bisect_right(starts, x) - 1
    return i >= 0 and x < spans[i][1]
