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
from pipeline.stages.doc_types import heading_re
from pipeline.stages.doc_types import types as _types
from pipeline.stages.issuers import (
    NAME_RE,
    UNIT_NAME_RE,
    UNIT_RE,
    WS_RE,
    canonical_issuer,
    sentence_case,
    title_case_place,
)
from pipeline.stages.metadata.scan import CueSearch, DateLines
from pipeline.stages.patterns import alternation, fill, longest_first
from pipeline.text import dates

_TYPES = _types()
_ISSUERS = data.load("issuers.yaml")
_HP, _IP = _TYPES["patterns"], _ISSUERS["patterns"]

NUMBER_LINE_RE = re.compile(fill(_HP["number_line"]))
ATTACHED_RE = re.compile(fill(_HP["attached"]))
#: a text holding no ``ATTACHED_RE`` match lacks this (in lower case)
ATTACHED_CUE = _TYPES["attached_cue"]
#: ``ATTACHED.search``: ``ATTACHED_RE.search``, tried only before each "kèm theo"
ATTACHED = CueSearch(ATTACHED_RE, ATTACHED_CUE)
PLACE_DATE_RE = re.compile(fill(_HP["place_date"]))
_DATE_LINES = DateLines(PLACE_DATE_RE, _HP["place_date"], fill)
ISSUING_RE = re.compile(fill(_IP["preamble"]))
SIGN_RE = re.compile(fill(_IP["signature"]))
#: a text holding no ``SIGN_RE`` match lacks this
SIGN_CUE = _ISSUERS["signature_cue"]
LETTER_RE = re.compile(rf"(?i)\b{re.escape(_TYPES['letter_cue'])}\b")
LETTER_TYPE = _TYPES["letter_type"]
#: headers naming a kind of body and no place ("UBND")
BARE_BODIES = tuple(_ISSUERS["bare_bodies"])

_MOTTO_RE = re.compile(fill(_IP["motto"]))
_NUMBER_LABEL_RE = re.compile(fill(_IP["number_label"]))
_AUTHORITY_RE = re.compile(fill(_IP["authority_line"]))
_NOT_A_PLACE_RE = re.compile(fill(_HP["not_a_place"]))
_TITLE_END_RE = re.compile(fill(_HP["title_end"]))
_TITLE_CUT_RE = re.compile(fill(_HP["title_cut"]))
#: before a type heading, the start of a document's body: the heading is an attachment's
BODY_START_RE = re.compile(fill(_HP["body_start"]))
_ENDS_WITH_PLACE_RE = re.compile(rf"(?i)(?<!\w)({UNIT_RE})\s+((?:\S+\s+){{0,3}}\S+)\s*$")
_UNIT_PLACE_RE = re.compile(rf"(?i)^({UNIT_RE})\s+(.+)$")
_HAS_UNIT_NAME_RE = re.compile(rf"(?i)(?<!\w){UNIT_RE}\s+{NAME_RE}")
_ENDS_WITH_UNIT_RE = re.compile(rf"(?i)(?<!\w)({UNIT_RE})$")
_OFFICIALS = [re.compile(rf"^(?i:{re.escape(o)})\s+") for o in _ISSUERS["officials"]]
_BODY_STARTS_UPPER = [s.upper() for s in longest_first(_ISSUERS["body_starts"])]
_BODY_START_RE = re.compile(rf"(?<!\w)(?:{alternation(_BODY_STARTS_UPPER)})(?!\w)")
_OFFICIAL_LINE_RE = re.compile(
    fill(_IP["official_line"], officials=[o.upper() for o in _ISSUERS["officials"]]))
#: officials whose title the issuer keeps (lower case -> as written in the issuer)
_ENACTING_NEXT_RE = re.compile(_IP["enacting_next"])
_KEPT_OFFICIALS = {o.lower(): o for o in _ISSUERS["kept_officials"]}
_KEPT_OFFICIAL_RE = re.compile(rf"(?i)^({alternation(_ISSUERS['kept_officials'])})\s+(.+)$")
_UNIT_LINE_RE = re.compile(
    fill(_IP["unit_line"], unit=[u.upper() for u in longest_first(admin_units.UNIT_TYPES)]))
_HEADING_BODY_RE = re.compile(fill(_IP["heading_body"], bodies=_BODY_STARTS_UPPER))
_HEADING_BODY_WORDS = _ISSUERS["heading_body_words"]
_PROVINCE_UNIT = _ISSUERS["province_unit"]
_NATIONAL_LOWER = frozenset(n.lower() for n in _ISSUERS["national"])
_LETTER_RE = re.compile(r"[^\W\d_]")
_DIGIT_RE = re.compile(r"\d")
_DASHES = ("-", "–", "—")


def header_issuer(header: str) -> tuple[Optional[str], Optional[str]]:
    """``(issuer, parent)``: the body named before "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and,
    in a two-body header ("UBND TỈNH X / SỞ Y TẾ"), the body above it."""
    m = _MOTTO_RE.search(header)
    if not m:
        return None, None
    block = _upper_tail(_NUMBER_LABEL_RE.sub(" ", header[:m.start()]))
    block = WS_RE.sub(" ", block).strip(" |-_*")
    if not block or len(block) > 200:
        return None, None
    found = list(_BODY_START_RE.finditer(block))
    # the lowest body in a two-line header ("UBND TỈNH X / SỞ Y TẾ", "BỘ TÀI CHÍNH / CỤC
    # THUẾ") is the issuer; a keyword inside a place name ("THÀNH PHỐ HẢI PHÒNG") or a body's
    # name ("ỦY BAN NHÂN DÂN") does not start a body
    for m in reversed(found[1:]):
        above = block[:m.start()].strip()
        if _ends_with_place(above) or above.lower() in _NATIONAL_LOWER:
            return block[m.start():].strip(), above
    return block.strip(), None


def _upper_tail(block: str) -> str:
    """The upper-case lines that end ``block`` (the header above the motto): a site's
    mixed-case lines before it ("Tình trạng: Đã biết", "Ngày ban hành: 24/11/2025") stop it;
    of the first such line, only its upper-case last words are kept."""
    kept: list[str] = []
    for line in reversed(block.split("\n")):
        if line == line.upper():
            kept.append(line)
            continue
        words: list[str] = []
        for w in reversed(line.split()):
            if w != w.upper() or not (_LETTER_RE.match(w) or w in _DASHES):
                break
            words.append(w)
        kept.append(" ".join(reversed(words)))
        break
    return "\n".join(reversed(kept))


def _ends_with_place(text: str) -> bool:
    """True when ``text`` ends with "TỈNH <province>" or a lower unit and its name."""
    m = _ENDS_WITH_PLACE_RE.search(text.strip())
    if not m:
        return False
    if admin_units.canonical_unit(m.group(1)) in admin_units.PROVINCE_TYPES:
        words = m.group(2).split()
        return any(admin_units.province_name(" ".join(words[:n])) == title_case_place(" ".join(words))
                   or admin_units.province_name(" ".join(words)) for n in range(1, len(words) + 1))
    return True


def authority_line(t: str) -> Optional[str]:
    """The upper-case enacting body printed just before the first "Căn cứ" of a decision."""
    m = _AUTHORITY_RE.search(t[:8000])
    if not m:
        # the official's line ends where the first "Căn cứ" starts (a short window before it)
        nm = _ENACTING_NEXT_RE.search(t, 0, 8000)
        m = _OFFICIAL_LINE_RE.search(t, max(0, nm.start() - 300), nm.end()) if nm else None
    if not m:
        return None
    line = m.group(1).strip()
    if line != line.upper() or heading_re().fullmatch(line) \
            or _ISSUERS["authority_line_skip"] in line:
        return None
    return line


def complete_bare(issuer: str, header: str, names: tuple[Optional[str], ...],
                  place: Optional[str], date: Optional[str]) -> str:
    """A bare "UBND" / "HĐND" (the header names no place) completed from the header's own
    unit line after the motto ("TỈNH HÀ TĨNH"), from a fuller name of the same body in
    ``names`` (the enacting line, the preamble: "Ủy ban nhân dân tỉnh X ban hành …"), or
    from a place-date line that names a province."""
    if issuer not in BARE_BODIES:
        return issuer
    m = _MOTTO_RE.search(header)
    u = _UNIT_LINE_RE.search(header, m.end()) if m else None
    if u:
        return canonical_issuer(f"{issuer} {u.group(1)}")
    for name in names:
        full = canonical_issuer(from_official(name)) if name else ""
        if full.startswith(issuer + " ") and UNIT_NAME_RE.search(full):
            return full
    province = admin_units.province_name(place or "")
    if province:
        unit = admin_units.CITY if admin_units.is_central_city(province, date) else _PROVINCE_UNIT
        return f"{issuer} {unit} {province}"
    return issuer


def kept_official(enacting: Optional[str], issuer: Optional[str], unit: Optional[str],
                  place: Optional[str]) -> Optional[str]:
    """"Chủ tịch UBND tỉnh Hà Tĩnh" when the enacting line names the chairman ("CHỦ TỊCH ỦY
    BAN NHÂN DÂN TỈNH"): the body completed from the header's issuer or the place line."""
    m = _KEPT_OFFICIAL_RE.match(enacting or "")
    if not m:
        return issuer
    body = complete_issuer(canonical_issuer(m.group(2)), unit, place)
    if not UNIT_NAME_RE.search(body) and issuer and issuer.startswith(body):
        body = issuer
    if not UNIT_NAME_RE.search(body):
        return issuer
    return f"{_KEPT_OFFICIALS[m.group(1).lower()]} {body}"


def heading_issuer(t: str, start: int) -> tuple[Optional[str], int]:
    """``(body, end)`` of "CỦA BỘ CHÍNH TRỊ" printed right under the type heading
    ("NGHỊ QUYẾT / CỦA BỘ CHÍNH TRỊ / về …"): the body that issues, whatever the header says."""
    m = _HEADING_BODY_RE.match(t, start)
    if not m or len(m.group(1).split()) > _HEADING_BODY_WORDS:
        return None, start                   # (an upper-case title run on: not a body's name)
    return m.group(1), m.end()


def place_date(header: str) -> tuple[Optional[str], Optional[str], Optional[re.Match[str]]]:
    """``(place, iso_date, match)`` of the "Đồng Nai, ngày … tháng … năm …" line."""
    for m in _DATE_LINES.finditer(header):
        place = m.group(1).strip(" *|")
        if _NOT_A_PLACE_RE.search(place):
            continue
        return place, dates.parse_date(m.group(2)), m
    return None, None, None


def strip_place(place: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """"TP. Bắc Kạn" -> ("thành phố", "Bắc Kạn"); "Quảng Trị" -> (None, "Quảng Trị")."""
    if not place:
        return None, None
    m = _UNIT_PLACE_RE.match(place)
    if m:
        return admin_units.canonical_unit(m.group(1)), m.group(2).strip()
    return None, place.strip()


def from_official(text: str) -> str:
    """"Bộ trưởng Bộ Lao động …" -> "Bộ Lao động …"; "Chủ tịch UBND tỉnh X" -> "UBND tỉnh X"."""
    for rx in _OFFICIALS:
        text = rx.sub("", text.strip())
    return text


def complete_issuer(issuer: str, unit: Optional[str], place: Optional[str]) -> str:
    """"UBND" / "UBND thành phố" with the place line "TP. Bắc Kạn" -> "UBND thành phố Bắc Kạn"."""
    if not place:
        return issuer
    if _HAS_UNIT_NAME_RE.search(issuer):
        return issuer
    m = _ENDS_WITH_UNIT_RE.search(issuer)
    if m:
        return f"{issuer} {place}"
    if issuer in BARE_BODIES and unit:
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


def own_attached(t: str, doc_type: Optional[str]) -> Optional[re.Match[str]]:
    """The first "(Kèm theo Nghị quyết số 394/NQ-CP ngày … của Chính phủ)" line anywhere in
    ``t`` that names a number and the document's own type: where a text exported without
    its header still prints its number and date (an appendix's caption)."""
    if not doc_type or ATTACHED_CUE not in t.lower():
        return None
    start = 0
    while (m := ATTACHED.search(t[start:])) is not None:
        if _DIGIT_RE.search(m.group(2) or "") \
                and _TYPES["types"].get(m.group(1).capitalize()) == doc_type:
            return m
        start += m.end()
    return None


def type_from_number(number: Optional[str]) -> Optional[str]:
    if not number:
        return None
    abbr = _TYPES["abbreviations"]
    for part in re.split(r"[/-]", number):
        if part in abbr:
            return abbr[part]
    return None


def inline_title(t: str, start: int) -> Optional[str]:
    """The title on the heading's own line: the rest of "HƯỚNG DẪN: Thực hiện …", or the
    upper-case run after a glued heading, up to the enacting body's line that may follow."""
    end = t.find("\n", start)
    line = t[start:end if end >= 0 else len(t)].strip(" :")
    if line and line[0] != line[0].upper():
        return None
    words = line.split(" ")
    k = 0
    while k < len(words) and words[k] == words[k].upper():
        k += 1
    if k == 0:                               # "HƯỚNG DẪN: Thực hiện công tác …"
        return line or None
    run = " ".join(words[:k])
    cuts = [m.start() for m in _TITLE_CUT_RE.finditer(run) if m.start() > 0]
    run = run[:cuts[-1]] if cuts else run
    return sentence_case(run.strip(" ,:")) or None


def title_after(t: str, start: int) -> Optional[str]:
    """The block(s) after the type heading, up to the preamble or first section."""
    rest = t[start:start + 1500].lstrip("\n ")
    lines: list[str] = []
    for line in rest.split("\n"):
        s = line.strip()
        if not s:
            continue
        if _TITLE_END_RE.match(s) and lines:
            break
        if lines and s != s.upper() and lines[-1] == lines[-1].upper():
            break                       # an upper-case title ends before the first paragraph
        lines.append(s)
        if len(lines) >= 3 or s != s.upper():
            break
    if not lines:
        return None
    return sentence_case(" ".join(lines).strip(" :"))
