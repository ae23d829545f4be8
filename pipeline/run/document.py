"""One input file (or string) through every stage: ingest -> normalise -> analyse.

``extract_document`` gives the Document; ``extract_record`` its record (a dict), the task
every batch engine runs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline import ingest, normalise
from pipeline.document import Document
from pipeline.run.inputs import doc_id_for
from pipeline.stages import analyse


def from_text(text: str, doc_id: str = "text", source: str = "<text>") -> Document:
    """Analyse a string (already plain text) as a document."""
    doc = Document(doc_id=doc_id, source=source, format="txt")
    doc.text, doc.offsets = normalise.normalise(text, "txt")
    return analyse(doc)


def extract_document(path, doc_id: str | None = None) -> Document:
    """Read, normalise and analyse one file.  Never raises for a bad file."""
    path = Path(path)
    doc = Document(doc_id=doc_id or doc_id_for(path), source=str(path))
    try:
        src = ingest.read_source(path)
    except ingest.IngestError as exc:
        doc.errors.append(str(exc))
        return doc
    except Exception as exc:
        doc.errors.append(f"{path.name}: could not be read ({type(exc).__name__}: {exc})")
        return doc
    doc.format, doc.sha1 = src.format, src.sha1
    doc.warnings.extend(src.warnings)
    try:
        doc.text, doc.offsets = normalise.normalise(src.text, src.format)
        if src.pages and doc.offsets is not None:
            doc.pages = [(doc.offsets.from_source(s), doc.offsets.from_source(e), n)
                         for s, e, n in src.pages]
    except Exception as exc:
        doc.errors.append(f"normalise stage failed: {type(exc).__name__}: {exc}")
        return doc
    if not doc.text.strip():
        # no text: the reader's warnings say why (a scan, a garbled text layer), and the
        # record is a failure
        doc.errors.extend(doc.warnings)
        doc.warnings.clear()
        if not doc.errors:
            doc.errors.append(f"{path.name}: no text found in the file")
        return doc
    return analyse(doc)


# ---- records: the per-document task of every batch engine ------------------------------

def extract_record(path: str, source: str | None = None) -> dict[str, Any]:
    """``extract_document(path).to_dict()``; ``source`` overrides the recorded path
    (workers get absolute paths, the record keeps the path as the user gave it)."""
    try:
        doc = extract_document(path)
        if source is not None:
            doc.source = source
        return doc.to_dict()
    except Exception as exc:  # extract_document should never raise; keep the batch going
        return error_record(source or path, f"{type(exc).__name__}: {exc}")


def extract_chunk(jobs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Records for a list of ``(path, source)`` pairs (one task for a worker)."""
    return [extract_record(p, s) for p, s in jobs]


def error_record(path, message: str) -> dict[str, Any]:
    """The record of an input whose worker failed (sha1 left None so --resume retries it)."""
    doc = Document(doc_id=doc_id_for(Path(path)), source=str(path))
    doc.errors.append(f"{Path(path).name}: extraction failed ({message})")
    return doc.to_dict()
