"""Document identity: the doc_id rule, and duplicates within a batch (CONTRACT.md).

``doc_id`` is the file's path relative to the input root plus ``@`` and the first 8 hex
digits of the SHA-1 of its bytes (``a/kehoach.txt@1f2e3d4c``), unless a manifest
(``index.jsonl``) gives one.  :class:`Identities` runs over the records of a batch in input
order: an id met twice gets ``~2``, ``~3`` ... (the same file named twice, a manifest that
repeats an id), and a record whose text (its words, whatever the format) was met before
gets ``duplicate_of``: the doc_id of the first.  Nothing is merged or dropped.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

HASH_DIGITS = 8
# ASCII bytes that are not letters or digits: spaces, punctuation, table rules, Markdown marks
_NOT_WORD = bytes(c for c in range(128) if not chr(c).isalnum())


def make_doc_id(rel: str, sha1: str | None) -> str:
    """``rel@hash`` (``rel`` alone when the bytes could not be read)."""
    return f"{rel}@{sha1[:HASH_DIGITS]}" if sha1 else rel


def file_sha1(path) -> str | None:
    """Hex SHA-1 of a regular file's bytes, read in blocks; None when it cannot be read."""
    try:
        if not Path(path).is_file():
            return None
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha1").hexdigest()
    except OSError:
        return None


def split_doc_id(doc_id: str) -> tuple[str, str | None]:
    """``("a/kehoach.txt", "1f2e3d4c")`` from ``"a/kehoach.txt@1f2e3d4c"`` (or ``~2``)."""
    head, sep, tail = doc_id.rpartition("@")
    digest = tail.split("~")[0]
    if sep and len(digest) == HASH_DIGITS and all(c in "0123456789abcdef" for c in digest):
        return head, digest
    return doc_id, None


def text_key(text: str) -> str | None:
    """The same text in any file or format has the same key: SHA-1 of its letters and
    digits in lower case (spaces, ASCII punctuation, table rules and line breaks left out;
    a byte translation, ~1 ms for a 30,000-character plan)."""
    words = text.lower().encode("utf-8", "replace").translate(None, _NOT_WORD)
    return hashlib.sha1(words).hexdigest() if words else None


class Identities:
    """Unique doc_ids and ``duplicate_of`` over a batch's records, in input order."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.suffix: dict[str, int] = {}
        self.first: dict[str, str] = {}

    def assign(self, rec: dict[str, Any]) -> dict[str, Any]:
        base = str(rec.get("doc_id"))
        doc_id = base
        while doc_id in self.ids:
            n = self.suffix.get(base, 1) + 1
            self.suffix[base] = n
            doc_id = f"{base}~{n}"
        self.ids.add(doc_id)
        rec["doc_id"] = doc_id
        key = rec.get("text_key") or rec.get("sha1")
        first = self.first.setdefault(key, doc_id) if key else doc_id
        rec["duplicate_of"] = first if first != doc_id else None
        return rec
