"""`vnplan extract` as a batch: order, parallel workers, formats, exit status."""
import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline import cli
from pipeline.output import tables
from pipeline.run import batch
from pipeline.run.document import extract_document
from pipeline.run.inputs import iter_inputs

SEEDS = "corpus/seeds"
PUBLIC = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "corpus/public").glob("*.txt"))[:2]
INPUTS = [SEEDS] + PUBLIC


def vnplan(*args, cwd=ROOT):
    """The real command line, as a subprocess."""
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def vnplan_here(*args):
    """The same command run in this process (models already loaded: faster)."""
    err = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stderr(err):
            rc = cli.main(list(args))
    finally:
        os.chdir(cwd)
    return subprocess.CompletedProcess(args, rc, "", err.getvalue())


def read_lines(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """JSONL in this process's order (--jobs 1), Parquet with two workers, CSV of two plans."""
    d = tmp_path_factory.mktemp("batch")
    runs = {
        "jsonl": vnplan("extract", *INPUTS, "-o", str(d / "out" / "all.jsonl"), "--jobs", "1"),
        "parquet": vnplan_here("extract", *INPUTS, "-o", str(d / "tables.parquet"), "-j", "2"),
        "csv": vnplan_here("extract", *PUBLIC, "-o", str(d / "csv"), "--format", "csv", "-j", "2"),
    }
    return d, runs


def test_jsonl_in_input_order_as_extract_document_gives(out):
    d, runs = out
    assert runs["jsonl"].returncode == 0, runs["jsonl"].stderr
    recs = read_lines(d / "out" / "all.jsonl")
    assert [r["source"] for r in recs] == [str(p) for p in iter_inputs(INPUTS)]
    assert [Path(r["source"]).name for r in recs[:5]] == sorted(
        p.name for p in (ROOT / SEEDS).glob("*.txt"))
    one = extract_document(Path(PUBLIC[1])).to_dict()
    assert recs[-1] == json.loads(json.dumps(one, ensure_ascii=False))
    assert not [p for p in (d / "out").iterdir() if p.name != "all.jsonl"], "temporary files left"


def test_two_workers_give_the_same_records(out):
    """The Parquet run used --jobs 2: read back, it equals the --jobs 1 JSONL exactly."""
    d, runs = out
    assert runs["parquet"].returncode == 0, runs["parquet"].stderr
    recs = read_lines(d / "out" / "all.jsonl")
    back = tables.records_from_frames(tables.read_tables(d / "tables.parquet"))
    assert back == recs


@pytest.mark.slow
def test_stdout_output():
    res = vnplan("extract", PUBLIC[0], "-o", "-")
    assert res.returncode == 0, res.stderr
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["source"] for r in recs] == [PUBLIC[0]]
    assert res.stderr == ""                       # no progress bar when stderr is not a TTY


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_tables_joinable_with_right_counts(out, fmt):
    d, runs = out
    assert runs[fmt].returncode == 0, runs[fmt].stderr
    folder = d / ("tables.parquet" if fmt == "parquet" else "csv")
    for name in tables.TABLES:
        assert (folder / f"{name}.{fmt}").is_file()
    recs = read_lines(d / "out" / "all.jsonl")
    if fmt == "csv":
        recs = recs[-len(PUBLIC):]
    dfs = tables.read_tables(folder)
    docs = dfs["documents"]
    assert list(docs["doc_id"]) == [r["doc_id"] for r in recs]
    assert docs["doc_id"].is_unique
    for col in ("doc_type", "number", "issuer", "level", "province", "date", "period", "title"):
        assert col in docs.columns
    for name in tables.ENTITIES:
        df = dfs[name]
        assert len(df) == sum(len(r[name]) for r in recs), name
        assert list(docs[f"n_{name}"]) == [len(r[name]) for r in recs]
        joined = df.merge(docs[["doc_id", "source"]], on="doc_id", how="left", validate="m:1")
        assert joined["source"].notna().all()
        assert len(joined) == len(df)
    assert sum(len(r["sections"]) for r in recs) > 0, "no sections at all: the join test is empty"


def test_csv_round_trip_up_to_empty_strings(out):
    """CSV cannot tell "" from a missing value; everything else comes back."""
    d, _ = out

    def blank(x):
        if isinstance(x, dict):
            return {k: blank(v) for k, v in x.items()}
        if isinstance(x, list):
            return [blank(v) for v in x]
        return None if x == "" else x

    recs = read_lines(d / "out" / "all.jsonl")[-len(PUBLIC):]
    back = tables.records_from_frames(tables.read_tables(d / "csv"))
    assert blank(back) == blank(recs)


def test_failed_input_sets_exit_status(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = vnplan_here("extract", str(empty), PUBLIC[0], "-o", str(tmp_path / "o.jsonl"), "-j", "2")
    assert res.returncode == 1
    recs = read_lines(tmp_path / "o.jsonl")
    assert [r["source"] for r in recs] == [str(empty), PUBLIC[0]]
    assert recs[0]["errors"] and not recs[1]["errors"]
    assert "1 input failed" in res.stderr and f"{empty}: the file is empty" in res.stderr


@pytest.mark.slow
def test_format_from_extension_and_help(tmp_path):
    assert batch.output_format("a/b.jsonl", None) == "jsonl"
    assert batch.output_format("a/b.parquet", None) == "parquet"
    assert batch.output_format("a/b", "csv") == "csv"
    assert batch.output_format("-", None) == "jsonl"
    res = vnplan_here("extract", PUBLIC[0], "-o", str(tmp_path / "noext"))
    assert res.returncode == 2 and "--format" in res.stderr       # a usage error
    res = vnplan("extract", "--help")
    for word in ("--jobs", "--resume", "--format", "--scheduler", "--quiet",
                 "vnplan extract corpus/seeds -o out/seeds.jsonl"):
        assert word in res.stdout


# ---- the size cap of a record (issue 13) ---------------------------------------------------

def test_a_record_has_a_size_cap_per_field(monkeypatch, tmp_path):
    """A record's text fields are cut at `max_field_chars` (a 1x5000 DOCX table wrote a
    345 MB JSONL line: every target quoted the whole row); what was cut is said."""
    from pipeline.run import limits
    small = dict(limits.settings(), max_field_chars=60)
    monkeypatch.setattr(limits, "settings", lambda: small)
    plan = tmp_path / "plan.txt"
    plan.write_bytes((ROOT / SEEDS / "000_c3abb955b2b52a40.txt").read_bytes())
    rec = next(batch.records([plan], jobs=1))
    full = extract_document(plan).to_dict()
    assert [t["quote"][:60] for t in rec["targets"]] == [t["quote"][:60] for t in full["targets"]]
    assert max(len(t["quote"]) for t in rec["targets"]) == 61            # 60 and "…"
    assert rec["source"] == str(plan) and rec["doc_id"] == full["doc_id"]   # never cut
    assert "were cut (the size cap per record field)" in rec["warnings"][0]
    assert not rec["errors"]


def test_a_record_stays_under_its_cap_however_many_items():
    """1x, 10x, 100x targets that each quote a long line: the written record grows, then
    stays at the cap (cut fields, then items left out, said in `warnings`)."""
    from pipeline.run.limits import cap_record
    sizes = []
    for n in (20, 200, 2000):
        rec = {"doc_id": "t.docx@0", "source": "t.docx", "errors": [],
               "targets": [{"quote": "1% " * 2000, "indicator": "x", "value": 1}] * n}
        out = cap_record(rec, max_chars=2000, max_record=200_000)
        sizes.append(len(batch._jsonl_line(out).encode("utf-8")))
        assert out["warnings"] and len(out["targets"]) <= n
    assert sizes[0] < sizes[1] <= 1.2 * 200_000 and sizes[2] <= 1.2 * 200_000
