"""Link: resolve citations to documents, infer programme ancestors, build the level graph.

A citation links to a corpus document only when exactly one document has the same
normalised number, a compatible year and (for numbers of local bodies such as
``64/KH-UBND``) the same province.  Several candidates stay *ambiguous*, none stay
*unresolved*: nothing is guessed.  A corpus text wins over a reference (YAML stand-in) for
the same number.  When a plan's direct parent is not available, :func:`infer_programme`
puts it under a national programme named in ``data/programmes.yaml`` if its title names
the programme's topic and its period lies inside the programme's (link ``inferred``, with
the reason).  :func:`date_conflicts` reports a cited document given different dates by
different citing documents.
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import networkx as nx

from pipeline import data
from pipeline.linking import graph as level_graph
from pipeline.linking.citations import Resolver, date_conflicts, resolve  # noqa: F401 (re-exported)
from pipeline.linking.keys import cited_key, is_local, norm_number, number_year, province_named, year_of  # noqa: F401 (re-exported)
from pipeline.linking.rows import Rows
from pipeline.linking.rows import values as rows_values
from pipeline.text.folds import fold

LEVEL_RANK = {"national": 1, "province": 2, "district": 3, "commune": 4}
_province_named = province_named
# the keys of an unresolved citation's row, in order
UNRESOLVED_KEYS = ("child_doc", "number", "parent_number", "key", "role", "issuer", "date",
                   "quote", "status", "candidates")


@dataclass
class LinkResult:
    # resolved: child_doc -> parent_doc
    links: list[dict[str, Any]] = field(default_factory=list)
    # cited but not (uniquely) in the corpus: rows of UNRESOLVED_KEYS (:class:`Rows` from
    # link_records, a list of dicts when made otherwise)
    unresolved: Sequence[dict[str, Any]] = field(default_factory=list)
    # cited documents with differing dates
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    # doc_id -> record (documents and references)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    # links and unresolved citations by child_doc, built on first use (see ``links_of``)
    _index: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # what the level graph is built from when first read (:mod:`pipeline.linking.graph`)
    _order: bytearray = field(default_factory=bytearray, repr=False, compare=False)
    _cited: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False, compare=False)
    _graph: nx.DiGraph | None = field(default=None, repr=False, compare=False)

    @property
    def graph(self) -> nx.DiGraph:
        """The level graph (:mod:`pipeline.linking.graph`), built on first use."""
        if self._graph is None:
            self._graph = level_graph.build(self.records, self.links, self.unresolved,
                                            self._order, self._cited)
        return self._graph

    def links_of(self, doc_id: str) -> list[dict[str, Any]]:
        """The links whose child is ``doc_id``, in ``links`` order."""
        return self._by_child("links").get(doc_id, [])

    def unresolved_of(self, doc_id: str) -> list[dict[str, Any]]:
        """The unresolved citations of ``doc_id``, in ``unresolved`` order."""
        return [self.unresolved[i] for i in self._by_child("unresolved").get(doc_id, ())]

    def unresolved_values(self, doc_id: str, *names: str) -> list[tuple[Any, ...]]:
        """(value of each of ``names``) of every unresolved citation of ``doc_id``, read
        without making its rows."""
        where = self._by_child("unresolved").get(doc_id, ())
        if isinstance(self.unresolved, Rows):
            columns = [self.unresolved.column(n) for n in names]
            return [tuple(c[i] for c in columns) for i in where]
        return [tuple(self.unresolved[i].get(n) for n in names) for i in where]

    def _by_child(self, name: str) -> dict[str, Any]:
        # one pass over the rows, rebuilt when they have grown (rows are only ever
        # appended): links by child, and the positions (a range when they follow one
        # another) of the unresolved citations by child
        rows = getattr(self, name)
        key, index = self._index.get(name, (None, {}))
        if key != (id(rows), len(rows)):
            index = {}
            if name == "links":
                for row in rows:
                    index.setdefault(row["child_doc"], []).append(row)
            else:
                for i, (child,) in enumerate(rows_values(rows, "child_doc")):
                    at = index.get(child)
                    if at is None:
                        index[child] = range(i, i + 1)
                    elif isinstance(at, range) and at.stop == i:
                        index[child] = range(at.start, i + 1)
                    else:
                        index[child] = [*at, i]
            self._index[name] = ((id(rows), len(rows)), index)
        return index


def infer_programme(rec: dict[str, Any],
                    available: dict[str, list[dict[str, Any]]]) -> tuple[str, str] | None:
    """(programme number, reason) for a plan whose title names a known programme's topic
    and whose period lies inside the programme's period; None otherwise."""
    meta = rec["meta"]
    period = meta.get("period") or ([year_of(meta.get("date"))] * 2 if year_of(meta.get("date")) else None)
    if not period or period[0] is None:
        return None
    inside = [(prog, cues) for prog, cues in _programmes()
              if prog["period"][0] <= period[0] and period[-1] <= prog["period"][1]]
    if not inside:
        return None
    texts = [meta.get("title")] + [c.get("title") for c in rec.get("citations", [])
                                   if c.get("role") == "parent"]
    texts += [c.get("quote") for c in rec.get("citations", []) if c.get("role") == "parent"]
    hay = fold(" ".join(t for t in texts if t))
    for prog, cues in inside:
        lo, hi = prog["period"]
        cue = next((c for c, folded in cues if folded in hay), None)
        if not cue:
            continue
        num = norm_number(prog["number"])
        if num not in available:
            continue
        where = "title" if fold(cue) in fold(meta.get("title")) else "parent citation"
        reason = (f"{where} names '{cue}'; plan period {period[0]}-{period[-1]} lies inside "
                  f"{prog['name']} ({lo}-{hi})")
        return num, reason
    return None


@lru_cache(maxsize=1)
def _programmes() -> tuple[tuple[dict[str, Any], tuple[tuple[str, str], ...]], ...]:
    """(programme, its cues with their folded forms) of ``data/programmes.yaml``."""
    return tuple((prog, tuple((c, fold(c)) for c in prog.get("cues", [])))
                 for prog in data.load("programmes.yaml").get("programmes") or [])


def link_records(records: list[dict[str, Any]], references: Iterable[dict[str, Any]] = ()) -> LinkResult:
    """Resolve every citation of every record; return the graph, links and problems."""
    docs = {r["doc_id"]: r for r in records}
    index: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        n = norm_number(r["meta"].get("number"))
        if n:
            index.setdefault(n, []).append(r)
    refs = {}
    for ref in references:
        n = norm_number(ref["meta"].get("number"))
        if n and n not in index:          # a full text wins over a reference
            refs[n] = ref
    provinces = frozenset(r["meta"].get("province") for r in records if r["meta"].get("province"))
    result = LinkResult(records=dict(docs))
    for ref in refs.values():
        result.records[ref["doc_id"]] = ref
    order, cited = result._order, result._cited
    resolver = Resolver(index, refs, provinces)
    unresolved = result.unresolved = Rows(UNRESOLVED_KEYS, lists=("candidates",))
    # the key of each cited (number, title, issuer, citing province), made once
    keys: dict[tuple[Any, ...], str] = {}
    seen_keys: set[str] = set()
    for r in records:
        child = r["doc_id"]
        for cit in r.get("citations") or []:
            number = cit.get("number")
            if not number and not cit.get("title"):
                continue
            status, target = resolver(cit, r)
            role = cit.get("role") or "reference"
            if status in ("document", "reference"):
                row = {"child_doc": child, "number": number, "parent_number": number,
                       "key": norm_number(number), "role": role, "issuer": cit.get("issuer"),
                       "date": cit.get("date"), "quote": cit.get("quote") or ""}
                via = implemented_through(cit, r) if role not in DIRECT_ROLES else None
                if via:
                    row["via"] = via
                row.update(parent_doc=target, link="direct", target_kind=status,
                           reason=f"cited as {role}; number {number} "
                                  f"{'in the corpus' if status == 'document' else 'found in references'}")
                result.links.append(row)
                order.append(level_graph.LINK)
                continue
            issuer = cit.get("issuer")
            at = (number, cit.get("title"), issuer, r["meta"].get("province"))
            try:
                key = keys.get(at) or keys.setdefault(at, cited_key(cit, r, provinces))
            except TypeError:               # a field that is not hashable: not kept
                key = cited_key(cit, r, provinces)
            unresolved.add(child, number, number, key, role, issuer, cit.get("date"),
                           cit.get("quote") or "",
                           "ambiguous" if status == "ambiguous" else "not_in_corpus", target)
            if key not in seen_keys:
                seen_keys.add(key)
                cited.setdefault(f"cited:{key}", cit)
            order.append(level_graph.UNRESOLVED)
    available = dict(index)
    available.update({n: [ref] for n, ref in refs.items()})
    # children with a parent link, and the numbers of unresolved parents, indexed once
    with_parent = {l["child_doc"] for l in result.links if is_parent_link(l, result)}
    unresolved_parents: dict[str, list[str]] = {}
    for child, role, number in rows_values(result.unresolved, "child_doc", "role", "number"):
        if role == "parent":
            unresolved_parents.setdefault(child, []).append(number)
    for r in records:
        if r["doc_id"] in with_parent:
            continue
        inferred = infer_programme(r, available)
        if not inferred:
            continue
        num, reason = inferred
        cands = [x for x in available[num] if x["doc_id"] != r["doc_id"]]
        if len(cands) != 1:
            continue
        parent = cands[0]
        missing = unresolved_parents.get(r["doc_id"])
        if missing:
            reason = f"direct parent {', '.join(missing)} not in the corpus; " + reason
        row = {"child_doc": r["doc_id"], "number": parent["meta"].get("number"),
               "parent_number": parent["meta"].get("number"), "key": num, "role": "parent",
               "issuer": parent["meta"].get("issuer"),
               "date": parent["meta"].get("date"), "quote": "", "parent_doc": parent["doc_id"],
               "link": "inferred", "target_kind": parent.get("kind", "document"),
               "reason": reason}
        result.links.append(row)
        with_parent.add(r["doc_id"])
    result.conflicts = date_conflicts(records, provinces)
    return result


# citation roles that name the child's own parent or basis (not a document named in passing)
DIRECT_ROLES = ("parent", "basis")
_SPACED_SEP = re.compile(r"\s*([-/])\s*")


def _squeezed(text) -> str:
    """Folded text with the spaces around "-" and "/" removed ("57- NQ/TW" -> "57-nq/tw")."""
    return _squeezed_text(text) if text is None or type(text) is str \
        else _SPACED_SEP.sub(r"\1", fold(text))


@lru_cache(maxsize=65536)
def _squeezed_text(text: str | None) -> str:
    return _SPACED_SEP.sub(r"\1", fold(text))


@lru_cache(maxsize=1)
def _implementing_cues() -> tuple[str, ...]:
    return tuple(fold(c) for c in data.load("programmes.yaml").get("implementing_cues") or [])


def implemented_through(cit: dict[str, Any], child: dict[str, Any]) -> str | None:
    """The number of another document the child cites whose description says it implements
    ``cit`` ("Chương trình hành động số 10-CTr/TU ... về thực hiện Nghị quyết số 57-NQ/TW"):
    the child implements ``cit`` through it.  None when no citation says so."""
    number = _squeezed(cit.get("number"))
    if not number:
        return None
    cues = _implementing_cues()
    for other in child.get("citations") or []:
        if other is cit or other.get("role") not in DIRECT_ROLES + ("reference",) \
                or _squeezed(other.get("number")) == number:
            continue
        quote = _squeezed(other.get("quote"))
        at = quote.find(number)
        if at > 0 and any(c in quote[max(0, at - 60):at] for c in cues):
            return other.get("number")
    return None


def relation(link: dict[str, Any], result: LinkResult) -> str | None:
    """How the child stands to a linked document whose targets it should be compared
    against, or None: ``parent`` (cited as the plan it implements), ``basis`` (cited as
    legal basis, "Căn cứ"), ``via`` (named as what another cited document implements) or
    ``inferred`` (a programme the child does not cite; :func:`infer_programme`)."""
    if link.get("link") == "inferred":
        return "inferred"
    role = link["role"]
    if role == "parent":
        return "parent"
    if role != "basis" and not link.get("via"):
        return None
    parent = result.records.get(link["parent_doc"]) or {}
    if parent.get("kind") == "reference":
        return "basis" if role == "basis" else "via"
    child = result.records.get(link["child_doc"]) or {}
    pm, cm = parent.get("meta", {}), child.get("meta", {})
    pl = LEVEL_RANK.get(pm.get("level"), 9)
    cl = LEVEL_RANK.get(cm.get("level"), 9)
    # a parent may sit at the child's level (a Government programme implementing a
    # Politburo resolution), never below it, and is not issued after the child
    if not parent.get("targets") or pl > cl or _later(pm.get("date"), cm.get("date")):
        return None
    kind = fold(f"{pm.get('doc_type') or ''} {pm.get('title') or ''}")
    table = data.load("programmes.yaml")
    cues = (table.get("plan_cues") or []) + (table.get("target_setting_types") or [])
    if not any(fold(c) in kind for c in cues):
        return None
    return "basis" if role == "basis" else "via"


def _later(a, b) -> bool:
    """True when date ``a`` is known to fall after date ``b`` (ISO strings, any precision)."""
    if not a or not b:
        return False
    n = min(len(str(a)), len(str(b)))
    return str(a)[:n] > str(b)[:n]


def is_parent_link(link: dict[str, Any], result: LinkResult) -> bool:
    """A link whose targets the child should be compared against (:func:`relation`)."""
    return relation(link, result) is not None


def ancestors(doc_id: str, result: LinkResult) -> list[tuple[dict[str, Any], int]]:
    """Parent links of ``doc_id`` followed upward through documents in the corpus:
    [(link_row, depth)], nearest first, each ancestor once."""
    out, seen, frontier = [], {doc_id}, deque([(doc_id, 1)])
    while frontier:
        cur, depth = frontier.popleft()
        for l in result.links_of(cur):
            if not is_parent_link(l, result):
                continue
            if l["parent_doc"] in seen:
                continue
            seen.add(l["parent_doc"])
            out.append((l, depth))
            frontier.append((l["parent_doc"], depth + 1))
    return out
