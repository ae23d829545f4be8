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
_HEAD_RE = re.compile(fill(_P["number_head"], dash=DASH))
_START_RE = re.compile(r"(?<![\w/])\d")       # where NUMBER_RE may start
_DASH_RE = re.compile(DASH)
_SPACE_RE = re.compile(r"\s+")
_PART_RE = re.compile(r"[^/-]+")
_PARTS_RE = re.compile(r"[/-]")
_CUES = data.load("citations.yaml")
_HOMOGLYPHS = str.maketrans(_CUES["number_homoglyphs"])
_CODE_AFTER_RE = re.compile(fill(_P["number_code_after"]))


@lru_cache(maxsize=1)
def _number_cases() -> dict[str, str]:
    types = data.load("doc_types.yaml")
    cases = {c.upper(): c for c in types["number_case"]}
    cases.update({a.upper(): a for a in types["abbreviations"]})
    return cases


@lru_cache(maxsize=8192)
def normalise_number(num: str) -> str:
    """"242/VPCP- KGVX" -> "242/VPCP-KGVX"; odd dashes, "QD" -> "QĐ"; printed case restored.

    The display form of a number.  Like ``number_key`` it drops white space and the
    punctuation around the number and reads a fix ("Qd" / "QD" -> "QĐ") in any case, so
    that two printings with one ``number_key`` keep one key once normalised."""
    s = _SPACE_RE.sub("", num).translate(_HOMOGLYPHS)
    s = _DASH_RE.sub("-", s).strip(".,;:")
    types = data.load("doc_types.yaml")
    fixes = types["number_fixes"]
    cases = _number_cases()

    def fix(part: str) -> str:
        part = fixes.get(part.upper(), part)
        return cases.get(part.upper(), part) if part.upper() in cases else part
    return _PART_RE.sub(lambda m: fix(m.group()), s)


@lru_cache(maxsize=8192)
def number_identity(num: str) -> Optional[str]:
    """Which document a cited number names: the ``number_key`` of its display form, so that
    "0178/2004/NĐ-CP" and "178/2004/NĐ-CP", "NÐ" (U+00D0) and "NĐ", "QD" and "QĐ" are one."""
    return number_key(normalise_number(num))


def has_letter(number: str) -> bool:
    """True when the part of ``number`` after its first "/" holds a letter ("12/2025" has none)."""
    return _LETTER_RE.search(number.split("/", 1)[-1]) is not None


@lru_cache(maxsize=8192)
def type_from_number(num: str) -> Optional[str]:
    """The type its abbreviation names ("182/KH-UBND" -> "Kế hoạch"), the serial skipped."""
    abbr = data.load("doc_types.yaml")["abbreviations"]
    parts = _PARTS_RE.split(num)
    for p in parts[1:]:
        if p in abbr:
            return abbr[p]
    return None


def number_parts(number: str) -> list[str]:
    """The code parts of a number, its serial and year dropped: "131/2025/NĐ-CP" -> ["NĐ",
    "CP"], "21-NQ/TW" -> ["NQ", "TW"]."""
    return list(_parts(number))


@lru_cache(maxsize=8192)
def _parts(number: str) -> tuple[str, ...]:
    return tuple(p for p in _PARTS_RE.split(number) if p and not p[0].isdigit())


@lru_cache(maxsize=8192)
def issuer_from_number(number: str) -> Optional[str]:
    """The issuer its last part implies ("09/2025/NĐ-CP" -> "Chính phủ"), else, in an
    official letter's "serial/BODY-UNIT" ("7683/VPCP-QHĐP": no type code), its body part;
    a joint number's bodies joined ("…/TTLT-BNNPTNT-BKHĐT": both ministries)."""
    joint = joint_bodies(number)
    if joint:
        return _CUES["joint_issuer_joiner"].join(joint)
    suffix = data.load("issuers.yaml")["number_suffix"]
    last = _PARTS_RE.split(number)[-1]
    if last in suffix:
        return suffix[last]
    codes = number_parts(number)
    type_codes = data.load("doc_types.yaml")["abbreviations"]
    if len(codes) == 2 and codes[0] in suffix and codes[0] not in type_codes:
        return suffix[codes[0]]
    return None


@lru_cache(maxsize=8192)
def joint_bodies(number: str) -> tuple[str, ...]:
    """The bodies of a joint number, one per code after its type code, when there are two
    or more and every one is a known body ("07/2016/TTLT-BYT-BTC-BLĐTBXH" -> Bộ Y tế, Bộ
    Tài chính, Bộ Lao động - Thương binh và Xã hội); else ()."""
    suffix = data.load("issuers.yaml")["number_suffix"]
    codes = number_parts(number)
    if len(codes) < 3 or codes[0] in suffix or not all(c in suffix for c in codes[1:]):
        return ()
    bodies = tuple(dict.fromkeys(suffix[c] for c in codes[1:]))
    return bodies if len(bodies) > 1 else ()


@lru_cache(maxsize=1)
def _codes() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """(every known code part, the type codes, both longest first; the issuer codes)."""
    types = data.load("doc_types.yaml")
    issuers = frozenset(data.load("issuers.yaml")["number_suffix"])
    type_codes = tuple(sorted(types["abbreviations"], key=len, reverse=True))
    case_parts = {p for c in types["number_case"] for p in c.split("-")}
    known = tuple(sorted(issuers | set(type_codes) | case_parts, key=len, reverse=True))
    return known, type_codes, issuers


def repair_number(t: str, m: re.Match[str]) -> tuple[str, int]:
    """The printed number of ``m`` and where it ends, mended where the print lost a space or
    a dash: "35/2025/QĐ-TTgcủa" -> "35/2025/QĐ-TTg" (a word glued on after a known code),
    "193/2025/NĐCP" -> "193/2025/NĐ-CP", "37/2025/TTBNN MT" -> "37/2025/TT-BNNMT" (a type
    code and an issuer code run together, the issuer code perhaps split by a space)."""
    num, end = m.group(), m.end()
    known, type_codes, issuer_codes = _codes()
    last = _PARTS_RE.split(num)[-1]
    if last in known:
        return num, end
    for code in known:                      # a lower-case word glued on: "TTgcủa"
        rest = last[len(code):]
        if last.startswith(code) and rest.isalpha() and rest.islower():
            return num[:-len(rest)], end - len(rest)
    head, slash, tail = num.rpartition("/")
    if not slash or "-" in tail:
        return num, end
    for code in type_codes:                 # "NĐCP", "TTBNN MT"
        if not tail.startswith(code) or len(tail) == len(code):
            continue
        issuer = tail[len(code):]
        if issuer in issuer_codes:
            return f"{head}/{code}-{issuer}", end
        nm = _CODE_AFTER_RE.match(t, end)
        if nm and issuer + nm.group(1) in issuer_codes:
            return f"{head}/{code}-{issuer}{nm.group(1)}", nm.end()
    return num, end


def find_numbers(t: str, blocks: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """``NUMBER_RE.finditer(t)``, looked for only before each "/" (every number has one).

    A match never crosses a line, so each block (line) is searched on its own, up to and
    with its line break (where "$" would match at that end, "[^\\w&.-]" matches the line
    break too).  In a block, a match starts before its first "/", inside the run of
    characters a number may hold there (``number_head``, read backwards on the reversed
    text), at a digit: only those places are tried, from the left."""
    rev = None
    n = len(t)
    for s, e in blocks:
        i = t.find("/", s, e)
        if i < 0:
            continue
        if rev is None:
            rev = t[::-1]
        pos = s
        while i >= 0:
            hm = _HEAD_RE.match(rev, n - i)
            assert hm is not None             # (the run may be empty: it always matches)
            head = hm.end() - (n - i)
            found = None
            for c in _START_RE.finditer(t, max(pos, i - head), i):
                found = NUMBER_RE.match(t, c.start(), e + 1)
                if found:
                    break
            if found:
                yield found
                pos = found.end()
            else:
                pos = i + 1
            i = t.find("/", pos, e)
