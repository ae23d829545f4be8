"""The dask.distributed engine (``--scheduler``): the local engine's chunks and ordered
window, submitted to a cluster's workers."""
from __future__ import annotations

import functools
import os
from typing import Any, Iterator

from pipeline.run.document import extract_chunk
from pipeline.run.inputs import Input
from pipeline.run.pool import chunk_size, in_chunks, in_order


def run_dask(paths: list[Input], scheduler: str, jobs: int | None = None,
             chunk: int | None = None, timeout: float = 0,
             limits: dict[str, int] | None = None) -> Iterator[dict[str, Any]]:
    """On a dask.distributed cluster; ``scheduler`` is ``tcp://HOST:PORT`` or ``local``.

    Workers must see the input files at the same absolute paths (shared file system).
    Each document gets the time limit ``timeout`` and the ``--limit`` settings ``limits``
    on the worker.  Dask runs tasks in threads, so the limit is an exception raised in the
    task's thread (:func:`pipeline.run.limits.time_limit`): it stops Python code, not a call
    stuck in a C library; the worker is not replaced as in the local pool.
    """
    # distributed is heavy (~0.6 s to import) and optional: loaded only for --scheduler
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

        func = functools.partial(extract_chunk, timeout=timeout, limits=limits)
        yield from in_order(submit, in_chunks(paths, size), window=2 * workers, func=func)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
