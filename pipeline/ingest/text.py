"""Plain text (.txt) and Markdown (.md): decode the bytes, keep the lines as they are."""
from __future__ import annotations

import codecs
from pathlib import Path

from pipeline.ingest import legacy, readable
from pipeline.ingest import limits as ingest_limits
from pipeline.ingest.registry import IngestError, Source, digest, read_bytes, register

_BOMS = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]
_UNIT = {"utf-8": 1, "utf-16-le": 2, "utf-16-be": 2, "utf-32-le": 4, "utf-32-be": 4}


@register(".txt", ".md")
def read_text_source(path: Path) -> Source:
    """A text file; its format is its suffix (``txt`` or ``md``)."""
    data = read_bytes(path)
    text, warnings, enc = decode(data, path.name)
    if not text.strip():
        raise IngestError(f"{path.name}: the file is empty")
    fmt = path.suffix.lower().lstrip(".")
    return Source(text=text, format=fmt, sha1=digest(data), warnings=warnings, reader=fmt,
                  encoding=enc)


def _utf16_without_bom(data: bytes):
    """'utf-16-le'/'utf-16-be' when every other byte is mostly NUL (ASCII-heavy text)."""
    if len(data) < 4:
        return None
    sample = data[:4000]
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_text(data: bytes, name: str = "file") -> tuple[str, list[str]]:
    """Bytes of a text file -> (str, warnings), as ``read_source`` reads them."""
    text, warnings, enc = decode(data, name)
    source = readable.settle(Source(text=text, format="txt", sha1="", warnings=warnings,
                                    encoding=enc), name)
    return source.text, source.warnings


def decode(data: bytes, name: str = "file") -> tuple[str, list[str], str | None]:
    """Bytes of a text file -> (str, warnings, legacy encoding).  UTF-8 (with or without
    BOM), UTF-16 or UTF-32; bytes that are not UTF-8 are tried as TCVN3, VNI and
    Windows-1258 (:func:`legacy.decode_bytes`).  A last character cut short is dropped
    and a few bad UTF-8 bytes are replaced, each with a warning.  Only the first
    ``max_chars`` characters are decoded (``read_source`` cuts the text there and says so);
    mojibake and legacy text in a UTF-8 file are for :func:`readable.settle`."""
    enc, start = None, 0
    for bom, bom_enc in _BOMS:
        if data.startswith(bom):
            enc, start = bom_enc, len(bom)
            break
    if enc is None:
        enc = _utf16_without_bom(data)
    if enc is None:
        if b"\x00" in data:
            raise IngestError(f"{name}: this is a binary file, not text")
        enc = "utf-8"
    body = data[start:]
    room = (ingest_limits.current().max_chars + 1) * 4      # bytes enough for that many characters
    whole = len(body) <= room
    if not whole:
        body = body[:room]
    warnings: list[str] = []
    if enc == "utf-8":
        text = codecs.getincrementaldecoder(enc)("replace").decode(body, final=whole)
        bad = text.count("\ufffd")
        if bad > max(3, len(text) // 1000):
            text, legacy_enc = legacy.decode_bytes(body)
            if legacy_enc not in legacy.NAMES:
                raise readable.undecodable(name)
            return text, [readable.converted_warning(name, legacy_enc)], legacy_enc
        if bad:
            warnings.append(f"{name}: {bad} byte(s) that are not valid UTF-8 were replaced")
    else:
        extra = len(body) % _UNIT[enc]
        if extra and whole:
            body = body[:-extra]
            warnings.append(f"{name}: the file ends in the middle of a character (its last "
                            f"{'byte is' if extra == 1 else f'{extra} bytes are'} missing); "
                            "that character is left out")
        try:
            text = codecs.getincrementaldecoder(enc)().decode(body, final=whole)
        except UnicodeDecodeError as exc:
            raise IngestError(f"{name}: the text is not valid {enc.upper()} "
                              f"(damaged at byte {start + exc.start})") from exc
    return text, warnings, None
