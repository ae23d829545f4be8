"""Reference targets: YAML stand-ins for a cited parent whose text is not in the corpus.

The tool ships its reference tables as package data (``pipeline/data/references/*.yaml``,
:data:`BUNDLED_DIR`): they are read by default wherever the tool runs.  Users add folders of
their own in the same format.  A reference file gives ``number, doc_type, issuer, level,
date, period, programme, topic, sources`` and ``targets`` (indicator, kind, value, unit,
comparator, deadline, source, optional ``via``).  :func:`load_references` turns each into
a record shaped like a CONTRACT ``extract`` record (``doc_id`` ``ref:<number>``, ``kind``
``reference``) so that linking and alignment treat both alike.  A full text in the corpus
takes precedence over a reference for the same number (see :mod:`pipeline.link`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from pipeline.data import load, path

BUNDLED_DIR = path("references")
# how a bundled file is named in the outputs (the ``source`` of its record): the same on
# every machine, wherever the package is installed
BUNDLED_NAME = "pipeline/data/references"
_MARKS = re.compile(r"[*#\\]")


def reference_record(data: dict[str, Any], path: str) -> dict[str, Any]:
    """One reference YAML (already parsed) as an extract-like record."""
    sources = data.get("sources") or {}
    words = load("programmes.yaml")["reference_comparators"]
    targets = []
    for i, t in enumerate(data.get("targets") or []):
        value = t.get("value")
        vmax = None
        if isinstance(value, list):
            value, vmax = value[0], value[-1]
        src = t.get("source") or []
        src = [src] if isinstance(src, str) else list(src)
        cite = "; ".join(sources.get(s, s) for s in src)
        if t.get("via"):
            cite += f" (via {t['via']})"
        comp = words.get(t.get("comparator"))
        comp = f"{comp} " if comp else ""
        shown = f"{value:g}" if isinstance(value, (int, float)) else str(value)
        quote = (f"{comp}{shown}{' ' if t.get('unit') != '%' else ''}{t.get('unit') or ''} "
                 f"{t.get('indicator', '')}")
        targets.append({
            "section": t.get("section") or "ref", "kind": t.get("kind", "percent"),
            "value": value, "value_max": vmax, "unit": t.get("unit"),
            "comparator": t.get("comparator", "bare"),
            "deadline": None if t.get("deadline") is None else str(t.get("deadline")),
            "indicator": t.get("indicator", ""), "quote": quote.strip(),
            "start": i, "end": i, "source": cite,
        })
    number = data.get("number")
    period = data.get("period")
    return {
        "doc_id": f"ref:{number}",
        "source": str(path),
        "kind": "reference",
        "meta": {"doc_type": data.get("doc_type"), "number": number,
                 "issuer": data.get("issuer"), "level": data.get("level"),
                 "province": data.get("province"), "date": _str(data.get("date")),
                 "period": list(period) if period else None,
                 "title": data.get("programme") or data.get("title"),
                 "topic": data.get("topic")},
        "sections": [], "targets": targets, "agencies": [], "citations": [], "errors": [],
    }


def _str(v):
    return None if v is None else str(v)


def load_references(dirs) -> list[dict[str, Any]]:
    """Records for every ``*.yaml`` / ``*.yml`` in the given folders (or files).

    Later folders override earlier ones for the same number, so a user's ``--reference``
    folder given after the bundled one wins.
    """
    by_number = {}
    for d in dirs or []:
        d = Path(d)
        files = sorted(d.glob("*.y*ml")) if d.is_dir() else [d]
        for f in files:
            try:
                data = yaml.safe_load(f.read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError):
                continue
            if isinstance(data, dict) and data.get("number"):
                by_number[data["number"]] = reference_record(data, _name(f))
    return list(by_number.values())


def _name(f: Path) -> str:
    if f.parent.resolve() == BUNDLED_DIR.resolve():
        return f"{BUNDLED_NAME}/{f.name}"
    return str(f)


def records_from_gold(gold_dir, text_dir=None) -> list[dict[str, Any]]:
    """Dev-time stand-in for extraction: CONTRACT-like records built from gold YAML.

    Gold gives no indicator text, only an ``anchor`` phrase: it serves as indicator and
    quote.  The title is read from the text (the line after ``plan_heading`` of
    ``data/programmes.yaml``) when ``text_dir`` holds the source.  Optional gold items are
    kept.
    """
    out = []
    for f in sorted(Path(gold_dir).glob("*.yaml")):
        g = yaml.safe_load(f.read_text(encoding="utf-8"))
        meta = dict(g.get("meta") or {})
        meta["date"] = _str(meta.get("date"))
        if text_dir and not meta.get("title"):
            src = Path(text_dir) / f"{g['doc_id']}.txt"
            if src.exists():
                meta["title"] = _title_from_text(src.read_text(encoding="utf-8"))
        targets = []
        for t in g.get("targets") or []:
            v, vmax = t.get("value"), None
            if isinstance(v, list):
                v, vmax = v
            targets.append({"section": t.get("section"), "kind": t.get("kind"), "value": v,
                            "value_max": vmax, "unit": None if t.get("unit") == "null" else t.get("unit"),
                            "comparator": t.get("comparator"), "deadline": _str(t.get("deadline")),
                            "indicator": t.get("anchor", ""), "quote": t.get("anchor", "")})
        cits = []
        for c in g.get("citations") or []:
            role = c.get("role")
            role = role[-1] if isinstance(role, list) else role
            cits.append({"doc_type": c.get("doc_type"), "number": c.get("number"),
                         "date": _str(c.get("date")), "issuer": c.get("issuer"),
                         "title": c.get("title"), "role": role, "quote": ""})
        out.append({"doc_id": g["doc_id"], "source": str(f), "meta": meta,
                    "sections": g.get("sections") or [], "targets": targets,
                    "agencies": [], "citations": cits, "errors": []})
    return out


def _title_from_text(text: str):
    heading = load("programmes.yaml")["plan_heading"]
    lines = [_MARKS.sub("", ln).strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    for i, ln in enumerate(lines[:40]):
        if ln.upper() == heading and i + 1 < len(lines):
            return lines[i + 1]
    return None
