"""The ``csv`` report writer: ``divergences.csv``, every column of the divergences table."""
from __future__ import annotations

from pathlib import Path

from pipeline.output.atomic import atomic_write

FILE = "divergences.csv"


def write(result, folder: Path) -> Path:
    """Write ``folder/divergences.csv`` (atomically); return its path."""
    path = Path(folder) / FILE
    with atomic_write(path) as fh:
        result.divergences.to_csv(fh, index=False)
    return path
