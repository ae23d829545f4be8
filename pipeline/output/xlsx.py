"""The ``xlsx`` report writer: ``report.xlsx``, one filterable sheet per table.

Sheets: findings (the divergences), documents, links, unresolved, siblings and
date_conflicts, and failed_inputs when an input failed; header row frozen, auto-filter on,
columns sized to their text.  Every text cell is a string cell, never a formula
(:mod:`pipeline.output.cells`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from pipeline.output.atomic import atomic_write
from pipeline.output.cells import append_row

FILE = "report.xlsx"
FAILED_COLUMNS = ["source", "doc_id", "error"]


def sheets(result) -> dict[str, pd.DataFrame]:
    """``{sheet name: DataFrame}`` in workbook order."""
    out = {
        "findings": result.divergences,
        "documents": result.documents if result.documents is not None else pd.DataFrame(),
        "links": pd.DataFrame(result.links),
        "unresolved": pd.DataFrame(result.unresolved),
        "siblings": result.siblings,
        "date_conflicts": pd.DataFrame([{"number": c["number"], "date": d, "cited_by": ", ".join(v),
                                         "quote": c["quotes"].get(d, "")}
                                        for c in result.conflicts for d, v in c["dates"].items()]),
    }
    if result.failed:
        out["failed_inputs"] = pd.DataFrame(result.failed, columns=FAILED_COLUMNS)
    return out


def write_xlsx(result, path) -> None:
    """Write the workbook to ``path`` (atomically)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets(result).items():
        ws = wb.create_sheet(name)
        df = df.copy()
        for col in df.columns:
            df[col] = df[col].map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        cols = list(df.columns) or ["(empty)"]
        append_row(ws, cols)
        for row in df.itertuples(index=False):
            append_row(ws, [None if (isinstance(v, float) and pd.isna(v)) else v for v in row])
        ws.freeze_panes = "A2"
        if len(df):
            ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(df) + 1}"
        for i, col in enumerate(cols, 1):
            width = max([len(str(col))] + [len(str(v)) for v in df[col].head(200)]
                        if len(df) else [len(str(col))])
            ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    with atomic_write(path, "wb") as fh:
        wb.save(fh)


def write(result, folder: Path) -> Path:
    """Write ``folder/report.xlsx``; return its path."""
    path = Path(folder) / FILE
    write_xlsx(result, path)
    return path
