"""A syllable-level spaCy tokenizer for Vietnamese, and the blank pipeline that uses it.

Vietnamese writes one syllable per space-separated token, so phrase rules ("ít nhất",
"chủ trì, phối hợp") match best on syllables; a word-segmenting tokenizer would glue
"ít_nhất" and lose matches.  Numbers keep their Vietnamese separators as one token
("2.700", "1,5", "01/11/2021") so that Matcher patterns can use ``LIKE_NUM``-style shapes.
"""
from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.tokens import Doc

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
        words: list[str] = []
        spaces: list[bool] = []
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
