"""The scorer's own folds: how gold and predicted text are compared.

These are deliberately not :mod:`pipeline.text.folds`: the scorer must not share the code
it scores, or a bug in the shared fold would hide itself.  ``fold_org`` expands the
abbreviations of ``data/evaluate.yaml`` (scoring only).
"""
from __future__ import annotations

import re
import unicodedata

from pipeline import data

_MARKS = re.compile(r"[*_#`\\|]+")
_DASH = re.compile(r"\s*[-–—‐]\s*")
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])"
                       r"(?![\u0300-\u036f])(?![^\W\d_])")
_HYPHEN = re.compile(r"\s*-\s*")
_ODD_DASH = re.compile(r"[–—‐]")
_SPACE = re.compile(r"\s+")


def abbreviations() -> dict[str, str]:
    """``{abbreviation: spelled out}`` (lower case), e.g. "ubnd" -> "ủy ban nhân dân"."""
    return data.load("evaluate.yaml")["abbreviations"]


def fold(text) -> str:
    """Case, white space, Markdown marks, dashes, quotes and tone placement folded."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFD", str(text))
    s = _OLD_TONE.sub(r"\1\3\2", s)                  # hoá -> hóa, uỷ -> ủy
    s = unicodedata.normalize("NFC", s).lower()
    s = _MARKS.sub("", s)
    s = s.replace("“", '"').replace("”", '"').replace("…", "...")
    s = _DASH.sub(" - ", s)
    return " ".join(s.split())


def fold_org(text) -> str:
    """``fold`` plus abbreviations expanded ("UBND tỉnh" == "Ủy ban nhân dân tỉnh")."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFC", str(text)).lower()
    s = _HYPHEN.sub("-", s)
    abbr = abbreviations()
    words = [abbr.get(w.strip(",.;:()"), w) for w in s.split()]
    return fold(" ".join(words))


def fold_number(num) -> str:
    """"242/VPCP- KGVX" == "242/VPCP-KGVX"; case and white space folded."""
    if not num:
        return ""
    s = unicodedata.normalize("NFC", str(num)).upper()
    s = _ODD_DASH.sub("-", s)
    return _SPACE.sub("", s)
