"""Guards of a batch: the time limit per document, the size cap per record field, and the
readers' limits (:mod:`pipeline.ingest.limits`) as one set of settings (``--limit``).

The time limit grows by ``ocr_seconds_per_page`` for each page a document sends to OCR
(:func:`ocr_allowance`; the hook is ``pipeline.ingest.ocrcache.ON_OCR_PAGE``), so a long
scan is not cut off for being a scan.

Their defaults are data (``limits`` in ``pipeline/data/run.yaml``) and
``pipeline.ingest.limits.Limits``.  In a pool of worker processes the parent enforces the
time limit by replacing the worker (:mod:`pipeline.run.pool`); in this process (``--jobs
1``, the API) :func:`time_limit` interrupts the document with an alarm signal, and in
another thread (a dask worker's) with an exception raised in that thread.
"""
from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import signal
import threading
from typing import Any, Callable, Iterator

from pipeline import data
from pipeline.ingest import limits as ingest_limits
from pipeline.ingest import ocrcache

ENTITIES = ("targets", "agencies", "citations", "sections")
IDENTITY = ("doc_id", "source", "sha1", "text_key", "duplicate_of")     # never cut
RECORD_KEYS = ("max_field_chars", "max_record_chars")
_OVERRIDES: dict[str, int] = {}          # --limit of the record caps, in this process


def settings() -> dict[str, Any]:
    """``time_limit`` and ``ocr_seconds_per_page`` (seconds), ``max_field_chars``,
    ``max_record_chars`` (``run.yaml``, unless ``--limit`` changed them)."""
    return {**data.load("run.yaml")["limits"], **_OVERRIDES}


def limit_names() -> dict[str, int]:
    """Every limit ``--limit`` can set, by its short name (``pdf-pages``), with its default."""
    fields = {f.name: getattr(ingest_limits.DEFAULT, f.name)
              for f in dataclasses.fields(ingest_limits.Limits)}
    fields.update({k: data.load("run.yaml")["limits"][k] for k in RECORD_KEYS})
    return {k.removeprefix("max_").replace("_", "-"): v for k, v in fields.items()}


def parse_limits(items: list[str] | None) -> dict[str, int]:
    """``["pdf-pages=200", "max_chars=1000000"]`` -> ``{"max_pdf_pages": 200, ...}``;
    ``ValueError`` in plain words for an unknown name or a value that is not a whole
    number above 0."""
    names = limit_names()
    out: dict[str, int] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        short = key.strip().lower().replace("_", "-").removeprefix("max-")
        if not sep or short not in names:
            raise ValueError(f"--limit {item}: give NAME=NUMBER, NAME one of "
                             + ", ".join(sorted(names)))
        try:
            n = int(value.strip().replace("_", ""))
        except ValueError:
            n = 0
        if n <= 0:
            raise ValueError(f"--limit {item}: the value must be a whole number above 0")
        out["max_" + short.replace("-", "_")] = n
    return out


@contextlib.contextmanager
def overriding(limits: dict[str, int] | None) -> Iterator[None]:
    """Inside the block, this process (and the workers forked in it) reads and caps under
    ``limits`` (from :func:`parse_limits`); outside, the limits before it."""
    if not limits:
        yield
        return
    reader = {k: v for k, v in limits.items() if k not in RECORD_KEYS}
    before = ingest_limits.set_defaults(ingest_limits.current().but(**reader))
    saved = dict(_OVERRIDES)
    _OVERRIDES.update({k: v for k, v in limits.items() if k in RECORD_KEYS})
    try:
        yield
    finally:
        ingest_limits.set_defaults(before)
        _OVERRIDES.clear()
        _OVERRIDES.update(saved)


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

    The main thread gets an alarm signal; another thread (a dask worker's) gets the
    exception from a timer thread (:func:`_thread_limit`).  Either way code stuck inside
    a C extension is interrupted only when it returns to Python (the readers' limits keep
    each such call short): a pool of workers (``--jobs 2`` or more) is the hard limit.
    """
    if not seconds:
        yield
        return
    if threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        with _thread_limit(seconds):
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


@contextlib.contextmanager
def _thread_limit(seconds: float) -> Iterator[None]:
    """:func:`time_limit` in a thread that is not the main one: a timer raises
    :class:`DocumentTimeout` in it (CPython's asynchronous exception, seen when the thread
    next runs Python code); a lock makes sure it is never raised after the block."""
    set_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    tid = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                set_exc(tid, ctypes.py_object(DocumentTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["fired"]:
                set_exc(tid, None)              # not raised yet: never raise it later


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


def _cap(value: Any, limit: int, where: str, cut: list[str]) -> tuple[Any, int]:
    """``value`` with every text made writable and cut to ``limit`` (``where`` the field
    named in ``cut``), and the ``_size`` of the result: one walk does both (a text or a
    plain value in a dict or list is done in the loop, not by a call per value)."""
    if isinstance(value, str):
        return _cap_text(value, limit, where, cut)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        size = 2
        top = not where
        for k, v in value.items():
            sub = 0 if top and k in IDENTITY else limit
            if isinstance(v, str):
                if (sub and len(v) > sub) or not v.isascii():
                    v, n = _cap_text(v, sub, k, cut)
                else:
                    n = len(v) + 2
            elif isinstance(v, (dict, list)):
                v, n = _cap(v, sub, k, cut)
            else:
                n = 6
            out[k] = v
            size += len(k) + 4 + n
        return out, size
    if isinstance(value, list):
        items = []
        size = 2
        for v in value:
            if isinstance(v, (str, dict, list)):
                v, n = _cap(v, limit, where, cut)
            else:
                n = 6
            items.append(v)
            size += n + 2
        return items, size
    return value, 6


def _cap_text(value: str, limit: int, where: str, cut: list[str]) -> tuple[str, int]:
    if limit and len(value) > limit:
        cut.append(where)
        value = value[:limit] + "…"
    value = value if value.isascii() else _writable(value)
    return value, len(value) + 2


def _gather(value: dict[str, Any] | list[Any], texts: list[str]) -> int:
    """The ``_size`` of ``value`` less that of its texts, which are added to ``texts``."""
    if isinstance(value, dict):
        size = 2 + 4 * len(value) + sum(map(len, value))
        items: Any = value.values()
    else:
        size = 2 + 2 * len(value)
        items = value
    for v in items:
        if isinstance(v, str):
            texts.append(v)
        elif isinstance(v, (dict, list)):
            size += _gather(v, texts)
        else:
            size += 6
    return size


def _kept(rec: dict[str, Any], limit: int, most: int) -> bool:
    """Would capping leave ``rec`` as it is: no text longer than ``limit``, every text
    writable, at most ``most`` in all?  (One walk that only gathers the texts; their
    lengths and encoding are then looked at all at once.)"""
    texts: list[str] = []
    size = _gather(rec, texts)
    size += sum(map(len, texts)) + 2 * len(texts)
    if most and size > most:
        return False
    if limit and max(map(len, texts), default=0) > limit:
        return False            # (a long identity field, never cut, takes the long way too)
    try:
        "".join(texts).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def cap_record(rec: dict[str, Any], max_chars: int | None = None,
               max_record: int | None = None) -> dict[str, Any]:
    """Make every text of ``rec`` writable and cut a text field longer than ``max_chars``
    (ending it with "…"); when the record still holds more than ``max_record`` characters,
    cut its fields shorter, then leave out its last items (targets ...).  What was cut is
    said in the record's ``warnings``."""
    limits = settings()
    limit = limits["max_field_chars"] if max_chars is None else max_chars
    most = limits["max_record_chars"] if max_record is None else max_record
    # the usual record: nothing to cut or make writable, and not too large (no copy made)
    if _kept(rec, limit, most):
        return rec
    cut: list[str] = []
    out, size = _cap(rec, limit, "", cut)
    while most and size > most and limit != 200:
        limit = max(200, int((limit or size) * most / size * 0.9))
        cut = []
        out, size = _cap(rec, limit, "", cut)
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
