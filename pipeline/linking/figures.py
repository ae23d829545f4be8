"""Targets as the comparison reads them: figures that define an indicator, and milestones.

* "mỗi xã ... tổ chức ít nhất 01 hình thức", "các cơ sở ... phải kiểm tra ít nhất một
  lần": at least one per unit, said of every unit (the indicator opens with
  ``every_unit_cues``) — read as 100% of those units, so it pairs with "70% số xã ... ít nhất
  một hình thức".  A plain "ít nhất 1 sàn giao dịch" stays a count.
* "70 người/lớp": the size of one of something (a unit "<noun>/<noun>" whose second noun
  is no period) — not a target, left out of the comparison.
* Several dated milestones of one indicator (same indicator text and unit, other
  deadlines): :func:`milestones` groups them; compare keeps the one due at the parent's
  deadline and shows the others.
"""
from __future__ import annotations

from typing import Any

from pipeline.linking.align import unit_class
from pipeline.linking.applicability import table, topic
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
