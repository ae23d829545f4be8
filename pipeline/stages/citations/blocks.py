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

from pipeline.stages.citations.context import cues, type_words
from pipeline.stages.patterns import fill, longest_first

_P = cues()["patterns"]
_BLOCK_LEAD_RE = re.compile(r"^[\s\-+•*_|>]*")
_LIST_END_RE = re.compile(r"[;,]\s*[*_]*\s*$")
_LIST_MARKS = " \t-+•*_|>"
_CLAUSE_ENDS = "\n;:.!?"
#: how far back a clause's cue is looked for (a preamble's list of grounds is shorter)
_REACH = 3000
#: the longest block read as a line (its cues cached); a longer one lost its line breaks
_CACHED_LINE = 2000


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
    """(a cue at the start of a text, the verb of a cue in lower case, a clause that goes on
    naming documents, a sentence break) patterns."""
    d = cues()
    slots = dict(basis=longest_first(d["basis_openers"]), parent=longest_first(d["parent_openers"]),
                 leads=longest_first(d["parent_opener_leads"]), types=[w for w, _ in type_words()])
    verbs = longest_first([w.lower() for w in d["basis_openers"] + d["parent_openers"]])
    return (re.compile(fill(_P["opener_at_start"], **slots)),
            re.compile(fill(_P["opener_verb"], verbs=verbs)),
            re.compile(fill(_P["clause_names_document"], **slots)),
            re.compile(fill(_P["sentence_break"])))


@lru_cache(maxsize=1)
def _cue_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """(the basis verbs, the leads with a space after), lower case."""
    d = cues()
    return (frozenset(w.lower() for w in d["basis_openers"]),
            tuple(w.lower() + " " for w in longest_first(d["parent_opener_leads"])))


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
    _, _, names_doc, sentence = _res()
    last = None
    for bs_, be_ in _blocks_between(blocks, start, x):
        if be_ - bs_ <= _CACHED_LINE:
            found = [(bs_ + a, bs_ + b, k) for a, b, k in _line_cues(t[bs_:be_])]
        else:                               # a text that lost its line breaks: near x only
            found = _scan_cues(t, max(bs_, x - _REACH), min(be_, x))
        found = [f for f in found if f[1] <= x and f[0] >= x - _REACH]
        if found:
            last = found[-1]
    if last is None:
        return None, x
    cue_start, cue_end, kind = last
    between = t[cue_end:x]
    if sentence.search(between):
        return None, x
    parts = between.split(";")[1:]
    if parts:
        parts[-1] += t[x:x + 40]            # the last clause opens with the document at x
    if not all(names_doc.match(part) for part in parts):
        return None, x
    return kind, cue_start


def _blocks_between(blocks: list[tuple[int, int]], start: int, x: int) -> list[tuple[int, int]]:
    """The blocks from the one holding ``start`` to the one holding ``x``."""
    out = []
    b = block_at(blocks, start)
    while b and b[0] <= x:
        out.append(b)
        b = block_at(blocks, b[1] + 1)
    return out


@lru_cache(maxsize=2048)
def _line_cues(line: str) -> list[tuple[int, int, str]]:
    """``_scan_cues`` of one line (cached: a line is short)."""
    return _scan_cues(line, 0, len(line))


def _scan_cues(t: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of the cues opening a clause in ``t[lo:hi]``: the verb found
    in the lower-cased text, its leads ("Để tiếp tục …") before it."""
    low = t[lo:hi].lower()
    if len(low) != hi - lo:                  # (a letter whose lower case is longer)
        return []
    verb_re = _res()[1]
    basis, leads = _cue_words()
    out = []
    for m in verb_re.finditer(low):
        s, e = m.start(), m.end()
        kind = "basis" if m.group() in basis else "parent"
        if kind == "parent" and not low[e:e + 1].isspace():
            continue
        moved = True
        while moved:                         # leads before a parent verb
            moved = False
            for lead in leads if kind == "parent" else ():
                if low.endswith(lead, 0, s):
                    s, moved = s - len(lead), True
                    break
        if _opens_clause(t, lo + s):
            out.append((lo + s, lo + e, kind))
    return out


def _opens_clause(t: str, s: int) -> bool:
    """True when the cue at ``s`` opens a clause: at a line start or after ";:.!?" (list
    marks between), or written with its capital after a tab or an upper-case word (a layout
    that lost its line breaks: "… TỈNH CAO BẰNG Căn cứ …"), not inside a name ("Luật Thực
    hiện dân chủ ở cơ sở")."""
    j = s
    while j > 0 and t[j - 1] in _LIST_MARKS:
        j -= 1
    if j == 0 or t[j - 1] in _CLAUSE_ENDS:
        return True
    if not t[s].isupper():
        return False
    return t[s - 1] == "\t" or (s >= 3 and t[s - 1] == " " and t[s - 2].isupper() and t[s - 3].isupper())


def _names_document(text: str) -> bool:
    return _res()[2].match(text) is not None
