"""The cues of ``data/headings.yaml``, patterns compiled (``{placeholders}`` filled from
its ``words`` lists, see ``pipeline.normalise.rules.fill``)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline import data
from pipeline.text.templates import fill

#: the keys of ``headings.yaml`` that hold one pattern (compiled by ``cues``)
PATTERN_KEYS = ("appendix", "part", "letter_part", "letter_cell", "article", "roman", "roman_cell",
                "decimal", "arabic", "letter", "letter_dot", "number_paren", "bullet",
                "roman_not_heading", "heading_sentence_end", "attachment_line", "glued_heading",
                "form_caption")
#: the patterns of list items (a line matching one is no hard-wrapped continuation)
ITEM_KEYS = ("letter", "letter_dot", "number_paren", "bullet")


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The cues, patterns compiled.  A new dict over the cached YAML: tests may set a key."""
    raw = data.load("headings.yaml")
    words = raw.get("words") or {}
    c = dict(raw)
    for key in PATTERN_KEYS:
        c[key] = re.compile(fill(raw[key], words))
    c["signature"] = [re.compile(fill(p, words)) for p in raw["signature"]]
    c["abbreviations"] = set(raw.get("abbreviations") or [])
    c["attached_titles"] = tuple(raw["attached_titles"])
    c["first_numbers"] = frozenset(raw["first_numbers"])
    return c
