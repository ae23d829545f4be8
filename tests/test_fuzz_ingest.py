"""Hostile files against the readers (issue 13): each is generated here, small, and each
once hung, blew up or lost text silently.  A reader must return (a deadline guards the
tests that used to hang), within its limits, and say in plain words what it refused or
left out."""
import contextlib
import re
import signal
import tracemalloc

import pytest

import pipeline
from pipeline import ingest

# words that must never reach a user: Python's exception names and internals
INTERNALS = re.compile(r"Error\b|Exception|Traceback|NoneType|object has no attribute|"
                       r"iterchildren|\btr\b above|int\(\)")


class Hung(BaseException):
    """Not an Exception: no ``except Exception`` of the code under test turns it into a
    record."""


@contextlib.contextmanager
def deadline(seconds):
    """Fail instead of hanging: a reader stuck in a loop is interrupted, again every half
    second if something in the loop swallows the first interruption."""
    def alarm(*_):
        raise Hung(f"still reading after {seconds} s")
    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def plain(messages):
    for m in messages:
        assert not INTERNALS.search(m), m
        assert len(m) < 300, m


def record(path, seconds=60):
    with deadline(seconds):
        rec = pipeline.extract_document(path).to_dict()
    plain(rec["errors"] + rec.get("warnings", []))
    return rec


def peak_bytes(fn):
    """Peak Python memory (tracemalloc) of ``fn()``."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# ---- any reader ------------------------------------------------------------------------

def test_unforeseen_reader_failure_is_plain(tmp_path):
    @ingest.register(".boom")
    def boom(path):
        raise KeyError("internal detail")

    try:
        (tmp_path / "x.boom").write_text("x", encoding="utf-8")
        with pytest.raises(ingest.IngestError) as err:
            ingest.read_source(tmp_path / "x.boom")
        assert str(err.value) == ("x.boom: the file could not be read (damaged, or a form the "
                                  "boom reader does not handle)")
    finally:
        del ingest.READERS[".boom"]
        ingest.SUPPORTED.discard(".boom")
