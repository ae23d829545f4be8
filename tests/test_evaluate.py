"""The evaluation harness: matcher self-tests on the gold files, and a real run on the seeds."""
import copy
import json

import pytest
from conftest import ROOT

from pipeline import evaluate as ev
from pipeline.evaluate.gold import gold_to_record, load_gold_dir

GOLD = ROOT / "corpus" / "gold"
SEEDS = ROOT / "corpus" / "seeds"


@pytest.fixture(scope="module")
def golds():
    return load_gold_dir(GOLD)


@pytest.fixture(scope="module")
def gold_records(golds):
    return [gold_to_record(g) for g in golds.values()]


def test_gold_against_itself_is_perfect(golds, gold_records):
    report = ev.evaluate(gold_records, golds)
    assert set(report.documents) == set(golds)
    for kind in ev.KINDS:
        o = report.overall[kind]
        assert o["fp"] == 0 and o["fn"] == 0, (kind, o)
        assert o["f1"] == 1.0
        for a, v in o["attributes"].items():
            assert v["accuracy"] in (None, 1.0), (kind, a, v)
    for f, v in report.overall["meta"].items():
        assert v["correct"] == v["total"], f


def _one(golds, doc_id):
    return gold_to_record(golds[doc_id])


def test_optional_items_are_neutral(golds):
    doc_id = "001_d52c853b74dbc7ea"
    gold = golds[doc_id]
    optional = [i for i, t in enumerate(gold["targets"]) if t.get("optional")]
    assert optional, "seed 001 has an optional target"
    full = _one(golds, doc_id)
    found = ev.evaluate([full], {doc_id: gold}).documents[doc_id]["targets"]
    assert found["fp"] == 0 and found["fn"] == 0 and len(found["neutral"]) == len(optional)
    required = sum(not t.get("optional") for t in gold["targets"])
    assert found["tp"] == required
    rec = copy.deepcopy(full)
    rec["targets"] = [t for i, t in enumerate(rec["targets"]) if i not in optional]
    missed = ev.evaluate([rec], {doc_id: gold}).documents[doc_id]["targets"]
    assert missed["fn"] == 0 and missed["tp"] == required


def test_wrong_value_is_a_miss_and_a_false_positive(golds):
    doc_id = "000_c3abb955b2b52a40"
    rec = _one(golds, doc_id)
    rec["targets"][0]["value"] = 71
    t = ev.evaluate([rec], {doc_id: golds[doc_id]}).documents[doc_id]["targets"]
    assert t["fn"] == 1 and t["fp"] == 1
    assert t["recall"] < 1.0


def test_anchor_must_be_in_quote_or_indicator(golds):
    doc_id = "000_c3abb955b2b52a40"
    rec = _one(golds, doc_id)
    rec["targets"][0]["quote"] = rec["targets"][0]["indicator"] = "một câu khác hẳn"
    t = ev.evaluate([rec], {doc_id: golds[doc_id]}).documents[doc_id]["targets"]
    assert t["fn"] == 1


def test_ranges_and_attributes():
    gold = {"value": [1, 2], "anchor": "1 - 2 lần", "unit": "lần/tháng", "kind": "frequency",
            "comparator": "range", "deadline": "2022", "section": "V.10"}
    pred = {"value": 1, "value_max": 2, "quote": "định kỳ 1 tháng đăng từ 1 - 2 lần",
            "unit": "lần / tháng", "kind": "frequency", "comparator": "range",
            "deadline": "2022", "section": "V.10"}
    assert ev.match_target(gold, pred) == len(ev.ATTRIBUTES["targets"])
    assert ev.match_target(gold, dict(pred, value_max=None)) is None
    assert ev.match_target(dict(gold, value=1), dict(pred, value_max=None)) is not None


def test_agency_and_citation_folding():
    g = {"name": "Ủy ban nhân dân tỉnh Quảng Trị", "role": "lead", "sector": "local-government"}
    assert ev.match_agency(g, {"name": "UBND tỉnh Quảng Trị", "canonical": "", "role": "lead",
                                "sector": "local-government"})
    assert ev.match_agency(g, {"name": "Uỷ ban nhân dân tỉnh Quảng Trị", "role": "lead"})
    lab = {"name": "Sở Lao động - Thương binh và Xã hội", "role": "lead"}
    assert ev.match_agency(lab, {"name": "Sở LĐ-TB&XH",
                                  "canonical": "Sở Lao động-Thương binh và Xã hội"})
    assert ev.match_agency(lab, {"name": "Sở Y tế", "canonical": "Sở Y tế"}) is None
    c = {"number": "242/VPCP-KGVX", "role": ["basis", "parent"], "date": "2020-03-28"}
    assert ev.match_citation(c, {"number": "242/VPCP- KGVX", "role": "parent",
                                  "date": "2020-03-28"}) == 1 + len(ev.ATTRIBUTES["citations"])
    assert ev.match_citation(c, {"number": "243/VPCP-KGVX"}) is None
    law = {"number": None, "doc_type": "Pháp lệnh", "title": "Pháp lệnh Phòng, chống mại dâm"}
    assert ev.match_citation(law, {"number": None, "doc_type": "Pháp lệnh",
                                    "title": "Phòng, chống mại dâm"})


def test_baseline_diff_shows_a_removed_target(golds, tmp_path):
    doc_id = "004_14e5e5d2c5264b72"
    full = _one(golds, doc_id)
    less = copy.deepcopy(full)
    removed = less["targets"].pop(2)
    base = ev.evaluate([full], {doc_id: golds[doc_id]}).to_dict()
    new = ev.evaluate([less], {doc_id: golds[doc_id]}).to_dict()
    diff = ev.diff_reports(base, new)
    assert len(diff["lost"]) == 1 and not diff["found"]
    assert diff["lost"][0][:2] == (doc_id, "targets")
    assert removed["quote"] in diff["lost"][0][2]
    assert diff["metrics"]["targets"]["recall"] < 0
    back = ev.diff_reports(new, base)
    assert len(back["found"]) == 1 and not back["lost"]


def test_real_run_on_the_seeds(seed_records, golds):
    report = ev.evaluate(seed_records, golds)
    seeds = {p.stem for p in SEEDS.glob("*.txt")}
    assert seeds <= set(report.documents)
    for doc in report.documents.values():
        for kind in ev.KINDS:
            for m in ("precision", "recall", "f1"):
                assert 0.0 <= doc[kind][m] <= 1.0
    # the section tree is in place: most gold sections are found
    assert report.overall["sections"]["recall"] >= 0.9
    table = report.table()
    assert "OVERALL" in table and "000_c3abb955b2b52a40" in table


@pytest.mark.slow
def test_command_line_json_and_baseline(seed_records, tmp_path, capsys):
    from pipeline.cli import main
    jsonl = tmp_path / "seeds.jsonl"
    with open(jsonl, "w", encoding="utf-8") as fh:
        for r in seed_records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    first = tmp_path / "base.json"
    assert main(["evaluate", "--gold", str(GOLD), str(jsonl), "--json", str(first)]) == 0
    data = json.loads(first.read_text(encoding="utf-8"))
    assert "000_c3abb955b2b52a40" in data["documents"]
    # drop the first extracted section of seed 000 and compare with the baseline
    trimmed = tmp_path / "trimmed.jsonl"
    with open(trimmed, "w", encoding="utf-8") as fh:
        for r in seed_records:
            r = dict(r)
            if r["doc_id"].startswith("000_c3abb955b2b52a40."):
                r["sections"] = r["sections"][1:]
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    capsys.readouterr()
    assert main(["evaluate", "--gold", str(GOLD), str(trimmed), "--baseline", str(first)]) == 0
    out = capsys.readouterr().out
    assert "newly lost: 1" in out and "QUAN ĐIỂM, MỤC TIÊU" in out
