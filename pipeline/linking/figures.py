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

from pipeline.linking.align import segment, unit_class
from pipeline.linking.applicability import table
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
    """{index: indices of the other milestones of the same indicator} for targets that
    share indicator text and unit but are due at different dates."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, t in enumerate(targets):
        d = str(t.get("deadline") or "")
        if not year_of(d):
            continue
        key = (segment(t.get("indicator") or ""), unit_class(t))
        if key[0]:
            groups.setdefault(key, []).append(i)
    out: dict[int, list[int]] = {}
    for members in groups.values():
        if len({str(targets[i].get("deadline")) for i in members}) < 2:
            continue
        for i in members:
            out[i] = [j for j in members if j != i]
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
