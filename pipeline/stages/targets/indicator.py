"""Indicator text: what a target counts, cut out of its clause.

"70% số xã, phường tổ chức … và được duy trì thường xuyên" -> "số xã, phường tổ chức …";
"Tỷ lệ nữ giám đốc … đạt ít nhất 27% vào năm 2025" -> "Tỷ lệ nữ giám đốc …" (the noun
phrase before the number when nothing follows it).  Cue lists: ``data/targets.yaml``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.stages.targets.patterns import Words, cues, regexes

MARKS = re.compile(r"[*#\\|`]+")
#: a list marker opening the text: "(3) Tỷ lệ …", "b) Số xã …" ("đ" a letter of the alphabet)
LIST_MARKER = re.compile(r"^\s*\(?(?:\d{1,2}|[a-zđ])\)\s+", re.I)


@lru_cache(maxsize=1)
def _cfg() -> dict[str, Any]:
    c, rx = cues(), regexes()
    return {
        "stops": [s.lower() for s in c["indicator_stops"]],
        "labels": rx["indicator_labels"],
        "lead": rx["indicator_lead"],
        "tail": rx["indicator_tail"],
        "year": rx["indicator_year"],
        "rank": rx["indicator_rank"],
        "measure": rx["indicator_measure"],
        "max": c["max_indicator_words"],
        "comma_pairs": [p.lower() for p in c["comma_units"] + c["comma_pairs"]],
        "trim_words": Words(" ".join(w.split()) for w in c["indicator_trim"]),
    }


def _may_end_with_trim(s: str) -> bool:
    """Can ``indicator_tail`` match ``s``?  Its match ends with one of the trim words, then
    white space and at most one of ",:;"; so ``s`` without those ends with the word (as
    ``re.I`` finds it: ``Words``).  A cheap test before the pattern, which is tried at
    every offset of ``s``."""
    t = s.rstrip()
    if t[-1:] in (",", ":", ";"):
        t = t[:-1].rstrip()
    words = _cfg()["trim_words"]
    if words.odd is None or any(ch in t for ch in words.odd):
        return True
    return " ".join(t.split()).lower().endswith(words.words)


def _clean(s: str) -> str:
    s = " ".join(LIST_MARKER.sub("", MARKS.sub(" ", s)).split()).lstrip(" ,;:.-+()")
    end = len(s)
    while end and s[end - 1] in " ,;:.-+()":
        if s[end - 1] == ")" and s.count("(", 0, end) >= s.count(")", 0, end):
            break                                      # closes "(MES": keep it
        end -= 1
    return s[:end]


def _cut_stops(s: str) -> str:
    low = s.lower()
    cut = len(s)
    for stop in _cfg()["stops"]:
        i = low.find(stop)
        if 0 <= i < cut:
            cut = i
    return s[:cut]


def _strip_labels(s: str) -> str:
    prev = None
    while prev != s:
        prev = s
        for rx in _cfg()["labels"]:
            s = rx.sub("", s).strip(" ,:;")
    return s


def _last_segment(s: str, limit: int = 12) -> str:
    """The end of a long text before a number, after its last "(", ";" or ":"
    ("…, cụ thể: Phấn đấu tổng tỷ suất sinh đạt" -> "Phấn đấu tổng tỷ suất sinh đạt")."""
    if len(s.split()) <= limit:
        return s
    # a "(" closed later is a parenthesis inside the indicator ("… sản xuất (MES) đạt"):
    # only an unclosed one, ";" or ":" starts a new segment
    cuts = [m.end() for m in re.finditer(r"[;:]|\((?![^()]*\))", s)]
    parts = [p for p in (s[a:b] for a, b in zip([0] + cuts, cuts + [len(s)]))
             if len(p.split()) >= 2]
    return parts[-1].strip(" (;:") if parts else s


def trim(s: str, keep_lead: bool = False) -> str:
    """Drop function words at the ends and cap the length."""
    cfg = _cfg()
    s = _clean(s)
    prev = None
    while prev != s:
        prev = s
        s = (cfg["tail"].sub("", s) if _may_end_with_trim(s) else s).strip(" ,;:")
        if not keep_lead:
            s = cfg["lead"].sub("", s).strip(" ,;:")
    return _cap(s, cfg["max"])


def _cap(s: str, limit: int) -> str:
    """``s`` cut to at most ``limit`` words, at its last comma or semicolon when that keeps
    half of them (a cut between two syllables splits a word: "… tệ nạn mại")."""
    words = s.split()
    if len(words) <= limit:
        return s
    head = " ".join(words[:limit])
    low = head.lower()
    # the last "," or ";" that does not join a pair written with a comma ("phòng, chống")
    cuts = [m.start() for m in re.finditer(r"[,;]", head)
            if not any(low.startswith(p, m.start() - p.index(",")) for p in _cfg()["comma_pairs"])]
    if cuts and len(head[:cuts[-1]].split()) >= limit // 2:
        return head[:cuts[-1]]
    return head.rstrip(",;")


def indicator_for(text: str, start: int, end: int, nxt: int, prev_end: int, kind: str,
                  unit: str | None, heading: str = "") -> str:
    """The indicator of the target at ``text[start:end]`` of a clause.

    ``nxt`` is where the next target of the clause starts (or the clause end), ``prev_end``
    where the previous one ended (or 0).
    """
    cfg = _cfg()
    # in a table row the indicator is in the number's cell, else in the last cell before it
    after_text = text[end:nxt].split("\t", 1)[0]
    before_text = next((c for c in reversed(text[prev_end:start].split("\t")) if c.strip()), "")
    after = cfg["rank"].sub("", _cut_stops(after_text))
    before = _strip_labels(_last_segment(_clean(before_text)))
    a = trim(after)
    b = trim(before, keep_lead=True)
    b = cfg["year"].sub("", b).strip(" ,")
    b = trim(b, keep_lead=True)
    if kind == "percent":
        if len(a.split()) >= 2:
            return a
        return b or a or heading
    if kind == "frequency":
        return trim(f"{b} {a}", keep_lead=True) or heading
    # counts: the activity before the number, the counted noun, what follows
    noun = (unit or "").split("/")[0]
    if b and cfg["measure"].search(b):
        return trim(b, keep_lead=True)                 # "tổng tỷ suất sinh" (2,1 con/phụ nữ)
    if not b:                                          # "Có ít nhất 01 cơ sở y tế cung cấp …"
        if prev_end or a:
            return trim(f"{noun} {a}", keep_lead=True)
        return trim(f"{heading} {noun}", keep_lead=True)
    core = f"{b} {noun}"
    if a and len(a.split()) <= 12:
        core = f"{core} {a}"
    return trim(core, keep_lead=True)
