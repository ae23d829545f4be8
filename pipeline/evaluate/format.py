"""Plain-text output of a report: the table, the per-item details, and the diff against
a baseline report (``vnplan evaluate --baseline``)."""
from __future__ import annotations

from typing import Any

from pipeline.evaluate.match import KINDS


def _pct(x):
    return "    -" if x is None else f"{100 * x:5.1f}"


def _cell(m) -> str:
    return f"{_pct(m['precision'])} {_pct(m['recall'])} {_pct(m['f1'])}"


def format_report(report) -> str:
    """The table: P/R/F1 per document and kind, overall counts and attribute accuracy."""
    lines = []
    head = f"{'document':<26} " + "  ".join(f"{k:^17}" for k in KINDS) + "  meta"
    lines.append(head)
    lines.append(f"{'':<26} " + "  ".join(f"{'P     R    F1':>17}" for _ in KINDS))
    for doc_id, d in sorted(report.documents.items()):
        ok = sum(v["ok"] for v in d["meta"].values())
        lines.append(f"{doc_id[:26]:<26} " + "  ".join(_cell(d[k]) for k in KINDS)
                     + f"   {ok}/{len(d['meta'])}")
    o = report.overall
    if report.documents:
        lines.append(f"{'OVERALL':<26} " + "  ".join(_cell(o[k]) for k in KINDS))
        lines.append("")
        lines.append("counts (tp/fp/fn): " + ", ".join(
            f"{k} {o[k]['tp']}/{o[k]['fp']}/{o[k]['fn']}" for k in KINDS))
        for k in KINDS:
            attrs = o[k]["attributes"]
            if attrs:
                lines.append(f"{k} attribute accuracy (matched pairs): " + ", ".join(
                    f"{a} {_pct(v['accuracy']).strip()}% ({v['correct']}/{v['total']})"
                    for a, v in attrs.items()))
        lines.append("meta accuracy: " + ", ".join(
            f"{f} {v['correct']}/{v['total']}" for f, v in o["meta"].items() if v["total"]))
    if report.unscored:
        lines.append(f"unscored (no gold file): {len(report.unscored)}")
    if report.missing:
        lines.append("gold files without a record: " + ", ".join(report.missing))
    return "\n".join(lines)


def format_details(report) -> str:
    """Misses, false positives and wrong attributes, per document."""
    lines = []
    for doc_id, d in sorted(report.documents.items()):
        lines.append(f"== {doc_id}")
        for k in KINDS:
            for x in d[k]["false_negatives"]:
                lines.append(f"  {k} MISSED  {x}")
            for x in d[k]["false_positives"]:
                lines.append(f"  {k} EXTRA   {x}")
            for e in d[k]["true_positives"]:
                if e.get("wrong"):
                    w = "; ".join(f"{a}: gold {v['gold']!r} got {v['pred']!r}"
                                  for a, v in e["wrong"].items())
                    lines.append(f"  {k} WRONG   {e['gold']}  -- {w}")
        for f, v in d["meta"].items():
            if not v["ok"]:
                lines.append(f"  meta {f}: gold {v['gold']!r} got {v['pred']!r}")
        for e in d.get("errors", []):
            lines.append(f"  error: {e}")
    return "\n".join(lines)


def diff_reports(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Item-by-item gains and losses between two ``Report.to_dict()`` results."""
    out: dict[str, Any] = {"metrics": {}, "found": [], "lost": [], "new_fp": [], "fixed_fp": [],
           "attr_fixed": [], "attr_broken": []}
    for k in KINDS:
        o, n = old.get("overall", {}).get(k), new.get("overall", {}).get(k)
        if o and n:
            out["metrics"][k] = {m: round(n[m] - o[m], 4) for m in ("precision", "recall", "f1")}
    docs = set(old.get("documents", {})) | set(new.get("documents", {}))
    for doc_id in sorted(docs):
        od, nd = old.get("documents", {}).get(doc_id), new.get("documents", {}).get(doc_id)
        if not od or not nd:
            continue
        for k in KINDS:
            o_tp = {e["gold"] for e in od[k]["true_positives"]}
            n_tp = {e["gold"] for e in nd[k]["true_positives"]}
            o_fp, n_fp = set(od[k]["false_positives"]), set(nd[k]["false_positives"])
            out["found"] += [(doc_id, k, x) for x in sorted(n_tp - o_tp)]
            out["lost"] += [(doc_id, k, x) for x in sorted(o_tp - n_tp)]
            out["new_fp"] += [(doc_id, k, x) for x in sorted(n_fp - o_fp)]
            out["fixed_fp"] += [(doc_id, k, x) for x in sorted(o_fp - n_fp)]
            o_wrong = {e["gold"]: set(e.get("wrong", {})) for e in od[k]["true_positives"]}
            for e in nd[k]["true_positives"]:
                if e["gold"] not in o_wrong:
                    continue
                before, now = o_wrong[e["gold"]], set(e.get("wrong", {}))
                out["attr_fixed"] += [(doc_id, k, f"{e['gold']} [{a}]") for a in sorted(before - now)]
                out["attr_broken"] += [(doc_id, k, f"{e['gold']} [{a}]") for a in sorted(now - before)]
    return out


def format_diff(diff: dict[str, Any]) -> str:
    """A :func:`diff_reports` result as text."""
    lines = ["change against baseline (points):"]
    for k, m in diff["metrics"].items():
        lines.append(f"  {k:<10} " + "  ".join(f"{n} {100 * v:+.1f}" for n, v in m.items()))
    for key, title in (("found", "newly found"), ("lost", "newly lost"),
                       ("new_fp", "new false positives"), ("fixed_fp", "false positives gone"),
                       ("attr_fixed", "attributes now right"),
                       ("attr_broken", "attributes now wrong")):
        lines.append(f"{title}: {len(diff[key])}")
        lines += [f"  {d} {k}: {x}" for d, k, x in diff[key]]
    return "\n".join(lines)
