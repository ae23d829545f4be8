"""Regex templates of the stages' data files (see :mod:`pipeline.text.templates`).

``fill(template, **slots)`` fills ``{name}`` slots from keyword arguments (a list as an
alternation, regex-escaped, in the order given); ``{upper}`` is always the upper-case
Vietnamese letters (``letters.yaml``).
"""
from __future__ import annotations

from typing import Any

from pipeline import data
from pipeline.text import templates
from pipeline.text.templates import alternation, longest_first

UPPER = data.load("letters.yaml")["upper"]

__all__ = ["UPPER", "alternation", "fill", "longest_first"]


def fill(template: str, **slots: Any) -> str:
    """``template`` with its ``{name}`` slots filled (a KeyError names a slot left empty)."""
    slots.setdefault("upper", UPPER)
    return templates.fill(template, slots)
