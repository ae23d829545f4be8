"""Mentions anywhere in a plan: task fields, "chủ trì, phối hợp" and "giao" clauses, task
tables, and the executors in "Điều 2/3" of a decision."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from pipeline.document import Document
from pipeline.stages.agencies.layout import clean, cleaned, lines
from pipeline.stages.agencies.lists import (
    blank_brackets,
    list_end,
    names_at,
    split_bodies,
    starts_body,
    strip_lead_in,
)
from pipeline.stages.agencies.mentions import Mention
from pipeline.stages.agencies.patterns import data, pattern
from pipeline.stages.agencies.scan import finditer
from pipeline.text.folds import fold

_GIAO = pattern("giao")
_GIAO_BEFORE = pattern("giao_before")
_MARKER = pattern("item_marker", re.M)           # (at a line start found by rfind)


def giao_mentions(doc: Document, start: int, end: int) -> list[Mention]:
    """"... và giao Cục Phòng, chống tệ nạn xã hội tham mưu": the body given the task."""
    text = doc.text
    out = []
    sub = text[start:end]
    for m in finditer(_GIAO, sub, 0, len(sub)):
        before = text[max(0, start + m.start() - 8):start + m.start()]
        if _GIAO_BEFORE.search(before):
            continue
        at = start + m.end()
        rest = cleaned(text, at, min(end, at + 300))
        # "1. Giao A, B; Chủ tịch Ủy ban nhân dân các xã …": at an item's start the list runs past ";"
        ls = text.rfind("\n", 0, start + m.start()) + 1
        mk = _MARKER.match(text, ls, start + m.start() + 1)
        items, stop = names_at(rest, at, running=True, entry=mk is not None and mk.end() == start + m.start())
        line_end = text.find("\n", at)
        quote = " ".join(text[start + m.start():line_end if line_end > 0 else end].split())[:200]
        for name, a, b in items:
            out.append(Mention(name, a, b, "responsible", quote, "chu-tri"))
    return out


# "Cơ quan chủ trì:" / "Đơn vị phối hợp:" / "Cơ quan thực hiện:" (roles.*_fields), in this order
_FIELDS = {role: re.compile(data()["roles"][f"{role}_fields"])
           for role in ("lead", "coordinate", "responsible")}


_FIELD_BULLET = re.compile(r"\s*[+\-•–]\s*")
_BULLETS = frozenset("+-•–")
_COMMA = re.compile(r",\s*")
_NOT_SEMI = re.compile(r"[^;]+")
_CHU_TRI_START = pattern("chu_tri_start")


def field_mentions(doc: Document, start: int, end: int) -> list[Mention]:
    """"Cơ quan chủ trì: A, B" / "Đơn vị phối hợp: C" / "Cơ quan thực hiện: X chủ trì ...; Y ...";
    an empty field takes the "+"/"-" lines under it."""
    text = doc.text
    out = []
    found: dict[tuple[str, ...], list[int]] = {}    # literal starts -> where they occur (shared by the roles)
    b: Optional[re.Match[str]] | int             # a bullet's match, then a body's end
    for role, rx in _FIELDS.items():
        for m in finditer(rx, text, start, end, found):
            line_end = text.find("\n", m.end())
            line_end = end if line_end < 0 or line_end > end else line_end
            values = [(m.end(), text[m.end():line_end])]
            if not values[0][1].strip():
                values = []
                for pos, line in lines(text, min(line_end + 1, end), end):
                    b = _FIELD_BULLET.match(line)
                    if not b:
                        break
                    values.append((pos + b.end(), line[b.end():]))
            for vstart, value in values:
                value = clean(value)
                quote = " ".join(value.split())[:200]
                for part_m in _NOT_SEMI.finditer(value):
                    part = part_m.group()
                    lead = len(part) - len(part.lstrip())
                    base = vstart + part_m.start() + lead
                    items, stop = names_at(part.strip(), base, running=True)
                    r = role
                    if role == "responsible" and _CHU_TRI_START.match(part.strip()[stop:]):
                        r = "lead"
                    for name, a, b in items:
                        out.append(Mention(name, a, b, r, quote, "field"))
    return out


_CHU_TRI_WORD = pattern("chu_tri_word")
_CHU_TRI = pattern("chu_tri_phoi_hop")


def chu_tri_mentions(doc: Document, start: int, end: int) -> list[Mention]:
    """"X chủ trì, phối hợp với Y, Z": X lead (when named at the clause start), Y, Z coordinate."""
    text = doc.text
    out = []
    for m in _CHU_TRI_WORD.finditer(text[start:end]):
        at = start + m.start()
        # (the stops are looked for after the last line break only: one rfind to the start
        # of the text per stop was quadratic in a text without ";")
        nl = text.rfind("\n", start, at)
        clause_start = max(text.rfind(c, nl if nl >= 0 else start, at) for c in ".;:\n") + 1
        clause = cleaned(text, clause_start, at)
        bullet = _FIELD_BULLET.match(clause) if clause[:1] in _BULLETS else None
        if bullet:
            clause_start, clause = clause_start + bullet.end(), clause[bullet.end():]
        off, requested = strip_lead_in(clause)
        quote_end = text.find("\n", at)
        quote = " ".join(text[clause_start:quote_end if quote_end > 0 else end].split())[:200]
        x = clause[off:]
        if x.strip() and starts_body(x.lstrip()) and not requested:
            items, stop = names_at(x, clause_start + off, running=True)
            comma = next((c.start() for c in _COMMA.finditer(x) if x[c.end():c.end() + 1].islower()), -1)
            if x[stop:].strip(" ,") and x.rstrip().endswith(",") and comma > 0:
                # "3. Sở Tài chính, trên cơ sở đề xuất của ..., chủ trì ...": an inserted phrase
                # between the subject and its "chủ trì"
                items, _ = names_at(x[:comma], clause_start + off, running=True)
                stop = len(x)
            if items and not x[stop:].strip(" ,"):
                # "Phương thức thực hiện: X chủ trì" is a task field and "- X chủ trì ..." a
                # listed task (lead); "3. X chủ trì ..." opening a paragraph charges X like a
                # heading would (responsible)
                role = "lead" if bullet or _after_colon(text, clause_start) else "responsible"
                for name, a, b in items:
                    out.append(Mention(name, a, b, role, quote, "chu-tri", chu_tri=True))
        cm = _CHU_TRI.match(text, at)
        if cm:
            rest = cleaned(text, cm.end(), min(end, cm.end() + 400))
            items, _ = names_at(rest, cm.end(), running=True)
            for name, a, b in items:
                out.append(Mention(name, a, b, "coordinate", quote, "chu-tri"))
    return out


def _after_colon(text: str, at: int) -> bool:
    """``text[:at].rstrip().endswith(":")`` without copying the text before ``at``."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at > 0 and text[at - 1] == ":"


_GLUED = pattern("glued")
_LEAD_COLUMN = data()["table_columns"]["lead"]
_COORDINATE_COLUMN = data()["table_columns"]["coordinate"]
_EXECUTOR_COLUMN = data()["table_columns"]["executor"]


def _unglue(cell: str) -> str:
    """"Sở Y tế Công an tỉnh" -> "Sở Y tế;Công an tỉnh", but "Văn phòng UBND tỉnh" stays one
    body: a bare head before the glued one is that body's office, not a body of its own."""
    def cut(m: re.Match[str]) -> str:
        before = m.string[:m.start()]
        part = fold(before[max(before.rfind(";"), before.rfind(","), before.rfind("\t")) + 1:].strip(" -+•–"))
        repeated = fold(m.string[m.end():m.end() + len(part)]) == part      # "Sở Sở Công thương"
        return m.group() if part in _bare_heads() and not repeated else ";"
    return _GLUED.sub(cut, cell)


@lru_cache(maxsize=1)
def _bare_heads() -> frozenset[str]:
    return frozenset(fold(h) for h in data()["heads"])


def _hint(word: str, at: int = -1) -> re.Pattern[str]:
    """The characters one of which a line must hold for its fold to contain ``word``: the
    word's letter ``at`` (the last) in either case, or its combining marks (a decomposed
    spelling, with the old aliases U+0340 / U+0341 of the grave and acute)."""
    last = word[at]
    marks = unicodedata.normalize("NFD", last)[1:]
    alias = [chr(c) for c in range(0x300, 0x370) if unicodedata.normalize("NFD", chr(c)) in marks]
    return re.compile(f"[{re.escape(''.join(dict.fromkeys([last, last.upper()] + alias)))}]")


_LEAD_HINT = _hint(_LEAD_COLUMN)
_COORDINATE_HINT = _hint(_COORDINATE_COLUMN, -2)      # the marked letter of "phối hợp"
_LABEL_WORDS = 6


def _columns(folded: list[str]) -> Optional[dict[int, str]]:
    """{cell index: role} of a task table's header row: a "chủ trì" column leads, a "phối
    hợp" column coordinates; with a "phối hợp" column and no "chủ trì" one, the "(Đơn vị)
    thực hiện" column leads (a list of procedures has only "Cơ quan thực hiện": no task table)."""
    if len(" ".join(folded)) >= 300:
        return None
    # column labels are short ("Cơ quan chủ trì"); "Chủ trì tham mưu triển khai ..." is a task
    labels = [(i, c) for i, c in enumerate(folded) if len(c.split()) <= _LABEL_WORDS]
    lead = [i for i, c in labels if _LEAD_COLUMN in c and _COORDINATE_COLUMN not in c]
    coord = [i for i, c in labels if _COORDINATE_COLUMN in c and _LEAD_COLUMN not in c]
    if not lead and coord:
        lead = [i for i, c in enumerate(folded) if _EXECUTOR_COLUMN in c and i not in coord][:1]
    if not lead:
        return None
    return {**{i: "lead" for i in lead}, **{i: "coordinate" for i in coord}}


_ROW_LABEL = re.compile(r"^\s*(?:[\dIVXLC]+(?:\.\d+)*|[A-ZĐ])?\s*[.)]?\s*$")


def _other_header(cells: list[str]) -> bool:
    """A header row of some other table: short labels, the first one no row number."""
    return (len(cells) >= 2 and not _ROW_LABEL.match(cells[0])
            and all(len(c.split()) <= _LABEL_WORDS for c in cells))


def table_mentions(doc: Document, start: int, end: int) -> list[Mention]:
    """Rows of task tables: cells under a "chủ trì" column -> lead, "phối hợp" -> coordinate."""
    text = doc.text
    out = []
    cols: Optional[dict[int, str]] = None
    width = 0                                         # the header row's number of cells
    pos = start
    for line in cleaned(text, start, end).split("\n"):      # = lines(text, start, end)
        at = pos
        pos += len(line) + 1
        if "\t" not in line:
            if len(line) > 150 and len(line.strip()) > 150:
                cols = None
            continue
        cells = line.split("\t")
        # a folded cell can only hold "chủ trì" if the line has an "ì" (or a combining grave)
        if len(line) < 300 and (_LEAD_HINT.search(line) or _COORDINATE_HINT.search(line)):
            header = _columns([fold(c) for c in cells])
            if header:
                cols, width = header, len(cells)
                continue
        if cols and _other_header(cells):
            cols = None                   # another table ("STT | Tên thủ tục | Cơ quan thực hiện")
        if not cols:
            continue
        # a header without the number column ("Nội dung | Đơn vị thực hiện | ..." over rows
        # "1.1 | ... | Sở Tư pháp | ..."): the row's extra cells come first; a row without its
        # number cell (merged with the row above: "Bộ Công an | - Bộ Xây dựng; ... | ...") lacks it
        shift = len(cells) - width
        if shift < 0 and _ROW_LABEL.match(cells[0]):
            shift = 0
        offs = [0]
        for c in cells[:-1]:
            offs.append(offs[-1] + len(c) + 1)
        for i, role in cols.items():
            i += shift
            if not 0 <= i < len(cells):
                continue
            cell = cells[i]
            if cell.isupper():
                continue                  # "A. | BỘ XÂY DỰNG": a group row of the table, not a task's body
            lead = len(cell) - len(cell.lstrip())
            glued = _unglue(blank_brackets(cell.strip()))
            base = at + offs[i] + lead
            for part in _NOT_SEMI.finditer(glued):
                # "Sở KH&CN chủ trì hướng dẫn; Các sở, ngành thực hiện ...": names stop at the verb
                item = part.group()
                mark = len(item) - len(item.lstrip(" -+•–"))    # "- Bộ Công an, ..."
                text_part = item[mark:list_end(item, punct=False)]
                for name, a, b in split_bodies(text_part.rstrip(" .,"), base + part.start() + mark):
                    out.append(Mention(name, a, b, role, " ".join(line.split())[:200], "table"))
    return out


_ARTICLE_LINE = pattern("article_line", re.M)
_ARTICLE_DUTY = pattern("article_duty")
_ARTICLE_ADDRESSEE = pattern("article_addressee")


def article_mentions(doc: Document) -> list[Mention]:
    """"Điều 2/3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở ..., chịu trách nhiệm thi hành":
    the executors of a decision that has no plan attached (titles dropped)."""
    text = doc.text
    out = []
    for m in _ARTICLE_LINE.finditer(text):
        sent = m.group(1)
        cut = _ARTICLE_DUTY.search(sent)
        if not cut:
            continue
        lst = sent[:cut.start()]
        lead = _ARTICLE_ADDRESSEE.match(lst)
        off = lead.end() if lead else 0
        for name, a, b in split_bodies(blank_brackets(lst[off:]), m.start(1) + off):
            out.append(Mention(name, a, b, "responsible", " ".join(sent.split())[:200], "article"))
    return out
