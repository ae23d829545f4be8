"""Canonical names of bodies: abbreviations expanded, branch names and heads in their usual spelling.

The lowest module of the room with ``patterns``: ``sectors`` and the recognisers import it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.stages.agencies.patterns import data
from pipeline.text.folds import fold as text_fold
from pipeline.text.folds import new_tones as _new_tones


@lru_cache(maxsize=1)
def _abbrev_re():
    table = {k: v for k, v in data()["abbreviations"].items() if v}
    keys = sorted(table, key=len, reverse=True)
    pat = re.compile(r"(?<![\w&])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w&])")
    return pat, table


def expand_abbreviations(name: str) -> str:
    """"Sở LĐ-TB&XH" -> "Sở Lao động - Thương binh và Xã hội"; "UBND" -> "Ủy ban nhân dân"."""
    pat, table = _abbrev_re()
    return pat.sub(lambda m: table[m.group(1)], name or "")


@lru_cache(maxsize=1)
def _branch_res():
    out = []
    for b in data()["branches"]:
        words = re.split(r"[\s,\-–]+", b)
        pat = r"(?<!\w)" + r"[\s,\-–]+".join(re.escape(w) for w in words) + r"(?!\w)"
        out.append((re.compile(pat, re.IGNORECASE), b))
    return out


@lru_cache(maxsize=1)
def _head_spellings():
    return sorted(data()["heads"], key=len, reverse=True)


_CANON_DASH = re.compile(r"(?<=\w)\s*[-–—]\s*(?=\w)")
_CANON_LEAD_IN = re.compile(r"^(?:Đề nghị|Giao)\s+")
_CANON_WARD = re.compile(r"(Ủy ban nhân dân(?: các)? )phường, xã\b")


@lru_cache(maxsize=16384)
def canonical(name: str) -> str:
    """Abbreviations expanded, "Uỷ"/"hoá" unified, branch names in their usual spelling,
    the head capitalised ("phòng Tư pháp" -> "Phòng Tư pháp", "Công An" -> "Công an")."""
    s = _new_tones(expand_abbreviations(" ".join((name or "").split())))
    s = _CANON_DASH.sub(" - ", s)
    for rx, branch in _branch_res():
        s = rx.sub(branch, s)
    for head in _head_spellings():
        if s[:len(head)].lower() == head.lower() and (len(s) == len(head) or not s[len(head)].isalnum()):
            if not head.startswith(("Các", "các")):
                s = head + s[len(head):]
            break
    s = _CANON_LEAD_IN.sub("", s)
    s = _CANON_WARD.sub(r"\1xã, phường", s)
    return s[:1].upper() + s[1:] if s else s


def fold(name: str) -> str:
    """The text fold of ``name`` with its abbreviations expanded (how bodies are compared)."""
    return text_fold(expand_abbreviations(name))

