"""`vnplan compare`: where local plans diverge from the plans they implement.

``compare_records(records, references=None)`` links the records (:mod:`pipeline.link`),
aligns every plan's targets with those of its parents and further ancestors
(:mod:`pipeline.align`), gives each pair a CONTRACT ``status`` and lines up plans that
implement the same parent (siblings).  Statuses:

* value: ``below_parent`` / ``equal`` / ``above_parent`` ("above" = more demanding: a higher
  minimum, or a lower cap for "không quá"/"dưới" targets).  A bare figure means *at least*;
  "trên 95%" is above "95%"; a child range counts by its low end ("1-2 lần/tháng" equals
  "ít nhất 1 lần/tháng", "1-2" is below "ít nhất 2").
* ``deadline_later`` — the figure is at least the parent's but due later.
* ``not_comparable`` — a count against a percentage, other units, or a minimum against a cap.
* ``missing_in_child`` / ``only_in_child`` — a parent (child) target with no counterpart.

Annual targets against period-end ones (and a one-year plan against a period-end figure)
keep their value status and get ``period_flag``: they are flagged, not silently equal.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import pandas as pd

from pipeline.linking import align as al
from pipeline.linking import link as lk
from pipeline.linking.references import DEFAULT_DIR, load_references

CONTRACT_COLUMNS = ["child_doc", "parent_doc", "parent_number", "indicator", "child_value",
                    "parent_value", "unit", "child_deadline", "parent_deadline", "status",
                    "child_quote", "parent_quote"]
COLUMNS = ["child_doc", "parent_doc", "parent_number", "indicator", "child_value",
           "parent_value", "unit", "child_deadline", "parent_deadline", "status",
           "child_quote", "parent_quote", "severity", "scope_note", "child_section",
           "parent_section", "link", "reason", "period_flag", "severity_rank", "score",
           "child_level", "parent_level", "child_comparator", "parent_comparator",
           "parent_unit", "parent_indicator", "parent_source", "status_reason", "link_reason"]
SIBLING_COLUMNS = ["parent_number", "doc_a", "doc_b", "indicator_a", "value_a", "value_b",
                   "indicator_b", "unit_a", "unit_b", "deadline_a", "deadline_b", "status",
                   "score", "quote_a", "quote_b", "section_a", "section_b"]
COMPARATOR_SIGN = {"at_least": "≥", "bare": "", "more_than": ">", "at_most": "≤",
                   "less_than": "<", "range": "", None: ""}


@dataclass
class CompareResult:
    divergences: pd.DataFrame
    siblings: pd.DataFrame
    graph: object
    links: list = field(default_factory=list)
    unresolved: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    records: dict = field(default_factory=dict)
    documents: pd.DataFrame = None


# ---------------------------------------------------------------- value semantics

def _bounds(t: dict) -> tuple:
    """(direction, bound, strict): 'min' targets promise at least ``bound``, 'max' at most."""
    comp = t.get("comparator") or "bare"
    v = t.get("value")
    if comp in ("at_most", "less_than"):
        return "max", v, comp == "less_than"
    return "min", v, comp == "more_than"


def value_status(c: dict, p: dict) -> tuple:
    """(status, reason) comparing the child's figure with the parent's."""
    if c.get("value") is None or p.get("value") is None:
        return "not_comparable", "one side has no figure"
    if not al.comparable(c, p):
        return "not_comparable", f"units differ: {c.get('unit')} vs {p.get('unit')}"
    dc, vc, sc = _bounds(c)
    dp, vp, sp = _bounds(p)
    if dc != dp:
        return "not_comparable", "a minimum against a cap"
    if dc == "min":
        if c.get("comparator") == "range" and c.get("value_max") is not None \
                and vc < vp <= c["value_max"]:
            return "below_parent", f"range {fmt_value(c)} starts under the parent's {fmt_value(p)}"
        key_c, key_p = (vc, sc), (vp, sp)
        if key_c > key_p:
            return "above_parent", f"{fmt_value(c)} is more than {fmt_value(p)}"
        if key_c < key_p:
            return "below_parent", f"{fmt_value(c)} is less than {fmt_value(p)}"
        return "equal", f"{fmt_value(c)} equals {fmt_value(p)}"
    key_c, key_p = (vc, not sc), (vp, not sp)
    if key_c < key_p:
        return "above_parent", f"cap {fmt_value(c)} is stricter than {fmt_value(p)}"
    if key_c > key_p:
        return "below_parent", f"cap {fmt_value(c)} is looser than {fmt_value(p)}"
    return "equal", f"{fmt_value(c)} equals {fmt_value(p)}"


def _year(deadline):
    return lk._year(deadline)


def period_flag(c: dict, p: dict, child_meta: dict) -> str:
    """Flag an annual figure against a period-end one (either way round)."""
    cd, pd_ = str(c.get("deadline") or ""), str(p.get("deadline") or "")
    if (cd == "annual") != (pd_ == "annual") and (cd or pd_):
        side = "parent" if pd_ == "annual" else "child"
        return f"annual_vs_period_end: the {side}'s figure is per year, the other's by {cd if side == 'parent' else pd_}"
    period = child_meta.get("period") or []
    if len(period) == 2 and period[0] == period[1] and _year(pd_) and _year(pd_) > period[0]:
        return f"annual_vs_period_end: one-year plan {period[0]} against the parent's figure for {pd_}"
    return ""


def pair_status(c: dict, p: dict, child_meta: dict) -> tuple:
    """(status, reason, period_flag) for an aligned pair."""
    status, reason = value_status(c, p)
    flag = period_flag(c, p, child_meta)
    yc, yp = _year(c.get("deadline")), _year(p.get("deadline"))
    if yc and yp and yc > yp and str(c.get("deadline")) != "annual":
        reason += f"; due {c.get('deadline')}, after the parent's {p.get('deadline')}"
        if status in ("equal", "above_parent"):
            status = "deadline_later"
    return status, reason, flag


def fmt_value(t: dict) -> str:
    v = t.get("value")
    if v is None:
        return ""
    def num(x):
        return f"{x:g}" if isinstance(x, (int, float)) else str(x)
    s = num(v)
    if t.get("comparator") == "range" and t.get("value_max") is not None:
        s = f"{num(v)}-{num(t['value_max'])}"
    sign = COMPARATOR_SIGN.get(t.get("comparator"), "")
    unit = t.get("unit") or ""
    return f"{sign}{s}{unit if unit == '%' else (' ' + unit if unit else '')}"


# ---------------------------------------------------------------- rows

def _severity(status: str) -> tuple:
    rank, label = lk.load_data()["severity"].get(status, [0, "info"])
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


def compare_pair(child: dict, parent: dict, link: str, link_reason: str) -> list:
    """Rows for one child plan against one parent (or ancestor)."""
    C, P = al.valued(child.get("targets")), al.valued(parent.get("targets"))
    rows, used_c, used_p = [], set(), set()
    for i, j, score, note in al.align(C, P):
        status, reason, flag = pair_status(C[i], P[j], child["meta"])
        rows.append(_row(child, parent, C[i], P[j], status, reason, flag, link, link_reason, score, note))
        used_c.add(i)
        used_p.add(j)
    for j, p in enumerate(P):
        if j not in used_p:
            rows.append(_row(child, parent, None, p, "missing_in_child",
                             "no target of the child measures this", "", link, link_reason))
    for i, c in enumerate(C):
        if i not in used_c:
            rows.append(_row(child, parent, c, None, "only_in_child",
                             "the parent sets no such target", "", link, link_reason))
    return rows


def parent_keys(doc_id: str, res: lk.LinkResult) -> dict:
    """{key: parent number} for every parent of a document, resolved or not."""
    keys = {}
    for l in res.links:
        if l["child_doc"] == doc_id and lk.is_parent_link(l, res):
            keys[l["parent_doc"]] = l["parent_number"]
    for u in res.unresolved:
        if u["child_doc"] == doc_id and u["role"] == "parent" and u.get("parent_number"):
            keys[f"cited:{u['key']}"] = u["parent_number"]
    return keys


def compare_siblings(res: lk.LinkResult) -> tuple:
    """(side-by-side rows, divergence rows) for plans that implement the same parent."""
    groups = {}
    for rid, rec in res.records.items():
        if rec.get("kind") == "reference":
            continue
        for key, number in parent_keys(rid, res).items():
            groups.setdefault((key, number), []).append(rid)
    side, div = [], []
    seen = set()
    for (key, number), members in sorted(groups.items()):
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
                             "deadline_a": A[i].get("deadline") or "", "deadline_b": B[j].get("deadline") or "",
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
    records or of folders/files of reference YAML (None: ``corpus/references`` if present)."""
    records = list(records)
    if references is None:
        references = [DEFAULT_DIR] if DEFAULT_DIR.is_dir() else []
    elif isinstance(references, (str, os.PathLike)):
        references = [references]
    references = list(references)
    if references and not isinstance(references[0], dict):
        references = load_references(references)
    res = lk.link_records(records, references)
    rows = []
    for r in records:
        if not r.get("targets") and not any(l["child_doc"] == r["doc_id"] for l in res.links):
            continue
        for l, depth in lk.ancestors(r["doc_id"], res):
            parent = res.records[l["parent_doc"]]
            reason = l["reason"]
            link = l["link"]
            if depth > 1:
                reason = f"ancestor at {depth} levels, via {l['child_doc']}: {reason}"
            rows.extend(compare_pair(r, parent, link, reason))
    side, sib_rows = compare_siblings(res)
    rows.extend(sib_rows)
    df = pd.DataFrame(rows, columns=COLUMNS)
    if len(df):
        df = df.sort_values(["severity_rank", "child_doc", "parent_doc"],
                            ascending=[False, True, True], kind="stable").reset_index(drop=True)
    sib = pd.DataFrame(side, columns=SIBLING_COLUMNS)
    return CompareResult(divergences=df, siblings=sib,
                         graph=res.graph, links=res.links, unresolved=res.unresolved,
                         conflicts=res.conflicts, records=res.records,
                         documents=documents_table(res, df, sib))


def _siblings_of(rid, sib: pd.DataFrame) -> set:
    if sib is None or not len(sib):
        return set()
    return set(sib.loc[sib["doc_a"] == rid, "doc_b"]) | set(sib.loc[sib["doc_b"] == rid, "doc_a"])


def documents_table(res: lk.LinkResult, df: pd.DataFrame, res_siblings=None) -> pd.DataFrame:
    rows = []
    for rid, r in res.records.items():
        m = r["meta"]
        mine = df[(df["child_doc"] == rid) & (df["link"] != "sibling")] if len(df) else df
        parents = sorted({l["parent_number"] for l in res.links if l["child_doc"] == rid
                          and lk.is_parent_link(l, res)})
        rows.append({"doc_id": rid, "kind": r.get("kind", "document"), "number": m.get("number"),
                     "doc_type": m.get("doc_type"), "issuer": m.get("issuer"),
                     "level": m.get("level"), "date": m.get("date"),
                     "period": "-".join(str(x) for x in (m.get("period") or [])),
                     "title": m.get("title"), "targets": len(r.get("targets") or []),
                     "parents": ", ".join(p for p in parents if p),
                     "link_reasons": "; ".join(f"inferred: {l['reason']}"
                                               for l in res.links if l["child_doc"] == rid
                                               and l["link"] == "inferred"),
                     "siblings": ", ".join(sorted(_siblings_of(rid, res_siblings))),
                     "unresolved": ", ".join(sorted({u["number"] or "" for u in res.unresolved
                                                     if u["child_doc"] == rid and u["role"] == "parent"})),
                     **{s: int((mine["status"] == s).sum()) if len(mine) else 0
                        for s in ("below_parent", "above_parent", "equal", "missing_in_child",
                                  "only_in_child", "deadline_later", "not_comparable")},
                     "source": r.get("source")})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- command line

EXAMPLE = """examples:
  vnplan compare corpus/ -o out/report                       # extract, then compare
  vnplan compare out/seeds.jsonl --reference my/refs -o out/report
References: corpus/references (relative to the working directory) and a references/
folder inside any INPUT folder are read by default; --reference DIR adds your own
(a reference for the same number in a later folder wins; a full text in the corpus
always wins over a reference)."""


def add_parser(sub):
    import argparse
    p = sub.add_parser("compare", help="compare local plans with the plans they implement",
                       description="Link plans through their citations, align their targets "
                                   "with their parents' and write divergences.csv, report.xlsx "
                                   "and report.html (CONTRACT.md).",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="documents, folders, or an `vnplan extract` JSONL")
    p.add_argument("--reference", action="append", default=[], metavar="DIR",
                   help="folder of reference YAML files (repeatable)")
    p.add_argument("--no-default-references", action="store_true",
                   help="do not read corpus/references or INPUT/references")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes for extraction (default: all cores)")
    p.set_defaults(func=run)
    return p


def read_inputs(inputs, jobs: int = 1) -> list:
    """Records from extract JSONL files, and by extraction for any other input
    (``jobs`` worker processes, through ``pipeline.batch.records``)."""
    from pipeline.run.document import extract_document
    from pipeline.run.inputs import iter_inputs
    records, others = [], []
    for inp in inputs:
        path = Path(inp)
        if path.is_file() and path.suffix.lower() == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    records.append(json.loads(line))
        else:
            others.append(path)
    paths = list(iter_inputs(others))
    try:
        from pipeline.run.batch import records as batch_records
        records.extend(batch_records(paths, jobs=max(1, jobs)))
    except (ImportError, TypeError):
        records.extend(extract_document(f).to_dict() for f in paths)
    return records


def reference_dirs(inputs, extra, use_default=True) -> list:
    dirs = []
    if use_default:
        if DEFAULT_DIR.is_dir():
            dirs.append(DEFAULT_DIR)
        for inp in inputs:
            d = Path(inp) / "references"
            if Path(inp).is_dir() and d.is_dir() and d.resolve() not in [x.resolve() for x in dirs]:
                dirs.append(d)
    return dirs + [Path(x) for x in extra]


def run(args) -> int:
    from pipeline.output.report import write_report
    for d in args.reference:
        if not Path(d).exists():
            print(f"vnplan compare: reference folder not found: {d}", file=sys.stderr)
            return 2
    import os
    records = read_inputs(args.inputs, args.jobs or os.cpu_count() or 1)
    refs = load_references(reference_dirs(args.inputs, args.reference,
                                          not args.no_default_references))
    result = compare_records(records, refs)
    paths = write_report(result, args.output)
    df = result.divergences
    print(f"vnplan compare: {len(records)} documents, {len(refs)} references, "
          f"{len(result.links)} links, {len(result.unresolved)} unresolved citations, "
          f"{len(df)} rows -> " + ", ".join(str(p) for p in paths), file=sys.stderr)
    return 0
