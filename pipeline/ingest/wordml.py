"""WordprocessingML (the XML parts of a .docx) -> text blocks, in one streaming pass.

The part is parsed with ``lxml.etree.iterparse`` and every paragraph, cell and table is
dropped from memory once its text is taken, so memory follows the largest table, not the
file.  Nothing is walked recursively: nested tables and text boxes are frames on explicit
stacks, and a vertically merged cell is found through a map of the row above (grid column
-> cell), never by climbing back through the rows.

What is read: the runs of a paragraph wherever they sit (hyperlinks, tracked insertions
``w:ins``/``w:moveTo``, smart tags, fields, content controls); text boxes (after the
paragraph that anchors them); nested tables (each row one item of the enclosing cell).
What is not: deleted text (``w:del``, ``w:moveFrom``), field codes, and the fallback copy
of a drawing (``mc:Fallback``, which repeats the text box of ``mc:Choice``).

A run whose font is a legacy Vietnamese font (``.VnTime``, ``.VnTimeH``, ``VNI-Times``:
:func:`legacy.font_encoding`) has its text converted to Unicode; ``Reader.legacy`` counts
such runs per encoding.

Blocks keep python-docx's layout: a body paragraph is one block; a table with at most two
columns (header block, signatures) gives one block per cell with its paragraphs on lines;
a wider table gives one line per row, cells separated by tabs (a row wider than
``max_row_cells`` gives one line per cell).
"""
from __future__ import annotations

from typing import Any, Protocol

from pipeline.ingest import legacy
from pipeline.ingest.limits import Limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# subtrees whose text the reader of the document does not see
SKIP = {W + "del", W + "moveFrom", MC + "Fallback"}
NOTE_TYPES_SKIPPED = {"separator", "continuationSeparator", "continuationNotice"}
RUN_TEXT = {W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n", W + "noBreakHyphen": "-"}
# elements dropped from memory once read (their previous siblings too)
DONE = {W + "p", W + "tbl", W + "tr", W + "tc", W + "sdt", W + "footnote", W + "endnote"}


class Readable(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


class Full(Exception):
    """The character limit is reached: stop reading."""


class _Container:
    """The body, a table cell, a text box or a note: its items (paragraph texts, table
    lines) and the text-box blocks waiting for the end of their anchoring paragraph."""
    __slots__ = ("items", "pending")

    def __init__(self) -> None:
        self.items: list[str] = []
        self.pending: list[str] = []


class _Table:
    __slots__ = ("rows", "above", "here", "row", "seen", "offset", "span", "vmerge")

    def __init__(self) -> None:
        self.rows: list[list[_Container]] = []
        self.above: dict[int, _Container] = {}    # grid column -> cell of the row above
        self.here: dict[int, _Container] = {}
        self.row: list[_Container] = []
        self.seen: set[int] = set()               # ids of the cells in self.row
        self.offset = 0
        self.span, self.vmerge = 1, False


def _int(value: Any, default: int) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


class Reader:
    """Reads parts one after the other; ``blocks(part)`` gives a part's blocks."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.chars = 0              # characters taken so far (all parts)
        self.cells = 0              # table cells seen
        self.cells_dropped = 0      # beyond max_table_cells
        self.cut = False            # max_chars reached
        self.partial = _Container()  # the part being read (its blocks so far after Full)
        self.legacy: dict[str, int] = {}   # runs converted from a legacy font encoding

    def blocks(self, source: Readable) -> list[str]:
        """The text blocks of one XML part (raises ``Full`` after ``max_chars``, with the
        blocks so far in ``self.partial``)."""
        self.partial = body = _Container()
        containers = [body]
        paras: list[list[str]] = []
        tables: list[_Table] = []
        fonts: list[tuple[str | None, bool]] = []   # (legacy encoding, capitals) of open runs
        skip = 0
        # (lxml, ~13 ms to import, only when a Word file is read)
        from lxml import etree
        events = etree.iterparse(source, events=("start", "end"), huge_tree=True,
                                 resolve_entities=False, remove_blank_text=True,
                                 no_network=True, load_dtd=False)
        for event, el in events:
            tag = el.tag
            if not isinstance(tag, str):
                continue                                  # comments, processing instructions
            if event == "start":
                if tag in SKIP or (tag in (W + "footnote", W + "endnote")
                                   and el.get(W + "type") in NOTE_TYPES_SKIPPED):
                    skip += 1
                elif skip:
                    continue
                elif tag == W + "r":
                    fonts.append((None, False))
                elif tag == W + "p":
                    paras.append([])
                elif tag == W + "tbl":
                    tables.append(_Table())
                elif tag == W + "tr" and tables:
                    t = tables[-1]
                    t.here, t.row, t.seen, t.offset = {}, [], set(), 0
                elif tag in (W + "tc", W + "txbxContent"):
                    containers.append(_Container())
                    if tag == W + "tc" and tables:
                        tables[-1].span, tables[-1].vmerge = 1, False
                continue
            # ---- end of an element
            if tag in SKIP or (tag in (W + "footnote", W + "endnote")
                               and el.get(W + "type") in NOTE_TYPES_SKIPPED):
                skip -= 1
            elif skip:
                continue
            elif tag == W + "t":
                if paras and _in_run(el):
                    paras[-1].append(self._text(el.text or "", fonts))
            elif tag == W + "rFonts" and fonts and _run_property(el):
                fonts[-1] = legacy.font_encoding(el.get(W + "ascii") or el.get(W + "hAnsi"))
            elif tag == W + "r" and fonts:
                fonts.pop()
            elif tag in RUN_TEXT:
                if paras and _in_run(el):
                    paras[-1].append(RUN_TEXT[tag])
            elif tag == W + "br":
                if paras and _in_run(el) and el.get(W + "type") in (None, "textWrapping"):
                    paras[-1].append("\n")
            elif tag == W + "p" and paras:
                self._paragraph("".join(paras.pop()), containers[-1])
            elif tag == W + "tcPr" and tables:
                self._cell_props(el, tables[-1])
            elif tag == W + "trPr" and tables:
                before = el.find(W + "gridBefore")
                tables[-1].offset = _int(before.get(W + "val") if before is not None else 0, 0)
            elif tag == W + "tc" and len(containers) > 1:
                cell = containers.pop()
                cell.items.extend(cell.pending)
                if tables:
                    self._cell(cell, tables[-1])
            elif tag == W + "tr" and tables:
                t = tables[-1]
                t.rows.append(t.row)
                t.above, t.here, t.row = t.here, {}, []
            elif tag == W + "tbl" and tables:
                containers[-1].items.extend(self._render(tables.pop()))
            elif tag == W + "txbxContent" and len(containers) > 1:
                box = containers.pop()
                containers[-1].pending.extend(box.items + box.pending)
            if tag in DONE:
                el.clear()
                parent = el.getparent()
                if parent is not None:
                    while el.getprevious() is not None:
                        del parent[0]
        body.items.extend(body.pending)
        return body.items

    def _text(self, text: str, fonts: list[tuple[str | None, bool]]) -> str:
        """A run's text, converted when its font is a legacy one."""
        enc, capitals = fonts[-1] if fonts else (None, False)
        if enc is None or not text:
            return text
        self.legacy[enc] = self.legacy.get(enc, 0) + 1
        return legacy.convert(text, enc, capitals)

    def _paragraph(self, text: str, into: _Container) -> None:
        if text.strip():
            # one character past the limit: read_source then cuts the text and says so
            room = self.limits.max_chars + 1 - self.chars
            if len(text) > room:
                into.items.append(text[:max(room, 0)].replace("\t", " "))
                self.cut = True
                raise Full
            self.chars += len(text)
            into.items.append(text.replace("\t", " "))
        into.items.extend(into.pending)
        into.pending.clear()

    def _cell_props(self, el: Any, t: _Table) -> None:
        span = el.find(W + "gridSpan")
        t.span = max(1, _int(span.get(W + "val"), 1)) if span is not None else 1
        vm = el.find(W + "vMerge")
        t.vmerge = vm is not None and vm.get(W + "val", "continue") == "continue"

    def _cell(self, cell: _Container, t: _Table) -> None:
        """A cell at the end of its ``w:tc``: a continued vertical merge stands for the cell
        above it in the same grid column (its own content is not shown by Word)."""
        self.cells += 1
        if self.cells > self.limits.max_table_cells:
            self.cells_dropped += 1
            return
        origin = t.above.get(t.offset) if t.vmerge else None
        if origin is None:
            origin = cell
        t.here[t.offset] = origin
        if id(origin) not in t.seen:                   # a horizontal span repeats its cell
            t.seen.add(id(origin))
            t.row.append(origin)
        t.offset += t.span

    def _render(self, t: _Table) -> list[str]:
        rows = [[c.items for c in row] for row in t.rows]
        out: list[str] = []
        if max((len(r) for r in rows), default=0) <= 2:
            for cells in rows:
                out.extend("\n".join(c) for c in cells if c)
            return out
        for cells in rows:
            if len(cells) > self.limits.max_row_cells:     # one line per cell
                out.extend(" ".join(c).replace("\n", " ") for c in cells if c)
                continue
            line = "\t".join(" ".join(c).replace("\n", " ") for c in cells)
            if line.strip():
                out.append(line)
        return out


def _run_property(el: Any) -> bool:
    """Is ``el`` in the properties of a run (not of a paragraph mark or a style)?"""
    parent = el.getparent()
    return parent is not None and _in_run(parent)


def _in_run(el: Any) -> bool:
    parent = el.getparent()
    return parent is not None and parent.tag == W + "r"
