"""The metadata table of a portal page, as a fallback for the document's own header.

``normalise`` cuts the document out of a portal page and puts the site's metadata fields
after it, one "Label: value" line each ("Số hiệu: 3617/QĐ-UBND", "Loại văn bản: Quyết định",
"Nơi ban hành: Thủ tướng Chính phủ", "Ngày ban hành: 20/11/2025"; labels and the Meta field
each stands for: ``site.keep`` in ``data/normalise.yaml``).  They fill only what the header
left empty.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline import data
from pipeline.document import Meta
from pipeline.stages.issuers import UNIT_RE, canonical_issuer
from pipeline.text import dates

_KEEP: dict[str, str] = data.load("normalise.yaml")["site"]["keep"]
_FIELD_RE = re.compile(
    r"^(" + "|".join(re.escape(k) for k in _KEEP) + r"):[ \t]*(\S[^\n]*)$")
_PLACE_RE = re.compile(rf"(?i)^(?:{UNIT_RE})\s")


def site_fields(text: str) -> dict[str, str]:
    """``{Meta field: value}`` from the "Label: value" lines that end ``text``."""
    out: dict[str, str] = {}
    lines = text.rstrip("\n").rsplit("\n", len(_KEEP))      # (the last lines only)
    for line in reversed(lines[-len(_KEEP):]):
        m = _FIELD_RE.match(line)
        if not m:
            break
        out.setdefault(_KEEP[m.group(1)], m.group(2).strip())
    return out


def fill_from_site(meta: Meta, text: str, type_name: Optional[dict[str, str]] = None) -> None:
    """Fill the empty number, type, date and issuer of ``meta`` from the site's fields."""
    fields = site_fields(text)
    if not fields:
        return
    if meta.number is None and fields.get("number"):
        meta.number = fields["number"]
    if meta.doc_type is None and fields.get("doc_type"):
        meta.doc_type = (type_name or {}).get(fields["doc_type"], fields["doc_type"])
    if meta.date is None and fields.get("date"):
        meta.date = dates.parse_date(fields["date"])
    issuer = fields.get("issuer")
    if meta.issuer is None and issuer and not _PLACE_RE.match(issuer):
        meta.issuer = canonical_issuer(issuer)     # a body ("Bộ Tài chính"), not a place
