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
from pipeline.linking.link import LEVEL_RANK, is_parent_link
from pipeline.linking.siblings import SIBLING_STATUSES
from pipeline.output.atomic import atomic_write
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
TREE_LIMIT = 300              # trees (top-level parents) of the level tree shown
LEVEL_COLOURS = {"national": "#1f4e79", "province": "#2e75b6", "district": "#9dc3e6",
                 "commune": "#c9daf8", "unknown": "#bbbbbb"}
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)


def status_chart_svg(df: pd.DataFrame, statuses=STATUSES) -> str:
    """Inline SVG: rows by status (bars) and child level (stacks); text kept as text.

    Drawn on a bare :class:`~matplotlib.figure.Figure` (no pyplot, no backend switch), so
    writing a report leaves a notebook's matplotlib state alone."""
    parent_rows = df[df["link"] != "sibling"] if len(df) else df
    levels = sorted({str(x) for x in parent_rows.get("child_level", pd.Series(dtype=str)).fillna("unknown")},
                    key=lambda l: LEVEL_RANK.get(l, 9))
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig = Figure(figsize=(8, 3.2), dpi=96)
        ax = fig.subplots()
        statuses = list(statuses)
        left = [0] * len(statuses)
        for level in levels or ["unknown"]:
            sub = parent_rows[parent_rows["child_level"].fillna("unknown").astype(str) == level] \
                if len(parent_rows) else parent_rows
            counts = [int((sub["status"] == s).sum()) if len(sub) else 0 for s in statuses]
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


def short_title(title, limit: int = SHORT_TITLE) -> str:
    """The title cut to ``limit`` characters at a word boundary, "…" added when cut."""
    title = " ".join(str(title or "").split())
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-–") + " …"


def doc_labels(result) -> dict[str, dict[str, Any]]:
    """{doc_id: {number, short, title, level, province, period, kind, source}} of every record."""
    out = {}
    for rid, r in result.records.items():
        m = r.get("meta") or {}
        out[rid] = {"id": rid, "number": m.get("number") or "", "short": short_title(m.get("title")),
                    "title": m.get("title") or "", "level": m.get("level") or "",
                    "province": m.get("province") or "", "issuer": m.get("issuer") or "",
                    "period": "-".join(str(x) for x in m.get("period") or []),
                    "kind": r.get("kind", "document"), "source": r.get("source") or "",
                    "targets": sum(1 for t in r.get("targets") or [] if t.get("value") is not None)}
    return out


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
    kind = fold(f"{cit.get('doc_type') or ''} {cit.get('title') or ''}")
    return any(fold(c) in kind for c in data.load("programmes.yaml").get("plan_cues") or [])


def not_compared(result, compared: set[str]) -> list[dict[str, Any]]:
    """[{reason, means, docs: [{id, detail}]}]: every document neither compared with a parent
    nor lined up with a sibling, grouped by why (one pass over the records)."""
    groups: dict[str, list[dict[str, str]]] = {r: [] for r in NOT_COMPARED}
    unresolved: dict[str, set[str]] = {}
    for u in result.unresolved:
        if u["role"] == "parent":
            unresolved.setdefault(u["child_doc"], set()).add(u["number"] or u.get("key") or "?")
    for rid, r in result.records.items():
        if r.get("kind") == "reference" or rid in compared:
            continue
        basis = sorted({c.get("number") or c.get("title") or "?" for c in r.get("citations") or []
                        if c.get("role") == "basis" and _plan_like(c)})
        n = sum(1 for t in r.get("targets") or [] if t.get("value") is not None)
        if r.get("errors"):
            reason, detail = "errors", "; ".join(str(e) for e in r["errors"])
        elif rid in unresolved:
            reason, detail = "parent_missing", ", ".join(sorted(unresolved[rid]))
        elif basis:
            reason, detail = "basis_only", ", ".join(basis)
        elif not n:
            reason, detail = "no_targets", "no parent cited either"
        else:
            reason, detail = "no_parent", f"{n} targets with a figure"
        groups[reason].append({"id": rid, "detail": detail, "targets": str(n)})
    return [{"reason": k, "title": NOT_COMPARED[k][0], "means": NOT_COMPARED[k][1],
             "docs": v[:LIST_LIMIT], "more": max(0, len(v) - LIST_LIMIT), "count": len(v)}
            for k, v in groups.items()]


def sibling_blocks(sib: pd.DataFrame) -> list[dict[str, Any]]:
    """The sibling table as [{a, b, parent_number, link_a, link_b, rows}], one per pair."""
    if sib is None or not len(sib):
        return []
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for row in sib.astype(object).where(sib.notna(), "").to_dict("records"):
        key = (row["doc_a"], row["doc_b"])
        if key not in out:
            out[key] = {"a": row["doc_a"], "b": row["doc_b"], "parent_number": row["parent_number"],
                        "parent_doc": row["parent_doc"], "link_a": row["link_a"],
                        "link_b": row["link_b"], "rows": []}
        out[key]["rows"].append(row)
    return list(out.values())


def capped(rows: list[Any], limit: int) -> dict[str, Any]:
    """{rows: the first ``limit``, more: how many are left out, count}."""
    return {"rows": rows[:limit], "more": max(0, len(rows) - limit), "count": len(rows)}


def render_html(result, limit: int = ROW_LIMIT) -> str:
    """The page as a string.  Long tables stop at ``limit`` rows (:data:`ROW_LIMIT`; worst first),
    saying how many more the CSV and XLSX files hold: a page of 100,000 rows is not read."""
    env = Environment(loader=FileSystemLoader(str(data.path("templates"))),
                      autoescape=select_autoescape(["html", "j2", "html.j2"], default=True))
    df = result.divergences
    parent_rows = df[df["link"] != "sibling"] if len(df) else df
    statuses = statuses_of(parent_rows)
    counts = {s: int((parent_rows["status"] == s).sum()) if len(parent_rows) else 0 for s in statuses}
    sib = result.siblings
    compared = set(parent_rows["child_doc"]) | set(sib["doc_a"]) | set(sib["doc_b"])
    docs = doc_labels(result)
    plans = [docs[d] for d in sorted(compared, key=lambda d: (docs[d]["number"] or "~", d)) if d in docs]
    shown = parent_rows.head(limit)
    findings = shown.astype(object).where(shown.notna(), "").to_dict("records")
    for f in findings:
        f["nearest"] = [x for x in str(f.get("nearest_child") or "").split(" | ") if x]
    blocks: list[dict[str, Any]] = []
    rows_shown = 0
    for b in sibling_blocks(sib):               # whole pairs, up to limit rows
        if blocks and rows_shown + len(b["rows"]) > limit:
            break
        blocks.append(b)
        rows_shown += len(b["rows"])
    n_pairs = len(sib[["doc_a", "doc_b"]].drop_duplicates()) if len(sib) else 0
    unresolved = result.unresolved
    main = [u for u in unresolved if u["role"] == "parent"] + \
           [u for u in unresolved if u["role"] != "parent" and u.get("status") == "ambiguous"]
    other = [u for u in unresolved if u["role"] != "parent" and u.get("status") != "ambiguous"]
    tree = level_tree(result)
    return env.get_template(TEMPLATE).render(
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        findings=findings, findings_more=len(parent_rows) - len(findings),
        docs=docs, extra_cols=[c for c in parent_rows.columns if c not in SHOWN],
        per_plan=status_counts(parent_rows), parents=_parents(result),
        blocks=blocks, blocks_more=n_pairs - len(blocks),
        n_sibling_rows=len(sib), sibling_statuses=SIBLING_STATUSES,
        counts=counts, statuses=statuses, meaning=MEANING,
        plans=plans[:limit], plans_more=max(0, len(plans) - limit),
        not_compared=not_compared(result, compared),
        tree=tree[:TREE_LIMIT], tree_more=max(0, len(tree) - TREE_LIMIT),
        unresolved=unresolved, main_unresolved=capped(main, limit),
        other_unresolved=capped(other, limit), conflicts=capped(result.conflicts, limit),
        failed=result.failed,
        n_docs=sum(1 for r in result.records.values() if r.get("kind") != "reference"),
        n_refs=sum(1 for r in result.records.values() if r.get("kind") == "reference"),
        n_links=len(result.links), chart_svg=status_chart_svg(df, statuses))


def _parents(result) -> dict[str, list[str]]:
    """{doc_id: numbers of its parents}: those it is compared with (links), then cited
    parents that are not in the corpus, marked so (one pass over each list)."""
    out: dict[str, set[str]] = {}
    for l in result.links:
        if is_parent_link(l, result):
            out.setdefault(l["child_doc"], set()).add(l["parent_number"] or l["parent_doc"])
    missing: dict[str, set[str]] = {}
    for u in result.unresolved:
        if u["role"] == "parent" and u.get("number"):
            missing.setdefault(u["child_doc"], set()).add(f"{u['number']} (not in the corpus)")
    return {k: sorted(out.get(k, ())) + sorted(missing.get(k, ())) for k in out.keys() | missing.keys()}


def write(result, folder: Path) -> Path:
    """Write ``folder/report.html`` (atomically); return its path."""
    path = Path(folder) / FILE
    with atomic_write(path) as fh:
        fh.write(render_html(result))
    return path
