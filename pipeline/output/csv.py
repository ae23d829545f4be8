"""The ``csv`` report writers: ``divergences.csv`` (the parent findings, every column of the
divergences table) and ``siblings.csv`` (the sibling table).

Both start with a UTF-8 byte order mark by default, so that a spreadsheet opens Vietnamese
text correctly; ``bom=False`` (``vnplan compare --no-bom``) leaves it out for pipelines.
Text that a spreadsheet would run as a formula is written with a leading quote
(:mod:`pipeline.output.cells`); numbers are written as numbers."""
from __future__ import annotations

from pathlib import Path

from pipeline.output.atomic import atomic_write
from pipeline.output.cells import csv_escape

FILE = "divergences.csv"
SIBLINGS_FILE = "siblings.csv"


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


def write_frame(df, path: Path, bom: bool = True) -> Path:
    """Write ``df`` to ``path`` (atomically), with a UTF-8 BOM unless ``bom`` is False."""
    with atomic_write(path, encoding="utf-8-sig" if bom else "utf-8") as fh:
        safe_frame(df).to_csv(fh, index=False)
    return path


def write(result, folder: Path, bom: bool = True) -> Path:
    """Write ``folder/divergences.csv``; return its path."""
    return write_frame(result.divergences, Path(folder) / FILE, bom)


def write_siblings(result, folder: Path, bom: bool = True) -> Path:
    """Write ``folder/siblings.csv`` (a header only when no plans are siblings); return its path."""
    return write_frame(result.siblings, Path(folder) / SIBLINGS_FILE, bom)
