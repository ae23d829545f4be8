"""The blocks (lines) of the view, and the cue that opens a block or a clause ("Căn cứ" ->
basis, "Thực hiện" -> parent).

A cue governs its clause and the clauses after it, separated by ";", that go on naming
documents ("Căn cứ Luật A; Nghị định số B; số C, …", on one line or on lines of their
own); a clause that opens with other words ("Theo đề nghị của …") or a new sentence ends
its reach."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Optional

from pipeline.stages.citations.context import cue_words, cues, type_words
from pipeline.stages.patterns import fill, longest_first

_P = cues()["patterns"]
_BLOCK_LEAD_RE = re.compile(r"^[\s\-+•*_|>]*")
_LIST_END_RE = re.compile(r"[;,]\s*[*_]*\s*$")
#: how far back a clause's cue is looked for (a preamble's list of grounds is shorter)
_REACH = 3000


class _Blocks(list[tuple[int, int]]):
    """(start, end) of the blocks, and their starts (for ``block_at``)."""
    starts: list[int]


def split_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block (line) of the view."""
    out, pos = _Blocks(), 0
    starts = []
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        starts.append(pos)
        pos += len(line) + 1
    out.starts = starts
    return out


def block_at(blocks: list[tuple[int, int]], x: int) -> Optional[tuple[int, int]]:
    """The first block ``(s, e)`` with ``s <= x <= e`` (blocks are in order, one character
    apart, so there is at most one), or None."""
    starts = getattr(blocks, "starts", None)
    if starts is None:
        return next(((s, e) for s, e in blocks if s <= x <= e), None)
    i = bisect_right(starts, x) - 1
    if i >= 0:
        s, e = blocks[i]
        if s <= x <= e:
            return s, e
    return None


@lru_cache(maxsize=1)
def _res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a cue at the start of a text, a cue opening a clause anywhere, a clause that goes on
    naming documents, a sentence break) patterns."""
    d = cues()
    slots = dict(basis=longest_first(d["basis_openers"]), parent=longest_first(d["parent_openers"]),
                 leads=longest_first(d["parent_opener_leads"]), types=[w for w, _ in type_words()],
                 cues=cue_words())
    return (re.compile(fill(_P["opener_at_start"], **slots)),
            re.compile(fill(_P["opener_in_clause"], **slots)),
            re.compile(fill(_P["clause_names_document"], **slots)),
            re.compile(fill(_P["sentence_break"])))


def _kind(m: re.Match[str]) -> str:
    return "basis" if m.group("basis") else "parent"


@lru_cache(maxsize=2048)
def block_opener(block_text: str) -> Optional[str]:
    """"basis" / "parent" when the block opens with a "Căn cứ" / "Thực hiện" cue (a parent
    cue perhaps led by "Để", "Nhằm", "Tiếp tục": "Để tiếp tục thực hiện …")."""
    m = _res()[0].match(_BLOCK_LEAD_RE.sub("", block_text, count=1))
    return _kind(m) if m else None


def clause_opener(t: str, blocks: list[tuple[int, int]], x: int) -> tuple[Optional[str], int]:
    """``(cue, where it starts)`` of the cue governing position ``x``: the last cue opening
    a clause before ``x`` in its block (or in the blocks before it, while each of them ends
    its line with ";" and the next opens with a document), when every ";"-clause between
    it and ``x`` names a document and no sentence ends between them; ``(None, x)`` else."""
    bs, _ = block_at(blocks, x) or (x, x)
    start = bs
    while start > 0 and start > x - _REACH:
        prev = block_at(blocks, start - 1)
        if not prev or not _LIST_END_RE.search(t, prev[0], prev[1]):
            break
        if not _names_document(t[start:start + 60]):
            break
        start = prev[0]
    _, in_clause, names_doc, sentence = _res()
    last = None
    for m in in_clause.finditer(t, max(start, x - _REACH), x):
        last = m
    if last is None:
        return None, x
    between = t[last.end():x]
    if sentence.search(between):
        return None, x
    parts = between.split(";")[1:]
    if parts:
        parts[-1] += t[x:x + 40]            # the last clause opens with the document at x
    if not all(names_doc.match(part) for part in parts):
        return None, x
    return _kind(last), last.start("cue")


def _names_document(text: str) -> bool:
    return _res()[2].match(text) is not None
