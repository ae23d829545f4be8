"""The document's lines: Markdown marks blanked, "Nơi nhận" blocks, where the body ends."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Optional

from pipeline.stages.agencies.patterns import data, pattern

_MARKS = re.compile(r"[*#\\`_|]")


def clean(line: str) -> str:
    """Markdown marks blanked out (same length, so offsets hold)."""
    return _MARKS.sub(" ", line)


def cleaned(text: str, start: int = 0, end: Optional[int] = None) -> str:
    """``clean(text[start:end])``: a slice of the whole text cleaned once (the last text
    asked about; cleaned whole only for a slice of a quarter of it or more, so a slice
    never costs more than a few times its length)."""
    end = len(text) if end is None else end
    if _CLEANED.get("text") is text:
        return _CLEANED["clean"][start:end]
    if 4 * (end - start) < len(text):
        return clean(text[start:end])
    whole = clean(text)
    _CLEANED.update(text=text, clean=whole)
    return whole[start:end]


_CLEANED: dict[str, str] = {}                  # the last text cleaned whole, and its clean


def lines(text: str, start: int = 0, end: Optional[int] = None) -> Iterator[tuple[int, str]]:
    """(offset, cleaned line) for each line of ``text[start:end]``."""
    pos = start
    for line in cleaned(text, start, end).split("\n"):
        yield pos, line
        pos += len(line) + 1


def body_end(text: str) -> int:
    """Where the last "Nơi nhận" block begins (nothing after it gives duties)."""
    spans = recipient_spans(text)
    return spans[-1][0] if spans and spans[-1][1] >= len(text) else len(text)


def recipient_spans(text: str) -> list[tuple[int, int]]:
    """"Nơi nhận:" blocks (lists of recipients), up to the next heading or the end: a
    decision's block comes before its attached plan."""
    cached = _SPANS_CACHE.get("text")
    if cached is text:
        return list(_SPANS_CACHE["spans"])
    out: list[tuple[int, int]] = []
    for m in _recipient_heads(text):
        nxt = _AFTER_RECIPIENTS.search(text, m.end())
        out.append((m.start(), nxt.start() if nxt else len(text)))
    _SPANS_CACHE.update(text=text, spans=tuple(out))
    return out


_RECIPIENTS = pattern("recipients", re.M)
_AFTER_RECIPIENTS = pattern("after_recipients", re.M)
_SPANS_CACHE: dict[str, Any] = {}              # the last text's spans (the stage asks three times)
_RECIPIENT_WORDS = tuple(data()["recipient_words"])
_RECIPIENT_LEAD = frozenset("*_|#")


def _recipient_heads(text: str) -> list[re.Match[str]]:
    """``_RECIPIENTS.finditer(text)``, found faster: a match is a line start, white space and
    marks, then one of the words, so only the places of the words need the pattern."""
    places: list[int] = []
    for w in _RECIPIENT_WORDS:
        i = text.find(w)
        while i >= 0:
            places.append(i)
            i = text.find(w, i + 1)
    out: list[re.Match[str]] = []
    for k in sorted(places):
        j = k                     # back over the white space and marks before the word
        while j > 0 and (text[j - 1].isspace() or text[j - 1] in _RECIPIENT_LEAD):
            j -= 1
        if j > 0 and text[j - 1] != "\n":          # the first line start inside that run
            nl = text.find("\n", j, k)
            if nl < 0:
                continue
            j = nl + 1
        m = _RECIPIENTS.match(text, j)
        if m:
            out.append(m)
    return out


