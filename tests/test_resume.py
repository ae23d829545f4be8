"""A killed `vnplan extract --resume` run continues without losing or duplicating a record."""
import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline import cli
from pipeline.output import tables
from pipeline.run import batch

PUBLIC = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "corpus/public").glob("*.txt"))[:12]
SEEDS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "corpus/seeds").glob("*.txt"))


def cmd(*args):
    return [sys.executable, "-m", "pipeline", "extract", *args]


def extract_here(*args):
    """`vnplan extract ARGS` in this process (models already loaded: faster)."""
    err = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stderr(err):
            rc = cli.main(["extract", *args])
    finally:
        os.chdir(cwd)
    return subprocess.CompletedProcess(args, rc, "", err.getvalue())


@pytest.fixture(scope="module")
def clean():
    """The reference: a plain in-process run over the same inputs, as JSONL text."""
    return "".join(batch._jsonl_line(r) for r in batch.records(PUBLIC, jobs=1))


def lines(path):
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


@pytest.mark.slow
def test_kill_then_resume_equals_clean_run(tmp_path, clean):
    out = tmp_path / "out.jsonl"
    partial = Path(str(out) + batch.PARTIAL)
    proc = subprocess.Popen(cmd(*PUBLIC, "-o", str(out), "--jobs", "1", "--resume"), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 240
    while len(lines(partial)) < 4 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    done = lines(partial)
    assert 4 <= len(done) < len(PUBLIC)
    assert not out.exists(), "a killed run must not leave a final output"
    # a kill can also tear the line being written: resume must drop it, not choke on it
    with open(partial, "a", encoding="utf-8") as fh:
        fh.write('{"doc_id": "torn", "source": "')

    res = extract_here(*PUBLIC, "-o", str(out), "--jobs", "2", "--resume")
    assert res.returncode == 0, res.stderr
    assert f"{len(done)} input(s) already done" in res.stderr
    assert out.read_text(encoding="utf-8") == clean
    sources = [json.loads(line)["source"] for line in lines(out)]
    assert sources == PUBLIC                       # nothing lost, nothing duplicated, in order
    assert not partial.exists()


def test_resume_skips_finished_and_redoes_changed(tmp_path, clean):
    """Over a finished output: only new or edited inputs are extracted again."""
    work = tmp_path / "in"
    work.mkdir()
    for p in PUBLIC[:3]:
        (work / Path(p).name).write_bytes((ROOT / p).read_bytes())
    out = tmp_path / "t.parquet"
    run = lambda: extract_here(str(work), "-o", str(out), "-j", "1", "--resume")
    first = run()
    assert first.returncode == 0, first.stderr
    # one file edited, one added: the other two are taken from the existing tables
    edited = work / Path(PUBLIC[0]).name
    edited.write_bytes(edited.read_bytes() + "\nHết.\n".encode())
    (work / Path(SEEDS[4]).name).write_bytes((ROOT / SEEDS[4]).read_bytes())
    second = run()
    assert second.returncode == 0, second.stderr
    assert "2 input(s) already done, 2 extracted" in second.stderr
    recs = tables.records_from_frames(tables.read_tables(out))
    fresh = list(batch.records([work], jobs=1))
    assert recs == json.loads(json.dumps(fresh, ensure_ascii=False))
    assert len({r["source"] for r in recs}) == 4
