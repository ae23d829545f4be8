"""Normalise raw text (NFC, Markdown marks, hard wraps).  PLACEHOLDER, being rewritten."""
from __future__ import annotations

import unicodedata


class OffsetMap:
    """Maps offsets in the normalised text back to the source text."""

    def __init__(self, to_source=None):
        self._to_source = to_source

    def to_source(self, offset: int) -> int:
        return offset if self._to_source is None else self._to_source[offset]

    def from_source(self, offset: int) -> int:
        return offset


def normalise(raw: str, fmt: str = "txt"):
    text = unicodedata.normalize("NFC", raw)
    return text, OffsetMap()
