"""Word 97-2003 ``.doc`` (and ``.rtf``, ``.odt``): converted to .docx by LibreOffice
headless, then read by the DOCX reader, so tables keep their cells, in order.

LibreOffice was chosen over antiword (measured on the fixtures of
``scripts/make_fixtures.py``; README, "Reading other formats"): antiword is ~100 times
faster but lays a table out as fixed-width text, a cell's words wrapped over several
lines, and reads no .rtf or .odt.

Each process (and thread) has its own LibreOffice user profile
(``-env:UserInstallation``), so parallel workers do not wait on one another's lock; a
conversion that takes longer than ``doc.timeout_seconds`` (``data/ingest.yaml``) is
killed with its process group.  A missing LibreOffice is said in plain words.
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from pipeline import data as package_data
from pipeline.ingest.docx import read_docx
from pipeline.ingest.registry import IngestError, Source, digest, read_bytes, register

_DATA = package_data.load("ingest.yaml")["doc"]
_PROFILES: list[Path] = []
READER = "doc+libreoffice"


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    for name in _DATA["programs"]:
        found = shutil.which(name)
        if found:
            return found
    return None


@register(".doc", ".rtf", ".odt")
def read_doc_source(path: Path) -> Source:
    """A .doc, .rtf or .odt file converted to .docx and read as one."""
    data = read_bytes(path)
    kind = path.suffix.lower()
    converted = convert(path, kind)
    text, warnings, enc = read_docx(path, converted)
    return Source(text=text, format="docx", sha1=digest(data), warnings=warnings,
                  reader=READER if kind == ".doc" else f"{kind.lstrip('.')}+libreoffice",
                  encoding=enc)


def _profile() -> Path:
    """This process's and thread's LibreOffice user profile (made once, removed at exit)."""
    folder = Path(tempfile.gettempdir()) / (
        f"vnplan-libreoffice-{os.getuid()}-{os.getpid()}-{threading.get_ident()}")
    if folder not in _PROFILES:
        _PROFILES.append(folder)
        if len(_PROFILES) == 1:
            atexit.register(_remove_profiles)
    return folder


def _remove_profiles() -> None:
    for folder in _PROFILES:
        shutil.rmtree(folder, ignore_errors=True)


def convert(path: Path, kind: str) -> bytes:
    """The bytes of ``path`` converted to .docx by LibreOffice headless."""
    name = path.name
    program = soffice()
    if program is None:
        raise IngestError(f"{name}: reading {kind} files needs LibreOffice, which is not "
                          "installed (Debian: apt-get install libreoffice-writer-nogui); "
                          "or save the file as .docx and try again")
    timeout = float(_DATA["timeout_seconds"])
    with tempfile.TemporaryDirectory(prefix="vnplan-doc-") as work:
        # a plain name of our own: LibreOffice names its output after its input
        source = Path(work) / f"in{kind}"
        shutil.copyfile(path, source)
        out = Path(work) / "out"
        cmd = [program, f"-env:UserInstallation={_profile().as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
               "--outdir", str(out), str(source)]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise IngestError(f"{name}: LibreOffice took longer than {timeout:g} s to "
                              "convert the file; it was stopped (a damaged or very large "
                              "file?)") from None
        result = out / "in.docx"
        if proc.returncode != 0 or not result.is_file():
            raise IngestError(f"{name}: LibreOffice could not read the {kind} file (damaged, "
                              "password-protected, or not a document); open it in Word or "
                              "LibreOffice, convert it to .docx and try again")
        return result.read_bytes()


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Stop LibreOffice and the processes it started."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()
