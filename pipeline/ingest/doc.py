"""Old Word .doc files: not read, refused with advice (they are still walked in folders,
so that each gets its error record)."""
from __future__ import annotations

from pathlib import Path

from pipeline.ingest.registry import IngestError, Source, register


@register(".doc", supported=False)
def refuse_doc(path: Path) -> Source:
    """Always raises: the binary Word 97-2003 format has no reader here."""
    raise IngestError(f"{path.name}: old Word .doc format is not supported; "
                      "convert it to .docx (or save it as PDF or text) and try again")
