"""Cue words of ``data/targets.yaml`` and the patterns built from them, compiled once.

The YAML's ``patterns`` are regex templates: ``{name}`` is filled with one of its
``pieces``, a fixed fragment (``{number}``, ``{year}``, the spelled-out number words) or
the alternation of one of its word lists (see the YAML for the rules).
"""
from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Optional

from pipeline import data
from pipeline.text import templates
from pipeline.text.numbers import NUMBER, NUMBER_REST, NUMBER_WORDS, START_WORDS

if TYPE_CHECKING:                      # typeshed has no stub for the private ``re._casefix``
    _EXTRA_CASES: Optional[dict[int, tuple[int, ...]]]
else:
    try:                               # the extra case pairs of ``re.I`` (CPython 3.11+)
        from re._casefix import _EXTRA_CASES
    except ImportError:                # another Python: ``Words`` always runs its pattern
        _EXTRA_CASES = None

YEAR = r"(?:19|20)\d{2}"


def cues() -> dict[str, Any]:
    """The cue lists of ``data/targets.yaml`` (shared: not to be changed)."""
    return data.load("targets.yaml")


class Words:
    """Is one of ``words`` in a text, as a case-insensitive pattern (``re.I``) would find it?

    ``words`` in the lower-cased text, unless the text holds a character that ``re.I``
    matches to a letter of the words without lower-casing to it (dotless "ı", long "ſ",
    "İ" ...): then the pattern itself is run."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted({w.lower() for w in words if w}))
        self.rx = re.compile("|".join(re.escape(w) for w in self.words), re.I)
        # (the words as they are, on lower-cased text; none: a pattern that never matches)
        self.lit = re.compile("|".join(re.escape(w) for w in self.words) or "(?!)")
        odd: Optional[set[str]] = {"\u0130"}              # "İ" lower-cases to two characters
        for w in self.words:
            for ch in w:
                if _EXTRA_CASES is None:
                    odd = None
                    break
                assert odd is not None             # (None only once _EXTRA_CASES is None)
                odd.update(chr(x) for x in _EXTRA_CASES.get(ord(ch), ()) if chr(x).lower() != ch)
                odd.update(x for x in (ch.upper(), ch.title()) if len(x) == 1 and x.lower() != ch)
        self.odd = odd

    def found(self, text: str, low: Optional[str] = None) -> bool:
        """``low``: ``text.lower()``, when the caller has it."""
        if self.odd is None or any(ch in text for ch in self.odd):
            return self.rx.search(text) is not None
        return self.lit.search(text.lower() if low is None else low) is not None

    def found_spaced(self, text: str, low: Optional[str] = None) -> bool:
        """Is one of the words in ``text`` as a case-insensitive pattern with ``\\s+`` for
        each space (``alt``) would find it?  (True, to be safe, when ``text`` holds one of
        the odd characters.)"""
        if self.odd is None or any(ch in text for ch in self.odd):
            return True
        squashed = " ".join((text.lower() if low is None else low).split())
        return self.lit.search(squashed) is not None


def alt(phrases: Iterable[str]) -> str:
    """Regex alternation of phrases, longest first, spaces matching any white space."""
    ps = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ps)


def fill(template: str, **extra: str) -> str:
    """``template`` with each ``{name}`` filled (:func:`pipeline.text.templates.fill`): from
    ``extra``, the YAML's ``pieces``, the fixed fragments (number, year, number words), else
    the word list ``name`` joined by :func:`alt`."""
    c = cues()
    fixed = {"number": NUMBER, "number_rest": NUMBER_REST, "year": YEAR, "number_words": alt(NUMBER_WORDS),
             "start_words": alt(START_WORDS)}
    return templates.fill(template, ChainMap(extra, c["pieces"], fixed, c), alt)


def _first_words(phrases: Iterable[str]) -> list[str]:
    return [p.lower().split(" ")[0] for p in phrases]


def _spaced(phrases: Iterable[str]) -> list[str]:
    """The phrases with single spaces (as ``Words.found_spaced`` reads a text)."""
    return [" ".join(p.split()) for p in phrases]


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern of the alternatives (none: one that never matches)."""
    return re.compile(rf"(?:{'|'.join(patterns)})" if patterns else "(?!)", re.I)


@lru_cache(maxsize=1)
def regexes() -> dict[str, Any]:
    """The compiled patterns of the YAML by name, and a few built from the cue lists."""
    c = cues()
    templates = c["patterns"]
    per_kind = ("comparator_before", "comparator_after")
    r: dict[str, Any] = {name: re.compile(fill(t)) for name, t in templates.items() if name not in per_kind}
    strong = c["comparators"]["at_least"] + c["comparators"]["at_most"]
    r.update({
        "cmp_before": {k: re.compile(fill(templates["comparator_before"], comparator=alt(v)))
                       for k, v in c["comparators"].items()},
        "cmp_after": {k: re.compile(fill(templates["comparator_after"], comparator=alt(v)))
                      for k, v in c["comparators_after"].items()},
        # how many words a match of "cmp_before" / "bridge" can span, and one more
        "cmp_span": max(len(p.split()) for v in c["comparators"].values() for p in v) + 2,
        "bridge_span": max([len(p.split()) for p in c["bridge_words"]] + [3]) + 3,
        # the first word of a comparator of "word_count", and the comparators ("found_spaced"):
        # that pattern needs one
        "word_count_cue": Words(_first_words(strong)),
        "word_count_phrases": Words(_spaced(strong)),
        # the first words of "target_heading" and "roadmap_heading": each match holds one
        "heading_cue": Words(_first_words(c["target_headings"] + c["roadmap_headings"])),
        # what a clause needs to give a target besides a digit (numbers, dates, years):
        # "lần" (frequencies), a comparator before a spelled-out number, a completion verb
        # (whole phrases: "found_spaced")
        "may_target": Words([c["words"]["times"]] + _spaced(strong + c["completion_verbs"])),
        # regexes of the YAML, each a whole alternative
        "condition": re.compile(rf"(?:{'|'.join(c['condition_cues'])})", re.I),
        # the same, as the alternatives anchored at the start ("^") and the others
        "condition_start": _any_of([p for p in c["condition_cues"] if p.startswith("^")]),
        "condition_within": _any_of([p for p in c["condition_cues"] if not p.startswith("^")]),
        "plan_title": re.compile(c["plan_title"], re.I),
        "count_label": re.compile(c["count_label"]),
        "indicator_labels": [re.compile(p, re.I) for p in c["indicator_labels"]],
    })
    return r
