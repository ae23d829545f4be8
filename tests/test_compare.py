"""Comparison statuses, the seed findings the issue names, siblings, and `vnplan compare`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pandas as pd
import pytest
from conftest import ROOT, SEED_PATHS

import pipeline
from pipeline import cli
from pipeline.linking.compare import CONTRACT_COLUMNS, compare_records
from pipeline.linking.references import BUNDLED_DIR, load_references, records_from_gold
from pipeline.linking.status import pair_status, value_status

SEEDS = SEED_PATHS
DRUGS = [ROOT / "corpus" / "public" / "006_dongnai-182-kh-ubnd-ctmtqg-phong-chong-ma-tuy.txt",
         ROOT / "corpus" / "public" / "007_cantho-153-kh-ubnd-ctmtqg-phong-chong-ma-tuy.txt"]
REFS = BUNDLED_DIR                   # pipeline/data/references


def T(value, comparator="bare", unit="%", deadline="2025", kind="percent", value_max=None):
    return {"value": value, "comparator": comparator, "unit": unit, "deadline": deadline,
            "kind": kind, "value_max": value_max}


def test_value_semantics():
    assert value_status(T(70), T(70, "at_least"))[0] == "equal"          # bare means at least
    assert value_status(T(95, "more_than"), T(95))[0] == "above_parent"   # "trên 95%" > "95%"
    assert value_status(T(95), T(95, "more_than"))[0] == "below_parent"
    assert value_status(T(60, "at_least"), T(70))[0] == "below_parent"
    assert value_status(T(100), T(70, "at_least"))[0] == "above_parent"
    assert value_status(T(50, kind="count", unit="lượt"), T(70))[0] == "not_comparable"
    assert value_status(T(20, "at_most"), T(30, "less_than"))[0] == "above_parent"   # lower cap
    assert value_status(T(20, "at_most"), T(30))[0] == "not_comparable"
    f = dict(kind="frequency", unit="lần/tháng")
    assert value_status(T(1, "range", value_max=2, **f), T(1, "at_least", **f))[0] == "equal"
    assert value_status(T(1, "range", value_max=3, **f), T(2, **f))[0] == "below_parent"
    assert value_status(T(3, "range", value_max=4, **f), T(2, **f))[0] == "above_parent"


def test_deadline_and_period_flags():
    status, reason, flag = pair_status(T(70, deadline="2027"), T(70, deadline="2025"), {})
    assert status == "deadline_later" and "2027" in reason
    status, _, flag = pair_status(T(60, deadline="2027"), T(70, deadline="2025"), {})
    assert status == "below_parent"                       # the worse finding wins
    status, _, flag = pair_status(T(20, "at_least"), T(20, "at_least", deadline="annual"), {})
    assert status == "equal" and flag.startswith("annual_vs_period_end")
    status, _, flag = pair_status(T(100, deadline="2022"), T(70, deadline="2025"), {"period": [2022, 2022]})
    assert status == "above_parent" and "one-year plan" in flag


def find(df, child, phrase, status=None, link=None):
    rows = df[df["child_doc"].str.startswith(child)
              & df["child_quote"].str.contains(phrase, case=False, regex=False)]
    if link:
        rows = rows[rows["link"] == link]
    if status:
        rows = rows[rows["status"] == status]
    return rows


def check_seed_findings(res):
    df = res.divergences
    assert set(CONTRACT_COLUMNS) <= set(df.columns)
    to_ref = df[df["parent_doc"] == "ref:1629/QĐ-TTg"]
    # 003 (Quảng Trị 2022): commune propaganda 100% above the national 70%
    r = find(to_ref, "003", "tuyên truyền", "above_parent")
    assert len(r) >= 1 and (r["parent_value"].str.contains("70")).any()
    assert (r["link"] == "inferred").all()
    # 000 (Bắc Kạn city): 20% inspection equal to the national 20%, flagged annual vs 2025
    r = find(to_ref, "000", "20%", "equal")
    r = r[r["child_value"].str.contains("20%")]      # (a quote is the sentence: one of its targets)
    if r.empty:                                      # gold quotes are anchors without the figure
        r = to_ref[to_ref["child_doc"].str.startswith("000") & (to_ref["status"] == "equal")
                   & to_ref["parent_value"].str.contains("20%")]
    assert len(r) == 1 and r.iloc[0]["period_flag"].startswith("annual_vs_period_end")
    assert r.iloc[0]["parent_value"] == "≥20%"
    # 002's parent 185/KH-UBND: cited, not in the corpus
    assert any(u["child_doc"].startswith("002") and "185/KH-UBND" in (u["number"] or "")
               and u["status"] == "not_in_corpus" for u in res.unresolved)
    # 178/2004/NĐ-CP dated differently by 000 and 001
    assert any(c["number"] == "178/2004/NĐ-CP" and len(c["dates"]) > 1 for c in res.conflicts)
    # 001 (2016-2020 review) is not compared with the 2021-2025 programme
    assert not (df["child_doc"].str.startswith("001") & (df["parent_doc"] == "ref:1629/QĐ-TTg")).any()
    # worst first
    assert list(df["severity_rank"]) == sorted(df["severity_rank"], reverse=True)
    # every parent target shows per child: aligned (with one child target, or with the
    # figures of one sentence over several units) or without a counterpart
    ref_n = len(load_references([REFS])[0]["targets"])
    for child in ("000", "003", "004"):
        mine = to_ref[to_ref["child_doc"].str.startswith(child)]
        quoted = mine[mine["parent_quote"].ne("")]
        assert quoted["parent_quote"].nunique() == ref_n
        assert len(quoted) - ref_n == quoted["scope_note"].str.contains("same sentence").sum()


def test_seed_findings_on_gold():
    recs = [r for r in records_from_gold(ROOT / "corpus" / "gold", ROOT / "corpus" / "seeds")
            if r["doc_id"] in {p.stem for p in SEEDS}]
    check_seed_findings(compare_records(recs, [REFS]))


@pytest.fixture(scope="module")
def real_records(seed_records):
    recs = seed_records + [pipeline.extract_document(p).to_dict() for p in DRUGS]
    assert all(any(r[s] for r in recs) for s in ("targets", "citations"))
    assert any(r["meta"].get("title") for r in recs)
    return recs


@pytest.fixture(scope="module")
def real_result(real_records):
    return compare_records(real_records, [REFS])


def test_seed_findings_on_real_extraction(real_result):
    check_seed_findings(real_result)


def test_drug_plans_are_siblings(real_result):
    """Cần Thơ 153/KH-UBND and Đồng Nai 182/KH-UBND both implement 7619/QĐ-BCA."""
    sib = real_result.siblings
    pair = sib[sib["doc_a"].str.startswith("006") & sib["doc_b"].str.startswith("007")]
    assert (pair["parent_number"].str.replace(" ", "").str.upper() == "7619/QĐ-BCA").all()
    pair = pair[pair["score"].notna()]
    assert len(pair) >= 3, "their shared national indicators should line up"
    # lined-up indicators really are the same: they share their scope noun words
    assert (pair["score"] >= 0.34).all()
    assert any("ma túy" in (a + b).lower() for a, b in zip(pair["quote_a"], pair["quote_b"]))


def test_cli_compare(tmp_path):
    """`vnplan compare` on an extract JSONL (here: the gold seeds) writes the three outputs."""
    recs = [r for r in records_from_gold(ROOT / "corpus" / "gold", ROOT / "corpus" / "seeds")
            if r["doc_id"] in {p.stem for p in SEEDS}]
    jsonl = tmp_path / "seeds.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    out = tmp_path / "report"
    t0 = time.time()
    assert cli.main(["compare", str(jsonl), "--reference", str(REFS), "-o", str(out)]) == 0
    assert time.time() - t0 < 60
    df = pd.read_csv(out / "divergences.csv")
    assert set(CONTRACT_COLUMNS) <= set(df.columns) and len(df) > 10
    assert {"severity", "scope_note", "child_section", "parent_section", "link", "reason"} <= set(df.columns)
    assert set(df["link"]) <= {"direct", "inferred", "sibling"}
    assert (out / "report.xlsx").stat().st_size > 0 and (out / "report.html").stat().st_size > 0
    assert not list(out.glob("*.part"))


def test_cli_compare_extracts_documents(tmp_path):
    """Documents (not a JSONL) are extracted first; a missing --reference folder is an error."""
    out = tmp_path / "r"
    assert cli.main(["compare", str(SEEDS[0]), str(SEEDS[2]), "-o", str(out)]) == 0
    assert (out / "divergences.csv").exists()
    assert cli.main(["compare", str(SEEDS[0]), "--reference", str(tmp_path / "nope"), "-o", str(out)]) == 2


@pytest.mark.slow
def test_cli_compare_from_another_folder(tmp_path):
    """`python -m pipeline compare` reads the bundled references (package data) wherever it
    runs: the same divergences.csv from the repository root and from another folder."""
    recs = [r for r in records_from_gold(ROOT / "corpus" / "gold", ROOT / "corpus" / "seeds")
            if r["doc_id"] in {p.stem for p in SEEDS}]
    jsonl = tmp_path / "seeds.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        x for x in (str(ROOT), os.environ.get("PYTHONPATH")) if x))
    csv = {}
    for name, cwd in (("root", ROOT), ("elsewhere", tmp_path / "elsewhere")):
        cwd.mkdir(exist_ok=True)
        out = tmp_path / f"report-{name}"
        run = subprocess.run([sys.executable, "-m", "pipeline", "compare", str(jsonl),
                              "-o", str(out), "-j", "1"], cwd=cwd, env=env,
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert " 1 references," in run.stderr
        csv[name] = (out / "divergences.csv").read_bytes()
    assert csv["elsewhere"] == csv["root"]
    assert "ref:1629/QĐ-TTg" in csv["root"].decode("utf-8")


def test_bundled_references_are_package_data():
    """The bundled tables live in pipeline/data/references and are named so in the outputs."""
    refs = load_references([BUNDLED_DIR])
    assert [r["doc_id"] for r in refs] == ["ref:1629/QĐ-TTg"]
    assert refs[0]["source"] == "pipeline/data/references/1629-QD-TTg.yaml"
    assert not (ROOT / "corpus" / "references").exists()      # one copy, in the package


def test_user_reference_overrides_bundled(tmp_path):
    """--reference DIR after the bundled folder wins for the same number."""
    import yaml
    data = yaml.safe_load((REFS / "1629-QD-TTg.yaml").read_text(encoding="utf-8"))
    xa = next(t for t in data["targets"] if t["indicator"].startswith("số xã"))
    xa["value"] = 80
    (tmp_path / "mine.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    recs = [r for r in records_from_gold(ROOT / "corpus" / "gold", ROOT / "corpus" / "seeds")
            if r["doc_id"].startswith("000_")]
    refs = load_references([REFS, tmp_path])
    assert len(refs) == 1 and refs[0]["source"].endswith("mine.yaml")
    df = compare_records(recs, refs).divergences
    row = df[df["parent_indicator"].str.startswith("số xã") & (df["child_value"] != "")]
    assert list(row["status"]) == ["below_parent"] and list(row["parent_value"]) == ["≥80%"]
