"""The sector model's exported weights (an ``.npz`` written by ``numpy.savez``), read without
numpy: importing numpy costs about 0.1 s per process, more than the model is used for.

``read_npz(path)`` gives ``{name: (shape, flat list in C order)}``; it reads the layouts
``scripts/train_sector_model.py`` writes (little-endian float64 and int64, unicode strings;
C order, or Fortran order up to two dimensions) and falls back to ``numpy.load`` for any
other.
"""
from __future__ import annotations

import ast
import math
import sys
import zipfile
from array import array
from pathlib import Path
from typing import Any, Optional

Arrays = dict[str, tuple[tuple[int, ...], list[Any]]]

_NUMBERS = {"<f8": "d", "<i8": "q"}


def _array(raw: bytes) -> Optional[tuple[tuple[int, ...], list[Any]]]:
    """One ``.npy`` member: (shape, values), or None for a layout not read here."""
    if raw[:6] != b"\x93NUMPY" or raw[6] not in (1, 2, 3):
        return None
    size = 2 if raw[6] == 1 else 4
    start = 8 + size
    end = start + int.from_bytes(raw[8:start], "little")
    header = ast.literal_eval(raw[start:end].decode("latin-1"))
    descr, shape = header["descr"], tuple(header["shape"])
    fortran = header["fortran_order"]
    if (fortran and len(shape) > 2) or not isinstance(descr, str):
        return None
    n = math.prod(shape)
    body = raw[end:]
    if descr in _NUMBERS:
        a = array(_NUMBERS[descr])
        if a.itemsize != 8:
            return None
        a.frombytes(body[:8 * n])
        if sys.byteorder != "little":
            a.byteswap()
        values = a.tolist()
        if fortran and len(shape) == 2:     # columns one after the other: rows in turn
            values = [v for r in range(shape[0]) for v in values[r::shape[0]]]
        return shape, values
    if descr.startswith("<U") and descr[2:].isdigit():
        w = int(descr[2:])
        text = body[:4 * w * n].decode("utf-32-le")
        # (numpy drops the NUL padding of a fixed-width string)
        return shape, [text[k * w:(k + 1) * w].rstrip("\x00") for k in range(n)]
    return None


def read_npz(path: Path) -> Arrays:
    """The arrays of ``path`` as (shape, flat list)."""
    out: Arrays = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            got = _array(zf.read(name))
            if got is None:
                return _numpy_npz(path)
            out[name.removesuffix(".npy")] = got
    return out


def _numpy_npz(path: Path) -> Arrays:
    # numpy only for a layout the reader above does not know (never for the shipped model)
    import numpy

    with numpy.load(path) as z:
        return {k: (tuple(z[k].shape), z[k].ravel().tolist()) for k in z.files}
