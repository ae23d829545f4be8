"""Citations resolved to documents, and cited documents given differing dates.

:func:`resolve` says which corpus document (or reference) a citation names;
:class:`Resolver` does the same for a whole linking, working out the candidates of each
(number, year, province) once: in a large collection many documents share a number
("01/KH-UBND" of every province and year) and are cited by thousands of others.
:func:`date_conflicts` lists cited documents given different dates.
"""
from __future__ import annotations

from typing import Any

from pipeline.linking.keys import cited_key, is_local, norm_number, number_year, province_named, year_of
from pipeline.text.folds import fold


def resolve(cit: dict[str, Any], child: dict[str, Any], index: dict[str, list[dict[str, Any]]],
            refs: dict[str, dict[str, Any]], provinces) -> tuple[str, str | list[str] | None]:
    """('document'|'reference', doc_id) or ('ambiguous', [ids]) or ('unresolved', None)."""
    return Resolver(index, refs, provinces)(cit, child)


class Resolver:
    """:func:`resolve` over one index of documents (by number) and references, the
    candidates of each (number, year, province) found once and kept."""

    def __init__(self, index: dict[str, list[dict[str, Any]]], refs: dict[str, dict[str, Any]],
                 provinces):
        self.index, self.refs, self.provinces = index, refs, provinces
        self._found: dict[tuple[str, int | None, str | None], tuple[str, ...]] = {}
        self._by_number: dict[str, dict[int | None, dict[str | None, list[tuple[int, str]]]]] = {}

    def __call__(self, cit: dict[str, Any], child: dict[str, Any]
                 ) -> tuple[str, str | list[str] | None]:
        num = norm_number(cit.get("number"))
        if not num:
            return "unresolved", None
        year = number_year(num) or year_of(cit.get("date"))
        want = None
        if is_local(num):
            named = province_named(cit.get("issuer"), self.provinces) or child["meta"].get("province")
            want = fold(named) if named else None
        key = (num, year, want)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._candidates(num, year, want)
        me = child["doc_id"]
        cands = [d for d in found if d != me] if me in found else found
        if len(cands) == 1:
            return "document", cands[0]
        if len(cands) > 1:
            return "ambiguous", list(cands)
        if num in self.refs:
            ryear = year_of(self.refs[num]["meta"].get("date"))
            if not (year and ryear and year != ryear):
                return "reference", self.refs[num]["doc_id"]
        return "unresolved", None

    def _candidates(self, num: str, year: int | None, want: str | None) -> tuple[str, ...]:
        """The documents numbered ``num`` of a compatible year and (``want``: a folded
        province) the same province, in index order.  A document of unknown year or
        province is compatible with any."""
        groups = self._groups(num)
        found: list[tuple[int, str]] = []
        for ryear in ((year, None) if year else groups):
            by_province = groups.get(ryear)
            if not by_province:
                continue
            for prov in ((want, None) if want is not None else by_province):
                found.extend(by_province.get(prov, ()))
        found.sort()
        return tuple(doc_id for _, doc_id in found)

    def _groups(self, num: str) -> dict[int | None, dict[str | None, list[tuple[int, str]]]]:
        """{year: {folded province: [(place in the index, doc_id)]}} of the documents
        numbered ``num`` (None for an unknown year or province), made on first use."""
        groups = self._by_number.get(num)
        if groups is None:
            groups = self._by_number[num] = {}
            for at, rec in enumerate(self.index.get(num, ())):
                prov = rec["meta"].get("province")
                groups.setdefault(year_of(rec["meta"].get("date")) or None, {}).setdefault(
                    fold(prov) if prov else None, []).append((at, rec["doc_id"]))
        return groups


def date_conflicts(records: list[dict[str, Any]], provinces=()) -> list[dict[str, Any]]:
    """Cited documents whose date differs between (or within) citing documents.

    A number without its own year ("1629/QĐ-TTg") is reused every year, so only dates in
    the same year can conflict; "178/2004/NĐ-CP" names its year, so any two dates do."""
    # key -> [number, {date: (first quote, citing documents)}]
    seen: dict[str, list[Any]] = {}
    keys: dict[tuple[Any, ...], str] = {}
    for r in records:
        for cit in r.get("citations") or []:
            date, number = cit.get("date"), cit.get("number")
            if not date or not number:
                continue
            at = (number, cit.get("title"), cit.get("issuer"), r["meta"].get("province"), date)
            try:
                key = keys.get(at)
                kept = True
            except TypeError:               # a field that is not hashable: not kept
                key, kept = None, False
            if key is None:
                key = cited_key(cit, r, provinces)
                if not number_year(norm_number(number)):
                    key += f"|{year_of(date)}"      # 1629/QĐ-TTg of 2021 and of 2023 differ
                if kept:
                    keys[at] = key
            entry = seen.get(key)
            if entry is None:
                entry = seen[key] = [number, {}]
            by_date = entry[1].get(str(date))
            if by_date is None:
                by_date = entry[1][str(date)] = (cit.get("quote") or "", set())
            by_date[1].add(r["doc_id"])
    out = []
    for key, (number, dates) in sorted(seen.items()):
        if len(dates) > 1:
            out.append({"number": number, "key": key,
                        "dates": {d: sorted(v[1]) for d, v in sorted(dates.items())},
                        "quotes": {d: v[0] for d, v in sorted(dates.items())}})
    return out
