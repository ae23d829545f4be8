"""Run the pipeline over many inputs and write one record per input (`vnplan extract`).

Records come out in input order whatever the engine: in this process (``--jobs 1``), a
pool of worker processes (``--jobs N``) or a dask.distributed cluster (``--scheduler``).
Work is handed out in small chunks with a bounded window of chunks in flight, so memory
stays flat in the size of the corpus.  ``records(paths)`` is the same engine as a generator.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import deque
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.output import tables
from pipeline.output.atomic import atomic_write
from pipeline.run.document import extract_document
from pipeline.run.inputs import iter_inputs

SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
                  ".parquet": "parquet", ".csv": "csv"}
FORMATS = ("jsonl", "parquet", "csv")
PARTIAL = ".partial"


# ---- the per-document function every engine runs --------------------------------------

def extract_record(path: str, source: str | None = None) -> dict:
    """``extract_document(path).to_dict()``; ``source`` overrides the recorded path
    (workers get absolute paths, the record keeps the path as the user gave it)."""
    try:
        doc = extract_document(path)
        if source is not None:
            doc.source = source
        return doc.to_dict()
    except Exception as exc:  # extract_document should never raise; keep the batch going
        return error_record(source or path, f"{type(exc).__name__}: {exc}")


def extract_chunk(jobs: list) -> list:
    """Records for a list of ``(path, source)`` pairs (one task for a worker)."""
    return [extract_record(p, s) for p, s in jobs]


WARM_UP_TEXT = (
    "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN\nSố: 12/KH-UBND\nBắc Kạn, ngày 11 tháng 7 năm 2022\n"
    "KẾ HOẠCH\nThực hiện Chương trình phòng, chống mại dâm thành phố Bắc Kạn giai đoạn 2022-2025\n"
    "Thực hiện Quyết định số 2060/QĐ-UBND ngày 01/11/2021 của Ủy ban nhân dân tỉnh Bắc Kạn; "
    "Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:\n"
    "I. MỤC TIÊU\n1. Phấn đấu đến năm 2025 đạt ít nhất 90% số xã, phường.\n"
    "II. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì, phối hợp với Công an tỉnh triển khai.\n"
    "2. Trung tâm Phát triển quỹ đất chủ trì, phối hợp với Hội Nông dân tỉnh thực hiện.\n")


def warm_up() -> None:
    """Load the lazy models and data once (every stage runs), before forking workers,
    so that they share them instead of each loading its own."""
    from pipeline.run.document import from_text
    try:
        from_text(WARM_UP_TEXT)
    except Exception:       # a stage bug shows up on the real documents, with their errors
        pass


def error_record(path, message: str) -> dict:
    """The record of an input whose worker failed (sha1 left None so --resume retries it)."""
    from pipeline.document import Document
    from pipeline.run.inputs import doc_id_for
    doc = Document(doc_id=doc_id_for(Path(path)), source=str(path))
    doc.errors.append(f"{Path(path).name}: extraction failed ({message})")
    return doc.to_dict()


# ---- engines: each yields records in input order ---------------------------------------

def _chunks(paths: list, size: int) -> Iterator[list]:
    pairs = [(os.path.abspath(p), str(p)) for p in paths]
    for i in range(0, len(pairs), size):
        yield pairs[i:i + size]


def chunk_size(n: int, workers: int) -> int:
    """Small tasks for small corpora (even spread), up to 8 documents for large ones."""
    return max(1, min(8, n // (workers * 16) if workers else 1))


class _Failed:
    """A task that could not be submitted."""

    def __init__(self, exc):
        self.exc = exc

    def result(self):
        raise self.exc


def _ordered(submit: Callable, chunks: Iterable[list], window: int) -> Iterator[dict]:
    """Submit chunks keeping at most ``window`` in flight; yield their records in order.

    The window bounds memory; it must be wide enough that one slow chunk (a long
    document) at the head does not leave the other workers idle: 8 per worker measured
    1.9x on 2 workers where 2 per worker gave 1.5x."""
    pending = deque()

    def pop():
        fut, chunk = pending.popleft()
        try:
            return fut.result()
        except BaseException as exc:  # a worker died (killed, out of memory ...)
            if isinstance(exc, KeyboardInterrupt):
                raise
            return [error_record(s, f"{type(exc).__name__}: {exc}") for _, s in chunk]

    for chunk in chunks:
        try:
            fut = submit(extract_chunk, chunk)
        except Exception as exc:  # the pool is broken: these inputs get error records
            fut = _Failed(exc)
        pending.append((fut, chunk))
        if len(pending) >= window:
            yield from pop()
    while pending:
        yield from pop()


def run_local(paths: list, jobs: int = 1, chunk: int | None = None) -> Iterator[dict]:
    """In this process (jobs=1) or a pool of ``jobs`` worker processes."""
    if jobs <= 1 or len(paths) <= 1:
        for p in paths:
            yield extract_record(os.path.abspath(p), str(p))
        return
    warm_up()
    import gc
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    # the warmed-up objects go to a generation the collector never scans: the forked
    # workers then share their pages instead of copying each one a collection touches
    gc.freeze()
    size = chunk or chunk_size(len(paths), jobs)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
    try:
        yield from _ordered(pool.submit, _chunks(paths, size), window=8 * jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_dask(paths: list, scheduler: str, jobs: int | None = None,
             chunk: int | None = None) -> Iterator[dict]:
    """On a dask.distributed cluster; ``scheduler`` is ``tcp://HOST:PORT`` or ``local``.

    Workers must see the input files at the same absolute paths (shared file system).
    """
    from distributed import Client, LocalCluster
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        workers = sum(client.nthreads().values()) or 1
        size = chunk or chunk_size(len(paths), workers)

        def submit(func, arg):
            return client.submit(func, arg, pure=False)

        yield from _ordered(submit, _chunks(paths, size), window=2 * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def records(inputs: Iterable, jobs: int = 1, scheduler: str | None = None,
            chunk: int | None = None) -> Iterator[dict]:
    """Records of every input (files, or folders walked), in input order."""
    paths = list(iter_inputs([inputs] if isinstance(inputs, (str, Path)) else inputs))
    if scheduler:
        return run_dask(paths, scheduler, jobs, chunk)
    return run_local(paths, jobs, chunk)


# ---- resume: an index of finished records by source path ---------------------------------

def file_sha1(path) -> str | None:
    try:
        return hashlib.sha1(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


class Store:
    """Finished records on disk: ``{source: (file, offset)}`` over JSONL files.

    Only the offsets are kept in memory; a record is read back when it is written out.
    """

    def __init__(self):
        self.index = {}

    def scan(self, path) -> None:
        """Index every complete line of a JSONL file (a torn last line is ignored)."""
        path = Path(path)
        if not path.is_file():
            return
        with open(path, "rb") as fh:
            offset = 0
            for line in fh:
                if line.endswith(b"\n"):
                    try:
                        rec = json.loads(line)
                        self.add(rec, path, offset)
                    except (ValueError, KeyError, TypeError):
                        pass
                offset += len(line)

    def add(self, rec: dict, file, offset: int) -> None:
        self.index[rec["source"]] = (str(file), offset, rec.get("sha1"), bool(rec.get("errors")))

    def failed(self, sources: Iterable) -> int:
        return sum(self.index[str(s)][3] for s in sources)

    def done(self, path) -> bool:
        hit = self.index.get(str(path))
        return bool(hit and hit[2] and hit[2] == file_sha1(path))

    def read(self, source: str) -> dict:
        file, offset = self.index[source][:2]
        with open(file, "rb") as fh:
            fh.seek(offset)
            return json.loads(fh.readline())


def _truncate_torn_line(path: Path) -> None:
    """Drop a half-written last line left by a kill, so appends start on a fresh line."""
    if not path.is_file() or not path.stat().st_size:
        return
    with open(path, "rb+") as fh:
        data = fh.read()
        if not data.endswith(b"\n"):
            fh.truncate(data.rfind(b"\n") + 1)


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


def progress(total: int, initial: int = 0, quiet: bool = False):
    """A tqdm bar on stderr: documents done, rate, failures; off unless stderr is a TTY."""
    from tqdm import tqdm
    tqdm.monitor_interval = 0          # no monitor thread: worker processes are forked
    return tqdm(total=total, initial=initial, unit="doc", file=sys.stderr,
                disable=quiet or not sys.stderr.isatty(), desc="extract")


def _jsonl_line(rec: dict) -> str:
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


def write_output(recs: Callable[[], Iterable[dict]], output: str, fmt: str) -> None:
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
                  chunk: int | None = None, quiet: bool = False) -> int:
    """Extract every input and write the records to ``output`` (JSONL file, ``-`` or a
    parquet/csv folder), atomically; with ``resume``, skip inputs already done.

    Returns the number of records that have errors.
    """
    fmt = output_format(output, fmt)
    if fmt != "jsonl" and output == "-":
        raise SystemExit("vnplan extract: parquet and csv need a folder as -o, not -")
    if resume and output == "-":
        raise SystemExit("vnplan extract: --resume needs an output file, not -")
    jobs = jobs or os.cpu_count() or 1
    paths = list(iter_inputs(inputs))
    failed = [0]
    bar = None

    def counted(it, bar):
        for rec in it:
            failed[0] += bool(rec.get("errors"))
            if bar is not None:
                bar.set_postfix(failed=failed[0], refresh=False)
                bar.update(1)
            yield rec

    if resume:
        partial = Path(str(output).rstrip("/") + PARTIAL)
        _previous_output(output, fmt, partial)
        _truncate_torn_line(partial)
        store = Store()
        if fmt == "jsonl":
            store.scan(output)
        store.scan(partial)
        todo = [p for p in paths if not store.done(p)]
        skipped = len(paths) - len(todo)
        bar = progress(len(paths), skipped, quiet)
        partial.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(partial, "ab") as fh:
                for rec in counted(records(todo, jobs, scheduler, chunk), bar):
                    offset = fh.tell()
                    fh.write(_jsonl_line(rec).encode("utf-8"))
                    fh.flush()              # a kill loses at most the record being written
                    store.add(rec, partial, offset)
        finally:
            bar.close()
        write_output(lambda: (store.read(str(p)) for p in paths), output, fmt)
        failed[0] = store.failed(paths)
        partial.unlink()
        if not quiet and skipped:
            print(f"vnplan: {skipped} input(s) already done, {len(todo)} extracted",
                  file=sys.stderr)
    else:
        bar = progress(len(paths), 0, quiet)
        if fmt == "jsonl":
            try:
                write_output(lambda: counted(records(paths, jobs, scheduler, chunk),
                                             bar), output, fmt)
            finally:
                bar.close()
        else:
            _spooled_tables(paths, jobs, scheduler, chunk, output, fmt, counted, bar)
    return failed[0]


def _spooled_tables(paths, jobs, scheduler, chunk, output, fmt, counted, bar) -> None:
    """Stream records to a temporary JSONL beside OUT, then write the tables from it."""
    import tempfile
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, spool = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".jsonl", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            try:
                for rec in counted(records(paths, jobs, scheduler, chunk), bar):
                    fh.write(_jsonl_line(rec))
            finally:
                bar.close()
        tables.write_tables(lambda: read_jsonl(spool), out, fmt)
    finally:
        os.unlink(spool)


def read_jsonl(path) -> Iterator[dict]:
    """Records of a JSONL file, one at a time."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
