"""Canonical names of bodies: abbreviations expanded, branch names and heads in their usual spelling.

The lowest module of the room with ``patterns``: ``sectors`` and the recognisers import it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.stages.agencies.patterns import alternation, data, fill
from pipeline.text.folds import fold as text_fold
from pipeline.text.folds import new_tones as _new_tones


@lru_cache(maxsize=1)
def _abbrev_re() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {k: v for k, v in data()["abbreviations"].items() if v}
    pat = re.compile(r"(?<![\w&])(" + alternation(table) + r")(?![\w&])")
    return pat, table


@lru_cache(maxsize=16384)
def expand_abbreviations(name: str) -> str:
    """"Sở LĐ-TB&XH" -> "Sở Lao động - Thương binh và Xã hội"; "UBND" -> "Ủy ban nhân dân"."""
    pat, table = _abbrev_re()
    return pat.sub(lambda m: table[m.group(1)], name or "")


@lru_cache(maxsize=1)
def _branch_res() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for b in data()["branches"]:
        words = re.split(r"[\s,\-–]+", b)
        pat = r"(?<!\w)" + r"[\s,\-–]+".join(re.escape(w) for w in words) + r"(?!\w)"
        out.append((re.compile(pat, re.IGNORECASE), b))
    return out


@lru_cache(maxsize=1)
def _head_spellings() -> list[str]:
    return sorted(data()["heads"], key=len, reverse=True)


@lru_cache(maxsize=1)
def _group_words() -> tuple[str, ...]:
    return tuple(data()["group_words"])


_CANON_DASH = re.compile(r"(?<=\w)\s*[-–—]\s*(?=\w)")


@lru_cache(maxsize=1)
def _rewrites() -> tuple[tuple[re.Pattern[str], str], ...]:
    """``canonical_rewrites`` of agencies.yaml: (compiled pattern, replacement), in order."""
    d = data()
    return tuple((re.compile(fill(rx, d)), to) for rx, to in d["canonical_rewrites"])


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
            if not head.startswith(_group_words()):
                s = head + s[len(head):]
            break
    for rx, to in _rewrites():
        s = rx.sub(to, s)
    return s[:1].upper() + s[1:] if s else s


def fold(name: str) -> str:
    """The text fold of ``name`` with its abbreviations expanded (how bodies are compared)."""
    return text_fold(expand_abbreviations(name))

