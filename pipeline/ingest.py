"""Ingest: read a file (txt, md, docx, pdf) into raw text.  PLACEHOLDER, being rewritten."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED = {".txt", ".md", ".docx", ".pdf"}


class IngestError(Exception):
    """A file that cannot be read; the message is shown to the user as is."""


@dataclass
class Source:
    text: str
    format: str
    sha1: str
    pages: list = field(default_factory=list)      # [(start, end, page_no)] into text
    warnings: list = field(default_factory=list)


def read_source(path) -> Source:
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(f"{path.name}: the file is empty")
    return Source(text=data.decode("utf-8-sig"), format=path.suffix.lstrip(".") or "txt",
                  sha1=hashlib.sha1(data).hexdigest())
