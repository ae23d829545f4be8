"""The local engine: this process (``--jobs 1``) or a pool of worker processes.

Work is handed out in small chunks; each worker answers one record per document as it is
done.  A document that takes longer than the time limit is abandoned: its worker is killed
and replaced, the document gets an error record, and the rest of its chunk goes to the
next free worker.  A worker that dies (out of memory ...) is replaced the same way.
Records come out as they are done (``run_local``, for ``--resume``) or in input order
(``in_input_order``) with a bounded window, so memory stays flat in the size of the corpus.
The chunking and the ordered window of the dask engine (``pipeline.run.cluster``) are here
too.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import sys
import time
from collections import deque
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from pipeline import data
from pipeline.run.document import Task, error_record, extract_chunk, extract_record, from_text
from pipeline.run.inputs import Input, display
from pipeline.run.limits import ocr_allowance, timeout_message
from pipeline.run.workers import Worker

Indexed = tuple[int, dict[str, Any]]


def warm_up() -> None:
    """Load the lazy models and data once (every stage runs), before forking workers,
    so that they share them instead of each loading its own."""
    try:
        from_text(data.load("run.yaml")["warm_up_text"])
    except Exception:       # a stage bug shows up on the real documents, with their errors
        pass


def task(inp: Input) -> Task:
    """``(absolute path, source as given, path from the input root)``."""
    return (os.path.abspath(inp.path), inp.source, inp.rel)


def in_chunks(inputs: list[Input], size: int) -> Iterator[list[Task]]:
    """Tasks, ``size`` at a time."""
    tasks = [task(i) for i in inputs]
    for i in range(0, len(tasks), size):
        yield tasks[i:i + size]


def chunk_size(n: int, workers: int) -> int:
    """Small tasks for small corpora (even spread), up to 8 documents for large ones."""
    return max(1, min(8, n // (workers * 16) if workers else 1))


class _Failed:
    """A task that could not be submitted."""

    def __init__(self, exc):
        self.exc = exc

    def result(self):
        raise self.exc


Chunked = Callable[[list[Task]], list[dict[str, Any]]]


def in_order(submit: Callable[[Chunked, list[Task]], Any], chunks: Iterable[list[Task]],
             window: int, func: Chunked = extract_chunk) -> Iterator[dict[str, Any]]:
    """Submit ``func`` of each chunk (to dask) keeping at most ``window`` in flight; yield
    their records in order."""
    pending: deque[tuple[Any, list[Task]]] = deque()

    def pop():
        fut, chunk = pending.popleft()
        try:
            return fut.result()
        except BaseException as exc:  # a worker died (killed, out of memory ...)
            if isinstance(exc, KeyboardInterrupt):
                raise
            return [error_record(s, f"{type(exc).__name__}: {exc}", r) for _, s, r in chunk]

    for chunk in chunks:
        try:
            fut = submit(func, chunk)
        except Exception as exc:  # the pool is broken: these inputs get error records
            fut = _Failed(exc)
        pending.append((fut, chunk))
        if len(pending) >= window:
            yield from pop()
    while pending:
        yield from pop()


def in_input_order(stream: Iterable[Indexed]) -> Iterator[dict[str, Any]]:
    """The records of an ``(index, record)`` stream in index order."""
    held: dict[int, dict[str, Any]] = {}
    nxt = 0
    for index, rec in stream:
        held[index] = rec
        while nxt in held:
            yield held.pop(nxt)
            nxt += 1


def run_local(inputs: list[Input], jobs: int = 1, chunk: int | None = None,
              timeout: float = 0, window: int | None = None) -> Iterator[Indexed]:
    """``(index, record)`` of every input, as each is done: in this process (jobs=1, the
    time limit by an alarm) or on ``jobs`` worker processes (the time limit by replacing a
    worker).  ``window``: how far past the oldest unfinished input work may be handed out
    (None: no bound)."""
    if jobs <= 1 or len(inputs) <= 1:
        for i, inp in enumerate(inputs):
            yield i, extract_record(*task(inp), timeout=timeout)
            if i == 0:
                # the patterns, tables and models the first document loaded live as long
                # as the process: kept out of the collector's full scans from now on
                # (about 3 % of a run's CPU)
                gc.freeze()
        return
    warm_up()
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    # the warmed-up objects go to a generation the collector never scans: the forked
    # workers then share their pages instead of copying each one a collection touches
    gc.freeze()
    yield from _pool(inputs, jobs, chunk or chunk_size(len(inputs), jobs), timeout, window, ctx)


def _pool(inputs: list[Input], jobs: int, size: int, timeout: float, window: int | None,
          ctx: Any) -> Iterator[Indexed]:
    todo: deque[tuple[int, Task]] = deque((i, task(inp)) for i, inp in enumerate(inputs))
    workers = [Worker(ctx) for _ in range(min(jobs, len(todo)))]
    finished: set[int] = set()
    low = 0                                 # every input before it is finished

    def abandon(w: Worker, message: Callable[[str], str]) -> Indexed:
        """The input ``w`` is on gets an error record; the rest of its chunk goes back."""
        w.kill()
        index, (_, source, rel) = w.tasks.popleft()
        todo.extendleft(reversed(w.tasks))
        w.tasks.clear()
        workers[workers.index(w)] = Worker(ctx)
        name = display(Path(rel).name)
        return index, error_record(source, message(name), rel, bare=True)

    try:
        while todo or any(w.tasks for w in workers):
            for i, w in enumerate(workers):
                if not w.tasks and todo and (window is None or todo[0][0] < low + window):
                    if not w.proc.is_alive():       # died while idle: a fresh one
                        w.kill()
                        w = workers[i] = Worker(ctx)
                    w.send([todo.popleft() for _ in range(min(size, len(todo)))])
            busy = [w for w in workers if w.tasks]
            now = time.monotonic()
            wait_s = min(w.since + timeout for w in busy) - now if timeout else None
            ready = set(wait([x for w in busy for x in (w.conn, w.proc.sentinel)],
                             None if wait_s is None else max(0.0, wait_s)))
            done: list[Indexed] = []
            for w in busy:
                if w.conn in ready or w.proc.sentinel in ready:
                    done.extend(_answers(w))
                    if w.tasks and not w.proc.is_alive():
                        done.append(abandon(w, lambda n: (
                            f"{n}: the process reading this document stopped unexpectedly "
                            "(perhaps out of memory); the document was abandoned")))
                elif timeout and time.monotonic() >= w.since + timeout:
                    done.append(abandon(w, lambda n: timeout_message(n, timeout)))
            for index, rec in done:
                finished.add(index)
                while low in finished:
                    finished.remove(low)
                    low += 1
                yield index, rec
    finally:
        for w in workers:
            w.stop()


def _answers(w: Worker) -> list[Indexed]:
    """The records waiting in ``w``'s pipe."""
    out = []
    try:
        while w.tasks and w.conn.poll():
            index, rec = w.conn.recv()
            if rec is None:             # a page sent to OCR: more time for this document
                w.since += ocr_allowance()
                continue
            w.answered(index)
            out.append((index, rec))
    except (EOFError, OSError):     # the worker is gone; the caller sees it is not alive
        pass
    return out
