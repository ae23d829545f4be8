"""Vietnamese number parsing: "2.700" = 2700, "1,5" = 1.5, "04" = 4, "hai mươi lăm" = 25.

Vietnamese writes "." between thousands and "," before decimals.  A "." followed by
exactly three digits is a thousands separator; "32.2" (one or two digits) is read as a
decimal, as some crawled documents use the English convention.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline import data

#: one number as printed: 2.700  1.000.000  1,5  32.2  04  100
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
#: ``NUMBER`` after its first digit: ``\d`` + ``NUMBER_REST`` matches as ``(?:NUMBER)`` does
#: (the same alternatives, tried in the same order), and a look-behind can follow the first
#: digit ("\d(?<![\w.]\d)"), so that the pattern starts with a digit (scanned for quickly)
NUMBER_REST = r"(?:\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:[.,]\d+)?)"
NUMBER_RE = re.compile(rf"(?<![\w.,/])(?:{NUMBER})(?![\w/]|[.,]\d)")

_WORDS = data.load("numbers.yaml")
DIGITS: dict[str, int] = _WORDS["digits"]
SCALES: dict[str, int] = _WORDS["scales"]
_TEN, _TENS, _HALF = _WORDS["ten"], _WORDS["tens"], _WORDS["half"]
_ZERO_JOINERS = frozenset(_WORDS["zero_joiners"])
_AFTER_TENS = frozenset(_WORDS["after_tens"])

#: the words that can start or continue a spelled-out number
NUMBER_WORDS = set(DIGITS) | {_TEN, _TENS, _HALF} | set(SCALES)
#: the words a spelled-out number can start with ("không" and "năm" are too ambiguous)
START_WORDS = set(_WORDS["start_words"])


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_DECIMAL = re.compile(r"\d+,\d+")
_ENGLISH_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")


def parse_number(text: str) -> Optional[float]:
    """Parse one number written in digits, Vietnamese style; None if it is not one."""
    s = text.strip().replace(" ", "")
    if not s:
        return None
    if _THOUSANDS.fullmatch(s):      # 2.700  1.000.000  2.700,5
        s = s.replace(".", "").replace(",", ".")
    elif _COMMA_DECIMAL.fullmatch(s):                        # 1,5
        s = s.replace(",", ".")
    elif _ENGLISH_THOUSANDS.fullmatch(s):          # 1,000,000 (English)
        s = s.replace(",", "")
    elif not _PLAIN.fullmatch(s):
        return None
    try:
        return float(s)
    except ValueError:
        return None


def parse_words(text: str) -> Optional[float]:
    """Parse a spelled-out number ("một", "hai mươi lăm", "một trăm linh năm", "ba nghìn")."""
    words = text.lower().split()
    if not words or any(w not in NUMBER_WORDS for w in words):
        return None
    total, group, current = 0, 0, None
    for i, w in enumerate(words):
        if w in DIGITS:
            if current is not None and w not in _AFTER_TENS:
                return None                                    # "hai ba" is not a number
            if w in _ZERO_JOINERS:
                current = None
                continue
            current = DIGITS[w]
        elif w == _TEN:
            group += 10
            current = None
        elif w == _TENS:
            if current is None:
                return None
            group += current * 10
            current = None
        elif w == _HALF:
            return (total + group + (current or 0)) + 0.5 if i == len(words) - 1 else None
        elif w in SCALES:
            scale = SCALES[w]
            if scale == 100:
                group += (current if current is not None else 1) * 100
            else:
                total += (group + (current or 0) or 1) * scale
                group = 0
            current = None
    return float(total + group + (current or 0))


def to_number(text: str) -> Optional[float]:
    """Digits or words, whichever ``text`` is."""
    v = parse_number(text)
    return v if v is not None else parse_words(text)


def tidy(value: Optional[float]):
    """4.0 -> 4, keep 1.5; None stays None."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
