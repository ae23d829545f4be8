"""The compiled patterns of ``data/normalise.yaml``.

Patterns may hold ``{placeholders}`` naming a word list of the same file; a placeholder
becomes the alternation of the listed words (escaped), so that a new word is one entry.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TypedDict

from pipeline import data
from pipeline.text.templates import fill


class Rules(TypedDict):
    """What ``rules()`` returns."""
    drop: set[str]
    space: set[str]
    block_start: dict[str, re.Pattern[str]]
    bullet_continuation: re.Pattern[str]
    continuation_tail: re.Pattern[str]
    standalone: re.Pattern[str]
    sentence_end: re.Pattern[str]
    rule_line: re.Pattern[str]
    underline_run: re.Pattern[str]
    html_tag: re.Pattern[str]
    html_break: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """Compiled patterns from ``data/normalise.yaml``."""
    d = data.load("normalise.yaml")
    words = d.get("words") or {}

    def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
        return re.compile(fill(pattern, words), flags)

    return {
        "drop": set(d["drop_chars"]),
        "space": set(d["space_chars"]),
        "block_start": {k: rx(v) for k, v in d["block_start"].items()},
        "bullet_continuation": rx(d["bullet_continuation"]),
        "continuation_tail": rx(d["continuation_tail"]),
        "standalone": rx("|".join(f"(?:{p})" for p in d["standalone"])),
        "sentence_end": rx(d["sentence_end"]),
        "rule_line": rx(d["rule_line"]),
        "underline_run": rx(d["underline_run"]),
        "html_tag": rx(d["html_tag"], re.I),
        "html_break": rx(d["html_break"], re.I),
    }
