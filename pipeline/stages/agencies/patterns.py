"""The room's data and the regexes built from it.

``agencies.yaml`` (how bodies are named and given roles) and ``sectors.yaml`` (the sector
gazetteer) hold word lists and, under ``patterns:``, named regex templates.  In a template,
``{name}`` stands for the entry ``name`` of the same file (``{roles.plan_words}`` reaches
into a map): a word list becomes the alternation of its words, escaped, longest first
(``{a+b}`` joins two lists); a string is put in as it is (a regex fragment, itself filled,
so ``{patterns.x}`` reuses another template).  Each pattern
is compiled once (``pattern`` is cached).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from pipeline.data import load
from pipeline.text import templates
from pipeline.text.templates import longest_first

AGENCIES = "agencies.yaml"
SECTORS = "sectors.yaml"

def data() -> dict[str, Any]:
    """The parsed ``agencies.yaml`` (cached by ``pipeline.data.load``; do not mutate it)."""
    return load(AGENCIES)


def alternation(words: Iterable[str]) -> str:
    """``"a|b|c"`` of the escaped words, longest first (so a longer form wins)."""
    return templates.alternation(longest_first(words))


def fill(template: str, source: Mapping[str, Any]) -> str:
    """``template`` with each ``{name}`` replaced from ``source`` (see the module docstring)."""
    return templates.fill(template, source, alternation)


@cache
def pattern(name: str, flags: int = 0, file: str = AGENCIES) -> re.Pattern[str]:
    """The compiled pattern ``patterns[name]`` of ``file``."""
    source = load(file)
    return re.compile(fill(source["patterns"][name], source), flags)
