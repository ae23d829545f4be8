"""Regex templates of the stages' data files.

A pattern with Vietnamese words is written in ``pipeline/data/*.yaml`` as a template whose
``{name}`` slots ``fill`` puts a pattern or a word list into (a list as an alternation,
regex-escaped, in the order given); ``{upper}`` is always the upper-case Vietnamese letters
(``letters.yaml``).  Repetition counts such as ``{2}`` and ``{0,3}`` are no slots.
"""
from __future__ import annotations

import re

from pipeline import data

UPPER = data.load("letters.yaml")["upper"]

_SLOT = re.compile(r"\{([A-Za-z_]\w*)\}")


def alternation(words) -> str:
    """``a|b|c`` of ``words``, each regex-escaped, in the order given."""
    return "|".join(re.escape(w) for w in words)


def fill(template: str, **slots) -> str:
    """``template`` with its ``{name}`` slots filled (a KeyError names a slot left empty)."""
    slots.setdefault("upper", UPPER)

    def put(m) -> str:
        value = slots[m.group(1)]
        return value if isinstance(value, str) else alternation(value)
    return _SLOT.sub(put, template)


def longest_first(words) -> list:
    """``words`` sorted longest first (a stable sort: equal lengths keep their order)."""
    return sorted(words, key=len, reverse=True)
