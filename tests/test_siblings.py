"""Siblings apart: their own table and vocabulary, same level, overlapping periods."""
from __future__ import annotations

import copy

import pytest
from conftest import ROOT

import pipeline
from pipeline.linking.compare import compare_records
from pipeline.linking.references import BUNDLED_DIR
from pipeline.linking.siblings import SIBLING_COLUMNS, SIBLING_STATUSES

PUBLIC = ROOT / "corpus" / "public"
DRUGS = [PUBLIC / "006_dongnai-182-kh-ubnd-ctmtqg-phong-chong-ma-tuy.txt",
         PUBLIC / "007_cantho-153-kh-ubnd-ctmtqg-phong-chong-ma-tuy.txt"]


@pytest.fixture(scope="module")
def drugs():
    return [pipeline.extract_document(p).to_dict() for p in DRUGS]


def test_drug_plans_side_by_side(drugs):
    """Đồng Nai 182/KH-UBND and Cần Thơ 153/KH-UBND (provinces, 2025-2030, both implementing
    7619/QĐ-BCA): aligned pairs in the sibling vocabulary, unmatched targets of both sides
    listed, each plan named with number, level, province and period; no sibling row among
    the parent findings."""
    res = compare_records(drugs, [BUNDLED_DIR])
    sib = res.siblings
    assert list(sib.columns) == SIBLING_COLUMNS
    assert set(sib["status"]) <= set(SIBLING_STATUSES)
    assert {"same", "only_in_a", "only_in_b"} <= set(sib["status"])
    assert (sib["parent_number"] == "7619/QĐ-BCA").all()
    assert set(sib["number_a"]) == {"182/KH-UBND"} and set(sib["number_b"]) == {"153/KH-UBND"}
    assert set(sib["province_a"]) == {"Đồng Nai"} and set(sib["province_b"]) == {"Cần Thơ"}
    assert set(sib["level_a"]) == set(sib["level_b"]) == {"province"}
    assert set(sib["period_a"]) == set(sib["period_b"]) == {"2025-2030"}
    only_a = sib[sib["status"] == "only_in_a"]
    assert (only_a["quote_a"] != "").all() and (only_a["quote_b"] == "").all()
    # every valued target of A shows once: paired or only_in_a
    n_a = sum(1 for t in drugs[0]["targets"] if t["kind"] != "deadline" and t["value"] is not None)
    assert (sib["quote_a"] != "").sum() == n_a
    same = sib[sib["status"] == "same"]
    assert (same["value_a_num"] == same["value_b_num"]).all() and same["value_a_num"].dtype.kind == "f"
    df = res.divergences
    assert "sibling" not in set(df["link"])
    assert not set(df["status"]) & {"higher_than_sibling", "lower_than_sibling", "only_in_a"}


def test_higher_and_lower(drugs):
    """A sibling that raises a shared figure is higher_than_sibling, and the other lower."""
    a, b = copy.deepcopy(drugs)
    res = compare_records([a, b], [BUNDLED_DIR])
    same = res.siblings[res.siblings["status"] == "same"].iloc[0]
    text = pipeline.extract_document(DRUGS[1]).text
    quote = same["quote_b"]
    assert quote in text
    raised = quote.replace(f"{same['value_b_num']:g}%", f"{same['value_b_num'] + 1:g}%" if
                           same["value_b_num"] < 99 else f"{same['value_b_num'] - 1:g}%")
    assert raised != quote
    b2 = pipeline.from_text(text.replace(quote, raised), doc_id="b2", source="b2.txt").to_dict()
    sib = compare_records([a, b2], [BUNDLED_DIR]).siblings
    row = sib[sib["quote_b"] == raised].iloc[0]
    want = "lower_than_sibling" if same["value_b_num"] < 99 else "higher_than_sibling"
    assert row["status"] == want, row["reason"]


def test_only_same_level_and_overlapping_periods(drugs, seed_records):
    """The seeds' district plan 000 (2022-2025) and provincial plan 003 (2022) both sit
    under 1629/QĐ-TTg, but are not siblings (other levels); the drug plans stop being
    siblings when one's period moves past the other's, or its level changes."""
    res = compare_records(list(seed_records), [BUNDLED_DIR])
    under = {l["child_doc"][:3] for l in res.links
             if l["parent_number"] == "1629/QĐ-TTg" and l["role"] == "parent"}
    assert {"000", "003"} <= under
    assert not len(res.siblings[res.siblings["doc_a"].str.startswith("000")
                                & res.siblings["doc_b"].str.startswith("003")])
    later = copy.deepcopy(drugs[1])
    later["meta"]["period"] = [2031, 2035]
    assert not len(compare_records([drugs[0], later], [BUNDLED_DIR]).siblings)
    lower = copy.deepcopy(drugs[1])
    lower["meta"]["level"] = "district"
    assert not len(compare_records([drugs[0], lower], [BUNDLED_DIR]).siblings)
    overlapping = copy.deepcopy(drugs[1])
    overlapping["meta"]["period"] = [2030, 2035]
    assert len(compare_records([drugs[0], overlapping], [BUNDLED_DIR]).siblings)


TECH = [PUBLIC / "003_dongthap-617-kh-ubnd-chuyen-doi-so-dn.txt",
        PUBLIC / "014_dongthap-552-kh-ubnd-doi-moi-cong-nghe-2035.txt"]


def test_milestone_due_in_the_same_year(tmp_path):
    """Đồng Tháp 617/KH-UBND gives one indicator as five dated milestones (2025 … 2045);
    552/KH-UBND (same parent 283/KH-UBND) one figure by 2035.  The pair compares the
    milestones due in the same year and names the others, which are not listed as
    unmatched; moving 552's figure to 2030 (a constructed variant) moves the pair."""
    a, b = [pipeline.extract_document(p).to_dict() for p in TECH]
    sib = compare_records([a, b], [BUNDLED_DIR]).siblings
    paired = sib[sib["score"].notna()]
    assert len(paired) >= 1
    row = paired.iloc[0]
    assert row["deadline_a"] == row["deadline_b"] == "2035", row.to_dict()
    assert row["reason"].count(" by 20") == 4 and "other milestones" in row["reason"]
    assert not (sib.loc[sib["status"] == "only_in_a", "indicator_a"] == row["indicator_a"]).any()
    text = pipeline.extract_document(TECH[1]).text
    heading = next(line for line in text.splitlines() if "2.2." in line)
    assert "2035" in heading or "2035" in text[text.index(heading):text.index(heading) + 40]
    start = text.index(heading)
    variant = text[:start] + text[start:start + 40].replace("2035", "2030", 1) + text[start + 40:]
    b2 = pipeline.from_text(variant, doc_id="552-variant", source="552-variant.txt").to_dict()
    sib2 = compare_records([a, b2], [BUNDLED_DIR]).siblings
    row2 = sib2[(sib2["score"].notna()) & (sib2["quote_b"] == row["quote_b"])].iloc[0]
    assert row2["deadline_a"] == row2["deadline_b"] == "2030"
    assert row2["value_a_num"] < row["value_a_num"]
