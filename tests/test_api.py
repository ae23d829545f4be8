"""The pandas-first Python API: pipeline.extract / pipeline.load -> Corpus."""
import json
import shutil

import pandas as pd
import pytest
from conftest import ROOT

import pipeline
from pipeline.document import Document
from pipeline.output import tables

INPUTS = [ROOT / "corpus/seeds", ROOT / "corpus/public/006_dongnai-182-kh-ubnd-ctmtqg-phong-chong-ma-tuy.txt"]
META = ("doc_type", "number", "issuer", "level", "province", "date", "period", "title")


@pytest.fixture(scope="module")
def corpus():
    return pipeline.extract(INPUTS)


def test_three_ways_in_are_documented():
    doc = pipeline.__doc__
    for way in ("pipeline.extract_document(", "pipeline.extract(", "pipeline.load(", "vnplan extract"):
        assert way in doc
    assert "Corpus" in pipeline.__all__ and "load" in pipeline.__all__
    assert callable(pipeline.extract) and pipeline.extract.__doc__


def test_dataframes_and_columns(corpus):
    recs = corpus.records
    assert len(recs) == 6 and len(corpus) == 6
    docs = corpus.documents
    assert list(docs["doc_id"]) == [r["doc_id"] for r in recs]
    for col in ("doc_id", "source", "sha1", "errors", "n_targets") + META:
        assert col in docs.columns, col
    assert list(docs["level"]) == [r["meta"]["level"] for r in recs]
    expected = {
        "sections": ("path", "heading", "level", "start", "end"),
        "targets": ("section", "kind", "value", "value_max", "unit", "comparator", "deadline",
                    "indicator", "quote", "start", "end"),
        "agencies": ("name", "canonical", "sector", "role", "section", "quote"),
        "citations": ("doc_type", "number", "date", "issuer", "title", "role", "quote",
                      "start", "end"),
    }
    for name, cols in expected.items():
        df = getattr(corpus, name)
        assert isinstance(df, pd.DataFrame)
        assert len(df) == sum(len(r[name]) for r in recs), name
        assert df.columns[0] == "doc_id"
        assert set(df["doc_id"]) <= set(docs["doc_id"])
        if len(df):
            for col in cols:
                assert col in df.columns, (name, col)
    assert len(corpus.targets) and len(corpus.sections)


def test_load_gives_the_same_frames(corpus, tmp_path):
    corpus.to_jsonl(tmp_path / "c.jsonl")
    corpus.to_tables(tmp_path / "pq", "parquet")
    from_jsonl = pipeline.load(tmp_path / "c.jsonl")
    from_parquet = pipeline.load(tmp_path / "pq")
    assert from_jsonl.records == json.loads(json.dumps(corpus.records, ensure_ascii=False))
    assert from_parquet.records == from_jsonl.records
    for name in tables.TABLES:
        pd.testing.assert_frame_equal(getattr(from_parquet, name), getattr(from_jsonl, name),
                                      check_dtype=False)


def test_doc_reextracts_with_a_spacy_doc(corpus):
    rec = corpus.records[-1]
    doc = corpus.doc(rec["doc_id"])
    assert isinstance(doc, Document)
    assert doc.to_dict()["targets"] == rec["targets"]
    sp = doc.spacy
    assert sp.text == doc.text and sp._.vnplan is doc
    assert len(sp.spans["targets"]) == len(doc.targets)
    for span in sp.spans["targets"]:
        t = span._.record
        assert any(t is x for x in doc.targets)
        assert doc.text[t.start:t.end].strip() in span.text or span.text in doc.text[t.start:t.end]
    with pytest.raises(KeyError):
        corpus.doc("no-such-document")


def test_doc_rebuilt_when_the_source_is_gone(corpus, tmp_path):
    src = ROOT / "corpus/seeds/004_14e5e5d2c5264b72.txt"
    copy = tmp_path / src.name
    shutil.copy(src, copy)
    one = pipeline.extract(copy)
    copy.unlink()
    doc = one.doc(one.records[0]["doc_id"], spacy=False)
    assert doc.text == "" and doc.meta.to_dict() == one.records[0]["meta"]
    assert [t.to_dict() for t in doc.targets] == one.records[0]["targets"]
    assert any("rebuilt" in e for e in doc.errors)


def test_compare_returns_divergences(corpus):
    df = corpus.compare()                  # the bundled references (pipeline/data/references)
    assert isinstance(df, pd.DataFrame)
    for col in ("child_doc", "parent_doc", "indicator", "child_value", "parent_value", "status"):
        assert col in df.columns
    assert set(df["child_doc"].dropna()) <= set(corpus.documents["doc_id"])
