"""OCR settings, the on-disk cache of OCR results, and the machine-wide OCR slots.

Settings come from the environment, so that worker processes (forked, spawned or dask's)
see what ``vnplan extract --ocr`` asked for: ``VNPLAN_OCR`` (auto | always | never),
``VNPLAN_OCR_CACHE`` (the cache folder; default ``$XDG_CACHE_HOME/vnplan/ocr``, i.e.
``~/.cache/vnplan/ocr``), ``VNPLAN_OCR_JOBS`` (tesseract processes at once on this
machine, all workers together; default 1), ``VNPLAN_OCR_DPI`` (resolution of the pages
rendered for OCR; default 200) and ``VNPLAN_TESSERACT`` (the program).

A page's OCR result is kept as ``CACHE/ab/abcd….json``, keyed by the SHA-1 of the page
image as rendered plus everything that changes the result (resolution, language,
tesseract version): the same page is never OCR'd twice, whatever file it is in, in a
re-run or a ``--resume``.  A cache that cannot be written is skipped without a word.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODES = ("auto", "always", "never")
CACHE_VERSION = "1"


@dataclass(frozen=True)
class Settings:
    mode: str = "auto"
    cache: Path | None = None          # None: no cache
    jobs: int = 1
    program: str = "tesseract"
    dpi: int = 200                     # resolution pages are rendered at for OCR


# called once for each page about to be sent to tesseract (not for a page found in the
# cache, nor a blank one): pipeline.run sets it, to give the document more time
ON_OCR_PAGE: ContextVar[Callable[[], None] | None] = ContextVar("on_ocr_page", default=None)


def page_started() -> None:
    """Say that a page is about to be OCR'd (see ``ON_OCR_PAGE``)."""
    hook = ON_OCR_PAGE.get()
    if hook is not None:
        hook()


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vnplan" / "ocr"


def current() -> Settings:
    """The settings in force (from the environment)."""
    mode = os.environ.get("VNPLAN_OCR", "auto").strip().lower() or "auto"
    if mode not in MODES:
        mode = "auto"
    cache_env = os.environ.get("VNPLAN_OCR_CACHE")
    cache = None if cache_env == "" else Path(cache_env) if cache_env else default_cache()
    return Settings(mode, cache, _int("VNPLAN_OCR_JOBS", 1, 1, 256),
                    os.environ.get("VNPLAN_TESSERACT") or "tesseract",
                    _int("VNPLAN_OCR_DPI", Settings.dpi, 72, 600))


def _int(name: str, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(os.environ.get(name, default))))
    except ValueError:
        return default


def configure(mode: str | None = None, cache: str | os.PathLike[str] | None = None,
              jobs: int | None = None) -> None:
    """Set the OCR settings of this process and of the workers it starts."""
    if mode is not None:
        if mode not in MODES:
            raise ValueError(f"OCR mode must be one of {', '.join(MODES)}, not {mode!r}")
        os.environ["VNPLAN_OCR"] = mode
    if cache is not None:
        os.environ["VNPLAN_OCR_CACHE"] = str(cache)
    if jobs is not None:
        os.environ["VNPLAN_OCR_JOBS"] = str(max(1, jobs))


def page_key(pixels: bytes, *parts: object) -> str:
    """The cache key of a rendered page: its pixels and what else the OCR depends on."""
    h = hashlib.sha1(CACHE_VERSION.encode())
    for p in parts:
        h.update(repr(p).encode())
        h.update(b"\0")
    h.update(pixels)
    return h.hexdigest()


def _file(cache: Path, key: str) -> Path:
    return cache / key[:2] / f"{key}.json"


def load(cache: Path | None, key: str) -> Any:
    """The cached result for ``key``, or None."""
    if cache is None:
        return None
    try:
        with open(_file(cache, key), encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def store(cache: Path | None, key: str, value: Any) -> None:
    """Keep ``value`` for ``key`` (written whole, then renamed into place)."""
    if cache is None:
        return
    path = _file(cache, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(value, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass


def _slot_dir() -> Path:
    return Path(tempfile.gettempdir()) / f"vnplan-ocr-slots-{os.getuid()}"


@contextlib.contextmanager
def slot(jobs: int) -> Iterator[None]:
    """Hold one of ``jobs`` machine-wide slots (a lock file) while tesseract runs, so that
    pages OCR'd in parallel by several workers never run more than ``jobs`` at once."""
    folder = _slot_dir()
    try:
        folder.mkdir(exist_ok=True)
        files = [open(folder / f"{i}.lock", "a") for i in range(jobs)]
    except OSError:                  # no lock files: no limit but the caller's own
        yield
        return
    try:
        held = None
        while held is None:
            for fh in files:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue
                held = fh
                break
            else:
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
    finally:
        for fh in files:
            fh.close()
