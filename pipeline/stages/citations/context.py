"""What surrounds a cited number: the type word before it ("Kế hoạch số"), then its date,
issuer ("của Ủy ban nhân dân tỉnh …") and title ("về việc …"); the Citation made of them.
Cue words: ``data/citations.yaml``."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

from pipeline import data
from pipeline.document import Citation
from pipeline.stages import admin_units
from pipeline.stages.patterns import fill, longest_first


def cues() -> dict[str, Any]:
    """The parsed ``citations.yaml`` (not to be mutated)."""
    return data.load("citations.yaml")


_P = cues()["patterns"]
_ISSUERS = data.load("issuers.yaml")


@lru_cache(maxsize=1)
def type_words() -> list[tuple[str, str]]:
    """(written, canonical) type names, longest first."""
    types = data.load("doc_types.yaml")["types"]
    return sorted(types.items(), key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1)
def type_by_lower() -> dict[str, str]:
    """``{written.lower(): canonical}`` of ``type_words`` (a later one wins, as a dict does)."""
    return {w.lower(): c for w, c in type_words()}


def _types_alt() -> list[str]:
    return [w for w, _ in type_words()]


@lru_cache(maxsize=1)
def type_before_re() -> re.Pattern[str]:
    """The type word ending the text before a number (group 1): "Kế hoạch số"."""
    return re.compile(fill(_P["type_before"], types=_types_alt()))


DATE_AFTER_RE = re.compile(fill(_P["date_after"], slips=cues()["year_word_slips"]))
_YEAR_SLIP_RE = re.compile(fill(r"(?<=\s){slips}(?=\s)", slips=cues()["year_word_slips"]))
_ISSUER_START_RE = re.compile(fill(_P["issuer_start"], prefix=cues()["issuer_prefix_re"]))
_ISSUER_TO_PLACE_RE = re.compile(fill(_P["issuer_to_place"]))
_LONG_NAME_RE = re.compile(fill(_P["long_name"]))
_ISSUER_SUFFIX_RE = re.compile(cues()["issuer_suffix_re"])
_ISSUER_TERM_RE = re.compile(cues()["issuer_suffix_re"].rstrip("$"))
_ISSUER_PLACE_RE = re.compile(fill(_P["issuer_place"]))
_NAME_JOINERS = ("-", "–")
_UNIT_THEN_WORDS_RE = re.compile(fill(_P["unit_then_words"]))
_BARE_CITY_RE = re.compile(fill(_P["bare_city"]))
_ISSUER_BEFORE_RE = re.compile(fill(_P["issuer_before"], types=_types_alt()))
_ENACTED_BY_RE = re.compile(fill(_P["enacted_by"], verbs=longest_first(cues()["enacting_verbs"])))
_ENACTING_VERBS = tuple(cues()["enacting_verbs"])
_CLAUSE_STOP_RE = re.compile(r"[;.()\n]")
_ENDS_IN_UNIT_RE = re.compile(fill(_P["ends_in_unit"]))
_WORD_CHAR_RE = re.compile(r"\w")
_SPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def known_bodies() -> list[str]:
    """The canonical names of national bodies (issuers.yaml) and of the bodies whose names
    run past a stop word (``long_body_names``: "Ban Chỉ đạo Trung ương về phát triển …"),
    longest first."""
    names = set(_ISSUERS["national"]) | set(cues()["long_body_names"])
    return sorted(names, key=len, reverse=True)


def _officials() -> list[str]:
    """The officials who sign for a body (issuers.yaml and citations.yaml), less those whose
    title is part of the body's name ("Chánh Văn phòng" -> "Chánh" + "Văn phòng …")."""
    d = cues()
    return [o for o in _ISSUERS["officials"] + d["officials"] if o not in d["officials_in_name"]]


@lru_cache(maxsize=1)
def _issuer_after_data() -> tuple[list[tuple[str, str]], re.Pattern[str], re.Pattern[str],
                                  re.Pattern[str], tuple[str, ...], re.Pattern[str]]:
    """The lists and patterns of ``issuer_after``, built once."""
    d = cues()
    known = [(k, k.lower()) for k in known_bodies()]
    every = longest_first(_officials())
    officials = re.compile(fill(_P["officials"], officials=every))
    hard = fill(_P["issuer_end"], stops=longest_first(d["issuer_stops"]), types=_types_alt())
    prefixes = tuple(p.lower() + " " for p in d["subordinate_prefixes"])
    and_official = re.compile(fill(_P["and_official"], officials=every))
    return known, officials, re.compile(hard), re.compile(rf"(?:{hard}|\s*,)"), prefixes, and_official


def issuer_after(text: str) -> tuple[Optional[str], int]:
    """``(issuer, length)`` of "của <body>" at the start of ``text``: the officials who sign
    for a body dropped ("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"), except those who issue
    in their own name ("Chủ tịch Ủy ban nhân dân tỉnh …")."""
    m = _ISSUER_START_RE.match(text)
    if not m:
        return None, 0
    rest = text[m.end():m.end() + 200]
    known, officials, hard_re, cut_re, prefixes, _ = _issuer_after_data()
    om = officials.match(rest)
    official, off = "", m.end()
    if om:
        rest, off = rest[om.end():], m.end() + om.end()
        if om.group(1) in cues()["issuing_officials"]:
            official = om.group(1) + " "
    body = _body(rest, known, hard_re, cut_re, prefixes)
    if not body:
        return None, 0
    name, length = body
    return official + name, off + length


_LOWS: dict[int, tuple[list[tuple[str, str]], tuple[str, ...]]] = {}


def _lows(known: list[tuple[str, str]]) -> tuple[str, ...]:
    """The lower-cased names of ``known`` as a tuple (kept for the list given)."""
    kept = _LOWS.get(id(known))
    if kept is None or kept[0] is not known:
        kept = _LOWS[id(known)] = (known, tuple(k_low for _, k_low in known))
    return kept[1]


def _body(rest: str, known: list[tuple[str, str]], hard_re: re.Pattern[str], cut_re: re.Pattern[str],
          prefixes: tuple[str, ...]) -> Optional[tuple[str, int]]:
    """``(name, length)`` of the body opening ``rest``."""
    rest_low = rest.lower()
    lead = next((p for p in prefixes if rest_low.startswith(p)), "")   # "Tổ giúp việc …"
    # (one ``startswith`` of them all first: most texts open with no known body)
    for k, k_low in (known if rest_low.startswith(_lows(known), len(lead)) else ()):
        if rest_low.startswith(k_low, len(lead)) and not _WORD_CHAR_RE.match(rest[len(lead) + len(k):][:1]):
            term = _ISSUER_TERM_RE.match(rest, len(lead) + len(k))      # "Bộ Chính trị khóa XIII"
            end = term.end() if term else len(lead) + len(k)
            return rest[:len(lead)] + _ISSUERS["aliases"].get(k, k), end
    cut = cut_re.search(rest)
    body = rest[:cut.start()] if cut else rest[:80]
    # "Ban Chỉ đạo phát triển khoa học, công nghệ, … tỉnh Nghệ An": commas inside a name
    cut2 = hard_re.search(rest)
    longer = rest[:cut2.start()] if cut2 else ""
    if "," in longer and _ISSUER_TO_PLACE_RE.search(longer):
        body = longer
    if any(body.startswith(b) for b in cues()["long_name_bodies"]) and not _ENDS_IN_UNIT_RE.search(body):
        clause = _CLAUSE_STOP_RE.split(rest, maxsplit=1)[0][:200]
        lm = _LONG_NAME_RE.match(clause)
        if lm and len(lm.group()) > len(body):
            body = lm.group()
    body = _ISSUER_SUFFIX_RE.sub("", body.strip())
    body = _ISSUERS["aliases"].get(body, body)
    if not body or not body[0].isupper():
        return None
    return body, len(body)


@lru_cache(maxsize=1)
def _title_opener_re() -> re.Pattern[str]:
    return re.compile(fill(_P["title_opener"], openers=longest_first(cues()["title_openers"])))


@lru_cache(maxsize=1)
def _clause_end_re() -> re.Pattern[str]:
    return re.compile(fill(_P["clause_end"], types=_types_alt(), cues=cue_words()))


@lru_cache(maxsize=1)
def cue_words() -> list[str]:
    """The clause cues ("Căn cứ", "Thực hiện", "Để" …) as written and in capitals."""
    d = cues()
    words = longest_first(d["basis_openers"] + d["parent_openers"] + d["parent_opener_leads"])
    return words + [w.upper() for w in words]


def title_after(text: str) -> Optional[str]:
    """A title opened by "về việc …", "phê duyệt …" up to the end of the clause."""
    m = _title_opener_re().match(text)
    if not m:
        return None
    t = m.group(1)
    end = _clause_end(t)
    return t[:end].strip(" ,") or None


def _clause_end(t: str) -> int:
    """End of a cited title: ";", "(", a line end, a sentence stop, or "và <Type> số"."""
    m = _clause_end_re().search(t)
    return m.start() if m else len(t)


def issuer_before(before: str) -> tuple[Optional[str], Optional[str]]:
    """``(issuer, date)`` printed before a cited document's type word: "Theo đề nghị của
    Giám đốc Sở Tư pháp tại Tờ trình số …" (the official dropped), "(Ngày 23/10/2025, Ngân
    hàng Nhà nước Việt Nam tiếp tục ban hành Quyết định số …"."""
    m = _ISSUER_BEFORE_RE.search(before)
    if m:
        # "của Chánh Văn phòng UBND tỉnh và Giám đốc Sở … tại Tờ trình": the last one's
        body = _issuer_after_data()[5].split(m.group(1))[-1]
        om = _issuer_after_data()[1].match(body)
        return (body[om.end():] if om else body), None
    # (the pattern ends in an enacting verb: most texts before a type word end otherwise)
    m = _ENACTED_BY_RE.search(before) if before.rstrip().endswith(_ENACTING_VERBS) else None
    if m:
        return m.group(2), m.group(1)
    return None, None


@lru_cache(maxsize=4096)
def trim_place(issuer: str, province: Optional[str]) -> str:
    """The place of an issuer: "UBND thành phố Cần Thơ Thực hiện …" -> "UBND thành phố Cần
    Thơ"; a name the gazetteer does not know is kept when it reads as one ("HĐND tỉnh Thừa
    Thiên Huế"); words that are no name ("UBND tỉnh Sửa đổi, …", "UBND thành phố Quy định",
    "UBND tỉnh công bố danh mục …") give way to the document's province; a bare "UBND Thành
    phố" in a document of a central city gets the city's name."""
    m = _ISSUER_PLACE_RE.search(issuer)
    if m:
        words = m.group(2).split()
        for n in range(min(len(words), 6), 0, -1):
            name = admin_units.province_name(" ".join(words[:n]))
            if name:
                return issuer[:m.start(2)] + " ".join(words[:n])
        caps = _place_words(words)
        if caps:
            return issuer[:m.start(2)] + caps
        return _with_province(issuer[:m.start(2)].rstrip(), m.group(1), province) or issuer
    lm = _UNIT_THEN_WORDS_RE.search(issuer)                # "UBND tỉnh công bố …"
    if lm:
        return _with_province(issuer[:lm.end(1)], lm.group(1), province) or issuer[:lm.end(1)]
    if province and _BARE_CITY_RE.search(issuer) and admin_units.is_central_city(province):
        return f"{issuer} {province}"
    return issuer


def _place_words(words: list[str]) -> Optional[str]:
    """The capitalised words opening ``words`` when they read as a place name: all of the
    words (six at most), or two to four of them before lower-case ones."""
    caps: list[str] = []
    for w in words:
        if not (w[:1].isupper() or w in _NAME_JOINERS):
            break
        caps.append(w)
    while caps and caps[-1] in _NAME_JOINERS:
        caps.pop()
    n = sum(w not in _NAME_JOINERS for w in caps)
    if (len(caps) == len(words) and n <= 6) or 2 <= n <= 4:
        return " ".join(caps).rstrip(",")
    return None


def _with_province(head: str, unit: str, province: Optional[str]) -> Optional[str]:
    """``head`` (ending in the unit word) completed with the document's province, when the
    unit can name it: "tỉnh", or "thành phố" of a city under the centre."""
    if not province:
        return None
    kind = admin_units.UNIT_TYPES.get(unit.lower())
    if kind == "province" or (unit.lower() == admin_units.CITY and admin_units.is_central_city(province)):
        return f"{head} {province}"
    return None


@lru_cache(maxsize=4096)
def date_text(s: str) -> str:
    """A cited date as ``dates.parse_date`` reads it: "20 tháng 5 năm 2025" with the day
    word before it (a misprinted year word mended: "nám"), "19/ 6/2015" without spaces."""
    s = _SPACE_RE.sub(" ", s)
    words = cues()["date_in_words"]
    if words["cue"] in s:
        return words["prefix"] + _YEAR_SLIP_RE.sub(words["year"], s)
    return s.replace(" ", "").replace("-", "/")


def make(doc_type: Optional[str], number: Optional[str], date: Optional[str], issuer: Optional[str],
         title: Optional[str], start: int, end: int) -> Citation:
    """A Citation of the view span ``[start, end)``, its one quote so far."""
    c = Citation(doc_type=doc_type, number=number, date=date, issuer=issuer, title=title,
                 start=start, end=end)
    c.quotes = [(start, end)]
    return c
