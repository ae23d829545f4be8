"""The parts of a plan that give bodies duties, and their numbered entries."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any, Optional

from pipeline.document import Document, Section
from pipeline.stages.agencies.layout import body_end, clean, lines
from pipeline.stages.agencies.lists import blank_brackets, list_end, names_at, strip_lead_in
from pipeline.stages.agencies.patterns import data, pattern
from pipeline.text.folds import fold

TCTH = pattern("implementation_heading")
_ARTICLE_LABEL = pattern("article_label")
_ASSIGNS = pattern("assignment_heading")
_DUTY_ARTICLE = pattern("duty_article")
_ARTICLE = data()["article_word"]              # sections of a decision's articles ("Điều 2")
_APPENDIX = tuple(data()["appendix_words"])
_ROMAN_LINE = re.compile(r"^([IVXLC]+)\s*[.)]\s*(.*)$")
_ROMAN_NEXT = re.compile(r"^[IVXLC]+\s*[.)]\s+\S")

#: (start, end, path, level) of a part that gives bodies duties (``regions``)
Region = tuple[int, int, Optional[str], Optional[int]]


def regions(doc: Document, outline: Optional[Outline] = None) -> list[Region]:
    """[(start, end, path, level)] of the parts that give bodies duties: "TỔ CHỨC THỰC HIỆN",
    "PHÂN CÔNG NHIỆM VỤ", and any part whose numbered entries mostly name bodies
    ("II. NỘI DUNG THỰC HIỆN / 1. Sở Y tế / 2. Sở Tài chính ...")."""
    text = doc.text
    stop = body_end(text)
    tree = Outline([s for s in (outline or Outline(doc.sections)).secs
                    if s.start < stop and not s.path.startswith("PL")])
    secs = tree.secs
    out: list[Region] = []
    reach = -1                  # the end of the regions found (they start before each next section)
    for s in secs:
        if s.level > 2 or s.start < reach:
            continue
        span = (s.start, min(s.end, stop), s.path, s.level)
        heading = fold(_ARTICLE_LABEL.sub("", s.heading))       # ("Điều 7. Tổ chức thực hiện")
        if s.path.startswith(_ARTICLE):
            # "Điều 5. Tổ chức thực hiện", "Điều 2. Giao các cơ quan, đơn vị: 1. ... 2. ..."
            if _ASSIGNS.match(heading):
                out.append(span)
                reach = max(reach, span[1])
            continue
        kids = tree.children(s)
        # "IV. TỔ CHỨC THỰC HIỆN", "V. THỜI GIAN VÀ TRÁCH NHIỆM THỰC HIỆN / 2. Trách nhiệm thực hiện"
        if TCTH.match(heading):
            out.append(span)
            reach = max(reach, span[1])
            continue
        # its numbered entries (sections, or else numbered paragraphs) mostly name bodies
        articles = tree.any_article(s.start, span[1])
        heads = [c.heading for c in kids] or ([] if articles else _numbered_lines(text, s.start, span[1]))
        named = sum(_names_body(h) for h in heads)
        if len(heads) >= 3 and named >= 0.6 * len(heads):
            out.append(span)
            reach = max(reach, span[1])
    top = [c for c in secs if "." not in c.path and not c.path.startswith(_ARTICLE)]
    if not out and len(top) >= 3 and all(c.level == top[0].level for c in top):
        run = _body_run([_names_body(c.heading) for c in top])
        if run:
            a, b = run
            out.append((top[a].start, min(top[b].end, stop), "", 0))
    if out or secs:
        return out
    start = path = None
    for pos, line in lines(text, 0, stop):
        st = line.strip()
        if start is None:
            m = _ROMAN_LINE.match(st)
            head = m.group(2) if m else st
            if len(head) < 60 and TCTH.match(fold(head)) and head.strip().upper() == head.strip():
                start, path = pos, (m.group(1) if m else None)
        elif _ROMAN_NEXT.match(st) or st.startswith(_APPENDIX):
            return [(start, pos, path, None)]
    return [(start, stop, path, None)] if start is not None else []


def duty_article(region: Region, outline: Outline) -> bool:
    """Is the region an article of a regulation headed by a body's duties ("Điều 16. Trách
    nhiệm của Sở Khoa học và Công nghệ", "Điều 6. Thẩm quyền, trách nhiệm … của các cơ quan")?"""
    s = outline.by_path.get(region[2] or "")
    if s is None or not s.path.startswith(_ARTICLE):
        return False
    heading = fold(_ARTICLE_LABEL.sub("", s.heading))
    return bool(_DUTY_ARTICLE.match(heading)) and not TCTH.match(heading)


def _numbered_lines(text: str, start: int, end: int) -> list[str]:
    """The first lines of the numbered paragraphs "1. ...", "2. ..." of a part without sections."""
    return [line[m.end():] for _, line in lines(text, start, end)
            for m in [_ENTRY_LINES[0].match(line)] if m and not _DECIMAL_LINE.match(line)
            and not _FIGURES.search(line, m.end())]     # "1. Bộ Tư pháp 19 07 12 ...": a table row


_FIGURES = re.compile(r"(?<!\S)\d[\d.,]*(?:\s+(?:-|\d[\d.,]*)){2,}(?!\S)")      # three figures in a row


def _body_run(flags: list[bool]) -> Optional[tuple[int, int]]:
    """(first, last) index of the longest run of True (one False allowed inside), if >= 3
    (the first of the longest).  Linear: a run reaches the end of its block of True, or
    through one False to the end of the next block."""
    n = len(flags)
    block_end = [0] * n                 # the last index of the block of True holding i
    for i in range(n - 1, -1, -1):
        block_end[i] = (block_end[i + 1] if i + 1 < n and flags[i + 1] else i) if flags[i] else -1
    trues = [0]                          # trues[k]: how many True before index k
    for f in flags:
        trues.append(trues[-1] + bool(f))
    best: Optional[tuple[int, int]] = None
    for i in range(n):
        if not flags[i]:
            continue
        j = block_end[i]
        if j + 2 < n and flags[j + 2]:   # one False, then True: on to the end of that block
            j = block_end[j + 2]
        if trues[j + 1] - trues[i] >= 3 and (best is None or j - i > best[1] - best[0]):
            best = (i, j)
    return best


class Outline:
    """Sections sorted by start, indexed for the lookups of ``regions`` and ``entries`` in
    log time (a document of 16,000 sections once took minutes): a section by path, the
    children of a section, whether an article starts in a span."""

    def __init__(self, sections: Optional[list[Section]]) -> None:
        self.secs = sorted(sections or [], key=lambda s: s.start)
        self.starts = [s.start for s in self.secs]
        self.by_path: dict[str, Section] = {}
        self.levels: dict[int, tuple[list[int], list[Section]]] = {}
        self.articles = [0]             # articles[k]: how many of the first k are articles
        for s in self.secs:
            self.by_path.setdefault(s.path, s)
            starts, secs = self.levels.setdefault(s.level, ([], []))
            starts.append(s.start)
            secs.append(s)
            self.articles.append(self.articles[-1] + s.path.startswith(_ARTICLE))

    def children(self, s: Section) -> list[Section]:
        """The sections one level below ``s`` inside it whose path continues its path."""
        starts, secs = self.levels.get(s.level + 1, ([], []))
        lo = bisect_right(starts, s.start)
        hi = max(lo, bisect_left(starts, s.end, lo))
        prefix = s.path + "."
        return [c for c in secs[lo:hi] if c.path.startswith(prefix)]

    def any_article(self, start: int, end: int) -> bool:
        """Does the section of an article start strictly between ``start`` and ``end``?"""
        lo = bisect_right(self.starts, start)
        hi = max(lo, bisect_left(self.starts, end, lo))
        return self.articles[hi] > self.articles[lo]


def _names_body(heading: str) -> bool:
    """Does a numbered heading start by naming a body ("Sở Y tế", "Giao Công an tỉnh ...")?"""
    h = clean(heading)
    off, _ = strip_lead_in(h)
    return bool(names_at(h[off:], 0)[0])


_ENTRY_NUMBER = re.compile(r"\s*(?:[\dIVXLC]+[.)]\s*)*(?:[\d]+[.)]?\s*)?")
_ENTRY_LINES = (re.compile(r"^\s*(\d+)\s*[.)]\s+(?=\S)"), pattern("letter_entry"))
_DECIMAL_LINE = re.compile(r"^\s*\d+\.\d")


def entries(doc: Document, region: Region,
            outline: Optional[Outline] = None) -> list[tuple[str, int, int, int]]:
    """Numbered entries of the region: [(number, heading_start, heading_end, end)]
    (``outline``: ``Outline(doc.sections)``, made once for all the regions of a document)."""
    text = doc.text
    start, end, path, level = region
    if level is not None:
        tree = outline or Outline(doc.sections)
        if level == 0:
            kids = [c for c in tree.secs if "." not in c.path and start <= c.start < end]
            parent_end = end
        else:
            parent = tree.by_path.get(path or "")
            parent = parent if parent is not None and parent.start < end else None
            kids = [c for c in tree.children(parent) if c.start < end] if parent else []
            parent_end = parent.end if parent else end
        res: list[tuple[str, int, int, int]] = []
        for k, c in enumerate(kids):
            line_end = text.find("\n", c.start)
            line_end = len(text) if line_end < 0 else line_end
            m = _ENTRY_NUMBER.match(text, c.start, line_end)
            hs = c.start + (m.end() - c.start if m else 0)
            nxt = kids[k + 1].start if k + 1 < len(kids) else min(parent_end, end)
            res.append((c.number or c.path, hs, line_end, nxt))
        if res:
            return res
    rows = list(lines(text, start, end))
    out: list[list[Any]] = []                   # [number, heading start, heading end]
    for rx in _ENTRY_LINES:
        out = []
        for pos, line in rows[1:]:
            m = rx.match(line)
            if m and not _DECIMAL_LINE.match(line):
                out.append([m.group(1), pos + m.end(), pos + len(line)])
        if out:
            break
    res = []
    for k, (num, hs, he) in enumerate(out):
        nxt = out[k + 1][1] if k + 1 < len(out) else end
        res.append((num, hs, he, nxt))
    return res


def heading_only(h: str) -> bool:
    """Is an entry's first line only names (a heading), not a sentence giving duties?"""
    core = blank_brackets(h).strip().rstrip(":").strip()
    if not core or len(core.split()) > 24 or _DOT_SPACE.search(core + " ") and not core.endswith("."):
        return False
    if core.endswith("."):
        core = core[:-1]
    # "Sở Y tế theo dõi, đôn đốc thực hiện Kế hoạch": a verb after the names makes a sentence
    return not _DUTY_WORDS.search(core) and list_end(core, punct=False) == len(core)


_DOT_SPACE = re.compile(r"\.\s")
_DUTY_WORDS = pattern("duty_words")
