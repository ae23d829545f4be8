"""Issuing bodies: their canonical names ("Ủy ban nhân dân tỉnh Bắc Kạn" -> "UBND tỉnh Bắc
Kạn"), the casing of upper-case headers, and their level (national, province, district,
commune).  Spellings, national bodies and level patterns: ``data/issuers.yaml``.
Used by the metadata stage (the document's issuer) and the citations stage (cited issuers).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline import data
from pipeline.stages import admin_units
from pipeline.stages.patterns import fill

WS_RE = re.compile(r"\s+")
_DATA = data.load("issuers.yaml")
_P = _DATA["patterns"]
#: a unit type ("tỉnh", "TP.") and a place name after it ("Bắc Kạn")
UNIT_RE = admin_units.UNIT_RE
NAME_RE = fill(_P["name"])


# ---------------------------------------------------------------- casing helpers

def _cap(word: str) -> str:
    return word[:1].upper() + word[1:].lower() if word else word


def title_case_place(name: str) -> str:
    """"BẮC KẠN" -> "Bắc Kạn"; digits kept ("QUẬN 7")."""
    return " ".join(_cap(w) for w in name.split())


def sentence_case(text: str) -> str:
    """An upper-case heading in sentence case; words with digits ("27/CT-TTG") and the
    names of provinces after "tỉnh" / "thành phố" keep their capitals."""
    if not text or text != text.upper():
        return text
    words = [w if _DIGIT_RE.search(w) else w.lower() for w in text.split(" ")]
    s = " ".join(words)
    s = _PLACE_AFTER_RE.sub(_place_caps, s)
    for rx, canon in _CASED_NAMES:
        s = rx.sub(canon, s)
    return s[:1].upper() + s[1:]


_DIGIT_RE = re.compile(r"\d")
_PLACE_AFTER_RE = re.compile(fill(_P["place_after"]))
_CASED_NAMES = [(re.compile(rf"(?i)\b{re.escape(canon)}\b"), canon) for canon in _DATA["cased_names"]]


def _place_caps(m) -> str:
    """Capitalise the longest prefix of the words that is a province name."""
    words = m.group(2).split(" ")
    for n in range(len(words), 0, -1):
        name = admin_units.province_name(" ".join(words[:n]))
        if name:
            return m.group(1) + " ".join([title_case_place(" ".join(words[:n]))] + words[n:])
    return m.group(0)


# ---------------------------------------------------------------- canonical names

# (compiled pattern, canonical) for each written form of a body, longest first
_SPELLINGS = [(re.compile(rf"(?i)(?<!\w){re.escape(written)}(?!\w)"), canon)
              for written, canon in sorted(_DATA["spellings"].items(), key=lambda kv: -len(kv[0]))]
_CITY_ABBREVIATION_RE = re.compile(fill(_P["city_abbreviation"], name=NAME_RE))
_BARE_PROVINCE_RE = re.compile(fill(_P["bare_province"]))
_BODY_UNIT_PLACE_RE = re.compile(rf"(?i)^(.*?)\b({UNIT_RE})\s+(.+)$")
_AGENCY_RE = re.compile(fill(_P["agency"], agency_words=_DATA["agency_words"]))
_AGENCY_FIELD_RE = re.compile(fill(_P["agency_field"], agency_words=_DATA["agency_words"]))
#: a unit and its name in an issuer ("phường Lê Chân")
UNIT_NAME_RE = re.compile(rf"(?i)(?<!\w)({UNIT_RE})\s+({NAME_RE})")


@lru_cache(maxsize=4096)
def canonical_issuer(name: str, province: Optional[str] = None) -> str:
    """"Ủy ban nhân dân tỉnh Bắc Kạn" -> "UBND tỉnh Bắc Kạn"; upper-case headers re-cased;
    "UBND tỉnh" completed with ``province`` when it names no place."""
    s = WS_RE.sub(" ", name).strip(" ,.;:-()")
    if not s:
        return s
    if s == s.upper():
        s = _recase(s)
    for rx, canon in _SPELLINGS:
        s = rx.sub(canon, s)
    s = _CITY_ABBREVIATION_RE.sub(admin_units.CITY + " ", s)
    s = WS_RE.sub(" ", s)
    if province and _BARE_PROVINCE_RE.search(s):
        s = f"{s} {province}"
    return s


def _recase(s: str) -> str:
    """Case an upper-case body name: known national bodies, then "<body> <unit> <Name>"."""
    for canon in _DATA["national"]:
        if s.lower() == canon.lower():
            return canon
    m = _BODY_UNIT_PLACE_RE.match(s)
    if m:
        body, unit, place = m.groups()
        body = sentence_case(body.strip()) if body.strip() else ""
        return f"{body} {unit.lower()} {title_case_place(place)}".strip()
    return _agency_case(sentence_case(s))


def _agency_case(s: str) -> str:
    """"Sở giáo dục và đào tạo" -> "Sở Giáo dục và Đào tạo": the field words after the body
    word and after "và", "-", "," start with a capital."""
    if not _AGENCY_RE.match(s):
        return s
    return _AGENCY_FIELD_RE.sub(lambda m: m.group(1) + m.group(2).upper(), s)


def issuer_level(issuer: Optional[str], date: Optional[str],
                 place_hint: Optional[str] = None) -> tuple[Optional[str], Optional[str]]:
    """``(level, province)`` of an issuing body named in the canonical form."""
    if not issuer:
        return None, None
    national, central, province, district = _level_res()
    for rx in national:
        if rx.search(issuer):
            return "national", None
    units = list(UNIT_NAME_RE.finditer(issuer))
    if not units and any(rx.search(issuer) for rx in central):
        return "national", None
    for rx in province:
        if rx.search(issuer):
            prov = None
            for u in units:
                prov = admin_units.province_name(u.group(2)) or prov
            return "province", prov or admin_units.province_name(place_hint or "")
    for rx in district:
        if rx.search(issuer):
            prov = admin_units.province_name(place_hint or "") if place_hint else None
            return "district", prov
    if units:
        u = units[-1]
        level, prov = admin_units.classify(u.group(1), u.group(2), date, place_hint)
        if level == "province" or prov:
            return level, prov
        return level, admin_units.province_name(place_hint or "") if place_hint else None
    return None, admin_units.province_name(place_hint or "") if place_hint else None


@lru_cache(maxsize=1)
def _level_res() -> tuple[list[re.Pattern[str]], ...]:
    """The national, central, province and district patterns of ``issuers.yaml``, compiled."""
    return tuple([re.compile(p, re.I) for p in _DATA.get(k, [])]
                 for k in ("national_patterns", "central_patterns", "province_patterns", "district_patterns"))
