"""Vietnamese administrative units, from the ``vietnamadminunits`` library (MIT).

Two gazetteers: the three-tier one in force until 30 June 2025 (63 provinces, districts,
communes) and the two-tier one from 1 July 2025 (34 provinces, communes).  ``classify``
says which tier a named unit ("thành phố Bắc Kạn", "phường Lê Chân") belongs to and
in which province, choosing the gazetteer by the document's date.
"""
from __future__ import annotations

import importlib.util
import re
import sqlite3
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, TypedDict

from pipeline import data

REFORM_DATE = "2025-07-01"          # the district tier ends; 34 provinces

_UNITS = data.load("admin_units.yaml")
#: unit type -> tier ("tỉnh" -> "province"); None for a city, which the gazetteer places
UNIT_TYPES: dict[str, Optional[str]] = _UNITS["unit_types"]
CITY: str = _UNITS["city"]
#: a unit type before a name, as a regex
UNIT_RE: str = _UNITS["unit"]
_ABBREVIATIONS: dict[str, str] = _UNITS["abbreviations"]
_PROVINCE_PREFIX_RE = re.compile(_UNITS["province_prefix"])
#: the types that name a province (a city may), a district in the old gazetteer, a commune
PROVINCE_TYPES = frozenset(t for t, tier in UNIT_TYPES.items() if tier in ("province", None))
_DISTRICT_TYPES = frozenset(t for t, tier in UNIT_TYPES.items() if tier in ("district", None))
_COMMUNE_TYPES = frozenset(t for t, tier in UNIT_TYPES.items() if tier == "commune")


_NOT_KEY_RE = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """Lower case, no diacritics, no spaces or punctuation: "Bắc Kạn" -> "backan"."""
    # NFD splits the diacritics off as combining marks (category Mn), which are not in
    # [a-z0-9] either: one substitution drops them with the spaces and punctuation ("đ",
    # a letter of its own, does not decompose: it is mapped to "d" first)
    return _NOT_KEY_RE.sub("", unicodedata.normalize("NFD", name.lower().replace("đ", "d")))


def _dataset() -> Optional[Path]:
    """The SQLite file of ``vietnamadminunits``, found without importing the package
    (its ``__init__`` loads its parsers, converters, geopy and shapely: about a second)."""
    try:
        spec = importlib.util.find_spec("vietnamadminunits")
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        db = Path(folder) / "data" / "dataset.db"
        if db.is_file():
            return db
    return None


def _query(columns: str, table: str) -> list[tuple[Any, ...]]:
    """The distinct rows (``columns`` in that order, each first met in table order) of a
    table of the library's database."""
    sql = f"SELECT {columns} FROM {table}"
    db = _dataset()
    if db is None:
        # (imported here: the package's import takes about a second, and only a layout
        # without the SQLite file next to it needs it)
        from vietnamadminunits.database import query
        names = [c.strip() for c in columns.split(",")]
        rows = [tuple(r[n] for n in names) for r in query(sql)]
    else:
        with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as conn:
            rows = conn.execute(sql).fetchall()      # plain tuples
        conn.close()
    # DISTINCT here, not in SQL: SQLite's temporary B-tree for it took longer than reading
    # the table (the rows and their order are the same)
    return list(dict.fromkeys(rows))


class _Gazetteer(TypedDict):
    province: dict[str, str]
    central: set[str]
    district: defaultdict[tuple[str, str], set[str]]
    commune: defaultdict[tuple[str, str], set[str]]


@lru_cache(maxsize=2)
def _gazetteer(legacy: bool) -> _Gazetteer:
    """{"province": {key: short}, "central": {key}, "district": {(type, key): {province}},
    "commune": {(type, key): {province}}} for one of the two gazetteers."""
    g: _Gazetteer = {"province": {}, "central": set(), "district": defaultdict(set),
                     "commune": defaultdict(set)}
    if legacy:
        rows = _query("province, provinceShort, district, districtShort, districtType, "
                      "wardShort, wardType", "admin_units_legacy")
    else:
        rows = _query("province, provinceShort, NULL, NULL, NULL, wardShort, wardType",
                      "admin_units")
    provinces, central, districts, communes = (g["province"], g["central"], g["district"],
                                               g["commune"])
    for province, p, _, district, district_type, ward, ward_type in rows:
        k = key(p)
        provinces[k] = p
        if province.lower().startswith(CITY):
            central.add(k)
        if legacy and district:
            districts[(district_type.lower(), key(district))].add(p)
        if ward:
            communes[(ward_type.lower(), key(ward))].add(p)
    return g


def _legacy_for(date: Optional[str]) -> list[bool]:
    """Gazetteers to try, most likely first, for a document dated ``date``."""
    if not date:
        return [False, True]
    if len(date) == 4 and date == REFORM_DATE[:4]:
        return [False, True]
    return [True, False] if date < REFORM_DATE else [False, True]


def province_name(name: str) -> Optional[str]:
    """The short province name ("Tỉnh Quảng Trị", "quang tri" -> "Quảng Trị") in either gazetteer."""
    k = key(_PROVINCE_PREFIX_RE.sub("", name.strip()))
    for legacy in (False, True):
        p = _gazetteer(legacy)["province"].get(k)
        if p:
            return p
    return None


def is_central_city(name: str, date: Optional[str] = None) -> bool:
    """True for a city directly under the centre (Hà Nội, Hải Phòng, Huế from 2025 ...)."""
    k = key(name)
    return any(k in _gazetteer(legacy)["central"] for legacy in _legacy_for(date)[:1])


def canonical_unit(word: str) -> str:
    """The unit type ``word`` stands for, lower case: "TP." -> "thành phố", "Tỉnh" -> "tỉnh"."""
    t = word.lower().rstrip(".")
    return _ABBREVIATIONS.get(t, t)


def classify(unit_type: str, name: str, date: Optional[str] = None,
             province_hint: Optional[str] = None) -> tuple[Optional[str], Optional[str]]:
    """``(level, province)`` of the unit "``unit_type`` ``name``" at ``date``.

    ``level`` is province | district | commune, or None when the gazetteers do not know
    the unit; ``province`` is the short province name when it is unambiguous (or agrees
    with ``province_hint``).
    """
    t = canonical_unit(unit_type)
    k = key(name)
    hint = key(province_hint) if province_hint else None
    for legacy in _legacy_for(date):
        g = _gazetteer(legacy)
        if t in PROVINCE_TYPES and k in g["province"]:
            if UNIT_TYPES[t] == "province" or k in g["central"]:
                return "province", g["province"][k]
        if t in _DISTRICT_TYPES and legacy:
            provs = g["district"].get((t, k))
            if provs:
                return "district", _pick(provs, hint)
        if t in _COMMUNE_TYPES:
            provs = g["commune"].get((t, k))
            if provs:
                return "commune", _pick(provs, hint)
    level = UNIT_TYPES.get(t)
    if t == CITY and province_name(name):
        return "province", province_name(name)
    return level, None


def _pick(provinces: set[str], hint: Optional[str]) -> Optional[str]:
    if len(provinces) == 1:
        return next(iter(provinces))
    if hint:
        for p in provinces:
            if key(p) == hint:
                return p
    return None
