"""Resume: an index of the records already written, and repairs after a kill.

Records of an interrupted run are appended to ``OUT.partial`` (JSONL); ``Store`` indexes
them (and a finished JSONL output) by source path, so that ``--resume`` skips inputs whose
file is unchanged.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from pipeline.run.identity import file_sha1

__all__ = ["PARTIAL", "Store", "file_sha1", "truncate_torn_line"]

PARTIAL = ".partial"        # suffix of the file records are appended to while a run lasts


class Store:
    """Finished records on disk: ``{source: (file, offset)}`` over JSONL files.

    Only the offsets are kept in memory; a record is read back when it is written out.
    """

    def __init__(self):
        self.index = {}

    def scan(self, path) -> None:
        """Index every complete line of a JSONL file (a torn last line is ignored)."""
        path = Path(path)
        if not path.is_file():
            return
        with open(path, "rb") as fh:
            offset = 0
            for line in fh:
                if line.endswith(b"\n"):
                    try:
                        rec = json.loads(line)
                        self.add(rec, path, offset)
                    except (ValueError, KeyError, TypeError):
                        pass
                offset += len(line)

    def add(self, rec: dict[str, Any], file, offset: int) -> None:
        self.index[rec["source"]] = (str(file), offset, rec.get("sha1"), bool(rec.get("errors")))

    def failed(self, sources: Iterable[str | Path]) -> int:
        return sum(self.index[str(s)][3] for s in sources)

    def done(self, path, source: str | None = None) -> bool:
        """``path``'s record (under ``source``, by default the path) is there, and the file
        has not changed since."""
        hit = self.index.get(str(path) if source is None else source)
        return bool(hit and hit[2] and hit[2] == file_sha1(path))

    def read(self, source: str) -> dict[str, Any]:
        file, offset = self.index[source][:2]
        with open(file, "rb") as fh:
            fh.seek(offset)
            return json.loads(fh.readline())


def truncate_torn_line(path: Path) -> None:
    """Drop a half-written last line left by a kill, so appends start on a fresh line."""
    if not path.is_file() or not path.stat().st_size:
        return
    with open(path, "rb+") as fh:
        data = fh.read()
        if not data.endswith(b"\n"):
            fh.truncate(data.rfind(b"\n") + 1)
