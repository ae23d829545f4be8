"""Resource limits of the readers: what one hostile file may cost.

``Limits()`` holds the defaults, sized so that one document stays well under 1 GB and a
few seconds of reading whatever its bytes are: a 4 KB zip bomb, a PDF whose objects refer
to themselves, a table of 10**8 columns.  Real plans are far below every limit (the largest
PDF plans have a few hundred pages, the largest DOCX parts a few MB).

``read_source(path, limits=Limits(max_pdf_pages=50))`` reads one file under other limits;
the readers ask :func:`current` for the limits in force.  What a limit cuts off is reported
in the record's ``warnings`` (never dropped silently); what it refuses is an error.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    # any file: bigger files are refused before they are read
    max_file_bytes: int = 200 * MB
    # characters of raw text per document: the rest is cut off (a warning says where)
    max_chars: int = 5_000_000
    # DOCX: uncompressed bytes of one XML part (document, footnotes, a header), checked in
    # the zip directory and again while the part is decompressed
    max_docx_part_bytes: int = 64 * MB
    # DOCX: table cells read per document (the rest is cut off with a warning)
    max_table_cells: int = 200_000
    # DOCX: a table row with more cells than this gives one line per cell, not one line
    max_row_cells: int = 64
    # PDF: pages read (the rest are listed in a warning)
    max_pdf_pages: int = 1000
    # PDF: characters on one page; a page with more is not read (warning)
    max_pdf_page_chars: int = 40_000
    # PDF: drawing operations on one page (glyphs, paths, images, forms drawn)
    max_pdf_page_objects: int = 400_000
    # PDF: decompressed bytes of one stream (page contents, fonts, object streams)
    max_pdf_stream_bytes: int = 64 * MB

    def but(self, **changes: Any) -> Limits:
        """A copy with some limits changed."""
        return replace(self, **changes)


DEFAULT = Limits()
# the limits of this process (``set_defaults``: ``vnplan extract --limit``), seen by every
# thread; ``using`` changes them for one block of one thread
_PROCESS: list[Limits] = [DEFAULT]
_CURRENT: ContextVar[Limits | None] = ContextVar("ingest_limits", default=None)


def current() -> Limits:
    """The limits in force for the file being read."""
    return _CURRENT.get() or _PROCESS[0]


def set_defaults(limits: Limits) -> Limits:
    """Make ``limits`` those of this process (and of worker processes forked after it);
    returns the previous ones."""
    previous, _PROCESS[0] = _PROCESS[0], limits
    return previous


@contextlib.contextmanager
def using(limits: Limits | None) -> Iterator[Limits]:
    """Read under ``limits`` (``None``: those already in force) inside the block."""
    if limits is None:
        yield current()
        return
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def size(n: int) -> str:
    """Bytes in words: '64 MB', '3.9 GB', '700 bytes'."""
    if n >= 1 << 30:
        return f"{n / (1 << 30):.1f} GB"
    if n >= MB:
        return f"{n / MB:.0f} MB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.0f} KB"
    return f"{n} bytes"
