"""Document metadata: type, number, issuer, level, province, date, period, title.

Read from the header block ("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "Số: 182/KH-UBND",
"Đồng Nai, ngày 20 tháng 11 năm 2025"), the type heading and title ("KẾ HOẠCH" and the
lines after it), the "(Ban hành kèm theo Quyết định số …)" line, the preamble ("Ủy ban
nhân dân phường Lê Chân xây dựng Kế hoạch …") and the signature ("TM. ỦY BAN NHÂN DÂN").
Rules and word lists live in ``data/doc_types.yaml`` and ``data/issuers.yaml``.

The stage reads ``pipeline.text.view``: the text with Markdown marks dropped,
hard-wrapped lines joined and white space collapsed, mapped back to ``Document.text``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline import data
from pipeline.document import Meta
from pipeline.stages import admin_units
from pipeline.stages.doc_types import heading_re, types as _types
from pipeline.stages.issuers import (NAME_RE, UNIT_RE, WS_RE, canonical_issuer, issuer_level,
                                     sentence_case, title_case_place)
from pipeline.text import dates
from pipeline.text.view import view_of


# ---------------------------------------------------------------- header parts

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


def _header_issuer(header: str) -> tuple:
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


def _authority_line(t: str) -> Optional[str]:
    """The upper-case enacting body printed just before the first "Căn cứ" of a decision."""
    m = re.search(r"(?m)^([^\S\n]*[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ][A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ0-9 ,.-]{4,120})\n(?:Căn cứ|Xét đề nghị)", t[:8000])
    if not m:
        return None
    line = m.group(1).strip()
    if line != line.upper() or heading_re().fullmatch(line) or "QUYẾT ĐỊNH" in line:
        return None
    return line


def _place_date(header: str):
    """``(place, iso_date, match)`` of the "Đồng Nai, ngày … tháng … năm …" line."""
    for m in PLACE_DATE_RE.finditer(header):
        place = m.group(1).strip(" *|")
        if re.search(r"(?i)\bsố\b|quyết định|kèm theo", place):
            continue
        return place, dates.parse_date(m.group(2)), m
    return None, None, None


def _strip_place(place: Optional[str]) -> tuple:
    """"TP. Bắc Kạn" -> ("thành phố", "Bắc Kạn"); "Quảng Trị" -> (None, "Quảng Trị")."""
    if not place:
        return None, None
    m = re.match(rf"(?i)^({UNIT_RE})\s+(.+)$", place)
    if m:
        unit = m.group(1).lower().rstrip(".")
        return ("thành phố" if unit == "tp" else unit), m.group(2).strip()
    return None, place.strip()


def _from_official(text: str) -> str:
    """"Bộ trưởng Bộ Lao động …" -> "Bộ Lao động …"; "Chủ tịch UBND tỉnh X" -> "UBND tỉnh X"."""
    for o in data.load("issuers.yaml")["officials"]:
        text = re.sub(rf"^(?i:{re.escape(o)})\s+", "", text.strip())
    return text


# ---------------------------------------------------------------- the stage

def _period(title: str, body: str, year: Optional[int]) -> Optional[list]:
    """Period from the title (dates of cited documents removed); without one, from the
    plan's year to the last year its text names (at most ``HORIZON`` years ahead)."""
    t = re.sub(r"(?i)ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}", " ", title or "")
    t = re.sub(r"\S*\d+/\S+", " ", t)
    p = dates.parse_period(t, year)
    if p and year and p[1] <= year and p[0] < year:
        return [year, year]      # a review of a finished period is this year's work
    if p or not year:
        return p
    # "… thời kỳ 2021 - 2030, tầm nhìn đến năm 2050": the horizon of a plan named in passing
    # (the pattern is case-blind: a body without a cue in lower case has no match)
    low = body.lower()
    if any(c in low for c in _period_cues()):
        body = _horizon_re().sub(r"\1", body)
    last = year
    # every year that can count is written in the body: the latest one written bounds them
    top = next((y for y in range(year + HORIZON, year, -1) if str(y) in body), None)
    if top is None:
        return [year, last]
    for y in _date_years(body, year):
        if year < y <= year + HORIZON:
            last = max(last, y)
    if last >= top:
        return [year, last]                            # (no pair can be later)
    pairs = [int(m.group(1)) for m in re.finditer(r"(?i)\bnăm\s+\d{4}\s*(?:,|và)\s*(\d{4})\b", body)]
    pairs += [int(m.group("b")) for m in dates.RANGE_RE.finditer(body)]
    for y in pairs:
        if year < y <= year + HORIZON:
            last = max(last, y)
    return [year, last]


HORIZON = 25


@lru_cache(maxsize=1)
def _period_cues() -> tuple:
    return tuple(c.lower() for c in _types()["period_ignore_cues"])


@lru_cache(maxsize=1)
def _horizon_re() -> re.Pattern:
    """A year, then a horizon cue and a year: "2030, tầm nhìn đến năm 2050"."""
    cues = "|".join(re.escape(c) for c in _types()["period_ignore_cues"])
    return re.compile(rf"(?i)(\d{{4}}\s*,?\s*)(?:{cues})\s+(?:đến\s+)?(?:năm\s+)?\d{{4}}")


@lru_cache(maxsize=64)
def _wanted_years(year: int):
    """Where one of the years ``year + 1`` .. ``year + HORIZON`` is written (overlapping)."""
    return re.compile("(?=" + "|".join(str(y) for y in range(year + 1, year + HORIZON + 1)) + ")")


_DASH_ONLY = re.compile(r"[\s\-–—‐‑]*")


def _date_years(body: str, year: int) -> set:
    """The years in (``year``, ``year + HORIZON``] among those of ``dates.find_dates(body)``
    (others may be included; the caller filters).

    The same set, read only from the lines that write such a year:

    * every date match ends with its year (four digits after a non-digit) and holds no other
      run of more than two digits, and starts after a non-digit: two matches that overlap
      end with the same year, so the overlap rule of ``find_dates`` drops no year -- the
      years it gives are those of every match of ``dates._year_matches``;
    * no date pattern crosses a line break except a quarter ("Quý II\n- 2025"), whose text
      before the year is then white space and a dash: a line whose year has only that
      before it is read with the lines above it up to the last one with other text;
    * a line read alone matches as inside the text ("\n" is no word, digit, "/", "." or "-",
      like the start and end of a string: ``\b`` and the look-arounds agree).
    """
    out: set = set()
    rx = _wanted_years(year)
    n = len(body)
    pos = 0
    while True:
        m = rx.search(body, pos)
        if not m:
            break
        p = m.start()
        ls = body.rfind("\n", 0, p) + 1
        le = body.find("\n", p)
        if le < 0:
            le = n
        # a quarter from the lines above can end in this line: every year of the line with
        # only white space and dashes before it (the first one is enough to test)
        if _DASH_ONLY.fullmatch(body, ls, _first_digit(body, ls, le)):
            while ls > 0:
                pe = ls - 1                           # the "\n" ending the line above
                ls = body.rfind("\n", 0, pe) + 1
                if not _DASH_ONLY.fullmatch(body, ls, pe):
                    break
        head, tail = dates._year_matches(body[ls:le])
        for x in head:
            out.add(int(x[2][:4]))
        for x in tail:
            out.add(int(x[2][:4]))
        pos = le + 1
    return out


_DIGIT_RE = re.compile(r"\d")


def _first_digit(text: str, start: int, end: int) -> int:
    m = _DIGIT_RE.search(text, start, end)
    return m.start() if m else end


def extract_meta(doc) -> Meta:
    """Meta of a Document from its normalised text."""
    view = view_of(doc.text)
    t = view.text
    meta = Meta()
    head_zone = t[:6000]

    # type heading and title
    # (every match is one of the headings, in capitals as written: look for them first)
    hm = heading_re().search(head_zone) if any(n.upper() in head_zone for n in _types()["headings"]) else None
    header = t[:hm.start()] if hm else t[:1500]
    if hm:
        meta.doc_type = next(n for n in _types()["headings"] if n.upper() == hm.group(1))
        meta.doc_type = _types()["types"].get(meta.doc_type, meta.doc_type)
        meta.title = _title(t, hm.end())

    # (a match holds "kèm theo", in some case: none of its letters has odd case-folding)
    attached = ATTACHED_RE.search(head_zone) if "kèm theo" in head_zone.lower() else None
    if attached and not re.search(r"\d", attached.group(2) or ""):
        attached_num = None
    else:
        attached_num = attached.group(2).strip(" ,") if attached else None

    # number
    nm = NUMBER_LINE_RE.search(header)
    if nm and nm.group(1):
        meta.number = nm.group(1).strip(" .,")
    elif attached_num:
        meta.number = attached_num
    if meta.doc_type is None:
        meta.doc_type = _type_from_number(meta.number) or (
            "Công văn" if re.search(r"(?i)\bV/v\b", header) else None)

    # date
    place, iso, _ = _place_date(header)
    if not iso and attached and attached.group(3):
        iso = dates.parse_date(attached.group(3))
    if not iso:
        place2, iso, _ = _place_date(t[:3000])
        place = place or place2
    meta.date = iso
    unit, place_name = _strip_place(place)

    # issuer
    issuer, parent = _header_issuer(header)
    if not issuer:
        issuer = _authority_line(t)
    if not issuer:
        issuer = _preamble_issuer(t)
    if not issuer and attached and attached.group(4):
        issuer = _from_official(attached.group(4))
    if not issuer:
        sm = SIGN_RE.search(t) if "TM" in t else None
        if sm:
            issuer = sm.group(1)
    if not issuer and meta.number:             # "09/2025/NĐ-CP" -> Chính phủ
        issuer = data.load("issuers.yaml")["number_suffix"].get(re.split(r"[/-]", meta.number)[-1])
    if issuer:
        issuer = canonical_issuer(issuer)
        issuer = _complete(issuer, unit, place_name)
    meta.issuer = issuer if issuer and issuer not in ("UBND", "HĐND") else None

    meta.level, meta.province = issuer_level(meta.issuer, meta.date, place_name)
    if meta.level is None and parent:            # an agency under its UBND: the parent's tier
        meta.level, meta.province = issuer_level(canonical_issuer(parent), meta.date, place_name)
    if meta.level == "national":
        meta.province = None
    if meta.issuer and meta.province:
        meta.issuer = canonical_issuer(meta.issuer, meta.province)

    meta.period = _period(meta.title or "", t, dates.year_of(meta.date))
    return meta


def _complete(issuer: str, unit: Optional[str], place: Optional[str]) -> str:
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


def _preamble_issuer(t: str) -> Optional[str]:
    """The body in "… ; Ủy ban nhân dân phường Lê Chân xây dựng Kế hoạch …"."""
    m = ISSUING_RE.search(t[:6000])
    if not m:
        return None
    body = m.group(1).strip()
    body = re.split(r",\s*", body)[0]          # "Bộ X, Cơ quan Thường trực …" -> "Bộ X"
    return body


def _type_from_number(number: Optional[str]) -> Optional[str]:
    if not number:
        return None
    abbr = _types()["abbreviations"]
    for part in re.split(r"[/-]", number):
        if part in abbr:
            return abbr[part]
    return None


def _title(t: str, start: int) -> Optional[str]:
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
