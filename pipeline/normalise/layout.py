"""Layout: lines (Spans) -> blocks (Spans), one per output line."""
from __future__ import annotations

import re

from pipeline.normalise.blocks import (
    bold_blocks,
    detect_mode,
    ends_sentence,
    marker,
    may_stand_alone,
    rewrap,
    split_standalone,
)
from pipeline.normalise.marks import ANY_MARK, STARS, fold_spaces, strip_marks
from pipeline.normalise.tables import Group, structure
from pipeline.text.spans import Span

_STAR_RUN = re.compile(r"\*+")


def _split_tabs(line: Span) -> list[Span]:
    parts, last = [], 0
    for i, ch in enumerate(line.text):
        if ch == "\t":
            parts.append(line[last:i])
            last = i + 1
    parts.append(line[last:])
    return parts


def _paragraphs(lines: list[Span]) -> list[Group]:
    """Groups of lines separated by blank lines."""
    groups, para = [], []
    for line in lines + [Span()]:
        if line.text.strip():
            para.append(line)
        elif para:
            groups.append(("para", para))
            para = []
    return groups


def _clean(line: Span, markdown: bool, bullet_ok: bool = True) -> Span:
    return fold_spaces(strip_marks(line, bullet_ok) if markdown else line)


def _clean_lines(lines: list[Span], markdown: bool, bullet_ok: bool,
                 joined: str = "") -> list[Span]:
    """``[_clean(l, markdown, bullet_ok) for l in lines]``.  In Markdown (``joined``: the
    lines joined by "\\n"), a line that starts with a letter or digit, does not end with a
    space and holds no mark and no double space is already clean: it is passed through
    without the per-line steps (tested once for the whole group when it can)."""
    if markdown:
        if "  " not in joined and ANY_MARK(joined) is None:
            return [l if l.text[:1].isalnum() and l.text[-1:] != " " else _clean(l, True, bullet_ok)
                    for l in lines]
        return [l if (t := l.text)[:1].isalnum() and t[-1:] != " " and "  " not in t
                and ANY_MARK(t) is None else _clean(l, True, bullet_ok) for l in lines]
    return [_clean(l, markdown, bullet_ok) for l in lines]


def _clean_md(line: Span, markdown: bool = True, bullet_ok: bool = True) -> Span:
    """``_clean(line, True, bullet_ok)``: a line already clean (see ``_clean_lines``) as it is."""
    t = line.text
    if t[:1].isalnum() and t[-1:] != " " and "  " not in t and ANY_MARK(t) is None:
        return line
    return _clean(line, True, bullet_ok)


def _one_line(line: Span) -> list[Span]:
    """``rewrap(_clean_lines([line], True, …), …)`` for a Markdown group of one line."""
    t = line.text
    c = _clean_md(line, True, "*" in t and _star_bullets(t))
    return [c] if c.text else []


def _star_bullets(joined: str) -> bool:
    """Is a leading "* " a bullet in this group (its lines joined by "\\n")?  Not when the
    group's star runs pair up:
    "* (Ban hành kèm theo …)*" is an italic line, "* Về công tác …" a bullet."""
    # (a run never spans lines; without a backslash every run of stars counts, found fast)
    runs = len((STARS if "\\" in joined else _STAR_RUN).findall(joined))
    return runs % 2 == 1


def layout(lines: list[Span], fmt: str) -> list[Span]:
    """Lines (Spans) -> blocks (Spans), one per output line.

    txt/md: Markdown crawl structure, marks stripped, wrapping detected.  docx/pdf: the
    ingest already separates blocks by blank lines; lines inside a block are joined
    (docx: header-cell rules, pdf: wrapped-paragraph rules).
    """
    markdown = fmt in ("txt", "md")
    if markdown:
        texts = [l.text.strip() for l in lines]
        mode = detect_mode(lines, texts)
        groups = structure(lines, texts)
    else:
        mode = "layout" if fmt == "docx" else "wrapped"
        groups = _paragraphs(lines)
    blocks, last_para = [], False
    for kind, body in groups:
        if kind == "break":
            continue
        if kind == "para" and not markdown and len(body) == 1 and "\t" in body[0].text:
            kind, body = "row", [[c] for c in _split_tabs(body[0])]
        if kind == "row":
            clean = _clean_md if markdown else _clean
            cells = [Span.join(" ", [c for c in (clean(l, markdown) for l in cell) if c.text])
                     for cell in body]
            while cells and not cells[-1].text:
                cells.pop()
            if any(c.text for c in cells):
                blocks.append(Span.join("\t", cells))
            last_para = False
            continue
        if markdown and len(body) == 1:       # one line (a third of the groups): one block
            new = _one_line(body[0])
            alone = may_stand_alone(new[0].text if new else "")
        else:
            joined = "\n".join([l.text for l in body]) if markdown else ""
            # (with no star in the group the flag is never read)
            bullet_ok = not markdown or ("*" in joined and _star_bullets(joined))
            cleaned = _clean_lines(body, markdown, bullet_ok, joined)
            group_mode = "layout" if kind == "cell" else mode
            starts = bold_blocks(body) if markdown and group_mode == "wrapped-dense" else None
            alone = may_stand_alone(" ".join([c.text for c in cleaned if c.text]))
            new = rewrap(cleaned, group_mode, starts, alone)
        if alone:
            new = [x for b in new for x in split_standalone(b)]
        if new and kind == "para" and last_para and _continues(blocks[-1].text, new[0].text):
            blocks[-1] = Span.join(" ", [blocks[-1], new.pop(0)])
        blocks.extend(new)
        last_para = kind == "para" and bool(new or last_para)
    return [b for b in blocks if b.text.strip()]


def _continues(prev: str, line: str) -> bool:
    """A paragraph cut by a stray blank line: "phòng,\n\nchống mại dâm …"."""
    return bool(line[:1].islower() and not marker(line) and prev and not ends_sentence(prev))

