"""Targets as the comparison reads them: figures that define an indicator, and milestones.

* "mỗi xã ... tổ chức ít nhất 01 hình thức", "các cơ sở ... phải kiểm tra ít nhất một
  lần": at least one per unit, said of every unit (the indicator opens with
  ``every_unit_cues``) — read as 100% of those units, so it pairs with "70% số xã ... ít nhất
  một hình thức".  A plain "ít nhất 1 sàn giao dịch" stays a count.
* "70 người/lớp": the size of one of something (a unit "<noun>/<noun>" whose second noun
  is no period) — not a target, left out of the comparison.
* Several dated milestones of one indicator (same indicator text and unit, other
  deadlines): :func:`milestones` groups them, in the child's targets and in the parent's;
  compare keeps the one due at the other side's deadline and shows the others.
* A plan restating its own target in another part (a roadmap or appendix repeating a
  target of its targets section: same figure, deadline and indicator words):
  :func:`fold_restatements` keeps the first and names the restatement on it.
* Several child targets pairing with one parent target (:func:`shares_pair`): the figures
  of one sentence over several units ("100% huyện và 100% xã xây dựng kế hoạch") and a
  later sentence restating a paired target of the same indicator and figure.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from pipeline.linking.align import THRESHOLD, scope_of, unit_class
from pipeline.linking.applicability import indicator_text, table, topic, without_period
from pipeline.linking.link import year_of
from pipeline.linking.status import fmt_value
from pipeline.text.folds import fold


def is_size(t: dict[str, Any]) -> bool:
    """True for "70 người/lớp": a count per one of something that is not a period."""
    unit = fold(t.get("unit"))
    if t.get("kind") == "percent" or "/" not in unit:
        return False
    per = unit.split("/", 1)[1].strip()
    per = per.split()[-1] if per.split() and per.split()[0].isdigit() else per
    return bool(per) and per not in {fold(x) for x in table()["period_nouns"]}


def every_unit(t: dict[str, Any]) -> dict[str, Any]:
    """``t`` read as 100% of its units when it says "at least one" of every unit."""
    if t.get("kind") != "count" or t.get("value") != 1 or t.get("comparator") != "at_least":
        return t
    if "/" in (t.get("unit") or ""):
        return t
    first = fold(t.get("indicator")).split(" ", 1)[0]
    if first not in {fold(c) for c in table()["every_unit_cues"]}:
        return t
    return {**t, "kind": "percent", "value": 100, "value_max": None, "unit": "%",
            "comparator": "bare", "read_as": f"at least one {t.get('unit') or ''} for every "
                                               f"unit named: read as 100%"}


def comparable_targets(targets: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Targets with a figure, sizes left out, every-unit figures read as 100%."""
    out = []
    for t in targets or []:
        if t.get("kind") == "deadline" or t.get("value") is None or is_size(t):
            continue
        out.append(every_unit(t))
    return out


def milestones(targets: list[dict[str, Any]]) -> dict[int, list[int]]:
    """{index: indices of the other milestones of the same indicator} for targets of one
    unit class due at different dates whose indicators' topic words (at least three pairs)
    are the same, one holding the other's (a heading word read into one does not part them)."""
    words = [topic(t.get("indicator")) for t in targets]
    dated = [i for i, t in enumerate(targets) if year_of(str(t.get("deadline") or ""))
             and len(words[i]) >= 3]
    out: dict[int, list[int]] = {}
    for a in dated:
        for b in dated:
            if a == b or str(targets[a].get("deadline")) == str(targets[b].get("deadline")):
                continue
            if unit_class(targets[a]) != unit_class(targets[b]):
                continue
            if words[a] <= words[b] or words[b] <= words[a]:
                out.setdefault(a, []).append(b)
    # a group is the closure of these pairs: every member lists every other
    for i in list(out):
        group = {i, *out[i]}
        for j in list(group):
            group |= set(out.get(j, ()))
        out[i] = sorted(group - {i})
    return out


def at_deadline(members: list[int], targets: list[dict[str, Any]], deadline) -> int:
    """The milestone to compare with a parent figure due at ``deadline``: the one due that
    year, else the last before it, else the first after it."""
    want = year_of(deadline)
    if want is None:
        return max(members, key=lambda i: year_of(targets[i].get("deadline")) or 0)
    years = {i: year_of(targets[i].get("deadline")) or 0 for i in members}
    same = [i for i in members if years[i] == want]
    if same:
        return same[0]
    before = [i for i in members if years[i] < want]
    if before:
        return max(before, key=lambda i: years[i])
    return min(members, key=lambda i: years[i])


def shown(t: dict[str, Any]) -> str:
    """A milestone as listed beside the compared one: "2028: ≥50%"."""
    return f"{t.get('deadline')}: {fmt_value(t)}"


def representatives(targets: list[dict[str, Any]], groups: dict[int, list[int]]) -> list[int]:
    """Indices of the targets aligned: one per group of milestones (the latest), and every
    target outside a group."""
    return [i for i in range(len(targets)) if i not in groups
            or i == max([i] + groups[i], key=lambda m: (str(targets[m].get("deadline")), -m))]


def group_columns(matrix, reps: list[int], groups: dict[int, list[int]]):
    """A (scores, notes) matrix against all parent targets narrowed to one column per
    representative (:func:`representatives`): a group of milestones scores as its best member
    (the first of ``[j] + groups[j]`` with the highest score)."""
    scores, notes = matrix
    n = scores.shape[0]
    best = np.empty((n, len(reps)), dtype=np.intp)
    for q, j in enumerate(reps):
        members = [j] + groups.get(j, [])
        if len(members) == 1:
            best[:, q] = j
        else:
            best[:, q] = np.asarray(members)[np.argmax(scores[:, members], axis=1)]
    if not n:
        return np.zeros((0, len(reps))), np.full((0, len(reps)), "", dtype=object)
    at = np.arange(n)[:, None]
    return scores[at, best], np.asarray(notes, dtype=object)[at, best]


def _same_figure(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (a.get("value") == b.get("value") and a.get("value_max") == b.get("value_max")
            and unit_class(a) == unit_class(b))


def _top(t: dict[str, Any]) -> str:
    return str(t.get("section") or "").split(".")[0]


def same_words(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when the two indicators share at least ``restate_share`` of the topic words of
    the shorter one (and at least two pairs): the same indicator, worded twice."""
    wa, wb = topic(without_period(indicator_text(a))), topic(without_period(indicator_text(b)))
    short = min(len(wa), len(wb))
    return short >= 2 and len(wa & wb) >= max(2, table()["restate_share"] * short)


def fold_restatements(targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The targets without the restatements of an earlier one in another part of the plan
    (same figure, comparator and deadline, :func:`same_words`, another top-level section);
    the kept target names them in ``restated`` ("III.1: <quote>")."""
    out: list[dict[str, Any]] = []
    for t in targets:
        first = next((k for k, o in enumerate(out) if _top(o) != _top(t) and _same_figure(o, t)
                      and o.get("comparator") == t.get("comparator")
                      and str(o.get("deadline") or "") == str(t.get("deadline") or "")
                      and same_words(o, t)), None)
        if first is None:
            out.append(t)
            continue
        o = out[first]
        said = f"{t.get('section') or ''}: {t.get('quote') or t.get('indicator') or ''}"
        out[first] = {**o, "restated": "; ".join(x for x in (o.get("restated"), said) if x)}
    return out


def _one_sentence(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if isinstance(a.get("start"), int) and isinstance(b.get("start"), int):
        return a["start"] == b["start"] and a.get("end") == b.get("end")
    return bool(a.get("quote")) and a.get("quote") == b.get("quote")


def shares_pair(c: dict[str, Any], paired: dict[str, Any], score: float) -> str:
    """Why child target ``c``, left without a parent target, pairs with the parent target
    of child target ``paired`` too (``score``: ``c`` against that parent target), or "":

    * one sentence, one figure, several administrative units ("100% huyện … và 100% xã …
      xây dựng kế hoạch"): the figure over the other units is the same target;
    * the same indicator said again, or of another population (people / firms): the same
      figure and indicator words, and ``c`` scores at least the alignment threshold
      against the parent target."""
    if not _same_figure(c, paired):
        return ""
    if _one_sentence(c, paired):
        sc, sp = scope_of(c.get("indicator") or ""), scope_of(paired.get("indicator") or "")
        if score >= THRESHOLD or (sc.admin and sp.admin and sc.group != sp.group):
            return (f"same sentence and figure as the child's target for "
                    f"'{sp.phrase or paired.get('indicator')}': a figure over "
                    f"{sc.phrase or 'other units'}")
        return ""
    if score >= THRESHOLD and same_words(c, paired):
        return (f"same indicator and figure as the child's target paired with it "
                f"({paired.get('section') or ''} '{(paired.get('indicator') or '')[:80]}')")
    return ""
