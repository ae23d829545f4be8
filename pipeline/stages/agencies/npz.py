"""Read the arrays of a NumPy ``.npz`` file with the standard library.

The sector model's weights are saved by ``numpy.savez_compressed``; extraction reads them
without importing numpy, whose import alone costs more start-up time (about 0.1 s) than
the few dozen names the model scores in a whole corpus.  An ``.npz`` is a zip of ``.npy``
files; a ``.npy`` file is the magic ``\\x93NUMPY``, a version, the header length, a header
that is a Python dict literal (``descr``, ``fortran_order``, ``shape``), then the raw data
(the format of ``numpy.lib.format``).  Numbers and fixed-width strings are read, in the
order they are stored (C or Fortran, which ``NpyArray.fortran_order`` says); anything else
raises ``ValueError``.
"""
from __future__ import annotations

import ast
import struct
import sys
import zipfile
from array import array
from pathlib import Path
from typing import NamedTuple

_TYPECODES = {"f8": "d", "f4": "f", "i8": "q", "i4": "i", "u8": "Q", "u4": "I",
              "i2": "h", "u2": "H", "i1": "b", "u1": "B"}
MAGIC = b"\x93NUMPY"


class NpyArray(NamedTuple):
    """An array as ``shape`` and its items (an ``array.array`` or a list of str) in the
    order stored: row after row (C), or column after column when ``fortran_order``."""
    shape: tuple
    items: object
    fortran_order: bool = False

    def flat(self) -> list:
        """The items in C order (row after row), as a list."""
        if not self.fortran_order or len(self.shape) < 2:
            return list(self.items)
        if len(self.shape) > 2:
            raise ValueError("Fortran order is read for 1-D and 2-D arrays only")
        rows, cols = self.shape
        return [self.items[j * rows + i] for i in range(rows) for j in range(cols)]


def read_npy(raw: bytes) -> NpyArray:
    """The array stored in the bytes of one ``.npy`` file."""
    if raw[:6] != MAGIC:
        raise ValueError("not a .npy array (no \\x93NUMPY magic)")
    if raw[6] == 1:
        (size,), start = struct.unpack("<H", raw[8:10]), 10
    else:
        (size,), start = struct.unpack("<I", raw[8:12]), 12
    header = ast.literal_eval(raw[start:start + size].decode("latin-1"))
    descr, shape = header["descr"], tuple(header["shape"])
    if not isinstance(descr, str):
        raise ValueError(f"structured arrays are not supported ({descr!r})")
    body = raw[start + size:]
    order, kind = descr[0], descr[1:]
    if kind.startswith("U"):
        width = int(kind[1:])
        text = body.decode("utf-32-be" if order == ">" else "utf-32-le")
        items = [text[i:i + width].rstrip("\x00") for i in range(0, len(text), width)]
    elif kind in _TYPECODES:
        items = array(_TYPECODES[kind])
        if items.itemsize != int(kind[1:]):
            raise ValueError(f"no array type code of {kind[1:]} bytes for {descr!r} here")
        items.frombytes(body)
        if order in "<>" and (order == ">") != (sys.byteorder == "big"):
            items.byteswap()
    else:
        raise ValueError(f"unsupported dtype {descr!r}")
    expected = 1
    for n in shape:
        expected *= n
    if len(items) != expected:
        raise ValueError(f"{len(items)} items for shape {shape}")
    return NpyArray(shape, items, bool(header["fortran_order"]) and len(shape) > 1)


def load(path) -> dict:
    """``{name: NpyArray}`` of an ``.npz`` file (compressed or not)."""
    with zipfile.ZipFile(Path(path)) as z:
        return {name[:-4] if name.endswith(".npy") else name: read_npy(z.read(name))
                for name in z.namelist()}
