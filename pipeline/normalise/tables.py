"""Structure: crawl tables (cells between lines holding only "|"), Markdown tables and
paragraphs separated by blank lines, as groups of lines."""
from __future__ import annotations

import re
from typing import Any, Optional

from pipeline.normalise.blocks import ends_sentence, marker
from pipeline.text.spans import Span

# (kind, body): ("para" | "cell", list[Span]), ("row", list[list[Span]]) or ("break", None)
Group = tuple[str, Any]

_PIPE_SPLIT = re.compile(r"\s*\|\s*")
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _split_pipes(line: Span) -> list[Span]:
    """Split a line at ``|`` cell separators (pipes themselves dropped)."""
    parts, last = [], 0
    for m in _PIPE_SPLIT.finditer(line.text):
        parts.append(line[last:m.start()])
        last = m.end()
    parts.append(line[last:])
    return parts


def _is_md_row(line: Span) -> bool:
    t = line.text.strip()
    return len(t) > 2 and t.startswith("|") and t.endswith("|") and t.count("|") >= 3


def _read_pipe_table(lines: list[Span], i: int, dense: bool = False,
                     texts: list[str] | None = None) -> tuple[list[list[list[Span]]], int]:
    """Parse a crawl table: cells between lines holding only "|", rows split by "|\\n|".

    Returns (rows, next index); each row is a list of cells, each cell a list of lines.
    A table ends at a blank line; in a ``dense`` text (no blank lines) it also ends where
    the text after a cell turns into paragraphs (``_turns_into_paragraphs``).
    ``texts``: the lines' texts stripped.
    """
    if texts is None:
        texts = [l.text.strip() for l in lines]
    n = len(lines)
    rows: list[list[list[Span]]]
    row: list[list[Span]]
    cell: Optional[list[Span]]
    rows, row, cell = [], [], None
    width = 0                                # the widest row so far
    while i < n:
        if texts[i] == "|":
            if cell is None:                 # "|" "|": row boundary (or table start)
                if row:
                    rows.append(row)
                    width = max(width, len(row))
                    row = []
            else:
                row.append(cell)
            cell = None
            nxt = texts[i + 1] if i + 1 < n else ""
            if not nxt:                       # "|" then a blank line (or the end): table over
                i += 1
                break
            if dense and nxt != "|" and (row or rows) and _turns_into_paragraphs(
                    lines, i + 1, reached=bool(width) and len(row) >= width,
                    narrow=width <= 2 and len(rows) <= 2, stripped=texts):
                i += 1
                break
            cell = [] if nxt != "|" else None
            i += 1
            continue
        if cell is None:
            cell = []
        cell.append(lines[i])
        i += 1
    if cell:
        row.append(cell)
    if row:
        rows.append(row)
    return rows, i


_MARKS = re.compile(r"[*#_]+|\\(?=\S)")
#: a block that opens a part of the text, not a cell: "PHỤ LỤC I", "Điều 1.", "Chương II"
_OPENERS = {"appendix", "part", "article", "decision_word", "issued_with", "recipients"}
#: ... or a line of an attachment's title block: "(Ban hành kèm theo …)", "PHỤ LỤC II"
_TITLE_LINES = {"appendix", "issued_with"}
#: ... or the document's footnotes: "[1] Tại phần 2 …", "[i] Tổng số …"
_FOOTNOTE = re.compile(r"^\[(?:\d{1,3}|[ivxlc]{1,5})\]")


def _caps_title(texts: list[str]) -> bool:
    """Two lines or more, the first two in capitals: a type heading and its title."""
    return len(texts) >= 2 and all(t == t.upper() and any(c.isalpha() for c in t)
                                   for t in texts[:2])


def _turns_into_paragraphs(lines: list[Span], i: int, reached: bool, narrow: bool = False,
                           stripped: list[str] | None = None) -> bool:
    """Is the text from line ``i`` to the next pipe line paragraphs rather than a cell?

    After a row as wide as the table (``reached``) a cell that holds a sentence followed by
    another block, an opening block or several lines (after a ``narrow`` header table of
    one or two columns and rows, a title in capitals: "CÔNG ĐIỆN" / "TẬP TRUNG …", or an
    empty cell) is paragraphs; inside a row only a
    text with an opening block or many sentences is.
    """
    texts: list[str] = []          # (``stripped``: the lines' texts stripped)
    for k in range(i, len(lines)):
        t = stripped[k] if stripped is not None else lines[k].text.strip()
        if not t or t == "|":
            break
        t = _MARKS.sub("", t).strip()
        if t:
            texts.append(t)
        if len(texts) > 40:
            return True
    if not texts:                  # an empty cell after a full row of a layout table
        return reached and narrow
    if marker(texts[0]) in _OPENERS or any(marker(t) in _TITLE_LINES for t in texts[1:]) \
            or _FOOTNOTE.match(texts[0]):
        return True
    breaks = sum(1 for a, b in zip(texts, texts[1:])
                 if ends_sentence(a) and (b[:1].isupper() or b[:1].isdigit() or marker(b)))
    if reached:
        return breaks >= 1 or len(texts) >= 6 or (narrow and _caps_title(texts))
    return breaks >= 4


def _table_groups(rows: list[list[list[Span]]]) -> list[Group]:
    """Layout tables (at most two columns: header block, signature) give one group per
    cell; content tables one row group per row."""
    if max((len(r) for r in rows), default=0) <= 2:
        return [("cell", cell) for row in rows for cell in row]
    return [("row", row) for row in rows]


def _is_dense(lines: list[Span], texts: list[str] | None = None) -> bool:
    """A text without blank lines (at most one in a hundred lines): its tables are not
    closed by a blank line.  (``texts``: the lines' texts stripped.)"""
    if texts is None:
        texts = [l.text.strip() for l in lines]
    n = len(texts)
    while n and not texts[n - 1]:     # (the final newline is no blank line)
        n -= 1
    blanks = texts.count("") - (len(texts) - n)
    return blanks * 100 <= n


def structure(lines: list[Span], texts: list[str] | None = None) -> list[Group]:
    """Group lines into ("para", lines) | ("cell", lines) | ("row", cells) | ("break", None).
    ``texts``: the lines' texts stripped, when the caller has them."""
    groups: list[Group]
    para: list[Span]
    groups, para = [], []

    def flush():
        nonlocal para
        if para:
            groups.append(("para", para))
            para = []

    if texts is None:
        texts = [l.text.strip() for l in lines]
    i, n = 0, len(lines)
    dense = _is_dense(lines, texts)
    while i < n:
        t = texts[i]
        if "|" not in t:                    # (the usual case: every test below needs a "|")
            if t:
                para.append(lines[i])
            else:
                flush()
                groups.append(("break", None))
            i += 1
            continue
        line = lines[i]
        if t == "|":
            flush()
            rows, i = _read_pipe_table(lines, i, dense, texts)
            groups.extend(_table_groups(rows))
            continue
        if _is_md_row(line):
            flush()
            rows = []
            while i < n and (_is_md_row(lines[i]) or _MD_SEPARATOR.match(lines[i].text)):
                if not _MD_SEPARATOR.match(lines[i].text):
                    cells = _split_pipes(lines[i].strip())[1:-1]
                    rows.append([[c] for c in cells])
                i += 1
            groups.extend(_table_groups(rows))
            continue
        if " | " in t or t.endswith(" |") or t.startswith("| "):
            parts = _split_pipes(line)
            for k, part in enumerate(parts):
                if part.text.strip():
                    para.append(part)
                if k < len(parts) - 1:
                    flush()
            i += 1
            continue
        para.append(line)
        i += 1
    flush()
    return groups
