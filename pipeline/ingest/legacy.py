"""Legacy Vietnamese font encodings: TCVN3 (ABC) and VNI, found by their characters and
converted to Unicode NFC with the tables of ``data/legacy_encodings.yaml``.

A document typed in a ``.VnTime`` or ``VNI-Times`` font holds Windows-1252 characters
that only the font draws as Vietnamese ("Ch\u00ad\u00acng tr\u00d7nh", "Ch\u00f6\u00f4ng
tr\u00ecnh").  :func:`detect` reads a text's statistics: many characters of a table, almost
no Unicode Vietnamese letters, and a reading through the table whose words are well-formed
syllables (one tone mark at most, no letter foreign to Vietnamese).  Bytes that are not
UTF-8 are also tried as Windows-1258 (:func:`decode_bytes`).

TCVN3 has no capital toned letters (a ``.VnTimeH`` font draws the small ones as capitals),
so in plain text :func:`capitals` gives them back where the word around them is in
capitals; in a DOCX the run's font says it (:func:`font_encoding`).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from pipeline import data as package_data

_DATA = package_data.load("legacy_encodings.yaml")
_DETECT = _DATA["detect"]
NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "cp1258": "Windows-1258"}
TABLES: dict[str, dict[str, str]] = {enc: dict(_DATA[enc]) for enc in ("tcvn3", "vni")}
_PATTERNS = {enc: re.compile("|".join(re.escape(k) for k in sorted(t, key=len, reverse=True)))
             for enc, t in TABLES.items()}
_LETTERS = package_data.load("ingest.yaml")["text"]["vietnamese_letters"]
# Vietnamese letters outside Latin-1: a legacy text has none of them
_UNICODE_ONLY = re.compile("[" + "".join(sorted({c for c in _LETTERS + _LETTERS.upper()
                                                 if ord(c) > 0xFF})) + "]")
_LETTER = re.compile(r"[^\W\d_]")
_HIGH = re.compile("[\u00a0-\u00ff]")
_TONES = set("\u0300\u0301\u0303\u0309\u0323")
_SHAPES = set("\u0302\u0306\u031b")                 # circumflex, breve, horn
_TOKEN = re.compile(r"\S+")
# a character of a well-formed word (after NFD): ASCII, d with stroke (and the eth that
# Latin-1 fonts draw for it), the Vietnamese
# marks, typographic punctuation, and a few signs plans use
_FINE = re.compile("[\x21-\x7e\u0110\u0111\u00d0\u00f0\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323"
                   "\u2010-\u205e\u00a7\u00b0\u00b1\u00b2\u00b3\u00b5\u00b7\u00ab\u00bb\u00d7]+")
SAMPLE = 200_000           # characters scored (the start of a long text is enough)
UNKNOWN = "unknown"


def convert(text: str, enc: str, capitals: bool = False) -> str:
    """``text`` read through the table of ``enc`` (NFC); ``capitals`` for a font that
    draws capitals (``.VnTimeH``)."""
    table = TABLES[enc]
    out = unicodedata.normalize("NFC", _PATTERNS[enc].sub(lambda m: table[m.group()], text))
    return out.upper() if capitals else out


def font_encoding(font: Optional[str]) -> tuple[Optional[str], bool]:
    """(encoding, draws capitals) of a font name: ``(".VnTimeH") -> ("tcvn3", True)``."""
    if not font:
        return None, False
    name = font.strip().lower()
    fonts = _DATA["fonts"]
    if name.startswith(tuple(fonts["tcvn3"])):
        return "tcvn3", name.endswith(fonts["tcvn3_capitals_suffix"])
    if name.startswith(tuple(fonts["vni"])):
        return "vni", False
    return None, False


def wellformed(text: str) -> float:
    """The share of words with a character beyond ASCII that are well-formed Vietnamese
    (1.0 when there are none)."""
    good = total = 0
    for m in _TOKEN.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        total += 1
        nfd = unicodedata.normalize("NFD", word)
        if (_FINE.fullmatch(nfd) and sum(c in _TONES for c in nfd) <= 1
                and sum(c in _SHAPES for c in nfd) <= 2 and not _mixed_case(word)):
            good += 1
    return good / total if total else 1.0


def _mixed_case(word: str) -> bool:
    """A capital after a small letter ("ho\u01afch"): not a Vietnamese word."""
    small = False
    for c in word:
        if c.islower():
            small = True
        elif small and c.isupper():
            return True
    return False


def detect(text: str) -> Optional[str]:
    """"tcvn3" or "vni" when ``text`` is in that encoding, ``UNKNOWN`` when it looks like
    Vietnamese in an encoding that neither table reads, None for Unicode (or too little
    to tell)."""
    sample = text[:SAMPLE]
    # (the letters are at most the characters: a Unicode text is told from its first
    # chunks without counting its letters, the costly count -- and first, before the
    # count of its Latin-1 characters, which a Vietnamese text has many of)
    if _count_over(_UNICODE_ONLY, sample, _DETECT["max_unicode_share"] * len(sample)):
        return None
    high = len(_HIGH.findall(sample))
    if high < _DETECT["min_hits"]:
        return None
    letters = len(_LETTER.findall(sample))
    if len(_UNICODE_ONLY.findall(sample)) > _DETECT["max_unicode_share"] * letters:
        return None
    scores = {enc: wellformed(convert(sample, enc)) for enc in TABLES}
    best = max(scores, key=lambda enc: scores[enc])
    if scores[best] >= _DETECT["min_wellformed"] and scores[best] > wellformed(sample):
        return best
    if high >= _DETECT["min_legacy_share"] * letters and wellformed(sample) < _DETECT["unknown_below"]:
        return UNKNOWN
    return None


def _count_over(rx: re.Pattern[str], text: str, limit: float, chunk: int = 2048) -> bool:
    """Does ``rx`` (one character a match) match more than ``limit`` times in ``text``?
    Counted chunk by chunk (each twice the last, up to 64k), stopping once it does."""
    n = start = 0
    while start < len(text):
        n += len(rx.findall(text, start, start + chunk))
        if n > limit:
            return True
        start += chunk
        chunk = min(2 * chunk, 65_536)
    return False


def decode_bytes(data: bytes) -> tuple[str, Optional[str]]:
    """Bytes that are not UTF-8 -> (text, encoding): TCVN3 or VNI (through Windows-1252),
    or Windows-1258; ("", UNKNOWN) or (text, None) as :func:`detect` says."""
    text = data.decode("cp1252", errors="ignore") if _cp1252_ok(data) else data.decode("latin-1")
    enc = detect(text)
    if enc in TABLES:
        return capitals(convert(text, enc)) if enc == "tcvn3" else convert(text, enc), enc
    vn = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    letters = len(_LETTER.findall(vn[:SAMPLE]))
    if (len(_UNICODE_ONLY.findall(vn[:SAMPLE])) > 0.02 * letters
            and wellformed(vn[:SAMPLE]) >= _DETECT["min_wellformed"]):
        return vn, "cp1258"
    return text, enc


def _cp1252_ok(data: bytes) -> bool:
    return not any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def capitals(text: str) -> str:
    """TCVN3 text converted: words in capitals get their toned letters in capitals too
    ("HO\u1ea1CH" -> "HO\u1ea0CH"), and a word with one capital next to such a word
    ("K\u1ebf HO\u1ea0CH" -> "K\u1ebe HO\u1ea0CH")."""
    lines = text.split("\n")
    return "\n".join(_capital_line(line) if _UNICODE_ONLY.search(line) else line
                     for line in lines)


def _kind(word: str) -> str:
    """'caps' (two capitals or more, small letters only where TCVN3 has no capital),
    'one' (one capital, the rest such small letters), 'small', or '' (no letters)."""
    upper = sum(c.isupper() for c in word)
    small = [c for c in word if c.islower()]
    if not upper and not small:
        return ""
    if any(c.isascii() or c in "\u0103\u00e2\u00ea\u00f4\u01a1\u01b0\u0111" for c in small):
        return "small"             # a small letter TCVN3 could have written as a capital
    if upper >= 2:
        return "caps"
    return "one" if upper == 1 else "small"


def _capital_line(line: str) -> str:
    """Words in capitals upper-cased; a word of one capital too when the other words of
    the line are in capitals (all of them, one at least with a toned letter; or two
    thirds of them, two at least)."""
    words = line.split(" ")
    kinds = [_kind(w) for w in words]
    caps = kinds.count("caps")
    toned = sum(k == "caps" and bool(_UNICODE_ONLY.search(w)) for w, k in zip(words, kinds))
    lettered = len([k for k in kinds if k])
    out = []
    for word, kind in zip(words, kinds):
        others = lettered - 1
        others_caps = caps - (kind == "caps")
        all_caps = others_caps == others and toned - (kind == "caps") >= 1
        if kind == "caps" or (kind == "one" and (all_caps or (
                others_caps >= 2 and others_caps * 3 >= others * 2))):
            word = word.upper()
        out.append(word)
    return " ".join(out)
