"""Blocks: the non-empty lines of the text, hard-wrapped continuations joined."""
from __future__ import annotations

import re
from types import MappingProxyType
from typing import Mapping, Optional

from pipeline.stages.sections.cues import ITEM_KEYS, cues
from pipeline.stages.sections.fast import any_of

#: the kinds of block that head a Section
HEADING_KINDS = ("roman", "arabic", "decimal", "article", "part", "appendix")

_MD = re.compile(r"[*_#`\\]+")


def clean(s: str) -> str:
    """Markdown marks removed, white space folded."""
    if "*" in s or "_" in s or "#" in s or "`" in s or "\\" in s:
        s = _MD.sub("", s)
    # already folded: every white-space character but " " is non-printable
    if s.isprintable() and "  " not in s and not s.startswith(" ") and not s.endswith(" "):
        return s
    return " ".join(s.split())


_NO_EXTRA: Mapping[str, bool] = MappingProxyType({})


class Block:
    """A paragraph: one line, plus continuation lines of a hard-wrapped source.

    ``kind``: roman arabic decimal article part appendix letter bullet number text
    signature.  (A plain class, defaults on the class: a document has tens of thousands.)"""
    kind = "text"
    num = ""
    marker = ""
    text_start = 0             # offset of the text after the number/marker
    value = 0
    extra: Mapping[str, bool] = _NO_EXTRA     # replaced, never changed in place

    def __init__(self, start: int, end: int, body_start: int, body: str,
                 cbody: Optional[str] = None, first: str = ""):
        self.start = start
        self.end = end
        self.body_start = body_start   # offset after leading Markdown marks
        self.body = body               # the text from body_start, Markdown escapes removed
        self.cbody = cbody             # clean(body), when already known
        self.first = first             # its first character, when known without clean()

    def clean_body(self) -> str:
        """``clean(body)``, computed once."""
        if self.cbody is None:
            self.cbody = clean(self.body)
        return self.cbody

    def __repr__(self) -> str:
        return f"Block({self.start}, {self.end}, {self.kind!r}, {self.body[:40]!r})"


def _lead(line: str) -> int:
    """Length of the leading white space and Markdown marks ("## **", "*", "\\")."""
    i, n = 0, len(line)
    while i < n and line[i] in " \t>":
        i += 1
    while i < n and line[i] == "#":
        i += 1
    while i < n and line[i] in " \t":
        i += 1
    while i < n:
        if line.startswith("**", i) and i + 2 < n and not line[i + 2].isspace():
            i += 2
        elif line[i] in "*_" and i + 1 < n and not line[i + 1].isspace() and line[i + 1] not in "*_":
            i += 1
        elif line[i] in " \t" and i > 0 and line[i - 1] in "*_":
            i += 1
        else:
            break
    if i < n and line[i] == "\\" and i + 1 < n and line[i + 1] in "*-+":
        i += 1
    return i


_LEAD_CHARS = frozenset(" \t>#*_\\")     # a line starting otherwise has no lead (_lead = 0)
#: a line starting otherwise (and not with white space) starts its clean() with that character
_SLOW_FIRST = _LEAD_CHARS | {"`"}


def read_blocks(text: str) -> list[Block]:
    """Non-empty lines, with hard-wrapped continuations joined to their paragraph."""
    blocks: list[Block] = []
    append = blocks.append
    c = cues()
    is_item = any_of(tuple(c[k] for k in ITEM_KEYS))  # a list item: not a continuation
    prev: Optional[Block] = None          # blocks[-1]
    is_open = False                       # prev is a heading whose bold mark is still open
    pos = 0
    for line in text.split("\n"):
        lpos = pos
        pos += len(line) + 1
        ch = line[:1]
        if not ch:
            continue
        if ch in _SLOW_FIRST or ch.isspace():
            # the general case: leading marks or white space
            if line.isspace():
                continue
            lead = _lead(line) if ch in _LEAD_CHARS else 0
            body = line[lead:]
            cleaned = clean(body)
            cbody: Optional[str] = cleaned
            first = cleaned[:1]
        else:
            # the usual case: no lead, and clean() keeps the first character
            lead, body, cbody, first = 0, line, None, ch
        if prev is not None and first:
            if body[:1] in _DASHES and _YEAR_DASH.match(body) and _YEAR_END.search(prev.body):
                joined = True            # "… giai đoạn 2026" / "- 2030 phấn đấu …": a range cut at its dash
            elif first.islower() or is_open:
                if cbody is None:
                    cbody = clean(body)
                joined = not is_item(cbody)
            else:
                joined = False
            if joined:
                prev.end = lpos + len(line.rstrip())
                prev.body = text[prev.body_start:prev.end].replace("\n", " ")
                prev.cbody = None
                is_open = _unfinished(prev, text)
                continue
        stripped = line.rstrip()
        prev = Block(lpos, lpos + len(stripped), lpos + lead,
                     (body.rstrip() if lead else stripped).replace("\\", ""), cbody, first)
        append(prev)
        # (the raw text of the new block is ``stripped``)
        is_open = len(stripped) < 200 and stripped.count("**") % 2 == 1
    return blocks


_DASHES = ("-", "–")
_YEAR_END = re.compile(r"\b(?:19|20)\d\d\W*$")
_YEAR_DASH = re.compile(r"[-–]\s*(?:19|20)\d\d\b")


def _unfinished(block: Block, text: str) -> bool:
    """A heading line whose bold mark is still open ("**I. MỤC ĐÍCH," / "YÊU CẦU**")."""
    if block.end - block.start >= 200:
        return False
    raw = text[block.start:block.end]
    return raw.count("**") % 2 == 1
