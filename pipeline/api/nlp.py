"""spaCy plumbing: a syllable-level tokenizer for Vietnamese and Doc extensions.

Vietnamese writes one syllable per space-separated token, so phrase rules ("ít nhất",
"chủ trì, phối hợp") match best on syllables; a word-segmenting tokenizer would glue
"ít_nhất" and lose matches.  Numbers keep their Vietnamese separators as one token
("2.700", "1,5", "01/11/2021") so that Matcher patterns can use ``LIKE_NUM``-style shapes.

``make_doc(document)`` returns a spaCy ``Doc`` over ``document.text`` with span groups
``sections``, ``targets``, ``agencies`` and ``citations`` and the extension
``doc._.vnplan`` pointing back at the :class:`pipeline.document.Document`, plus ``cues``:
the cue words the rules read (``pipeline.cues``).
"""
from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.tokens import Doc, Span

TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d{3})+(?![\d])"        # 2.700  1.000.000
    r"|\d+/\d+/\d{2,4}"                 # 01/11/2021
    r"|\d+(?:[.,]\d+)?"                 # 04  1,5  32.2
    r"|[^\W\d_]+"                       # a syllable (any script letters)
    r"|\S",                             # any other single character
    re.UNICODE)


class SyllableTokenizer:
    """Split text into syllables, numbers and single punctuation marks."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        """Tokens plus whitespace runs as tokens of their own, so ``doc.text == text``
        and every token's ``idx`` is an offset into ``text``."""
        words, spaces = [], []
        pos = 0
        for m in TOKEN_RE.finditer(text):
            gap = text[pos:m.start()]
            if gap:
                if words and gap.startswith(" "):
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
            words.append(m.group())
            spaces.append(False)
            pos = m.end()
        if pos < len(text):
            words.append(text[pos:])
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy serialisation hooks (the tokenizer has no state of its own)
    def to_bytes(self, **kwargs):
        return b""

    def from_bytes(self, data, **kwargs):
        return self

    def to_disk(self, path, **kwargs):
        return None

    def from_disk(self, path, **kwargs):
        return self


if not Doc.has_extension("vnplan"):
    Doc.set_extension("vnplan", default=None)
if not Span.has_extension("record"):
    Span.set_extension("record", default=None)


@lru_cache(maxsize=1)
def get_nlp():
    """A blank multi-language pipeline with the syllable tokenizer (no model download)."""
    nlp = spacy.blank("xx")
    nlp.tokenizer = SyllableTokenizer(nlp.vocab)
    return nlp


def tokens(text: str) -> Doc:
    """Tokenise ``text``; ``doc.text == text`` and token ``idx`` values are offsets
    into it (runs of white space other than one space are tokens of their own)."""
    return get_nlp()(text)


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
    from pipeline.api.cues import add_cue_spans
    add_cue_spans(doc)
    return doc
