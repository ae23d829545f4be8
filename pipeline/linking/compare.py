"""`vnplan compare`: where local plans diverge from the plans they implement.

``compare_records(records, references=None)`` links the records (:mod:`pipeline.linking.link`),
aligns every plan's targets with those of its parents and further ancestors
(:mod:`pipeline.linking.align`), gives each pair a CONTRACT ``status`` and lines up plans that
implement the same parent (siblings).  Statuses:

* ``below_parent`` / ``equal`` / ``above_parent`` / ``deadline_later`` /
  ``not_comparable`` for an aligned pair, with a ``period_flag`` for an annual figure
  against a period-end one: :mod:`pipeline.linking.status`.
* ``missing_in_child`` / ``only_in_child`` — a parent (child) target with no counterpart;
  ``not_applicable`` / ``no_figure`` when the child cannot carry it or names it without a
  number (one child against one parent: :mod:`pipeline.linking.parents`).

It computes a :class:`CompareResult` only; :mod:`pipeline.output.report` writes it.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from pipeline import data
from pipeline.linking import align as al
from pipeline.linking import link as lk
from pipeline.linking.parents import compare_pair
from pipeline.linking.references import BUNDLED_DIR, load_references
from pipeline.linking.status import fmt_value, pair_status

CONTRACT_COLUMNS = ["child_doc", "parent_doc", "parent_number", "indicator", "child_value",
                    "parent_value", "unit", "child_deadline", "parent_deadline", "status",
                    "child_quote", "parent_quote"]
COLUMNS = ["child_doc", "parent_doc", "parent_number", "indicator", "child_value",
           "parent_value", "unit", "child_deadline", "parent_deadline", "status",
           "child_quote", "parent_quote", "severity", "scope_note", "child_section",
           "parent_section", "link", "reason", "period_flag", "severity_rank", "score",
           "child_level", "parent_level", "child_comparator", "parent_comparator",
           "parent_unit", "parent_indicator", "parent_source", "status_reason", "link_reason",
           "relation", "value_scope", "child_milestones"]
SIBLING_COLUMNS = ["parent_number", "doc_a", "doc_b", "indicator_a", "value_a", "value_b",
                   "indicator_b", "unit_a", "unit_b", "deadline_a", "deadline_b", "status",
                   "score", "quote_a", "quote_b", "section_a", "section_b"]


@dataclass
class CompareResult:
    divergences: pd.DataFrame
    siblings: pd.DataFrame
    graph: object
    links: list[dict[str, Any]] = field(default_factory=list)
    unresolved: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: pd.DataFrame = None
    # inputs that failed, {source, doc_id, error}: records with errors (and, from
    # `vnplan compare`, lines of an input JSONL that are not records)
    failed: list[dict[str, Any]] = field(default_factory=list)
    # child-parent pairs not compared, and why: {child_doc, parent_doc, parent_number, reason}
    not_compared: list[dict[str, Any]] = field(default_factory=list)


# ---------------------------------------------------------------- rows

def _severity(status: str) -> tuple[int, str]:
    rank, label = data.load("programmes.yaml")["severity"].get(status, [0, "info"])
    return rank, label


def _row(child, parent, c, p, status, reason, flag, link, link_reason, score=None, note=""):
    rank, label = _severity(status)
    t = c or p
    return {
        "child_doc": child["doc_id"], "parent_doc": parent["doc_id"],
        "parent_number": parent["meta"].get("number"),
        "indicator": (c or {}).get("indicator") or (p or {}).get("indicator") or "",
        "child_value": fmt_value(c) if c else "", "parent_value": fmt_value(p) if p else "",
        "unit": t.get("unit") or "",
        "child_deadline": (c or {}).get("deadline") or "", "parent_deadline": (p or {}).get("deadline") or "",
        "status": status, "child_quote": (c or {}).get("quote") or "",
        "parent_quote": (p or {}).get("quote") or "", "severity": label, "scope_note": note,
        "child_section": (c or {}).get("section") or "", "parent_section": (p or {}).get("section") or "",
        "link": link, "reason": "; ".join(x for x in (reason, link_reason) if x),
        "period_flag": flag, "severity_rank": rank,
        "score": None if score is None else round(score, 3),
        "child_level": child["meta"].get("level"), "parent_level": parent["meta"].get("level"),
        "child_comparator": (c or {}).get("comparator") or "",
        "parent_comparator": (p or {}).get("comparator") or "",
        "parent_unit": (p or {}).get("unit") or "", "parent_indicator": (p or {}).get("indicator") or "",
        "parent_source": (p or {}).get("source") or "",
        "status_reason": reason, "link_reason": link_reason,
    }


def parent_keys(doc_id: str, res: lk.LinkResult) -> dict[str, Any]:
    """{key: parent number} for every parent of a document, resolved or not."""
    keys = {}
    for l in res.links_of(doc_id):
        if lk.is_parent_link(l, res):
            keys[l["parent_doc"]] = l["parent_number"]
    for u in res.unresolved_of(doc_id):
        if u["role"] == "parent" and u.get("parent_number"):
            keys[f"cited:{u['key']}"] = u["parent_number"]
    return keys


def compare_siblings(res: lk.LinkResult) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(side-by-side rows, divergence rows) for plans that implement the same parent."""
    groups: dict[tuple[str, Any], list[str]] = {}
    for rid, rec in res.records.items():
        if rec.get("kind") == "reference":
            continue
        for key, number in parent_keys(rid, res).items():
            groups.setdefault((key, number), []).append(rid)
    side, div = [], []
    seen = set()
    for (_key, number), members in sorted(groups.items()):
        for a, b in combinations(sorted(set(members)), 2):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            ra, rb = res.records[a], res.records[b]
            A, B = al.valued(ra.get("targets")), al.valued(rb.get("targets"))
            for i, j, score, note in al.align(A, B):
                status, reason, flag = pair_status(A[i], B[j], ra["meta"])
                side.append({"parent_number": number, "doc_a": a, "doc_b": b,
                             "indicator_a": A[i].get("indicator") or "", "value_a": fmt_value(A[i]),
                             "value_b": fmt_value(B[j]), "indicator_b": B[j].get("indicator") or "",
                             "unit_a": A[i].get("unit") or "", "unit_b": B[j].get("unit") or "",
                             "deadline_a": A[i].get("deadline") or "",
                             "deadline_b": B[j].get("deadline") or "",
                             "status": status, "score": round(score, 3),
                             "quote_a": A[i].get("quote") or "", "quote_b": B[j].get("quote") or "",
                             "section_a": A[i].get("section") or "", "section_b": B[j].get("section") or ""})
                row = _row(ra, rb, A[i], B[j], status, reason, flag, "sibling",
                           f"both implement {number}", score, note)
                row["parent_number"] = number
                if status != "equal":
                    row["severity_rank"], row["severity"] = 1, "low"
                div.append(row)
    return side, div


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
    sentences: dict[str, Any] = {}
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
            rows.extend(_as_tuples(compare_pair(r, parent, link, reason, rel, sentences)))
        sentences.pop(r["doc_id"], None)
    side, sib_rows = compare_siblings(res)
    rows.extend(_as_tuples(sib_rows))
    del sib_rows
    df = pd.DataFrame(rows, columns=COLUMNS)
    del rows
    if len(df):
        df = df.sort_values(["severity_rank", "child_doc", "parent_doc"],
                            ascending=[False, True, True], kind="stable").reset_index(drop=True)
    sib = pd.DataFrame(side, columns=SIBLING_COLUMNS)
    return CompareResult(divergences=df, siblings=sib,
                         graph=res.graph, links=res.links, unresolved=res.unresolved,
                         conflicts=res.conflicts, records=res.records,
                         documents=documents_table(res, df, sib), failed=failed_records(records),
                         not_compared=not_compared)


_STRENGTH = ("parent", "basis", "via", "inferred")


def _relation(child: str, parent: str, res: lk.LinkResult) -> str:
    """The strongest relation of the child's links to this parent (parent > basis > via >
    inferred)."""
    rels = {lk.relation(l, res) for l in res.links_of(child) if l["parent_doc"] == parent}
    return next((r for r in _STRENGTH if r in rels), "parent")


def _as_tuples(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Rows as tuples in COLUMNS order (a missing column NaN, as a frame of dicts has it)."""
    return [tuple(row.get(c, np.nan) for c in COLUMNS) for row in rows]


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


def documents_table(res: lk.LinkResult, df: pd.DataFrame, res_siblings=None) -> pd.DataFrame:
    """One row per record (documents and references): its meta, parents, siblings,
    unresolved parents and the count of each status of its parent rows."""
    counts: Counter[tuple[str, str]] = Counter()
    if len(df):
        parent_rows = df["link"] != "sibling"
        counts.update(zip(df.loc[parent_rows, "child_doc"], df.loc[parent_rows, "status"]))
    siblings = _siblings(res_siblings)
    rows = []
    for rid, r in res.records.items():
        m = r["meta"]
        links = res.links_of(rid)
        parents = sorted({l["parent_number"] for l in links if lk.is_parent_link(l, res)})
        rows.append({"doc_id": rid, "kind": r.get("kind", "document"), "number": m.get("number"),
                     "doc_type": m.get("doc_type"), "issuer": m.get("issuer"),
                     "level": m.get("level"), "date": m.get("date"),
                     "period": "-".join(str(x) for x in (m.get("period") or [])),
                     "title": m.get("title"), "targets": len(r.get("targets") or []),
                     "parents": ", ".join(p for p in parents if p),
                     "link_reasons": "; ".join(f"inferred: {l['reason']}"
                                               for l in links if l["link"] == "inferred"),
                     "siblings": ", ".join(sorted(siblings.get(rid, ()))),
                     "unresolved": ", ".join(sorted({u["number"] or "" for u in res.unresolved_of(rid)
                                                     if u["role"] == "parent"})),
                     **{s: counts[rid, s] for s in STATUS_COUNTS},
                     "source": r.get("source")})
    return pd.DataFrame(rows)
