"""The hand-audit sheet of a `vnplan compare` output folder (``vnplan audit DIR``).

One row per finding: the parent findings of ``divergences.csv`` and the sibling findings
(``siblings.csv`` when the folder has one, else the ``link = sibling`` rows of
``divergences.csv``).  Each row shows the plan and the plan it is compared with (doc_id and
number), both figures, deadlines, sections and quotes, the status and its reasons, and
leaves the judgement columns empty (:data:`JUDGEMENTS`, then ``duplicate`` and ``note``) for
the auditor.  ``same_as`` names an earlier row with the same plans, indicator, two quotes
and figures (a finding reported twice).  Written as CSV (UTF-8 with a BOM, so a spreadsheet reads
Vietnamese; formula-like text quoted, :mod:`pipeline.output.cells`) and as XLSX (judgement
columns with a yes/no list).  :mod:`pipeline.evaluate.audit` scores the filled sheet.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterable

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.output.atomic import atomic_write
from pipeline.output.cells import append_row, csv_escape, csv_unescape

DIVERGENCES = "divergences.csv"
SIBLINGS = "siblings.csv"
REPORT = "report.xlsx"
JUDGEMENTS = ["pairing_ok", "status_ok", "link_ok"]
FILLED = JUDGEMENTS + ["duplicate", "note"]
COLUMNS = ["row_id", "kind", "status", "severity", "link", "plan", "plan_number", "other",
           "other_number", "indicator", "plan_value", "other_value", "plan_deadline",
           "other_deadline", "plan_section", "other_section", "plan_quote", "other_quote",
           "reason", "same_as"] + FILLED
WIDE = {"indicator", "plan_quote", "other_quote", "reason"}
# where each sheet column comes from: (parent-row column, sibling-row column)
SOURCES = {
    "status": ("status", "status"), "severity": ("severity", "severity"),
    "link": ("link", "link"), "plan": ("child_doc", "doc_a"), "other": ("parent_doc", "doc_b"),
    "plan_number": ("child_number", "number_a"), "other_number": ("parent_number", "number_b"),
    "indicator": ("indicator", "indicator_a"),
    "plan_value": ("child_value", "value_a"), "other_value": ("parent_value", "value_b"),
    "plan_deadline": ("child_deadline", "deadline_a"),
    "other_deadline": ("parent_deadline", "deadline_b"),
    "plan_section": ("child_section", "section_a"),
    "other_section": ("parent_section", "section_b"),
    "plan_quote": ("child_quote", "quote_a"), "other_quote": ("parent_quote", "quote_b"),
    "reason": ("reason", "reason"),
}


class AuditInputError(ValueError):
    """The folder is not a `vnplan compare` output (message in plain words)."""


def read_csv(path) -> list[dict[str, str]]:
    """Rows of a CSV written by vnplan (or saved by a spreadsheet), text unescaped."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [{k: csv_unescape(v or "") for k, v in row.items() if k is not None}
                for row in csv.DictReader(fh)]


def document_numbers(folder: Path) -> dict[str, str]:
    """``{doc_id: number}`` from the documents sheet of ``report.xlsx`` (empty without it)."""
    path = folder / REPORT
    if not path.is_file():
        return {}
    wb = load_workbook(path, read_only=True)
    try:
        if "documents" not in wb.sheetnames:
            return {}
        rows = wb["documents"].iter_rows(values_only=True)
        head = [str(h) for h in next(rows, ())]
        if "doc_id" not in head or "number" not in head:
            return {}
        i, j = head.index("doc_id"), head.index("number")
        return {str(r[i]): str(r[j]) for r in rows if r[i] is not None and r[j] is not None}
    finally:
        wb.close()


def _sheet_row(row: dict[str, str], kind: str, numbers: dict[str, str],
               side: int = 0) -> dict[str, str]:
    """A sheet row from a ``divergences.csv`` row (``side`` 0) or a ``siblings.csv`` row (1)."""
    out = {"kind": kind}
    for col, names in SOURCES.items():
        out[col] = row.get(names[side]) or ""
    if not out["indicator"]:
        out["indicator"] = row.get("indicator_b") or row.get("parent_indicator") or ""
    if kind == "sibling":
        out["link"] = out["link"] or "sibling"
        if side == 0:           # a sibling row's parent_number is the common parent
            out["other_number"] = row.get("sibling_number") or ""
        common = row.get("parent_number") or ""
        if common and common not in out["reason"]:
            out["reason"] = "; ".join(x for x in (out["reason"], f"both implement {common}") if x)
    out["plan_number"] = out["plan_number"] or numbers.get(out["plan"], "")
    out["other_number"] = out["other_number"] or numbers.get(out["other"], "")
    return out


def sheet_rows(folder) -> list[dict[str, str]]:
    """The audit sheet of a compare output folder: one dict per finding, :data:`COLUMNS`."""
    folder = Path(folder)
    div_path = folder / DIVERGENCES
    if not div_path.is_file():
        raise AuditInputError(f"{folder} is not a vnplan compare output: no {DIVERGENCES}")
    divergences = read_csv(div_path)
    sib_path = folder / SIBLINGS
    siblings = read_csv(sib_path) if sib_path.is_file() else None
    numbers = document_numbers(folder)
    found: list[dict[str, str]] = []
    for row in divergences:
        if row.get("link") == "sibling":
            if siblings is None:
                found.append(_sheet_row(row, "sibling", numbers))
        else:
            found.append(_sheet_row(row, "parent", numbers))
    found.extend(_sheet_row(row, "sibling", numbers, 1) for row in siblings or [])
    parents = [r for r in found if r["kind"] == "parent"]
    sibs = [r for r in found if r["kind"] == "sibling"]
    out = []
    seen: dict[tuple[str, ...], str] = {}
    for prefix, rows in (("P", parents), ("S", sibs)):
        for n, r in enumerate(rows, 1):
            r["row_id"] = f"{prefix}{n}"
            # the indicator too: one sentence's figures over several units are two findings
            key = (r["kind"], r["plan"], r["other"], r["indicator"], r["plan_quote"],
                   r["other_quote"], r["plan_value"], r["other_value"])
            r["same_as"] = seen.setdefault(key, r["row_id"])
            if r["same_as"] == r["row_id"]:
                r["same_as"] = ""
            r.update({c: "" for c in FILLED})
            out.append({c: r.get(c, "") for c in COLUMNS})
    return out


def write_csv(rows: Iterable[dict[str, Any]], path) -> Path:
    """The sheet as CSV with a UTF-8 BOM (atomically)."""
    with atomic_write(path, encoding="utf-8-sig") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: csv_escape(v) for k, v in r.items()} for r in rows)
    return Path(path)


def write_xlsx(rows: list[dict[str, Any]], path) -> Path:
    """The sheet as XLSX: frozen header, filters, wrapped quotes, yes/no lists (atomically)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "audit"
    append_row(ws, COLUMNS)
    for r in rows:
        append_row(ws, [r.get(c, "") for c in COLUMNS])
    ws.freeze_panes = "C2"
    last = len(rows) + 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    fill = PatternFill("solid", fgColor="FFF2CC")
    for i, col in enumerate(COLUMNS, 1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = 48 if col in WIDE else 14
        ws.cell(1, i).font = Font(bold=True)
        if col in FILLED:
            ws.cell(1, i).fill = fill
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2, max_row=last):
        for cell in row:
            cell.alignment = wrap
    choices = DataValidation(type="list", formula1='"yes,no,n/a"', allow_blank=True)
    ws.add_data_validation(choices)
    for col in JUDGEMENTS + ["duplicate"]:
        letter = get_column_letter(COLUMNS.index(col) + 1)
        choices.add(f"{letter}2:{letter}{max(last, 2)}")
    with atomic_write(path, "wb") as fh:
        wb.save(fh)
    return Path(path)


# what makes two findings of two compare runs the same finding: a judgement made on one
# holds for the other (row ids are not kept from run to run)
SAME_FINDING = ("kind", "status", "plan", "other", "indicator", "plan_value", "other_value",
                "plan_quote", "other_quote")


def carry(rows: list[dict[str, Any]], earlier: list[dict[str, Any]]) -> int:
    """Copy the judgements (and note) of ``earlier`` rows onto the same findings of
    ``rows``; a finding that is new or changed stays empty.  Returns how many were carried."""
    def key(r):
        return tuple(str(r.get(c) or "").lstrip("'") for c in SAME_FINDING)
    judged = {key(r): r for r in earlier if any(str(r.get(c) or "").strip() for c in JUDGEMENTS)}
    n = 0
    for r in rows:
        old = judged.get(key(r))
        if old is not None:
            r.update({c: str(old.get(c) or "") for c in FILLED})
            n += 1
    return n


def write_sheet(folder, out, earlier: list[dict[str, Any]] | None = None) -> list[Path]:
    """Write ``OUT.csv`` and ``OUT.xlsx`` (``out`` with or without either suffix) for the
    compare output ``folder``, carrying the judgements of an ``earlier`` sheet's rows over to
    the same findings (:func:`carry`); return both paths."""
    out = Path(out)
    if out.suffix.lower() in (".csv", ".xlsx"):
        out = out.with_suffix("")
    rows = sheet_rows(folder)
    if earlier:
        carry(rows, earlier)
    out.parent.mkdir(parents=True, exist_ok=True)
    return [write_csv(rows, out.with_name(out.name + ".csv")),
            write_xlsx(rows, out.with_name(out.name + ".xlsx"))]


def read_sheet(path) -> list[dict[str, Any]]:
    """The rows of a (filled) sheet, CSV or XLSX; cells as written (XLSX: str, bool, number)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb["audit"] if "audit" in wb.sheetnames else wb.worksheets[0]
            it = ws.iter_rows(values_only=True)
            head = [str(h) if h is not None else "" for h in next(it, ())]
            return [{h: ("" if v is None else v) for h, v in zip(head, r) if h}
                    for r in it if any(v not in (None, "") for v in r)]
        finally:
            wb.close()
    return read_csv(path)
