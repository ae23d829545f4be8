"""What `vnplan compare` does for large inputs gives the outputs it gave before: records read
without their agencies and with only their objective sections compare as the whole records did, the streamed
report.xlsx holds every cell of the tables, and report.html cuts only long tables, saying so."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from conftest import ROOT
from openpyxl import load_workbook

from pipeline.cli import main
from pipeline.cli.common import jsonl_records, without_fields
from pipeline.cli.compare import UNUSED
from pipeline.linking.compare import compare_records
from pipeline.linking.references import BUNDLED_DIR
from pipeline.output import html, xlsx


@pytest.fixture
def generated(generated_jsonl):
    return generated_jsonl


@pytest.fixture
def result(generated_result):
    return generated_result


def test_fields_left_unparsed_are_the_unused_ones(generated):
    lines = generated.read_text(encoding="utf-8").splitlines()
    full = [json.loads(line) for line in lines]
    assert sum(bool(r["sections"]) for r in full) > 100 and sum(bool(r["agencies"]) for r in full) > 100
    slim = list(jsonl_records(generated, [], UNUSED))
    for whole, part in zip(full, slim):
        assert part == {**whole, **{name: [] for name in UNUSED}}
    # a line written another way (compact separators) is parsed whole, not cut
    compact = json.dumps(full[0], ensure_ascii=False, separators=(",", ":"))
    assert without_fields(compact, UNUSED) is compact
    # the key inside a text is not a key: nothing is cut in the wrong place
    tricky = dict(full[0], source='x, "sections": [ y')
    line = json.dumps(tricky, ensure_ascii=False)
    assert json.loads(without_fields(line, UNUSED))["source"] == tricky["source"]


def test_slim_records_compare_as_whole_ones(generated, result):
    whole = [json.loads(line) for line in generated.read_text(encoding="utf-8").splitlines()]
    a, b = compare_records(whole, [BUNDLED_DIR]), result
    assert len(a.divergences) > 500 and len(a.siblings) > 100
    pd.testing.assert_frame_equal(a.divergences, b.divergences)
    pd.testing.assert_frame_equal(a.siblings, b.siblings)
    pd.testing.assert_frame_equal(a.documents, b.documents)
    assert a.unresolved == b.unresolved and a.links == b.links and a.conflicts == b.conflicts


@pytest.mark.slow
def test_streamed_workbook_holds_every_cell(result, tmp_path):
    path = tmp_path / "report.xlsx"
    xlsx.write_xlsx(result, path)
    wb = load_workbook(path)
    frames = {name: t if isinstance(t, pd.DataFrame) else pd.DataFrame(t)
              for name, t in xlsx.sheets(result).items()}
    assert wb.sheetnames == list(frames)
    for name, df in frames.items():
        ws = wb[name]
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == [str(c) for c in df.columns] or (not len(df.columns)
                                                                  and rows[0] == ("(empty)",))
        assert len(rows) == len(df) + 1
        assert ws.freeze_panes == "A2"
        if len(df):
            assert ws.auto_filter.ref.endswith(str(len(df) + 1))
        for got, (_, want) in zip(rows[1:], df.iterrows()):
            for g, w in zip(got, want):
                if isinstance(w, (list, tuple)):
                    w = ", ".join(map(str, w))
                if w is None or (isinstance(w, float) and pd.isna(w)) or w == "":
                    assert g is None
                else:
                    assert g == w and type(g) in (type(w), int, float, bool)


def test_html_cuts_only_long_tables_and_says_where_the_rest_is(result):
    page = html.render_html(result)
    assert "more rows, less severe" not in page             # every table shorter than the cap
    parent_rows = result.divergences[result.divergences["link"] != "sibling"]
    findings = re.search(r'<table id="findings-table">.*?</table>', page, re.S).group(0)
    assert findings.count("<tr") == len(parent_rows) + 1
    limit = 40
    cut = html.render_html(result, limit=limit)
    findings = re.search(r'<table id="findings-table">.*?</table>', cut, re.S).group(0)
    more = len(parent_rows) - limit
    assert f"… and {more} more rows, less severe" in findings
    assert "divergences.csv" in findings
    assert findings.count("<tr") == limit + 2               # worst first, then the note row
    assert str(parent_rows.iloc[0]["child_doc"]) in findings
    # the counts at the top stay those of every row
    assert f"{len(result.unresolved)} citations not resolved" in cut


def test_compare_from_extract_jsonl_finds_what_compare_from_files_finds(tmp_path):
    """Records read back from an extract JSONL (slimmed) keep the objective sections a
    no_figure row is read from: the seeds compare the same from files and from JSONL."""
    seeds = ROOT / "corpus" / "seeds"
    jsonl = tmp_path / "seeds.jsonl"
    assert main(["extract", str(seeds), "-o", str(jsonl), "-q"]) == 0
    assert main(["compare", str(seeds), "-o", str(tmp_path / "files")]) == 0
    assert main(["compare", str(jsonl), "-o", str(tmp_path / "jsonl")]) == 0
    a = pd.read_csv(tmp_path / "files" / "divergences.csv", encoding="utf-8-sig")
    b = pd.read_csv(tmp_path / "jsonl" / "divergences.csv", encoding="utf-8-sig")
    assert (a["status"] == "no_figure").sum() > 0
    pd.testing.assert_frame_equal(a, b)
