"""The issuer of a cited document, settled: the body printed after its number (or before
it), made whole.

- A national body printed with a slip of the pen or an abbreviation ("Thủ tưởng Chính
  phủ", "Bộ Nông nghiệp và PTNT", "Bộ Tài nguyên Môi trường") is given its own name.
- A number whose code binds its issuer ("NĐ-CP": a decree is the Government's) keeps that
  body when the text prints another one ("Nghị định số 131/2025/NĐ-CP … của Bộ Nông nghiệp
  và Môi trường"); a ministry's code does not ("Thông tư số 44/2023/TT-BTC … của Bộ trưởng
  Bộ Công Thương": the number may be the misprint).
- A department printed without its place ("Sở Tư pháp") is the department of the citing
  document's province.
- A joint number ("07/2016/TTLT-BYT-BTC-BLĐTBXH … của Bộ Y tế - Bộ Tài chính - …") is
  issued by all the bodies its codes name, when the text prints one of them or none.
- A document printed with no issuer whose number carries the citing document's own code
  ("007/CĐ-UBND" in a "…/KH-UBND" of UBND tỉnh Đắk Lắk) is the citing body's.
Word lists: ``data/citations.yaml``; bodies: ``data/issuers.yaml``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from pipeline import data
from pipeline.document import Citation
from pipeline.stages import admin_units
from pipeline.stages.citations.context import cues, known_bodies
from pipeline.stages.citations.numbers import issuer_from_number, joint_bodies, number_parts
from pipeline.stages.patterns import fill

_P = cues()["patterns"]
_ISSUERS = data.load("issuers.yaml")
_PLACE_RE = re.compile(fill(_P["issuer_has_place"]))
_WORD_RE = re.compile(r"[^\W_]+")


def _fold(word: str) -> str:
    """A word without case or tone marks ("Tưởng" -> "tuong")."""
    s = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def _words(name: str) -> list[str]:
    """The words of a name that tell it apart: joining words ("và") dropped."""
    skip = set(cues()["issuer_joining_words"])
    return [w for w in _WORD_RE.findall(name) if w.lower() not in skip]


@lru_cache(maxsize=1)
def _folded_bodies() -> list[tuple[str, list[str]]]:
    return [(name, [_fold(w) for w in _words(name)]) for name in known_bodies()]


def _same_body(printed: list[str], canon: list[str]) -> bool:
    """True when the printed words spell the canonical ones, an upper-case abbreviation
    standing for the initials of as many words ("PTNT" = "Phát triển nông thôn")."""
    j = 0
    for word in printed:
        if j < len(canon) and _fold(word) == canon[j]:
            j += 1
            continue
        n = len(word)
        if n < 2 or not word.isupper() or "".join(w[0] for w in canon[j:j + n]) != _fold(word):
            return False
        j += n
    return j == len(canon)


@lru_cache(maxsize=2048)
def national_name(issuer: str) -> Optional[str]:
    """The canonical name of the national body ``issuer`` spells, or None."""
    printed = _words(issuer)
    for name, canon in _folded_bodies():
        if _same_body(printed, canon):
            return name
    return None


def _by_code(number: str) -> Optional[str]:
    """The body a binding code names ("NĐ-CP" -> "Chính phủ"), when the number is "type-body"
    only (not a joint "TTLT-BTC-BNV")."""
    parts = number_parts(number)
    return issuer_from_number(number) if len(parts) == 2 and parts[-1] in cues()["binding_codes"] else None


@lru_cache(maxsize=4096)
def settle(issuer: Optional[str], number: Optional[str], province: Optional[str]) -> Optional[str]:
    """The issuer of a cited document: ``issuer`` as printed (canonical already), its
    ``number`` and the citing document's ``province``."""
    coded = _by_code(number) if number else None
    if not issuer:
        return issuer_from_number(number) if number else None
    named = issuer if issuer in _ISSUERS["national"] else national_name(issuer) or issuer
    if number and named in joint_bodies(number):
        return issuer_from_number(number)     # one of a joint number's bodies: all of them
    if coded and named != coded and named in _ISSUERS["national"]:
        return coded                          # the number's code names the body
    if (province and named.startswith(tuple(cues()["placeless_bodies"])) and not _PLACE_RE.search(named)
            and province not in named):
        unit = admin_units.CITY if admin_units.is_central_city(province) else cues()["province_unit"]
        return f"{named} {unit} {province}"   # "Sở Tư pháp" -> "Sở Tư pháp thành phố Hải Phòng"
    return named


def fallback_issuer(c: Citation, outer: Optional[Citation],
                    own: tuple[Optional[str], Optional[str]]) -> Optional[str]:
    """The issuer of ``c`` when no printing of it names one: the issuer of the citation it
    is named in when their numbers share the body code ("Kết luận số 01-KL/TW … của Bộ Chính
    trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW"), else the citing body when the number
    carries the citing document's own code ``own`` = (code, issuer)."""
    if c.issuer or not c.number:
        return None
    code = number_parts(c.number)[-1:]
    if outer is not None and outer.issuer and outer.number and number_parts(outer.number)[-1:] == code:
        return outer.issuer
    if own[0] and own[1] and code == [own[0]]:
        return own[1]
    return None


_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)|\n\s*\n")


def _issuing_code(number: str) -> Optional[str]:
    """The code of the body that issues ``number``: the first code of an official letter's
    "serial/BODY-UNIT" ("2001/QLĐĐ-TKKKTTĐĐ"), else the one after the type ("07-TB/CQTTBCĐ")."""
    codes = number_parts(number)
    types = data.load("doc_types.yaml")["abbreviations"]
    if codes and codes[0] not in types:
        return codes[0]
    return codes[1] if len(codes) == 2 else None


def named_before(before: str, number: str) -> Optional[str]:
    """A body named in the sentence before a number printed with no issuer, whose initials
    spell the number's issuing code: "Cục Quản lý đất đai hướng dẫn … (văn bản số
    2001/QLĐĐ-TKKKTTĐĐ …)" -> "Cục Quản lý đất đai"; its kind word ("Cục", ``coded_body_kinds``)
    may be left out of the code.  The nearest such name; a code of two letters is too
    short to tell."""
    code = _issuing_code(number)
    if (not code or len(code) < cues()["coded_body_min_letters"] or not code.isalpha()
            or code in _ISSUERS["bare_bodies"]):
        return None                        # ("HĐND": a kind of body, its place left out)
    stops = list(_SENTENCE_END_RE.finditer(before))
    window = before[stops[-1].end():] if stops else before
    words = list(_WORD_RE.finditer(window))
    kinds = {k.split()[-1]: k for k in cues()["coded_body_kinds"]}
    n = len(code)
    for i in range(len(words) - n, -1, -1):
        run = words[i:i + n]
        if "".join(w.group()[0] for w in run).upper() != code:
            continue
        first = i
        kind = kinds.get(words[i - 1].group()) if i else None
        if kind and window[:words[i - 1].end()].endswith(kind):
            first = i - 1 - (len(kind.split()) - 1)
        if not words[first].group()[0].isupper():
            continue
        return window[words[first].start():run[-1].end()]
    return None
