"""Is this text readable?  The one place that decides, for every reader's text.

:func:`settle` runs on every ``Source`` that ``read_source`` returns: UTF-8 once read as
Latin-1 (:mod:`mojibake`) is decoded again, text in a legacy font encoding
(:mod:`legacy`: TCVN3/ABC, VNI) is converted to Unicode, each with a warning and the
encoding in ``Source.encoding``; a text that is neither readable nor repairable is refused
with an ``IngestError`` in plain words (never silent mojibake).  :func:`undecodable` is the
refusal of bytes that no decoding reads.  :func:`page_encodings` finds the legacy
encoding of each page of a PDF text layer, so that the PDF reader converts a page before
it decides whether the page is garbled (and to be read by OCR).
"""
from __future__ import annotations

from typing import Optional

from pipeline.ingest import legacy, mojibake
from pipeline.ingest.registry import IngestError, Source


def converted_warning(name: str, enc: str, where: str = "the text") -> str:
    return (f"{name}: {where} was typed in the {legacy.NAMES[enc]} encoding (a font of "
            "before Unicode) and was converted to Unicode")


def undecodable(name: str) -> IngestError:
    return IngestError(f"{name}: the text is in an unknown character encoding (not UTF-8, "
                       "UTF-16, TCVN3/ABC, VNI or Windows-1258); save it as UTF-8 and try "
                       "again")


def settle(source: Source, name: str) -> Source:
    """``source`` with its text made readable (mojibake decoded again, a legacy encoding
    converted), or ``IngestError`` when it cannot be."""
    text, fixed, left = mojibake.repair(source.text)
    if left > mojibake.MAX_UNREPAIRED:
        raise IngestError(f"{name}: the text is garbled: UTF-8 that was read as Latin-1 or "
                          f"Windows-1252 and saved again (mojibake), with bytes lost in "
                          f"{left} places; it cannot be repaired, open the original file")
    if fixed:
        source.warnings.append(f"{name}: {fixed} garbled passages (UTF-8 that was read as "
                               "Latin-1: mojibake) were decoded again")
    if left:
        source.warnings.append(f"{name}: {left} garbled passages (mojibake) could not be "
                               "repaired")
    enc = legacy.detect(text)
    if enc == legacy.UNKNOWN:
        raise undecodable(name)
    if enc:
        text = convert(text, enc)
        source.warnings.append(converted_warning(name, enc))
        source.encoding = "+".join(sorted({*(source.encoding or "").split("+"), enc} - {""}))
    source.text = text
    return source


def convert(text: str, enc: str) -> str:
    """``text`` converted from ``enc`` (TCVN3 words in capitals given their capitals)."""
    text = legacy.convert(text, enc)
    return legacy.capitals(text) if enc == "tcvn3" else text


def page_encodings(texts: list[str]) -> list[Optional[str]]:
    """The legacy encoding ("tcvn3", "vni") of each page's text, or None.  Each page is
    judged by its own characters; a page that cannot be told alone (a title page in
    capitals, a signature) takes the encoding of the other pages when that reads it into
    better-formed words than it has as it is."""
    seen = [legacy.detect(text) for text in texts]
    found = [enc if enc in legacy.TABLES else None for enc in seen]
    usual = {e for e in found if e}
    if len(usual) != 1:
        return found
    enc = usual.pop()
    for i, text in enumerate(texts):
        if (seen[i] in (None, legacy.UNKNOWN)
                and legacy.wellformed(convert(text, enc)) > legacy.wellformed(text)):
            found[i] = enc
    return found
