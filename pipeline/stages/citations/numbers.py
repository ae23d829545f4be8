"""Document numbers: the pattern of a cited number ("182/KH-UBND", "178/2004/NĐ-CP",
"21-NQ/TW"), its printed form, and what its parts say (type, issuer)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from pipeline import data
from pipeline.stages.patterns import fill
from pipeline.text.folds import number_key

_P = data.load("citations.yaml")["patterns"]
DASH = r"[-–—‐‑]"
NUMBER_RE = re.compile(rf"(?<![\w/])(?:{'|'.join(fill(form, dash=DASH) for form in _P['number'])})")
_LETTER_RE = re.compile(fill(_P["number_letter"]))
_DASH_RE = re.compile(DASH)
_SPACE_RE = re.compile(r"\s+")
_PART_RE = re.compile(r"[^/-]+")
_PARTS_RE = re.compile(r"[/-]")


@lru_cache(maxsize=1)
def _number_cases() -> dict[str, str]:
    types = data.load("doc_types.yaml")
    cases = {c.upper(): c for c in types["number_case"]}
    cases.update({a.upper(): a for a in types["abbreviations"]})
    return cases


def normalise_number(num: str) -> str:
    """"242/VPCP- KGVX" -> "242/VPCP-KGVX"; odd dashes, "QD" -> "QĐ"; printed case restored.

    The display form of a number.  Like ``number_key`` it drops white space and the
    punctuation around the number and reads a fix ("Qd" / "QD" -> "QĐ") in any case, so
    that two printings with one ``number_key`` keep one key once normalised."""
    s = _SPACE_RE.sub("", num)
    s = _DASH_RE.sub("-", s).strip(".,;:")
    types = data.load("doc_types.yaml")
    fixes = types["number_fixes"]
    cases = _number_cases()

    def fix(part: str) -> str:
        part = fixes.get(part.upper(), part)
        return cases.get(part.upper(), part) if part.upper() in cases else part
    return _PART_RE.sub(lambda m: fix(m.group()), s)


def number_identity(num: str) -> Optional[str]:
    """Which document a cited number names: the ``number_key`` of its display form, so that
    "0178/2004/NĐ-CP" and "178/2004/NĐ-CP", "NÐ" (U+00D0) and "NĐ", "QD" and "QĐ" are one."""
    return number_key(normalise_number(num))


def has_letter(number: str) -> bool:
    """True when the part of ``number`` after its first "/" holds a letter ("12/2025" has none)."""
    return _LETTER_RE.search(number.split("/", 1)[-1]) is not None


def type_from_number(num: str) -> Optional[str]:
    """The type its abbreviation names ("182/KH-UBND" -> "Kế hoạch"), the serial skipped."""
    abbr = data.load("doc_types.yaml")["abbreviations"]
    parts = _PARTS_RE.split(num)
    for p in parts[1:]:
        if p in abbr:
            return abbr[p]
    return None


def issuer_from_number(number: str) -> Optional[str]:
    """The issuer its last part implies ("09/2025/NĐ-CP" -> "Chính phủ")."""
    suffix = data.load("issuers.yaml")["number_suffix"]
    last = _PARTS_RE.split(number)[-1]
    return suffix.get(last)


def find_numbers(t: str, blocks: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """``NUMBER_RE.finditer(t)``, looked for only in the blocks holding a "/" (every number
    has one).  A match never crosses a line, so each block is searched on its own, up to
    and with its line break: where "$" would match at that end, "[^\\w&.-]" matches the
    line break too, so the matches are the same."""
    for s, e in blocks:
        if t.find("/", s, e) < 0:
            continue
        yield from NUMBER_RE.finditer(t, s, e + 1)
