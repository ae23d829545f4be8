"""The text folds: one key for Vietnamese text, one for document numbers.

``fold`` is how two spellings of the same words are compared (agency names, headings, cue
phrases); ``number_key`` is how two printings of the same document number are compared
(citation de-duplication, linking, the report).  Both are pure functions of their input.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# "hoá" / "uỷ" (old-style tone placement) -> "hóa" / "ủy": a tone on the second vowel of a
# final "oa", "oe", "uy" … moves to the first.  Not when that vowel carries another mark
# ("luật", "hoặc": the tone sits under the marked vowel) nor after "q" ("quý": "qu" is a
# consonant).
OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])"
                      r"(?![\u0300-\u036f])(?![^\W\d_])")
MARKS = re.compile(r"[*_#`\\|]+")
DASHES = "-–—‐"


def new_tones(s: str) -> str:
    """"Uỷ" -> "Ủy", "hoá" -> "hóa", keeping case; NFC."""
    s = unicodedata.normalize("NFD", s)
    s = OLD_TONE.sub(r"\1\3\2", s)
    return unicodedata.normalize("NFC", s)


def fold(text: str | None) -> str:
    """Lower case, NFC, new-style tone placement, Markdown marks dropped, each dash a
    word of its own (" - "), white space collapsed."""
    text = text or ""
    if len(text) <= 300:          # names and headings recur: remember them
        return _fold_short(text)
    return _fold(text)


@lru_cache(maxsize=16384)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFD", text)
    s, n = OLD_TONE.subn(r"\1\3\2", s)
    if n or not unicodedata.is_normalized("NFC", text):
        s = unicodedata.normalize("NFC", s)
    else:
        s = text                  # NFC(NFD(text)) of an NFC text is the text
    s = s.lower()
    s = MARKS.sub("", s)
    for dash in DASHES:
        if dash in s:
            s = s.replace(dash, " - ")
    return " ".join(s.split())


_NUMBER_DASH = re.compile(r"[‐‑–—]")
_SPACE = re.compile(r"\s+")
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")


def number_key(number: str | None) -> str | None:
    """The key of a document number: "0178/2004/ nđ-cp" -> "178/2004/NĐ-CP".

    Upper case NFC; the Latin "Ð" (U+00D0) read as "Đ"; odd dashes as "-"; white space and
    surrounding punctuation dropped; leading zeros of the serial dropped ("0178" is how some
    gazettes print 178).  None for an empty number.
    """
    if not number:
        return None
    s = unicodedata.normalize("NFC", str(number)).upper().replace("Ð", "Đ")
    s = _NUMBER_DASH.sub("-", s)
    s = _SPACE.sub("", s).strip(".,;:")
    s = _LEADING_ZEROS.sub("", s)
    return s or None
