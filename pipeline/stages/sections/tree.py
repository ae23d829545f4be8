"""The tree: Sections from classified blocks (paths, levels, ends, heading texts)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Optional

from pipeline.document import Section
from pipeline.stages.sections.blocks import HEADING_KINDS, Block, clean
from pipeline.stages.sections.numerals import roman_value, to_roman

_DIGIT = re.compile(r"\d")
_INLINE_COLON = re.compile(r":(\s+|\*+\s*)(?=\S)")


def _last_word(s: str, end: int) -> str:
    """The word (a run of word characters, as ``re`` reads them) that ends at ``end`` in
    ``s``, or "": what ``re.findall(r"\\w+$", s[:end])`` finds, read from the end."""
    i = end
    while i > 0 and (s[i - 1].isalnum() or s[i - 1] == "_"):
        i -= 1
    return s[i:end]


def _label(s: str) -> bool:
    """Text before a colon that reads as a heading of its own ("Công an tỉnh", "Công tác
    kiểm tra"), not a field name ("Thời gian", "Mục tiêu 4")."""
    return len(s.split()) >= 3 and not _DIGIT.search(s)


def _heading(text: str, start: int, end: int, c: dict[str, Any], inline_body: bool) -> tuple[str, int]:
    """Heading text and its end: the line up to its first sentence end (not after one of
    the cues' abbreviations), or, when the body follows on the same line, up to the ':' that
    introduces it."""
    raw = text[start:end].replace("\n", " ")
    cut = raw.find("\t") if "\t" in raw else len(raw)
    if inline_body:
        m = _INLINE_COLON.search(raw, 0, cut)
        if m and clean(raw[m.end():cut]) and _label(clean(raw[:m.start()])):
            cut = m.start()
    abbreviations = c["abbreviations"]
    for m in c["heading_sentence_end"].finditer(raw[:cut]):
        prev = _last_word(raw, m.start())
        if prev and (prev in abbreviations or len(prev) == 1):
            continue
        cut = m.start()
        break
    head = clean(raw[:cut]).rstrip(" :.;,")
    return head, start + cut


@dataclass
class _Node:
    kind: str
    path: str
    level: int
    block: Block
    number: str
    counts: dict[str, int] = field(default_factory=dict)   # children seen, by kind (order wins)
    rank: float = 0                              # parts: the cues' part_rank; "A." 1.5
    sub: dict[tuple[str, ...], int] = field(default_factory=dict)
    section: Optional[Section] = None            # the Section made for this node


def build(blocks: list[Block], text: str, c: dict[str, Any],
          marked: Optional[list[int]] = None) -> list[Section]:
    """The Sections of the classified ``blocks`` of ``text``, in text order.  ``marked``:
    the indices of the blocks that may head or end a section (what ``mark_scopes``
    returned; by default all)."""
    if marked is None:
        marked = list(range(len(blocks)))
    has_roman = any(blocks[i].kind == "roman" for i in marked)
    sections, stack = [], []      # stack of _Node, outermost first
    top_count: dict[str, int] = {}
    limit = len(text)

    seen = set()
    i = 0                         # the index of the block at hand

    def add(kind, path, level, b, number):
        base, n = path, 1
        while path in seen:          # a restarted list: keep paths unique
            n += 1
            path = f"{base}#{n}"
        seen.add(path)
        head, head_end = _heading(text, b.text_start, b.end, c, not _has_body(blocks, b, i))
        s = Section(path=path, heading=head, level=level, start=b.start, end=limit,
                    number=number, heading_end=head_end, kind=kind)
        sections.append(s)
        node = _Node(kind, path, level, b, number)
        node.section = s
        stack.append(node)
        return node

    def child(parent, kind):
        counts = parent.counts if parent else top_count
        counts[kind] = counts.get(kind, 0) + 1
        return counts[kind]

    appendix = None               # the last appendix: a form restarting "I." stays in it
    for at, i in enumerate(marked):
        b = blocks[i]
        k = b.kind
        if k == "signature":
            _close(sections, stack, b.start)
            stack.clear()
            continue
        if k == "appendix":
            _close(sections, stack, b.start)
            stack.clear()
            n = child(None, "appendix")
            appendix = add("appendix", f"PL.{to_roman(n)}", 1, b, b.num)
            continue
        if k == "part" and _groups_articles(blocks, marked, at, c):
            # "Chương I" / "Mục 1" above "Điều N.": no section; it ends the articles before it
            while stack and stack[-1].kind != "appendix":
                _set_end(sections, stack.pop(), b.start)
            continue
        if k == "part":              # Phần > Chương > Mục
            rank = c["part_rank"].get(b.num.split()[0], 1.5 if len(b.num) == 1 else 2)
            while stack and not (stack[-1].kind == "appendix" or
                                 stack[-1].kind == "part" and stack[-1].rank < rank):
                _set_end(sections, stack.pop(), b.start)
            parent = stack[-1] if stack else None
            word, _, num = b.num.partition(" ")
            group = parent is not None and parent.kind == "appendix" and roman_value(num) \
                and word in c["appendix_group_parts"]
            path = f"{parent.path}.{num if group else b.num}" if parent else b.num
            node = add("part", path, parent.level + 1 if parent else 1, b, b.num)
            node.rank = rank
            if group and node.section is not None:   # the heading keeps its "PHẦN I."
                marker = clean(text[b.body_start:b.text_start])
                node.section.heading = f"{marker} {node.section.heading}".strip()
            continue
        if k == "article":
            part = _last(stack, ("part",))
            _close_level(sections, stack, part.level + 1 if part else 1, b.start)
            label = c["article_label"].format(num=b.num)
            sec = add("article", label, part.level + 1 if part else 1, b, label).section
            if sec is not None and sec.heading:
                sec.heading = c["article_heading"].format(label=label, heading=sec.heading)
            elif sec is not None:
                sec.heading = label
            continue
        if k == "roman":
            if not stack and appendix is not None:
                stack.append(appendix)
            parent = _last(stack, ("part", "appendix"))
            base = parent.level if parent else 0
            _close_level(sections, stack, base + 1, b.start)
            n = child(parent, "roman")
            if n == 1 and b.value == 2:      # the first heading printed "II." (no "I."):
                (parent.counts if parent else top_count)["roman"] = n = 2   # printed numbers
            elif b.extra.get("cell") and b.value > n:   # an appendix table's groups "I, II, VII":
                (parent.counts if parent else top_count)["roman"] = n = b.value   # an excerpt
            path = f"{parent.path}.{to_roman(n)}" if parent else to_roman(n)
            add("roman", path, base + 1, b, b.num if b.extra.get("cell") else b.num + ".")
            continue
        if k == "arabic":
            parent = _last(stack, ("roman", "article", "part", "appendix"))
            if parent is None and has_roman:
                continue
            base = parent.level if parent else 0
            _close_level(sections, stack, base + 1, b.start)
            n = child(parent, "arabic")
            path = f"{parent.path}.{n}" if parent else str(n)
            add("arabic", path, base + 1, b, b.num + ".")
            continue
        if k == "decimal":
            parts = b.num.split(".")
            parent = _decimal_parent(stack, parts)
            if parent is None:
                continue
            _close_level(sections, stack, parent.level + 1, b.start)
            key = tuple(parts[:-1])
            parent.sub[key] = parent.sub.get(key, 0) + 1
            if parent.kind == "arabic" or parent.kind == "decimal":
                path = f"{parent.path}.{parent.sub[key]}"
            else:
                path = f"{parent.path}.{b.num}"
            add("decimal", path, parent.level + 1, b, b.num + ".")
            continue
    _close(sections, stack, limit)
    starts = [b.start for b in blocks]
    for s in sections:
        while s.end > s.heading_end and text[s.end - 1].isspace():
            s.end -= 1
        if s.kind == "part" and not s.heading:
            s.heading = _title_below(blocks, text, s, starts)
        elif s.kind == "appendix" and _block_at(blocks, s.start, starts).extra.get("bare"):
            s.heading = " ".join((s.heading + " " + _title_below(blocks, text, s, starts)).split())
    sections.sort(key=lambda s: s.start)
    return sections


def _groups_articles(blocks: list[Block], marked: list[int], at: int, c: dict[str, Any]) -> bool:
    """Whether the part ``blocks[marked[at]]`` ("Chương I", "Mục 1", "Phần thứ nhất") groups
    articles: the next heading under it is an article, or another such part
    (corpus/ANNOTATION.md: chapters that group articles are not sections)."""
    words = c["article_group_parts"]
    for j in range(at, len(marked)):
        b = blocks[marked[j]]
        if b.kind == "part":
            if b.num.split()[0] not in words:
                return False
        elif b.kind == "article":
            return True
        elif b.kind in HEADING_KINDS or b.kind == "signature":
            return False
    return False


def _block_at(blocks, start, starts):
    """The block at ``start`` (``starts``: the blocks' starts, in text order: a bisect, not
    a scan per appendix)."""
    return blocks[bisect_left(starts, start)]


def _title_below(blocks, text, s, starts) -> str:
    """The title of an appendix or chapter printed on the next line ("PHỤ LỤC" /
    "DANH MỤC NHIỆM VỤ …")."""
    i = bisect_right(starts, s.start)             # the first block after the heading's
    if i < len(blocks) and blocks[i].start < s.end and blocks[i].kind == "text":
        return clean(text[blocks[i].start:blocks[i].end])[:200]
    return ""


def _has_body(blocks, b, i=None) -> bool:
    """Whether the block after ``b`` (at index ``i`` when known) is body text (not another
    heading)."""
    if i is None:
        i = blocks.index(b)
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return nxt is not None and nxt.kind not in HEADING_KINDS + ("signature",)


def _last(stack, kinds):
    for node in reversed(stack):
        if node.kind in kinds:
            return node
    return None


def _decimal_parent(stack, parts):
    """The node a decimal number "2.1.3" hangs under: the "2.1" decimal or "2" Arabic
    heading whose printed number is its prefix; else the innermost Roman/Arabic node."""
    prefix = ".".join(parts[:-1])
    for node in reversed(stack):
        if node.kind in ("arabic", "decimal") and node.number.rstrip(".") == prefix:
            return node
    for node in reversed(stack):
        if node.kind in ("decimal",) and len(node.number.rstrip(".").split(".")) == len(parts) - 1:
            return node
        if node.kind == "arabic" and len(parts) == 2:
            return node
        if node.kind in ("roman", "article", "part", "appendix"):
            return node
    return None


def _close_level(sections, stack, level, at):
    while stack and stack[-1].level >= level:
        node = stack.pop()
        _set_end(sections, node, at)


def _close(sections, stack, at):
    while stack:
        _set_end(sections, stack.pop(), at)


def _set_end(sections, node, at):
    s = node.section
    if s is not None:             # paths are unique, so this is the one the search finds
        s.end = max(s.heading_end, at)
        return
    for s in reversed(sections):
        if s.path == node.path and s.start == node.block.start:
            s.end = max(s.heading_end, at)
            return
