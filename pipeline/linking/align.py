"""Align: pair each child target with the parent target that measures the same thing.

Score of a (child, parent) pair, in [0, 1]::

    score = (0.75 * cosine + 0.25 * scope) * units

* ``cosine`` — TF-IDF (word uni- and bigrams, sublinear tf, smooth idf, l2 norm) over the
  indicator text segmented by ``underthesea.word_tokenize(format="text")``, numbers and
  punctuation dropped, fitted on the indicators of the two documents.  :func:`tfidf_cosine`
  gives the numbers scikit-learn's ``TfidfVectorizer`` + ``cosine_similarity`` give, bit for
  bit (same operations in the same order; tests/test_compare_scale.py checks), without their
  per-call overhead: a comparison of 100,000 documents aligns some 100,000 pairs.
* ``scope`` — the scope noun each indicator counts (``scope_nouns`` in
  ``data/programmes.yaml``: xã/phường, học sinh, người lao động, người bán dâm, cơ sở kinh
  doanh, tố giác, cán bộ ...): 1 for the same scope, 0.75 for two administrative tiers
  (national "40% tỉnh" against a district's "40% xã": the same indicator at another scope,
  reported in ``scope_note``), 0.5 when one side names no scope, and 0 — with the whole
  score halved — for two different non-administrative scopes (học sinh vs người lao động).
* ``units`` — 1 for the same unit, 0.85 for the same kind with other units, 0.7 for a
  percentage against a count (such a pair is kept but reported ``not_comparable``).

Pairs are chosen one-to-one by ``scipy.optimize.linear_sum_assignment`` on the scores and
kept when ``score >= THRESHOLD``.

Why THRESHOLD = 0.34 (and the 0.75/0.25 weights): scored on the gold seeds (anchors as
indicator text) against the 1629/QĐ-TTg reference, with the hand-judged pairs kept in
tests/test_align.py.  The clear true pairs score 0.36-0.71 (học sinh 0.36, lồng ghép
xã-vs-tỉnh 0.40, 70% xã 0.58, 20% kiểm tra 0.71); the wrong pairs a one-to-one assignment
would otherwise keep score <= 0.32 (gold of other topics — gender equality, legal staff —
against the same reference: 0.29-0.32; seed 000's "mô hình thí điểm" against "xây dựng kế
hoạch": 0.23).  With weights 0.6/0.4 the scope noun alone lifted unrelated "xã" pairs to
0.43, above the weakest true pair.  0.34 sits in the gap; a missed pair still shows (as
``missing_in_child`` + ``only_in_child``), a wrong pair shows both quotes side by side.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment
from underthesea import word_tokenize

from pipeline import data
from pipeline.linking.tfidf import tfidf_cosine  # noqa: F401 (re-exported)
from pipeline.text.folds import fold

THRESHOLD = 0.34
W_TEXT, W_SCOPE = 0.75, 0.25
_NOT_WORDS = re.compile(r"[\d%.,;:()\"'“”\-–/+]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def segment(text: str) -> str:
    """Indicator text as underthesea words joined by spaces ("tuyên_truyền"), no digits."""
    t = fold(text)
    t = _NOT_WORDS.sub(" ", t)
    t = _SPACES.sub(" ", t).strip()
    if not t:
        return ""
    return word_tokenize(t, format="text")


@lru_cache(maxsize=1)
def _scope_table():
    table = data.load("programmes.yaml")
    rows = []
    for s in table.get("scope_nouns") or []:
        for p in s["phrases"]:
            phrase = fold(p)
            pattern = re.compile(r"(?<![\wÀ-ỹ])" + re.escape(phrase) + r"(?![\wÀ-ỹ])")
            rows.append((phrase, pattern, s["group"], bool(s.get("admin")), s.get("tier")))
    rows.sort(key=lambda r: -len(r[0]))
    return rows, [fold(x) for x in table.get("scope_ignore") or []]


@dataclass(frozen=True)
class Scope:
    group: str | None
    admin: bool = False
    tier: int | None = None
    phrase: str | None = None


@lru_cache(maxsize=65536)
def scope_of(indicator: str) -> Scope:
    """The scope noun appearing first in the indicator (longest phrase at that place)."""
    rows, ignore = _scope_table()
    text = " " + fold(indicator) + " "
    for ig in ignore:
        text = text.replace(ig, " " * len(ig))
    best = None
    for phrase, pattern, group, admin, tier in rows:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), Scope(group, admin, tier, phrase))
    return best[1] if best else Scope(None)


def scope_score(a: Scope, b: Scope) -> tuple[float, bool, str]:
    """(score, conflict, note) for child scope ``a`` against parent scope ``b``."""
    if a.group is None or b.group is None:
        return 0.5, False, ""
    if a.group == b.group:
        return 1.0, False, ""
    if a.admin and b.admin:
        return 0.75, False, (f"same indicator at another scope: parent counts {b.group}, "
                             f"child counts {a.group}")
    return 0.0, True, ""


def unit_class(t: dict[str, Any]) -> str:
    """"%", "freq:<period>" ("lần/tháng": a frequency noun per period) or "count:<unit>"."""
    unit = fold(t.get("unit"))
    if t.get("kind") == "percent" or unit == "%":
        return "%"
    if "/" in unit and unit.split("/")[0].strip() in data.load("programmes.yaml")["frequency_nouns"]:
        return "freq:" + unit.split("/")[-1].strip()
    return "count:" + unit


def unit_factor(a: dict[str, Any], b: dict[str, Any]) -> float:
    return _unit_factor(_unit_key(a), _unit_key(b))


def _unit_key(t: dict[str, Any]) -> tuple[str, str]:
    return unit_class(t), fold(t.get("unit"))


def _unit_factor(a: tuple[str, str], b: tuple[str, str]) -> float:
    (ua, fa), (ub, fb) = a, b
    if ua == ub or fa == fb:
        return 1.0
    if ua.split(":")[0] == ub.split(":")[0]:
        return 0.85
    return 0.7


def comparable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same unit class: % with %, counts of the same noun, frequencies per same period."""
    ua, ub = unit_class(a), unit_class(b)
    if ua == ub:
        return True
    if ua.startswith("count:") and ub.startswith("count:"):
        na, nb = ua[6:].split("/")[0].strip(), ub[6:].split("/")[0].strip()
        return bool(na) and (na in nb or nb in na) and ua.count("/") == ub.count("/")
    return False


_CLAUSE = re.compile(r"[^;.\n]+(?:[.,]\d[^;.\n]*)*")


def subject_before(t: dict[str, Any]) -> str:
    """The words of the target's clause before its figure, when the indicator was read
    after the figure ("Tỉ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt trên 40% trong
    tổng số doanh nghiệp": indicator "tổng số doanh nghiệp"); "" otherwise.  Reference
    targets (``source`` set) have hand-written indicators and are left alone."""
    quote, ind, v = t.get("quote") or "", t.get("indicator"), t.get("value")
    if t.get("source") or not quote or not ind or not isinstance(v, (int, float)):
        return ""
    return _subject_before(quote, ind, v) if type(quote) is str and type(ind) is str \
        else _subject_before.__wrapped__(quote, ind, v)


@lru_cache(maxsize=65536)
def _subject_before(quote: str, indicator: str, value: float) -> str:
    ind = fold(indicator)
    if not ind:
        return ""
    clause, at = _clause_of(quote, value)
    if not clause:
        return ""
    return clause[:at] if fold(clause).find(ind[:30]) >= at else ""


def clause_of(t: dict[str, Any]) -> tuple[str, int]:
    """(the clause of the target's quote that holds its figure, the figure's offset in it);
    ("", -1) when the figure is not found."""
    quote, v = t.get("quote") or "", t.get("value")
    if not isinstance(v, (int, float)):
        return "", -1
    return _clause_of(quote, v) if type(quote) is str else _clause_of.__wrapped__(quote, v)


@lru_cache(maxsize=65536)
def _clause_of(quote: str, v: float) -> tuple[str, int]:
    """:func:`clause_of` of a quote and a figure (cached: a parent's targets are read for
    every child)."""
    figure = re.compile(r"(?<![\d.,])" + re.escape(f"{v:g}").replace(r"\.", "[.,]") + r"(?![\d])")
    for m in _CLAUSE.finditer(quote):
        f = figure.search(m.group())
        if f:
            return m.group(), f.start()
    return "", -1


def _text(t: dict[str, Any]) -> str:
    """Indicator text (after the clause's words before the figure when the indicator was
    read after it: :func:`subject_before`), plus the counted noun of a non-percent unit
    ("lần/tháng" -> "lần tháng")."""
    text = t.get("indicator") or t.get("quote") or ""
    before = subject_before(t)
    if before:
        text = before + " " + text
    unit = t.get("unit") or ""
    if unit and unit != "%":
        text += " " + unit.replace("/", " ")
    return text


def score_matrix(child: list[dict[str, Any]], parent: list[dict[str, Any]],
                 parent_prepared: list[Prepared] | None = None,
                 child_prepared: list[Prepared] | None = None
                 ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.object_]]:
    """(scores, notes) arrays of shape (len(child), len(parent)), the notes strings (the
    scope note of each pair, mostly ""); ``parent_prepared``,
    ``child_prepared``: :func:`prepared` of either side, when the caller has it already."""
    if not child or not parent:
        return np.zeros((len(child), len(parent))), np.full((len(child), len(parent)), "", dtype=object)
    cf = prepared(child) if child_prepared is None else child_prepared
    pf = prepared(parent) if parent_prepared is None else parent_prepared
    cos = tfidf_cosine([f[0] for f in cf + pf], len(child))
    # scope and unit factors looked up per distinct (child, parent) value, then spread
    # over the matrix: the same float operations, in the same order, as pair by pair
    ci, cscopes = _distinct([f[1] for f in cf])
    pi, pscopes = _distinct([f[1] for f in pf])
    scope_table, halve_table, note_table = _scope_tables(cscopes, pscopes)
    scope, halve = scope_table[ci[:, None], pi], halve_table[ci[:, None], pi]
    notes: npt.NDArray[np.object_] = note_table[ci[:, None], pi]
    cu, cunits = _distinct([f[2] for f in cf])
    pu, punits = _distinct([f[2] for f in pf])
    units = _unit_table(cunits, punits)[cu[:, None], pu]
    scores = (W_TEXT * cos + W_SCOPE * scope) * units * halve
    return scores, notes


@lru_cache(maxsize=4096)
def _scope_tables(child: tuple[Scope, ...], parent: tuple[Scope, ...]
                  ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.object_]]:
    """(scope score, 0.5 for a conflict else 1.0, note) of each (child, parent) scope."""
    table = [[scope_score(a, b) for b in parent] for a in child]
    return (np.array([[x[0] for x in row] for row in table]),
            np.array([[0.5 if x[1] else 1.0 for x in row] for row in table]),
            np.array([[x[2] for x in row] for row in table], dtype=object))


@lru_cache(maxsize=4096)
def _unit_table(child: tuple[tuple[str, str], ...], parent: tuple[tuple[str, str], ...]
                ) -> npt.NDArray[np.float64]:
    """The unit factor of each (child, parent) unit key."""
    return np.array([[_unit_factor(a, b) for b in parent] for a in child])


def _distinct(values: list[Any]) -> tuple[npt.NDArray[np.intp], tuple[Any, ...]]:
    """(index of each value in the distinct values, those values in order)."""
    seen: dict[Any, int] = {}
    index = np.array([seen.setdefault(v, len(seen)) for v in values], dtype=np.intp)
    return index, tuple(seen)


# the target fields :func:`_text`, :func:`scope_of` and :func:`_unit_key` read
_PREPARED_FIELDS = ("indicator", "quote", "value", "source", "unit", "kind")


# (segmented text, scope, unit key) of a target
Prepared = tuple[str, Scope, tuple[str, str]]


def prepared(targets: list[dict[str, Any]]) -> list[Prepared]:
    """What :func:`score_matrix` reads of each target (a parent's targets are scored
    against every child's: prepared once)."""
    return [_prepared(t) for t in targets]


def _prepared(t: dict[str, Any]) -> tuple[str, Scope, tuple[str, str]]:
    """(segmented text, scope, unit key) of a target, cached by the fields they are read
    from: a parent's targets are scored against every child's, and children restate them."""
    key = tuple(t.get(k) for k in _PREPARED_FIELDS)
    try:
        return _prepared_cached(key)
    except TypeError:                   # a field holding a list: not cached
        return _prepare(t)


def _prepare(t: dict[str, Any]) -> tuple[str, Scope, tuple[str, str]]:
    return segment(_text(t)), scope_of(t.get("indicator") or t.get("quote") or ""), _unit_key(t)


@lru_cache(maxsize=65536)
def _prepared_cached(key: tuple[Any, ...]) -> tuple[str, Scope, tuple[str, str]]:
    return _prepare(dict(zip(_PREPARED_FIELDS, key)))


def valued(targets: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Targets with a figure (deadline-only tasks are not aligned)."""
    return [t for t in targets or [] if t.get("kind") != "deadline" and t.get("value") is not None]


def align(child: list[dict[str, Any]], parent: list[dict[str, Any]],
          threshold: float = THRESHOLD, matrix=None) -> list[tuple[int, int, float, str]]:
    """One-to-one pairs ``[(i, j, score, scope_note)]`` of indices into ``child`` and
    ``parent`` (the lists as given), best assignment first, each with score >= threshold.
    ``matrix``: their :func:`score_matrix`, when the caller has it already."""
    scores, notes = score_matrix(child, parent) if matrix is None else matrix
    if scores.size == 0:
        return []
    rows, cols = linear_sum_assignment(-scores)
    pairs = [(int(i), int(j), float(scores[i, j]), notes[i][j])
             for i, j in zip(rows, cols) if scores[i, j] >= threshold]
    return sorted(pairs, key=lambda p: -p[2])
