"""The ``html`` report writer: a self-contained ``report.html``.

The page loads nothing remote: CSS is inline and the chart is an inline SVG drawn by
matplotlib.  Every piece of document text goes through jinja2 autoescaping; only the SVG
made here is inserted as markup.  The template is ``pipeline/data/templates/report.html.j2``.
"""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from matplotlib.figure import Figure

from pipeline import data
from pipeline.linking.link import LEVEL_RANK
from pipeline.output.atomic import atomic_write

FILE = "report.html"
TEMPLATE = "report.html.j2"
STATUSES = ["below_parent", "missing_in_child", "deadline_later", "not_comparable",
            "only_in_child", "above_parent", "equal"]
LEVEL_COLOURS = {"national": "#1f4e79", "province": "#2e75b6", "district": "#9dc3e6",
                 "commune": "#c9daf8", "unknown": "#bbbbbb"}
# rows per table of report.html: a page for a browser, not the data (divergences.csv and
# report.xlsx keep every row); above it a table shows its first rows and the page says so
MAX_ROWS = 5000
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)


def status_chart_svg(df: pd.DataFrame) -> str:
    """Inline SVG: rows by status (bars) and child level (stacks); text kept as text.

    Drawn on a bare :class:`~matplotlib.figure.Figure` (no pyplot, no backend switch), so
    writing a report leaves a notebook's matplotlib state alone."""
    parent_rows = df[df["link"] != "sibling"] if len(df) else df
    levels = sorted({str(x) for x in parent_rows.get("child_level", pd.Series(dtype=str)).fillna("unknown")},
                    key=lambda l: LEVEL_RANK.get(l, 9))
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig = Figure(figsize=(8, 3.2), dpi=96)
        ax = fig.subplots()
        left = [0] * len(STATUSES)
        for level in levels or ["unknown"]:
            sub = parent_rows[parent_rows["child_level"].fillna("unknown").astype(str) == level] \
                if len(parent_rows) else parent_rows
            counts = [int((sub["status"] == s).sum()) if len(sub) else 0 for s in STATUSES]
            ax.barh(STATUSES, counts, left=left, label=f"{level}",
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


def tree_edges(g) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """{parent: [(child, edge)]} of the links the level tree shows."""
    children: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for child, parent, edge in g.edges(data=True):
        if edge.get("link") == "unresolved" and edge.get("role") != "parent":
            continue
        if edge.get("link") != "unresolved" and edge.get("role") not in ("parent", "basis"):
            continue
        children.setdefault(parent, []).append((child, edge))
    return children


def _ids(nodes: list[dict[str, Any]]) -> set[str]:
    return {i for n in nodes for i in (n["id"], *_ids(n["children"]))}


def level_tree(result, limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """(nested nodes {id, label, level, kind, link, reason, children} from top to bottom,
    the number of roots): the first roots in order, whole, while the nodes so far are
    fewer than ``limit``."""
    g = result.graph
    children = tree_edges(g)
    has_parent = {c for kids in children.values() for c, _ in kids}
    roots = [n for n in children if n not in has_parent]
    roots.sort(key=lambda n: (LEVEL_RANK.get(g.nodes[n].get("level"), 9), str(n)))

    def node(n, edge=None, seen=()):
        a = g.nodes[n]
        label = a.get("number") or n
        kids = [node(c, d, seen + (n,)) for c, d in sorted(children.get(n, []), key=lambda x: x[0])
                if c not in seen]
        return {"id": n, "label": label, "title": a.get("title") or "", "level": a.get("level") or "",
                "kind": a.get("kind"), "link": (edge or {}).get("link", ""),
                "reason": (edge or {}).get("reason", ""), "children": kids}
    out, size = [], 0
    for r in roots:
        if limit is not None and size >= limit:
            break
        out.append(node(r))
        size += _size(out[-1])
    return out, len(roots)


def _size(node: dict[str, Any]) -> int:
    return 1 + sum(_size(c) for c in node["children"])


def plan_summaries(result, limit: int | None = None
                   ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int, int]:
    """(plans compared with a parent or sibling, other documents with targets or a cited
    parent, each list at most ``limit`` long, then the two counts before the cut)."""
    docs = result.documents
    if docs is None or not len(docs):
        return [], [], 0, 0
    docs = docs[docs["kind"] != "reference"]
    df = result.divergences
    compared = set(df["child_doc"]) | set(result.siblings["doc_a"]) | set(result.siblings["doc_b"])
    main = docs[docs["doc_id"].isin(compared)]
    rest = docs[~docs["doc_id"].isin(compared) & ((docs["targets"] > 0) | (docs["unresolved"] != ""))]
    return (_records(main.head(limit)), _records(rest.head(limit)), len(main), len(rest))


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return df.astype(object).fillna("").to_dict("records")


def shown(name: str, rows: int, total: int, where: str) -> str | None:
    """The note for a table cut to its first ``rows`` of ``total`` (None when whole)."""
    if rows >= total:
        return None
    return f"{name}: the first {rows:,} of {total:,} ({where})"


def render_html(result, limit: int = MAX_ROWS) -> str:
    """The page as a string; each long table shows its first ``limit`` rows (findings
    worst first), and a note at the top says which were cut and where the rest are."""
    env = Environment(loader=FileSystemLoader(str(data.path("templates"))),
                      autoescape=select_autoescape(["html", "j2", "html.j2"], default=True))
    df = result.divergences
    # the parent rows' positions, not a copy of them: a large report has 100,000s of rows
    at = np.flatnonzero((df["link"] != "sibling").to_numpy()) if len(df) else np.arange(0)
    status = df["status"].iloc[at] if len(df) else pd.Series(dtype=str)
    counts = {s: int((status == s).sum()) if len(at) else 0 for s in STATUSES}
    plans, others, n_plans, n_others = plan_summaries(result, limit)
    main_unresolved = [u for u in result.unresolved if u["role"] == "parent"]
    other_unresolved: list[dict[str, Any]] = []
    for u in result.unresolved:
        if u["role"] != "parent":
            (main_unresolved if u.get("status") == "ambiguous" else other_unresolved).append(u)
    n_main, n_other = len(main_unresolved), len(other_unresolved)
    tree, n_roots = level_tree(result, limit)
    n_tree = len({i for p, kids in tree_edges(result.graph).items() for i in (p, *(c for c, _ in kids))})
    xlsx = "the full list is in report.xlsx, sheet "
    cut = [shown("Plans", len(plans), n_plans, xlsx + "documents"),
           shown("Other documents", len(others), n_others, xlsx + "documents"),
           shown("Findings", min(limit, len(at)), len(at),
                 "worst first; every finding is in divergences.csv and report.xlsx, sheet findings"),
           shown("Siblings", min(limit, len(result.siblings)), len(result.siblings), xlsx + "siblings"),
           shown("Level tree", len(_ids(tree)), n_tree, "documents in its first branches; "
                 + xlsx + "links") if len(tree) < n_roots else None,
           shown("Cited parents not resolved", min(limit, n_main), n_main, xlsx + "unresolved"),
           shown("Other citations", min(limit, n_other), n_other, xlsx + "unresolved")]
    return env.get_template(TEMPLATE).render(
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        findings=_records(df.iloc[at[:limit]]),
        siblings=_records(result.siblings.head(limit)),
        counts=counts, statuses=STATUSES, capped=[c for c in cut if c], limit=limit,
        plans=plans, others=others, tree=tree, n_plans=n_plans, n_others=n_others,
        n_siblings=len(result.siblings), n_unresolved=len(result.unresolved),
        main_unresolved=main_unresolved[:limit], other_unresolved=other_unresolved[:limit],
        n_other_unresolved=n_other, conflicts=result.conflicts, failed=result.failed,
        n_docs=sum(1 for r in result.records.values() if r.get("kind") != "reference"),
        n_refs=sum(1 for r in result.records.values() if r.get("kind") == "reference"),
        n_links=len(result.links),
        chart_svg=status_chart_svg(df[["link", "child_level", "status"]] if len(df) else df))


def write(result, folder: Path) -> Path:
    """Write ``folder/report.html`` (atomically); return its path."""
    path = Path(folder) / FILE
    with atomic_write(path) as fh:
        fh.write(render_html(result))
    return path
