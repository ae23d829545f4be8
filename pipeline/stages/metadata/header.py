"""The parts of a document's header: the number line, the place and date line, the issuing
body (header block, enacting line, preamble, "kèm theo" line, signature), the title.

"ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI / Số: 182/KH-UBND / Đồng Nai, ngày 20 tháng 11 năm 2025 /
KẾ HOẠCH / Phòng, chống ma túy năm 2025"; rules: ``data/doc_types.yaml``, ``data/issuers.yaml``.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline import data
from pipeline.stages import admin_units
from pipeline.stages.doc_types import heading_re, types as _types
from pipeline.stages.issuers import NAME_RE, UNIT_RE, WS_RE, sentence_case, title_case_place
from pipeline.text import dates

NUMBER_LINE_RE = re.compile(r"(?i)\bSố\s*:\s*(\d[^\s,;]*)?")
ATTACHED_RE = re.compile(
    r"(?i)\(?\s*(?:Ban hành\s+)?kèm theo\s+(Quyết định|Nghị quyết|Chỉ thị)\s+(?:số\s*)?"
    r"(\S*?)\s+(ngày[^)\n]*?năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})?\s*(?:của\s+([^)\n]+))?\)")
PLACE_DATE_RE = re.compile(
    r"(?im)(?:^|\s)([A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ][^\n,:;]{1,40}?),\s*(ngày[ \t\d._…]*tháng[ \t\d._…]*năm\s+\d{4})")
ISSUING_RE = re.compile(
    r"(?:^|[;.,]\s+|\n)((?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Ban [Cc]hỉ đạo|Ban [Tt]hường vụ|Bộ|Sở)"
    r"[^;:\n]{0,120}?)\s+(?:ban hành|xây dựng|triển khai|lập)\s+(?:kế hoạch|chương trình|chỉ thị)",
    re.I)
SIGN_RE = re.compile(r"(?m)^\s*TM\.?\s*(ỦY BAN NHÂN DÂN|UBND|BAN CHỈ ĐẠO|BAN THƯỜNG VỤ)")


def header_issuer(header: str) -> tuple:
    """``(issuer, parent)``: the body named before "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and,
    in a two-body header ("UBND TỈNH X / SỞ Y TẾ"), the body above it."""
    m = re.search(r"(?i)CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI", header)
    if not m:
        return None, None
    block = WS_RE.sub(" ", header[:m.start()]).strip(" |-_")
    block = WS_RE.sub(" ", re.sub(r"(?i)\bSố\s*:\s*\S*", " ", block)).strip()
    if not block or block != block.upper() or len(block) > 200:
        return None, None
    starts = data.load("issuers.yaml")["body_starts"]
    alt = "|".join(re.escape(s.upper()) for s in sorted(starts, key=len, reverse=True))
    found = [m for m in re.finditer(rf"(?<!\w)(?:{alt})(?!\w)", block)]
    # the lowest body in a two-line header ("UBND TỈNH X / SỞ Y TẾ") is the issuer; a
    # keyword inside a place name ("THÀNH PHỐ HẢI PHÒNG") does not start a body
    for m in reversed(found[1:]):
        if _ends_with_place(block[:m.start()]):
            return block[m.start():].strip(), block[:m.start()].strip()
    return block.strip(), None


def _ends_with_place(text: str) -> bool:
    """True when ``text`` ends with "TỈNH <province>" or a lower unit and its name."""
    m = re.search(rf"(?i)(?<!\w)({UNIT_RE})\s+((?:\S+\s+){{0,3}}\S+)\s*$", text.strip())
    if not m:
        return False
    if m.group(1).lower() in ("tỉnh", "thành phố", "tp", "tp."):
        words = m.group(2).split()
        return any(admin_units.province_name(" ".join(words[:n])) == title_case_place(" ".join(words))
                   or admin_units.province_name(" ".join(words)) for n in range(1, len(words) + 1))
    return True


def authority_line(t: str) -> Optional[str]:
    """The upper-case enacting body printed just before the first "Căn cứ" of a decision."""
    m = re.search(r"(?m)^([^\S\n]*[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ][A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ0-9 ,.-]{4,120})\n(?:Căn cứ|Xét đề nghị)", t[:8000])
    if not m:
        return None
    line = m.group(1).strip()
    if line != line.upper() or heading_re().fullmatch(line) or "QUYẾT ĐỊNH" in line:
        return None
    return line


def place_date(header: str):
    """``(place, iso_date, match)`` of the "Đồng Nai, ngày … tháng … năm …" line."""
    for m in PLACE_DATE_RE.finditer(header):
        place = m.group(1).strip(" *|")
        if re.search(r"(?i)\bsố\b|quyết định|kèm theo", place):
            continue
        return place, dates.parse_date(m.group(2)), m
    return None, None, None


def strip_place(place: Optional[str]) -> tuple:
    """"TP. Bắc Kạn" -> ("thành phố", "Bắc Kạn"); "Quảng Trị" -> (None, "Quảng Trị")."""
    if not place:
        return None, None
    m = re.match(rf"(?i)^({UNIT_RE})\s+(.+)$", place)
    if m:
        unit = m.group(1).lower().rstrip(".")
        return ("thành phố" if unit == "tp" else unit), m.group(2).strip()
    return None, place.strip()


def from_official(text: str) -> str:
    """"Bộ trưởng Bộ Lao động …" -> "Bộ Lao động …"; "Chủ tịch UBND tỉnh X" -> "UBND tỉnh X"."""
    for o in data.load("issuers.yaml")["officials"]:
        text = re.sub(rf"^(?i:{re.escape(o)})\s+", "", text.strip())
    return text


def complete_issuer(issuer: str, unit: Optional[str], place: Optional[str]) -> str:
    """"UBND" / "UBND thành phố" with the place line "TP. Bắc Kạn" -> "UBND thành phố Bắc Kạn"."""
    if not place:
        return issuer
    if re.search(rf"(?i)(?<!\w){UNIT_RE}\s+{NAME_RE}", issuer):
        return issuer
    m = re.search(rf"(?i)(?<!\w)({UNIT_RE})$", issuer)
    if m:
        return f"{issuer} {place}"
    if issuer in ("UBND", "HĐND") and unit:
        return f"{issuer} {unit} {place}"
    return issuer


def preamble_issuer(t: str) -> Optional[str]:
    """The body in "… ; Ủy ban nhân dân phường Lê Chân xây dựng Kế hoạch …"."""
    m = ISSUING_RE.search(t[:6000])
    if not m:
        return None
    body = m.group(1).strip()
    body = re.split(r",\s*", body)[0]          # "Bộ X, Cơ quan Thường trực …" -> "Bộ X"
    return body


def type_from_number(number: Optional[str]) -> Optional[str]:
    if not number:
        return None
    abbr = _types()["abbreviations"]
    for part in re.split(r"[/-]", number):
        if part in abbr:
            return abbr[part]
    return None


def title_after(t: str, start: int) -> Optional[str]:
    """The block(s) after the type heading, up to the preamble or first section."""
    rest = t[start:start + 1500].lstrip("\n ")
    lines = []
    for line in rest.split("\n"):
        s = line.strip()
        if not s:
            continue
        if re.match(r"(?i)(căn cứ|thực hiện|triển khai|theo đề nghị|\(?\s*(ban hành\s+)?kèm theo|"
                    r"[IVX]+\.|\d+\.|điều\s+\d|quyết định:|ỦY BAN NHÂN DÂN|UBND|THỦ TƯỚNG|CHÍNH PHỦ|BỘ TRƯỞNG)", s) \
                and lines:
            break
        if lines and s != s.upper() and lines[-1] == lines[-1].upper():
            break                       # an upper-case title ends before the first paragraph
        lines.append(s)
        if len(lines) >= 3 or s != s.upper():
            break
    if not lines:
        return None
    return sentence_case(" ".join(lines).strip(" :"))
