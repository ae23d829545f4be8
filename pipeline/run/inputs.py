"""Which files a batch reads, and the doc_id each gets (a manifest ``index.jsonl`` may set it)."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.ingest import READERS

# the suffixes that have a reader (a live view: a reader registered later counts too);
# .doc is among them, refused with advice, so that each such file gets its error record
DOCUMENT_SUFFIXES = READERS.keys()
MANIFEST = "index.jsonl"


def _is_project_doc(p: Path) -> bool:
    """README.md, ANNOTATION.md, CONTRACT.md ...: documentation, not plans."""
    stem = p.stem
    return stem.isupper() and stem.isalpha()


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files as given; folders walked recursively in a stable (sorted) order.

    Inside folders only files with a reader are taken (``pipeline.ingest.READERS``: .txt .md
    .docx .pdf, and .doc for its error record); hidden files and upper-case project docs
    (README.md, ANNOTATION.md) are skipped.  A file named
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


def manifest_ids(path: Path) -> dict[str, str]:
    """doc_id overrides from an ``index.jsonl`` beside the file ({"file": ..., "doc_id": ...})."""
    index = path.parent / MANIFEST
    try:
        st = index.stat()
    except OSError:
        return {}
    return _read_manifest(str(index), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=64)
def _read_manifest(index: str, mtime_ns: int, size: int) -> dict[str, str]:
    """The ``{file: doc_id}`` of one manifest (cached while the file is unchanged)."""
    out: dict[str, str] = {}
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
