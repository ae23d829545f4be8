"""Siblings: plans that implement the same parent, lined up side by side (``siblings.csv``).

Two plans are siblings when both cite the same parent (``role`` parent: a resolved link,
an inferred programme or a cited parent that is not in the corpus), sit at the same level
(both known) and have overlapping periods (both known).  Their targets are aligned as a
child's are with its parent's (:func:`pipeline.linking.align.align`); each row gets a
sibling status, never a parent one:

* ``higher_than_sibling`` / ``lower_than_sibling`` / ``same`` — plan A's figure is more
  demanding than B's (a higher minimum, or a lower cap), less demanding, or the same;
  deadlines are shown, not judged (``reason`` says when they differ).
* ``not_comparable`` — other units, or a minimum against a cap.
* ``only_in_a`` / ``only_in_b`` — a target of one plan that no target of the other measures.

When a plan gives several dated milestones of one indicator ("≥30% by 2025 … 100% by
2045"), the pair compares the milestone due in the other plan's year and names the others
in ``reason`` (they are not listed as unmatched).

Every row names both plans (number, title, level, province, period) and their direct
parent.  Plans are grouped once by parent, level and period: no scan per record.
"""
from __future__ import annotations

from itertools import combinations
from operator import itemgetter
from typing import Any

import pandas as pd

from pipeline.linking import align as al
from pipeline.linking import link as lk
from pipeline.linking.frames import Texts, frame
from pipeline.linking.rows import values as rows_values
from pipeline.linking.status import fmt_value, value_status
from pipeline.text.folds import fold

# the first 17 columns are those of the side-by-side table before siblings had their own
# file (the `siblings` sheet of report.xlsx): kept in that order
SIBLING_COLUMNS = ["parent_number", "doc_a", "doc_b", "indicator_a", "value_a", "value_b",
                   "indicator_b", "unit_a", "unit_b", "deadline_a", "deadline_b", "status",
                   "score", "quote_a", "quote_b", "section_a", "section_b",
                   "reason", "parent_doc", "link_a", "link_b",
                   "number_a", "title_a", "level_a", "province_a", "period_a",
                   "number_b", "title_b", "level_b", "province_b", "period_b",
                   "value_a_num", "value_a_max", "value_b_num", "value_b_max",
                   "comparator_a", "comparator_b"]
SIBLING_STATUSES = ("higher_than_sibling", "lower_than_sibling", "same", "not_comparable",
                    "only_in_a", "only_in_b")
_FROM_PARENT_STATUS = {"above_parent": "higher_than_sibling", "below_parent": "lower_than_sibling",
                       "equal": "same", "not_comparable": "not_comparable"}


def parent_groups(res: lk.LinkResult) -> dict[tuple[str, Any], list[tuple[str, str]]]:
    """{(parent key, parent number): [(doc_id, link)]} for every plan citing a parent:
    resolved and inferred parent links by ``parent_doc``, cited parents not in the corpus
    by ``cited:<key>``.  One pass over the links and unresolved citations."""
    groups: dict[tuple[str, Any], list[tuple[str, str]]] = {}
    seen: set[tuple[str, str]] = set()
    for l in res.links:
        if l["role"] != "parent":
            continue
        key = (l["child_doc"], l["parent_doc"])
        if key not in seen:
            seen.add(key)
            groups.setdefault((l["parent_doc"], l["parent_number"]), []).append(
                (l["child_doc"], l["link"]))
    for child, role, number, cited in rows_values(res.unresolved, "child_doc", "role",
                                                  "parent_number", "key"):
        if role != "parent" or not number:
            continue
        key = (child, f"cited:{cited}")
        if key not in seen:
            seen.add(key)
            groups.setdefault((key[1], number), []).append((child, "unresolved"))
    return groups


def _period(meta: dict[str, Any]) -> tuple[int, int] | None:
    p = meta.get("period") or []
    if len(p) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in p):
        return int(p[0]), int(p[1])
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def sibling_pairs(res: lk.LinkResult) -> list[tuple[str, str, str, Any, str, str]]:
    """[(doc_a, doc_b, parent key, parent number, link_a, link_b)]: each pair of plans once
    (under the first parent they share, in sorted order), same level, overlapping periods."""
    out = []
    seen: set[tuple[str, str]] = set()
    for (key, number), members in sorted(parent_groups(res).items(), key=lambda x: (str(x[0][1]), x[0][0])):
        by_level: dict[str, list[tuple[str, str, tuple[int, int]]]] = {}
        for rid, link in sorted(set(members)):
            rec = res.records.get(rid) or {}
            if rec.get("kind") == "reference" or not rec.get("targets"):
                continue
            level, period = rec["meta"].get("level"), _period(rec["meta"])
            if level and period:
                by_level.setdefault(level, []).append((rid, link, period))
        for plans in by_level.values():
            for (a, la, pa), (b, lb, pb) in combinations(plans, 2):
                if a == b or (a, b) in seen or not _overlap(pa, pb):
                    continue
                seen.add((a, b))
                out.append((a, b, key, number, la, lb))
    return out


def _num(t: dict[str, Any] | None, field: str) -> float | None:
    v = (t or {}).get(field)
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _side(rec: dict[str, Any], t: dict[str, Any] | None, s: str,
          plan: dict[str, Any] | None = None) -> dict[str, Any]:
    """The columns of side ``s`` ("a" or "b") of a row: target ``t`` of plan ``rec``
    (``plan``: :func:`_plan` of ``rec``, when the caller has it)."""
    t = t or {}
    return {f"indicator_{s}": t.get("indicator") or "", f"value_{s}": fmt_value(t) if t else "",
            f"unit_{s}": t.get("unit") or "", f"deadline_{s}": t.get("deadline") or "",
            f"quote_{s}": t.get("quote") or "", f"section_{s}": t.get("section") or "",
            f"value_{s}_num": _num(t, "value"), f"value_{s}_max": _num(t, "value_max"),
            f"comparator_{s}": t.get("comparator") or "",
            **(plan or _plan(rec))[s]}


def _plan(rec: dict[str, Any]) -> dict[str, Any]:
    """What a plan brings to each of its sibling pairs: its targets with a figure
    (``targets``), what scoring reads of them (``prepared``), their milestone groups
    (``groups``) and its own columns as side "a" and as side "b"."""
    m = rec["meta"]
    A = al.valued(rec.get("targets"))
    out: dict[str, Any] = {"targets": A, "prepared": al.prepared(A), "groups": milestone_groups(A)}
    for s in "ab":
        out[s] = {f"number_{s}": m.get("number") or "", f"title_{s}": m.get("title") or "",
                  f"level_{s}": m.get("level") or "", f"province_{s}": m.get("province") or "",
                  f"period_{s}": "-".join(str(x) for x in m.get("period") or [])}
    return out


def sibling_status(a: dict[str, Any], b: dict[str, Any]) -> tuple[str, str]:
    """(status, reason) of plan A's target against plan B's."""
    status, reason = value_status(a, b)
    reason = reason.replace("the parent's", "B's")
    if str(a.get("deadline") or "") != str(b.get("deadline") or ""):
        reason += f"; A due {a.get('deadline') or '?'}, B due {b.get('deadline') or '?'}"
    return _FROM_PARENT_STATUS.get(status, status), reason


def milestone_groups(T: list[dict[str, Any]]) -> dict[int, list[int]]:
    """{index: indices of the targets that restate its indicator and unit with another
    deadline (its dated milestones, itself included)}, for targets that have some."""
    by_key: dict[tuple[str, str], list[int]] = {}
    for k, t in enumerate(T):
        by_key.setdefault((fold(t.get("indicator")), fold(t.get("unit"))), []).append(k)
    return {k: group for group in by_key.values() if len(group) > 1 for k in group}


def _at(T: list[dict[str, Any]], group: list[int], deadline: Any, free) -> int | None:
    """The member of ``group`` due at ``deadline`` (by year) that ``free`` allows, or None."""
    year = lk.year_of(deadline)
    for k in group:
        if year and lk.year_of(T[k].get("deadline")) == year and free(k):
            return k
    return None


def _dated_pairs(A, B, pairs, ga=None, gb=None):
    """Aligned pairs moved to the milestones due in the same year, when one plan gives
    several dated figures of the indicator (A's 2035 figure against B's 2035 one, not A's
    2045 figure); with, per pair, the other milestones of both plans (shown, not left
    unmatched).  ``ga``, ``gb``: the :func:`milestone_groups` of A and B, when known."""
    ga = milestone_groups(A) if ga is None else ga
    gb = milestone_groups(B) if gb is None else gb
    taken_a, taken_b = {i for i, *_ in pairs}, {j for _, j, *_ in pairs}
    out = []
    for i, j, score, note in pairs:
        if lk.year_of(A[i].get("deadline")) != lk.year_of(B[j].get("deadline")):
            k = _at(A, ga.get(i, []), B[j].get("deadline"), lambda k: k not in taken_a)
            if k is not None:
                taken_a.discard(i)
                taken_a.add(k)
                i = k
            else:
                k = _at(B, gb.get(j, []), A[i].get("deadline"), lambda k: k not in taken_b)
                if k is not None:
                    taken_b.discard(j)
                    taken_b.add(k)
                    j = k
        out.append((i, j, score, note))
    others = []
    for i, j, *_ in out:
        others.append(([k for k in ga.get(i, []) if k != i and k not in taken_a],
                       [k for k in gb.get(j, []) if k != j and k not in taken_b]))
    return out, others


def compare_two(ra: dict[str, Any], rb: dict[str, Any], head: dict[str, Any],
                plans: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Rows for plans A and B: aligned pairs, then the targets of A, then of B, left alone.
    Other dated milestones of a paired indicator are named in its row's ``reason``.
    ``plans`` keeps what is read of each plan (:func:`_plan`) between its pairs."""
    pa, pb = _plan_of(ra, plans), _plan_of(rb, plans)
    A, B = pa["targets"], pb["targets"]
    rows, used_a, used_b = [], set(), set()
    matrix = al.score_matrix(A, B, pb["prepared"], pa["prepared"])
    pairs, others = _dated_pairs(A, B, al.align(A, B, matrix=matrix), pa["groups"], pb["groups"])
    for (i, j, score, note), (more_a, more_b) in zip(pairs, others):
        status, reason = sibling_status(A[i], B[j])
        if note:
            reason += f"; {note.replace('parent', 'B').replace('child', 'A')}"
        for side, T, more in (("A", A, more_a), ("B", B, more_b)):
            if more:
                reason += f"; {side}'s other milestones: " + ", ".join(
                    f"{fmt_value(T[k])} by {T[k].get('deadline')}" for k in more)
        rows.append({**head, **_side(ra, A[i], "a", pa), **_side(rb, B[j], "b", pb),
                     "status": status, "reason": reason, "score": round(score, 3)})
        used_a.update([i, *more_a])
        used_b.update([j, *more_b])
    for i, t in enumerate(A):
        if i not in used_a:
            rows.append({**head, **_side(ra, t, "a", pa), **_side(rb, None, "b", pb), "status": "only_in_a",
                         "reason": "no target of plan B measures this", "score": None})
    for j, t in enumerate(B):
        if j not in used_b:
            rows.append({**head, **_side(ra, None, "a", pa), **_side(rb, t, "b", pb), "status": "only_in_b",
                         "reason": "no target of plan A measures this", "score": None})
    return rows


def _plan_of(rec: dict[str, Any], plans: dict[str, Any] | None) -> dict[str, Any]:
    if plans is None:
        return _plan(rec)
    plan = plans.get(rec["doc_id"])
    if plan is None:
        plan = plans[rec["doc_id"]] = _plan(rec)
    return plan


def compare_siblings(res: lk.LinkResult) -> pd.DataFrame:
    """The sibling table (:data:`SIBLING_COLUMNS`), one block of rows per pair of plans."""
    rows: list[tuple[Any, ...]] = []
    texts = Texts()                     # each text the rows make, once
    plans: dict[str, Any] = {}          # what is read of each plan of the parent's pairs
    last = None
    for a, b, key, number, la, lb in sibling_pairs(res):
        if key != last:
            plans.clear()
            last = key
        head = {"parent_number": number, "parent_doc": key, "doc_a": a, "doc_b": b,
                "link_a": la, "link_b": lb}
        for r in compare_two(res.records[a], res.records[b], head, plans):
            try:                        # a row with every column: read as it is
                values = _ROW(r if len(r) == len(SIBLING_COLUMNS) else {**_MISSING, **r})
            except KeyError:
                values = _ROW({**_MISSING, **r})
            rows.append((*values[:_REASON], texts(values[_REASON]), *values[_REASON + 1:]))
    return frame(rows, SIBLING_COLUMNS)


_ROW = itemgetter(*SIBLING_COLUMNS)
_MISSING = dict.fromkeys(SIBLING_COLUMNS)
# the column whose text each row makes (the others are the targets' and plans' own, or
# made once per figure)
_REASON = SIBLING_COLUMNS.index("reason")
