"""What surrounds a cited number: the type word before it ("Kế hoạch số"), then its date,
issuer ("của Ủy ban nhân dân tỉnh …") and title ("về việc …"); the Citation made of them.
Cue words: ``data/citations.yaml``."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline import data
from pipeline.document import Citation
from pipeline.stages import admin_units
from pipeline.stages.citations.numbers import UP


@lru_cache(maxsize=1)
def cues() -> dict:
    return data.load("citations.yaml")


@lru_cache(maxsize=1)
def type_words() -> list:
    """(written, canonical) type names, longest first."""
    types = data.load("doc_types.yaml")["types"]
    return sorted(types.items(), key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1)
def type_by_lower() -> dict:
    """``{written.lower(): canonical}`` of ``_type_words`` (a later one wins, as a dict does)."""
    return {w.lower(): c for w, c in type_words()}


@lru_cache(maxsize=1)
def type_before_re() -> re.Pattern:
    alt = "|".join(re.escape(w) for w, _ in type_words())
    return re.compile(rf"(?i)(?<!\w)({alt})(?:\s+[\w“”\"]+){{0,2}}?\s*(?:số|số hiệu)?\s*:?\s*$")


DATE_AFTER_RE = re.compile(
    r"^\s*,?\s*(?:ban hành\s+)?(?:ngày\s*)?(\d{1,2}\s*(?:/|tháng)\s*\d{1,2}\s*(?:/|năm)\s*\d{4}|\d{1,2}/\d{1,2}/\d{4})",
    re.I)


@lru_cache(maxsize=1)
def _issuer_after_data() -> tuple:
    """The lists and patterns of ``_issuer_after``, built once."""
    known = [(k, k.lower()) for k in
             sorted(data.load("issuers.yaml")["national"], key=len, reverse=True)]
    officials = [re.compile(rf"^(?i:{re.escape(o)})\s+") for o in data.load("issuers.yaml")["officials"]]
    stops = "|".join(re.escape(s) for s in sorted(cues()["issuer_stops"], key=len, reverse=True))
    types = "|".join(re.escape(w) for w, _ in type_words())
    hard = rf"\s+(?:{stops})(?!\w)|\s*[;.:()“\"\n]|\s+và\s+(?:{types})\b"
    return known, officials, re.compile(hard), re.compile(rf"(?:{hard}|\s*,)")


def issuer_after(text: str) -> tuple:
    """``(issuer, length)`` of "của <body>" at the start of ``text``."""
    m = re.match(rf"^\s*,?\s*(?:của\s+)?{cues()['issuer_prefix_re']}|^\s*,?\s*của\s+", text, re.I)
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
        if rest_low.startswith(k_low) and not re.match(r"\w", rest[len(k):len(k) + 1]):
            return data.load("issuers.yaml")["aliases"].get(k, k), off + len(k)
    cut = cut_re.search(rest)
    body = rest[:cut.start()] if cut else rest[:80]
    # "Ban Chỉ đạo phát triển khoa học, công nghệ, … tỉnh Nghệ An": commas inside a name
    cut2 = hard_re.search(rest)
    longer = rest[:cut2.start()] if cut2 else ""
    if "," in longer and re.search(r"(?:tỉnh|thành phố)\s+[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ]\w*(?:\s+[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ]\w*)*$", longer):
        body = longer
    if any(body.startswith(b) for b in cues()["long_name_bodies"]):
        clause = re.split(r"[;.()\n]", rest, maxsplit=1)[0][:200]
        lm = re.match(rf"^.*?\s(?:tỉnh|thành phố)(?:\s+[{UP}]\w*)*(?=\s|$)", clause)
        if lm and len(lm.group()) > len(body):
            body = lm.group()
    body = re.sub(cues()["issuer_suffix_re"], "", body.strip())
    body = data.load("issuers.yaml")["aliases"].get(body, body)
    if not body or not body[0].isupper():
        return None, 0
    return body, off + len(body)


@lru_cache(maxsize=1)
def _title_opener_re() -> re.Pattern:
    openers = "|".join(re.escape(s) for s in sorted(cues()["title_openers"], key=len, reverse=True))
    return re.compile(rf"^\s*,?\s*((?:{openers})\s.*)", re.I | re.S)


@lru_cache(maxsize=1)
def _clause_end_re() -> re.Pattern:
    types = "|".join(re.escape(w) for w, _ in type_words())
    return re.compile(rf"[;\n(]|\.(?:\s|$)|(?:,|\s+và|\s+tại)\s*(?:{types})\s+(?:số\s+)?\d")


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
    m = re.search(r"của\s+([A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ][^;,.()]{2,80}?)\s+tại\s*$", before)
    return m.group(1) if m else None


def trim_place(issuer: str, province: Optional[str]) -> str:
    """"UBND thành phố Cần Thơ Thực hiện …" -> "UBND thành phố Cần Thơ"; a bare
    "UBND Thành phố" in a document of a central city gets the city's name."""
    m = re.search(r"(?<!\w)([Tt]ỉnh|[Tt]hành phố)\s+([A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ].*)$", issuer)
    if m:
        words = m.group(2).split()
        for n in range(min(len(words), 6), 0, -1):
            name = admin_units.province_name(" ".join(words[:n]))
            if name:
                return issuer[:m.start(2)] + " ".join(words[:n])
        if m.group(1).lower() == "tỉnh" and province:
            return issuer[:m.start(2)] + province      # "UBND tỉnh Sửa đổi, …": no name printed
        return issuer
    if province and re.search(r"(?i)(?<!\w)thành phố$", issuer) and admin_units.is_central_city(province):
        return f"{issuer} {province}"
    return issuer


def date_text(s: str) -> str:
    s = re.sub(r"\s+", " ", s)
    if "tháng" in s:
        return "ngày " + s
    return s.replace(" ", "")


def make(doc_type, number, date, issuer, title, start, end) -> Citation:
    c = Citation(doc_type=doc_type, number=number, date=date, issuer=issuer, title=title,
                 start=start, end=end)
    c.quotes = [(start, end)]
    return c
