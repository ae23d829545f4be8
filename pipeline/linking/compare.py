"""`vnplan compare`: where local plans diverge from the plans they implement.

``compare_records(records, references=None)`` links the records (:mod:`pipeline.linking.link`),
aligns every plan's targets with those of its parents and further ancestors
(:mod:`pipeline.linking.align`), gives each pair a CONTRACT ``status`` and lines up plans that
implement the same parent in a table of their own (:mod:`pipeline.linking.siblings`: the
sibling table, never rows of the divergences).  Statuses:

* ``below_parent`` / ``equal`` / ``above_parent`` / ``deadline_later`` /
  ``not_comparable`` for an aligned pair, with a ``period_flag`` for an annual figure
  against a period-end one: :mod:`pipeline.linking.status`.
* ``missing_in_child`` / ``only_in_child`` — a parent (child) target with no counterpart;
  ``not_applicable`` / ``no_figure`` when the child cannot carry it or names it without a
  number (one child against one parent: :mod:`pipeline.linking.parents`).

Each row also carries its figures as numbers (``child_value_num`` …) and what an auditor
checks the pairing against: the runner-up and the child's nearest sentences
(:mod:`pipeline.linking.candidates`).

It computes a :class:`CompareResult` only; :mod:`pipeline.output.report` writes it.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd

from pipeline.linking import link as lk
from pipeline.linking.frames import Texts, frame
from pipeline.linking.parents import compare_pair
from pipeline.linking.references import BUNDLED_DIR, load_references
from pipeline.linking.rows import values as rows_values
from pipeline.linking.siblings import SIBLING_COLUMNS, compare_siblings  # noqa: F401 (re-exported)

CONTRACT_COLUMNS = ["child_doc", "parent_doc", "parent_number", "indicator", "child_value",
                    "parent_value", "unit", "child_deadline", "parent_deadline", "status",
                    "child_quote", "parent_quote"]
COLUMNS = ["child_doc", "parent_doc", "parent_number", "indicator", "child_value",
           "parent_value", "unit", "child_deadline", "parent_deadline", "status",
           "child_quote", "parent_quote", "severity", "scope_note", "child_section",
           "parent_section", "link", "reason", "period_flag", "severity_rank", "score",
           "child_level", "parent_level", "child_comparator", "parent_comparator",
           "parent_unit", "parent_indicator", "parent_source", "status_reason", "link_reason",
           "relation", "value_scope", "child_milestones",
           # numbers beside the display text of child_value / parent_value (spreadsheets
           # sort them), and what an auditor checks a pairing against (linking.candidates)
           "child_value_num", "child_value_max", "parent_value_num", "parent_value_max",
           "runner_up", "runner_up_score", "nearest_child",
           # the parent's other dated figures of the compared indicator; where the child
           # restates the compared target (linking.figures)
           "parent_milestones", "child_restated"]


@dataclass
class CompareResult:
    divergences: pd.DataFrame
    siblings: pd.DataFrame
    # the linking (:class:`pipeline.linking.link.LinkResult`): its level graph is ``graph``
    linked: Any = None
    links: list[dict[str, Any]] = field(default_factory=list)
    # rows of link.UNRESOLVED_KEYS (:class:`pipeline.linking.rows.Rows`: a list of dicts to read)
    unresolved: Sequence[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: pd.DataFrame = None
    # inputs that failed, {source, doc_id, error}: records with errors (and, from
    # `vnplan compare`, lines of an input JSONL that are not records)
    failed: list[dict[str, Any]] = field(default_factory=list)
    # child-parent pairs not compared, and why: {child_doc, parent_doc, parent_number, reason}
    not_compared: list[dict[str, Any]] = field(default_factory=list)

    @property
    def graph(self):
        """The level graph of the linking, built when first read (:mod:`pipeline.linking.graph`)."""
        return self.linked.graph if self.linked is not None else None


def compare_records(records, references=None) -> CompareResult:
    """Link, align and compare CONTRACT records; ``references`` is a list of reference
    records or of folders/files of reference YAML (None: the bundled references,
    ``pipeline/data/references``).  A record with ``duplicate_of`` (the same text as an
    earlier record: another copy or format of one document) is left out: counted once."""
    records = [r for r in records if not r.get("duplicate_of")]
    if references is None:
        references = [BUNDLED_DIR]
    elif isinstance(references, (str, os.PathLike)):
        references = [references]
    references = list(references)
    if references and not isinstance(references[0], dict):
        references = load_references(references)
    res = lk.link_records(records, references)
    # rows kept as tuples in COLUMNS order until the frame is built: a dict per row would
    # hold several times the memory (one row per target and parent, 100,000s of rows)
    rows: list[tuple[Any, ...]] = []
    not_compared: list[dict[str, Any]] = []
    cache: dict[Any, Any] = {}          # see parents.compare_pair
    texts = Texts()                     # each text the rows make, once
    for r in records:
        if not r.get("targets") and not res.links_of(r["doc_id"]):
            continue
        for l, depth in lk.ancestors(r["doc_id"], res):
            parent = res.records[l["parent_doc"]]
            reason = l["reason"]
            link = l["link"]
            rel = _relation(r["doc_id"], l["parent_doc"], res) if depth == 1 else "ancestor"
            if depth > 1:
                reason = f"ancestor at {depth} levels, via {l['child_doc']}: {reason}"
            elif l.get("via"):
                reason += f"; named as what {l['via']} (cited by the child) implements"
            if not any(t.get("value") is not None for t in r.get("targets") or []):
                not_compared.append({"child_doc": r["doc_id"], "parent_doc": parent["doc_id"],
                                     "parent_number": parent["meta"].get("number"),
                                     "relation": rel,
                                     "reason": "the child sets no figures to compare"})
                continue
            rows.extend(_as_tuples(compare_pair(r, parent, link, reason, rel, cache), texts))
        cache.pop(r["doc_id"], None)
        cache.pop(("child", r["doc_id"]), None)
    del texts
    # most severe first, then by child and parent (stable): sorted as tuples, before the
    # frame is built, not as a frame (a copy of every column)
    rank, child, parent_at = (COLUMNS.index(c) for c in ("severity_rank", "child_doc", "parent_doc"))
    rows.sort(key=lambda t: (-t[rank], t[child], t[parent_at]))
    df = frame(rows, COLUMNS)
    sib = compare_siblings(res)
    return CompareResult(divergences=df, siblings=sib,
                         linked=res, links=res.links, unresolved=res.unresolved,
                         conflicts=res.conflicts, records=res.records,
                         documents=documents_table(res, df, sib), failed=failed_records(records),
                         not_compared=not_compared)


_STRENGTH = ("parent", "basis", "via", "inferred")


def _relation(child: str, parent: str, res: lk.LinkResult) -> str:
    """The strongest relation of the child's links to this parent (parent > basis > via >
    inferred)."""
    rels = {lk.relation(l, res) for l in res.links_of(child) if l["parent_doc"] == parent}
    return next((r for r in _STRENGTH if r in rels), "parent")


# the columns whose text each row makes (the others are the targets' and records' own,
# or made once per figure or status: fmt_value, severity)
_MADE = [COLUMNS.index(c) for c in ("reason", "status_reason", "scope_note", "runner_up",
                                     "nearest_child", "child_milestones", "parent_milestones",
                                     "value_scope", "child_restated", "link_reason")]
_ROW = itemgetter(*COLUMNS)
_MISSING = dict.fromkeys(COLUMNS, np.nan)


def _as_tuples(rows: list[dict[str, Any]], texts: Texts | None = None) -> list[tuple[Any, ...]]:
    """Rows as tuples in COLUMNS order (a missing column NaN, as a frame of dicts has it),
    the texts they make taken from ``texts`` (one string object per text)."""
    out = []
    for row in rows:
        try:                        # a row with every column: read as it is
            values = _ROW(row if len(row) == len(COLUMNS) else {**_MISSING, **row})
        except KeyError:
            values = _ROW({**_MISSING, **row})
        if texts is not None:
            values = list(values)
            for j in _MADE:
                values[j] = texts(values[j])
            values = tuple(values)
        out.append(values)
    return out


def failed_records(records) -> list[dict[str, Any]]:
    """``{source, doc_id, error}`` of every record that has errors (its errors joined)."""
    return [{"source": r.get("source") or "", "doc_id": r.get("doc_id") or "",
             "error": "; ".join(str(e) for e in r["errors"])}
            for r in records if r.get("errors")]


def _siblings(sib: pd.DataFrame | None) -> dict[str, set[str]]:
    """{doc_id: the documents it is lined up with} from the side-by-side sibling table."""
    out: dict[str, set[str]] = {}
    if sib is None or not len(sib):
        return out
    for a, b in zip(sib["doc_a"], sib["doc_b"]):
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


STATUS_COUNTS = ("below_parent", "above_parent", "equal", "missing_in_child", "only_in_child",
                 "deadline_later", "not_comparable", "no_figure", "not_applicable")


DOCUMENT_COLUMNS = ["doc_id", "kind", "number", "doc_type", "issuer", "level", "date", "period",
                    "title", "targets", "parents", "link_reasons", "siblings", "unresolved",
                    *STATUS_COUNTS, "source"]


def documents_table(res: lk.LinkResult, df: pd.DataFrame, res_siblings=None) -> pd.DataFrame:
    """One row per record (documents and references): its meta, parents, siblings,
    unresolved parents and the count of each status of its parent rows."""
    counts: dict[str, Counter[str]] = {}
    if len(df):
        parent_rows = df["link"] != "sibling"
        for rid, status in zip(df.loc[parent_rows, "child_doc"], df.loc[parent_rows, "status"]):
            counts.setdefault(rid, Counter())[status] += 1
    siblings = _siblings(res_siblings)
    # each record's parents, inferred links and unresolved parents, in one pass over the
    # links and unresolved citations
    parents: dict[str, set[Any]] = {}
    inferred: dict[str, list[str]] = {}
    for l in res.links:
        if lk.is_parent_link(l, res):
            parents.setdefault(l["child_doc"], set()).add(l["parent_number"])
        if l["link"] == "inferred":
            inferred.setdefault(l["child_doc"], []).append(f"inferred: {l['reason']}")
    unresolved: dict[str, set[str]] = {}
    for child, role, number in rows_values(res.unresolved, "child_doc", "role", "number"):
        if role == "parent":
            unresolved.setdefault(child, set()).add(number or "")
    none: Counter[str] = Counter()
    rows = []
    for rid, r in res.records.items():
        m = r["meta"]
        mine = counts.get(rid, none)
        rows.append((rid, r.get("kind", "document"), m.get("number"), m.get("doc_type"),
                     m.get("issuer"), m.get("level"), m.get("date"),
                     "-".join(str(x) for x in (m.get("period") or [])), m.get("title"),
                     len(r.get("targets") or []),
                     ", ".join(p for p in sorted(parents.get(rid, ())) if p),
                     "; ".join(inferred.get(rid, ())),
                     ", ".join(sorted(siblings.get(rid, ()))),
                     ", ".join(sorted(unresolved.get(rid, ()))),
                     *(mine[s] for s in STATUS_COUNTS), r.get("source")))
    return frame(rows, DOCUMENT_COLUMNS) if rows else pd.DataFrame()
