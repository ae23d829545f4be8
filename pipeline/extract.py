"""Run every stage on one input file and return its Document.

ingest -> normalise -> sections -> metadata -> citations -> targets -> agencies.
A stage that fails records its error in ``Document.errors``; later stages still run.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from . import agencies, citations, ingest, metadata, normalise, sections, targets
from .document import Document

DOCUMENT_SUFFIXES = {".txt", ".md", ".docx", ".pdf", ".doc"}
MANIFEST = "index.jsonl"


def _is_project_doc(p: Path) -> bool:
    """README.md, ANNOTATION.md, CONTRACT.md ...: documentation, not plans."""
    stem = p.stem
    return stem.isupper() and stem.isalpha()


def iter_inputs(paths: Iterable) -> Iterator[Path]:
    """Files as given; folders walked recursively in a stable (sorted) order.

    Inside folders only document files are taken (.txt .md .docx .pdf .doc), hidden files
    and upper-case project docs (README.md, ANNOTATION.md) are skipped.  A file named
    explicitly is always yielded, whatever its extension, so that it gets its error record.
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if name.startswith(".") or f.suffix.lower() not in DOCUMENT_SUFFIXES:
                        continue
                    if _is_project_doc(f):
                        continue
                    yield f
        else:
            yield p


def manifest_ids(path: Path) -> dict:
    """doc_id overrides from an ``index.jsonl`` beside the file ({"file": ..., "doc_id": ...})."""
    index = path.parent / MANIFEST
    try:
        st = index.stat()
    except OSError:
        return {}
    return _read_manifest(str(index), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=64)
def _read_manifest(index: str, mtime_ns: int, size: int) -> dict:
    """The ``{file: doc_id}`` of one manifest (cached while the file is unchanged)."""
    out = {}
    try:
        lines = Path(index).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return out
    for line in lines:
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict) and row.get("file") and row.get("doc_id"):
            out[row["file"]] = row["doc_id"]
    return out


def doc_id_for(path: Path) -> str:
    return manifest_ids(path).get(path.name, path.stem)


STAGES = (
    ("sections", sections.parse_sections, "sections"),
    ("metadata", metadata.extract_meta, "meta"),
    ("citations", citations.extract_citations, "citations"),
    ("targets", targets.extract_targets, "targets"),
    ("agencies", agencies.extract_agencies, "agencies"),
)


def analyse(doc: Document) -> Document:
    """Run the text stages on a Document whose ``text`` is already set.

    ``sections.parse_sections`` returns ``(sections, items)``; every other stage returns
    the value of one Document attribute.
    """
    for name, func, attr in STAGES:
        try:
            result = func(doc)
            if attr == "sections":
                doc.sections, doc.items = result
            else:
                setattr(doc, attr, result)
        except Exception as exc:  # a bug in one stage must not lose the document
            doc.errors.append(f"{name} stage failed: {type(exc).__name__}: {exc}")
    return doc


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
    doc.errors.extend(src.warnings)
    try:
        doc.text, doc.offsets = normalise.normalise(src.text, src.format)
        if src.pages and doc.offsets is not None:
            doc.pages = [(doc.offsets.from_source(s), doc.offsets.from_source(e), n)
                         for s, e, n in src.pages]
    except Exception as exc:
        doc.errors.append(f"normalise stage failed: {type(exc).__name__}: {exc}")
        return doc
    if not doc.text.strip():
        if not doc.errors:
            doc.errors.append(f"{path.name}: no text found in the file")
        return doc
    return analyse(doc)
