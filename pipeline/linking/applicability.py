"""Applicability: is a parent target expected of this child at all?

A parent target with no counterpart in the child is ``missing_in_child`` only when the
child can carry it.  :func:`not_carried` gives the reason when it cannot:

* it counts administrative units above the child's level ("100% tỉnh, thành phố" for a
  district or commune plan);
* it is an international ranking, or an absolute national count, and the child is a
  local plan (a per-head rate such as "12 người trên một vạn dân" is carried);
* the child cites the parent only as legal basis ("Căn cứ"), or names it only as what
  another document implements (relation ``basis`` / ``via``), and takes the indicator up
  nowhere;
* the child is a plan on a narrower topic than the parent (its title holds less than
  ``topic_cover`` of the parent title's topic words) and the indicator lies outside it.

Topic words are pairs of folded syllables (:func:`topic`), data in ``data/applicability.yaml``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline import data
from pipeline.linking.align import clause_of, scope_of, subject_before
from pipeline.linking.link import LEVEL_RANK, year_of
from pipeline.text.folds import fold

_SYLLABLE = re.compile(r"[^\W\d_]+")
_BASE = re.compile(r"(\d+(?:[.,]\d+)?)\s*%\s*(GRDP|GDP)\b")


def table() -> dict[str, Any]:
    return data.load("applicability.yaml")


@lru_cache(maxsize=1)
def _stops() -> tuple[frozenset[str], frozenset[str]]:
    t = table()
    return (frozenset(fold(s) for s in t["topic_stop_syllables"]),
            frozenset(fold(s) for s in t["topic_stop_pairs"]))


@lru_cache(maxsize=65536)
def topic(text: str | None) -> frozenset[str]:
    """The topic words of a text: pairs of neighbouring content syllables, folded."""
    syll, pairs = _stops()
    words = [w for w in _SYLLABLE.findall(fold(text)) if w not in syll]
    return frozenset(p for p in (f"{a} {b}" for a, b in zip(words, words[1:])) if p not in pairs)


def last_pair(text: str | None) -> str | None:
    """The last topic pair of a text (in reading order), or None."""
    syll, pairs = _stops()
    words = [w for w in _SYLLABLE.findall(fold(text)) if w not in syll]
    found = [p for p in (f"{a} {b}" for a, b in zip(words, words[1:])) if p not in pairs]
    return found[-1] if found else None


def child_topic(child: dict[str, Any]) -> frozenset[str]:
    """The child's topic: its title and the indicators of its targets."""
    out = set(topic(child["meta"].get("title")))
    for t in child.get("targets") or []:
        out |= topic(t.get("indicator"))
    return frozenset(out)


def covers(child: dict[str, Any], parent: dict[str, Any]) -> bool:
    """True when the child's title covers the parent's whole topic (a plan for the same
    programme), False for a plan on a narrower topic."""
    pt = topic(parent["meta"].get("title")) | topic(parent["meta"].get("topic"))
    if not pt:
        return True
    ct = topic(child["meta"].get("title"))
    return len(pt & ct) >= table()["topic_cover"] * len(pt)


def _has(text: str, cues: list[str]) -> str | None:
    f = fold(text)
    return next((c for c, folded in _folded(tuple(cues)) if folded in f), None)


@lru_cache(maxsize=64)
def _folded(cues: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((c, fold(c)) for c in cues)


def indicator_text(t: dict[str, Any]) -> str:
    """The indicator, after the clause's words before the figure when it was read after it."""
    return f"{subject_before(t)} {t.get('indicator') or t.get('quote') or ''}".strip()


def without_period(text: str) -> str:
    """The text without a trailing "mỗi năm" / "hằng năm": how often, not what is measured."""
    words = text.rstrip(" .;,").split()
    per, nouns = _period_words()
    if len(words) >= 2 and fold(words[-2]) in per and fold(words[-1]) in nouns:
        return " ".join(words[:-2])
    return text


@lru_cache(maxsize=1)
def _period_words() -> tuple[frozenset[str], frozenset[str]]:
    t = table()
    return (frozenset(fold(w) for w in t["per_period_words"]),
            frozenset(fold(w) for w in t["period_nouns"]))


def period_reason(p: dict[str, Any], child: dict[str, Any], parent: dict[str, Any]) -> str:
    """Why a parent figure is not expected of the child's period, or "": it is due after
    the child's period and the parent sets nearer milestones (a 2045 vision against a plan
    to 2030; a one-year plan still owes progress toward a programme's only deadline)."""
    period = child["meta"].get("period") or []
    due = year_of(p.get("deadline"))
    years = [y for y in (year_of(t.get("deadline")) for t in parent.get("targets") or []) if y]
    if len(period) == 2 and period[1] and due and due > period[1] and years and due > min(years):
        return (f"the parent's figure is due {p.get('deadline')}, after the child's period "
                f"{period[0]}-{period[1]}")
    return ""


# the target fields :func:`level_reason` reads
_LEVEL_FIELDS = ("indicator", "quote", "source", "kind", "unit", "value")


def level_reason(p: dict[str, Any], child: dict[str, Any], parent: dict[str, Any]) -> str:
    """Why the child's level cannot carry the target, or ""."""
    cl = child["meta"].get("level")
    if LEVEL_RANK.get(cl) is None:
        return ""
    key = tuple(p.get(k) for k in _LEVEL_FIELDS)
    pl = parent["meta"].get("level")
    try:
        return _level_reason(key, cl, pl)
    except TypeError:                   # a field holding a list: not cached
        return _level_reason.__wrapped__(key, cl, pl)


@lru_cache(maxsize=65536)
def _level_reason(key: tuple[Any, ...], cl: str, pl: Any) -> str:
    """:func:`level_reason` of a target (its ``_LEVEL_FIELDS``) for a child at level ``cl``
    and a parent at ``pl`` (cached: a parent's targets are read for every child)."""
    p = dict(zip(_LEVEL_FIELDS, key))
    rank = LEVEL_RANK[cl]
    text = indicator_text(p)
    scope = scope_of(p.get("indicator") or p.get("quote") or "")
    if scope.admin and scope.tier is not None and scope.tier < rank:
        return (f"it counts {scope.group} units, a tier above this {cl} plan: "
                f"a {cl} cannot carry it")
    if LEVEL_RANK.get(pl) == 1 and rank > 1:
        t = table()
        both = f"{text} {clause_of(p)[0] if not p.get('source') else ''}"
        cue = _has(both, t["national_only_cues"])
        if cue:
            return f"a national ranking or commitment ('{cue}'): a {cl} plan cannot carry it"
        if p.get("kind") == "count" and "/" not in (p.get("unit") or "") \
                and not _has(both, t["per_capita_cues"]):
            return (f"a national count ({p.get('value'):g} {p.get('unit') or ''}): "
                    f"a {cl} carries a share of it, not the figure")
    return ""


def scope_reason(p: dict[str, Any], child: dict[str, Any], parent: dict[str, Any],
                 relation: str, memo: dict[str, Any] | None = None) -> str:
    """Why a target the child does not take up is outside what it owes the parent, or ""
    (then it is ``missing_in_child``).  ``memo``: a dict kept while one child is compared
    with one parent (what is read of the two plans is then read once)."""
    if relation in ("basis", "via"):
        how = (f"cited only as legal basis ('{table()['basis_word']}')" if relation == "basis"
               else "named only as what another cited document implements")
        return f"the parent is {how}, and the child takes this indicator up nowhere"
    memo = {} if memo is None else memo
    if "covers" not in memo:
        memo["covers"] = covers(child, parent)
    if memo["covers"]:
        return ""
    words = topic(indicator_text(p))
    if "child_topic" not in memo:
        memo["child_topic"] = child_topic(child)
    shared = words & memo["child_topic"]
    if len(shared) < table()["topic_min_share"] * len(words):
        return (f"outside the child's narrower topic "
                f"('{(child['meta'].get('title') or '')[:120]}')")
    return ""


def value_base(t: dict[str, Any]) -> str | None:
    """"GRDP" or "GDP" when the target's figure is a share of one ("tối thiểu 30% GRDP")."""
    quote, v = t.get("quote") or "", t.get("value")
    try:
        return _value_base(quote, v)
    except TypeError:                   # a value that is not hashable: not cached
        return _value_base.__wrapped__(quote, v)


@lru_cache(maxsize=65536)
def _value_base(quote: str, v: Any) -> str | None:
    for m in _BASE.finditer(quote):
        try:
            if v is not None and float(m.group(1).replace(",", ".")) == float(v):
                return m.group(2)
        except ValueError:
            continue
    return None


def value_scope(c: dict[str, Any], p: dict[str, Any], child: dict[str, Any],
                parent: dict[str, Any]) -> tuple[str, str]:
    """(value_scope, note): the scopes of two figures compared by value when they differ
    ("GRDP vs GDP", "province vs national"), and a sentence naming them."""
    bc, bp = value_base(c), value_base(p)
    if bc and bp and bc != bp:
        whose = table()["value_bases"]
        return (f"{bc} vs {bp}",
                f"the child's figure is a share of {bc} ({whose.get(bc)}), the parent's of "
                f"{bp} ({whose.get(bp)}): compared by value")
    cl, pl = child["meta"].get("level"), parent["meta"].get("level")
    if cl and pl and cl != pl:
        return f"{cl} vs {pl}", f"a {cl} figure compared by value with a {pl} figure"
    return "", ""


def narrower(c: dict[str, Any], p: dict[str, Any]) -> str:
    """A note when the child's indicator restricts the parent's population, or ""."""
    sc, sp = scope_of(c.get("indicator") or ""), scope_of(p.get("indicator") or "")
    if not sc.group or sc.group != sp.group:
        return ""
    cues = table()["narrowing_cues"]
    cue = _has(c.get("indicator") or "", cues)
    if cue and not _has(p.get("indicator") or "", cues):
        return f"narrower_scope: the child counts only {sc.group} '{cue}'"
    return ""
