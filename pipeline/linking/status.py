"""Statuses of an aligned pair of targets (CONTRACT ``status``), and figures as shown.

* value: ``below_parent`` / ``equal`` / ``above_parent`` ("above" = more demanding: a higher
  minimum, or a lower cap for "không quá"/"dưới" targets).  A bare figure means *at least*;
  "trên 95%" is above "95%"; a child range counts by its low end ("1-2 lần/tháng" equals
  "ít nhất 1 lần/tháng", "1-2" is below "ít nhất 2").
* ``deadline_later`` — the figure is at least the parent's but due later.
* ``not_comparable`` — a count against a percentage, other units, or a minimum against a cap.

Annual targets against period-end ones (and a one-year plan against a period-end figure)
keep their value status and get a ``period_flag``: they are flagged, not silently equal.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from pipeline.linking.align import comparable
from pipeline.linking.link import year_of

COMPARATOR_SIGN = {"at_least": "≥", "bare": "", "more_than": ">", "at_most": "≤",
                   "less_than": "<", "range": "", None: ""}


def _bounds(t: dict[str, Any]) -> tuple[str, Any, bool]:
    """(direction, bound, strict): 'min' targets promise at least ``bound``, 'max' at most."""
    comp = t.get("comparator") or "bare"
    v = t.get("value")
    if comp in ("at_most", "less_than"):
        return "max", v, comp == "less_than"
    return "min", v, comp == "more_than"


def value_status(c: dict[str, Any], p: dict[str, Any]) -> tuple[str, str]:
    """(status, reason) comparing the child's figure with the parent's."""
    if c.get("value") is None or p.get("value") is None:
        return "not_comparable", "one side has no figure"
    if not comparable(c, p):
        return "not_comparable", f"units differ: {c.get('unit')} vs {p.get('unit')}"
    dc, vc, sc = _bounds(c)
    dp, vp, sp = _bounds(p)
    if dc != dp:
        return "not_comparable", "a minimum against a cap"
    if dc == "min":
        if c.get("comparator") == "range" and c.get("value_max") is not None \
                and vc < vp <= c["value_max"]:
            return "below_parent", f"range {fmt_value(c)} starts under the parent's {fmt_value(p)}"
        key_c, key_p = (vc, sc), (vp, sp)
        if vc == vp and sc != sp:
            return ("above_parent" if sc else "below_parent"), \
                _wording(c, p, "stricter" if sc else "weaker")
        if key_c > key_p:
            return "above_parent", f"{fmt_value(c)} is more than {fmt_value(p)}"
        if key_c < key_p:
            return "below_parent", f"{fmt_value(c)} is less than {fmt_value(p)}"
        return "equal", f"{fmt_value(c)} equals {fmt_value(p)}"
    key_c, key_p = (vc, not sc), (vp, not sp)
    if vc == vp and sc != sp:
        return ("above_parent" if sc else "below_parent"), _wording(c, p, "stricter" if sc else "weaker")
    if key_c < key_p:
        return "above_parent", f"cap {fmt_value(c)} is stricter than {fmt_value(p)}"
    if key_c > key_p:
        return "below_parent", f"cap {fmt_value(c)} is looser than {fmt_value(p)}"
    return "equal", f"{fmt_value(c)} equals {fmt_value(p)}"


def _wording(c: dict[str, Any], p: dict[str, Any], how: str) -> str:
    """The reason for the same figure under a stricter or weaker comparator."""
    return (f"same figure, {how} wording: the child's {fmt_value(c)} "
            f"({c.get('comparator') or 'bare'}) against the parent's {fmt_value(p)} "
            f"({p.get('comparator') or 'bare'})")


def period_flag(c: dict[str, Any], p: dict[str, Any], child_meta: dict[str, Any]) -> str:
    """Flag an annual figure against a period-end one (either way round)."""
    cd, pd_ = str(c.get("deadline") or ""), str(p.get("deadline") or "")
    if (cd == "annual") != (pd_ == "annual") and (cd or pd_):
        side = "parent" if pd_ == "annual" else "child"
        return (f"annual_vs_period_end: the {side}'s figure is per year, "
                f"the other's by {cd if side == 'parent' else pd_}")
    period = child_meta.get("period") or []
    if len(period) == 2 and period[0] == period[1] and year_of(pd_) and year_of(pd_) > period[0]:
        return f"annual_vs_period_end: one-year plan {period[0]} against the parent's figure for {pd_}"
    return ""


def pair_status(c: dict[str, Any], p: dict[str, Any], child_meta: dict[str, Any]) -> tuple[str, str, str]:
    """(status, reason, period_flag) for an aligned pair."""
    status, reason = value_status(c, p)
    flag = period_flag(c, p, child_meta)
    yc, yp = year_of(c.get("deadline")), year_of(p.get("deadline"))
    if yc and yp and yc > yp and str(c.get("deadline")) != "annual":
        reason += f"; due {c.get('deadline')}, after the parent's {p.get('deadline')}"
        if status in ("equal", "above_parent"):
            status = "deadline_later"
    return status, reason, flag


def fmt_value(t: dict[str, Any]) -> str:
    """A target's figure as shown in the report: "≥70%", "1-2 lần/tháng", "<5 vụ"."""
    v = t.get("value")
    if v is None:
        return ""
    key = (v, t.get("value_max") if t.get("comparator") == "range" else None,
           t.get("comparator"), t.get("unit") or "")
    if v == 0 or key[1] == 0:           # 0 and -0.0 are one key but not one text
        return _fmt.__wrapped__(*key)
    try:
        return _fmt(*key)
    except TypeError:                   # a field that is not hashable: not cached
        return _fmt.__wrapped__(*key)


@lru_cache(maxsize=65536)
def _fmt(v: Any, vmax: Any, comparator: Any, unit: str) -> str:
    """:func:`fmt_value` of a figure (cached: one string per figure shown on many rows)."""
    def num(x):
        return f"{x:g}" if isinstance(x, (int, float)) else str(x)
    s = num(v)
    if comparator == "range" and vmax is not None:
        s = f"{num(v)}-{num(vmax)}"
    sign = COMPARATOR_SIGN.get(comparator, "")
    return f"{sign}{s}{unit if unit == '%' else (' ' + unit if unit else '')}"
