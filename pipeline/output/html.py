"""The ``html`` report writer: a self-contained ``report.html``.

The page loads nothing remote: CSS is inline and the chart is an inline SVG drawn by
matplotlib.  Every piece of document text goes through jinja2 autoescaping; only the SVG
made here is inserted as markup.  The template is ``pipeline/data/templates/report.html.j2``.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipeline import data
from pipeline.linking.link import LEVEL_RANK, is_parent_link
from pipeline.linking.rows import values
from pipeline.linking.siblings import SIBLING_STATUSES
from pipeline.output.atomic import atomic_write
from pipeline.output.leveltree import TREE_NODES, count_more, level_tree  # noqa: F401 (re-exported)
from pipeline.text.folds import fold

FILE = "report.html"
TEMPLATE = "report.html.j2"
# the statuses of the CONTRACT in the report's order; a status not listed here (added by a
# later version) is shown after them, with no colour of its own
STATUSES = ["below_parent", "missing_in_child", "deadline_later", "not_comparable",
            "no_figure", "only_in_child", "above_parent", "equal", "not_applicable"]
MEANING = {
    "below_parent": "the local figure is less demanding than the parent's",
    "missing_in_child": "the parent sets this target; no target of the local plan measures it",
    "deadline_later": "the local figure is as demanding, but due later",
    "not_comparable": "paired, but the figures cannot be compared (units, minimum vs cap)",
    "only_in_child": "a target of the local plan that the parent does not set",
    "above_parent": "the local figure is more demanding than the parent's",
    "equal": "the same figure",
    "not_applicable": "a parent target the local plan is not expected to carry",
    "no_figure": "the local plan names the indicator but gives no figure",
    "higher_than_sibling": "plan A's figure is more demanding than plan B's",
    "lower_than_sibling": "plan A's figure is less demanding than plan B's",
    "same": "both plans set the same figure",
    "only_in_a": "a target of plan A that plan B does not measure",
    "only_in_b": "a target of plan B that plan A does not measure",
}
# why a document was not compared: key -> (heading, what it means), in the report's order
NOT_COMPARED = {
    "parent_missing": ("Parent not in the corpus", "the plan names the plan it implements, "
                       "but that document (or a reference table for it) is not among the inputs"),
    "basis_only": ("Parent cited only as legal basis", "the plan cites a plan or programme only "
                   "as its legal basis, not as the plan it implements"),
    "errors": ("Extraction errors", "the input could not be read, or was read only in part"),
    "no_parent": ("No parent cited", "the document has targets but names no plan it implements"),
    "no_targets": ("No targets and no parent", "letters, reports and decisions without figures"),
}
# columns of the findings table the page shows in their own place (or leaves out on
# purpose); any other column (added by a later version) is listed in the row's details
SHOWN = frozenset({
    "child_doc", "parent_doc", "parent_number", "indicator", "child_value", "parent_value",
    "unit", "child_deadline", "parent_deadline", "status", "child_quote", "parent_quote",
    "severity", "scope_note", "child_section", "parent_section", "link", "reason",
    "period_flag", "severity_rank", "score", "child_level", "parent_level", "child_comparator",
    "parent_comparator", "parent_unit", "parent_indicator", "parent_source", "status_reason",
    "link_reason", "child_value_num", "child_value_max", "parent_value_num", "parent_value_max",
    "runner_up", "runner_up_score", "nearest_child", "nearest"})
SHORT_TITLE = 90              # characters of a title shown beside a plan's number
LIST_LIMIT = 300              # documents listed per reason in "Not compared, and why"
ROW_LIMIT = 3000              # rows of a long table shown (the CSV and XLSX files hold all)
CONFLICT_LIMIT = 300          # cited documents with conflicting dates shown
CITED_BY_LIMIT = 30           # citing plans listed per date of a cited document
LEVEL_COLOURS = {"national": "#1f4e79", "province": "#2e75b6", "district": "#9dc3e6",
                 "commune": "#c9daf8", "unknown": "#bbbbbb"}
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)


def status_chart_svg(df: pd.DataFrame, statuses=STATUSES) -> str:
    """Inline SVG: rows by status (bars) and child level (stacks); text kept as text.

    Drawn on a bare :class:`~matplotlib.figure.Figure` (no pyplot, no backend switch), so
    writing a report leaves a notebook's matplotlib state alone."""
    parent_rows = parent_frame(df)
    level_of = parent_rows.get("child_level", pd.Series(dtype=str, index=parent_rows.index))
    level_of = level_of.astype(object).fillna("unknown").astype(str)
    levels = sorted(set(level_of.unique().tolist()), key=lambda l: LEVEL_RANK.get(l, 9))
    # rows by (level, status), counted once
    table = parent_rows.groupby([level_of, parent_rows["status"]]).size() if len(parent_rows) \
        else pd.Series(dtype=int)
    by_level: dict[str, dict[str, int]] = {}
    for (level, status), n in table.items():
        by_level.setdefault(level, {})[status] = int(n)
    # matplotlib (some 30 MB of modules) is imported when the chart is drawn, not when
    # `vnplan compare` starts: the comparison and the CSV and XLSX writers run without it
    # (the peak RSS of a 100,000-document comparison is reached before the page is drawn)
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig = Figure(figsize=(8, 3.2), dpi=96)
        ax = fig.subplots()
        statuses = list(statuses)
        left = [0] * len(statuses)
        for level in levels or ["unknown"]:
            counts = [by_level.get(level, {}).get(s, 0) for s in statuses]
            ax.barh(statuses, counts, left=left, label=f"{level}",
                    color=LEVEL_COLOURS.get(level, "#888888"))
            left = [a + b for a, b in zip(left, counts)]
        ax.invert_yaxis()
        ax.set_xlabel("targets (child plan level in colour)")
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg")
    svg = buf.getvalue()
    svg = svg[svg.find("<svg"):]
    return _METADATA.sub("", svg)


def short_title(title, limit: int = SHORT_TITLE) -> str:
    """The title cut to ``limit`` characters at a word boundary, "…" added when cut."""
    title = " ".join(str(title or "").split())
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-–") + " …"


def doc_label(rid: str, r: dict[str, Any]) -> dict[str, Any]:
    """{id, number, short, title, level, province, period, kind, source, targets} of a record."""
    m = r.get("meta") or {}
    return {"id": rid, "number": m.get("number") or "", "short": short_title(m.get("title")),
            "title": m.get("title") or "", "level": m.get("level") or "",
            "province": m.get("province") or "", "issuer": m.get("issuer") or "",
            "period": "-".join(str(x) for x in m.get("period") or []),
            "kind": r.get("kind", "document"), "source": r.get("source") or "",
            "targets": sum(1 for t in r.get("targets") or [] if t.get("value") is not None)}


class Labels(Mapping[str, dict[str, Any]]):
    """{doc_id: :func:`doc_label`} of every record, each made when the page first names it
    (a page of 100,000 documents names a few thousand)."""

    def __init__(self, records: dict[str, dict[str, Any]]):
        self.records = records
        self.made: dict[str, dict[str, Any]] = {}

    def __getitem__(self, rid):
        label = self.made.get(rid)
        if label is None:
            label = self.made[rid] = doc_label(rid, self.records[rid])
        return label

    def __contains__(self, rid) -> bool:
        return rid in self.records

    def __iter__(self):
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)


def doc_labels(result) -> Labels:
    """{doc_id: {number, short, title, level, province, period, kind, source}} of every record."""
    return Labels(result.records)


def statuses_of(df: pd.DataFrame, known=STATUSES) -> list[str]:
    """The known statuses in their order, then any other status the table holds (sorted)."""
    present = set(df["status"].dropna().astype(str)) if len(df) else set()
    return list(known) + sorted(present - set(known))


def status_counts(df: pd.DataFrame) -> dict[str, dict[str, int]]:
    """{child_doc: {status: rows}}, counted once over the table."""
    out: dict[str, dict[str, int]] = {}
    if len(df):
        for (doc, status), n in df.groupby(["child_doc", "status"]).size().items():
            out.setdefault(doc, {})[status] = int(n)
    return out


def _plan_like(cit: dict[str, Any]) -> bool:
    return _plan_like_text(f"{cit.get('doc_type') or ''} {cit.get('title') or ''}")


@lru_cache(maxsize=65536)
def _plan_like_text(text: str) -> bool:
    kind = fold(text)
    return any(fold(c) in kind for c in data.load("programmes.yaml").get("plan_cues") or [])


def not_compared(result, compared: set[str]) -> list[dict[str, Any]]:
    """[{reason, means, docs: [{id, detail}]}]: every document neither compared with a parent
    nor lined up with a sibling, grouped by why (one pass over the records)."""
    groups: dict[str, list[dict[str, str]]] = {r: [] for r in NOT_COMPARED}
    unresolved: dict[str, set[str]] = {}
    for child, role, number, key in values(result.unresolved, "child_doc", "role", "number", "key"):
        if role == "parent":
            unresolved.setdefault(child, set()).add(number or key or "?")
    for rid, r in result.records.items():
        if r.get("kind") == "reference" or rid in compared:
            continue
        n = sum(1 for t in r.get("targets") or [] if t.get("value") is not None)
        if r.get("errors"):
            reason = "errors"
        elif rid in unresolved:
            reason = "parent_missing"
        elif _basis(r):
            reason = "basis_only"
        else:
            reason = "no_parent" if n else "no_targets"
        groups[reason].append({"id": rid, "targets": str(n)})
    for reason, docs in groups.items():         # what the page lists, explained
        for x in docs[:LIST_LIMIT]:
            r = result.records[x["id"]]
            x["detail"] = ("; ".join(str(e) for e in r["errors"]) if reason == "errors" else
                           ", ".join(sorted(unresolved[x["id"]])) if reason == "parent_missing"
                           else ", ".join(_basis(r)) if reason == "basis_only" else
                           "no parent cited either" if reason == "no_targets" else
                           f"{x['targets']} targets with a figure")
    return [{"reason": k, "title": NOT_COMPARED[k][0], "means": NOT_COMPARED[k][1],
             "docs": v[:LIST_LIMIT], "more": max(0, len(v) - LIST_LIMIT), "count": len(v)}
            for k, v in groups.items()]


def _basis(r: dict[str, Any]) -> list[str]:
    """The plans ``r`` cites only as its legal basis (numbers, or titles), sorted."""
    return sorted({c.get("number") or c.get("title") or "?" for c in r.get("citations") or []
                   if c.get("role") == "basis" and _plan_like(c)})


def sibling_blocks(sib: pd.DataFrame, limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """(the sibling table as [{a, b, parent_number, link_a, link_b, rows}], one per pair in
    the order pairs first appear; pairs left out).  With ``limit``, whole pairs while their
    rows come to at most ``limit`` (at least one pair): only their rows are read."""
    if sib is None or not len(sib):
        return [], 0
    codes, pairs = pd.MultiIndex.from_frame(sib[["doc_a", "doc_b"]].astype(object)).factorize()
    sizes = np.bincount(codes, minlength=len(pairs))
    n = len(pairs)
    if limit is not None:
        over = np.flatnonzero(np.cumsum(sizes) > limit)
        n = max(1, int(over[0])) if len(over) else n
    part = sib[codes < n]
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for row in part.astype(object).where(part.notna(), "").to_dict("records"):
        key = (row["doc_a"], row["doc_b"])
        if key not in out:
            out[key] = {"a": row["doc_a"], "b": row["doc_b"], "parent_number": row["parent_number"],
                        "parent_doc": row["parent_doc"], "link_a": row["link_a"],
                        "link_b": row["link_b"], "rows": []}
        out[key]["rows"].append(row)
    return list(out.values()), len(pairs) - n


def conflict_rows(conflicts: list[dict[str, Any]], limit: int = CITED_BY_LIMIT) -> list[dict[str, Any]]:
    """One row per date of each conflict: {number, date, citing (at most ``limit``), more, quote}."""
    return [{"number": c["number"], "date": d, "citing": v[:limit], "more": max(0, len(v) - limit),
             "quote": c["quotes"].get(d, "")} for c in conflicts for d, v in c["dates"].items()]


def capped(rows: list[Any], limit: int) -> dict[str, Any]:
    """{rows: the first ``limit``, more: how many are left out, count}."""
    return {"rows": rows[:limit], "more": max(0, len(rows) - limit), "count": len(rows)}


def parent_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The parent rows of the findings table (not ``link == "sibling"``): ``df`` itself when
    every row is one (no copy of a 100,000-document table)."""
    if not len(df):
        return df
    parent = df["link"] != "sibling"
    return df if parent.all() else df[parent]


def unresolved_tables(unresolved, limit: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """(:func:`capped` parent and ambiguous citations, capped other citations) of the
    unresolved rows, read column by column: only the rows shown are made."""
    parents: list[int] = []
    ambiguous: list[int] = []
    other: list[int] = []
    counts = [0, 0, 0]
    for i, (role, status) in enumerate(values(unresolved, "role", "status")):
        group = 0 if role == "parent" else 1 if status == "ambiguous" else 2
        counts[group] += 1
        if counts[group] <= limit:
            (parents, ambiguous, other)[group].append(i)
    main = (parents + ambiguous)[:limit]
    n_main, n_other = counts[0] + counts[1], counts[2]
    return ({"rows": [unresolved[i] for i in main], "more": max(0, n_main - limit), "count": n_main},
            {"rows": [unresolved[i] for i in other], "more": max(0, n_other - limit),
             "count": n_other})


def render_html(result, limit: int = ROW_LIMIT) -> str:
    """The page as a string.  Long tables stop at ``limit`` rows (:data:`ROW_LIMIT`; worst first),
    saying how many more the CSV and XLSX files hold: a page of 100,000 rows is not read."""
    return "".join(page_parts(result, limit))


def page_parts(result, limit: int = ROW_LIMIT) -> Iterator[str]:
    """The page (:func:`render_html`) as the pieces of text the template yields one after
    the other: :func:`write` writes them as they come, never holding the whole page
    (tens of MB at 100,000 documents, twice while joined)."""
    env = Environment(loader=FileSystemLoader(str(data.path("templates"))),
                      autoescape=select_autoescape(["html", "j2", "html.j2"], default=True))
    df = result.divergences
    parent_rows = parent_frame(df)
    statuses = statuses_of(parent_rows)
    counts = {s: int((parent_rows["status"] == s).sum()) if len(parent_rows) else 0 for s in statuses}
    sib = result.siblings
    compared = set(parent_rows["child_doc"].unique().tolist()) | set(sib["doc_a"].unique().tolist()) \
        | set(sib["doc_b"].unique().tolist())
    docs = doc_labels(result)
    records = result.records
    ordered = sorted((d for d in compared if d in records),
                     key=lambda d: (records[d]["meta"].get("number") or "~", d))
    plans = [docs[d] for d in ordered[:limit]]
    shown = parent_rows.head(limit)
    findings = shown.astype(object).where(shown.notna(), "").to_dict("records")
    for f in findings:
        f["nearest"] = [x for x in str(f.get("nearest_child") or "").split(" | ") if x]
    blocks, blocks_more = sibling_blocks(sib, limit)
    unresolved = result.unresolved
    main, other = unresolved_tables(unresolved, limit)
    tree, tree_more = level_tree(result)
    conflicts = capped(result.conflicts, min(limit, CONFLICT_LIMIT))
    conflicts["rows"] = conflict_rows(conflicts["rows"])
    cut = {"findings": len(parent_rows) - len(findings), "plans": len(ordered) - len(plans),
           "pairs": blocks_more, "unresolved": max(0, main["more"], other["more"]),
           "conflicts": conflicts["more"] + sum(r["more"] for r in conflicts["rows"]),
           "tree": tree_more + count_more(tree)}
    return env.get_template(TEMPLATE).generate(
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        findings=findings, findings_more=cut["findings"],
        docs=docs, extra_cols=[c for c in parent_rows.columns if c not in SHOWN],
        per_plan=status_counts(parent_rows), parents=_parents(result),
        blocks=blocks, blocks_more=blocks_more,
        n_sibling_rows=len(sib), sibling_statuses=SIBLING_STATUSES,
        counts=counts, statuses=statuses, meaning=MEANING,
        plans=plans, plans_more=cut["plans"], n_plans=len(ordered),
        not_compared=not_compared(result, compared),
        tree=tree, tree_more=tree_more, tree_nodes=TREE_NODES, limit=limit,
        cut=cut if any(cut.values()) else None,
        unresolved=unresolved, main_unresolved=main,
        other_unresolved=other, conflicts=conflicts,
        failed=result.failed,
        n_docs=sum(1 for r in records.values() if r.get("kind") != "reference"),
        n_refs=sum(1 for r in records.values() if r.get("kind") == "reference"),
        n_links=len(result.links), chart_svg=status_chart_svg(df, statuses))


def _parents(result) -> dict[str, list[str]]:
    """{doc_id: numbers of its parents}: those it is compared with (links), then cited
    parents that are not in the corpus, marked so (one pass over each list)."""
    out: dict[str, set[str]] = {}
    for l in result.links:
        if is_parent_link(l, result):
            out.setdefault(l["child_doc"], set()).add(l["parent_number"] or l["parent_doc"])
    missing: dict[str, set[str]] = {}
    for child, role, number in values(result.unresolved, "child_doc", "role", "number"):
        if role == "parent" and number:
            missing.setdefault(child, set()).add(f"{number} (not in the corpus)")
    return {k: sorted(out.get(k, ())) + sorted(missing.get(k, ())) for k in out.keys() | missing.keys()}


def write(result, folder: Path) -> Path:
    """Write ``folder/report.html`` (atomically); return its path."""
    path = Path(folder) / FILE
    with atomic_write(path) as fh:
        fh.writelines(page_parts(result))
    return path
