"""Clauses: a line of the view split at ";" and sentence ends."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from pipeline.stages.targets.patterns import regexes
from pipeline.stages.targets.view import squash


@dataclass
class Clause:
    start: int
    end: int
    text: str                  # view text of the clause
    line_start: int
    line_text: str             # view text of the whole line/paragraph
    label: str = ""            # "Số lượng", "Đối tượng" (text before a leading ":")
    sentence: tuple[int, int] = (0, 0)   # (start, end) of the clause's sentence in the view


# a list marker ("-", "a)", "2.", "II."): "đ" is a letter of the Vietnamese alphabet, and a
# sentence starts with any capital letter, Vietnamese ones ("À-Ỹ", "Đ") included
MARKER_RE = re.compile(r"^[ \t]*(?:[-+•–·*]+|[a-zđ]\)|\d{1,2}(?:\s*\.\s*\d{1,2}){0,3}\s*[.)]|[IVX]{1,5}\s*\.)"
                       r"[ \t]*", re.I)
# the number cell opening a table row ("1", "I.1", "2.3."): the row's marker
ROW_NUMBER_RE = re.compile(r"^[ \t]*(?:[IVXLC]{1,6}|\d{1,3})(?:\.\d{1,3})*\.?[ \t]*\t")
_SPLIT_RE = re.compile(r";|\.(?=\s+[A-ZÀ-ỸĐ])|\.\s*$|\n")
_SENTENCE_END_RE = re.compile(r"\.(?=\s+[A-ZÀ-ỸĐ])|\.\s*$|\n")


def lines(v: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each non-empty line of the view."""
    pos = 0
    for line in v.split("\n"):
        if line and not line.isspace():                # (what ``line.strip()`` is empty for)
            yield pos, pos + len(line), line
        pos += len(line) + 1


# a label before a ":" ("Số lượng: …"), matched at the end of a line's marker
_LABEL_RE = re.compile(r"([^:\n]{2,60}):\s*")


def clauses_of(v: str, start: int, end: int, line: Optional[str] = None) -> Iterator[Clause]:
    """Split one line into clauses at ";" and sentence ends (``line``: ``v[start:end]``,
    when the caller has it: the clauses then share that object)."""
    if line is None:
        line = v[start:end]
    m = MARKER_RE.match(line)
    body = m.end() if m else 0
    label = ""
    lm = _LABEL_RE.match(line, body)
    if lm and len(lm.group(1).split()) <= 10:
        label = lm.group(1).strip()
    if "\t" in line:                                 # a table row is one clause
        rm = ROW_NUMBER_RE.match(line)
        if rm:
            body = rm.end()                            # "I.1<TAB>…": the row's number
        yield Clause(start + body, end, line[body:], start, line, "", (start + body, end))
        return
    # sentences, then their clauses at ";": a target's quote is its sentence (corpus/
    # ANNOTATION.md: the anchor is "a phrase from the target's own sentence")
    ends = [m.start() for m in _SENTENCE_END_RE.finditer(line, body)] + [len(line)]
    pos, s_start, k = body, body, 0
    for sm in _SPLIT_RE.finditer(line, body):
        while ends[k] < sm.start():
            k += 1
        if sm.start() > pos:
            yield Clause(start + pos, start + sm.start(), line[pos:sm.start()], start, line, label,
                         (start + s_start, start + ends[k]))
        pos = sm.end()
        if sm.start() == ends[k]:
            s_start = pos                              # the next sentence starts after this one
    if pos < len(line):
        while ends[k] < pos:
            k += 1
        yield Clause(start + pos, end, line[pos:], start, line, label, (start + s_start, start + ends[k]))


def _marker_len(line: str) -> int:
    m = (ROW_NUMBER_RE.match(line) if "\t" in line else None) or MARKER_RE.match(line)
    return m.end() if m else 0


# what is asked about a line for each of its clauses, kept for the last few line objects
# (by identity: an lru_cache compares a long line with an equal one character by character)
_LINES: dict[int, tuple[str, int, list[str], list[bool]]] = {}


def _line(line: str) -> tuple[str, int, list[str], list[bool]]:
    hit = _LINES.get(id(line))
    if hit is None or hit[0] is not line:
        if len(_LINES) >= 64:
            _LINES.clear()
        hit = _LINES[id(line)] = (line, _marker_len(line), [], [])
    return hit


def marker_len(line: str) -> int:
    """Length of the list marker opening ``line`` (0 without one), or of the number cell
    opening a table row.  (Kept per line: asked for each clause of a line, however long.)"""
    return _line(line)[1]


def line_rest(line: str) -> str:
    """``line`` after its list marker (one copy per line, not one per clause)."""
    _, n, rest, _ = _line(line)
    if not rest:
        rest.append(line[n:])
    return rest[0]


def ends_with_colon(line: str) -> bool:
    """Does ``line`` end with ":" (a lead-in)?  Kept per line: asked for each clause."""
    colon = _line(line)[3]
    if not colon:
        colon.append(line.rstrip().endswith(":"))
    return colon[0]


@lru_cache(maxsize=256)
def has_condition(t: str) -> bool:
    """Does the clause state a condition ("Trường hợp …", "Nếu …") rather than a commitment?"""
    s = squash(t)
    rx = regexes()          # "condition", its anchored alternatives matched at the start only
    return bool(rx["condition_start"].match(s) or rx["condition_within"].search(s))
