"""Bodies charged as the subject of a numbered or lettered item, anywhere in the body of a
document that gives its duties item by item (dispatches, notices of conclusions,
resolutions, directives: ``item_subject_types`` in ``data/agencies.yaml``):

"a) Bộ Tài chính tiếp tục xuất cấp …", "(3) Bộ Công an tiếp tục …", "- Bộ Công Thương" (its
duties below as "+" bullets), "3. Về …: giao Tập đoàn … làm việc …",
"9. Về …: đề nghị các Tập đoàn: … tổ chức triển khai …; Bộ Khoa học và Công nghệ hướng dẫn …".
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.document import Document
from pipeline.stages.agencies.layout import clean, cleaned, lines
from pipeline.stages.agencies.lists import names_at, strip_lead_in
from pipeline.stages.agencies.mentions import Mention
from pipeline.stages.agencies.names import expand_abbreviations
from pipeline.stages.agencies.patterns import data, fill, pattern
from pipeline.stages.agencies.regions import heading_only
from pipeline.stages.agencies.scan import finditer
from pipeline.text.folds import fold

_MARKER = pattern("item_marker")
_DASH = pattern("item_dash")
_ABOUT = pattern("item_about")
_CHU_TRI = pattern("chu_tri_start")
_SHARED = pattern("shared_committee")
_SHARED_SEP = pattern("shared_committee_sep")
_NOT_DUTY = pattern("item_not_duty")
_PASSIVE = pattern("item_passive")
_PLACES = pattern("place_group")
_ASKING = pattern("asking")
_CLAUSE_START = re.compile(r"[;.]\s+(?=\S)")


def item_document(doc: Document, letters: bool = False) -> bool:
    """Does ``doc`` give its duties item by item (its type is one of ``item_subject_types``;
    ``letters``: or of ``asking_own_types``)?"""
    dt = fold(getattr(doc.meta, "doc_type", None) or "")
    types = data()["item_subject_types"] + (data()["asking_own_types"] if letters else [])
    return bool(dt) and any(dt.startswith(fold(t)) for t in types)


def item_mentions(doc: Document, start: int, end: int) -> list[Mention]:
    """The bodies named at the start of the items of ``doc.text[start:end]``, and at the start
    of a later clause of the item when a verb follows them ("…; Bộ Khoa học và Công nghệ hướng dẫn …")."""
    text = doc.text
    out: list[Mention] = []
    for pos, line in lines(text, start, end):
        m = _MARKER.match(line) or _DASH.match(line)
        if not m:
            continue
        at = m.end()
        about = _ABOUT.match(line, at)           # "Về hỗ trợ kinh phí …: Giao Bộ Tài chính …"
        out += _subject(line, pos, about.end() if about else at, first=True)
        for c in _CLAUSE_START.finditer(line, at):
            out += _subject(line, pos, c.end(), first=False)
    return out


def asked_mentions(doc: Document, start: int, end: int, own: bool = False) -> list[Mention]:
    """"Thủ tướng Chính phủ yêu cầu Bộ trưởng, …, Chủ tịch Ủy ban nhân dân các tỉnh … thực hiện
    …": the bodies a dispatch's or resolution's lead sentence charges ("đề nghị": requested);
    ``own``: asked by the document's own issuer ("Bộ Nội vụ đề nghị Ủy ban nhân dân các tỉnh …")."""
    text = doc.text
    out: list[Mention] = []
    meta = getattr(doc, "meta", None)
    asking = _asking_own(getattr(meta, "issuer", None) or "", getattr(meta, "province", None) or "") \
        if own else _ASKING
    if asking is None:
        return out
    for m in finditer(asking, text, start, end):
        rest = cleaned(text, m.end(), min(end, m.end() + 400))
        items, stop = names_at(rest, m.end(), running=True)
        if not items or not rest[stop:stop + 1].isalpha():
            continue                  # (names must end at a verb)
        line_end = text.find("\n", m.end())
        quote = " ".join(text[m.start():line_end if line_end > 0 else end].split())[:200]
        role = "requested" if m.group(1) else "responsible"
        out += [Mention(name, a, b, role, quote, "entry") for name, a, b in items]
    return out


@lru_cache(maxsize=256)
def _asking_own(issuer: str, province: str) -> re.Pattern[str] | None:
    """``asking_own`` for one issuer: its name as printed, expanded ("UBND" -> "Ủy ban nhân
    dân"), without its province ("Ủy ban nhân dân Thành phố"), and with its head ("Chủ tịch …")."""
    names = {issuer.strip(), expand_abbreviations(issuer).strip()}
    if province:
        names |= {n[:-len(province)].strip() for n in names if n.endswith(" " + province)}
    names = {n for n in names if len(n.split()) >= 2}
    if not names:
        return None
    names |= {f"{h} {n}" for h in data()["issuer_heads"] for n in names}
    source = dict(data(), own=sorted(names))
    return re.compile(fill(data()["asking_own"], source), re.IGNORECASE)


def _subject(line: str, pos: int, at: int, first: bool) -> list[Mention]:
    """The bodies a clause of ``line`` starting at ``at`` charges (a later clause: only when
    a verb, not punctuation, ends the list)."""
    off, requested = strip_lead_in(line[at:])
    at += off
    places = _place_group(line, pos, at)
    if places:
        role = "requested" if requested else "responsible"
        quote = " ".join(clean(line[at:]).split())[:200]
        return [Mention(places[0], places[1], places[2], role, quote, "entry")]
    items, stop = names_at(line[at:], pos + at, running=True, entry=True)
    after = line[at + stop:at + stop + 1]
    # the names end at a verb ("Bộ Tài chính tiếp tục"), or the item is a line of names (and a
    # colon), its duties below ("b) Bộ Công Thương:", "c) Sở Khoa học và Công nghệ"); a list
    # running to other punctuation is no subject (a wrapped line, a phrase)
    heading = after in ":" and not line[at + stop + 1:].strip() and heading_only(line[at:at + stop])
    if not items or not (after.isalpha() or (first and heading)) or _NOT_DUTY.match(line, at + stop) \
            or _PASSIVE.search(line, at, at + stop):
        return []
    chu_tri = bool(_CHU_TRI.match(line, at + stop))
    quote = " ".join(clean(line[at:]).split())[:200]
    role = "requested" if requested else "responsible"
    return [Mention(name, a, b, role, quote, "entry", chu_tri)
            for item in items for name, a, b in _split_places(*item)]


def _place_group(line: str, pos: int, at: int) -> tuple[str, int, int] | None:
    """"Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng khẩn trương …", "Thành phố Hà Nội và các tỉnh
    Bắc Ninh, Gia Lai đẩy nhanh …": provinces and cities charged together, one agency as
    printed (a verb must follow the names)."""
    m = _PLACES.match(line, at)
    if not m or not line[m.end():m.end() + 1].isspace() or not line[m.end():].lstrip()[:1].islower():
        return None
    return m.group(), pos + at, pos + m.end()


def _split_places(name: str, a: int, b: int) -> list[tuple[str, int, int]]:
    """"Ủy ban nhân dân thành phố Hà Nội, thành phố Hồ Chí Minh và tỉnh Quảng Ninh": one
    committee per place."""
    h = _SHARED.match(name)
    if not h:
        return [(name, a, b)]
    out, k = [], 0
    for sep in list(_SHARED_SEP.finditer(name, h.end())) + [None]:
        e = sep.start() if sep else len(name)
        part = name[k:e]
        out.append((part if k == 0 else h.group(1) + part, a + k, a + e))
        k = sep.end() if sep else k
    return out
