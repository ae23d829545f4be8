"""Targets: the quantified commitments of a plan and its tasks with due dates.

``extract_targets(doc)`` reads ``doc.text`` clause by clause and returns
:class:`pipeline.document.Target` records (rules: ``corpus/ANNOTATION.md``; cue words:
``pipeline/data/targets.yaml``).  Steps for each clause:

1. candidates: percentages, counts with their unit ("04 phóng sự/năm"), spelled-out counts
   after a comparator ("ít nhất một hình thức"), frequencies ("ít nhất một tháng một lần",
   "1 tháng đăng từ 1 - 2 lần") and due dates ("(hoàn thành Quý II/2020)", "trước ngày 15/6");
2. filters: scope facts, baselines and past results, cited titles, budget and scope
   sections, objectives when the plan has its own "Chỉ tiêu" section, and numbers that
   only define the indicator of a target before them in the clause;
3. attributes: comparator, unit, indicator, and the deadline, from the clause itself,
   else the item ("Thời gian thực hiện: …"), the lead-in ("Phấn đấu đến năm 2025:"), the
   governing headings ("ĐẾN NĂM 2025", "Hằng năm"), or the plan's own period.
"""
from __future__ import annotations

from bisect import bisect_right

from pipeline.document import Document, Target
from pipeline.stages.targets.accept import clause_targets
from pipeline.stages.targets.candidates import DIGIT_RE, comparator_before, unit_after
from pipeline.stages.targets.clauses import clauses_of, lines, marker_len
from pipeline.stages.targets.context import (
    cached_flags,
    chain,
    heading_facts,
    heading_of,
    is_appendix,
    section_flags,
    section_heading,
    stretch,
)
from pipeline.stages.targets.copies import drop_appendix_copies, drop_restated
from pipeline.stages.targets.patterns import cues, regexes
from pipeline.stages.targets.plan import (
    annual_plan,
    is_plan,
    letter_document,
    letter_kept,
    make_context,
    task_document,
    task_kept,
)
from pipeline.stages.targets.tasks import deadline_tasks

__all__ = ["extract_targets", "comparator_before", "unit_after", "cues"]


def extract_targets(doc: Document) -> list[Target]:
    """All targets of ``doc`` in text order."""
    if not doc.text:
        return []
    ctx = make_context(doc)
    plan = is_plan(doc, ctx)
    if plan:
        annual_plan(ctx)
    tasks = not plan and task_document(doc)           # a dispatch or notice: its dated tasks
    letter = not plan and not tasks and letter_document(doc)     # a letter: its dated commitments
    issued = getattr(doc.meta, "date", None)
    if not plan and not tasks and not letter and not any(f.target or f.roadmap for f in
                                          (heading_facts(heading_of(ctx, s)) for s in ctx.sections)):
        return []                                      # no target section: every clause is skipped below
    out: list[Target] = []
    restated: list[Target] = []                       # numbers of objectives beside a "Chỉ tiêu" section
    appendix: list[Target] = []                       # targets in an appendix (copies dropped)
    may_target = regexes()["may_target"]
    v = ctx.v
    stretch(ctx, 0)                                    # (sets ctx._bounds)
    bounds = ctx._bounds
    assert bounds is not None
    for ls, le, line in lines(v):
        # a line inside one stretch between section boundaries: its clauses share the flags
        # of its start, and a negative section or (outside a plan) a non-target one gives
        # nothing (see below)
        if bisect_right(bounds, ls) == bisect_right(bounds, le - 1):
            lf = cached_flags(ctx, ls)
            if lf["negative"] or (not plan and not tasks and not letter and not lf["target"]
                                  and not lf["roadmap"]):
                continue
        # the clauses lie after the line's marker: none can give a target when that part
        # of the line has no digit and none of the words a target needs (``may_target``)
        n = marker_len(line)
        if not DIGIT_RE.search(line, n) and not may_target.found_spaced(line[n:]):
            continue
        line_targets: list[Target] = []
        for cl in clauses_of(v, ls, le, line):
            flags = cached_flags(ctx, cl.start)
            # a clause in a negative section gives nothing (``accept``, ``deadline_tasks``),
            # and outside a plan only target sections are kept: skip those clauses
            off_target = not flags["target"] or flags["objective_only"]
            roadmap = not plan and not tasks and off_target and flags["roadmap"]
            if flags["negative"] or (not plan and not tasks and not letter and off_target
                                     and not roadmap):
                continue                               # a rule of a decree, not a plan's target
            goals: list[bool] = []
            found = clause_targets(ctx, cl, goals)
            if letter and off_target:
                found = [t for t in found if letter_kept(t, issued)]
            if roadmap:                                # a regulation's roadmap: its dated steps
                found = [t for t in found if t.kind == "deadline"]
            if tasks and off_target:
                sentence = v[cl.sentence[0]:cl.sentence[1]]
                kept = [t for t, g in zip(found, goals) if task_kept(t, flags["chain"], sentence, g, issued)]
                if found and not kept and all(t.kind != "deadline" for t in found):
                    # its numbers were facts ("chính quyền địa phương 02 cấp: … báo cáo Chính
                    # phủ trước ngày 30 tháng 11 năm 2025"): the clause's dated task is left
                    kept = [t for t in deadline_tasks(ctx, cl, section_flags(ctx, cl.start))
                            if task_kept(t, flags["chain"], sentence)]
                elif kept and all(t.kind != "deadline" for t in kept):
                    # "… tổ chức triển khai ngay trong tháng 12 năm 2025, số hoá 100% dữ liệu …
                    # trong năm 2026": a task of the clause due at a date none of its numbers has
                    due = {t.deadline for t in kept}
                    kept += [t for t in deadline_tasks(ctx, cl, section_flags(ctx, cl.start))
                             if t.deadline not in due and task_kept(t, flags["chain"], sentence)]
                    kept.sort(key=lambda t: t.start)
                found = kept
            for t in found:                            # "…70% số xã …; đến năm 2028 đạt 85%"
                if line_targets and t.kind != "deadline" \
                        and t.indicator == section_heading(chain(ctx, t.start)):
                    t.indicator = line_targets[-1].indicator
                line_targets.append(t)
                if flags["objective_only"] and t.kind != "deadline":
                    restated.append(t)
                if flags["chain"] and is_appendix(flags["chain"][0]):
                    appendix.append(t)
        out.extend(line_targets)
    return drop_appendix_copies(drop_restated(out, restated), appendix)
