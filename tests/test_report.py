"""The report files: CSV columns, workbook layout, a self-contained escaped HTML page."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import ROOT, SEED_PATHS
from openpyxl import load_workbook

import pipeline
from pipeline.linking.compare import CONTRACT_COLUMNS, compare_records
from pipeline.linking.references import BUNDLED_DIR, records_from_gold
from pipeline.output import report as rp
from pipeline.output.report import write_report

REFS = BUNDLED_DIR                   # pipeline/data/references
SEEDS = SEED_PATHS
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def report(tmp_path_factory, seed_records):
    """Real extraction of the seeds plus one document whose text carries a script tag."""
    recs = list(seed_records)
    if not any(r["targets"] for r in recs):
        recs = [r for r in records_from_gold(ROOT / "corpus" / "gold", ROOT / "corpus" / "seeds")
                if r["doc_id"] in {p.stem for p in SEEDS}]
    src = (SEEDS[0]).read_text(encoding="utf-8")
    evil = src.replace("học sinh", f"học sinh {EVIL}", 1).replace(
        "Thực hiện Chương trình phòng", f"Thực hiện {EVIL} Chương trình phòng", 1)
    doc = pipeline.from_text(evil, doc_id="evil", source="evil.txt").to_dict()
    recs.append(doc)
    out = tmp_path_factory.mktemp("report")
    write_report(compare_records(recs, [REFS]), out)
    return out, doc


def test_csv_has_contract_columns(report):
    out, _ = report
    df = pd.read_csv(out / "divergences.csv", keep_default_na=False)
    assert list(df.columns[:len(CONTRACT_COLUMNS)]) == CONTRACT_COLUMNS
    assert set(df["status"]) <= {"below_parent", "above_parent", "equal", "missing_in_child",
                                 "only_in_child", "deadline_later", "not_comparable", "no_figure",
                                 "not_applicable"}
    assert {"equal", "above_parent", "missing_in_child"} <= set(df["status"])
    assert set(df["link"]) <= {"direct", "inferred", "sibling"}


def test_workbook_layout(report):
    out, _ = report
    wb = load_workbook(out / "report.xlsx")
    assert {"findings", "documents", "links", "unresolved", "siblings"} <= set(wb.sheetnames)
    ws = wb["findings"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    assert [c.value for c in ws[1]][:len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert 8 <= ws.column_dimensions["A"].width <= 60
    assert wb["unresolved"].max_row > 1


def test_html_is_self_contained_and_escaped(report):
    out, doc = report
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<svg" in html and 'id="findings-table"' in html and 'id="level-tree"' in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", html, re.I)
    assert "<script" not in html.lower()
    if EVIL in (doc["meta"].get("title") or "") or any(EVIL in t["quote"] for t in doc["targets"]):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # documents are sorted worst first in the findings table
    sev = re.findall(r'<td class="sev-(\w+)">', html)
    order = {"high": 0, "medium": 1, "low": 2, "info": 3}
    assert sev and [order[s] for s in sev] == sorted(order[s] for s in sev)


def test_outputs_replace_atomically(report):
    out, _ = report
    assert not list(out.glob(".*.part"))
    assert (out / "report.html").stat().st_mode & 0o044      # readable, not left at 0600


def test_writers_registry(tmp_path, monkeypatch):
    """write_report runs the registered writers (csv, xlsx, html by default), a subset with
    ``formats``, and a format added with ``register``; an unknown format is an error."""
    assert list(rp.WRITERS) == ["csv", "xlsx", "html"]
    recs = [r for r in records_from_gold(ROOT / "corpus" / "gold") if r["doc_id"] in
            {p.stem for p in SEEDS}]
    result = compare_records(recs, [REFS])
    assert write_report(result, tmp_path / "a", formats=["csv"]) == [tmp_path / "a" / "divergences.csv"]
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["divergences.csv"]
    monkeypatch.setattr(rp, "WRITERS", dict(rp.WRITERS))

    def count(result, folder):
        path = folder / "count.txt"
        path.write_text(str(len(result.divergences)), encoding="utf-8")
        return path
    assert rp.register("count", count) is count
    paths = write_report(result, tmp_path / "b")
    assert [p.name for p in paths] == ["divergences.csv", "report.xlsx", "report.html", "count.txt"]
    assert (tmp_path / "b" / "count.txt").read_text() == str(len(result.divergences))
    with pytest.raises(ValueError, match="unknown report format"):
        write_report(result, tmp_path / "c", formats=["pdf"])


def test_failed_inputs_are_reported(tmp_path, seed_records):
    """An input whose record has errors gets a section of report.html (its name escaped)
    and a failed_inputs sheet of report.xlsx."""
    name = "<img src=x onerror=alert(1)>"          # a file name cannot hold a slash
    bad = tmp_path / f"{name}.txt"
    bad.write_bytes(b"")
    recs = list(seed_records[:2]) + [pipeline.extract_document(bad).to_dict()]
    result = compare_records(recs, [REFS])
    assert [f["source"] for f in result.failed] == [str(bad)]
    write_report(result, tmp_path / "r")
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert 'id="failed-inputs"' in html and "<img" not in html.lower()
    assert "&lt;img src=x onerror=alert(1)&gt;.txt: the file is empty" in html
    rows = list(load_workbook(tmp_path / "r" / "report.xlsx")["failed_inputs"].values)
    assert rows[0] == ("source", "doc_id", "error") and len(rows) == 2
    assert rows[1][0] == str(bad) and rows[1][1].startswith(f"{name}.txt@")
    assert rows[1][2] == f"{name}.txt: the file is empty"
    # a clean run has neither (the report of a clean `vnplan compare`: test_cli_errors.py)
    assert compare_records(list(seed_records[:2]), [REFS]).failed == []
