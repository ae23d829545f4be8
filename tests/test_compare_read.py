"""How `vnplan compare` reads an extract JSONL: lines parsed by msgspec into the fields the
comparison reads give the records a whole parse gives (slimmed alike), lines msgspec refuses
are read by json as before, equal texts and citations are held once, and the records held
are a fraction of the whole records' size."""
from __future__ import annotations

import copy
import json
import sys
import tracemalloc

import pytest
from conftest import ROOT

from pipeline.cli.common import jsonl_records
from pipeline.cli.compare import CITATION_FIELDS, RECORD_FIELDS, UNUSED, Slim, read_inputs
from pipeline.linking.compare import compare_records
from pipeline.linking.objectives import objective_sections, objective_spans
from pipeline.linking.references import BUNDLED_DIR

sys.path.insert(0, str(ROOT / "scripts"))
import scale_corpus  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory, seed_records):
    """The seeds (real records: sha1, sections, citations with their quotes) and 400
    records varied from them, as `vnplan extract` writes a JSONL."""
    path = tmp_path_factory.mktemp("read") / "records.jsonl"
    recs = list(seed_records) + list(scale_corpus.generate(seed_records, 400))
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs),
                    encoding="utf-8")
    return path


def whole_slim(line: str) -> dict:
    """A line parsed whole by json and slimmed as the comparison holds records."""
    return Slim().whole(json.loads(line))


def test_parsed_lines_are_the_whole_records_slimmed(generated):
    lines = generated.read_text(encoding="utf-8").splitlines()
    fast = list(jsonl_records(generated, [], UNUSED, Slim().decode))
    assert len(fast) == len(lines)
    for line, rec in zip(lines, fast):
        assert rec == whole_slim(line)
    # what is left out: agencies, citation places, sections that state no objectives
    full = [json.loads(line) for line in lines]
    assert sum(bool(r["agencies"]) for r in full) > 100
    assert all(r["agencies"] == [] for r in fast)
    assert all(set(r) <= set(RECORD_FIELDS) for r in fast)
    assert all(set(c) <= set(CITATION_FIELDS) for r in fast for c in r["citations"])
    assert any(set(c) - set(CITATION_FIELDS) for r in full for c in r["citations"])
    kept = sum(len(r["sections"]) for r in fast)
    assert 0 < kept < sum(len(r["sections"]) for r in full) / 3
    # the spans a no_figure row reads from are those of the whole record
    assert sum(bool(objective_spans(r)) for r in full) > 100
    for whole, rec in zip(full, fast):
        assert objective_spans(rec) == objective_spans(whole)
        assert objective_sections(rec, tops=True) == rec["sections"]


def test_lines_msgspec_refuses_are_read_by_json_as_before(generated, tmp_path):
    """NaN, a number beyond 64 bits, a lone surrogate, a heading json reads: each line is
    the record json gives; lines that are no record fail with json's words."""
    base = json.loads(generated.read_text(encoding="utf-8").splitlines()[0])
    odd = copy.deepcopy(base)
    odd["targets"][0]["value"] = float("nan")
    big = copy.deepcopy(base)
    big["targets"][0]["value"] = 10 ** 30
    lone = copy.deepcopy(base)
    lone["meta"]["title"] = "plan \ud800"
    heading = copy.deepcopy(base)
    heading["sections"][0]["heading"] = "MỤC TIÊU \udfff"
    lines = [json.dumps(r, ensure_ascii=False) for r in (odd, big)]
    lines += [json.dumps(r) for r in (lone, heading)]          # \ud800 escaped: valid JSON
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(lines + ['{"doc_id": "x", "meta": {}, "targets": [1,]}',
                                       '{"doc_id": "cut']) + "\n", encoding="utf-8")
    failures: list = []
    recs = list(jsonl_records(path, failures, UNUSED, Slim().decode, Slim().whole))
    assert len(recs) == 4
    for line, rec in zip(lines, recs):
        want = whole_slim(line)
        assert json.dumps(rec, sort_keys=True) == json.dumps(want, sort_keys=True)
    assert recs[1]["targets"][0]["value"] == 10 ** 30
    assert type(recs[1]["targets"][0]["value"]) is int
    assert recs[3]["sections"][0]["heading"] == "MỤC TIÊU \udfff"
    assert [f["source"] for f in failures] == [f"{path}, line 5", f"{path}, line 6"]
    assert failures[0]["error"].startswith("not valid JSON (expecting value at character")


def test_equal_citations_and_texts_are_held_once(generated):
    recs = read_inputs([generated])
    cits = [c for r in recs for c in r["citations"]]
    assert len({id(c) for c in cits}) < len(cits) / 2
    assert len({tuple(c.items()) for c in cits}) == len({id(c) for c in cits})
    quotes = [t["quote"] for r in recs for t in r["targets"]]
    assert len({id(q) for q in quotes}) == len(set(quotes))
    # the comparison reads records, never changes them: a shared citation stays as read
    before = json.dumps(recs, sort_keys=True)
    compare_records(recs, [BUNDLED_DIR])
    assert json.dumps(recs, sort_keys=True) == before


def test_records_held_are_a_fraction_of_the_whole_records(generated):
    lines = generated.read_text(encoding="utf-8").splitlines()

    def allocated(make):
        tracemalloc.start()
        try:
            kept = make()
            size, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert kept
        return size

    whole = allocated(lambda: [json.loads(line) for line in lines])
    held = allocated(lambda: read_inputs([generated]))
    assert held < whole / 4
