"""Write the auditor's report: divergences.csv, report.xlsx and a self-contained report.html.

The HTML page loads nothing remote: CSS is inline and the chart is an inline SVG drawn by
matplotlib.  Every piece of document text goes through jinja2 autoescaping; only the
SVG made here is inserted as markup.  All files are written atomically.
"""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipeline.output.atomic import atomic_write
from pipeline.linking.link import LEVEL_RANK

TEMPLATES = Path(__file__).parent / "templates"
STATUSES = ["below_parent", "missing_in_child", "deadline_later", "not_comparable",
            "only_in_child", "above_parent", "equal"]
CSV_COLUMNS_FIRST = 18           # CONTRACT columns + severity ... reason, then extras


def status_chart_svg(df: pd.DataFrame) -> str:
    """Inline SVG: rows by status (bars) and child level (stacks); text kept as text."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams["svg.fonttype"] = "none"
    parent_rows = df[df["link"] != "sibling"] if len(df) else df
    levels = sorted({str(x) for x in parent_rows.get("child_level", pd.Series(dtype=str)).fillna("unknown")},
                    key=lambda l: LEVEL_RANK.get(l, 9))
    fig, ax = plt.subplots(figsize=(8, 3.2), dpi=96)
    left = [0] * len(STATUSES)
    colours = {"national": "#1f4e79", "province": "#2e75b6", "district": "#9dc3e6",
               "commune": "#c9daf8", "unknown": "#bbbbbb"}
    for level in levels or ["unknown"]:
        sub = parent_rows[parent_rows["child_level"].fillna("unknown").astype(str) == level] \
            if len(parent_rows) else parent_rows
        counts = [int((sub["status"] == s).sum()) if len(sub) else 0 for s in STATUSES]
        ax.barh(STATUSES, counts, left=left, label=f"{level}", color=colours.get(level, "#888888"))
        left = [a + b for a, b in zip(left, counts)]
    ax.invert_yaxis()
    ax.set_xlabel("targets (child plan level in colour)")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    fig.tight_layout()
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.find("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    return svg


def level_tree(result) -> list:
    """Nested nodes {id, label, level, kind, link, reason, children} from top to bottom."""
    g = result.graph
    children = {}
    for child, parent, data in g.edges(data=True):
        if data.get("link") == "unresolved" and data.get("role") != "parent":
            continue
        if data.get("link") != "unresolved" and data.get("role") not in ("parent", "basis"):
            continue
        children.setdefault(parent, []).append((child, data))
    has_parent = {c for kids in children.values() for c, _ in kids}
    roots = [n for n in children if n not in has_parent]
    roots.sort(key=lambda n: (LEVEL_RANK.get(g.nodes[n].get("level"), 9), str(n)))

    def node(n, data=None, seen=()):
        a = g.nodes[n]
        label = a.get("number") or n
        kids = [node(c, d, seen + (n,)) for c, d in sorted(children.get(n, []), key=lambda x: x[0])
                if c not in seen]
        return {"id": n, "label": label, "title": a.get("title") or "", "level": a.get("level") or "",
                "kind": a.get("kind"), "link": (data or {}).get("link", ""),
                "reason": (data or {}).get("reason", ""), "children": kids}
    return [node(r) for r in roots]


def plan_summaries(result) -> tuple:
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


def write_xlsx(result, path):
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    sheets = {
        "findings": result.divergences,
        "documents": result.documents if result.documents is not None else pd.DataFrame(),
        "links": pd.DataFrame(result.links),
        "unresolved": pd.DataFrame(result.unresolved),
        "siblings": result.siblings,
        "date_conflicts": pd.DataFrame([{"number": c["number"], "date": d, "cited_by": ", ".join(v),
                                         "quote": c["quotes"].get(d, "")}
                                        for c in result.conflicts for d, v in c["dates"].items()]),
    }
    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(name)
        df = df.copy()
        for col in df.columns:
            df[col] = df[col].map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        cols = list(df.columns) or ["(empty)"]
        ws.append(cols)
        for row in df.itertuples(index=False):
            ws.append([None if (isinstance(v, float) and pd.isna(v)) else v for v in row])
        ws.freeze_panes = "A2"
        if len(df):
            ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(df) + 1}"
        for i, col in enumerate(cols, 1):
            width = max([len(str(col))] + [len(str(v)) for v in df[col].head(200)] if len(df) else [len(str(col))])
            ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    with atomic_write(path, "wb") as fh:
        wb.save(fh)


def render_html(result) -> str:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(["html", "j2", "html.j2"], default=True))
    df = result.divergences
    parent_rows = df[df["link"] != "sibling"] if len(df) else df
    counts = {s: int((parent_rows["status"] == s).sum()) if len(parent_rows) else 0 for s in STATUSES}
    plans, others = plan_summaries(result)
    return env.get_template("report.html.j2").render(
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        findings=parent_rows.astype(object).fillna("").to_dict("records"),
        siblings=result.siblings.astype(object).fillna("").to_dict("records"),
        counts=counts, statuses=STATUSES,
        plans=plans, others=others, tree=level_tree(result),
        unresolved=result.unresolved, conflicts=result.conflicts,
        n_docs=sum(1 for r in result.records.values() if r.get("kind") != "reference"),
        n_refs=sum(1 for r in result.records.values() if r.get("kind") == "reference"),
        n_links=len(result.links), chart_svg=status_chart_svg(df))


def write_report(result, outdir) -> list:
    """Write divergences.csv, report.xlsx and report.html into ``outdir``; return the paths."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    csv = out / "divergences.csv"
    with atomic_write(csv) as fh:
        result.divergences.to_csv(fh, index=False)
    xlsx = out / "report.xlsx"
    write_xlsx(result, xlsx)
    html = out / "report.html"
    with atomic_write(html) as fh:
        fh.write(render_html(result))
    return [csv, xlsx, html]

