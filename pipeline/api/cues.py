"""Cue words as spaCy spans: the phrases the extraction rules key on, for exploring a Doc.

A ``PhraseMatcher`` over the syllable tokenizer (:mod:`pipeline.api.tokenizer`) is built
from the same YAML data the stages use: comparators (``targets.yaml``), citation openers and
role cues (``citations.yaml``), agency role cues (``agencies.yaml``), plus the few phrases
of ``cues.yaml``.  ``add_cue_spans(doc)`` puts the matches in ``doc.spans["cues"]`` with
labels such as ``at_least``, ``parent``, ``lead``::

    from pipeline.api import nlp
    doc = nlp.make_doc(document)
    [(s.text, s.label_) for s in doc.spans["cues"]][:5]
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from pipeline import data
from pipeline.api.tokenizer import get_nlp


def _yaml(name: str) -> dict[str, Any]:
    return data.load(name) or {}


def cue_phrases() -> dict[str, list[str]]:
    """label -> list of phrases, from the stages' data files and ``cues.yaml``."""
    targets, citations, agencies = _yaml("targets.yaml"), _yaml("citations.yaml"), _yaml("agencies.yaml")
    extra = _yaml("cues.yaml").get("extra") or {}
    out: dict[str, list[str]] = {}
    for kind, phrases in (targets.get("comparators") or {}).items():
        out.setdefault(kind, []).extend(phrases)
    for kind, phrases in (targets.get("comparators_after") or {}).items():
        out.setdefault(kind, []).extend(phrases)
    out.setdefault("parent", []).extend(citations.get("parent_openers") or [])
    out.setdefault("basis", []).extend(citations.get("basis_openers") or [])
    out.setdefault("amends", []).extend(citations.get("amends_cues") or [])
    out.setdefault("replaces", []).extend(citations.get("replaces_cues") or [])
    roles = agencies.get("roles") or {}
    out.setdefault("requested", []).extend(roles.get("requested") or [])
    out.setdefault("lead", []).extend(list(extra.get("lead") or [])
                                      + list(roles.get("lead_cues") or []))
    out.setdefault("coordinate", []).extend(extra.get("coordinate") or [])
    return {label: sorted(set(p for p in phrases if isinstance(p, str) and p.strip()))
            for label, phrases in out.items()}


@lru_cache(maxsize=1)
def cue_matcher():
    """A case-insensitive PhraseMatcher with one rule per cue label."""
    nlp = get_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for label, phrases in cue_phrases().items():
        matcher.add(label, [nlp.make_doc(p) for p in phrases])
    return matcher


OPENERS = {"parent", "basis", "requested"}          # count only at the start of a block
COMPARATORS = {"at_least", "more_than", "at_most", "less_than"}   # only before a number


def _starts_block(span) -> bool:
    """Only a list or heading marker ("10.", "a)", "-") stands between a line start and it."""
    doc = span.doc
    i = span.start - 1
    while i >= 0:
        t = doc[i].text
        if "\n" in t:
            return True
        if not (t.isdigit() or t in ".)-+*•" or (len(t) == 1 and t.isalpha()) or t.isspace()):
            return False
        i -= 1
    return True


def _before_number(span, window: int = 4) -> bool:
    doc = span.doc
    return any(t.like_num or t.text[:1].isdigit() for t in doc[span.end:span.end + window])


def add_cue_spans(doc) -> list[Span]:
    """Put the cue matches of ``doc`` in ``doc.spans["cues"]`` (longest match wins).

    Openers ("Thực hiện", "Căn cứ", "Đề nghị") count only where a block starts, and
    comparators ("ít nhất", "trên") only right before a number, as the rules read them."""
    spans = []
    for span in filter_spans(cue_matcher()(doc, as_spans=True)):
        if span.label_ in OPENERS and not _starts_block(span):
            continue
        if span.label_ in COMPARATORS and not _before_number(span):
            continue
        spans.append(span)
    doc.spans["cues"] = spans
    return spans
