"""Atomic output: write to a temporary file beside the target, then rename over it.

:func:`atomic_write` yields a file object; :func:`replace_atomically` hands a writer function
(a library that opens the file itself, e.g. pyarrow) the temporary path.  A temporary file
is hidden and names the process writing it (``.out.jsonl.~4242~x8k2.part``): a run that was
killed leaves it behind, and the next write of the same target removes it
(:func:`clean_leftovers`) once that process is gone.
"""
from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

_LEFTOVER = re.compile(r"(\d+)~\w*\.part")


def temp_beside(path: Path, suffix: str = ".part") -> tuple[int, str]:
    """``mkstemp`` beside ``path``: a hidden name that says which process writes it."""
    return tempfile.mkstemp(prefix=f".{path.name}.~{os.getpid()}~", suffix=suffix,
                            dir=path.parent)


def _running(pid: int) -> bool:
    if pid == os.getpid() or sys.platform == "win32":   # (os.kill would end it on Windows)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:             # someone else's process: running
        return True
    return True


def clean_leftovers(path) -> list[Path]:
    """Remove the temporary files of ``path`` (beside it) whose writing process is gone:
    what a killed run left.  Returns the files removed."""
    path = Path(path)
    prefix = f".{path.name}.~"
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(path.parent) if e.name.startswith(prefix)]
    except OSError:
        return removed
    for e in entries:
        m = _LEFTOVER.fullmatch(e.name[len(prefix):])
        if m and not _running(int(m.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(e.path)
                removed.append(Path(e.path))
    return removed


@contextlib.contextmanager
def atomic_write(path, mode: str = "w", encoding: str | None = "utf-8"):
    """Yield a file object; on success the file replaces ``path`` in one rename.

    On an exception (or a kill) the target is untouched and the temporary file removed.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(path)
    fd, tmp = temp_beside(path)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)       # mkstemp makes 0600; outputs get the usual mode
    try:
        kwargs: dict[str, Any] = {"encoding": encoding} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def replace_atomically(path: Path, write: Callable[[str], object]) -> None:
    """Call ``write(tmp)`` on a temporary path beside ``path``, then rename it over ``path``."""
    path = Path(path)
    clean_leftovers(path)
    fd, tmp = temp_beside(path)
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)       # mkstemp makes 0600; give the usual mode
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
