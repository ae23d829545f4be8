"""Acceptance: which candidates of a clause are targets, and their Target records."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Optional

from pipeline.document import Target
from pipeline.stages.targets.candidates import Cand, candidates, comparator_before, starts_with, tail_start
from pipeline.stages.targets.clauses import Clause, clauses_of, has_condition, line_rest, lines
from pipeline.stages.targets.context import (
    Ctx,
    Flags,
    heading_of,
    quote,
    quote_span,
    section_flags,
    section_heading,
    section_path,
)
from pipeline.stages.targets.deadlines import heading_deadline, own_dates, target_deadline
from pipeline.stages.targets.indicator import indicator_for
from pipeline.stages.targets.patterns import YEAR, cues, regexes
from pipeline.stages.targets.tasks import deadline_tasks

_YEAR_RE = re.compile(YEAR)


def accept(ctx: Ctx, cl: Clause, cand: Cand, flags: Flags) -> bool:
    """Is the candidate a target (not a fact, baseline, reference or scope)?"""
    rx, c = regexes(), cues()
    t = cl.text
    before = _before(t, cand.start)
    after = t[cand.end:cand.end + 60]
    if flags["negative"]:
        return False
    if rx["neg_lead"].match(line_rest(cl.line_text)) and not cand.kind == "frequency":
        return False
    if has_condition(t):
        return False
    if rx["baseline"].match(t) and not rx["baseline_after"].match(t):
        return False                                   # "Hiện nay, tổng số trạm … khoảng 180 trạm"
    if rx["past"].search(before[-40:]):
        return False
    if rx["share"].search(before[-40:]) and comparator_before(before) not in c["strong_comparators"] \
            and not _dated_chain(ctx, flags):
        return False                                   # "chiếm 30%": a share, not a commitment
    if cand.kind == "count" and (rx["title"].search(before[-30:]) or rx["title_list"].search(before[-60:])
                                 or subject_count(ctx, cand)):
        return False                                   # "Mẫu biểu số 02, 03", "02 công trình dự án"
    if cand.kind == "percent":
        return not rx["share_noun"].match(after) \
            and not rx["entitled"].search(before[-20:])   # "100% vốn điều lệ", "địa phương hưởng 100%"
    if cand.kind == "frequency":
        return True
    unit = cand.unit or ""
    if cl.label and before.rstrip().endswith(":"):
        m = rx["count_label"].match(cl.label)
        if m and unit.split()[0].lower() == m.group(1).lower():
            return True                                # "Số điểm quan trắc: 08 điểm" (no "điểm a")
    if starts_with(unit, c["money_units"]) and rx["value_verb_before"].search(before, tail_start(before, 4)):
        return True                                    # "xuất khẩu … đạt trên 48,3 triệu USD"
    if starts_with(unit, c["reference_units"]) or starts_with(unit, c["money_units"]):
        return False
    if starts_with(unit, c["time_units"]) and "/" not in unit:
        return False
    if _YEAR_RE.fullmatch(t[cand.start:cand.end].split(" ")[0]) and "/" not in unit \
            and comparator_before(before) not in c["strong_comparators"]:
        return False                                   # "2030 phấn đấu …": a year
    if rx["down_up"].search(after) and rx["from_end"].search(before, tail_start(before, 2)):
        return False                                   # baseline "giảm từ 23 … xuống 18"
    own = bool(own_dates(ctx, cl, 0, len(t), deadline_only=True, cells=False))
    if rx["scope"].search(before[-25:]) and not own:
        return False
    if cand.strong or "/" in unit or cand.comparator:
        return True
    if comparator_before(before) in c["strong_comparators"] \
            or rx["cmp_after"]["at_least"].match(_after(t, cand.end)):
        return True
    if cl.label and before.rstrip().endswith(":"):
        if rx["verb_label"].match(cl.label):
            return True                                # "Lắp đặt mới trạm 3G/4G: 58 trạm"
    if rx["target_lead"].match(cl.label or "") or rx["target_lead"].match(t):
        return True
    if own:
        return True
    if flags["target"] and (not before.strip() or rx["count_lead"].search(before[-30:])):
        return True                                    # "Tiếp cận, tư vấn cho 50 lượt …"
    if rx["verb_before"].search(before[-30:]):
        return True
    return drafted(before, unit)


def subject_count(ctx: Ctx, cand: Cand) -> bool:
    """Does a count repeat one of the preamble, the text before the first section ("nghe
    báo cáo tiến độ triển khai thực hiện 02 công trình dự án" → "hoàn thành 02 công trình
    dự án")?  It names what the document is about, not a commitment.  The units match when
    one is the other's first words ("02 công trình" of "02 công trình dự án")."""
    if ctx._subjects is None:
        ctx._subjects = _preamble_counts(ctx)
    if not ctx._subjects or not cand.unit:
        return False
    words = cand.unit.lower().split()
    for value, unit in ctx._subjects:
        if value == cand.value:
            other = unit.split()
            k = min(len(words), len(other))
            if k and words[:k] == other[:k]:
                return True
    return False


def _preamble_counts(ctx: Ctx) -> list[tuple[float, str]]:
    """(value, lower-cased unit) of the counts before the first section."""
    if not ctx.sections:
        return []
    first = min(s.start for s in ctx.sections)
    out: list[tuple[float, str]] = []
    for ls, le, line in lines(ctx.v[:first]):
        for cl in clauses_of(ctx.v, ls, le, line):
            out += [(c.value, c.unit.lower()) for c in candidates(cl, ctx.plan_year)
                    if c.kind == "count" and c.unit and c.value_max is None]
    return out


def drafted(before: str, unit: str) -> bool:
    """Is a count of legal documents the output of a verb of drafting right before it
    ("Sửa đổi, bổ sung 322 văn bản quy phạm pháp luật", "hoàn thành ngay 319 VBQPPL")?"""
    return starts_with(unit, cues()["legal_document_units"]) \
        and regexes()["drafting_before"].search(before[-40:]) is not None


def goal(t: str, cand: Cand) -> bool:
    """Do the directions of a task document commit to this bare number: a goal word before
    it in its clause ("phải đạt 90%", "quyết tâm giải ngân 100%", "đạt được mục tiêu tăng
    trưởng kinh tế 8%": ``goal_cues``), or a verb of drafting before a count of legal
    documents (``drafted``)?"""
    rx = regexes()
    before = t[max(0, cand.start - 120):cand.start]
    m = rx["goal_before"].search(before)
    if m and not rx["past_end"].search(before, 0, m.start("cue")):
        return True                                    # (not "đã quyết tâm giải ngân 90%")
    return cand.kind == "count" and drafted(before, cand.unit or "")


_WORD_PAIR = re.compile(r"\w\w")


def _rate_definitions(t: str, accepted: list[Cand]) -> set[int]:
    """Which counts of ``accepted`` (by index) are part of the definition of a rate measured
    after them: "Tỷ lệ người sử dụng có khả năng truy cập băng rộng với tốc độ 01 Gb/s đạt
    100%" (a percent later in one phrase, no comma between, "tỷ lệ" before the count)?

    Once per clause, each count in log time, not a scan of the clause per count: a
    ``clause_break`` is one character (",;:("), so no break before the first percent after
    a count is what "no break before some percent after it" asks, and the breaks are found
    once; a ``rate_measure`` match ("tỷ lệ") ends before the count when the first one of the
    clause does (its matches cannot overlap: none holds "tỷ"/"tỉ" past its start), or when
    one is cut at the count (only between two word characters: never before a count)."""
    rx = regexes()
    pct = [p.start for p in accepted if p.kind == "percent"]
    if not pct:
        return set()
    breaks = [m.start() for m in rx["clause_break"].finditer(t)]
    first = rx["rate_measure"].search(t)
    out: set[int] = set()
    for i, cand in enumerate(accepted):
        if cand.kind != "count":
            continue
        j = bisect_right(pct, cand.end)                # the first percent after the count
        if j == len(pct):
            continue
        k = bisect_left(breaks, cand.end)
        if k < len(breaks) and breaks[k] < pct[j]:
            continue                                   # a comma between
        e = cand.start
        if (first is not None and first.end() <= e) or \
                (0 < e < len(t) and _WORD_PAIR.match(t, e - 1, e + 1) and rx["rate_measure"].search(t, 0, e)):
            out.add(i)
    return out


def _dated_chain(ctx: Ctx, flags: Flags) -> bool:
    """Is the clause under a target heading with a horizon ("1. Đến năm 2030", "Phát triển
    kinh tế số đến năm 2030")?  A share stated for a future year is a commitment ("Kinh tế số
    chiếm 45% GRDP"); without one it states a fact ("Dân số đô thị chiếm 30% dân số")."""
    return flags["target"] and any((heading_deadline(heading_of(ctx, s)) or "").isdigit()
                                   for s in flags["chain"])


def _before(t: str, start: int, window: int = 600) -> str:
    """The text before a number, as far as the patterns that look back from it reach (a
    comparator past dates and bridge words, a verb, a label's ":"): not the whole start
    of a long line, which would make a line of numbers quadratic."""
    return t[max(0, start - window):start]


def _after(t: str, end: int, window: int = 200) -> str:
    """The text after a number, as far as a comparator after it ("… 80% trở lên") can
    reach: not the whole rest of a long line (a slice per number is quadratic)."""
    after = t[end:end + window]
    return t[end:] if len(after) == window and not after[:window // 2].strip() else after


def clause_targets(ctx: Ctx, cl: Clause, goals: Optional[list[bool]] = None) -> list[Target]:
    """The targets of one clause: its accepted numbers, else its tasks with a due date.
    ``goals``, when given, gets for each target whether the clause commits to its number
    (``goal``)."""
    cands = candidates(cl, ctx.plan_year)
    flags = section_flags(ctx, cl.start)
    kept: list[Cand] = []
    accepted = [cand for cand in cands if accept(ctx, cl, cand, flags)]
    defines_rate = _rate_definitions(cl.text, accepted)
    for i, cand in enumerate(accepted):
        if i in defines_rate:
            continue                                   # "Tỷ lệ … tốc độ 01 Gb/s đạt 100%"
        if kept and cand.kind != kept[0].kind \
                and not regexes()["second_indicator"].search(cl.text, kept[-1].end, cand.start):
            continue                                   # a number defining the indicator
        if kept and cand.words and not kept[0].words:
            continue
        kept.append(cand)
    if not kept:
        tasks = deadline_tasks(ctx, cl, flags)
        if goals is not None:
            goals.extend(False for _ in tasks)
        return tasks
    # drop a past result: an own year before the plan starts
    targets: list[Target] = []
    prev_cmp: Optional[str] = None
    base = ""                                           # the last indicator read, not extended
    rx = regexes()
    for i, cand in enumerate(kept):
        nxt = kept[i + 1].start if i + 1 < len(kept) else len(cl.text)
        before = _before(cl.text, cand.start)
        cmp = cand.comparator or comparator_before(before[-60:])
        if cmp is None:
            after = _after(cl.text, cand.end)
            for k, r in rx["cmp_after"].items():
                if r.match(after):
                    cmp = k
        if cmp is None and i > 0 and prev_cmp and rx["and_end"].search(before, tail_start(before, 2)) \
                and not (cand.kind == "percent" and cand.value >= 100):
            cmp = prev_cmp                              # "Ít nhất 60% … và 50% …"
        cmp = cmp or "bare"
        prev_cmp = cmp
        deadline, source = target_deadline(ctx, cl, cand, nxt, i, kept, flags)
        if deadline and deadline[:4].isdigit() and ctx.period and int(deadline[:4]) < ctx.period[0] \
                and source == "own":
            continue
        ind = indicator_for(cl.text, cand.start, cand.end, nxt, kept[i - 1].end if i else 0,
                            cand.kind, cand.unit, section_heading(flags["chain"]))
        if len(ind.split()) <= 1 and targets:
            # "02 lớp/năm (70 người/01 lớp)": the indicator before it, with this unit; one
            # unit added to its own indicator, never to one already extended (so that a
            # line of "- 50% xã" repeated does not grow each indicator by the one before)
            ind = f"{base} ({cand.unit})"
        else:
            base = ind
        targets.append(Target(
            section=section_path(flags["chain"]), kind=cand.kind, value=cand.value,
            value_max=cand.value_max, unit=cand.unit, comparator=cmp, deadline=deadline,
            indicator=ind, quote=quote(ctx, cl, (cand.start, cand.end)),
            start=quote_span(cl, (cand.start, cand.end))[0],
            end=quote_span(cl, (cand.start, cand.end))[1],
            deadline_source=source))
        if goals is not None:                          # "mục tiêu 100% … và 100% …": both
            joined = i > 0 and bool(goals) and goals[-1] \
                and rx["and_end"].search(before, tail_start(before, 2)) is not None
            goals.append(cmp == "bare" and (joined or goal(cl.text, cand)))
    return targets
