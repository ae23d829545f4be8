"""One child plan against one parent (or ancestor): the rows of ``divergences.csv``.

Aligned pairs get a value status (:mod:`pipeline.linking.status`), with the scope of the
two figures named when it differs (``value_scope``: "GRDP vs GDP", "province vs
national") and ``narrower_scope`` noted when the child counts a subset of the parent's
population.  A parent target with no counterpart is, in this order:

* ``not_applicable`` — the child cannot carry it (its level, a national ranking or count:
  :func:`pipeline.linking.applicability.level_reason`);
* ``no_figure`` — the child names the indicator in its objectives without a number (the
  child's sentence is the ``child_quote``: :mod:`pipeline.linking.objectives`);
* ``not_applicable`` — outside what the child owes the parent (cited only as basis, or a
  narrower topic: :func:`pipeline.linking.applicability.scope_reason`);
* ``missing_in_child`` otherwise.

Several dated milestones of one child indicator: the one due at the parent's deadline is
compared, the others are listed in ``child_milestones``.  Severity follows the status and
the child's ``relation`` to the parent (parent > basis = via > inferred programme).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from pipeline import data
from pipeline.linking import align as al
from pipeline.linking import applicability as ap
from pipeline.linking import candidates as cand
from pipeline.linking import figures, objectives
from pipeline.linking.status import fmt_value, pair_status


@lru_cache(maxsize=256)
def severity(status: str, relation: str) -> tuple[int, str]:
    """(rank, label) of a status for a child in this relation to the parent."""
    rank, label = data.load("programmes.yaml")["severity"].get(status, [0, "info"])
    t = ap.table()
    steps = t["relation_steps"].get(relation, 0)
    if rank >= 2 and steps:
        rank = max(1, rank - steps)
        label = t["severity_labels"].get(rank, label)
    return rank, label


def parent_row(child, parent, c, p, status, reason, flag, link, link_reason, relation,
               score=None, note="", extra=None) -> dict[str, Any]:
    rank, label = severity(status, relation)
    t = c or p
    row = {
        "child_doc": child["doc_id"], "parent_doc": parent["doc_id"],
        "parent_number": parent["meta"].get("number"),
        "indicator": (c or {}).get("indicator") or (p or {}).get("indicator") or "",
        "child_value": fmt_value(c) if c else "", "parent_value": fmt_value(p) if p else "",
        "unit": t.get("unit") or "",
        "child_deadline": (c or {}).get("deadline") or "", "parent_deadline": (p or {}).get("deadline") or "",
        "status": status, "child_quote": (c or {}).get("quote") or "",
        "parent_quote": (p or {}).get("quote") or "", "severity": label, "scope_note": note,
        "child_section": (c or {}).get("section") or "", "parent_section": (p or {}).get("section") or "",
        "link": link, "reason": "; ".join(x for x in (reason, link_reason) if x),
        "period_flag": flag, "severity_rank": rank,
        "score": None if score is None else round(score, 3),
        "child_level": child["meta"].get("level"), "parent_level": parent["meta"].get("level"),
        "child_comparator": (c or {}).get("comparator") or "",
        "parent_comparator": (p or {}).get("comparator") or "",
        "parent_unit": (p or {}).get("unit") or "", "parent_indicator": (p or {}).get("indicator") or "",
        "parent_source": (p or {}).get("source") or "",
        "status_reason": reason, "link_reason": link_reason,
        "relation": relation, "value_scope": "", "child_milestones": "",
        "parent_milestones": "", "child_restated": "",
        "child_value_num": _num(c, "value"), "child_value_max": _num(c, "value_max"),
        "parent_value_num": _num(p, "value"), "parent_value_max": _num(p, "value_max"),
    }
    row.update(extra or {})
    return row


def _num(t: dict[str, Any] | None, name: str) -> float | None:
    """A target's figure as a number (a spreadsheet sorts it), None when it has none."""
    v = (t or {}).get(name)
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def compare_pair(child: dict[str, Any], parent: dict[str, Any], link: str, link_reason: str,
                 relation: str = "parent", cache: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Rows for one child plan against one parent (or ancestor).  ``cache`` keeps what is
    read of the child between its parents (its objective sentences, key: its doc_id, and
    :func:`_child_side`) and of each parent between its children (:func:`_parent_side`)."""
    C, groups, reps, R, child_prepared = _child_side(child, cache)
    P, pgroups, preps, Q, prepared = _parent_side(parent, cache)
    rows, used_c, used_p = [], set(), set()
    memo: dict[str, Any] = {}                 # what is read of the two plans, once

    def row(c, p, status, reason, flag="", score=None, note="", extra=None):
        return parent_row(child, parent, c, p, status, reason, flag, link, link_reason,
                          relation, score, note, extra)

    def pair(c, p, score, note, extra):
        status, reason, flag = pair_status(c, p, child["meta"])
        if p.get("kind") == "count" and "national count" in ap.level_reason(p, child, parent):
            status, reason = "not_comparable", (f"{ap.level_reason(p, child, parent)}; the "
                                                f"child's {fmt_value(c)} is its own count")
        vs, vnote = ap.value_scope(c, p, child, parent)
        extra["value_scope"] = vs
        extra["child_restated"] = c.get("restated") or ""
        notes = [n for n in (note, ap.narrower(c, p), vnote, c.get("read_as")) if n]
        return row(c, p, status, reason, flag, score, "; ".join(notes), extra)

    # one member per group of milestones is aligned (on both sides); the one due at the
    # other side's deadline is compared
    matrix = figures.group_columns(al.score_matrix(R, P, prepared, child_prepared), preps, pgroups)
    scores = matrix[0]
    paired: list[tuple[int, int, int]] = []          # (i, j) compared, q the parent column
    for r, q, score, note in al.align(R, Q, matrix=matrix):
        i, j = reps[r], preps[q]
        extra: dict[str, Any] = {}
        extra["runner_up"], extra["runner_up_score"] = cand.runner_up(scores, r, Q, q)
        if j in pgroups:
            members = [j] + pgroups[j]
            j = figures.at_deadline(members, P, C[i].get("deadline") or _period_end(child))
            extra["parent_milestones"] = _others(members, j, P)
            used_p.update(members)
        if i in groups:
            members = [i] + groups[i]
            i = figures.at_deadline(members, C, P[j].get("deadline"))
            extra["child_milestones"] = _others(members, i, C)
            used_c.update(members)
        rows.append(pair(C[i], P[j], score, note, extra))
        paired.append((i, j, q))
        used_c.add(i)
        used_p.add(j)
    # child targets left alone that pair with a parent target already paired: figures of
    # one sentence over other units, restatements of a paired target
    for r, i in enumerate(reps):
        if i in used_c or i in groups:
            continue
        for k, j, q in sorted(paired, key=lambda x: -scores[r, x[2]]):
            why = figures.shares_pair(C[i], C[k], float(scores[r, q]))
            if why:
                rows.append(pair(C[i], P[j], float(scores[r, q]),
                                 "; ".join(x for x in (why, matrix[1][r][q]) if x), {}))
                used_c.add(i)
                break
    for j, p in enumerate(P):
        if j not in used_p:
            rows.append(_unmatched(child, parent, p, relation, cache, row, memo))
            if rows[-1]["status"] == "missing_in_child":
                rows[-1]["nearest_child"] = cand.nearest(scores, _rep_of(j, preps, pgroups), R)
    at = {i: r for r, i in enumerate(reps)}
    for i, c in enumerate(C):
        if i not in used_c:
            extra = {"child_restated": c.get("restated") or ""}
            if i in at:
                extra["runner_up"], extra["runner_up_score"] = cand.runner_up(scores, at[i], Q)
            rows.append(row(c, None, "only_in_child", "the parent sets no such target",
                            extra=extra))
    return rows


def _child_side(child: dict[str, Any], cache: dict[Any, Any] | None):
    """(targets compared, their milestone groups, the representatives of the groups, those
    targets, what scoring reads of them) of a child: worked out once per child when
    ``cache`` keeps them (key ``("child", doc_id)``; a child is compared with each of its
    parents and further ancestors)."""
    key = ("child", child["doc_id"])
    if cache is not None and key in cache:
        return cache[key]
    C = figures.fold_restatements(figures.comparable_targets(child.get("targets")))
    groups = figures.milestones(C)
    reps = figures.representatives(C, groups)
    R = [C[i] for i in reps]
    side = (C, groups, reps, R, al.prepared(R))
    if cache is not None:
        cache[key] = side
    return side


def _parent_side(parent: dict[str, Any], cache: dict[Any, Any] | None):
    """(targets with a figure, their milestone groups, the representatives of the groups,
    those targets, what scoring reads of the targets) of a parent: worked out once per
    parent when ``cache`` keeps them (a parent is compared with each of its children)."""
    key = ("parent", parent["doc_id"])
    if cache is not None and key in cache:
        return cache[key]
    P = al.valued(parent.get("targets"))
    groups = figures.milestones(P)
    reps = figures.representatives(P, groups)
    side = (P, groups, reps, [P[j] for j in reps], al.prepared(P))
    if cache is not None:
        cache[key] = side
    return side


def _period_end(child: dict[str, Any]) -> str | None:
    """The last year of the child's period, as a deadline, or None."""
    period = child["meta"].get("period") or []
    return str(period[-1]) if period and period[-1] else None


def _rep_of(j: int, preps: list[int], pgroups: dict[int, list[int]]) -> int:
    """The column of target ``j`` in the score matrix (its group's representative)."""
    if j in preps:
        return preps.index(j)
    return next(q for q, m in enumerate(preps) if j in pgroups.get(m, ()))


def _others(members: list[int], chosen: int, targets: list[dict[str, Any]]) -> str:
    """The milestones of a group other than the one compared, by date ("2027: 60%")."""
    return "; ".join(figures.shown(targets[m]) for m in
                     sorted(members, key=lambda m: str(targets[m].get("deadline"))) if m != chosen)


def _unmatched(child, parent, p, relation, cache, row, memo=None) -> dict[str, Any]:
    """The row of a parent target no child target measures."""
    why = ap.level_reason(p, child, parent) or ap.period_reason(p, child, parent)
    if why:
        return row(None, p, "not_applicable", why)
    sentences = _sentences(child, cache)
    named = objectives.naming(p, sentences) if sentences else None
    if named:
        section, sentence = named
        c = {"quote": sentence, "section": section, "indicator": p.get("indicator"),
             "unit": p.get("unit")}
        return row(c, p, "no_figure", "the child names this indicator in its objectives "
                                      "but gives no figure")
    why = ap.scope_reason(p, child, parent, relation, memo)
    if why:
        return row(None, p, "not_applicable", why)
    reason = "no target of the child measures this"
    if sentences is None:
        reason += " (the child's text was not available to look for it without a figure)"
    return row(None, p, "missing_in_child", reason)


def _sentences(child, cache):
    if cache is None:
        return objectives.objective_sentences(child)
    key = child["doc_id"]
    if key not in cache:
        cache[key] = objectives.objective_sentences(child)
    return cache[key]
