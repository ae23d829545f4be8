"""One input file (or string) through every stage: ingest -> normalise -> analyse.

``extract_document`` gives the Document; ``extract_record`` its record (a dict), the task
every batch engine runs.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pipeline import ingest, normalise
from pipeline.document import Document
from pipeline.run.identity import file_sha1, make_doc_id, text_key
from pipeline.run.inputs import display, manifest_id
from pipeline.run.limits import DocumentTimeout, cap_record, overriding, time_limit, timeout_message
from pipeline.stages import analyse


def from_text(text: str, doc_id: str = "text", source: str = "<text>") -> Document:
    """Analyse a string (already plain text) as a document."""
    doc = Document(doc_id=doc_id, source=source, format="txt")
    doc.text, doc.offsets = normalise.normalise(text, "txt")
    doc.text_key = text_key(doc.text)
    return analyse(doc)


def _folder_error(path: Path, name: str) -> str | None:
    """The error of a folder given (or met) as an input, in plain words."""
    try:
        os.listdir(path)
    except OSError as exc:
        return f"{name}: the folder cannot be read ({exc.strerror or 'access denied'})"
    return None


def extract_document(path, doc_id: str | None = None, rel: str | None = None) -> Document:
    """Read, normalise and analyse one file.  Never raises for a bad file.

    Its ``doc_id``: ``doc_id`` if given, else the one of a manifest ``index.jsonl`` beside
    the file, else ``rel`` (the path from the input root; by default the file name) plus
    ``@`` and 8 hex digits of the SHA-1 of its bytes (:mod:`pipeline.run.identity`)."""
    path = Path(path)
    name = display(path.name or path)
    rel = rel or name
    doc_id = doc_id or manifest_id(path)
    doc = Document(doc_id=doc_id or rel, source=display(path))
    if path.is_dir() and (problem := _folder_error(path, name)):
        doc.errors.append(problem)
        return doc
    try:
        src = ingest.read_source(path)
    except ingest.IngestError as exc:
        doc.errors.append(str(exc))
        doc.doc_id = doc_id or make_doc_id(rel, file_sha1(path))
        return doc
    except Exception as exc:
        doc.errors.append(f"{name}: could not be read ({type(exc).__name__}: {exc})")
        doc.doc_id = doc_id or make_doc_id(rel, file_sha1(path))
        return doc
    doc.doc_id = doc_id or make_doc_id(rel, src.sha1)
    doc.format, doc.sha1 = src.format, src.sha1
    doc.reader, doc.encoding_converted = src.reader or src.format, src.encoding
    doc.ocr_pages, doc.ocr_confidence = src.ocr_pages, src.ocr_confidence
    doc.ocr_page_confidence = src.ocr_page_confidence
    doc.warnings.extend(src.warnings)
    try:
        doc.text, doc.offsets = normalise.normalise(src.text, src.format)
        if src.pages and doc.offsets is not None:
            doc.pages = [(doc.offsets.from_source(s), doc.offsets.from_source(e), n)
                         for s, e, n in src.pages]
    except Exception as exc:
        doc.errors.append(f"normalise stage failed: {type(exc).__name__}: {exc}")
        return doc
    doc.text_key = text_key(doc.text)
    if not doc.text.strip():
        # no text: the reader's warnings say why (a scan, a garbled text layer), and the
        # record is a failure
        doc.errors.extend(doc.warnings)
        doc.warnings.clear()
        if not doc.errors:
            doc.errors.append(f"{name}: no text found in the file")
        return doc
    return analyse(doc)


# ---- records: the per-document task of every batch engine ------------------------------

Task = tuple[str, str, str]     # (absolute path, source as given, path from the input root)


def extract_record(path: str, source: str | None = None, rel: str | None = None,
                   timeout: float = 0) -> dict[str, Any]:
    """``extract_document(path).to_dict()``, capped (``limits.cap_record``); ``source``
    overrides the recorded path (workers get absolute paths, the record keeps the path as
    the user gave it).  With ``timeout`` (seconds) an alarm abandons a document that takes
    longer (in the main thread only: :func:`pipeline.run.limits.time_limit`)."""
    try:
        with time_limit(timeout):
            doc = extract_document(path, rel=rel)
        if source is not None:
            doc.source = source
        return cap_record(doc.to_dict())
    except DocumentTimeout:
        return error_record(source or path, timeout_message(display(Path(path).name), timeout),
                            rel, bare=True)
    except Exception as exc:  # extract_document should never raise; keep the batch going
        return error_record(source or path, f"{type(exc).__name__}: {exc}", rel)


def extract_chunk(jobs: list[Task], timeout: float = 0,
                  limits: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """Records for a list of tasks (one task for a dask worker), each under the time limit
    ``timeout`` and the ``--limit`` settings ``limits``."""
    with overriding(limits):
        return [extract_record(p, s, r, timeout=timeout) for p, s, r in jobs]


def error_record(path, message: str, rel: str | None = None,
                 bare: bool = False) -> dict[str, Any]:
    """The record of an input whose worker failed (sha1 left None so --resume retries it);
    ``bare``: the message is complete, else it is wrapped as "extraction failed (...)"."""
    p = Path(path)
    name = display(p.name or p)
    doc = Document(doc_id=manifest_id(p) or make_doc_id(rel or name, file_sha1(p)),
                   source=display(p))
    doc.errors.append(message if bare else f"{name}: extraction failed ({message})")
    return cap_record(doc.to_dict())
