"""Normalise raw text into ``Document.text``: one block per line.

Conventions of the result (every offset in the pipeline points into it):

- NFC; no zero-width characters; non-breaking and odd spaces become " "; "\\r\\n" -> "\\n";
- one block per line (a heading, a paragraph, a list item, a header field), no blank lines;
  runs of spaces folded to one, no leading/trailing spaces;
- hard-wrapped lines re-joined into whole paragraphs (a single space where the break was);
- no Markdown marks (``**``, ``*``, ``#``, ``\\*`` escapes, table pipes, ``---`` rules,
  ``___`` underlines, inline HTML tags); a bullet written ``* x`` or ``\\* x`` stays ``* x``;
- the two-column header block becomes readable lines ("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 182/KH-UBND",
  "Đồng Nai, ngày 20 tháng 11 năm 2025");
- content tables (three or more columns): one row per line, cells separated by "\\t".

``normalise(raw, fmt)`` returns ``(text, OffsetMap)``; the map links offsets in ``text``
to offsets in ``raw`` (see ``pipeline.text.spans``).

Modules, in the order of the steps: ``chars`` (characters), ``tables`` (crawl and Markdown
tables, paragraphs), ``marks`` (Markdown/HTML marks), ``blocks`` (where a block starts,
re-wrapping), ``layout`` (lines -> blocks); ``rules`` compiles ``data/normalise.yaml``.
"""
from __future__ import annotations

import re

from pipeline.normalise.chars import clean_chars
from pipeline.normalise.layout import layout
from pipeline.normalise.marks import fold_spaces, strip_marks
from pipeline.normalise.site import is_site_page, strip_site
from pipeline.text.spans import OffsetMap, Span

__all__ = ["normalise", "OffsetMap", "Span", "clean_chars", "strip_marks"]

_TAB = re.compile(r" *\t *")          # a DOCX cell separator and the spaces around it


def normalise(raw: str, fmt: str = "txt") -> tuple[str, OffsetMap]:
    """Raw text of a source -> (normalised text, OffsetMap into ``raw``)."""
    fmt = (fmt or "txt").lower().lstrip(".")
    span = clean_chars(raw, keep_tabs=(fmt == "docx"))
    lines = span.split_lines()
    fields: list[Span] = []
    if fmt == "docx":
        lines = [l.sub(_TAB, "\t") for l in lines]
    elif fmt in ("txt", "md") and is_site_page(span.text):
        lines, fields = strip_site(lines)
    blocks = layout(lines, fmt) + [fold_spaces(strip_marks(f)) for f in fields]
    out = Span.join("\n", blocks)
    return out.text, out.to_map(len(raw))
