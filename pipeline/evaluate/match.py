"""Per-kind matching of one gold item with one predicted item, and item labels.

A matcher returns None (no match) or a score (higher: more attributes agree); see the
package docstring for the rules.
"""
from __future__ import annotations

import re
from typing import Any

from pipeline.evaluate.folds import fold, fold_number, fold_org

KINDS = ("targets", "agencies", "citations", "sections")
ATTRIBUTES = {
    "targets": ("kind", "comparator", "deadline", "unit", "section"),
    "agencies": ("role", "sector"),
    "citations": ("role", "date", "issuer"),
    "sections": (),
}
_SLASH = re.compile(r"\s*/\s*")


def value_range(v, vmax=None):
    """(low, high) as floats: a gold ``[low, high]`` list, or a value and its value_max."""
    if isinstance(v, (list, tuple)):
        return (_num(v[0]), _num(v[1]) if len(v) > 1 else None)
    return (_num(v), _num(vmax))


def _num(v):
    if v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _same_value(gold, pred) -> bool:
    g_lo, g_hi = value_range(gold.get("value"))
    p_lo, p_hi = value_range(pred.get("value"), pred.get("value_max"))
    if g_lo is None or p_lo is None:
        return g_lo is None and p_lo is None
    if abs(g_lo - p_lo) > 1e-9:
        return False
    if g_hi is None:
        return p_hi is None or abs(p_hi - p_lo) < 1e-9
    return p_hi is not None and abs(g_hi - p_hi) < 1e-9


def attr_ok(kind, name, gold, pred) -> bool:
    """True when attribute ``name`` of a matched pair agrees (a role list: any of them)."""
    g, p = gold.get(name), pred.get(name)
    if name == "role":
        roles = g if isinstance(g, list) else [g]
        return p in roles
    if name in ("issuer",):
        return fold_org(g) == fold_org(p) if g or p else True
    if name == "unit":
        g = None if g in ("null", "") else g
        return _unit(g) == _unit(p)
    if g is None or p is None:
        return g is None and p is None
    return fold(g) == fold(p)


def _unit(u):
    return _SLASH.sub("/", fold(u)) if u else ""


def match_target(gold, pred):
    if not _same_value(gold, pred):
        return None
    anchor = fold(gold.get("anchor"))
    hay = fold(pred.get("quote")) + " \n " + fold(pred.get("indicator"))
    if anchor and anchor not in hay:
        return None
    return sum(attr_ok("targets", a, gold, pred) for a in ATTRIBUTES["targets"])


def _contains(a: str, b: str) -> bool:
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short.split()) >= 2 and short in long_


def match_agency(gold, pred):
    g = fold_org(gold.get("name"))
    names = {fold_org(pred.get("name")), fold_org(pred.get("canonical"))} - {""}
    if g in names:
        score = 10
    elif any(_contains(g, n) for n in names):
        score = 5
    else:
        return None
    return score + sum(attr_ok("agencies", a, gold, pred) for a in ATTRIBUTES["agencies"])


def match_citation(gold, pred):
    gn, pn = fold_number(gold.get("number")), fold_number(pred.get("number"))
    if gn or pn:
        if gn != pn:
            return None
    else:
        gt = fold(gold.get("title")) or fold(gold.get("doc_type"))
        pt = fold(pred.get("title"))
        full = fold(f"{pred.get('doc_type') or ''} {pred.get('title') or ''}")
        if not gt or not (pt and (gt in full or pt in gt)):
            return None
    return 1 + sum(attr_ok("citations", a, gold, pred) for a in ATTRIBUTES["citations"])


def match_section(gold, pred):
    if str(gold.get("path")) != str(pred.get("path")):
        return None
    if not fold(pred.get("heading")).startswith(fold(gold.get("heading"))):
        return None
    return 1


MATCHERS = {"targets": match_target, "agencies": match_agency,
            "citations": match_citation, "sections": match_section}


# ---------------------------------------------------------------- labels

def label(kind: str, item: dict[str, Any], gold: bool) -> str:
    """A short, stable description of one item (used for diffs)."""
    if kind == "targets":
        lo, hi = value_range(item.get("value"), item.get("value_max"))
        val = "-" if lo is None else f"{lo:g}" + (f"-{hi:g}" if hi is not None else "")
        text = item.get("anchor") if gold else (item.get("quote") or item.get("indicator"))
        text = " ".join(str(text or "").split())[:90]
        return f"[{item.get('section')}] {val} {item.get('unit') or ''} «{text}»".replace("  ", " ")
    if kind == "agencies":
        return f"{item.get('name')} ({_role(item.get('role'))})"
    if kind == "citations":
        return item.get("number") or f"{item.get('doc_type') or ''} {item.get('title') or ''}".strip()
    return f"{item.get('path')} {' '.join(str(item.get('heading') or '').split())[:70]}"


def _role(r):
    return "|".join(r) if isinstance(r, list) else str(r)
