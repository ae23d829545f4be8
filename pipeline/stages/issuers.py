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

WS_RE = re.compile(r"\s+")


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
    words = [w if re.search(r"\d", w) else w.lower() for w in text.split(" ")]
    s = " ".join(words)
    s = re.sub(r"(\b(?:tỉnh|phố) )(\w+(?: \w+){0,3})", _place_caps, s)
    for canon in ("Thủ tướng Chính phủ", "Chính phủ", "Quốc hội", "Ủy ban nhân dân"):
        s = re.sub(rf"(?i)\b{canon}\b", canon, s)
    return s[:1].upper() + s[1:]


def _place_caps(m) -> str:
    """Capitalise the longest prefix of the words that is a province name."""
    words = m.group(2).split(" ")
    for n in range(len(words), 0, -1):
        name = admin_units.province_name(" ".join(words[:n]))
        if name:
            return m.group(1) + " ".join([title_case_place(" ".join(words[:n]))] + words[n:])
    return m.group(0)


# ---------------------------------------------------------------- canonical names

UNIT_RE = r"(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|thị trấn|xã(?!\s+hội)|phường|đặc khu)"
NAME_RE = r"(?:[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ0-9][\wÀ-ỹ]*(?:[ -](?:[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ0-9][\wÀ-ỹ]*))*)"


def _spellings() -> list:
    sp = data.load("issuers.yaml")["spellings"]
    return sorted(sp.items(), key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1)
def _spelling_res() -> list:
    """(compiled pattern, canonical) for each spelling of ``_spellings``, in its order."""
    return [(re.compile(rf"(?i)(?<!\w){re.escape(written)}(?!\w)"), canon)
            for written, canon in _spellings()]


@lru_cache(maxsize=4096)
def canonical_issuer(name: str, province: Optional[str] = None) -> str:
    """"Ủy ban nhân dân tỉnh Bắc Kạn" -> "UBND tỉnh Bắc Kạn"; upper-case headers re-cased;
    "UBND tỉnh" completed with ``province`` when it names no place."""
    s = WS_RE.sub(" ", name).strip(" ,.;:-()")
    if not s:
        return s
    if s == s.upper():
        s = _recase(s)
    for rx, canon in _spelling_res():
        s = rx.sub(canon, s)
    s = re.sub(rf"(?i)(?<!\w)(tp\.?)\s*(?={NAME_RE})", "thành phố ", s)
    s = WS_RE.sub(" ", s)
    if province and re.search(r"(?i)(?:^|\s)(tỉnh|Tỉnh ủy)$", s):
        s = f"{s} {province}"
    return s


def _recase(s: str) -> str:
    """Case an upper-case body name: known national bodies, then "<body> <unit> <Name>"."""
    for canon in data.load("issuers.yaml")["national"]:
        if s.lower() == canon.lower():
            return canon
    m = re.match(rf"(?i)^(.*?)\b({UNIT_RE})\s+(.+)$", s)
    if m:
        body, unit, place = m.groups()
        body = sentence_case(body.strip()) if body.strip() else ""
        return f"{body} {unit.lower()} {title_case_place(place)}".strip()
    return _agency_case(sentence_case(s))


def _agency_case(s: str) -> str:
    """"Sở giáo dục và đào tạo" -> "Sở Giáo dục và Đào tạo": the field words after the body
    word and after "và", "-", "," start with a capital."""
    if not re.match(r"(?i)(sở|bộ|phòng|ban|cục|chi cục|tổng cục)\s", s):
        return s
    return re.sub(r"(^(?:Sở|Bộ|Phòng|Ban|Cục|Chi cục|Tổng cục)\s+|\s(?:và|-)\s+|,\s+)(\w)",
                  lambda m: m.group(1) + m.group(2).upper(), s)


def issuer_level(issuer: Optional[str], date: Optional[str], place_hint: Optional[str] = None) -> tuple:
    """``(level, province)`` of an issuing body named in the canonical form."""
    if not issuer:
        return None, None
    bodies = data.load("issuers.yaml")
    for p in bodies["national_patterns"]:
        if re.search(p, issuer, re.I):
            return "national", None
    units = list(re.finditer(rf"(?i)(?<!\w)({UNIT_RE})\s+({NAME_RE})", issuer))
    for p in bodies["province_patterns"]:
        if re.search(p, issuer, re.I):
            prov = None
            for u in units:
                prov = admin_units.province_name(u.group(2)) or prov
            return "province", prov or admin_units.province_name(place_hint or "")
    for p in bodies.get("district_patterns", []):
        if re.search(p, issuer, re.I):
            prov = admin_units.province_name(place_hint or "") if place_hint else None
            return "district", prov
    if units:
        u = units[-1]
        level, prov = admin_units.classify(u.group(1), u.group(2), date, place_hint)
        if level == "province" or prov:
            return level, prov
        return level, admin_units.province_name(place_hint or "") if place_hint else None
    return None, admin_units.province_name(place_hint or "") if place_hint else None
