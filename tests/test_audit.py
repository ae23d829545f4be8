"""`vnplan audit`: the judgement sheet of a real compare run of the seeds, filled with a few
"no" judgements, and its score."""
from __future__ import annotations

import csv
import json
import shutil
from collections import Counter

import pytest
from conftest import ROOT
from openpyxl import load_workbook

import pipeline
from pipeline.cli import main
from pipeline.evaluate.audit import score_rows
from pipeline.linking.compare import compare_records
from pipeline.linking.references import BUNDLED_DIR
from pipeline.output.audit import COLUMNS, FILLED, JUDGEMENTS, read_sheet, sheet_rows
from pipeline.output.report import write_report


@pytest.fixture(scope="module")
def compared(tmp_path_factory, seed_records):
    """A compare output folder of the five seeds against the bundled references, plus two
    public plans implementing one parent (Đồng Nai 182 and Cần Thơ 153: sibling rows)."""
    out = tmp_path_factory.mktemp("compare")
    drugs = [pipeline.extract_document(ROOT / "corpus" / "public" / name).to_dict() for name in
             ("006_dongnai-182-kh-ubnd-ctmtqg-phong-chong-ma-tuy.txt",
              "007_cantho-153-kh-ubnd-ctmtqg-phong-chong-ma-tuy.txt")]
    write_report(compare_records(list(seed_records) + drugs, [BUNDLED_DIR]), out)
    return out


@pytest.fixture(scope="module")
def sheet(compared, tmp_path_factory):
    base = tmp_path_factory.mktemp("audit") / "seeds"
    assert main(["audit", str(compared), "-o", str(base)]) == 0
    return base


def divergence_rows(folder, name="divergences.csv"):
    with open(folder / name, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_sheet_has_one_row_per_finding(compared, sheet):
    div = divergence_rows(compared)
    rows = read_csv(sheet.with_suffix(".csv"))
    assert (sheet.with_suffix(".csv")).read_bytes().startswith(b"\xef\xbb\xbf")   # BOM
    sib = divergence_rows(compared, "siblings.csv")
    assert len(rows) == len(div) + len(sib) > 20
    assert list(rows[0]) == COLUMNS
    assert len({r["row_id"] for r in rows}) == len(rows)
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["sibling"] == len(sib) > 0
    assert kinds["parent"] == len(div)
    # both quotes and both figures of every finding, in the order of divergences.csv
    parents = [d for d in div if d["link"] != "sibling"]
    mine = [r for r in rows if r["kind"] == "parent"]
    for d, r in zip(parents, mine):
        assert (r["plan"], r["other"], r["status"]) == (d["child_doc"], d["parent_doc"], d["status"])
        assert r["plan_value"] == d["child_value"] and r["other_value"] == d["parent_value"]
        assert r["other_quote"].lstrip("'") == d["parent_quote"].lstrip("'")
    paired = [r for r in rows if r["kind"] == "sibling" and not r["status"].startswith("only_in")]
    assert paired and all(r["plan_quote"] and r["other_quote"] for r in paired)
    assert all(r["plan_quote"] or r["other_quote"] for r in rows if r["kind"] == "sibling")
    assert all(r["other_quote"] for r in rows if r["status"] == "missing_in_child")
    # the plan numbers come from the documents table: the seed that has one shows it
    assert any(r["plan_number"] for r in mine) and all(r["other_number"] for r in mine)
    assert all(r[c] == "" for r in rows for c in FILLED)


def test_xlsx_sheet_matches_csv_and_offers_choices(sheet):
    wb = load_workbook(sheet.with_suffix(".xlsx"))
    ws = wb["audit"]
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == COLUMNS
    assert [r[0] for r in values[1:]] == [r["row_id"] for r in read_csv(sheet.with_suffix(".csv"))]
    validated = " ".join(str(dv.sqref) for dv in ws.data_validations.dataValidation)
    for col in JUDGEMENTS:
        letter = ws.cell(1, COLUMNS.index(col) + 1).column_letter
        assert f"{letter}2:" in validated


def fill(rows):
    """All yes, then a few judgements of "no", an n/a, a duplicate and an unjudged row;
    returns the row ids expected wrong, and the id left unjudged."""
    for r in rows:
        r.update({c: "yes" for c in JUDGEMENTS})
    missing = [r for r in rows if r["status"] == "missing_in_child"]
    only = [r for r in rows if r["status"] == "only_in_child"]
    sibling = [r for r in rows if r["kind"] == "sibling"]
    for r in missing[:3]:
        r["pairing_ok"] = "no"
    only[0]["status_ok"] = "No "
    only[0]["pairing_ok"] = "n"                  # two "no" on one row: one wrong row
    only[1]["link_ok"] = "no"
    sibling[0]["link_ok"] = "n/a"               # not applicable: not wrong
    only[2]["duplicate"] = "yes"
    unjudged = only[3]
    unjudged["status_ok"] = ""
    # sibling rows that repeat another ("same_as", duplicate left empty) count wrong too
    wrong = {r["row_id"] for r in missing[:3] + only[:3]} | {r["row_id"] for r in rows if r["same_as"]}
    return wrong, unjudged["row_id"]


def write_csv(rows, path):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_score_a_filled_sheet(sheet, tmp_path, capsys):
    rows = read_csv(sheet.with_suffix(".csv"))
    wrong, unjudged = fill(rows)
    filled = tmp_path / "filled.csv"
    write_csv(rows, filled)
    assert main(["audit", "--score", str(filled), "--json", str(tmp_path / "s.json")]) == 0
    printed = capsys.readouterr().out
    got = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    judged = len(rows) - 1
    assert got["rows"] == len(rows) and got["judged"] == judged and got["unjudged"] == 1
    repeats = sum(bool(r["same_as"]) for r in rows)
    assert got["right"] == judged - len(wrong) and got["duplicates"] == 1 + repeats
    assert got["pct"] == round(100 * (judged - len(wrong)) / judged, 1)
    assert f"fully right: {judged - len(wrong)} of {judged}" in printed
    assert sorted(got["wrong_rows"]) == sorted(wrong) and unjudged not in got["wrong_rows"]
    k = min(3, sum(r["status"] == "missing_in_child" for r in rows))   # missing rows marked "no"
    assert k >= 1
    assert got["columns"]["pairing_ok"]["wrong"] == k + 1
    assert got["columns"]["status_ok"]["wrong"] == 1
    assert got["columns"]["link_ok"] == {"ok": len(rows) - 2, "wrong": 1, "n/a": 1,
                                         "pct": round(100 * (len(rows) - 2) / (len(rows) - 1), 1)}
    n_missing = sum(r["status"] == "missing_in_child" for r in rows)
    assert got["by_status"]["missing_in_child"] == {
        "rows": n_missing, "judged": n_missing, "right": n_missing - k,
        "pct": round(100 * (n_missing - k) / n_missing, 1)}
    n_only = sum(r["status"] == "only_in_child" for r in rows)
    assert got["by_status"]["only_in_child"]["right"] == n_only - 4
    assert got["by_kind"]["sibling"]["right"] == got["by_kind"]["sibling"]["rows"] - repeats


def test_xlsx_sheet_scores_like_the_csv(sheet, tmp_path):
    rows = read_csv(sheet.with_suffix(".csv"))
    wrong, _ = fill(rows)
    by_id = {r["row_id"]: r for r in rows}
    wb = load_workbook(sheet.with_suffix(".xlsx"))
    ws = wb["audit"]
    head = [c.value for c in ws[1]]
    for line in ws.iter_rows(min_row=2):
        r = by_id[line[0].value]
        for col in FILLED:
            value = r[col]
            line[head.index(col)].value = True if value == "yes" else value or None
    wb.save(tmp_path / "filled.xlsx")
    assert score_rows(read_sheet(tmp_path / "filled.xlsx")) == score_rows(rows)
    assert sorted(score_rows(rows)["wrong_rows"]) == sorted(wrong)


def test_a_finding_reported_twice_counts_wrong(compared, tmp_path):
    folder = tmp_path / "twice"
    shutil.copytree(compared, folder)
    (folder / "siblings.csv").unlink()              # parent findings only
    lines = (folder / "divergences.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    rows0 = divergence_rows(compared)
    with open(folder / "divergences.csv", "a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=list(rows0[0])).writerow(rows0[0])
    rows = sheet_rows(folder)
    assert len(rows) == len(lines)          # the header line gave way to the repeated row
    again = [r for r in rows if r["same_as"]]
    assert [r["same_as"] for r in again] == ["P1"]
    for r in rows:
        r.update({c: "yes" for c in JUDGEMENTS})
    got = score_rows(rows)
    assert got["duplicates"] == 1 and got["wrong_rows"] == [again[0]["row_id"]]
    again[0]["duplicate"] = "no"                 # the auditor overrules it
    assert score_rows(rows)["wrong_rows"] == []


def test_bad_judgement_and_usage_errors(sheet, compared, tmp_path, capsys):
    rows = read_csv(sheet.with_suffix(".csv"))
    for r in rows:
        r.update({c: "yes" for c in JUDGEMENTS})
    rows[0]["status_ok"] = "maybe"
    write_csv(rows, tmp_path / "odd.csv")
    assert main(["audit", "--score", str(tmp_path / "odd.csv")]) == 1
    err = capsys.readouterr().err
    assert f"{rows[0]['row_id']}: status_ok = 'maybe'" in err
    assert main(["audit", str(tmp_path / "nowhere")]) == 2
    assert main(["audit", str(tmp_path)]) == 2                       # no divergences.csv
    assert main(["audit", str(compared), "--score", str(tmp_path / "odd.csv")]) == 2
    (tmp_path / "plain.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["audit", "--score", str(tmp_path / "plain.csv")]) == 2
    assert "no column row_id" in capsys.readouterr().err


def test_carry_keeps_judgements_of_unchanged_findings_only(compared, sheet, tmp_path):
    """A sheet written again after a change: every finding judged before keeps its
    judgement, a finding whose figure changed is left to judge again."""
    rows = read_csv(sheet.with_suffix(".csv"))
    fill(rows)
    rows[0]["note"] = "checked against the source"
    earlier = tmp_path / "earlier.csv"
    write_csv(rows, earlier)
    folder = tmp_path / "changed"
    shutil.copytree(compared, folder)
    div = divergence_rows(folder)
    changed = next(i for i, d in enumerate(div) if d["child_value"])
    div[changed]["child_value"] += "0"                # the child's figure read differently
    with open(folder / "divergences.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(div[0]))
        w.writeheader()
        w.writerows(div)
    base = tmp_path / "again"
    assert main(["audit", str(folder), "-o", str(base), "--carry", str(earlier)]) == 0
    again = read_csv(base.with_suffix(".csv"))
    assert len(again) == len(rows)
    empty = [r for r in again if not any(r[c] for c in JUDGEMENTS)]
    before = {r["row_id"]: r for r in rows}
    assert [r["row_id"] for r in empty] == [f"P{changed + 1}"]
    for r in again:
        if r not in empty and before[r["row_id"]]["status_ok"]:
            assert all(r[c] == before[r["row_id"]][c] for c in ("pairing_ok", "link_ok", "note"))
    assert again[0]["note"] == "checked against the source" or changed == 0
