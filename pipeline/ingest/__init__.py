"""Ingest: read a file (.txt, .md, .docx, .pdf, .doc/.rtf/.odt, .html) into raw text.

``read_source(path)`` returns a ``Source`` or raises ``IngestError`` with a message in plain
words (it goes into the record's ``errors``).  The raw text keeps the file's own line
structure; ``normalise.normalise(source.text, source.format)`` turns it into
``Document.text``.  DOCX and PDF text uses blank lines between blocks and tab-separated
table rows, so the normaliser only has to join wrapped lines.

Each format is a reader in ``READERS`` (suffix -> reader), registered by its module
(``text``, ``docx``, ``pdf``, ``doc``, ``html``) with ``@register(".ext")``: see
:mod:`pipeline.ingest.registry` to add one.  Every reader's text then goes through
:func:`pipeline.ingest.readable.settle` (mojibake decoded again, a legacy Vietnamese
encoding converted, an unknown one refused).

Every reader works under :class:`~pipeline.ingest.limits.Limits` (file size, characters,
PDF pages and streams, DOCX parts and table cells): ``read_source(path, limits=...)``.
What a limit cuts off, and any other problem that does not stop the reading (empty or
damaged PDF pages, repaired mojibake), is in ``Source.warnings``; an unforeseen failure of
a reader's library becomes an ``IngestError`` in plain words too.
"""
from __future__ import annotations

from pathlib import Path

# the reader modules register themselves in READERS when imported
from pipeline.ingest import doc, docx, html, pdf, text  # noqa: F401
from pipeline.ingest.limits import Limits, using
from pipeline.ingest.readable import settle
from pipeline.ingest.registry import READERS, SUPPORTED, IngestError, Source, cap_text, register
from pipeline.ingest.text import decode_text

__all__ = ["READERS", "SUPPORTED", "IngestError", "Limits", "Source", "decode_text",
           "read_source", "register"]


def read_source(path, limits: Limits | None = None) -> Source:
    """Read one file under ``limits`` (default: those in force, ``Limits()``); raise
    ``IngestError`` (plain words, the file name first) when it cannot be read."""
    with using(limits):
        return _read(Path(path))


def _read(path: Path) -> Source:
    name = path.name or str(path)
    try:
        if not path.exists():
            raise IngestError(f"{name}: file not found")
        if path.is_dir():
            raise IngestError(f"{name}: is a folder, not a file")
        if not path.is_file():
            raise IngestError(f"{name}: not a regular file")
    except OSError as exc:               # a name too long, a folder that cannot be entered
        raise IngestError(f"{name}: the file cannot be opened ({exc.strerror or exc})") from exc
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        kind = f"'{suffix}'" if suffix else "without an extension"
        raise IngestError(f"{name}: unsupported file type {kind}; supported types are "
                          + ", ".join(sorted(SUPPORTED)))
    try:
        source = reader(path)
    except IngestError:
        raise
    except MemoryError as exc:
        raise IngestError(f"{name}: the file needs more memory than is available to be "
                          "read") from exc
    except RecursionError as exc:
        raise IngestError(f"{name}: the file is nested too deeply to be read (damaged?)") from exc
    except Exception as exc:         # a reader's library failed in a way not foreseen
        raise IngestError(f"{name}: the file could not be read (damaged, or a form the "
                          f"{suffix.lstrip('.')} reader does not handle)") from exc
    source = cap_text(source, name)
    if not source.reader:
        source.reader = source.format
    return settle(source, name)
