"""Keys of cited documents: normalised numbers, years, local issuers and provinces.

Every citation's number, year and issuer is keyed several times over a comparison (to
resolve it, group it with other citations of the same document and check its date): the
keys are cached by the text they are read from.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline import data
from pipeline.text.folds import fold, number_key

_NUMBER_YEAR = re.compile(r"/((?:19|20)\d\d)/")
_YEAR = re.compile(r"(\d{4})")
_CODE_SEP = re.compile(r"[-/]")
_number_key = lru_cache(maxsize=65536)(number_key)


def norm_number(number) -> str | None:
    """The key of a document number (:func:`pipeline.text.folds.number_key`), cached: every
    citation's number is keyed several times."""
    return _number_key(number) if isinstance(number, str) else number_key(number)


def number_year(number) -> int | None:
    """The year a document number names ("178/2004/NĐ-CP": 2004), or None."""
    return _number_year(number) if type(number) is str else _number_year.__wrapped__(number)


@lru_cache(maxsize=65536)
def _number_year(number) -> int | None:
    m = _NUMBER_YEAR.search(number or "")
    return int(m.group(1)) if m else None


@lru_cache(maxsize=65536)
def is_local(number) -> bool:
    """True when the issuer code of the number belongs to a local body (UBND, TU ...)."""
    codes = set(data.load("programmes.yaml").get("local_issuer_codes") or [])
    suffix = (number or "").split("/", 1)[-1]
    parts = _CODE_SEP.split(suffix)
    return any(p in codes for p in parts)


def year_of(date) -> int | None:
    """The year a date or deadline starts with ("2025-12-31", "2025"), or None."""
    if type(date) is str:
        return _year_of_text(date)
    m = _YEAR.match(str(date or ""))
    return int(m.group(1)) if m else None


@lru_cache(maxsize=65536)
def _year_of_text(date: str) -> int | None:
    m = _YEAR.match(date)
    return int(m.group(1)) if m else None


def province_named(issuer, provinces) -> str | None:
    """The longest of ``provinces`` named in the issuer, or None."""
    if not isinstance(provinces, frozenset):
        provinces = frozenset(provinces)
    return _province_in(issuer, provinces) if issuer is None or type(issuer) is str \
        else _province_in.__wrapped__(issuer, provinces)


@lru_cache(maxsize=65536)
def _province_in(issuer, provinces: frozenset[str]) -> str | None:
    """The longest province named in the issuer (cached: citations of one issuer repeat)."""
    f = fold(issuer)
    for p, folded in _longest_first(provinces):
        if p and folded in f:
            return p
    return None


@lru_cache(maxsize=16)
def _longest_first(provinces: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(province, folded) longest first: sorted and folded once per set of provinces, not
    once per citation."""
    return tuple((p, fold(p)) for p in sorted(provinces, key=len, reverse=True))


def cited_key(cit: dict[str, Any], child: dict[str, Any], provinces) -> str:
    """Identity of a cited document for grouping unresolved citations and siblings."""
    num = norm_number(cit.get("number")) or fold(cit.get("title"))
    if is_local(num):
        prov = province_named(cit.get("issuer"), provinces) or child["meta"].get("province")
        return f"{num}@{prov or '?'}"
    return num
