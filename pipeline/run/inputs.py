"""Which files a batch reads, and the doc_id each gets (a manifest ``index.jsonl`` may set it).

A folder is walked in a stable (sorted) order; each file found is an :class:`Input` that
knows its path relative to the folder given (``rel``), from which its doc_id is made
(``pipeline.run.identity``).  A file named explicitly is its own root (``rel`` is its name).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from pipeline import data
from pipeline.ingest import READERS

# the suffixes that have a reader (a live view: a reader registered later counts too);
# .doc is among them, refused with advice, so that each such file gets its error record
DOCUMENT_SUFFIXES = READERS.keys()
MANIFEST = "index.jsonl"


def display(path: str | os.PathLike[str]) -> str:
    """A path as text that can always be written (JSON, CSV, a terminal): a byte of the
    file name that is not UTF-8 is shown as ``\\xff`` instead of failing the output."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Input:
    """One file of a batch: ``path`` as given or walked, ``rel`` its path from the input
    root ('/'-separated, always writable text)."""
    path: Path
    rel: str

    @property
    def source(self) -> str:
        """The ``source`` of its record: the path as the user gave it, writable."""
        return display(self.path)


@lru_cache(maxsize=1)
def _project_docs() -> frozenset[str]:
    return frozenset(name.casefold() for name in data.load("run.yaml")["project_docs"])


def is_project_doc(name: str) -> bool:
    """README.md, ANNOTATION.md, CONTRACT.md ... (the explicit list in ``run.yaml``):
    documentation, not plans.  The case of a name does not decide it."""
    return Path(name).stem.casefold() in _project_docs()


def _is_document(name: str) -> bool:
    return (not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES
            and not is_project_doc(name))


def _walk(root: Path) -> Iterator[Input]:
    """Files under ``root``: each folder's files (sorted), then its sub-folders (sorted).

    A folder that cannot be listed is yielded itself, so that it gets a record with an
    error (never skipped in silence); a folder reached twice through links is walked once.
    """
    stack: list[tuple[Path, str]] = [(root, "")]
    seen: set[tuple[int, int]] = set()
    while stack:
        folder, prefix = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            yield Input(folder, prefix.rstrip("/") or display(folder.name or folder))
            continue
        subdirs = []
        for e in entries:
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not e.name.startswith("."):
                    subdirs.append(e.name)
            elif _is_document(e.name):
                yield Input(folder / e.name, prefix + display(e.name))
        for name in reversed(subdirs):
            stack.append((folder / name, prefix + display(name) + "/"))


def walk_inputs(paths: Iterable[str | os.PathLike[str] | Input]) -> Iterator[Input]:
    """Files as given; folders walked recursively in a stable (sorted) order.

    Inside folders only files with a reader are taken (``pipeline.ingest.READERS``: .txt .md
    .docx .pdf, and .doc for its error record), whatever the case of their suffix; hidden
    files and folders and the project docs of ``run.yaml`` (README.md, ANNOTATION.md ...)
    are skipped.  A file named explicitly is always yielded, whatever its extension, so
    that it gets its error record.
    """
    for p in paths:
        if isinstance(p, Input):
            yield p
            continue
        p = Path(p)
        if p.is_dir():
            yield from _walk(p)
        else:
            yield Input(p, display(p.name or p))


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The paths of :func:`walk_inputs` (files as given, folders walked)."""
    for inp in walk_inputs(paths):
        yield inp.path


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
            out[str(row["file"])] = str(row["doc_id"])
    return out


def manifest_id(path: Path) -> str | None:
    """The doc_id a manifest beside ``path`` gives it, if any."""
    return manifest_ids(path).get(path.name)
