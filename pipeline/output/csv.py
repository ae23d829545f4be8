"""The ``csv`` report writers: ``divergences.csv`` (the parent findings, every column of the
divergences table) and ``siblings.csv`` (the sibling table).

Both start with a UTF-8 byte order mark by default, so that a spreadsheet opens Vietnamese
text correctly; ``bom=False`` (``vnplan compare --no-bom``) leaves it out for pipelines.
Text that a spreadsheet would run as a formula is written with a leading quote
(:mod:`pipeline.output.cells`); numbers are written as numbers.

The text is what ``DataFrame.to_csv(index=False)`` writes, byte for byte, made a chunk of
rows at a time with Arrow string kernels (a 100,000-document comparison writes a few
hundred MB): each column becomes the cells ``to_csv`` hands to :mod:`csv` (missing "",
numbers as numpy prints them), escaped (:func:`~pipeline.output.cells.csv_escape`), quoted
where :mod:`csv` quotes (a delimiter, a quote or a line-end character; quotes doubled),
then joined by commas.  A frame with a column of another kind (dates, nullable numbers)
or a single column goes through ``to_csv`` itself.
"""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.output.atomic import atomic_write
from pipeline.output.cells import FORMULA_START, QUOTE, csv_escape

FILE = "divergences.csv"
SIBLINGS_FILE = "siblings.csv"
CHUNK = 2000                   # rows turned into CSV text at a time (2000: -23 MB of peak at
                               # 30k records against 5000, +0.1 CPU s)
TEXT = pa.large_string()
# the cells csv_escape quotes: a formula start, or a quote before one (or before a quote)
_START = "".join(re.escape(c) for c in sorted(FORMULA_START))
ESCAPE = f"^([{_START}]|{QUOTE}[{_START}{QUOTE}])"


def _quoted_characters() -> str:
    """The characters that make :mod:`csv` (this Python's, this line end) quote a field."""
    out = []
    for c in sorted(set(',"\n\r' + os.linesep)):
        buf = io.StringIO()
        csv.writer(buf, lineterminator=os.linesep).writerow([f"a{c}b", "x"])
        if buf.getvalue().startswith('"'):
            out.append(c)
    return "".join(out)


NEEDS_QUOTES = "[" + "".join(re.escape(c) for c in _quoted_characters()) + "]"


def safe_frame(df):
    """``df`` with its text cells escaped for a spreadsheet (the same frame when none needs it)."""
    out = df
    for col in df.columns:
        if df[col].dtype.kind in "biufcmM":        # numbers, booleans, dates: typed
            continue
        escaped = df[col].map(csv_escape)
        if not escaped.equals(df[col]):
            if out is df:
                out = df.copy()
            out[col] = escaped
    return out


def handled(dtype) -> bool:
    """Whether :func:`column_text` turns a column of ``dtype`` into CSV text."""
    return isinstance(dtype, pd.StringDtype) or (isinstance(dtype, np.dtype)
                                                 and dtype.kind in "Ofiub")


def column_text(series: pd.Series) -> pa.Array:
    """The fields of one column as CSV text (an Arrow string array): missing "", numbers
    as numpy prints them, text escaped for a spreadsheet and quoted where :mod:`csv` would."""
    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype) or dtype.kind == "O":
        if not isinstance(dtype, pd.StringDtype):     # as csv.writer writes any object
            missing = series.isna().tolist()
            series = pd.Series([None if m else v if isinstance(v, str) else str(v)
                                for v, m in zip(series.tolist(), missing)], dtype=object)
        text = pc.fill_null(pa.array(series, type=TEXT, from_pandas=True), "")
        text = pc.replace_substring_regex(text, ESCAPE, QUOTE + r"\1", max_replacements=1)
    else:
        values = series.to_numpy()
        cells = values.astype(str)
        if dtype.kind == "f":
            cells[np.isnan(values)] = ""
        text = pa.array(cells, type=TEXT)
    needs = pc.match_substring_regex(text, NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return text
    quote, empty = pa.scalar('"', TEXT), pa.scalar("", TEXT)
    quoted = pc.binary_join_element_wise(quote, pc.replace_substring(text, '"', '""'), quote,
                                         empty)
    return pc.if_else(needs, quoted, text)


def joined(text: pa.Array) -> bytes:
    """The strings of ``text`` (no missing value) one after the other, in UTF-8: its data."""
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int64)
    start, stop = offsets[text.offset], offsets[text.offset + len(text)]
    return memoryview(text.buffers()[2])[start:stop].tobytes()


def write_rows(df: pd.DataFrame, fh, chunk: int = CHUNK) -> bool:
    """Write ``df`` (header and rows) to the UTF-8 text file ``fh`` as ``df.to_csv(fh,
    index=False)`` would (the rows go to its binary buffer); False (nothing written) for a
    frame :func:`column_text` cannot take."""
    if df.shape[1] < 2 or not all(handled(t) for t in df.dtypes):
        return False
    buf = io.StringIO()
    csv.writer(buf, lineterminator=os.linesep).writerow(list(df.columns))
    fh.write(buf.getvalue())
    fh.flush()
    for start in range(0, len(df), chunk):
        part = df.iloc[start:start + chunk]
        fields = [column_text(part.iloc[:, i]) for i in range(part.shape[1])]
        lines = pc.binary_join_element_wise(*fields, pa.scalar(",", TEXT))
        lines = pc.binary_join_element_wise(lines, pa.scalar(os.linesep, TEXT), pa.scalar("", TEXT))
        fh.buffer.write(joined(lines))
    return True


def write_frame(df, path: Path, bom: bool = True) -> Path:
    """Write ``df`` to ``path`` (atomically), with a UTF-8 BOM unless ``bom`` is False."""
    with atomic_write(path, encoding="utf-8-sig" if bom else "utf-8") as fh:
        if not write_rows(df, fh):
            safe_frame(df).to_csv(fh, index=False)
    return path


def write(result, folder: Path, bom: bool = True) -> Path:
    """Write ``folder/divergences.csv``; return its path."""
    return write_frame(result.divergences, Path(folder) / FILE, bom)


def write_siblings(result, folder: Path, bom: bool = True) -> Path:
    """Write ``folder/siblings.csv`` (a header only when no plans are siblings); return its path."""
    return write_frame(result.siblings, Path(folder) / SIBLINGS_FILE, bom)
