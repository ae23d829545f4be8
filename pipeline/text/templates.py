"""Regex templates: patterns with Vietnamese words live in ``pipeline/data/*.yaml`` as
templates whose ``{name}`` slots are filled from the same data.

``{name}`` is an entry of the source mapping, ``{a.b}`` an entry of a nested map, ``{a+b}``
two word lists joined.  A string entry is put in as it is (itself filled first, so a
template can reuse another); a word list becomes an alternation.  How words are joined is
the caller's policy (``alt``): in the order written, longest first, spaces as ``\\s+``.
Repetition counts such as ``{2}`` or ``{0,3}`` are not slots.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

SLOT = re.compile(r"\{([A-Za-z_][\w.+]*)\}")


def alternation(words: Iterable[str]) -> str:
    """``a|b|c`` of the words, each regex-escaped, in the order given."""
    return "|".join(re.escape(w) for w in words)


def longest_first(words: Iterable[str]) -> list[str]:
    """The words sorted longest first (stable: equal lengths keep their order)."""
    return sorted(words, key=len, reverse=True)


def entry(source: Mapping[str, Any], dotted: str) -> Any:
    """``source["a"]["b"]`` for ``"a.b"``."""
    value: Any = source
    for key in dotted.split("."):
        value = value[key]
    return value


def fill(template: str, source: Mapping[str, Any],
         alt: Callable[[list[str]], str] = alternation) -> str:
    """``template`` with every slot filled from ``source`` (a KeyError names a missing one)."""
    def one(m: re.Match[str]) -> str:
        parts = [entry(source, name) for name in m.group(1).split("+")]
        if len(parts) == 1 and isinstance(parts[0], str):
            return fill(parts[0], source, alt)
        return alt([w for part in parts for w in part])
    return SLOT.sub(one, template)
