"""The registry of readers: one reader per file suffix, and what every reader returns.

A reader is a function ``reader(path) -> Source`` that raises :class:`IngestError` (a
message in plain words) when the file cannot be read.  A new format is one module with one
decorated function, imported by ``pipeline/ingest/__init__.py``::

    @register(".odt")
    def read_odt_source(path: Path) -> Source:
        data = read_bytes(path)
        return Source(text=..., format="odt", sha1=digest(data))

``READERS`` also decides which files a folder walk takes (``pipeline.run.inputs``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from pipeline.ingest import limits as ingest_limits


class IngestError(Exception):
    """A file that cannot be read; the message is shown to the user as is."""


@dataclass
class Source:
    text: str
    format: str
    sha1: str
    pages: list[tuple[int, int, int]] = field(default_factory=list)   # [(start, end, page_no)] into text
    # non-fatal problems (pages without text, text cut at a limit, bytes replaced), in words;
    # a reader that finds no text at all says why here and leaves ``text`` empty
    warnings: list[str] = field(default_factory=list)
    # the reader used, as the record's ``reader`` says it ("txt", "docx", "doc+libreoffice",
    # "html", "pdf", "pdf+ocr"); empty: the format's name
    reader: str = ""
    # a legacy encoding the text was converted from ("tcvn3", "vni", "cp1258"; several
    # joined by "+"), or None
    encoding: Optional[str] = None
    # pages read by OCR, the mean confidence (0-100) of each, and of all their words
    ocr_pages: list[int] = field(default_factory=list)
    ocr_page_confidence: list[Optional[float]] = field(default_factory=list)
    ocr_confidence: Optional[float] = None


Reader = Callable[[Path], Source]

READERS: dict[str, Reader] = {}     # ".txt" -> reader (lower-case suffix with its dot)
SUPPORTED: set[str] = set()         # the suffixes read (not those refused with advice)


def register(*suffixes: str, supported: bool = True) -> Callable[[Reader], Reader]:
    """Decorator: ``reader`` reads files with these suffixes (``".txt"``, ...).

    ``supported=False`` registers a reader that only refuses a known format with advice
    (old Word ``.doc``): such files are still walked in folders and get their error record,
    but are not listed among the supported types.
    """
    def add(reader: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix.lower()] = reader
            if supported:
                SUPPORTED.add(suffix.lower())
        return reader
    return add


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; ``IngestError`` when it cannot be opened, is empty or is larger
    than ``max_file_bytes``."""
    limit = ingest_limits.current().max_file_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestError(f"{path.name}: the file is too large to read "
                              f"({ingest_limits.size(size)}; the limit is "
                              f"{ingest_limits.size(limit)})")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path.name}: the file cannot be opened "
                          f"({exc.strerror or exc})") from exc
    if not data.strip():
        raise IngestError(f"{path.name}: the file is empty")
    return data


def digest(data: bytes) -> str:
    """The ``sha1`` of a Source: hex SHA-1 of the file's bytes."""
    return hashlib.sha1(data).hexdigest()


def cap_text(source: Source, name: str) -> Source:
    """``source`` with its text cut after ``max_chars`` characters (at a line end when one
    is near), its pages trimmed to match and a warning saying so."""
    limit = ingest_limits.current().max_chars
    if len(source.text) <= limit:
        return source
    cut = source.text.rfind("\n", 0, limit)
    if cut < limit * 0.9:
        cut = limit
    source.text = source.text[:cut]
    source.pages = [(s, min(e, cut), n) for s, e, n in source.pages if s < cut]
    source.warnings.append(f"{name}: the text is longer than {limit:,} characters; only the "
                           "first part of it is read")
    return source
