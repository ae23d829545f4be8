"""Run the pipeline over many inputs and write one record per input (`vnplan extract`).

Records come out in input order whatever the engine: in this process (``--jobs 1``), a
pool of worker processes (``--jobs N``, :mod:`pipeline.run.pool`) or a dask.distributed
cluster (``--scheduler``, :mod:`pipeline.run.cluster`).  ``records(paths)`` is the engine
as a generator, with unique doc_ids and duplicates marked (:mod:`pipeline.run.identity`);
``extract_batch`` writes the records (JSONL, Parquet or CSV), resuming from
:mod:`pipeline.run.store` with ``--resume``.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from pipeline.output import tables
from pipeline.output.atomic import atomic_write, clean_leftovers, temp_beside
from pipeline.run.cluster import run_dask
from pipeline.run.identity import Identities
from pipeline.run.inputs import Input, walk_inputs
from pipeline.run.limits import default_timeout, overriding
from pipeline.run.pool import chunk_size, in_input_order, run_local
from pipeline.run.store import PARTIAL, Store, truncate_torn_line

SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
                  ".parquet": "parquet", ".csv": "csv"}
FORMATS = ("jsonl", "parquet", "csv")
Inputs = str | Path | Input | Iterable[str | os.PathLike[str] | Input]


def _walked(inputs: Inputs) -> list[Input]:
    return list(walk_inputs([inputs] if isinstance(inputs, (str, Path, Input)) else inputs))


def raw_records(inputs: list[Input], jobs: int = 1, scheduler: str | None = None,
                chunk: int | None = None, timeout: float = 0, ordered: bool = True,
                limits: dict[str, int] | None = None) -> Iterator[dict[str, Any]]:
    """The workers' records, in input order or (``ordered=False``, local engine) as each is
    done; doc_ids not yet made unique (:func:`records` does).  ``limits``: the readers'
    limits and record caps to change (``pipeline.run.limits.parse_limits``)."""
    if scheduler:
        return run_dask(inputs, scheduler, jobs, chunk, timeout, limits)
    size = chunk or chunk_size(len(inputs), jobs)
    if not ordered:
        return (rec for _, rec in _under(limits, run_local(inputs, jobs, size, timeout)))
    return in_input_order(_under(limits, run_local(inputs, jobs, size, timeout,
                                                   window=8 * jobs * size)))


def _under(limits: dict[str, int] | None, it: Iterator[Any]) -> Iterator[Any]:
    """``it`` run under ``limits`` in this process (the workers are forked inside)."""
    with overriding(limits):
        yield from it


def identified(recs: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Records of one batch in input order, their doc_ids unique and ``duplicate_of`` set."""
    ids = Identities()
    return (ids.assign(rec) for rec in recs)


def records(inputs: Inputs, jobs: int = 1, scheduler: str | None = None,
            chunk: int | None = None, timeout: float | None = None,
            limits: dict[str, int] | None = None) -> Iterator[dict[str, Any]]:
    """Records of every input (files, or folders walked), in input order.

    ``timeout``: seconds per document (default: ``limits.time_limit`` of ``run.yaml``; 0:
    none); ``limits``: ``{"max_pdf_pages": 50, ...}`` (``vnplan extract --limit``)."""
    return identified(raw_records(_walked(inputs), jobs, scheduler, chunk,
                                  default_timeout(timeout), limits=limits))


# ---- writing ----------------------------------------------------------------------------

def output_format(output: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    if output == "-":
        return "jsonl"
    suffix = Path(output).suffix.lower()
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    manifest = Path(output) / tables.MANIFEST
    if manifest.is_file():
        return tables.read_manifest(output)["format"]
    raise SystemExit(f"vnplan extract: cannot tell the format of {output!r}; "
                     "give --format jsonl|parquet|csv or an extension .jsonl/.parquet/.csv")


class _NoBar:
    """The progress bar when none is shown: tqdm is not even imported."""

    def set_postfix(self, **kwargs: Any) -> None:
        pass

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def progress(total: int, initial: int = 0, quiet: bool = False):
    """A tqdm bar on stderr: documents done, rate, failures; off unless stderr is a TTY."""
    if quiet or not sys.stderr.isatty():
        return _NoBar()
    # tqdm (~10 ms to import) only when a bar is shown: not by `import pipeline`, nor by a
    # quiet `vnplan extract` or one whose stderr is not a terminal
    from tqdm import tqdm
    tqdm.monitor_interval = 0          # no monitor thread: worker processes are forked
    return tqdm(total=total, initial=initial, unit="doc", file=sys.stderr, desc="extract")


def _jsonl_line(rec: dict[str, Any]) -> str:
    return json.dumps(rec, ensure_ascii=False) + "\n"


def _previous_output(output: str, fmt: str, partial: Path) -> None:
    """Make a finished output readable by Store: JSONL as is, tables re-read as records."""
    out = Path(output)
    if fmt == "jsonl":
        return
    if (out / tables.MANIFEST).is_file() and not partial.exists():
        recs = tables.records_from_frames(tables.read_tables(out))
        with open(partial, "w", encoding="utf-8") as fh:
            for rec in recs:
                fh.write(_jsonl_line(rec))


def write_output(recs: Callable[[], Iterable[dict[str, Any]]], output: str, fmt: str) -> None:
    """Write records (a function giving a fresh iterable) to OUT, atomically."""
    if fmt == "jsonl":
        if output == "-":
            for rec in recs():
                sys.stdout.write(_jsonl_line(rec))
            sys.stdout.flush()
            return
        with atomic_write(output) as fh:
            for rec in recs():
                fh.write(_jsonl_line(rec))
        return
    tables.write_tables(recs, output, fmt)


def extract_batch(inputs, output: str, fmt: str | None = None, jobs: int | None = None,
                  resume: bool = False, scheduler: str | None = None,
                  chunk: int | None = None, quiet: bool = False,
                  on_failed: Callable[[dict[str, Any]], None] | None = None,
                  timeout: float | None = None, limits: dict[str, int] | None = None) -> int:
    """Extract every input and write the records to ``output`` (JSONL file, ``-`` or a
    parquet/csv folder), atomically; with ``resume``, skip inputs already done.
    ``timeout``: seconds per document (None: the default of ``run.yaml``; 0: none);
    ``limits``: the readers' limits and record caps to change (``--limit``).

    Returns the number of records that have errors; ``on_failed(record)`` is called for
    each such record extracted by this run, as it comes.
    """
    fmt = output_format(output, fmt)
    if fmt != "jsonl" and output == "-":
        raise SystemExit("vnplan extract: parquet and csv need a folder as -o, not -")
    if resume and output == "-":
        raise SystemExit("vnplan extract: --resume needs an output file, not -")
    jobs = jobs or os.cpu_count() or 1
    limit = default_timeout(timeout)
    inputs = _walked(inputs)
    partial = Path(str(output).rstrip("/") + PARTIAL)
    if output != "-":
        clean_leftovers(output)         # temporary files of a killed run
    failed = [0]
    ocr_pages = [0]

    def counted(it, bar):
        for rec in it:
            if rec.get("errors"):
                failed[0] += 1
                if on_failed is not None:
                    on_failed(rec)
            ocr_pages[0] += len(rec.get("ocr_pages") or ())
            if bar is not None:
                bar.set_postfix(failed=failed[0], refresh=False,
                                **({"ocr_pages": ocr_pages[0]} if ocr_pages[0] else {}))
                bar.update(1)
            yield rec

    if resume:
        _previous_output(output, fmt, partial)
        truncate_torn_line(partial)
        store = Store()
        if fmt == "jsonl":
            store.scan(output)
        store.scan(partial)
        todo = [i for i in inputs if not store.done(i.path, i.source)]
        skipped = len(inputs) - len(todo)
        bar = progress(len(inputs), skipped, quiet)
        partial.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(partial, "ab") as fh:
                # records are appended as each is done, not in input order: a slow
                # document does not hold back the ones after it
                for rec in counted(raw_records(todo, jobs, scheduler, chunk, limit,
                                               ordered=False, limits=limits), bar):
                    offset = fh.tell()
                    fh.write(_jsonl_line(rec).encode("utf-8"))
                    fh.flush()              # a kill loses at most the record being written
                    store.add(rec, partial, offset)
        finally:
            bar.close()
        write_output(lambda: identified(store.read(i.source) for i in inputs), output, fmt)
        failed[0] = store.failed(i.source for i in inputs)
        partial.unlink()
        if not quiet and skipped:
            print(f"vnplan: {skipped} input(s) already done, {len(todo)} extracted",
                  file=sys.stderr)
        return failed[0]
    bar = progress(len(inputs), 0, quiet)
    recs = lambda: identified(raw_records(inputs, jobs, scheduler, chunk, limit,  # noqa: E731
                                          limits=limits))
    if fmt == "jsonl":
        try:
            write_output(lambda: counted(recs(), bar), output, fmt)
        finally:
            bar.close()
    else:
        _spooled_tables(recs, output, fmt, counted, bar)
    if output != "-":
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()        # a killed --resume run's records: OUT is newer
    return failed[0]


def _spooled_tables(recs, output, fmt, counted, bar) -> None:
    """Stream records to a temporary JSONL beside OUT, then write the tables from it."""
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, spool = temp_beside(out)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            try:
                for rec in counted(recs(), bar):
                    fh.write(_jsonl_line(rec))
            finally:
                bar.close()
        tables.write_tables(lambda: read_jsonl(spool), out, fmt)
    finally:
        os.unlink(spool)


def read_jsonl(path) -> Iterator[dict[str, Any]]:
    """Records of a JSONL file, one at a time."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
