"""Scores: one document's items of one kind matched one-to-one (:func:`score_list`),
metadata fields (:func:`score_meta`), and a whole run (:func:`evaluate` -> :class:`Report`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.evaluate.folds import fold, fold_number, fold_org
from pipeline.evaluate.format import format_report
from pipeline.evaluate.gold import gold_id, load_gold_dir
from pipeline.evaluate.match import ATTRIBUTES, KINDS, MATCHERS, attr_ok, label

META_FIELDS = ("doc_type", "number", "issuer", "level", "province", "date", "period")


def _prf(tp, fp, fn) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}


def score_list(kind: str, gold_items: list[dict[str, Any]],
               pred_items: list[dict[str, Any]]) -> dict[str, Any]:
    """Match one document's gold and predicted items of one kind."""
    match = MATCHERS[kind]
    pairs = []
    for gi, g in enumerate(gold_items):
        for pi, p in enumerate(pred_items):
            s = match(g, p)
            if s is not None:
                # required gold first, then the best agreement, then document order
                pairs.append((not g.get("optional"), s, -gi, -pi, gi, pi))
    pairs.sort(reverse=True)
    g_used, p_used, matched = set(), set(), []
    for _, _, _, _, gi, pi in pairs:
        if gi in g_used or pi in p_used:
            continue
        g_used.add(gi)
        p_used.add(pi)
        matched.append((gi, pi))
    tp, neutral, attrs = [], [], {a: [0, 0] for a in ATTRIBUTES[kind]}
    for gi, pi in sorted(matched):
        g, p = gold_items[gi], pred_items[pi]
        entry: dict[str, Any] = {"gold": label(kind, g, True), "pred": label(kind, p, False)}
        if g.get("optional"):
            neutral.append(entry)
            continue
        wrong = {}
        for a in ATTRIBUTES[kind]:
            ok = attr_ok(kind, a, g, p)
            attrs[a][0] += ok
            attrs[a][1] += 1
            if not ok:
                wrong[a] = {"gold": g.get(a), "pred": p.get(a)}
        if wrong:
            entry["wrong"] = wrong
        tp.append(entry)
    fn = [label(kind, g, True) for gi, g in enumerate(gold_items)
          if gi not in g_used and not g.get("optional")]
    fp, extra = [], []
    for pi, p in enumerate(pred_items):
        if pi in p_used:
            continue
        if kind == "sections" and _depth(p) > 2:
            extra.append(label(kind, p, False))
        else:
            fp.append(label(kind, p, False))
    out = _prf(len(tp), len(fp), len(fn))
    out.update({"attributes": {a: {"correct": c, "total": t} for a, (c, t) in attrs.items()},
                "true_positives": tp, "false_positives": fp, "false_negatives": fn,
                "neutral": neutral})
    if kind == "sections":
        out["unscored_deep"] = extra
    return out


def _depth(section: dict[str, Any]) -> int:
    return len(str(section.get("path", "")).split("."))


def score_meta(gold_meta: dict[str, Any], pred_meta: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for f in META_FIELDS:
        if f not in gold_meta:
            continue
        g, p = gold_meta.get(f), (pred_meta or {}).get(f)
        if f == "period":
            ok = list(g or []) == list(p or [])
        elif f == "issuer":
            ok = fold_org(g) == fold_org(p)
        elif f == "number":
            ok = fold_number(g) == fold_number(p)
        else:
            ok = fold(g) == fold(p) if (g is not None or p is not None) else True
            ok = ok and (g is None) == (p is None)
        out[f] = {"gold": g, "pred": p, "ok": bool(ok)}
    return out


@dataclass
class Report:
    # doc_id -> {kind: scores, "meta": ...}
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    # kind -> P/R/F1 and attribute accuracy
    overall: dict[str, dict[str, Any]] = field(default_factory=dict)
    unscored: list[str] = field(default_factory=list)     # records without a gold file
    missing: list[str] = field(default_factory=list)      # gold files without a record

    def to_dict(self) -> dict[str, Any]:
        return {"overall": self.overall, "documents": self.documents,
                "unscored": self.unscored, "missing": self.missing}

    def table(self) -> str:
        return format_report(self)


def evaluate(records, gold_dir) -> Report:
    """Score extract records (dicts as in ``CONTRACT.md``) against the gold files.

    ``gold_dir`` is a folder of ``<doc_id>.yaml`` or an already loaded ``{doc_id: gold}``;
    a record is matched to its gold file by :func:`pipeline.evaluate.gold.gold_id` and
    reported under the gold file's id (the first record of a gold file is scored).
    """
    golds = gold_dir if isinstance(gold_dir, dict) else load_gold_dir(gold_dir)
    report = Report()
    seen = set()
    for rec in records:
        doc_id = gold_id(rec, golds)
        if doc_id is None or doc_id in seen:        # no gold file, or already scored
            report.unscored.append(str(rec.get("doc_id")))
            continue
        gold = golds[doc_id]
        seen.add(doc_id)
        doc: dict[str, Any] = {k: score_list(k, gold.get(k) or [], rec.get(k) or []) for k in KINDS}
        doc["meta"] = score_meta(gold.get("meta") or {}, rec.get("meta") or {})
        if rec.get("errors"):
            doc["errors"] = list(rec["errors"])
        report.documents[doc_id] = doc
    report.missing = sorted(set(golds) - seen)
    report.overall = _overall(report.documents)
    return report


def _overall(documents: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for k in KINDS:
        tp = sum(d[k]["tp"] for d in documents.values())
        fp = sum(d[k]["fp"] for d in documents.values())
        fn = sum(d[k]["fn"] for d in documents.values())
        o = _prf(tp, fp, fn)
        attrs = {}
        for a in ATTRIBUTES[k]:
            c = sum(d[k]["attributes"][a]["correct"] for d in documents.values())
            t = sum(d[k]["attributes"][a]["total"] for d in documents.values())
            attrs[a] = {"correct": c, "total": t, "accuracy": round(c / t, 4) if t else None}
        o["attributes"] = attrs
        out[k] = o
    meta = {}
    for f in META_FIELDS:
        vals = [d["meta"][f]["ok"] for d in documents.values() if f in d["meta"]]
        meta[f] = {"correct": sum(vals), "total": len(vals),
                   "accuracy": round(sum(vals) / len(vals), 4) if vals else None}
    out["meta"] = meta
    return out
