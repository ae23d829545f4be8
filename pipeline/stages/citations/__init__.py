"""Citations: other documents the plan refers to, with their role.

A citation is a document number ("182/KH-UBND", "178/2004/NĐ-CP", "21-NQ/TW") with the
type word before it ("Kế hoạch số …"), then optionally its date ("ngày 20 tháng 5 năm
2025"), its issuer ("của Ủy ban nhân dân tỉnh Bắc Kạn") and its title ("về việc …"), or
a named act without a number ("Luật Tổ chức chính quyền địa phương ngày 19/6/2015"; an
amending act "Luật sửa đổi, bổ sung … của Luật A, Luật B …" is one, acts named inside
another citation none: ``acts``).
Role (``roles``): ``parent`` (the object of a "Thực hiện …" clause in the preamble, or of
the title), ``basis`` ("Căn cứ …" and the clauses that go on naming documents after it),
``amends`` / ``replaces`` (this document's own act), else ``reference`` (also a document
named inside another citation).  The issuer is settled in ``issuer``.
The document's own number, however printed, is skipped; the same document cited twice is
one citation.
Cue words: ``data/citations.yaml``; types: ``data/doc_types.yaml``; bodies: ``data/issuers.yaml``.
"""
from __future__ import annotations

import re
from typing import Any, Optional, cast

from pipeline.document import Citation, Document
from pipeline.stages.citations.acts import amending_acts, named_act_before, named_acts
from pipeline.stages.citations.blocks import block_at, split_blocks
from pipeline.stages.citations.context import (
    DATE_AFTER_RE,
    cues,
    date_text,
    issuer_after,
    issuer_before,
    make,
    title_after,
    trim_place,
    type_before_re,
    type_by_lower,
    type_words,
)
from pipeline.stages.citations.issuer import fallback_issuer, named_before, settle
from pipeline.stages.citations.numbers import (
    NUMBER_RE,
    find_numbers,
    has_letter,
    issuer_from_number,
    normalise_number,
    number_identity,
    number_parts,
    repair_number,
    type_from_number,
)
from pipeline.stages.citations.roles import Nesting, first_section, role, title_span
from pipeline.stages.issuers import canonical_issuer
from pipeline.stages.patterns import fill
from pipeline.text import dates
from pipeline.text.view import view_of

__all__ = ["extract_citations", "normalise_number", "number_identity"]

_NUMBER_LABEL_RE = re.compile(fill(cues()["patterns"]["number_label"]))
_LABEL_HINT = re.compile(cues()["patterns"]["number_label_hint"])
_ACT_TYPES = {type_by_lower().get(w.lower(), w) for w in cues()["named_acts"]}
_LIST_NEXT_RE = re.compile(fill(cues()["patterns"]["list_next"]))
_LIST_NEXT_DOCUMENT_RE = re.compile(fill(cues()["patterns"]["list_next_document"],
                                         types=[w for w, _ in type_words()]))


def extract_citations(doc: Document) -> list[Citation]:
    """Citations of a Document (``doc.meta`` already set)."""
    view = view_of(doc.text)
    t = view.text
    province = doc.meta.province if doc.meta else None
    blocks = split_blocks(t)
    matches = list(find_numbers(t, blocks))
    own_number = doc.meta.number if doc.meta else None
    own = own_numbers(t, blocks, matches, own_number)
    code = number_parts(normalise_number(own_number))[-1:] if own_number else []
    own_issuer = (code[0] if code else None, doc.meta.issuer if doc.meta else None)
    found = [c for m in matches for c in _numbered(t, m, own, province, own_issuer)]
    # the acts listed with their numbers in an amending act's name are part of that name
    # ("Luật sửa đổi, bổ sung … của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số …"): one citation
    amending = amending_acts(t)
    listing = [(s, e) for s, e, _title, act_own in amending if not act_own]
    if listing:
        found = [c for c in found if not any(s <= c.start < e for s, e in listing)]
    body_start = first_section(view, doc)
    found.extend(named_acts(view, blocks, [(c.start, c.end) for c in found], body_start, amending))
    found.sort(key=lambda c: c.start)

    # roles on view offsets; offsets into doc.text at the end
    title, nesting = title_span(view), Nesting()
    fallback: dict[int, str] = {}
    for c in found:
        outer = nesting.nest(t, c)
        c.role = role(t, c, blocks, body_start, title, outer)
        spare = fallback_issuer(c, outer, own_issuer)
        if spare:
            fallback[id(c)] = spare
    out = merge(found, doc.meta.date if doc.meta else None, fallback)
    for c in out:
        c.start, c.end = view.span(c.start, c.end)
        c.quote = doc.text[c.start:c.end]
        c.quotes = [doc.text[s:e] for s, e in (view.span(s, e) for s, e in c.quotes)]
    return out


def own_numbers(t: str, blocks: list[tuple[int, int]], matches: list[re.Match[str]],
                own: Optional[str]) -> set[Optional[str]]:
    """The identities of the document's own number: its meta number and every number printed
    after a header label ("Số: 182/KH-UBND", "Số 57-NQ/TW" opening a line, a portal's
    "Số hiệu: …"), so that no printing of it is cited (a title, an annex's "Kèm theo …")."""
    out = {number_identity(own)} if own else set()
    for m in matches:
        bs = (block_at(blocks, m.start()) or (m.start(), 0))[0]
        before = t[max(bs, m.start() - 60):m.start()]
        # (each label holds the word for "number": its marked letter, in either case, first)
        if _LABEL_HINT.search(before) and _NUMBER_LABEL_RE.search(before):
            out.add(number_identity(normalise_number(m.group())))
    return out


def _numbered(t: str, m: re.Match[str], own: set[Optional[str]], province: Optional[str],
              own_issuer: tuple[Optional[str], Optional[str]]) -> list[Citation]:
    """The citation of the number matched by ``m`` (a list of zero or one); ``own_issuer``:
    the citing document's number code and issuer."""
    printed, end = repair_number(t, m)
    number = normalise_number(printed)
    if not has_letter(number) or number_identity(number) in own:
        return []                                   # no number, or the document's own
    before = t[max(0, m.start() - 60):m.start()]
    doc_type, start, act_title = None, m.start(), None
    tm = type_before_re().search(before)
    act = None
    if not tm or type_by_lower().get(tm.group(1).lower()) in _ACT_TYPES:
        act = named_act_before(before, t[max(0, m.start() - 400):m.start()])
    if act:                                         # "Luật … số 72/2025/QH15"
        doc_type, act_title, act_len = act
        start = m.start() - act_len
        tm = None
    elif tm:
        doc_type = type_by_lower().get(tm.group(1).lower())
        start = m.start() - len(before) + tm.start()
    doc_type = doc_type or type_from_number(number) or cues()["default_type"]

    after = t[end:end + 400]
    date, pos = _date_at(after, 0)
    issuer, n = issuer_after(after[pos:])
    pos += n
    if n and not date:                              # "… của Thủ tướng Chính phủ ngày 31/3/2022"
        date, pos = _date_at(after, pos)
    date = date or _shared_date(after)
    coded = issuer_from_number(number)
    if not issuer:
        named, when = issuer_before(t[max(0, start - 200):start])
        issuer = None if coded else named           # the number's code before a guess
        date = date or (dates.parse_date(date_text(when)) if when else None)
    if not issuer and not coded:
        issuer = (_shared_issuer(after, number_parts(number)[-1:])
                  or named_before(t[max(0, start - 400):start], number))
    title = title_after(after[pos:])
    if title:
        pos = after.index(title, pos) + len(title)
    if issuer:
        issuer = trim_place(canonical_issuer(issuer, province), province)
    issuer = settle(issuer, number, province)
    return [make(doc_type, number, date, issuer, title or act_title, start, end + pos)]


def _date_at(after: str, pos: int) -> tuple[Optional[str], int]:
    """``(date, end)`` of the date at ``pos`` in ``after`` (``(None, pos)`` when none)."""
    dm = DATE_AFTER_RE.match(after[pos:])
    return (dates.parse_date(date_text(dm.group(1))), pos + dm.end()) if dm else (None, pos)


def _shared_date(after: str) -> Optional[str]:
    """The date printed after the next numbers of a list under one type word: "số
    008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025" dates both."""
    pos = 0
    for _ in range(3):
        jm = _LIST_NEXT_RE.match(after, pos)
        nm = NUMBER_RE.match(after, jm.end()) if jm else None
        if not nm:
            return None
        pos = nm.end()
        date, _end = _date_at(after, pos)
        if date:
            return date
    return None


def _shared_issuer(after: str, code: list[str]) -> Optional[str]:
    """The issuer printed after the next documents of a list whose numbers end in the same
    ``code``: "Nghị quyết số 11/2022/NQ-HĐND ngày … và Nghị quyết số 22/2023/NQ-HĐND ngày …
    của HĐND tỉnh …" names both issuers."""
    _date, pos = _date_at(after, 0)
    for _ in range(3):
        jm = _LIST_NEXT_DOCUMENT_RE.match(after, pos)
        nm = NUMBER_RE.match(after, jm.end()) if jm else None
        if not nm or number_parts(normalise_number(nm.group()))[-1:] != code:
            return None
        _date, pos = _date_at(after, nm.end())
        issuer, n = issuer_after(after[pos:])
        if issuer:
            return issuer
    return None


def merge(found: list[Citation], own_date: Optional[str] = None,
          fallback: Optional[dict[int, str]] = None) -> list[Citation]:
    """One citation per document (by ``number_identity``, or by title for named acts).

    The role is the strongest of its occurrences; the date the commonest printed one that
    is not later than the document's own date (a later one is a misprint); the issuer the
    first printed one, else the ``fallback`` of an occurrence (by ``id``)."""
    rank = {r: i for i, r in enumerate(cues()["role_rank"])}
    out: dict[Optional[str], Citation] = {}
    spare: dict[Optional[str], str] = {}
    for c in found:
        # (a citation without a number is a named act: it has a title)
        k = number_identity(c.number) if c.number else "T:" + cast(str, c.title).lower()
        if fallback and id(c) in fallback:
            spare.setdefault(k, fallback[id(c)])
        if k not in out:
            out[k] = c
            continue
        first: Any = out[k]          # (given a temporary ``_dates`` list)
        first.quotes.extend(c.quotes)
        if rank.get(c.role, 9) < rank.get(first.role, 9):
            first.role = c.role
        for attr in ("issuer", "title"):
            if getattr(first, attr) is None and getattr(c, attr) is not None:
                setattr(first, attr, getattr(c, attr))
        first._dates = getattr(first, "_dates", [first.date]) + [c.date]
    for k, c in out.items():
        if c.issuer is None and k in spare:
            c.issuer = spare[k]
        ds = [d for d in getattr(c, "_dates", [c.date]) if d]
        ok = [d for d in ds if not own_date or d[:len(own_date)] <= own_date]
        pool = ok or ds
        if pool:
            c.date = max(pool, key=lambda d: (pool.count(d), -pool.index(d)))
        if hasattr(c, "_dates"):
            del c._dates
    return list(out.values())
