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
    sev = re.findall(r'<span class="sev-(\w+)">', html)
    order = {"high": 0, "medium": 1, "low": 2, "info": 3}
    assert sev and [order[s] for s in sev] == sorted(order[s] for s in sev)


def test_outputs_replace_atomically(report):
    out, _ = report
    assert not list(out.glob(".*.part"))
    assert (out / "report.html").stat().st_mode & 0o044      # readable, not left at 0600


def test_writers_registry(tmp_path, monkeypatch):
    """write_report runs the registered writers (csv, siblings, xlsx, html by default), a subset with
    ``formats``, and a format added with ``register``; an unknown format is an error."""
    assert list(rp.WRITERS) == ["csv", "siblings", "xlsx", "html"]
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
    assert [p.name for p in paths] == ["divergences.csv", "siblings.csv", "report.xlsx",
                                       "report.html", "count.txt"]
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


def test_workbook_value_columns_are_numbers(report):
    """report.xlsx: figures as numbers beside their display text, in findings and siblings;
    parent and sibling findings in sheets of their own."""
    out, _ = report
    wb = load_workbook(out / "report.xlsx")
    ws = wb["findings"]
    head = [c.value for c in ws[1]]
    for col in ("child_value_num", "child_value_max", "parent_value_num", "parent_value_max",
                "child_comparator", "parent_comparator", "child_deadline", "parent_deadline"):
        assert col in head
    cells = {col: [row[head.index(col)] for row in ws.iter_rows(min_row=2, values_only=True)]
             for col in ("child_value", "child_value_num", "parent_value", "parent_value_num")}
    for side in ("child", "parent"):
        pairs = [(t, n) for t, n in zip(cells[f"{side}_value"], cells[f"{side}_value_num"]) if t]
        assert pairs and all(isinstance(n, (int, float)) for _, n in pairs)
        # the number is the one the display text shows ("≥70%" -> 70)
        assert all(f"{n:g}" in t for t, n in pairs)
    assert all(n is None for t, n in zip(cells["child_value"], cells["child_value_num"]) if not t)
    assert "sibling" not in {row[head.index("link")] for row in ws.iter_rows(min_row=2, values_only=True)}
    sib = wb["siblings"]
    assert [c.value for c in sib[1]][:3] == ["parent_number", "doc_a", "doc_b"]


def test_csv_bom_on_and_off(tmp_path, seed_records):
    """Both CSV files start with a UTF-8 BOM by default (Excel reads Vietnamese), and
    without one when asked (bom=False, `vnplan compare --no-bom`); the text is the same."""
    result = compare_records(list(seed_records), [REFS])
    on = write_report(result, tmp_path / "on", formats=["csv", "siblings"])
    off = write_report(result, tmp_path / "off", formats=["csv", "siblings"], bom=False)
    assert [p.name for p in on] == ["divergences.csv", "siblings.csv"]
    for a, b in zip(on, off):
        raw_on, raw_off = a.read_bytes(), b.read_bytes()
        assert raw_on.startswith(b"\xef\xbb\xbf") and not raw_off.startswith(b"\xef\xbb\xbf")
        assert raw_on[3:] == raw_off
    df = pd.read_csv(on[0], encoding="utf-8-sig", keep_default_na=False)
    assert list(df.columns[:len(CONTRACT_COLUMNS)]) == CONTRACT_COLUMNS


def test_cli_no_bom(tmp_path, seed_records):
    import json

    from pipeline import cli
    jsonl = tmp_path / "seeds.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in seed_records[:3]),
                     encoding="utf-8")
    assert cli.main(["compare", str(jsonl), "--no-bom", "-o", str(tmp_path / "plain")]) == 0
    assert cli.main(["compare", str(jsonl), "-o", str(tmp_path / "bom")]) == 0
    for name in ("divergences.csv", "siblings.csv"):
        assert not (tmp_path / "plain" / name).read_bytes().startswith(b"\xef\xbb\xbf")
        assert (tmp_path / "bom" / name).read_bytes().startswith(b"\xef\xbb\xbf")


def test_html_names_plans_and_labels_references(report):
    """Plans by number and short title (ids only on hover), a first section "Not compared,
    and why", reference rows under a banner (never "Parent says"), the runner-up and the
    nearest sentences of a missing target in the row."""
    out, _ = report
    html = (out / "report.html").read_text(encoding="utf-8")
    h2 = re.findall(r"<h2 id=\"([\w-]+)\"", html)
    assert h2[0] == "not-compared"
    assert "Parent says" not in html and "§" not in html
    assert '<span class="plan" title="ref:1629/QĐ-TTg' in html and ">1629/QĐ-TTg</span>" in html
    assert ">1241/QĐ-UBND</span>" in html                   # seed 004, by its number
    assert "Chương trình phòng, chống mại dâm" in html       # titles shown
    rows = re.findall(r'<tr class="from-reference">(.*?)</tr>', html, re.S)
    assert rows and all("Reference wording, compiled from" in r and "may be partial" in r
                        for r in rows if "missing_in_child" in r)
    missing = [r for r in rows if "missing_in_child" in r]
    assert missing and any("nearest sentences" in r for r in missing)
    assert "runner-up:" in html and "alignment score" in html
    heads = re.search(r'<table id="findings-table">.*?</thead>', html, re.S).group(0)
    names = re.findall(r"<th[^>]*>(.*?)</th>", heads)
    assert len(names) == len(set(names)) and sum("Child" in n for n in names) == 0


def test_html_shows_any_status(report, seed_records):
    """A status this version does not know (another version adds them) gets its count,
    its badge and its rows like any other."""
    result = compare_records(list(seed_records), [REFS])
    df = result.divergences
    df.loc[df["status"] == "missing_in_child", "status"] = "not_applicable"
    html = rp.html.render_html(result)
    n = int((df["status"] == "not_applicable").sum())
    assert n and f'<span class="badge s-not_applicable">not_applicable</span><b>{n}</b>' in html
    assert html.count('<span class="badge s-not_applicable">not_applicable</span><br>') == n


def test_html_shows_any_column(seed_records):
    """A column of the findings this version does not know is shown in the row's details."""
    result = compare_records(list(seed_records), [REFS])
    df = result.divergences
    df["applicability_reason"] = ["a district cannot carry a count of provinces" if i == 0 else ""
                                  for i in range(len(df))]
    html = rp.html.render_html(result)
    assert html.count("applicability reason: a district cannot carry a count of provinces") == 1
