"""Plain text (.txt) and Markdown (.md): decode the bytes, keep the lines as they are."""
from __future__ import annotations

from pathlib import Path

from pipeline.ingest.registry import IngestError, Source, digest, read_bytes, register

_BOMS = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]


@register(".txt", ".md")
def read_text_source(path: Path) -> Source:
    """A text file; its format is its suffix (``txt`` or ``md``)."""
    data = read_bytes(path)
    text, warnings = decode_text(data, path.name)
    if not text.strip():
        raise IngestError(f"{path.name}: the file is empty")
    return Source(text=text, format=path.suffix.lower().lstrip("."), sha1=digest(data),
                  warnings=warnings)


def _utf16_without_bom(data: bytes):
    """'utf-16-le'/'utf-16-be' when every other byte is mostly NUL (ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4000]
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_text(data: bytes, name: str = "file"):
    """Bytes of a text file -> (str, warnings).  UTF-8 (with or without BOM) or UTF-16."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), []
            except UnicodeDecodeError as exc:
                raise IngestError(f"{name}: the text is not valid {enc.upper()} "
                                  f"(damaged at byte {exc.start})") from exc
    enc = _utf16_without_bom(data)
    if enc:
        try:
            return data.decode(enc), []
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise IngestError(f"{name}: this is a binary file, not text")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > max(3, len(text) // 1000):
        raise IngestError(f"{name}: the file is not UTF-8 text (binary, or an old Vietnamese "
                          "encoding such as TCVN3/VNI); save it as UTF-8 and try again")
    return text, [f"{name}: {bad} byte(s) that are not valid UTF-8 were replaced"]
