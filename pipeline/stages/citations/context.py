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


DATE_AFTER_RE = re.compile(fill(_P["date_after"]))
_ISSUER_START_RE = re.compile(fill(_P["issuer_start"], prefix=cues()["issuer_prefix_re"]))
_ISSUER_TO_PLACE_RE = re.compile(fill(_P["issuer_to_place"]))
_LONG_NAME_RE = re.compile(fill(_P["long_name"]))
_ISSUER_SUFFIX_RE = re.compile(cues()["issuer_suffix_re"])
_ISSUER_PLACE_RE = re.compile(fill(_P["issuer_place"]))
_BARE_CITY_RE = re.compile(fill(_P["bare_city"]))
_ISSUER_BEFORE_RE = re.compile(fill(_P["issuer_before"]))
_CLAUSE_STOP_RE = re.compile(r"[;.()\n]")
_WORD_CHAR_RE = re.compile(r"\w")
_SPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _issuer_after_data() -> tuple[list[tuple[str, str]], list[re.Pattern[str]],
                                  re.Pattern[str], re.Pattern[str]]:
    """The lists and patterns of ``issuer_after``, built once."""
    known = [(k, k.lower()) for k in longest_first(_ISSUERS["national"])]
    officials = [re.compile(rf"^(?i:{re.escape(o)})\s+") for o in _ISSUERS["officials"]]
    hard = fill(_P["issuer_end"], stops=longest_first(cues()["issuer_stops"]), types=_types_alt())
    return known, officials, re.compile(hard), re.compile(rf"(?:{hard}|\s*,)")


def issuer_after(text: str) -> tuple[Optional[str], int]:
    """``(issuer, length)`` of "của <body>" at the start of ``text``."""
    m = _ISSUER_START_RE.match(text)
    if not m:
        return None, 0
    rest = text[m.end():m.end() + 200]
    known, officials, hard_re, cut_re = _issuer_after_data()
    for o_re in officials:
        rest2 = o_re.sub("", rest)
        if rest2 != rest:
            m2 = m.end() + (len(rest) - len(rest2))
            rest, off = rest2, m2
            break
    else:
        off = m.end()
    rest_low = rest.lower()
    for k, k_low in known:
        if rest_low.startswith(k_low) and not _WORD_CHAR_RE.match(rest[len(k):len(k) + 1]):
            return _ISSUERS["aliases"].get(k, k), off + len(k)
    cut = cut_re.search(rest)
    body = rest[:cut.start()] if cut else rest[:80]
    # "Ban Chỉ đạo phát triển khoa học, công nghệ, … tỉnh Nghệ An": commas inside a name
    cut2 = hard_re.search(rest)
    longer = rest[:cut2.start()] if cut2 else ""
    if "," in longer and _ISSUER_TO_PLACE_RE.search(longer):
        body = longer
    if any(body.startswith(b) for b in cues()["long_name_bodies"]):
        clause = _CLAUSE_STOP_RE.split(rest, maxsplit=1)[0][:200]
        lm = _LONG_NAME_RE.match(clause)
        if lm and len(lm.group()) > len(body):
            body = lm.group()
    body = _ISSUER_SUFFIX_RE.sub("", body.strip())
    body = _ISSUERS["aliases"].get(body, body)
    if not body or not body[0].isupper():
        return None, 0
    return body, off + len(body)


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


def issuer_before(before: str) -> Optional[str]:
    """The body in "Theo đề nghị của Ban Dân tộc tỉnh tại Tờ trình số …"."""
    m = _ISSUER_BEFORE_RE.search(before)
    return m.group(1) if m else None


def trim_place(issuer: str, province: Optional[str]) -> str:
    """"UBND thành phố Cần Thơ Thực hiện …" -> "UBND thành phố Cần Thơ"; a bare
    "UBND Thành phố" in a document of a central city gets the city's name."""
    m = _ISSUER_PLACE_RE.search(issuer)
    if m:
        words = m.group(2).split()
        for n in range(min(len(words), 6), 0, -1):
            name = admin_units.province_name(" ".join(words[:n]))
            if name:
                return issuer[:m.start(2)] + " ".join(words[:n])
        if admin_units.UNIT_TYPES.get(m.group(1).lower()) == "province" and province:
            return issuer[:m.start(2)] + province      # "UBND tỉnh Sửa đổi, …": no name printed
        return issuer
    if province and _BARE_CITY_RE.search(issuer) and admin_units.is_central_city(province):
        return f"{issuer} {province}"
    return issuer


def date_text(s: str) -> str:
    """A cited date as ``dates.parse_date`` reads it: "20 tháng 5 năm 2025" with the day
    word before it, "19/ 6/2015" without spaces."""
    s = _SPACE_RE.sub(" ", s)
    words = cues()["date_in_words"]
    if words["cue"] in s:
        return words["prefix"] + s
    return s.replace(" ", "")


def make(doc_type: Optional[str], number: Optional[str], date: Optional[str], issuer: Optional[str],
         title: Optional[str], start: int, end: int) -> Citation:
    """A Citation of the view span ``[start, end)``, its one quote so far."""
    c = Citation(doc_type=doc_type, number=number, date=date, issuer=issuer, title=title,
                 start=start, end=end)
    c.quotes = [(start, end)]
    return c
