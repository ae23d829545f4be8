"""Document numbers: the pattern of a cited number ("182/KH-UBND", "178/2004/NĐ-CP",
"21-NQ/TW"), its printed form, and what its parts say (type, issuer)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from pipeline import data


UP = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"          # upper-case Vietnamese letters


DASH = r"[-–—‐‑]"


NUMBER_RE = re.compile(
    rf"(?<![\w/])(?:"
    rf"\d+{DASH}[{UP}][A-Za-zĐđ]*/[{UP}][A-Za-zĐđ{UP}0-9]*"                       # 21-NQ/TW
    rf"|\d+(?:/\d{{4}})?/[{UP}][\w&.]*?(?:[ ]?{DASH}[ ]?[{UP}][\w&.]*?)+(?=[^\w&.-]|\.(?!\w)|$)"  # 182/KH-UBND
    rf"|\d+/\d{{4}}/[{UP}][\w&]*"                                                  # 163/2024/QH15
    rf")")


def fold_number(num: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", num)).upper()


@lru_cache(maxsize=1)
def _number_cases() -> dict:
    types = data.load("doc_types.yaml")
    cases = {c.upper(): c for c in types["number_case"]}
    cases.update({a.upper(): a for a in types["abbreviations"]})
    return cases


def normalise_number(num: str) -> str:
    """"242/VPCP- KGVX" -> "242/VPCP-KGVX"; odd dashes, "QD" -> "QĐ"; printed case restored."""
    s = re.sub(r"\s+", "", num)
    s = re.sub(DASH, "-", s).strip(".,;")
    types = data.load("doc_types.yaml")
    fixes = types["number_fixes"]
    cases = _number_cases()

    def fix(part: str) -> str:
        part = fixes.get(part, part)
        return cases.get(part.upper(), part) if part.upper() in cases else part
    return re.sub(r"[^/-]+", lambda m: fix(m.group()), s)


def type_from_number(num: str) -> Optional[str]:
    abbr = data.load("doc_types.yaml")["abbreviations"]
    parts = re.split(r"[/-]", num)
    for p in parts[1:]:
        if p in abbr:
            return abbr[p]
    return None


def issuer_from_number(number: str) -> Optional[str]:
    suffix = data.load("issuers.yaml")["number_suffix"]
    last = re.split(r"[/-]", number)[-1]
    return suffix.get(last)


def find_numbers(t: str, blocks: list):
    """``NUMBER_RE.finditer(t)``, looked for only in the blocks holding a "/" (every number
    has one).  A match never crosses a line, so each block is searched on its own, up to
    and with its line break: where "$" would match at that end, "[^\\w&.-]" matches the
    line break too, so the matches are the same."""
    for s, e in blocks:
        if t.find("/", s, e) < 0:
            continue
        yield from NUMBER_RE.finditer(t, s, e + 1)
