"""Gold annotations (``corpus/gold/<file stem>.yaml``, format of ``corpus/ANNOTATION.md``).

``load_gold_dir(dir)`` reads every gold file; ``gold_id(record, golds)`` finds a record's
gold file; ``gold_to_record(gold)`` turns one into an extract record (``CONTRACT.md``),
which lets the matcher be tested against itself.
"""
from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any

import yaml

from pipeline.run.identity import split_doc_id

LISTS = ("sections", "targets", "agencies", "citations")


def _none(v):
    """The gold files write a missing unit as the string "null"."""
    return None if v in ("null", "None", "") else v


def load_gold(path) -> dict[str, Any]:
    """One gold file as a dict with ``doc_id``, ``meta`` and the four lists (never None)."""
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    data.setdefault("doc_id", path.stem)
    data["meta"] = data.get("meta") or {}
    for key in LISTS:
        data[key] = [dict(x) for x in (data.get(key) or [])]
    for t in data["targets"]:
        t["unit"] = _none(t.get("unit"))
    return data


def load_gold_dir(gold_dir) -> dict[str, dict[str, Any]]:
    """``{doc_id: gold}`` for every ``*.yaml`` in ``gold_dir`` (or a single file)."""
    p = Path(gold_dir)
    files = [p] if p.is_file() else sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
    out = {}
    for f in files:
        g = load_gold(f)
        out[str(g["doc_id"])] = g
    return out


def gold_id(rec: dict[str, Any], golds) -> str | None:
    """The gold file a record is scored against: the one named by its doc_id (a manifest's
    id, an id given by hand), else by the stem of its file (gold files are named
    ``<file stem>.yaml``; doc_ids are ``path@hash``, CONTRACT.md)."""
    doc_id = str(rec.get("doc_id"))
    names = [doc_id, PurePath(split_doc_id(doc_id)[0]).stem]
    if rec.get("source"):
        names.append(PurePath(str(rec["source"])).stem)
    return next((n for n in names if n in golds), None)


def _value(v):
    if isinstance(v, (list, tuple)):
        return (v[0], v[1]) if len(v) > 1 else (v[0], None)
    return v, None


def gold_to_record(gold: dict[str, Any]) -> dict[str, Any]:
    """An extract record holding exactly what the gold file says (for matcher self-tests)."""
    targets = []
    for t in gold["targets"]:
        value, value_max = _value(t.get("value"))
        targets.append({
            "section": t.get("section"), "kind": t.get("kind"), "value": value,
            "value_max": value_max, "unit": t.get("unit"), "comparator": t.get("comparator"),
            "deadline": t.get("deadline"), "indicator": t.get("anchor", ""),
            "quote": t.get("anchor", ""), "start": 0, "end": 0})
    agencies = [{"name": a.get("name"), "canonical": a.get("name"), "sector": a.get("sector"),
                 "role": _first(a.get("role")), "section": a.get("section"), "quote": ""}
                for a in gold["agencies"]]
    citations = [{"doc_type": c.get("doc_type"), "number": c.get("number"),
                  "date": c.get("date"), "issuer": c.get("issuer"), "title": c.get("title"),
                  "role": _first(c.get("role")), "quote": "", "start": 0, "end": 0}
                 for c in gold["citations"]]
    sections = [{"path": s["path"], "heading": s.get("heading", ""),
                 "level": len(str(s["path"]).split(".")), "start": 0, "end": 0}
                for s in gold["sections"]]
    meta = {k: gold["meta"].get(k) for k in
            ("doc_type", "number", "issuer", "level", "province", "date", "period", "title")}
    return {"doc_id": gold["doc_id"], "source": f"<gold {gold['doc_id']}>", "meta": meta,
            "sections": sections, "targets": targets, "agencies": agencies,
            "citations": citations, "errors": []}


def _first(v):
    return v[0] if isinstance(v, list) and v else v
