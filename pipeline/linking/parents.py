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

from typing import Any

from pipeline import data
from pipeline.linking import align as al
from pipeline.linking import applicability as ap
from pipeline.linking import candidates as cand
from pipeline.linking import figures, objectives
from pipeline.linking.status import fmt_value, pair_status


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
    """Rows for one child plan against one parent (or ancestor).  ``cache`` keeps the
    child's objective sentences between its parents."""
    C, P = figures.comparable_targets(child.get("targets")), al.valued(parent.get("targets"))
    groups = figures.milestones(C)
    rows, used_c, used_p = [], set(), set()

    def row(c, p, status, reason, flag="", score=None, note="", extra=None):
        return parent_row(child, parent, c, p, status, reason, flag, link, link_reason,
                          relation, score, note, extra)

    # one member per group of milestones is aligned; the one due at the parent's
    # deadline is compared
    reps = [i for i in range(len(C)) if i not in groups
            or i == max([i] + groups[i], key=lambda m: (str(C[m].get("deadline")), -m))]
    R = [C[i] for i in reps]
    matrix = al.score_matrix(R, P)
    scores = matrix[0]
    for r, j, score, note in al.align(R, P, matrix=matrix):
        i = reps[r]
        extra: dict[str, Any] = {}
        extra["runner_up"], extra["runner_up_score"] = cand.runner_up(scores, r, P, j)
        if i in groups:
            members = [i] + groups[i]
            i = figures.at_deadline(members, C, P[j].get("deadline"))
            extra["child_milestones"] = "; ".join(
                figures.shown(C[m]) for m in sorted(members, key=lambda m: str(C[m].get("deadline")))
                if m != i)
            used_c.update(members)
        c, p = C[i], P[j]
        status, reason, flag = pair_status(c, p, child["meta"])
        if p.get("kind") == "count" and "national count" in ap.level_reason(p, child, parent):
            status, reason = "not_comparable", (f"{ap.level_reason(p, child, parent)}; the "
                                                f"child's {fmt_value(c)} is its own count")
        vs, vnote = ap.value_scope(c, p, child, parent)
        extra["value_scope"] = vs
        notes = [n for n in (note, ap.narrower(c, p), vnote, c.get("read_as")) if n]
        rows.append(row(c, p, status, reason, flag, score, "; ".join(notes), extra))
        used_c.add(i)
        used_p.add(j)
    for j, p in enumerate(P):
        if j not in used_p:
            rows.append(_unmatched(child, parent, p, relation, cache, row))
            if rows[-1]["status"] == "missing_in_child":
                rows[-1]["nearest_child"] = cand.nearest(scores, j, R)
    at = {i: r for r, i in enumerate(reps)}
    for i, c in enumerate(C):
        if i not in used_c:
            extra = {}
            if i in at:
                extra["runner_up"], extra["runner_up_score"] = cand.runner_up(scores, at[i], P)
            rows.append(row(c, None, "only_in_child", "the parent sets no such target",
                            extra=extra))
    return rows


def _unmatched(child, parent, p, relation, cache, row) -> dict[str, Any]:
    """The row of a parent target no child target measures."""
    why = ap.level_reason(p, child, parent) or ap.period_reason(p, child, parent)
    if why:
        return row(None, p, "not_applicable", why)
    sentences = _sentences(child, cache)
    named = objectives.naming(p, sentences)
    if named:
        section, sentence = named
        c = {"quote": sentence, "section": section, "indicator": p.get("indicator"),
             "unit": p.get("unit")}
        return row(c, p, "no_figure", "the child names this indicator in its objectives "
                                      "but gives no figure")
    why = ap.scope_reason(p, child, parent, relation)
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
