"""Mentions of bodies in the implementation parts: entry headings, entry sentences, members.

A ``Mention`` is one place a body is named, with the role that place gives it.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.document import Document
from pipeline.stages.agencies.layout import cleaned, lines
from pipeline.stages.agencies.lists import WORDS, list_end, names_at, split_bodies, starts_body, strip_lead_in
from pipeline.stages.agencies.patterns import data, pattern
from pipeline.stages.agencies.regions import Outline, Region, entries, heading_only
from pipeline.stages.agencies.scan import search
from pipeline.text.folds import fold


class Mention:
    """One place a body is named: offsets, the role the place gives it, a quote, where
    (heading, entry, member, field, table, chu-tri, article), and whether its duty says "chủ trì"."""
    __slots__ = ("name", "start", "end", "role", "quote", "where", "chu_tri")

    def __init__(self, name: str, start: int, end: int, role: str, quote: str, where: str,
                 chu_tri: bool = False) -> None:
        self.name, self.start, self.end, self.role = name, start, end, role
        self.quote, self.where, self.chu_tri = quote, where, chu_tri


def _lead_cue(text: str) -> bool:
    """Does ``text`` call its body the standing one ("cơ quan thường trực")?"""
    f = fold(text)
    return any(c in f for c in data()["roles"]["lead_cues"])


def _chu_tri_plan(text: str) -> bool:
    """The duty of the standing body: "Chủ trì ... triển khai thực hiện Kế hoạch",
    "theo dõi, đôn đốc ... thực hiện Kế hoạch" (the plan itself, capitalised, not "Kế hoạch số")."""
    r = data()["roles"]
    for clause in _CLAUSES.split(text):
        m = search(_CHU_TRI_ANY, clause)
        if m and _REMIT.search(clause):
            continue                      # chủ trì within its own remit, not of the plan
        if m:
            window = " ".join(WORDS.findall(clause[m.end():])[:r["plan_window"]])
            if _PLAN_VERB.search(window):
                return True
        m = search(_DON_DOC, clause)
        if m and _PLAN.search(clause[m.end():]):
            return True
    return False


_CLAUSES = re.compile(r"[;.\n]")
_CHU_TRI_ANY = pattern("chu_tri_any")
_DON_DOC = pattern("don_doc")

_PLAN = pattern("plan_word")                  # the plan itself: "Kế hoạch", not "Kế hoạch số"
_REMIT = pattern("remit_cue")                 # "trong phạm vi": the body's own remit
_PLAN_VERB = pattern("plan_verb")             # "triển khai thực hiện Kế hoạch"


_REQUESTED = data()["requested_quote_prefix"]       # a requested member's quote starts so


#: a member body: (name, start, end, quote)
Member = tuple[str, int, int, str]


def _member_mentions(doc: Document, members: list[Member], end: int,
                     entry_role: str = "responsible") -> list[Mention]:
    """Mentions for member bodies; each member's duties run to the next member's line."""
    text = doc.text
    out: list[Mention] = []
    starts = sorted({text.rfind("\n", 0, a) + 1 for _, a, _, _ in members})
    for name, a, b, q in members:
        line = text.rfind("\n", 0, a) + 1
        nxt = next((x for x in starts if x > line), end)
        duty = text[line:nxt]
        if q.startswith(_REQUESTED) or entry_role == "requested":
            role = "requested"
        elif _lead_cue(duty) or _chu_tri_plan(duty):
            role = "lead"
        else:
            role = "responsible"
        out.append(Mention(name, a, b, role, q, "member", bool(_CHU_TRI_ANY.search(duty))))
    return out


def region_mentions(doc: Document, region: Region, outline: Optional[Outline] = None,
                    own: bool = False) -> list[Mention]:
    """The bodies a region's entries name (headings, sentences, members), with their roles
    (``outline``: the document's sections indexed once, ``regions.Outline``; ``own``: the
    region is one body's duties, "Điều 19. Trách nhiệm của Sở …", so an entry that names no
    body is that body's duty, not a division among the bodies of its lines)."""
    text = doc.text
    out: list[Mention] = []
    numbered = entries(doc, region, outline)
    if not numbered:
        # no numbered entries: "- Sở Y tế: chủ trì ..." lines name the bodies
        start, end = region[0], region[1]
        he = text.find("\n", start)
        members = _members(doc, "", start, he if 0 <= he < end else start, end, sentences=True)
        return _member_mentions(doc, members, end)
    for _num, hs, he, end in numbered:
        heading = cleaned(text, hs, he)
        off, requested = strip_lead_in(heading)
        body = text[he:end]
        h = heading[off:]
        if heading_only(h):
            items, _ = names_at(h, hs + off, running=False)
            duty = body.strip()
            sentence = False
        else:
            items, stop = names_at(h, hs + off, running=True, entry=True)
            duty = h[stop:] + body
            sentence = True
        if not items:
            # "2. Phân công thực hiện Kế hoạch / a) Bộ Xây dựng tổ chức triển khai ...": an entry
            # that names no body divides its duties among the bodies of its lines
            if not off and not own:       # ("Trách nhiệm của <someone>": that one's own duties)
                out += _member_mentions(doc, _members(doc, heading, hs, he, end, sentences=True), end)
            continue
        # (brackets after the names belong to the duty: "phối hợp với Văn phòng UBND tỉnh (Trung tâm ...)")
        members = _members(doc, heading[:off + stop] if sentence else heading, hs, he, end)
        if members:
            generic = {fold(g) for g in data()["generic_members"]}
            items = [it for it in items if fold(it[0]) not in generic]
            # the entry's own duties stop where its members' begin
            first = min(text.rfind("\n", 0, a) + 1 for _, a, _, _ in members)
            if first > he:
                duty = (h[stop:] if sentence else "") + text[he:first]
        quote = " ".join(duty.split())[:200] or heading.strip()[:200]
        if requested:
            role = "requested"
        elif _lead_cue(heading) or _lead_cue(duty) or _chu_tri_plan(duty):
            role = "lead"
        else:
            role = "responsible"
        for name, a, b in items:
            out.append(Mention(name, a, b, role, quote, "entry" if sentence else "heading",
                                bool(_CHU_TRI_ANY.search(duty))))
        out += _member_mentions(doc, members, end, "requested" if requested else "responsible")
        if sentence and not requested:
            out += _directed(h, hs + off, stop, quote)
    return out


def _directed(h: str, base: int, stop: int, quote: str) -> list[Mention]:
    """"1. Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Biển đảo và Thủy sản thực hiện các nội
    dung sau:": the body directed to carry out the entry's duties has them too."""
    d = _DIRECTS.match(h, stop)
    if not d:
        return []
    items, end = names_at(h[d.end():], base + d.end(), running=True)
    if not _CARRY_OUT.match(h, d.end() + end):
        return []
    return [Mention(name, a, b, "responsible", quote, "entry") for name, a, b in items]


_DIRECTS = pattern("directs")
_CARRY_OUT = pattern("carry_out")


_BRACKET_INNER = re.compile(r"\(([^()]*)\)")
_MEMBER_MARK = pattern("member_mark")
_DISTRIBUTIVE = pattern("distributive")
_LETTER_MARK = pattern("letter_mark")


def _members(doc: Document, heading: str, hs: int, he: int, end: int,
             sentences: bool = False) -> list[Member]:
    """Member bodies of an entry: in brackets in its heading, or as "- X: duties" bullets;
    with ``sentences`` (a part without numbered entries) also "- X <duty> ..." bullets."""
    text = doc.text
    out: list[Member] = []
    m: Optional[re.Match[str]]
    for m in _BRACKET_INNER.finditer(heading):
        inner = m.group(1)
        if starts_body(inner.strip()) and not _lead_cue(inner):
            lead = len(inner) - len(inner.lstrip())
            for name, a, b in split_bodies(inner.strip(), hs + m.start(1) + lead):
                out.append((name, a, b, heading.strip()[:200]))
    for pos, line in lines(text, he + 1, end):
        m = _MEMBER_MARK.match(line)
        if not m:
            continue
        off, requested = strip_lead_in(line[m.end():])
        rest = line[m.end() + off:]
        colon = -1 if _DISTRIBUTIVE.match(rest) else rest.find(":")   # "b) Các Bộ: Tài chính, Y tế ..."
        if (colon <= 0 or colon > 120) and _LETTER_MARK.match(line) and heading_only(rest) \
                and len(rest.split()) <= 15:
            colon = len(rest)             # "a) Sở Y tế" on a line of its own, duties below
        if (colon <= 0 or colon > 120) and (sentences or _DISTRIBUTIVE.match(rest)):
            # "- Sở Nội vụ hướng dẫn khen thưởng ...": the bullet's sentence starts with its bodies
            items, stop = names_at(rest, pos + m.end() + off, running=True, entry=True)
            duty = " ".join(rest[stop:].split())[:200]
            out += [(name, a, b, (_REQUESTED if requested else "") + duty) for name, a, b in items]
            continue
        if colon <= 0 or colon > 120:
            continue
        names_part = rest[:colon]
        if not starts_body(names_part.strip()) or not heading_only(names_part):
            continue
        if list_end(names_part, punct=False) < len(names_part):
            continue                      # "- Khuyến khích các doanh nghiệp đầu tư ... trong ...:" is a duty

        duty = " ".join(rest[colon + 1:].split())[:200]
        for name, a, b in split_bodies(names_part.strip(), pos + m.end() + off, keep_related=True):
            out.append((name, a, b, (_REQUESTED if requested else "") + duty))
    return out
