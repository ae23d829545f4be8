"""What the three commands share: messages in plain words on stderr, one meaning for the exit
status, checks of the input and output paths before any work, and reading `vnplan extract`
JSONL without stopping at a bad line.

Exit status, the same for ``extract``, ``compare`` and ``evaluate``:

* 0 — every input was read cleanly;
* 1 — some input failed (its record has errors, or a line of an input JSONL is not a
  record); the others were processed and written, and the failed ones are named on stderr;
* 2 — a usage error, found before anything is written: an input path that does not exist,
  nothing to process (an empty folder), or an output path that cannot be what the command
  writes (a folder where a file goes, a file where a folder goes, an input file).

This module imports nothing heavy: ``vnplan --help`` loads it.
"""
from __future__ import annotations

import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any, AnyStr, Callable, Iterable, Iterator

OK, FAILED, USAGE = 0, 1, 2
SHOWN = 20          # failed inputs named one by one on stderr; the rest are counted


class UsageError(Exception):
    """A command line that cannot be run as given (exit status 2); the message is plain words."""


def say(command: str, message: str) -> None:
    """``vnplan COMMAND: message`` on stderr."""
    print(f"vnplan {command}: {message}", file=sys.stderr)


def os_error_words(exc: OSError) -> str:
    """An OSError as ``PATH: permission denied`` (no exception name)."""
    what = exc.strerror or str(exc) or "cannot be used"
    what = what[:1].lower() + what[1:]
    return f"{exc.filename}: {what}" if exc.filename else what


# ---- inputs -----------------------------------------------------------------------------

def check_inputs(command: str, inputs: Iterable[str], walk: Callable[[list[str]], Iterable[Any]],
                 kinds: str = "documents") -> None:
    """Stop (:class:`UsageError`) when an input does not exist or when no input holds
    anything to process; name a folder without documents among other inputs.

    ``walk([folder])`` gives the files a folder holds (``pipeline.run.inputs.iter_inputs``);
    only its first file is looked at.
    """
    inputs = [str(p) for p in inputs]
    missing = [p for p in inputs if not p or not os.path.exists(p)]
    if missing:
        raise UsageError(f"input{'s' if len(missing) > 1 else ''} not found: "
                         + ", ".join(missing))
    empty = [p for p in inputs if os.path.isdir(p) and next(iter(walk([p])), None) is None]
    if len(empty) == len(inputs):
        raise UsageError(f"nothing to process: no {kinds} in {', '.join(empty)}")
    for p in empty:
        say(command, f"no {kinds} in {p}; going on with the other inputs")


def check_no_records(count: int, failures: list[dict[str, Any]], inputs: Iterable[str]) -> None:
    """Stop when the inputs gave no record at all (``count``) and nothing failed."""
    if not count and not failures:
        raise UsageError("nothing to process: no records in " + ", ".join(map(str, inputs)))


# ---- outputs ----------------------------------------------------------------------------

def _file_above(path: Path) -> Path | None:
    """The nearest existing ancestor of ``path`` when it is not a folder."""
    for parent in path.parents:
        if os.path.lexists(parent):
            return None if parent.is_dir() else parent
    return None


def check_output_file(path, inputs: Iterable[str] = ()) -> None:
    """``path`` is to be written as a file: not an existing folder, not under a file, not
    one of the input files."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"output {path} is a folder; give a file name")
    blocker = _file_above(path)
    if blocker is not None:
        raise UsageError(f"cannot write {path}: {blocker} is a file, not a folder")
    if path.exists():
        target = path.resolve()
        for inp in inputs:
            if os.path.isfile(inp) and Path(inp).resolve() == target:
                raise UsageError(f"output {path} is also an input; it would be overwritten")


def check_output_folder(path) -> None:
    """``path`` is to be a folder of outputs: not an existing file, not under a file."""
    path = Path(path)
    if os.path.lexists(path) and not path.is_dir():
        raise UsageError(f"output {path} is a file; give a folder name")
    blocker = _file_above(path)
    if blocker is not None:
        raise UsageError(f"cannot write {path}: {blocker} is a file, not a folder")


# ---- JSONL records ----------------------------------------------------------------------

def is_jsonl(path) -> bool:
    return Path(path).suffix.lower() in (".jsonl", ".ndjson", ".json") and os.path.isfile(path)


def without_fields(line: AnyStr, drop: dict[str, str]) -> AnyStr:
    """``line`` (one JSON record as `vnplan extract` writes it, text or UTF-8 bytes) with the
    list fields of ``drop`` cut out unparsed; ``drop`` maps each field to the field written
    right after it.

    The text ``, "sections": [`` cannot occur inside a JSON string (its quotes would be
    escaped), and no nested object of a record has such a key; a line written otherwise
    (other separators, another order) is returned whole, to be parsed whole."""
    as_line: Callable[[str], Any] = str.encode if isinstance(line, bytes) else str
    for name, after in drop.items():
        i = line.find(as_line(f', "{name}": ['))
        if i < 0:
            continue
        j = line.find(as_line(f', "{after}": '), i)
        if j < 0:
            continue
        line = line[:i] + line[j:]
    return line


def _parse(line: str, drop: dict[str, str] | None) -> Any:
    if drop:
        cut = without_fields(line, drop)
        if cut is not line:
            try:
                return json.loads(cut)
            except ValueError:
                pass                    # a cut that went wrong: the whole line decides
    return json.loads(line)


@cache
def _decoder() -> Any:
    """msgspec's JSON decoder and its error, imported when a JSONL file is first read
    (msgspec, ~10 ms to import, is not needed by `vnplan extract` nor by ``--help``)."""
    import msgspec
    return msgspec.json.Decoder(), msgspec.DecodeError


def _parse_fast(raw: bytes, drop: dict[str, str] | None) -> Any:
    """``raw`` parsed by msgspec (several times faster than json, no decoding step), or
    None when :func:`_parse` must decide: msgspec refuses the line (not UTF-8, not JSON, or
    JSON that only Python's json reads: NaN, a number out of range, a lone surrogate).
    Whatever msgspec reads, json reads the same."""
    decoder, error = _decoder()
    try:
        return decoder.decode(without_fields(raw, drop) if drop else raw)
    except error:
        return None


def jsonl_records(path, failures: list[dict[str, Any]], drop: dict[str, str] | None = None,
                  decode: Callable[[bytes], Any] | None = None,
                  whole: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
                  ) -> Iterator[dict[str, Any]]:
    """The records of a `vnplan extract` JSONL file, one at a time; a line that is not a
    record is added to ``failures`` (``{source, doc_id, error}``) and skipped.

    ``drop`` (``{field: field written after it}``): list fields the caller does not read,
    left unparsed and given as empty lists (:func:`without_fields`) — a record's sections
    and agencies are two thirds of its size.  Lines are parsed by msgspec
    (:func:`_parse_fast`), or by ``decode`` (bytes -> the record as the caller holds it, or
    None); a line it refuses is read by json, which names the error, and its record passed
    through ``whole``."""
    decode = decode or (lambda raw: _parse_fast(raw, drop))
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            rec = decode(raw)
            slow = rec is None
            if slow:
                if not raw.strip():
                    continue
                where = f"{path}, line {n}"
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    failures.append(_failure(where, "not UTF-8 text"))
                    continue
                try:
                    rec = _parse(line, drop)
                except ValueError as exc:
                    msg = getattr(exc, "msg", "")
                    pos = getattr(exc, "pos", None)
                    failures.append(_failure(where, "not valid JSON" + (
                        f" ({msg[:1].lower() + msg[1:]} at character {pos + 1})"
                        if msg and pos is not None else "")))
                    continue
            problem = record_problem(rec)
            if problem:
                failures.append(_failure(f"{path}, line {n}", problem))
                continue
            if slow and whole is not None:
                rec = whole(rec)
            for name in drop or ():
                rec[name] = []
            yield rec


def record_problem(rec: Any) -> str | None:
    """Why ``rec`` is not a `vnplan extract` record, or None."""
    if not isinstance(rec, dict):
        return "not a vnplan extract record (a JSON object is expected)"
    if not isinstance(rec.get("doc_id"), str) or not rec["doc_id"]:
        return "not a vnplan extract record (it has no doc_id)"
    if not isinstance(rec.get("meta"), dict):
        return f"record {rec['doc_id']} has no meta object"
    for key in ("sections", "targets", "agencies", "citations", "errors"):
        if not isinstance(rec.get(key, []), (list, type(None))):
            return f"record {rec['doc_id']}: {key} is not a list"
    return None


def _failure(source: str, error: str, doc_id: str = "") -> dict[str, Any]:
    return {"source": source, "doc_id": doc_id, "error": error}


# ---- failed inputs ----------------------------------------------------------------------

def record_failure(rec: dict[str, Any]) -> dict[str, Any]:
    """``{source, doc_id, error}`` of a record that has errors."""
    return _failure(str(rec.get("source") or ""), "; ".join(map(str, rec.get("errors") or [])),
                    str(rec.get("doc_id") or ""))


def report_failures(command: str, failures: list[dict[str, Any]], total: int | None = None,
                    where: str = "") -> int:
    """Name the failed inputs on stderr (the first :data:`SHOWN`); return the exit status."""
    if not failures and not total:
        return OK
    count = total if total is not None else len(failures)
    say(command, f"{count} input{'s' if count != 1 else ''} failed{where}:")
    for f in failures[:SHOWN]:
        print(f"  {f['source'] or f['doc_id']}: {_short(f)}", file=sys.stderr)
    if count > min(len(failures), SHOWN):
        print(f"  ... and {count - min(len(failures), SHOWN)} more", file=sys.stderr)
    return FAILED


def _short(f: dict[str, Any]) -> str:
    """The error without a leading ``NAME: `` that repeats the file name just shown."""
    error = str(f["error"])
    name = os.path.basename(str(f["source"]))
    if name and error.startswith(name + ": "):
        error = error[len(name) + 2:]
    return error
