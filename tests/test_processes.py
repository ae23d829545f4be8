"""Processes of a batch (issue 13): a hung document is abandoned at the time limit and the
records after it keep flowing; workers die with their parent; a killed run's temporary
files are removed by the next run."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from conftest import ROOT, SEED_PATHS

from pipeline import ingest
from pipeline.output.atomic import atomic_write, clean_leftovers
from pipeline.run import batch

SEED = SEED_PATHS[1]


@pytest.fixture
def hang_reader():
    """A reader for `.hang` files that never returns (a stand-in for a PDF whose page
    object refers to itself)."""
    @ingest.register(".hang")
    def read_hang(path):
        while True:
            time.sleep(0.05)

    yield
    del ingest.READERS[".hang"]
    ingest.SUPPORTED.discard(".hang")


def inputs_around_a_hang(d: Path, after: int = 2) -> list[str]:
    (d / "b.hang").write_text("x", encoding="utf-8")
    names = ["a.txt"] + [f"c{i}.txt" for i in range(after)]
    for i, name in enumerate(names):
        (d / name).write_bytes(SEED.read_bytes() + f"\n{i}\n".encode())
    return [str(d / n) for n in ["a.txt", "b.hang"] + names[1:]]


def test_a_hung_document_is_abandoned_in_this_process(tmp_path, hang_reader):
    paths = inputs_around_a_hang(tmp_path)
    recs = list(batch.records(paths, jobs=1, timeout=0.3))
    assert [r["source"] for r in recs] == paths
    assert "abandoned after 0.3 s" in recs[1]["errors"][0]
    assert recs[1]["errors"][0].startswith("b.hang: ") and "Error" not in recs[1]["errors"][0]
    assert not recs[0]["errors"] and not recs[2]["errors"] and recs[2]["targets"]


@pytest.mark.slow
def test_a_hung_document_is_abandoned_and_its_worker_replaced(tmp_path, hang_reader):
    paths = inputs_around_a_hang(tmp_path, after=4)
    before = set(psutil.Process().children())        # (a resource tracker, dask ...)
    recs = list(batch.records(paths, jobs=2, chunk=2, timeout=1))
    assert [r["source"] for r in recs] == paths
    assert "abandoned after 1 s, the time limit per document" in recs[1]["errors"][0]
    assert all(not r["errors"] and r["targets"] for i, r in enumerate(recs) if i != 1)
    assert not set(psutil.Process().children()) - before, "a worker was left behind"


@pytest.mark.slow
def test_records_after_a_hung_document_reach_resume(tmp_path):
    """`--resume` appends each record as it is done: while a document hangs, the ones after
    it are already safe in OUT.partial; the next run abandons it at --timeout."""
    paths = inputs_around_a_hang(tmp_path, after=3)
    out = tmp_path / "out.jsonl"
    partial = Path(str(out) + batch.PARTIAL)
    script = ("import sys, time\nfrom pipeline import ingest\nfrom pipeline.cli import main\n"
              "@ingest.register('.hang')\ndef read(path):\n    time.sleep(3600)\n"
              "sys.exit(main(sys.argv[1:]))\n")

    def run(*args):
        return subprocess.Popen([sys.executable, "-c", script, "extract", *paths, "-o", str(out),
                                 "--jobs", "2", "--chunk", "1", "--resume", *args],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)

    proc = run("--timeout", "600")
    try:
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            if partial.exists() and len(partial.read_text(encoding="utf-8").splitlines()) == 4:
                break
            time.sleep(0.1)
        assert proc.poll() is None, proc.communicate()
        done = [json.loads(x)["source"] for x in partial.read_text(encoding="utf-8").splitlines()]
        assert sorted(done) == sorted(p for p in paths if not p.endswith(".hang"))
    finally:
        proc.kill()
        proc.wait()
    proc = run("--timeout", "1")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert "4 input(s) already done, 1 extracted" in err
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in recs] == paths
    assert "the time limit per document" in recs[1]["errors"][0]


def run_of(pid: int) -> list[psutil.Process]:
    try:
        return [psutil.Process(pid)] + psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killing_the_parent_leaves_no_worker(tmp_path, sig):
    out = tmp_path / "bulk.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", "corpus/bulk",
                             "-o", str(out), "--jobs", "2", "-q"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs: list[psutil.Process] = []
    try:
        deadline = time.time() + 120
        while time.time() < deadline and len(run_of(proc.pid)) < 3:
            time.sleep(0.1)
        procs = run_of(proc.pid)
        assert len(procs) == 3, "the run did not start its two workers"
        time.sleep(0.5)
        proc.send_signal(sig)
        proc.wait(timeout=30)
        gone, alive = psutil.wait_procs(procs, timeout=10)
        assert not alive, f"left behind after {sig.name}: {alive}"
    finally:
        for p in procs + run_of(proc.pid):
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
    # a killed run leaves at most its hidden temporary file, and the next run removes it
    left = [p for p in tmp_path.iterdir() if p.name != out.name]
    assert all(p.name.startswith(".bulk.jsonl.") for p in left), left
    res = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(SEED), "-o",
                          str(out), "-q"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_leftovers_of_a_dead_process_are_cleaned(tmp_path):
    out = tmp_path / "o.jsonl"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = tmp_path / f".o.jsonl.~{dead}~abc123.part"
    mine = tmp_path / f".o.jsonl.~{os.getpid()}~def456.part"
    other = tmp_path / ".o.jsonl.notours.part"
    for f in (stale, mine, other):
        f.write_text("half", encoding="utf-8")
    with atomic_write(out) as fh:
        fh.write("new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, mine.name, other.name])
    assert clean_leftovers(out) == []


def test_a_finished_run_removes_an_old_partial(tmp_path):
    """A killed `--resume` run left OUT.partial; a later run without --resume writes OUT
    whole, and the old records beside it would only mislead a later --resume."""
    out = tmp_path / "o.jsonl"
    partial = Path(str(out) + batch.PARTIAL)
    shutil.copy(SEED, tmp_path / "a.txt")
    partial.write_text('{"doc_id": "old", "source": "x"}\n', encoding="utf-8")
    assert batch.extract_batch([str(tmp_path / "a.txt")], str(out), jobs=1, quiet=True) == 0
    assert not partial.exists() and out.is_file()
