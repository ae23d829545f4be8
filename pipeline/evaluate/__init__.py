"""`vnplan evaluate`: score extraction records against gold files (``corpus/ANNOTATION.md``).

Matching rules:
- targets: equal value (a range ``[low, high]`` against ``value``/``value_max``) and the gold
  anchor found in the predicted quote or indicator (white space, case, Markdown marks and
  tone-mark placement folded); one-to-one, greedy on the number of agreeing attributes.
- agencies: folded names equal, or one contained in the other (name or canonical).
- citations: normalised number; numberless acts by title (with their doc_type).
- sections: equal path and the gold heading a prefix of the predicted heading.
- ``optional: true`` gold items are neutral: a prediction matching one is neither TP nor FP,
  missing one is not FN.  Predicted sections deeper than level 2 that the gold does not
  list are neutral too (gold lists level 3 only by sample).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.evaluate.gold import load_gold_dir

KINDS = ("targets", "agencies", "citations", "sections")
ATTRIBUTES = {
    "targets": ("kind", "comparator", "deadline", "unit", "section"),
    "agencies": ("role", "sector"),
    "citations": ("role", "date", "issuer"),
    "sections": (),
}
META_FIELDS = ("doc_type", "number", "issuer", "level", "province", "date", "period")
# scoring-only spellings of the commonest abbreviations in issuer/agency names
ABBREVIATIONS = {"ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân",
                 "ubmttq": "ủy ban mặt trận tổ quốc", "mttq": "mặt trận tổ quốc",
                 "ttg": "thủ tướng chính phủ", "lđtbxh": "lao động - thương binh và xã hội",
                 "lđ-tb&xh": "lao động - thương binh và xã hội",
                 "lđ-tbxh": "lao động - thương binh và xã hội"}

_MARKS = re.compile(r"[*_#`\\|]+")
_DASH = re.compile(r"\s*[-–—‐]\s*")
_OLD_TONE = re.compile(r"([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![^\W\d_])")


def fold(text) -> str:
    """Case, white space, Markdown marks, dashes, quotes and tone placement folded."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFD", str(text))
    s = _OLD_TONE.sub(r"\1\3\2", s)                  # hoá -> hóa, uỷ -> ủy
    s = unicodedata.normalize("NFC", s).lower()
    s = _MARKS.sub("", s)
    s = s.replace("“", '"').replace("”", '"').replace("…", "...")
    s = _DASH.sub(" - ", s)
    return " ".join(s.split())


def fold_org(text) -> str:
    """``fold`` plus abbreviations expanded ("UBND tỉnh" == "Ủy ban nhân dân tỉnh")."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFC", str(text)).lower()
    s = re.sub(r"\s*-\s*", "-", s)
    words = [ABBREVIATIONS.get(w.strip(",.;:()"), w) for w in s.split()]
    return fold(" ".join(words))


def fold_number(num) -> str:
    """"242/VPCP- KGVX" == "242/VPCP-KGVX"; case and white space folded."""
    if not num:
        return ""
    s = unicodedata.normalize("NFC", str(num)).upper()
    s = re.sub(r"[–—‐]", "-", s)
    return re.sub(r"\s+", "", s)


# ---------------------------------------------------------------- per-kind rules

def _range(v, vmax=None):
    if isinstance(v, (list, tuple)):
        return (_num(v[0]), _num(v[1]) if len(v) > 1 else None)
    return (_num(v), _num(vmax))


def _num(v):
    if v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _same_value(gold, pred) -> bool:
    g_lo, g_hi = _range(gold.get("value"))
    p_lo, p_hi = _range(pred.get("value"), pred.get("value_max"))
    if g_lo is None or p_lo is None:
        return g_lo is None and p_lo is None
    if abs(g_lo - p_lo) > 1e-9:
        return False
    if g_hi is None:
        return p_hi is None or abs(p_hi - p_lo) < 1e-9
    return p_hi is not None and abs(g_hi - p_hi) < 1e-9


def _attr_ok(kind, name, gold, pred) -> bool:
    g, p = gold.get(name), pred.get(name)
    if name == "role":
        roles = g if isinstance(g, list) else [g]
        return p in roles
    if name in ("issuer",):
        return fold_org(g) == fold_org(p) if g or p else True
    if name == "unit":
        g = None if g in ("null", "") else g
        return _unit(g) == _unit(p)
    if g is None or p is None:
        return g is None and p is None
    return fold(g) == fold(p)


def _unit(u):
    return re.sub(r"\s*/\s*", "/", fold(u)) if u else ""


def _match_target(gold, pred):
    if not _same_value(gold, pred):
        return None
    anchor = fold(gold.get("anchor"))
    hay = fold(pred.get("quote")) + " \n " + fold(pred.get("indicator"))
    if anchor and anchor not in hay:
        return None
    return sum(_attr_ok("targets", a, gold, pred) for a in ATTRIBUTES["targets"])


def _contains(a: str, b: str) -> bool:
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short.split()) >= 2 and short in long_


def _match_agency(gold, pred):
    g = fold_org(gold.get("name"))
    names = {fold_org(pred.get("name")), fold_org(pred.get("canonical"))} - {""}
    if g in names:
        score = 10
    elif any(_contains(g, n) for n in names):
        score = 5
    else:
        return None
    return score + sum(_attr_ok("agencies", a, gold, pred) for a in ATTRIBUTES["agencies"])


def _match_citation(gold, pred):
    gn, pn = fold_number(gold.get("number")), fold_number(pred.get("number"))
    if gn or pn:
        if gn != pn:
            return None
    else:
        gt = fold(gold.get("title")) or fold(gold.get("doc_type"))
        pt = fold(pred.get("title"))
        full = fold(f"{pred.get('doc_type') or ''} {pred.get('title') or ''}")
        if not gt or not (pt and (gt in full or pt in gt)):
            return None
    return 1 + sum(_attr_ok("citations", a, gold, pred) for a in ATTRIBUTES["citations"])


def _match_section(gold, pred):
    if str(gold.get("path")) != str(pred.get("path")):
        return None
    if not fold(pred.get("heading")).startswith(fold(gold.get("heading"))):
        return None
    return 1


MATCHERS = {"targets": _match_target, "agencies": _match_agency,
            "citations": _match_citation, "sections": _match_section}


# ---------------------------------------------------------------- labels

def label(kind: str, item: dict, gold: bool) -> str:
    """A short, stable description of one item (used for diffs)."""
    if kind == "targets":
        lo, hi = _range(item.get("value"), item.get("value_max"))
        val = "-" if lo is None else f"{lo:g}" + (f"-{hi:g}" if hi is not None else "")
        text = item.get("anchor") if gold else (item.get("quote") or item.get("indicator"))
        text = " ".join(str(text or "").split())[:90]
        return f"[{item.get('section')}] {val} {item.get('unit') or ''} «{text}»".replace("  ", " ")
    if kind == "agencies":
        return f"{item.get('name')} ({_role(item.get('role'))})"
    if kind == "citations":
        return item.get("number") or f"{item.get('doc_type') or ''} {item.get('title') or ''}".strip()
    return f"{item.get('path')} {' '.join(str(item.get('heading') or '').split())[:70]}"


def _role(r):
    return "|".join(r) if isinstance(r, list) else str(r)


# ---------------------------------------------------------------- scoring

def _prf(tp, fp, fn) -> dict:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}


def score_list(kind: str, gold_items: list, pred_items: list) -> dict:
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
        entry = {"gold": label(kind, g, True), "pred": label(kind, p, False)}
        if g.get("optional"):
            neutral.append(entry)
            continue
        wrong = {}
        for a in ATTRIBUTES[kind]:
            ok = _attr_ok(kind, a, g, p)
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


def _depth(section: dict) -> int:
    return len(str(section.get("path", "")).split("."))


def score_meta(gold_meta: dict, pred_meta: dict) -> dict:
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
    documents: dict = field(default_factory=dict)    # doc_id -> {kind: scores, "meta": ...}
    overall: dict = field(default_factory=dict)      # kind -> P/R/F1 and attribute accuracy
    unscored: list = field(default_factory=list)     # records without a gold file
    missing: list = field(default_factory=list)      # gold files without a record

    def to_dict(self) -> dict:
        return {"overall": self.overall, "documents": self.documents,
                "unscored": self.unscored, "missing": self.missing}

    def table(self) -> str:
        return format_report(self)


def evaluate(records, gold_dir) -> Report:
    """Score extract records (dicts as in ``CONTRACT.md``) against the gold files.

    ``gold_dir`` is a folder of ``<doc_id>.yaml`` or an already loaded ``{doc_id: gold}``.
    """
    golds = gold_dir if isinstance(gold_dir, dict) else load_gold_dir(gold_dir)
    report = Report()
    seen = set()
    for rec in records:
        doc_id = str(rec.get("doc_id"))
        gold = golds.get(doc_id)
        if gold is None:
            report.unscored.append(doc_id)
            continue
        seen.add(doc_id)
        doc = {k: score_list(k, gold.get(k) or [], rec.get(k) or []) for k in KINDS}
        doc["meta"] = score_meta(gold.get("meta") or {}, rec.get("meta") or {})
        if rec.get("errors"):
            doc["errors"] = list(rec["errors"])
        report.documents[doc_id] = doc
    report.missing = sorted(set(golds) - seen)
    report.overall = _overall(report.documents)
    return report


def _overall(documents: dict) -> dict:
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


# ---------------------------------------------------------------- output

def _pct(x):
    return "    -" if x is None else f"{100 * x:5.1f}"


def _cell(m) -> str:
    return f"{_pct(m['precision'])} {_pct(m['recall'])} {_pct(m['f1'])}"


def format_report(report: Report) -> str:
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


def format_details(report: Report) -> str:
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


def diff_reports(old: dict, new: dict) -> dict:
    """Item-by-item gains and losses between two ``Report.to_dict()`` results."""
    out = {"metrics": {}, "found": [], "lost": [], "new_fp": [], "fixed_fp": [],
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


def format_diff(diff: dict) -> str:
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
