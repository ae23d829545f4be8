"""Roman numerals: their value, and the numeral of a number."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@lru_cache(maxsize=4096)
def roman_value(s: str) -> Optional[int]:
    """Value of a Roman numeral, or None if ``s`` is not a well-formed one."""
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if total and to_roman(total) == s.upper() else None


def to_roman(n: int) -> str:
    """The Roman numeral of ``n`` (1 to 399)."""
    out = []
    for v, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                   (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)
