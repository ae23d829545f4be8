"""The dask.distributed engine (``--scheduler``): the local engine's chunks and ordered
window, submitted to a cluster's workers."""
from __future__ import annotations

import os
from typing import Any, Iterator

from pipeline.run.inputs import Input
from pipeline.run.pool import chunk_size, in_chunks, in_order


def run_dask(paths: list[Input], scheduler: str, jobs: int | None = None,
             chunk: int | None = None) -> Iterator[dict[str, Any]]:
    """On a dask.distributed cluster; ``scheduler`` is ``tcp://HOST:PORT`` or ``local``.

    Workers must see the input files at the same absolute paths (shared file system).
    There is no time limit per document here (dask runs tasks in threads).
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

        yield from in_order(submit, in_chunks(paths, size), window=2 * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
