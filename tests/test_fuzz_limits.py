"""The limits as settings (issue 13): `vnplan extract --limit NAME=N` reaches the readers
and the record caps in this process, in forked workers and on dask; the time limit holds
in a thread that is not the main one (how a dask worker runs a task)."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import hostile as H
import pytest
from conftest import ROOT, SEED_PATHS

from pipeline import ingest
from pipeline.ingest import limits as ingest_limits
from pipeline.run import batch, limits
from pipeline.run.document import extract_chunk


def vnplan(*args, timeout=240):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def two_pdfs(d):
    H.pdf_many_pages(d / "a.pdf", 12)
    H.pdf_many_pages(d / "b.pdf", 12)
    return d


def test_parse_limits_names_and_values():
    assert limits.parse_limits(["pdf-pages=50", "max_chars=1_000", "FIELD-CHARS=300"]) == {
        "max_pdf_pages": 50, "max_chars": 1000, "max_field_chars": 300}
    for bad in ("pages=3", "pdf-pages", "pdf-pages=x", "pdf-pages=0", "chars=-1"):
        with pytest.raises(ValueError) as err:
            limits.parse_limits([bad])
        assert err.value.args[0].startswith(f"--limit {bad}: ")
    assert set(limits.limit_names()) >= {"pdf-pages", "chars", "table-cells", "record-chars"}


def test_limits_hold_inside_the_block_only(tmp_path):
    path = H.pdf_many_pages(tmp_path / "p.pdf", 12)
    recs = list(batch.records([path], limits={"max_pdf_pages": 3}))
    assert recs[0]["warnings"] == ["p.pdf: only the first 3 pages are read; pages 4 to 12 are not"]
    assert ingest_limits.current() == ingest_limits.DEFAULT
    assert not list(batch.records([path]))[0]["warnings"]


def test_record_caps_are_settings(tmp_path):
    (tmp_path / "a.txt").write_bytes(SEED_PATHS[1].read_bytes())
    rec = next(batch.records([tmp_path / "a.txt"], limits={"max_field_chars": 40}))
    assert rec["targets"] and all(len(t["quote"]) <= 41 for t in rec["targets"])
    assert any("longer than 40 characters" in w for w in rec["warnings"])
    assert limits.settings()["max_field_chars"] == 20000


@pytest.mark.slow
def test_limit_option_reaches_forked_workers(tmp_path):
    two_pdfs(tmp_path)
    out = tmp_path / "out.jsonl"
    r = vnplan("extract", tmp_path, "-o", out, "--jobs", "2", "--limit", "pdf-pages=4", "-q")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [w for rec in recs for w in rec["warnings"]] == [
        f"{n}.pdf: only the first 4 pages are read; pages 5 to 12 are not" for n in "ab"]


@pytest.mark.slow
def test_limits_reach_dask_workers(tmp_path):
    two_pdfs(tmp_path)
    recs = list(batch.records([tmp_path], scheduler="local", jobs=1, timeout=60,
                              limits={"max_pdf_pages": 2}))
    assert [w for rec in recs for w in rec["warnings"]] == [
        f"{n}.pdf: only the first 2 pages are read; pages 3 to 12 are not" for n in "ab"]


def test_limit_option_usage_error(tmp_path):
    r = vnplan("extract", SEED_PATHS[0], "-o", tmp_path / "x.jsonl", "--limit", "pages=3")
    assert r.returncode == 2
    assert "--limit pages=3: give NAME=NUMBER" in r.stderr and "pdf-pages" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "x.jsonl").exists()
    assert "--limit NAME=N" in vnplan("extract", "--help").stdout


@pytest.fixture
def slow_reader():
    """A reader for `.slow` files that runs Python code for 30 s (a document past its time
    limit) unless interrupted."""
    @ingest.register(".slow")
    def read_slow(path):
        end = time.monotonic() + 30
        while time.monotonic() < end:
            sum(range(1000))
        raise AssertionError("not interrupted")

    yield
    del ingest.READERS[".slow"]
    ingest.SUPPORTED.discard(".slow")


def test_time_limit_holds_in_a_worker_thread(tmp_path, slow_reader):
    """A dask worker runs tasks in threads, where no alarm signal arrives: the chunk task
    of the dask engine still abandons a document at its time limit, and the next one is
    read."""
    (tmp_path / "a.slow").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(SEED_PATHS[1].read_bytes())
    tasks = [(str(tmp_path / n), n, n) for n in ("a.slow", "b.txt")]
    out: list = []
    t0 = time.monotonic()
    th = threading.Thread(target=lambda: out.extend(extract_chunk(tasks, timeout=0.5)))
    th.start()
    th.join(20)
    assert not th.is_alive() and time.monotonic() - t0 < 20
    assert out[0]["errors"] == [
        "a.slow: abandoned after 0.5 s, the time limit per document (--timeout); the file "
        "may be damaged or too large to read"]
    assert not out[1]["errors"] and out[1]["targets"]


def test_time_limit_never_fires_after_the_document(tmp_path):
    """A document done before its limit: the timer is cancelled, nothing is raised later."""
    errors: list = []

    def run():
        try:
            with limits.time_limit(0.3):
                pass
            time.sleep(0.6)
        except BaseException as exc:      # noqa: BLE001 - what the test looks for
            errors.append(exc)

    th = threading.Thread(target=run)
    th.start()
    th.join(5)
    assert errors == []


@pytest.mark.slow
def test_dask_engine_abandons_a_document_at_the_time_limit(tmp_path):
    """A real slow document (a short plan repeated 6,000 times: ~15 s) on a dask worker,
    whose tasks run in threads: abandoned at --timeout, and the next one (a seed, well under
    the limit even on a loaded machine) read."""
    text = H.plan_text([61, 62, 63])
    (tmp_path / "a-slow.txt").write_text(text * 6000, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(SEED_PATHS[1].read_bytes())
    t0 = time.monotonic()
    recs = list(batch.records([tmp_path], scheduler="local", jobs=1, timeout=4))
    assert time.monotonic() - t0 < 60
    assert recs[0]["errors"] == [
        "a-slow.txt: abandoned after 4 s, the time limit per document (--timeout); the file "
        "may be damaged or too large to read"]
    assert not recs[1]["errors"] and recs[1]["targets"]
