"""spaCy plumbing: a Doc over a Document's text, carrying the extraction.

``make_doc(document)`` returns a spaCy ``Doc`` (syllable tokens, :mod:`pipeline.api.tokenizer`)
over ``document.text`` with span groups ``sections``, ``targets``, ``agencies`` and
``citations`` and the extension ``doc._.vnplan`` pointing back at the
:class:`pipeline.document.Document`, plus ``cues``: the cue words the rules read
(:mod:`pipeline.api.cues`).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.api.cues import add_cue_spans
from pipeline.api.tokenizer import SyllableTokenizer, get_nlp, tokens

__all__ = ["SyllableTokenizer", "get_nlp", "make_doc", "tokens"]

if not Doc.has_extension("vnplan"):
    Doc.set_extension("vnplan", default=None)
if not Span.has_extension("record"):
    Span.set_extension("record", default=None)


def _span(doc: Doc, start: int, end: int, label: str):
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    return span


def make_doc(document) -> Doc:
    """A spaCy Doc over ``document.text`` carrying the extraction as span groups."""
    text = document.text
    doc = get_nlp()(text)
    doc._.vnplan = document
    groups = {
        "sections": [(s.start, s.end, s.path, s) for s in document.sections],
        "targets": [(t.start, t.end, t.kind, t) for t in document.targets],
        "citations": [(c.start, c.end, c.role, c) for c in document.citations],
        "agencies": [(a.start, a.end, a.role, a) for a in document.agencies if a.end > a.start],
    }
    for name, items in groups.items():
        spans = []
        for start, end, label, rec in items:
            sp = _span(doc, start, end, label)
            if sp is not None:
                sp._.record = rec
                spans.append(sp)
        doc.spans[name] = spans
    add_cue_spans(doc)
    return doc
