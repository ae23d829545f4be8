"""Sectors: the coarse function of a body, from a gazetteer kept as data, with a learned fallback.

``sector_of("Sở Lao động - Thương binh và Xã hội")`` -> ``"labour-social"``; Bộ / Sở / Phòng
of one branch share a sector, so agencies line up across levels.  The gazetteer is
``pipeline/data/sectors.yaml``; names it does not know go to a small character n-gram model
(trained with scikit-learn by ``scripts/train_sector_model.py``; its weights are read from
``models/sector_model.npz`` without numpy (``weights.py``), only when a name needs the model,
and scored in plain Python, so extraction imports neither scikit-learn nor numpy), whose
answer is kept only above ``MIN_CONFIDENCE``.

``successor(name, date, function=None)`` follows the 2025 reorganisation recorded in the
same file: ``successor("Sở LĐTBXH", "2026-05-23", "social-evils")`` -> ``"Sở Y tế"``.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from pipeline import data as package_data
from pipeline.stages.agencies.names import expand_abbreviations as _expand
from pipeline.stages.agencies.patterns import SECTORS, pattern
from pipeline.stages.agencies.weights import read_npz
from pipeline.text.folds import fold

WEIGHTS = package_data.path("models/sector_model.npz")
MODEL = WEIGHTS.with_suffix(".joblib")     # the scikit-learn pipeline they come from (tests)
MIN_CONFIDENCE = 0.4

_LEAD_IN = pattern("lead_in", file=SECTORS)


def data() -> dict[str, Any]:
    """The parsed ``sectors.yaml`` (cached by ``pipeline.data.load``; do not mutate it)."""
    return package_data.load(SECTORS)


@lru_cache(maxsize=1)
def _rules() -> list[tuple[re.Pattern[str], str]]:
    return [(rx, sector) for rx, sector, _ in _rule_table()]


@lru_cache(maxsize=1)
def _rule_table() -> list[tuple[re.Pattern[str], str, str]]:
    """[(regex, sector, literal)]: a rule can only match where its literal phrase occurs."""
    out: list[tuple[re.Pattern[str], str, str]] = []
    for rule in data()["rules"]:
        for phrase in rule["match"]:
            anchored = phrase.startswith("^")
            lit = fold(phrase.lstrip("^")).strip()
            body = re.escape(lit)
            rx = re.compile(("^" if anchored else r"(?<!\w)") + body + r"(?!\w)")
            out.append((rx, rule["sector"], lit))
    return out


@lru_cache(maxsize=8192)
def gazetteer_sector(name: str) -> Optional[str]:
    """The sector the gazetteer gives ``name``, or None."""
    f = fold(_expand(name))
    f = _LEAD_IN.sub("", f)
    for rx, sector, lit in _rule_table():
        if lit in f and rx.search(f):
            return sector
    return None


class SectorModel:
    """TF-IDF (char_wb n-grams, sublinear tf, l2) + multinomial logistic regression, scored
    in plain Python from the exported weights (read without numpy); equal to the
    scikit-learn pipeline's ``predict_proba`` (tests/test_sectors.py)."""

    def __init__(self, path: Path) -> None:
        z = read_npz(path)          # (without numpy: pipeline.stages.agencies.weights)
        self.index = {g: i for i, g in enumerate(z["ngrams"][1])}
        self.idf = z["idf"][1]
        self.intercept = z["intercept"][1]
        self.classes = z["classes"][1]
        self.min_n, self.max_n = (int(v) for v in z["ngram_range"][1])
        shape, self._coef = z["coef"]
        if shape != (len(self.classes), len(self.index)):
            raise ValueError(f"{path}: coef has shape {shape}")
        self._width = shape[1]

    def column(self, i: int) -> list[float]:
        """The weights of n-gram ``i`` for every class."""
        return self._coef[i::self._width]

    def ngrams(self, text: str) -> list[str]:
        """scikit-learn's ``char_wb`` analyzer: n-grams inside space-padded words."""
        out: list[str] = []
        for w in text.lower().split():
            w = f" {w} "
            for n in range(self.min_n, self.max_n + 1):
                offset = 0
                out.append(w[offset:offset + n])
                while offset + n < len(w):
                    offset += 1
                    out.append(w[offset:offset + n])
                if offset == 0:
                    break
        return out

    def predict_proba(self, text: str) -> list[float]:
        """The probability of each class (in ``self.classes`` order)."""
        counts: dict[int, int] = {}
        for g in self.ngrams(text):
            i = self.index.get(g)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        scores = list(self.intercept)
        if counts:
            x = {i: (1.0 + math.log(c)) * self.idf[i] for i, c in counts.items()}
            norm = math.sqrt(sum(v * v for v in x.values()))
            for i, v in x.items():
                v /= norm
                scores = [s + v * w for s, w in zip(scores, self.column(i))]
        top = max(scores)
        e = [math.exp(s - top) for s in scores]
        total = sum(e)
        return [v / total for v in e]


@lru_cache(maxsize=1)
def _model() -> Optional[SectorModel]:
    if not WEIGHTS.is_file():
        return None
    try:
        return SectorModel(WEIGHTS)
    except Exception:
        return None


def predict_sector(name: str, model: Optional[SectorModel] = None) -> tuple[Optional[str], float]:
    """``(sector, confidence)`` from the learned model; ``(None, 0.0)`` without a model."""
    model = model if model is not None else _model()
    if model is None:
        return None, 0.0
    probs = model.predict_proba(fold(_expand(name)))
    best = max(range(len(probs)), key=probs.__getitem__)      # the first highest, as argmax
    return str(model.classes[best]), float(probs[best])


def lookup(name: str) -> tuple[Optional[str], Optional[str], float]:
    """``(sector, source, confidence)``; source is "gazetteer", "model" or None."""
    sector = gazetteer_sector(name)
    if sector:
        return sector, "gazetteer", 1.0
    sector, conf = predict_sector(name)
    if sector and conf >= MIN_CONFIDENCE:
        return sector, "model", conf
    return None, None, conf


def sector_of(name: str, date: Optional[str] = None) -> Optional[str]:
    """The sector of a body; ``date`` (ISO) is accepted for symmetry with ``successor``:
    sectors are functions, so a body keeps its sector across the reorganisation."""
    return lookup(name)[0]


# ---------------------------------------------------------------- reorganisation

_KIND = pattern("kind", file=SECTORS)


def _split_kind(name: str) -> tuple[Optional[str], str]:
    m = _KIND.match(_expand(name).strip())
    return (m.group(1), m.group(2)) if m else (None, name)


def successor(name: str, date: Optional[str], function: Optional[str] = None) -> str:
    """The body that holds ``name``'s duties at ``date`` (ISO).  ``function`` picks the
    part of a split portfolio ("social-evils", "poverty", "press", ...).  Returns the name
    unchanged when nothing happened to it before ``date``."""
    if not date:
        return name
    kind, branch = _split_kind(name)
    fbranch = fold(branch)
    for change in data()["reorganisation"]:
        if date < change["date"]:
            continue
        old = fold(change["branch"])
        if not (fbranch == old or fbranch.startswith(old + " ")):
            continue
        tail = branch[len(change["branch"]):] if fbranch.startswith(old) else ""
        new_branch = (change.get("functions") or {}).get(function) or change["to"]
        new_kind = (change.get("kinds") or {}).get(kind, kind)
        out = f"{new_kind} {new_branch}{tail}" if new_kind else new_branch
        return _district_successor(out, date, function)
    return _district_successor(name, date, function)


def _district_successor(name: str, date: str, function: Optional[str]) -> str:
    """After the district tier went, a "Phòng ..." of the old district maps to the
    commune/ward office that took its function; ward offices themselves stay."""
    tier = data()["district_tier"]
    if date < tier["abolished"]:
        return name
    f = fold(_expand(name))
    targets = {fold(v) for v in tier["successors"].values()}
    if not f.startswith(fold(tier["office"]) + " ") or any(f.startswith(t) for t in targets):
        return name
    return tier["successors"].get(gazetteer_sector(name), name)


def aligned(name_a: str, date_a: Optional[str], name_b: str, date_b: Optional[str],
            function: Optional[str] = None) -> bool:
    """Do two bodies (each named as of its own date) hold the same duty?  Both are carried
    to the later date through ``successor`` and compared by sector."""
    later = max(d for d in (date_a, date_b, "") if d is not None) or None
    a = successor(name_a, later, function)
    b = successor(name_b, later, function)
    sa, sb = sector_of(a), sector_of(b)
    return sa is not None and sa == sb
