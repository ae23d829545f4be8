"""Ingest: read a file (.txt, .md, .docx, .pdf) into raw text.

``read_source(path)`` returns a ``Source`` or raises ``IngestError`` with a message in plain
words (it goes into the record's ``errors``).  The raw text keeps the file's own line
structure; ``normalise.normalise(source.text, source.format)`` turns it into
``Document.text``.  DOCX and PDF text uses blank lines between blocks and tab-separated
table rows, so the normaliser only has to join wrapped lines.

Each format is a reader in ``READERS`` (suffix -> reader), registered by its module
(``text``, ``docx``, ``pdf``, ``doc``) with ``@register(".ext")``: see
:mod:`pipeline.ingest.registry` to add one.
"""
from __future__ import annotations

from pathlib import Path

# the reader modules register themselves in READERS when imported
from pipeline.ingest import doc, docx, pdf, text  # noqa: F401
from pipeline.ingest.registry import READERS, SUPPORTED, IngestError, Source, register
from pipeline.ingest.text import decode_text

__all__ = ["READERS", "SUPPORTED", "IngestError", "Source", "decode_text", "read_source",
           "register"]


def read_source(path) -> Source:
    """Read one file; raise ``IngestError`` when it cannot be read."""
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise IngestError(f"{name}: file not found")
    if path.is_dir():
        raise IngestError(f"{name}: is a folder, not a file")
    if not path.is_file():
        raise IngestError(f"{name}: not a regular file")
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        kind = f"'{suffix}'" if suffix else "without an extension"
        raise IngestError(f"{name}: unsupported file type {kind}; supported types are "
                          + ", ".join(sorted(SUPPORTED)))
    return reader(path)
