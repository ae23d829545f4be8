"""A streaming XLSX writer for large tables: rows go straight into the zipped sheet XML.

openpyxl builds every cell as an object (a 100,000-document comparison has millions of
cells: minutes and gigabytes); here each sheet is written in chunks of rows, column by
column, as SpreadsheetML text, so time grows with the cells and memory with one chunk
(plus the table of distinct texts).  What it writes: sheets in order, text as shared
strings (each distinct text once, never a formula), numbers and booleans typed, an empty
cell for None or NaN, the header row frozen, an auto-filter over the table and column
widths.  Text loses the control characters an XLSX cannot hold
(U+FFFD instead, :func:`pipeline.output.cells.xlsx_value`).
"""
from __future__ import annotations

import math
import re
import zipfile
from datetime import datetime, timezone
from itertools import repeat
from typing import IO, Any, Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl.utils import get_column_letter

from pipeline.output.cells import ILLEGAL_CHARACTERS_RE, REPLACEMENT

CHUNK = 2000                    # rows whose texts get their shared-string numbers at a time
BLOCK = 2                       # chunks turned into XML at a time (Arrow string kernels)
TEXT = pa.large_string()
MISSING, EMPTY = -1, -2         # a text column's cell: no value, or an empty text
NEEDS_ESCAPE = re.compile(r"[&<>\r\000-\010\013\014\016-\037]")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
STYLES = (HEAD + f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/>'
          '<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill '
          'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
          '</cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
          'xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
          'builtinId="0"/></cellStyles></styleSheet>')


def escape(text: str) -> str:
    """``text`` as XML character data, without the characters XLSX cannot hold."""
    if not NEEDS_ESCAPE.search(text):
        return text
    text = ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def cell(ref: str, value: Any) -> str:
    """One ``<c>`` element ("" for None or a number that is not finite; an empty text is
    an empty text cell)."""
    if value is None:
        return ""
    if isinstance(value, str):
        if not value:
            return f'<c r="{ref}" t="inlineStr"></c>'     # as openpyxl writes it
        space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
        return f'<c r="{ref}" t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return f'<c r="{ref}" t="b"><v>{int(bool(value))}</v></c>'
    if isinstance(value, int) or (hasattr(value, "dtype") and value.dtype.kind in "iu"):
        return f'<c r="{ref}"><v>{int(value)}</v></c>'
    if isinstance(value, float) or hasattr(value, "dtype") and value.dtype.kind == "f":
        value = float(value)
        return f'<c r="{ref}"><v>{value:.16g}</v></c>' if math.isfinite(value) else ""
    return cell(ref, str(value))


def column_cells(letter: str, numbers: Sequence[str], values: Sequence[Any],
                 shared: dict[str, int]) -> list[str]:
    """The ``<c>`` elements of one column over rows ``numbers``: a text is an index into
    the shared strings (``shared``, extended here), anything else :func:`cell`."""
    out: list[str] = []
    append = out.append
    for n, v in zip(numbers, values):
        if type(v) is str:
            if v:
                i = shared.get(v)
                if i is None:
                    i = shared[v] = len(shared)
                append(f'<c r="{letter}{n}" t="s"><v>{i}</v></c>')
            else:
                append(f'<c r="{letter}{n}" t="inlineStr"></c>')    # as openpyxl writes ""
        elif v is None:
            append("")
        elif type(v) is int:
            append(f'<c r="{letter}{n}"><v>{v}</v></c>')
        else:
            append(cell(letter + n, v))
    return out


def shared_strings_xml(fh: IO[bytes], shared: dict[str, int]) -> None:
    """The shared strings part: each text once, in index order."""
    fh.write((HEAD + f'<sst xmlns="{MAIN}" uniqueCount="{len(shared)}">')
             .encode("utf-8"))
    texts = list(shared)
    for start in range(0, len(texts), CHUNK * 10):
        part = texts[start:start + CHUNK * 10]
        fh.write("".join(
            f'<si><t xml:space="preserve">{escape(t)}</t></si>' if t[0].isspace() or t[-1].isspace()
            else f"<si><t>{escape(t)}</t></si>" for t in part).encode("utf-8"))
    fh.write(b"</sst>")


def _s(text: str) -> pa.Scalar:
    return pa.scalar(text, TEXT)


def _join(*parts) -> pa.Array:
    """Element-wise concatenation of Arrow strings (arrays of one length, or scalars)."""
    return pc.binary_join_element_wise(*parts, _s(""))


def text_numbers(texts: pa.Array, shared: dict[str, int]) -> np.ndarray:
    """The shared-string number of each text (:data:`MISSING` for none, :data:`EMPTY` for
    ""), new texts numbered in the order they first appear, as a cell-by-cell scan would."""
    enc = pc.dictionary_encode(texts)
    distinct = enc.dictionary.to_pylist()
    numbers = list(map(shared.get, distinct))
    for k in [k for k, i in enumerate(numbers) if i is None]:     # new texts, and ""
        t = distinct[k]
        if t:
            numbers[k] = shared[t] = len(shared)
        else:
            numbers[k] = EMPTY
    numbers.append(MISSING)                         # code -1 (a null) picks this one
    codes = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False)
    return np.asarray(numbers, dtype=np.int64)[codes]


def chunk_cells(values, letter: str, numbers: Sequence[str],
                shared: dict[str, int]) -> tuple[str, Any]:
    """One column over one chunk of rows, as (kind, data): ("text", shared-string numbers),
    ("int", Arrow int64 with nulls), ("float", (formatted numbers, finite mask)),
    ("bool", numpy bools) or ("cells", the ``<c>`` elements, made by :func:`column_cells`).
    ``values`` is a pandas Series (typed) or a list of cell values."""
    if isinstance(values, pd.Series):
        dtype = values.dtype
        if isinstance(dtype, pd.StringDtype):
            return "text", text_numbers(pa.array(values, type=TEXT, from_pandas=True), shared)
        if isinstance(dtype, np.dtype) and dtype.kind in "iu":
            return "int", pa.array(values.to_numpy(), type=pa.int64())
        if isinstance(dtype, np.dtype) and dtype.kind == "f":
            arr = values.to_numpy(dtype=np.float64)
            finite = np.isfinite(arr)
            texts = np.full(len(arr), "", dtype=object)
            texts[finite] = list(map(format, arr[finite].tolist(), repeat(".16g")))
            return "float", (texts, finite)
        if isinstance(dtype, np.dtype) and dtype.kind == "b":
            return "bool", values.to_numpy()
        values = values.tolist()
    kinds = set(map(type, values))
    if kinds <= {str, type(None)}:
        return "text", text_numbers(pa.array(values, type=TEXT), shared)
    if kinds <= {int, type(None)}:
        return "int", pa.array(values, type=pa.int64())
    return "cells", column_cells(letter, numbers, values, shared)


def cells_xml(kind: str, data, letter: str, nums: pa.Array) -> list[Any]:
    """The ``<c>`` elements of rows ``nums`` (their numbers as text) from the (kind, data) of
    :func:`chunk_cells`, as the parts that make them when joined: Arrow string arrays and
    scalars (one array of whole elements, "" for an empty cell, when some cell is empty)."""
    ref = _s(f'<c r="{letter}')
    if kind == "cells":
        return [pa.array(data, type=TEXT)]
    if kind == "text":
        parts = [ref, nums, _s('" t="s"><v>'), pc.cast(pa.array(data), TEXT), _s("</v></c>")]
        if (data < 0).any():
            parts = [pc.if_else(pa.array(data == EMPTY),
                                _join(ref, nums, _s('" t="inlineStr"></c>')),
                                pc.if_else(pa.array(data == MISSING), _s(""), _join(*parts)))]
        return parts
    if kind == "int":
        parts = [ref, nums, _s('"><v>'), pc.cast(data, TEXT), _s("</v></c>")]
        return [pc.fill_null(_join(*parts), "")] if data.null_count else parts
    if kind == "float":
        texts, finite = data
        parts = [ref, nums, _s('"><v>'), pa.array(texts, type=TEXT), _s("</v></c>")]
        return parts if finite.all() else [pc.if_else(pa.array(finite), _join(*parts), _s(""))]
    return [ref, nums, _s('" t="b"><v>'), pc.if_else(pa.array(data), _s("1"), _s("0")),
            _s("</v></c>")]


def _concat(parts: list[Any]) -> Any:
    """The data of one kind over several chunks, joined."""
    if isinstance(parts[0], np.ndarray):
        return np.concatenate(parts)
    if isinstance(parts[0], tuple):
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    return pa.concat_arrays(parts)


def block_xml(pieces: list[tuple[str, Any]], letter: str, nums: pa.Array) -> list[Any]:
    """The ``<c>`` elements of one column over a block of chunks (``pieces``, one (kind,
    data) a chunk), as parts to join (:func:`cells_xml`): made at once when every chunk is
    of one kind, else chunk by chunk."""
    kinds = {k for k, _ in pieces}
    if len(kinds) == 1 and "cells" not in kinds:
        return cells_xml(pieces[0][0], _concat([d for _, d in pieces]), letter, nums)
    out, at = [], 0
    for kind, data in pieces:
        n = len(data[0]) if kind == "float" else len(data)
        out.append(_join(*cells_xml(kind, data, letter, nums.slice(at, n))))
        at += n
    return [pa.concat_arrays(out)]


def utf8_data(texts: pa.Array) -> bytes:
    """The strings of ``texts`` (none missing) one after the other, in UTF-8."""
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64)
    start, stop = offsets[texts.offset], offsets[texts.offset + len(texts)]
    return memoryview(texts.buffers()[2])[start:stop].tobytes()


def chunk_of(col, start: int, stop: int):
    """A column's values over rows ``start:stop``: its typed ``chunk`` when it has one (a
    pandas Series, or cell values), else a slice of it."""
    return col.chunk(slice(start, stop)) if hasattr(col, "chunk") else col[start:stop]


def sheet_xml(fh: IO[bytes], header: Sequence[str], columns: Sequence[Sequence[Any]],
              widths: Sequence[float], shared: dict[str, int]) -> None:
    """Write one worksheet: ``header`` then the rows of ``columns`` (equal-length lists of
    cell values, one per column, or columns with a typed ``chunk(slice)``), header frozen,
    auto-filter on when there are rows; texts go to ``shared``, numbered chunk by chunk
    (:data:`CHUNK` rows), column by column, in the order they appear."""
    ncols = max(len(header), 1)
    nrows = len(columns[0]) if columns else 0
    letters = [get_column_letter(i) for i in range(1, ncols + 1)]
    last = f"{letters[-1]}{nrows + 1}"
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                   for i, w in enumerate(widths, 1))
    fh.write((HEAD + f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:{last}"/>'
              '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
              'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" '
              'activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
              '<sheetFormatPr defaultRowHeight="15"/>'
              + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>"
              + '<row r="1">' + "".join(cell(f"{letters[i]}1", h) for i, h in enumerate(header))
              + "</row>").encode("utf-8"))
    for first in range(0, nrows, CHUNK * BLOCK):
        end = min(first + CHUNK * BLOCK, nrows)
        pieces: list[list[tuple[str, Any]]] = [[] for _ in columns]
        for start in range(first, end, CHUNK):
            stop = min(start + CHUNK, end)
            numbers = [str(n) for n in range(start + 2, stop + 2)]
            for j, (letter, col) in enumerate(zip(letters, columns)):
                pieces[j].append(chunk_cells(chunk_of(col, start, stop), letter, numbers, shared))
        nums = pc.cast(pa.array(np.arange(first + 2, end + 2)), TEXT)
        cells = [part for p, letter in zip(pieces, letters) for part in block_xml(p, letter, nums)]
        rows = _join(_s('<row r="'), nums, _s('">'), *cells, _s("</row>"))
        fh.write(utf8_data(rows))
    fh.write(("</sheetData>" + (f'<autoFilter ref="A1:{last}"/>' if nrows else "")
              + '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" '
                'footer="0.5"/></worksheet>').encode("utf-8"))


def workbook_parts(names: Sequence[str], filters: Sequence[str | None]) -> dict[str, str]:
    """The package parts other than the sheets: ``{part name: XML}``."""
    sheets = "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, n in enumerate(names, 1))
    defined = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"'{escape(n)}'!{ref}</definedName>" for i, (n, ref) in enumerate(zip(names, filters))
        if ref)
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                   f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(names) + 1))
    n = len(names)
    rels += (f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>'
             f'<Relationship Id="rId{n + 2}" Type="{REL}/sharedStrings" '
             'Target="sharedStrings.xml"/>')
    types = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    for i in range(1, n + 1))
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "[Content_Types].xml": HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/'
        '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
        'formats-package.relationships+xml"/><Default Extension="xml" ContentType="application/'
        'xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
        'formats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.'
        'xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+'
        'xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
        'formats-officedocument.spreadsheetml.sharedStrings+xml"/>' + types + '<Override '
        'PartName="/docProps/core.xml" ContentType="application/'
        'vnd.openxmlformats-package.core-properties+xml"/></Types>',
        "_rels/.rels": HEAD + f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-'
        'properties" Target="docProps/core.xml"/></Relationships>',
        "docProps/core.xml": HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.'
        'org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-'
        'instance"><dc:creator>vnplan</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">'
        f'{now}</dcterms:created></cp:coreProperties>',
        "xl/workbook.xml": HEAD + f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews>'
        f'<workbookView/></bookViews><sheets>{sheets}</sheets>'
        + (f"<definedNames>{defined}</definedNames>" if defined else "") + "</workbook>",
        "xl/_rels/workbook.xml.rels": HEAD + f'<Relationships xmlns="{PKG_REL}">{rels}'
        "</Relationships>",
        "xl/styles.xml": STYLES,
    }


def write_workbook(fh: IO[bytes], tables: Iterable[tuple[str, Sequence[str],
                                                         Sequence[Sequence[Any]],
                                                         Sequence[float]]]) -> None:
    """Write an XLSX to the binary file ``fh``: ``tables`` = (sheet name, header, columns,
    widths) in workbook order, each made when its turn comes (an iterator: one sheet's
    columns in memory at a time)."""
    filters: list[str | None] = []
    names = []
    shared: dict[str, int] = {}
    with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for i, (name, header, columns, widths) in enumerate(tables, 1):
            names.append(name)
            nrows = len(columns[0]) if columns else 0
            last = get_column_letter(max(len(header), 1))
            filters.append(f"$A$1:${last}${nrows + 1}" if nrows else None)
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as part:
                sheet_xml(part, header, columns, widths, shared)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            shared_strings_xml(part, shared)
        for part_name, xml in workbook_parts(names, filters).items():
            zf.writestr(part_name, xml)
