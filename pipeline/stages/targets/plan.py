"""The document's own facts: is it a plan, its period, the horizon of its targets."""
from __future__ import annotations

from typing import Optional

from pipeline.document import Document, Section, Target
from pipeline.stages.targets.context import Ctx, heading_facts, heading_of, is_appendix
from pipeline.stages.targets.deadlines import heading_deadline
from pipeline.stages.targets.patterns import cues, regexes
from pipeline.stages.targets.view import fallback_sections, view
from pipeline.text import dates as _dates


def is_plan(doc: Document, ctx: Ctx) -> bool:
    """Does the document make a plan (a Kế hoạch, or a decision issuing one)?"""
    c, rx = cues(), regexes()
    dt = (getattr(doc.meta, "doc_type", None) or "").lower()
    title = getattr(doc.meta, "title", None) or ""
    if not dt:                                         # unknown: look at the top of the text
        head = ctx.v[:3000]
        return bool(rx["plan_head"].search(head) or rx["plan_title"].search(head[:1500]))
    if any(dt.startswith(t) for t in c["plan_doc_types"]):
        return True
    return bool(rx["plan_title"].search(title))


def task_document(doc: Document) -> bool:
    """Does the document charge bodies with tasks item by item (a dispatch, a notice of
    conclusions: ``task_doc_types``; a Government resolution: ``task_number_codes``)?  Its
    dated tasks count anywhere in its body."""
    dt = (getattr(doc.meta, "doc_type", None) or "").lower()
    code = (getattr(doc.meta, "number", None) or "").rsplit("/", 1)[-1].strip().lower()
    return (bool(dt) and any(dt.startswith(t) for t in cues()["task_doc_types"])) \
        or (bool(code) and code in cues()["task_number_codes"])


def letter_document(doc: Document) -> bool:
    """Is the document an official letter (``letter_doc_types``)?  Its dated commitments
    count anywhere in its body ("hoàn thành 100% … trước ngày 06 tháng 12 năm 2025",
    "gửi về Bộ Nội vụ trước ngày 26/11/2025"); its other numbers (rates it explains,
    thresholds) do not."""
    dt = (getattr(doc.meta, "doc_type", None) or "").lower()
    return bool(dt) and any(dt.startswith(t) for t in cues()["letter_doc_types"])


def letter_kept(t: Target, issued: Optional[str]) -> bool:
    """A target of a letter: a dated task, or a number due by a date of its own clause
    (a full date); never a date before the letter (an earlier letter's deadline)."""
    d = t.deadline or ""
    if issued and len(d) == 10 and d < issued[:10]:
        return False
    return t.kind == "deadline" or (t.deadline_source == "own" and len(d) == 10)


def task_kept(t: Target, chain: list[Section], sentence: str = "", goal: bool = False,
              issued: Optional[str] = None) -> bool:
    """A target of a task document outside its target sections: a dated task, a number
    with a comparator ("phấn đấu tăng trưởng … trên 8%"), a bare number its clause commits
    to (``goal``: "phải đạt 90% trong năm 2025"), or the whole of something due by a date of
    its own clause, not before the document ("Hoàn thành 100% TTHC … trong năm 2025",
    "số hoá 100% dữ liệu … trong năm 2026"); results ("ước đạt 8,19%"), appendix tables and
    sentences that review or appraise past work ("Đánh giá cao …", "Thời gian qua, …":
    ``review_openers``) are not."""
    if chain and is_appendix(chain[0]):
        return False
    if regexes()["review_opener"].match(sentence):
        return False
    if t.kind == "deadline" or (t.comparator or "bare") != "bare" or goal:
        return True
    d = t.deadline or ""
    return t.kind == "percent" and t.value == WHOLE and t.value_max is None \
        and t.deadline_source == "own" and d[:4].isdigit() and d[:4] >= (issued or "")[:4]


WHOLE = 100.0                                          # "100%": the whole of what is counted


def annual_plan(ctx: Ctx) -> None:
    """A plan of one year whose title lacks the year ("Phát động phong trào thi đua …", its
    period 2025): its targets inherit the year as if the title stated it."""
    if ctx.period and ctx.period[0] == ctx.period[1]:
        ctx.own_period = True


def _undated(text: str) -> str:
    """``text`` without its full dates ("ngày 15 tháng 8 năm 2024" is no period)."""
    for s, e, iso in sorted(_dates.find_dates(text), reverse=True):
        if len(iso) > 4:
            text = text[:s] + " " + text[e:]
    return text


def _plan_period(doc: Document, v: str) -> tuple[Optional[list[int]], bool]:
    """(period, own): the plan's period, and whether its title states it (only then do
    targets without any other date inherit its end; see also ``annual_plan``)."""
    p = getattr(doc.meta, "period", None)
    title = getattr(doc.meta, "title", None) or _title_text(v)
    if p and len(p) == 2 and all(isinstance(x, int) for x in p):
        own = bool(title and _dates.parse_period(_undated(title), p[0]))
        return list(p), own
    p = _dates.parse_period(_undated(title)) if title else None
    return p, bool(p)


def _title_text(v: str) -> str:
    """The line after "KẾ HOẠCH" (or the like) near the top: the plan's title."""
    m = regexes()["plan_title_line"].search(v[:4000])
    return m.group(1) if m else ""


def make_context(doc: Document) -> Ctx:
    """The context of ``doc``: view, sections (or ``fallback_sections``), period, citations."""
    v = view(doc.text)
    sections = list(doc.sections) if doc.sections else fallback_sections(v)
    period, own = _plan_period(doc, v)
    plan_year = period[0] if period else None
    if plan_year is None:
        plan_year = _dates.year_of(getattr(doc.meta, "date", None))
    ts = cues()["target_section_heading"]
    oh = cues()["objective_heading"]
    heads = [heading_of(None, s) for s in sections]
    facts = [heading_facts(h) for h in heads]
    # a "Chỉ tiêu" section of the body (an appendix's "… CÁC CHỈ TIÊU" table restates the
    # objectives, it does not replace them)
    has_ts = any(ts in f.low and oh not in f.low
                 for s, f in zip(sections, facts) if not is_appendix(s))
    cited = [(c.start, c.end) for c in (doc.citations or []) if getattr(c, "end", 0) > getattr(c, "start", 0)]
    # (the None ones dropped below)
    years: list[Optional[str]] | list[str] = [heading_deadline(h) for h, f in zip(heads, facts)
                                              if f.target_printed]
    years = [y for y in years if y and y.isdigit()]
    return Ctx(doc, v, sections, period, plan_year, has_ts, cited, own_period=own,
               horizon=max(years) if years else None)
