"""The compiled patterns of ``data/normalise.yaml``.

Patterns may hold ``{placeholders}`` naming a word list of the same file; a placeholder
becomes the alternation of the listed words (escaped), so that a new word is one entry.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, TypedDict

from pipeline import data
from pipeline.text.templates import fill


class SiteRules(TypedDict):
    """The compiled ``site`` section (portal pages)."""
    label: re.Pattern[str]          # a field label cell: "Số hiệu:" (group 1: the label)
    cue: re.Pattern[str]            # a label anywhere in a text (is it worth a closer look?)
    keep: set[str]
    empty_values: set[str]
    motto: re.Pattern[str]
    translation: re.Pattern[str]
    tail: re.Pattern[str]
    page_title: re.Pattern[str]
    translation_heads: tuple[str, ...] | None   # see ``literal_heads``


class Rules(TypedDict):
    """What ``rules()`` returns."""
    drop: set[str]
    space: set[str]
    block_start: dict[str, re.Pattern[str]]
    part_word: re.Pattern[str]
    part_number: re.Pattern[str]
    bullet_continuation: re.Pattern[str]
    continuation_tail: re.Pattern[str]
    standalone: re.Pattern[str]
    standalone_heads: tuple[str, ...] | None    # see ``literal_heads``
    sentence_end: re.Pattern[str]
    rule_line: re.Pattern[str]
    underline_run: re.Pattern[str]
    html_tag: re.Pattern[str]
    html_break: re.Pattern[str]
    site: SiteRules


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
        "part_word": rx(d["part_word"]),
        "part_number": rx(d["part_number"]),
        "bullet_continuation": rx(d["bullet_continuation"]),
        "continuation_tail": rx(d["continuation_tail"]),
        "standalone": rx("|".join(f"(?:{p})" for p in d["standalone"])),
        "standalone_heads": literal_heads(d["standalone"]),
        "sentence_end": rx(d["sentence_end"]),
        "rule_line": rx(d["rule_line"]),
        "underline_run": rx(d["underline_run"]),
        "html_tag": rx(d["html_tag"], re.I),
        "html_break": rx(d["html_break"], re.I),
        "site": _site_rules(d["site"]),
    }


def _literal_head(pattern: str) -> str:
    """The letters and digits every match of ``pattern`` starts with ("" when not sure): its
    leading ones, less one a quantifier follows; none in an alternation or after a flag."""
    if "|" in pattern or pattern.startswith("(?"):
        return ""
    k = 0
    while k < len(pattern) and pattern[k].isalnum():
        k += 1
    if k < len(pattern) and pattern[k] in "?*+{":
        k -= 1
    return pattern[:k]


def literal_heads(patterns: list[str]) -> tuple[str, ...] | None:
    """For the alternation of ``patterns``: the words one of which every match starts with
    (a text holding none of them holds no match: a fast test), or None when one has none."""
    heads = tuple(dict.fromkeys(_literal_head(p) for p in patterns))
    return heads if all(heads) else None


def _site_rules(s: dict[str, Any]) -> SiteRules:
    labels = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in s["fields"])
    return {
        "label": re.compile(rf"^[\s*#_]*({labels})\s*:[\s*_]*$"),
        "cue": re.compile(rf"(?m)^[\s*#_]*(?:{labels})\s*:[\s*_]*\n[ \t]*\|[ \t]*$"),
        "keep": set(s["keep"]),
        "empty_values": set(s["empty_values"]),
        "motto": re.compile("|".join(f"(?:{p})" for p in s["motto"])),
        "translation": re.compile("|".join(f"(?:{p})" for p in s["translation"])),
        "translation_heads": literal_heads(s["translation"]),
        "tail": re.compile("|".join(f"(?:{p})" for p in s["tail"])),
        "page_title": re.compile(s["page_title"]),
    }
