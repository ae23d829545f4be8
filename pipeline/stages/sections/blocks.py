"""Blocks: the non-empty lines of the text, hard-wrapped continuations joined."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from pipeline.stages.sections.cues import ITEM_KEYS, cues

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


@dataclass
class Block:
    """A paragraph: one line, plus continuation lines of a hard-wrapped source."""
    start: int
    end: int
    body_start: int            # offset after leading Markdown marks
    body: str                  # the text from body_start, Markdown escapes removed
    # roman arabic decimal article part appendix letter bullet number text signature
    kind: str = "text"
    num: str = ""
    marker: str = ""
    text_start: int = 0        # offset of the text after the number/marker
    value: int = 0
    extra: dict[str, bool] = field(default_factory=dict)
    cbody: Optional[str] = field(default=None, repr=False, compare=False)   # clean(body), cached


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


def read_blocks(text: str) -> list[Block]:
    """Non-empty lines, with hard-wrapped continuations joined to their paragraph."""
    blocks = []
    c = cues()
    item_rxs = tuple(c[k] for k in ITEM_KEYS)      # a line matching one is a list item
    prev = None                   # blocks[-1]
    pos = 0
    for line in text.split("\n"):
        lpos = pos
        pos += len(line) + 1
        if not line or line.isspace():
            continue
        if line[0] in _LEAD_CHARS:
            lead = _lead(line)
            body = line[lead:]
        else:
            lead, body = 0, line
        cbody = clean(body)
        first = cbody[:1]
        stripped = line.rstrip()
        if prev is not None and (
                (body[:1] in ("-", "–") and _year_range(prev, body))
                or first and (first.islower() or _unfinished(prev, text))
                and not any(rx.match(cbody) for rx in item_rxs)):
            prev.end = lpos + len(stripped)
            prev.body = text[prev.body_start:prev.end].replace("\n", " ")
            prev.cbody = None
            continue
        prev = Block(lpos, lpos + len(stripped), lpos + lead, body.rstrip().replace("\\", ""),
                     cbody=cbody)             # cbody: the same as clean() of the stored body
        blocks.append(prev)
    return blocks


_YEAR_END = re.compile(r"\b(?:19|20)\d\d\W*$")
_YEAR_DASH = re.compile(r"[-–]\s*(?:19|20)\d\d\b")


def _year_range(prev: Block, body: str) -> bool:
    """"… giai đoạn 2026" / "- 2030 phấn đấu …": a range cut at its dash, not a bullet."""
    # the cheap test first: the line must start with a dash and a year
    return bool(_YEAR_DASH.match(body) and _YEAR_END.search(prev.body))


def _unfinished(block: Block, text: str) -> bool:
    """A heading line whose bold mark is still open ("**I. MỤC ĐÍCH," / "YÊU CẦU**")."""
    if block.end - block.start >= 200:
        return False
    raw = text[block.start:block.end]
    return raw.count("**") % 2 == 1
