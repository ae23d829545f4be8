"""Guards of a batch: the time limit per document and the size cap per record field.

The time limit grows by ``ocr_seconds_per_page`` for each page a document sends to OCR
(:func:`ocr_allowance`; the hook is ``pipeline.ingest.ocrcache.ON_OCR_PAGE``), so a long
scan is not cut off for being a scan.

Their defaults are data (``limits`` in ``pipeline/data/run.yaml``).  In a pool of worker
processes the parent enforces the time limit by replacing the worker
(:mod:`pipeline.run.pool`); in this process (``--jobs 1``, the API) :func:`time_limit`
interrupts the document with an alarm signal.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from typing import Any, Callable, Iterator

from pipeline import data
from pipeline.ingest import ocrcache

ENTITIES = ("targets", "agencies", "citations", "sections")
IDENTITY = ("doc_id", "source", "sha1", "text_key", "duplicate_of")     # never cut


def settings() -> dict[str, Any]:
    """``time_limit`` and ``ocr_seconds_per_page`` (seconds), ``max_field_chars``,
    ``max_record_chars`` (``run.yaml``)."""
    return dict(data.load("run.yaml")["limits"])


def default_timeout(timeout: float | None) -> float:
    """``timeout`` as given, or the default; 0 (or less) means no limit."""
    value = settings()["time_limit"] if timeout is None else timeout
    return max(0.0, float(value or 0))


def timeout_message(name: str, seconds: float) -> str:
    """The error of a document abandoned at the time limit, in plain words."""
    return (f"{name}: abandoned after {seconds:g} s, the time limit per document "
            "(--timeout); the file may be damaged or too large to read")


def ocr_allowance() -> float:
    """Seconds the time limit of a document grows by for each page it OCRs."""
    return max(0.0, float(settings().get("ocr_seconds_per_page") or 0))


@contextlib.contextmanager
def on_ocr_page(hook: Callable[[], None]) -> Iterator[None]:
    """Call ``hook()`` for each page sent to OCR in this context."""
    token = ocrcache.ON_OCR_PAGE.set(hook)
    try:
        yield
    finally:
        ocrcache.ON_OCR_PAGE.reset(token)


class DocumentTimeout(BaseException):
    """Raised by the alarm of :func:`time_limit`; a BaseException, so that the stages'
    ``except Exception`` (an error recorded, the next stage run) lets it through."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this thread after ``seconds`` (0: no limit).

    Only the main thread can receive the alarm; elsewhere (a dask worker's thread) and on
    platforms without ``setitimer`` there is no limit.  Code stuck inside a C extension
    is interrupted only when it returns to Python: a pool of workers (``--jobs 2`` or
    more) is the hard limit.
    """
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def on_alarm(signum, frame):
        signal.setitimer(signal.ITIMER_REAL, 1.0)   # again, should a library swallow it
        raise DocumentTimeout()

    allowance = ocr_allowance()

    def more_time() -> None:            # a page sent to OCR: the alarm moves later
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        if left > 0:
            signal.setitimer(signal.ITIMER_REAL, left + allowance)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        with on_ocr_page(more_time):
            yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---- the size cap of a record ------------------------------------------------------------

def _writable(s: str) -> str:
    """``s`` unchanged, or with lone surrogates (bytes of a non-UTF-8 file name carried by
    ``os.fsdecode``) shown as ``\\xff``, so that JSON, CSV and Parquet can write it."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _size(value: Any) -> int:
    """About the characters of ``value`` written as JSON."""
    if isinstance(value, str):
        return len(value) + 2
    if isinstance(value, dict):
        return sum(len(k) + 4 + _size(v) for k, v in value.items()) + 2
    if isinstance(value, list):
        return sum(_size(v) + 2 for v in value) + 2
    return 6


def _cap(value: Any, limit: int, where: str, cut: list[str]) -> Any:
    if isinstance(value, str):
        if limit and len(value) > limit:
            cut.append(where)
            value = value[:limit] + "…"
        return value if value.isascii() else _writable(value)
    if isinstance(value, dict):
        return {k: _cap(v, 0 if not where and k in IDENTITY else limit, k, cut)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_cap(v, limit, where, cut) for v in value]
    return value


def cap_record(rec: dict[str, Any], max_chars: int | None = None,
               max_record: int | None = None) -> dict[str, Any]:
    """Make every text of ``rec`` writable and cut a text field longer than ``max_chars``
    (ending it with "…"); when the record still holds more than ``max_record`` characters,
    cut its fields shorter, then leave out its last items (targets ...).  What was cut is
    said in the record's ``warnings``."""
    limits = settings()
    limit = limits["max_field_chars"] if max_chars is None else max_chars
    most = limits["max_record_chars"] if max_record is None else max_record
    cut: list[str] = []
    out = _cap(rec, limit, "", cut)
    size = _size(out)
    while most and size > most and limit != 200:
        limit = max(200, int((limit or size) * most / size * 0.9))
        cut = []
        out = _cap(rec, limit, "", cut)
        size = _size(out)
    warnings = []
    if cut:
        fields = ", ".join(sorted(set(cut)))
        warnings.append(f"{len(cut)} text field(s) ({fields}) were longer than {limit} "
                        "characters and were cut (the size cap per record field)")
    while most and size > most:
        name = max(ENTITIES, key=lambda k: len(out.get(k) or []))
        items = out.get(name) or []
        if not items:
            break
        room = most - (size - _size(items))
        keep = 0
        while keep < len(items) - 1 and room - _size(items[keep]) - 2 >= 0:
            room -= _size(items[keep]) + 2
            keep += 1
        warnings.append(f"{len(items) - keep} of {len(items)} {name} left out: the record "
                        f"was larger than {most} characters (the size cap per record)")
        out[name] = items[:keep]
        size = _size(out)
    if warnings:
        out.setdefault("warnings", []).extend(warnings)
    return out
