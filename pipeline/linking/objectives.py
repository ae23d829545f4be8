"""The child's objective sentences, for ``no_figure``: a parent indicator the child names in
its objectives or targets without giving a number.

A record carries no text (CONTRACT), so the sentences are read again from the record's
``source`` — only when the file is still there with the same SHA-1 (``sha1`` of the
record), read and normalised as extraction did, so the record's section offsets hold — or
from a ``text`` field when a caller kept one.  Sections whose heading (or an ancestor's)
names objectives or targets (``objective_headings``) are split into sentences; the ones
that carry one of the child's targets are left out.  Without the text nothing is found,
and such a row stays ``missing_in_child`` (its reason says the text was not available).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pipeline import ingest, normalise
from pipeline.linking.applicability import indicator_text, last_pair, table, topic, without_period
from pipeline.text.folds import fold

_SENTENCE = re.compile(r"[^\n.;]+")


def record_text(rec: dict[str, Any]) -> str | None:
    """The record's normalised text, or None when it cannot be had as extraction saw it."""
    if isinstance(rec.get("text"), str):
        return rec["text"]
    src, sha1 = rec.get("source"), rec.get("sha1")
    if not src or not sha1 or not Path(src).is_file():
        return None
    try:
        source = ingest.read_source(src)
        if source.sha1 != sha1:
            return None
        text, _ = normalise.normalise(source.text, source.format)
    except Exception:          # a file changed or unreadable since extraction: no sentences
        return None
    return text


def objective_sections(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The sections stating objectives or targets, with their sub-sections ({path, heading,
    start, end}): all that :func:`objective_sentences` reads of a record's sections."""
    cues = [fold(c) for c in table()["objective_headings"]]
    out: list[dict[str, Any]] = []
    chosen: list[str] = []
    for s in rec.get("sections") or []:
        path = str(s.get("path") or "")
        inside = any(path.startswith(p + ".") for p in chosen)
        if inside or any(c in fold(s.get("heading")) for c in cues):
            if not inside:
                chosen.append(path)
            out.append({"path": s.get("path"), "heading": s.get("heading"),
                        "start": s.get("start"), "end": s.get("end")})
    return out


def objective_spans(rec: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, path) of the sections stating objectives or targets (with sub-sections)."""
    out: list[tuple[int, int, str]] = []
    chosen: list[str] = []
    for s in objective_sections(rec):
        path = str(s.get("path") or "")
        if not any(path.startswith(p + ".") for p in chosen):
            chosen.append(path)
            out.append((int(s["start"]), int(s["end"]), path))
    return out


def objective_sentences(rec: dict[str, Any]) -> list[tuple[str, str, frozenset[str]]] | None:
    """[(section, sentence, topic words)] of the objective sections that carry no target
    of the record; None when the text is not available."""
    text = record_text(rec)
    if text is None:
        return None
    taken = [(t.get("start"), t.get("end")) for t in rec.get("targets") or []
             if isinstance(t.get("start"), int)]
    out = []
    for start, end, path in objective_spans(rec):
        for m in _SENTENCE.finditer(text, start, min(end, len(text))):
            s, e = m.start(), m.end()
            if any(a is not None and b is not None and a < e and s < b for a, b in taken):
                continue
            sentence = m.group().strip(" -*+\t")
            if len(sentence) > 20:
                out.append((path, sentence, topic(sentence)))
    return out


def naming(p: dict[str, Any], sentences) -> tuple[str, str] | None:
    """(section, sentence) of the first objective sentence that names the parent's
    indicator (holds ``name_share`` of its topic words, and its last pair), or None.  A
    trailing "mỗi năm" is left out: the last pair names what is measured, not how often."""
    text = without_period(indicator_text(p))
    want = topic(text)
    if len(want) < table()["name_min_pairs"] or not sentences:
        return None
    need = max(table()["name_share"] * len(want), table()["name_min_pairs"])
    # the indicator's last words say what is measured ("... được kiểm tra", "... tuyên truyền")
    head = last_pair(text)
    for path, sentence, words in sentences:
        if head in words and len(want & words) >= need:
            return path, sentence
    return None
