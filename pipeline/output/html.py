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
import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from matplotlib.figure import Figure

from pipeline import data
from pipeline.linking.link import LEVEL_RANK
from pipeline.output.atomic import atomic_write

FILE = "report.html"
TEMPLATE = "report.html.j2"
STATUSES = ["below_parent", "missing_in_child", "deadline_later", "not_comparable",
            "no_figure", "only_in_child", "above_parent", "equal", "not_applicable"]
LEVEL_COLOURS = {"national": "#1f4e79", "province": "#2e75b6", "district": "#9dc3e6",
                 "commune": "#c9daf8", "unknown": "#bbbbbb"}
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


def level_tree(result) -> list[dict[str, Any]]:
    """Nested nodes {id, label, level, kind, link, reason, children} from top to bottom."""
    g = result.graph
    children: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for child, parent, edge in g.edges(data=True):
        if edge.get("link") == "unresolved" and edge.get("role") != "parent":
            continue
        if edge.get("link") != "unresolved" and edge.get("role") not in ("parent", "basis"):
            continue
        children.setdefault(parent, []).append((child, edge))
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
    return [node(r) for r in roots]


def plan_summaries(result) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(plans compared with a parent or sibling, other documents with targets or a cited parent)."""
    docs = result.documents
    if docs is None or not len(docs):
        return [], []
    docs = docs[docs["kind"] != "reference"]
    df = result.divergences
    compared = set(df["child_doc"]) | set(result.siblings["doc_a"]) | set(result.siblings["doc_b"])
    main = docs[docs["doc_id"].isin(compared)]
    rest = docs[~docs["doc_id"].isin(compared) & ((docs["targets"] > 0) | (docs["unresolved"] != ""))]
    return ([r for r in main.astype(object).fillna("").to_dict("records")],
            [r for r in rest.astype(object).fillna("").to_dict("records")])


def render_html(result) -> str:
    """The page as a string."""
    env = Environment(loader=FileSystemLoader(str(data.path("templates"))),
                      autoescape=select_autoescape(["html", "j2", "html.j2"], default=True))
    df = result.divergences
    parent_rows = df[df["link"] != "sibling"] if len(df) else df
    counts = {s: int((parent_rows["status"] == s).sum()) if len(parent_rows) else 0 for s in STATUSES}
    plans, others = plan_summaries(result)
    return env.get_template(TEMPLATE).render(
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        findings=parent_rows.astype(object).fillna("").to_dict("records"),
        siblings=result.siblings.astype(object).fillna("").to_dict("records"),
        counts=counts, statuses=STATUSES,
        plans=plans, others=others, tree=level_tree(result),
        unresolved=result.unresolved, conflicts=result.conflicts, failed=result.failed,
        n_docs=sum(1 for r in result.records.values() if r.get("kind") != "reference"),
        n_refs=sum(1 for r in result.records.values() if r.get("kind") == "reference"),
        n_links=len(result.links), chart_svg=status_chart_svg(df))


def write(result, folder: Path) -> Path:
    """Write ``folder/report.html`` (atomically); return its path."""
    path = Path(folder) / FILE
    with atomic_write(path) as fh:
        fh.write(render_html(result))
    return path
