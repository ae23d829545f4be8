"""The memory of one report writer, given back to the system when it is done.

At 100,000 documents the CSV and XLSX writers make a few hundred MB of Arrow strings, a
chunk of rows at a time, and free them.  Arrow's default pool (mimalloc) keeps what is freed
per size class, so every chunk added to the peak RSS of `vnplan compare` (measured with
``scripts/bench.py --compare-scale``: +100 MB for divergences.csv at 30,000 records);
:func:`writing` has Arrow allocate from malloc while a writer runs and then trims malloc's
free pages (glibc ``malloc_trim``: some 10-25 MB a writer at 30,000 records)."""
from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa


def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, or None (another C library: nothing to call)."""
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


MALLOC_TRIM = _malloc_trim()


def release() -> None:
    """Give back the memory Arrow's default pool and malloc hold unused (nothing in use
    is touched)."""
    pa.default_memory_pool().release_unused()
    if MALLOC_TRIM is not None:
        MALLOC_TRIM(0)


@contextmanager
def writing() -> Iterator[None]:
    """Arrow allocating from the system's malloc for the time of the block (its default
    pool restored after), then the memory freed given back (:func:`release`)."""
    pool = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(pool)
        release()
