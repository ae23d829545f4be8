"""Document identity (issue 13): a doc_id per input, unique and stable; the same text under
several names or formats reported as ``duplicate_of``, never merged or counted twice."""
from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from conftest import GOLD, ROOT, SEED_PATHS

import pipeline
from pipeline.api.corpus import Corpus
from pipeline.evaluate import evaluate
from pipeline.evaluate.gold import load_gold
from pipeline.linking.compare import compare_records
from pipeline.run import batch

BAC_KAN = SEED_PATHS[0]             # 000_...: UBND thành phố Bắc Kạn
OTHER = SEED_PATHS[2]               # 002_...: another issuer


def sha8(path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()[:8]


def records(*inputs, jobs=1):
    return list(batch.records([str(i) for i in inputs], jobs=jobs))


def test_same_file_name_in_two_folders_is_two_documents(tmp_path):
    """`a/kehoach.txt` and `b/kehoach.txt` were one doc_id "kehoach": one plan with the
    other's issuer and both plans' parents."""
    for sub, seed in (("a", BAC_KAN), ("b", OTHER)):
        (tmp_path / sub).mkdir()
        shutil.copy(seed, tmp_path / sub / "kehoach.txt")
    recs = records(tmp_path)
    a, b = tmp_path / "a" / "kehoach.txt", tmp_path / "b" / "kehoach.txt"
    assert [r["doc_id"] for r in recs] == [f"a/kehoach.txt@{sha8(a)}", f"b/kehoach.txt@{sha8(b)}"]
    assert [r["meta"]["issuer"] for r in recs] == [
        pipeline.extract_document(s).meta.issuer for s in (BAC_KAN, OTHER)]
    assert recs[0]["meta"]["issuer"] != recs[1]["meta"]["issuer"]
    assert [r["duplicate_of"] for r in recs] == [None, None]
    res = compare_records(recs, references=[])
    assert {r["doc_id"] for r in recs} <= set(res.records)
    assert set(Corpus(recs).documents["doc_id"]) == {r["doc_id"] for r in recs}


def test_doc_id_is_the_path_from_the_input_root_and_a_content_hash(tmp_path):
    sub = tmp_path / "plans"
    sub.mkdir()
    f = sub / "kehoach.txt"
    shutil.copy(BAC_KAN, f)
    walked = records(tmp_path)[0]["doc_id"]
    assert walked == f"plans/kehoach.txt@{sha8(f)}"
    assert records(tmp_path)[0]["doc_id"] == walked                     # stable
    assert records(sub)[0]["doc_id"] == f"kehoach.txt@{sha8(f)}"
    assert records(f)[0]["doc_id"] == pipeline.extract_document(f).doc_id == f"kehoach.txt@{sha8(f)}"
    f.write_bytes(f.read_bytes() + "\nHết.\n".encode())                # new content, new id
    assert records(tmp_path)[0]["doc_id"] == f"plans/kehoach.txt@{sha8(f)}" != walked


def test_a_manifest_still_sets_the_id_and_ids_stay_unique(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(BAC_KAN if sub == "a" else OTHER, tmp_path / sub / f"{sub}.txt")
        (tmp_path / sub / "index.jsonl").write_text(
            json.dumps({"file": f"{sub}.txt", "doc_id": "my-plan"}) + "\n", encoding="utf-8")
    recs = records(tmp_path)
    assert [r["doc_id"] for r in recs] == ["my-plan", "my-plan~2"]
    # the same file named twice: two records, the second a duplicate of the first
    twice = records(BAC_KAN, BAC_KAN)
    first = f"{BAC_KAN.name}@{sha8(BAC_KAN)}"
    assert [r["doc_id"] for r in twice] == [first, first + "~2"]
    assert [r["duplicate_of"] for r in twice] == [None, first]


def test_same_text_under_other_names_is_reported_and_counted_once(tmp_path):
    """plan.txt, plan.md and copy/plan.txt: three records (every input has one), two of
    them `duplicate_of` the first; the comparison counts the plan once."""
    (tmp_path / "copy").mkdir()
    for name in ("plan.txt", "plan.md", "copy/plan.txt"):
        shutil.copy(BAC_KAN, tmp_path / name)
    (tmp_path / "plan.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    recs = records(tmp_path)
    ids = [r["doc_id"] for r in recs]
    assert len(set(ids)) == 4
    by_name = {i.split("@")[0]: r for i, r in zip(ids, recs)}
    first = by_name["plan.md"]["doc_id"]                       # the first with this text
    assert by_name["plan.md"]["duplicate_of"] is None
    assert by_name["plan.txt"]["duplicate_of"] == by_name["copy/plan.txt"]["duplicate_of"] == first
    assert by_name["plan.doc"]["errors"] and by_name["plan.doc"]["duplicate_of"] is None
    assert by_name["plan.txt"]["targets"] == by_name["plan.md"]["targets"]     # not merged

    once = compare_records(records(BAC_KAN)).divergences
    thrice = compare_records(recs).divergences
    assert len(once) and len(thrice) == len(once)
    assert set(thrice["child_doc"]) == {first}

    corpus = Corpus(recs)
    assert corpus.doc(by_name["plan.txt"]["doc_id"], spacy=False).doc_id == by_name["plan.txt"]["doc_id"]
    with pytest.raises(KeyError, match="plan.doc@"):
        corpus.record("plan")           # the failed .doc and the plan: which one? say so
    assert corpus.record("plan.doc")["errors"]
    assert corpus.record("copy/plan.txt") is by_name["copy/plan.txt"]


def test_doc_by_a_unique_stem(tmp_path):
    shutil.copy(BAC_KAN, tmp_path / BAC_KAN.name)
    shutil.copy(OTHER, tmp_path / OTHER.name)
    corpus = Corpus(records(tmp_path))
    doc = corpus.doc(BAC_KAN.stem, spacy=False)
    assert doc.doc_id == f"{BAC_KAN.name}@{sha8(BAC_KAN)}" and doc.text
    with pytest.raises(KeyError, match="no document"):
        corpus.doc("no-such-plan")


@pytest.mark.slow
def test_one_plan_in_three_formats_is_one_document(tmp_path):
    """plan.txt, plan.pdf, plan.docx (the same text) and plan.doc (refused): four records,
    four ids; the PDF and the text are duplicates of the DOCX (first in order)."""
    from render import render_docx, render_pdf
    lines = BAC_KAN.read_text(encoding="utf-8").splitlines()
    shutil.copy(BAC_KAN, tmp_path / "plan.txt")
    render_docx(lines, tmp_path / "plan.docx")
    render_pdf(lines, tmp_path / "plan.pdf")
    (tmp_path / "plan.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    recs = records(tmp_path)
    names = [r["doc_id"].split("@")[0] for r in recs]
    assert names == ["plan.doc", "plan.docx", "plan.pdf", "plan.txt"]
    docx = recs[1]["doc_id"]
    assert [r["duplicate_of"] for r in recs] == [None, None, docx, docx]
    once = compare_records(recs[1:2]).divergences
    assert len(compare_records(recs).divergences) == len(once) > 0


def test_evaluate_finds_gold_files_by_file_stem(tmp_path):
    """Gold files are named `<file stem>.yaml`; records are scored against them whatever
    folder the file was walked from."""
    (tmp_path / "x").mkdir()
    shutil.copy(BAC_KAN, tmp_path / "x" / BAC_KAN.name)
    recs = records(tmp_path)
    assert recs[0]["doc_id"].startswith(f"x/{BAC_KAN.name}@")
    golds = {p.stem: load_gold(GOLD / f"{p.stem}.yaml") for p in (BAC_KAN, OTHER)}
    report = evaluate(recs, golds)
    assert list(report.documents) == [BAC_KAN.stem] and report.unscored == []
    assert report.missing == [OTHER.stem]


@pytest.mark.slow
def test_evaluate_command_on_folders(capsys):
    from pipeline.cli import main
    assert main(["evaluate", "--gold", str(GOLD), str(ROOT / "corpus" / "seeds")]) == 0
    out = capsys.readouterr().out
    for p in SEED_PATHS:
        assert p.stem[:20] in out
