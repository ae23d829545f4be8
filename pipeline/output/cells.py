"""Spreadsheet-safe cells: document text must never reach a spreadsheet as a live formula.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read
as a formula by spreadsheet programs (OWASP "CSV injection").  File names, manifest doc_ids
and document text can start so (``=HYPERLINK(...)`` in a title), so every writer of a file
meant for a spreadsheet goes through here:

* CSV (``divergences.csv``, the csv extraction tables): such a cell is written with a
  leading single quote (``'=HYPERLINK(...)``), as OWASP advises.  A cell that already starts
  with a quote followed by one of those characters or by another quote gets one more, so
  that :func:`csv_unescape` gives back exactly the text that was written
  (:func:`pipeline.output.tables.read_tables` applies it).  Numbers are typed, not text, and
  are written as they are.
* XLSX (``report.xlsx``): every text cell is a string cell, never a formula, and keeps its
  text unchanged; characters that an XLSX file cannot hold (control characters) become
  U+FFFD instead of stopping the report.
"""
from __future__ import annotations

import re
from typing import Any

FORMULA_START = frozenset("=+-@\t\r")
QUOTE = "'"
_AFTER_QUOTE = FORMULA_START | {QUOTE}
REPLACEMENT = "\ufffd"
# the control characters an XLSX file cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE; kept
# here so that `vnplan extract`, which writes CSV through this module, loads no openpyxl)
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def csv_escape(value: Any) -> Any:
    """``value`` as a CSV cell: text a spreadsheet would run as a formula gets a leading
    quote; anything else (numbers, None, ordinary text) is returned unchanged."""
    if isinstance(value, str) and value:
        first = value[0]
        if first in FORMULA_START or (first == QUOTE and value[1:2] in _AFTER_QUOTE):
            return QUOTE + value
    return value


def csv_unescape(value: Any) -> Any:
    """The text :func:`csv_escape` was given (drops the one quote it added)."""
    if isinstance(value, str) and len(value) > 1 and value[0] == QUOTE \
            and value[1] in _AFTER_QUOTE:
        return value[1:]
    return value


def xlsx_value(value: Any) -> Any:
    """``value`` as an XLSX cell value: text without the characters XLSX cannot hold."""
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, value)
    return value


def append_row(ws, values) -> None:
    """``ws.append(values)`` with every text cell a string cell: openpyxl reads text that
    starts with ``=`` as a formula, and this row must hold none."""
    values = [xlsx_value(v) for v in values]
    ws.append(values)
    if any(isinstance(v, str) and v.startswith("=") for v in values):
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"
