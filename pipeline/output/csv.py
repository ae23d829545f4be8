"""The ``csv`` report writer: ``divergences.csv``, every column of the divergences table.

Text that a spreadsheet would run as a formula is written with a leading quote
(:mod:`pipeline.output.cells`)."""
from __future__ import annotations

from pathlib import Path

from pipeline.output.atomic import atomic_write
from pipeline.output.cells import csv_escape

FILE = "divergences.csv"


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


def write(result, folder: Path) -> Path:
    """Write ``folder/divergences.csv`` (atomically); return its path."""
    path = Path(folder) / FILE
    with atomic_write(path) as fh:
        safe_frame(result.divergences).to_csv(fh, index=False)
    return path
