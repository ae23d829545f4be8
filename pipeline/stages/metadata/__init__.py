"""Document metadata: type, number, issuer, level, province, date, period, title.

Read from the header block ("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "Số: 182/KH-UBND",
"Đồng Nai, ngày 20 tháng 11 năm 2025"), the type heading and title ("KẾ HOẠCH" and the
lines after it), the "(Ban hành kèm theo Quyết định số …)" line, the preamble ("Ủy ban
nhân dân phường Lê Chân xây dựng Kế hoạch …") and the signature ("TM. ỦY BAN NHÂN DÂN").
Rules and word lists live in ``data/doc_types.yaml`` and ``data/issuers.yaml``.

The stage reads ``pipeline.text.view``: the text with Markdown marks dropped,
hard-wrapped lines joined and white space collapsed, mapped back to ``Document.text``.
"""
from __future__ import annotations

import re

from pipeline import data
from pipeline.document import Meta
from pipeline.stages.doc_types import heading_re, inline_heading_re
from pipeline.stages.doc_types import types as _types
from pipeline.stages.issuers import canonical_issuer, issuer_level
from pipeline.stages.metadata.header import (
    ATTACHED,
    ATTACHED_CUE,
    BARE_BODIES,
    BODY_START_RE,
    LETTER_RE,
    LETTER_TYPE,
    NUMBER_LINE_RE,
    SIGN_CUE,
    SIGN_RE,
    authority_line,
    complete_bare,
    complete_issuer,
    from_official,
    header_issuer,
    heading_issuer,
    inline_title,
    kept_official,
    own_attached,
    place_date,
    preamble_issuer,
    strip_place,
    title_after,
    type_from_number,
)
from pipeline.stages.metadata.period import period_of
from pipeline.stages.metadata.site import fill_from_site
from pipeline.text import dates
from pipeline.text.view import view_of

__all__ = ["extract_meta"]

_DIGIT_RE = re.compile(r"\d")
_NUMBER_PARTS_RE = re.compile(r"[/-]")


def extract_meta(doc) -> Meta:
    """Meta of a Document from its normalised text."""
    view = view_of(doc.text)
    t = view.text
    meta = Meta()
    head_zone = t[:6000]

    # type heading and title
    # (every match is one of the headings, in capitals as written: look for them first)
    named = any(n.upper() in head_zone for n in _types()["headings"])
    hm = heading_re().search(head_zone) if named else None
    # a heading with its title on its line ("HƯỚNG DẪN: …") when no earlier one stands alone
    im = inline_heading_re().search(head_zone, 0, hm.start() if hm else len(head_zone)) \
        if hm or named else None
    hm = im or hm
    if hm and BODY_START_RE.search(t, 0, hm.start()):
        hm = im = None                         # an attachment's heading, not the document's
    header = t[:hm.start()] if hm else t[:1500]
    by = None                                  # "NGHỊ QUYẾT / CỦA BỘ CHÍNH TRỊ / về …"
    if hm:
        name = hm.group(1) or hm.group(2)
        meta.doc_type = next(n for n in _types()["headings"] if n.upper() == name)
        meta.doc_type = _types()["types"].get(meta.doc_type, meta.doc_type)
        by, title_start = heading_issuer(t, hm.end())
        meta.title = inline_title(t, title_start) if im else title_after(t, title_start)

    # (a match holds the cue, in some case: none of its letters has odd case-folding)
    attached = ATTACHED.search(head_zone) if ATTACHED_CUE in head_zone.lower() else None
    if attached and not _DIGIT_RE.search(attached.group(2) or ""):
        attached_num = None
    else:
        attached_num = attached.group(2).strip(" ,") if attached else None

    # number
    nm = NUMBER_LINE_RE.search(header)
    if nm and nm.group(1):
        meta.number = nm.group(1).strip(" .,")
    elif attached_num:
        meta.number = attached_num
    # no header and no "kèm theo" line near the top: an appendix's caption naming the
    # document's own type ("(Kèm theo Nghị quyết số …)") gives its number and date
    own = own_attached(t, meta.doc_type) if not meta.number else None
    if own:
        meta.number = own.group(2).strip(" ,")
    if meta.doc_type is None:
        meta.doc_type = type_from_number(meta.number) or (
            LETTER_TYPE if LETTER_RE.search(header) else None)

    # date
    place, iso, _ = place_date(header)
    if not iso and attached and attached.group(3):
        iso = dates.parse_date(attached.group(3))
    if not iso and own and own.group(3):
        iso = dates.parse_date(own.group(3))
    if not iso:
        place2, iso, _ = place_date(t[:3000])
        place = place or place2
    meta.date = iso
    unit, place_name = strip_place(place)

    # issuer
    issuer, parent = header_issuer(header)
    enacting = authority_line(t)
    if by:
        issuer, parent = by, None
    if not issuer:
        issuer = enacting
    if not issuer:
        issuer = preamble_issuer(t)
    if not issuer and attached and attached.group(4):
        issuer = from_official(attached.group(4))
    if not issuer and own and own.group(4):
        issuer = from_official(own.group(4))
    if not issuer:
        sm = SIGN_RE.search(t) if SIGN_CUE in t else None
        if sm:
            issuer = sm.group(1)
    if not issuer and meta.number:             # "09/2025/NĐ-CP" -> Chính phủ
        issuer = data.load("issuers.yaml")["number_suffix"].get(_NUMBER_PARTS_RE.split(meta.number)[-1])
    if issuer:
        issuer = canonical_issuer(issuer)
        issuer = complete_issuer(issuer, unit, place_name)
        if issuer in BARE_BODIES:
            issuer = complete_bare(issuer, header, (enacting, preamble_issuer(t)), place_name, meta.date)
    issuer = kept_official(enacting, issuer, unit, place_name)
    meta.issuer = issuer if issuer and issuer not in BARE_BODIES else None
    fill_from_site(meta, doc.text, _types()["types"])   # a portal's metadata table: fallback

    meta.level, meta.province = issuer_level(meta.issuer, meta.date, place_name)
    if meta.level is None and parent:            # an agency under its UBND: the parent's tier
        meta.level, meta.province = issuer_level(canonical_issuer(parent), meta.date, place_name)
    if meta.level == "national":
        meta.province = None
    if meta.issuer and meta.province:
        meta.issuer = canonical_issuer(meta.issuer, meta.province)

    meta.period = period_of(meta.title or "", dates.year_of(meta.date), doc.text, doc.sections)
    return meta
