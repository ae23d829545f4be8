"""Errors in plain words, with the file path, and one meaning of the exit status for
`extract`, `compare` and `evaluate` (issue 13, "Errors"): 0 clean, 1 some input failed
(named on stderr and, for compare, in the report), 2 a usage error found before anything is
written (an input not found, nothing to process, an output path that cannot be written as
asked)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLD, ROOT, SEED_PATHS
from openpyxl import load_workbook

import pipeline
from pipeline import cli
from pipeline.cli import compare as compare_cli
from pipeline.output import tables
from pipeline.run.inputs import DOCUMENT_SUFFIXES

# what a message must not show: a traceback, an exception's name, an errno
INTERNALS = re.compile(r"Traceback|\b[A-Z]\w*(Error|Exception)\b|Errno|\bFile \"")
SEED = SEED_PATHS[0]


def vnplan(capsys, *args):
    """`vnplan ARGS` in this process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    rc = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert not INTERNALS.search(err), err
    return rc, out, err


def write_jsonl(path, records, extra_lines=()):
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_doc(tmp_path):
    """A short plan, quick to extract."""
    p = tmp_path / "docs" / "plan.txt"
    p.parent.mkdir()
    p.write_text("KẾ HOẠCH\nThực hiện chương trình\nI. MỤC TIÊU\n"
                 "- Đến năm 2025, tỷ lệ xã có điểm truy cập Internet công cộng đạt 80%.\n",
                 encoding="utf-8")
    return p


# ---- compare: malformed JSONL, failed inputs listed ----------------------------------------

def test_compare_on_malformed_jsonl_lists_the_bad_lines(tmp_path, capsys, seed_records):
    """Today: a raw JSONDecodeError traceback.  Now every good record is compared, each bad
    line is named (file and line) on stderr, in report.html and in report.xlsx, exit 1."""
    bad = ['{"doc_id": "cut', "not json at all", "[1, 2]", '{"meta": {}}']
    jsonl = write_jsonl(tmp_path / "recs.jsonl", seed_records[:2], bad)
    jsonl.write_bytes(jsonl.read_bytes() + b"\xff\xfe{}\n")
    out = tmp_path / "report"
    rc, _, err = vnplan(capsys, "compare", jsonl, "-o", out, "-j", "1")
    assert rc == 1
    for n in (3, 4, 5, 6, 7):
        assert f"{jsonl}, line {n}:" in err
    assert "not valid JSON" in err and "not UTF-8 text" in err and "no doc_id" in err
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="failed-inputs"' in html and f"{jsonl}, line 4" in html
    assert "2 documents" in html
    rows = list(load_workbook(out / "report.xlsx")["failed_inputs"].values)
    assert rows[0] == ("source", "doc_id", "error") and len(rows) == 1 + 5


def test_compare_names_inputs_that_failed(tmp_path, capsys, seed_records, small_doc):
    """Today: exit 0 and not a word.  A document that cannot be read is named on stderr, in
    the report (html section, xlsx sheet), and the exit status is 1."""
    empty = small_doc.parent / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "report"
    rc, _, err = vnplan(capsys, "compare", small_doc.parent, "-o", out, "-j", "1")
    assert rc == 1
    assert "1 input failed" in err and f"{empty}: the file is empty" in err
    assert str(empty) in (out / "report.html").read_text(encoding="utf-8")
    sheet = load_workbook(out / "report.xlsx")["failed_inputs"]
    source, doc_id = [c.value for c in sheet[2]][:2]
    assert source == str(empty) and doc_id.startswith("empty.txt@")


def test_clean_compare_has_no_failed_section(tmp_path, capsys, seed_records):
    jsonl = write_jsonl(tmp_path / "recs.jsonl", seed_records[:2])
    rc, _, err = vnplan(capsys, "compare", jsonl, "-o", tmp_path / "r", "-j", "1")
    assert rc == 0 and "failed" not in err
    assert "failed-inputs" not in (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "failed_inputs" not in load_workbook(tmp_path / "r" / "report.xlsx").sheetnames


@pytest.mark.slow
def test_compare_malformed_jsonl_as_a_user_sees_it(tmp_path):
    """The real command line: one plain line per bad line, no traceback."""
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_text('{"doc_id": "a"\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline", "compare", str(jsonl), "-o",
                          str(tmp_path / "r"), "-j", "1"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert not INTERNALS.search(run.stderr), run.stderr
    assert f"{jsonl}, line 1: not valid JSON" in run.stderr


# ---- usage errors: exit 2, nothing written ----------------------------------------------

@pytest.mark.parametrize("command", ["extract", "compare", "evaluate"])
def test_missing_input_is_a_usage_error(command, tmp_path, capsys):
    """Today: extract says only "1 input(s) had errors", compare and evaluate exit 0."""
    missing = tmp_path / "does" / "not" / "exist.txt"
    out = tmp_path / "out.jsonl" if command == "extract" else tmp_path / "out"
    args = {"extract": ["-o", out], "compare": ["-o", out], "evaluate": ["--gold", GOLD]}
    rc, stdout, err = vnplan(capsys, command, SEED, missing, *args[command])
    assert rc == 2
    assert f"vnplan {command}: input not found: {missing}" in err
    assert not out.exists() and not stdout


@pytest.mark.parametrize("command", ["extract", "compare", "evaluate"])
def test_nothing_to_process_is_a_usage_error(command, tmp_path, capsys):
    """Today: an empty folder gives exit 0 (and for extract an empty output file)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.xlsx").write_bytes(b"not a plan")
    out = tmp_path / "out.jsonl" if command == "extract" else tmp_path / "out"
    args = {"extract": ["-o", out], "compare": ["-o", out], "evaluate": ["--gold", GOLD]}
    rc, stdout, err = vnplan(capsys, command, empty, *args[command])
    assert rc == 2 and "nothing to process" in err and str(empty) in err
    assert not out.exists() and not stdout


def test_an_empty_folder_beside_documents_is_named(tmp_path, capsys, small_doc):
    empty = tmp_path / "empty"
    empty.mkdir()
    rc, _, err = vnplan(capsys, "extract", empty, small_doc, "-o", tmp_path / "o.jsonl", "-q")
    listed = " ".join(sorted(DOCUMENT_SUFFIXES))         # every suffix a reader takes
    assert rc == 0 and f"no documents ({listed}) in {empty}" in err
    assert len((tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_compare_on_an_empty_jsonl_is_nothing_to_process(tmp_path, capsys):
    jsonl = tmp_path / "none.jsonl"
    jsonl.write_text("\n", encoding="utf-8")
    rc, _, err = vnplan(capsys, "compare", jsonl, "-o", tmp_path / "r")
    assert rc == 2 and "nothing to process" in err and not (tmp_path / "r").exists()


def test_evaluate_gold_folder_not_found(tmp_path, capsys):
    """Today: an empty table and exit 0."""
    rc, out, err = vnplan(capsys, "evaluate", "--gold", tmp_path / "nogold", SEED)
    assert rc == 2 and f"gold folder not found: {tmp_path / 'nogold'}" in err and not out
    (tmp_path / "nogold").mkdir()
    rc, out, err = vnplan(capsys, "evaluate", "--gold", tmp_path / "nogold", SEED)
    assert rc == 2 and "no gold files" in err and not out


def test_evaluate_bad_gold_baseline_and_records(tmp_path, capsys, seed_records):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "x.yaml").write_text("doc_id: x\ntargets: [\n", encoding="utf-8")
    rc, out, err = vnplan(capsys, "evaluate", "--gold", gold, SEED)
    assert rc == 2 and f"gold file {gold / 'x.yaml'} is not valid YAML" in err and not out
    rc, out, err = vnplan(capsys, "evaluate", "--gold", GOLD, SEED, "--baseline",
                          tmp_path / "nobase.json")
    assert rc == 2 and "baseline not found" in err and not out
    jsonl = write_jsonl(tmp_path / "recs.jsonl", seed_records[:1], ["{oops"])
    rc, out, err = vnplan(capsys, "evaluate", "--gold", GOLD, jsonl)
    assert rc == 1 and f"{jsonl}, line 2: not valid JSON" in err
    assert Path(seed_records[0]["source"]).stem in out       # reports are keyed by the gold id


def test_output_path_conflicts(tmp_path, capsys, small_doc):
    """Today: compare -o FILE ends in FileExistsError; -o out/x.csv with csv makes a folder
    named x.csv.  Now each is a usage error that says what to do, before any work."""
    a_file = tmp_path / "file"
    a_file.write_text("keep me", encoding="utf-8")
    rc, _, err = vnplan(capsys, "compare", small_doc, "-o", a_file)
    assert rc == 2 and f"output {a_file} is a file" in err
    assert a_file.read_text(encoding="utf-8") == "keep me"
    for args in (["--format", "csv"], []):
        rc, _, err = vnplan(capsys, "extract", small_doc, "-o", tmp_path / "out" / "x.csv", *args)
        assert rc == 2 and "csv output is a folder of 5 tables" in err
        assert f"e.g. {tmp_path / 'out' / 'x'}" in err
        assert not (tmp_path / "out").exists()
    rc, _, err = vnplan(capsys, "extract", small_doc, "-o", tmp_path, "--format", "jsonl")
    assert rc == 2 and f"output {tmp_path} is a folder" in err
    rc, _, err = vnplan(capsys, "extract", small_doc, "-o", a_file / "x.jsonl")
    assert rc == 2 and f"{a_file} is a file, not a folder" in err
    rc, _, err = vnplan(capsys, "extract", small_doc, "-o", small_doc, "--format", "jsonl")
    assert rc == 2 and "is also an input" in err and small_doc.read_text(encoding="utf-8")
    rc, _, err = vnplan(capsys, "extract", small_doc, "-o", a_file, "--format", "parquet")
    assert rc == 2 and f"{a_file} is a file" in err
    rc, _, err = vnplan(capsys, "evaluate", "--gold", GOLD, small_doc, "--json", tmp_path)
    assert rc == 2 and f"output {tmp_path} is a folder" in err
    rc, _, err = vnplan(capsys, "extract", small_doc, "-o", tmp_path / "noext")
    assert rc == 2 and "cannot tell the format" in err


def test_tables_api_never_makes_a_folder_named_like_a_csv_file(tmp_path):
    with pytest.raises(ValueError, match="not one .csv file"):
        tables.write_tables(lambda: [], tmp_path / "x.csv", "csv")
    assert not (tmp_path / "x.csv").exists()


# ---- failures named; the API; unexpected problems ---------------------------------------

def test_extract_names_each_failed_input(tmp_path, capsys, small_doc):
    """Today: "1 input(s) had errors" and no name."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 60)
    rc, _, err = vnplan(capsys, "extract", empty, small_doc, legacy, "-o",
                        tmp_path / "o.jsonl", "-q", "-j", "1")
    assert rc == 1
    assert "2 inputs failed" in err and f"{empty}: the file is empty" in err
    assert f"{legacy}: " in err and str(tmp_path / "o.jsonl") in err


def test_api_extract_of_a_missing_path_raises():
    """Today: pipeline.extract(['does/not/exist']) returns a Corpus without a word."""
    with pytest.raises(FileNotFoundError, match="input not found: does/not/exist"):
        pipeline.extract(["does/not/exist"])


def test_an_unexpected_problem_is_one_plain_line(tmp_path, capsys, monkeypatch, seed_records):
    jsonl = write_jsonl(tmp_path / "recs.jsonl", seed_records[:1])

    def broken(*a, **k):
        raise KeyError("meta")
    monkeypatch.setattr(compare_cli, "compare_records", broken)
    rc, _, err = vnplan(capsys, "compare", jsonl, "-o", tmp_path / "r")
    assert rc == 1 and "vnplan compare: stopped by an unexpected problem" in err
    assert "VNPLAN_DEBUG=1" in err

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", str(tmp_path / "r" / "report.html"))
    monkeypatch.setattr(compare_cli, "compare_records", denied)
    rc, _, err = vnplan(capsys, "compare", jsonl, "-o", tmp_path / "r")
    assert rc == 1 and f"vnplan compare: {tmp_path / 'r' / 'report.html'}: permission denied" in err
    monkeypatch.setenv("VNPLAN_DEBUG", "1")
    with pytest.raises(PermissionError):
        cli.main(["compare", str(jsonl), "-o", str(tmp_path / "r")])
