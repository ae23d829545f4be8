"""The ``xlsx`` report writer: ``report.xlsx``, one filterable sheet per table.

Sheets: findings (the divergences), documents, links, unresolved, siblings and
date_conflicts, and failed_inputs when an input failed; header row frozen, auto-filter on,
columns sized to their text.  Every text cell is a string cell, never a formula.  Written
by :mod:`pipeline.output.xlsxstream` (rows streamed into the zipped XML: a 100,000-document
comparison in seconds, not minutes).
"""
from __future__ import annotations

from operator import methodcaller
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.output.atomic import atomic_write
from pipeline.output.xlsxstream import write_workbook

FILE = "report.xlsx"
FAILED_COLUMNS = ["source", "doc_id", "error"]


def sheets(result) -> dict[str, pd.DataFrame | list[dict[str, Any]]]:
    """``{sheet name: DataFrame or list of row dicts}`` in workbook order (rows kept as
    dicts are read as a DataFrame made of them would be: columns in the order keys first
    appear, a missing key an empty cell)."""
    out: dict[str, pd.DataFrame | list[dict[str, Any]]] = {
        "findings": result.divergences,
        "documents": result.documents if result.documents is not None else pd.DataFrame(),
        "links": result.links,
        "unresolved": result.unresolved,
        "siblings": result.siblings,
        "date_conflicts": [{"number": c["number"], "date": d, "cited_by": ", ".join(v),
                            "quote": c["quotes"].get(d, "")}
                           for c in result.conflicts for d, v in c["dates"].items()],
    }
    if result.failed:
        out["failed_inputs"] = pd.DataFrame(result.failed, columns=FAILED_COLUMNS)
    return out


def _cells(values: list[Any]) -> list[Any]:
    """Cell values: lists and tuples joined with ", "."""
    kinds = set(map(type, values))
    if kinds <= {str, int, float, bool, type(None)}:
        return values
    return [", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v for v in values]


class FrameColumn:
    """One column of a DataFrame, turned into cell values a slice at a time (a whole
    column at once would copy every text of a 100,000-document report)."""

    def __init__(self, series: pd.Series):
        self.series = series

    def __len__(self) -> int:
        return len(self.series)

    def __getitem__(self, part: slice) -> list[Any]:
        values = self.series.iloc[part].tolist()
        return _cells(values) if self.series.dtype == object else values

    def chunk(self, part: slice) -> pd.Series | list[Any]:
        """Rows ``part`` for the sheet writer: the typed Series slice (an object column: its
        cell values)."""
        return self[part] if self.series.dtype == object else self.series.iloc[part]


class DictColumn:
    """One key of a list of row dicts, as cell values a slice at a time."""

    def __init__(self, rows: list[dict[str, Any]], key: str):
        self.rows, self.key = rows, key

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, part: slice) -> list[Any]:
        return _cells(list(map(methodcaller("get", self.key), self.rows[part])))


def table(name: str, df) -> tuple[str, list[str], list[Any], list[int]]:
    """(sheet name, header, columns, widths) of one sheet (``df`` a DataFrame or a list of
    row dicts): a column is as wide as its header and its first 200 values (8 to 60)."""
    columns: list[Any]
    if isinstance(df, pd.DataFrame):
        header = [str(c) for c in df.columns]
        columns = [FrameColumn(df.iloc[:, i]) for i in range(df.shape[1])]
    else:
        # keys in the order they first appear: rows of the same keys looked at once
        keys = list(dict.fromkeys(k for ks in dict.fromkeys(map(tuple, df)) for k in ks))
        header = [str(k) for k in keys]
        columns = [DictColumn(df, k) for k in keys]
    widths = []
    for i, col in enumerate(header or ["(empty)"]):
        width = max([len(col)] + [len(str(v)) for v in columns[i][:200]] if columns else [len(col)])
        widths.append(min(max(width + 2, 8), 60))
    return name, header or ["(empty)"], columns, widths


def write_xlsx(result, path) -> None:
    """Write the workbook to ``path`` (atomically), streamed sheet by sheet."""
    tables = (table(name, df) for name, df in sheets(result).items())
    with atomic_write(path, "wb") as fh:
        write_workbook(fh, tables)


def write(result, folder: Path) -> Path:
    """Write ``folder/report.xlsx``; return its path."""
    path = Path(folder) / FILE
    write_xlsx(result, path)
    return path
