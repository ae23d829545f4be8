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
from functools import lru_cache
from itertools import compress, repeat
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

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


@lru_cache(maxsize=65536)
def names_objectives(heading: str | None) -> bool:
    """True when ``heading`` names objectives or targets (``objective_headings``); headings
    recur from one plan to the next, so the answer is remembered."""
    if not isinstance(heading, str):
        return False
    folded = fold(heading)
    return any(c in folded for c in _cues())


@lru_cache(maxsize=1)
def _cues() -> tuple[str, ...]:
    return tuple(fold(c) for c in table()["objective_headings"])


def objective_sections(rec: dict[str, Any], tops: bool = False) -> list[dict[str, Any]]:
    """The sections stating objectives or targets, with their sub-sections ({path, heading,
    start, end}): all that :func:`objective_sentences` reads of a record's sections.  With
    ``tops``, only the outermost ones (:func:`outermost`; a sub-section lies inside its
    section's span): what :func:`objective_spans` reads, and the same again when read back."""
    sections = rec.get("sections") or []
    if tops:
        named = map(names_objectives, map(dict.get, sections, repeat("heading")))
        return [{"path": s.get("path"), "heading": s.get("heading"),
                 "start": s.get("start"), "end": s.get("end")}
                for s in outermost(sections, named)]
    out: list[dict[str, Any]] = []
    chosen: tuple[str, ...] = ()        # "path." of each chosen section
    for s in sections:
        path = str(s.get("path") or "")
        inside = path.startswith(chosen)
        if inside or names_objectives(s.get("heading")):
            if not inside:
                chosen += (path + ".",)
            out.append({"path": s.get("path"), "heading": s.get("heading"),
                        "start": s.get("start"), "end": s.get("end")})
    return out


def outermost(sections: Sequence[Any], named: Iterable[bool],
              get: Callable[[Any, str], Any] = dict.get) -> list[Any]:
    """The outermost of ``sections`` whose heading names objectives (``named``: one flag
    per section, :func:`names_objectives` of its heading), in order; a section whose path
    continues a chosen one ("II.1" after "II") lies inside it."""
    out = []
    chosen: tuple[str, ...] = ()        # "path." of each chosen section
    for i in compress(range(len(sections)), named):
        path = str(get(sections[i], "path") or "")
        if not path.startswith(chosen):
            chosen += (path + ".",)
            out.append(sections[i])
    return out


def objective_spans(rec: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, path) of the sections stating objectives or targets (with sub-sections)."""
    return [(int(s["start"]), int(s["end"]), str(s.get("path") or ""))
            for s in objective_sections(rec, tops=True)]


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
