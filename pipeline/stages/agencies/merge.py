"""Merging mentions: one agency per body (same key), with its strongest role and its sector."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline.document import Agency, Document
from pipeline.stages.agencies import sectors
from pipeline.stages.agencies.mentions import Mention
from pipeline.stages.agencies.names import canonical, fold
from pipeline.stages.agencies.patterns import data, pattern

ROLE_RANK = {"lead": 4, "responsible": 3, "requested": 2, "coordinate": 1}

_KEY_CAC = pattern("key_cac")
_KEY_RELATED = pattern("key_related")
_LOCALITY_END = pattern("key_locality_end")
_KEY_REWRITES = tuple(tuple(r) for r in data()["key_rewrites"])
_COMMITTEE = data()["people_committee"]
_COMMITTEE_KEY = fold(_COMMITTEE)
_COMMUNE, _DISTRICT = pattern("commune_level"), pattern("district_level")
_COMMITTEE_GROUP = pattern("committee_group")
_CAPITAL = pattern("capital")
_QUALIFIER = pattern("committee_qualifier")        # "trực thuộc Trung ương" names no commune
_NOT_ORDERED = pattern("not_ordered")              # (on folded canonical names)
_PARTY_ISSUER = pattern("party_issuer")
_IMPLEMENTS = pattern("plan_verb")                  # "triển khai thực hiện Kế hoạch / Nghị quyết"
_GROUPS = (("provincial-departments", pattern("provincial_departments")),
           ("central-departments", pattern("central_departments")))


@lru_cache(maxsize=16384)
def merge_key(name: str) -> str:
    """The key under which the mentions of one body merge (folded canonical name; groups such
    as "Ủy ban nhân dân các xã" and "sở, ban, ngành" have one key each)."""
    f = fold(canonical(name))
    for old, new in _KEY_REWRITES:
        f = f.replace(old, new)
    f = _KEY_CAC.sub("", f)
    f = _KEY_RELATED.sub("", f).strip()
    if f.startswith(_COMMITTEE_KEY):
        tail = f[len(_COMMITTEE_KEY):]
        lvl = ("commune" if _COMMUNE.search(tail) else
               "district" if _DISTRICT.search(tail) else tail.strip())
        if _CAPITAL.search(_QUALIFIER.sub("", canonical(name)[len(_COMMITTEE):])):
            return f                      # named communes: a body of its own
        if _COMMITTEE_GROUP.search(tail) or lvl in ("commune", "district"):
            return _COMMITTEE_KEY + "|" + lvl
    for key, rx in _GROUPS:
        if rx.match(f):
            return key
    return f.replace(",", "")             # "Ban Quản lý các Khu công nghiệp(,) khu kinh tế"


def _strip_locality(key: str) -> str:
    """"ban quản lý khu kinh tế tỉnh đồng tháp" -> "ban quản lý khu kinh tế"."""
    return _LOCALITY_END.sub("", key)


def _is_issuer(name: str, doc: Document) -> bool:
    """"Ủy ban nhân dân tỉnh" (the issuer, named as the one reported to) is no agency --
    unless the document's issuer is known and is another kind of body: a council's
    resolution gives the people's committee its duties ("Giao Ủy ban nhân dân thành phố ...")."""
    key = fold(canonical(name))
    if key not in _issuer_keys():
        return False
    issuer = getattr(getattr(doc, "meta", None), "issuer", None)
    if not issuer:
        return True
    return _strip_locality(key) in fold(canonical(issuer))


@lru_cache(maxsize=1)
def _issuer_keys() -> frozenset[str]:
    return frozenset(fold(x) for x in data()["issuer_like"])


def _home_suffix(doc: Document) -> Optional[re.Pattern[str]]:
    """" tỉnh đồng nai" / " đồng nai" at the end of a key, for the document's own province."""
    province = getattr(getattr(doc, "meta", None), "province", None)
    if not province:
        return None
    return re.compile(r"(?:\s(?:" + _LEVELS + r"))?\s" + re.escape(fold(province)) + "$")


_LEVELS = "|".join(re.escape(fold(w)) for w in data()["localities"])
def _carries_out(text: str, at: int) -> bool:
    """Does the body named before ``at`` carry out the document itself ("... thành phố | triển
    khai thực hiện Nghị quyết")?"""
    return bool(_IMPLEMENTS.match(text, at + len(text[at:at + 4]) - len(text[at:at + 4].lstrip())))


WHERE_RANK = {"member": 6, "heading": 5, "entry": 4, "field": 3, "table": 2, "chu-tri": 1, "article": 0}


def merge_mentions(mentions: list[Mention], doc: Document) -> list[Agency]:
    """One ``Agency`` per body: the best-placed name, the strongest role, the sector."""
    groups: dict[str, list[Mention]] = {}
    order: list[Optional[str]] = []       # (None: a group merged into another, dropped below)
    k: Optional[str]
    first: Mention | Optional[Agency]
    for m in mentions:
        if _is_issuer(m.name, doc):
            continue
        k = merge_key(m.name)
        if k not in groups:
            groups[k] = []
            order.append(k)
        groups[k].append(m)
    # "Ủy ban Mặt trận Tổ quốc" + "Ủy ban Mặt trận Tổ quốc tỉnh": one body
    for k in list(order):
        assert k is not None                  # (no None yet in this copy)
        short = _strip_locality(k)
        if short != k and short in groups:
            groups[k] = groups.pop(short) + groups[k]
            order[order.index(short)] = None
    # "Báo ... tỉnh Đồng Nai" + "Báo ... Đồng Nai" in a plan of Đồng Nai: one body
    home = _home_suffix(doc)
    if home:
        short_of = {k: home.sub("", k) for k in order if k is not None}
        for k in list(order):
            if k is None or short_of[k] == k:
                continue
            other = next((o for o in order if o is not None and o != k and short_of[o] == short_of[k]), None)
            if other is not None:
                groups[other] = groups[other] + groups.pop(k)
                order[order.index(k)] = None
    order = [k for k in order if k is not None and k in groups]
    out: list[Agency] = []
    for k in order:
        assert k is not None                  # (dropped above)
        ms = groups[k]
        headed = [m for m in ms if m.where in ("heading", "member")]
        best_role = max(headed or ms, key=lambda m: ROLE_RANK[m.role]).role
        named = max(ms, key=lambda m: (WHERE_RANK[m.where], -m.start))
        first = min(ms, key=lambda m: m.start)
        role_m = next(m for m in sorted(ms, key=lambda m: m.start) if m.role == best_role)
        canon = canonical(named.name)
        sector = sectors.sector_of(canon)
        section = doc.section_at(role_m.start) if hasattr(doc, "section_at") else None
        a = Agency(name=named.name, canonical=canon, sector=sector, role=best_role,
                   section=section.path if section else None, quote=role_m.quote,
                   start=named.start, end=named.end)
        # attributes beyond the record (``Agency`` does not declare them): set through ``vars``
        vars(a)["mentions"] = len(ms)
        vars(a)["first"] = first.start
        vars(a)["_chu_tri"] = any(m.where == "heading" and m.chu_tri for m in ms)
        vars(a)["_headed"] = bool(headed)
        # "Giao Sở X chủ trì, phối hợp ...", "Giao Ủy ban nhân dân thành phố triển khai thực hiện
        # Nghị quyết": what makes a body the lead when nothing else does
        vars(a)["_leads"] = (2 if any(m.chu_tri and m.role == "responsible" for m in ms)
                             else 1 if any(m.where != "table" and _carries_out(doc.text, m.end) for m in ms)
                             else 0)
        out.append(a)
    if out and not any(a.role == "lead" and vars(a)["_headed"] for a in out):
        # no standing body named: the first headed body that "chủ trì" leads
        first = min((a for a in out if vars(a)["_chu_tri"] and a.role == "responsible"),
                    key=lambda a: vars(a)["first"], default=None)
        if first is not None:
            first.role = "lead"
    if out and not any(a.role == "lead" or vars(a)["_headed"] for a in out):
        # still none (a decision's or resolution's articles): the first body that "chủ trì", else
        # the first charged with carrying out the document itself
        first = min((a for a in out if vars(a)["_leads"] and a.role == "responsible"),
                    key=lambda a: (-vars(a)["_leads"], vars(a)["first"]), default=None)
        if first is not None:
            first.role = "lead"
    if _state_issuer(doc):
        # the Front and the political-social organisations are asked, not ordered, by a
        # state body's plan (ANNOTATION.md: requested), whatever the entry's wording
        for a in out:
            if a.role == "responsible" and _NOT_ORDERED.match(fold(a.canonical or a.name)):
                a.role = "requested"
    for a in out:
        del vars(a)["_chu_tri"], vars(a)["_headed"], vars(a)["_leads"]
    return out


def _state_issuer(doc: Document) -> bool:
    """Is the document issued by a state body (known, and no Party committee)?"""
    issuer = getattr(getattr(doc, "meta", None), "issuer", None) or ""
    return bool(issuer) and not _PARTY_ISSUER.search(fold(issuer))
