"""The Python API for notebooks: a corpus of records as pandas DataFrames.

Example::

    import pipeline
    corpus = pipeline.extract(["corpus/seeds", "corpus/public"], jobs=2)
    corpus.documents[["doc_id", "doc_type", "level", "date"]]
    t = corpus.targets.merge(corpus.documents[["doc_id", "level"]], on="doc_id")
    t.groupby("level").size()
    corpus.compare()                                    # the divergences DataFrame
    d = corpus.doc("000_c3abb955b2b52a40")              # by doc_id, or a unique file stem
    d.spacy.spans["targets"]                            # its spaCy Doc

    corpus = pipeline.load("out/seeds.jsonl")           # or a parquet/csv folder
"""
from __future__ import annotations

import json
import os
from dataclasses import fields
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, cast

from pipeline.api.nlp import make_doc
from pipeline.document import Agency, Citation, Document, Meta, Section, Target
from pipeline.linking.compare import compare_records
from pipeline.output import tables
from pipeline.run.batch import records as batch_records
from pipeline.run.batch import write_output
from pipeline.run.document import extract_document
from pipeline.run.identity import split_doc_id
from pipeline.run.inputs import walk_inputs
from pipeline.run.store import file_sha1


class Corpus:
    """Extraction records and their tables.

    ``records`` are the JSONL dicts of ``CONTRACT.md``; ``documents``, ``sections``,
    ``targets``, ``agencies`` and ``citations`` are DataFrames built from them (meta fields
    are columns of ``documents``; every table has ``doc_id``).
    """

    def __init__(self, records: Iterable[dict[str, Any]] | None = None, frames: dict[str, Any] | None = None):
        if records is None and frames is None:
            raise ValueError("Corpus needs records or frames")
        if records is not None:
            self.__dict__["records"] = list(records)
        if frames is not None:
            self.__dict__["_frames"] = frames

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, n))} {n}" for n in tables.TABLES)
        return f"<Corpus {counts}>"

    def __len__(self) -> int:
        return len(self.documents)

    @cached_property
    def records(self) -> list[dict[str, Any]]:
        """The records as dicts (rebuilt from the tables when loaded from parquet/csv)."""
        return tables.records_from_frames(self._frames)

    @cached_property
    def _frames(self) -> dict[str, Any]:
        return tables.frames(self.records)

    @property
    def documents(self):
        """One row per document: doc_id, source, sha1, meta fields, n_targets, errors ..."""
        return self._frames[tables.DOCUMENTS]

    @property
    def sections(self):
        return self._frames["sections"]

    @property
    def targets(self):
        return self._frames["targets"]

    @property
    def agencies(self):
        return self._frames["agencies"]

    @property
    def citations(self):
        return self._frames["citations"]

    def record(self, doc_id: str) -> dict[str, Any]:
        """The record of ``doc_id``, or of the one document whose path without the hash
        (``seeds/plan.txt``), file name (``plan.txt``) or file stem (``plan``) it is (a
        duplicate, ``duplicate_of``, does not count as another document)."""
        for rec in self.records:
            if rec.get("doc_id") == doc_id:
                return rec
        hits = [rec for rec in self.records if doc_id in _names(rec)]
        ids = {rec.get("doc_id") for rec in hits}
        hits = [rec for rec in hits if rec.get("duplicate_of") not in ids] or hits
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise KeyError(f"{doc_id!r} names {len(hits)} documents in this corpus; give "
                           "one of their ids: " + ", ".join(str(r.get("doc_id")) for r in hits))
        raise KeyError(f"no document {doc_id!r} in this corpus")

    def doc(self, doc_id: str, spacy: bool = True):
        """One :class:`pipeline.document.Document`, re-extracted from its source file when
        that file is still there unchanged, else rebuilt from the record (no text then).
        With ``spacy=True`` it carries ``.spacy``, the spaCy Doc of ``pipeline.nlp.make_doc``
        with span groups ``sections``, ``targets``, ``agencies`` and ``citations``.

        >>> d = corpus.doc("000_c3abb955b2b52a40")           # doctest: +SKIP
        >>> [(s.text, s._.record.value) for s in d.spacy.spans["targets"]]  # doctest: +SKIP
        """
        rec = self.record(doc_id)
        document = _reextract(rec) or rebuild(rec)
        if spacy:
            document.spacy = make_doc(document)
        return document

    def compare(self, references=None):
        """Divergences between plans and their parents (``pipeline.linking.compare.compare_records``).

        ``references``: a folder or file of reference plans (e.g. ``"my/references"``),
        or a list of them; None uses the bundled ones (``pipeline/data/references``).
        """
        return compare_records(self.records, references=references).divergences

    def to_jsonl(self, path) -> None:
        """Write the records as ``vnplan extract`` does."""
        write_output(lambda: self.records, str(path), "jsonl")

    def to_tables(self, outdir, fmt: str = "parquet") -> dict[str, Any]:
        """Write the five tables to ``outdir`` (parquet or csv)."""
        return tables.write_tables(lambda: self.records, outdir, fmt)


def _names(rec: dict[str, Any]) -> set[str]:
    """What else a record answers to: its path without the hash, file name and stem."""
    rel, _ = split_doc_id(str(rec.get("doc_id")))
    names = {rel, Path(rel).name, Path(rel).stem}
    if rec.get("source"):
        names |= {Path(rec["source"]).name, Path(rec["source"]).stem}
    return names


def _reextract(rec: dict[str, Any]):
    source = rec.get("source")
    if not source or not Path(source).is_file():
        return None
    if rec.get("sha1") and file_sha1(source) != rec["sha1"]:
        return None
    doc = extract_document(source, doc_id=rec.get("doc_id"))
    doc.duplicate_of = rec.get("duplicate_of")
    return doc


def _build(cls, data: dict[str, Any] | None):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in (data or {}).items() if k in names})


def rebuild(rec: dict[str, Any]):
    """A Document from a record alone (``text`` is empty; offsets point into the source's)."""
    # records carry doc_id and source as strings (CONTRACT); .get keeps a partial record rebuildable
    doc = Document(doc_id=cast(str, rec.get("doc_id")), source=cast(str, rec.get("source")),
                   meta=_build(Meta, rec.get("meta")),
                   sections=[_build(Section, s) for s in rec.get("sections") or []],
                   targets=[_build(Target, t) for t in rec.get("targets") or []],
                   agencies=[_build(Agency, a) for a in rec.get("agencies") or []],
                   citations=[_build(Citation, c) for c in rec.get("citations") or []],
                   errors=list(rec.get("errors") or []),
                   warnings=list(rec.get("warnings") or []), format=rec.get("format"),
                   sha1=rec.get("sha1"), text_key=rec.get("text_key"),
                   duplicate_of=rec.get("duplicate_of"), reader=rec.get("reader"),
                   encoding_converted=rec.get("encoding_converted"),
                   ocr_pages=list(rec.get("ocr_pages") or []),
                   ocr_page_confidence=list(rec.get("ocr_page_confidence") or []),
                   ocr_confidence=rec.get("ocr_confidence"))
    doc.errors.append("rebuilt from the record: source file missing or changed, no text")
    return doc


def extract(paths, jobs: int = 1, scheduler: str | None = None, progress: bool = False) -> Corpus:
    """Extract files or folders into a :class:`Corpus` (records in input order).

    ``jobs``: worker processes; ``scheduler``: ``"local"`` or ``"tcp://HOST:PORT"`` to run
    on dask.distributed.  ``progress=True`` shows a tqdm bar.

    A path that does not exist raises :class:`FileNotFoundError` naming it, before any
    work (a mistyped path is the caller's error, as on the command line); a file that is
    there but cannot be read gets its record, with the reason in ``errors``.

    >>> corpus = pipeline.extract("corpus/seeds")           # doctest: +SKIP
    >>> corpus.targets.groupby("kind").size()               # doctest: +SKIP
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    missing = [str(p) for p in paths if not os.path.exists(p)]
    if missing:
        raise FileNotFoundError(f"input{'s' if len(missing) > 1 else ''} not found: "
                                + ", ".join(missing))
    files = list(walk_inputs(paths))
    recs = batch_records(files, jobs=jobs, scheduler=scheduler)
    if progress:
        from tqdm.auto import tqdm  # optional progress bar, loaded only when asked for
        recs = tqdm(recs, total=len(files), unit="doc")
    return Corpus(list(recs))


def load(path) -> Corpus:
    """A Corpus from ``vnplan extract`` output: a JSONL file or a parquet/csv folder."""
    path = Path(path)
    if path.is_dir():
        return Corpus(frames=tables.read_tables(path))
    with open(path, encoding="utf-8") as fh:
        return Corpus([json.loads(line) for line in fh if line.strip()])
