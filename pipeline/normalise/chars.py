"""Characters: NFC, newlines, odd spaces and invisible characters (offsets kept)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.normalise.rules import rules
from pipeline.text.spans import Span


def clean_chars(raw: str, keep_tabs: bool = False) -> Span:
    """NFC, newlines, odd spaces and invisible characters; offsets point into ``raw``."""
    r = rules()
    drop, space = r["drop"], r["space"]
    if not keep_tabs:
        space = space | {"\t"}
    normal = unicodedata.is_normalized("NFC", raw)
    if normal:
        return _clean_normal(raw, _special_re(keep_tabs), drop, space)
    text, pos = [], []
    n = len(raw)
    i = 0
    while i < n:
        ch = raw[i]
        if ch == "\r":
            text.append("\n")
            pos.append(i)
            i += 2 if raw[i + 1:i + 2] == "\n" else 1
            continue
        if ch in drop:
            i += 1
            continue
        if ch in space:
            text.append(" ")
            pos.append(i)
            i += 1
            continue
        if ch in "\u2028\u2029\x85":
            text.append("\n")
            pos.append(i)
            i += 1
            continue
        if ord(ch) < 32 and ch not in "\n\t":
            i += 1
            continue
        if normal:
            text.append(ch)
            pos.append(i)
            i += 1
            continue
        j = i + 1          # a base character and the combining marks after it
        while j < n and unicodedata.combining(raw[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", raw[i:j])
        text.append(cluster)
        pos.extend([i] * len(cluster))
        i = j
    out = Span("".join(text), pos)
    if not normal and not unicodedata.is_normalized("NFC", out.text):
        # rare compositions across clusters: fall back to a coarse but correct map
        t = unicodedata.normalize("NFC", out.text)
        ratio = len(out.pos) / max(len(t), 1)
        out = Span(t, [out.pos[min(int(k * ratio), len(out.pos) - 1)] for k in range(len(t))])
    return out


@lru_cache(maxsize=2)
def _special_re(keep_tabs: bool) -> re.Pattern[str]:
    """The characters ``clean_chars`` changes in NFC text: "\\r" (alone or in "\\r\\n"), dropped
    characters, odd spaces (and tabs unless ``keep_tabs``), line separators, other control characters."""
    r = rules()
    drop, space = r["drop"], r["space"]
    if not keep_tabs:
        space = space | {"\t"}
    chars = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | drop | space | set("\u2028\u2029\x85")
    # one class ("\r\n" is read at its "\r"): an alternation in front scans twice as slowly
    cls = "".join(sorted(re.escape(c) for c in chars))
    return re.compile(rf"[{cls}]")


def _clean_normal(raw: str, special: re.Pattern[str], drop: set[str], space: set[str]) -> Span:
    """``clean_chars`` for NFC text: copy the runs between special characters (same rules,
    same order of tests as the character loop)."""
    text, segs = [], []
    last = 0
    for m in special.finditer(raw):
        i = m.start()
        if i > last:
            text.append(raw[last:i])
            segs.append((last, i - last, 1))
        last = i + 1
        ch = raw[i]
        if ch == "\r":
            text.append("\n")
            segs.append((i, 1, 1))
            if raw[last:last + 1] == "\n":
                last += 1
        elif ch in drop:
            continue
        elif ch in space:
            text.append(" ")
            segs.append((i, 1, 1))
        elif ch in "\u2028\u2029\x85":
            text.append("\n")
            segs.append((i, 1, 1))
        # else: another control character, dropped
    if last < len(raw):
        text.append(raw[last:])
        segs.append((last, len(raw) - last, 1))
    return Span._raw("".join(text), segs)

