"""Markdown and HTML marks: emphasis stars, ``#`` headings, escapes, rules and underlines."""
from __future__ import annotations

import re

from pipeline.normalise.rules import rules
from pipeline.text.spans import Span

STARS = re.compile(r"(?<!\\)\*+")
_LEAD_BULLET = re.compile(r"^\s*(?:\\)?\*(?=\s+[^\s*])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_ESCAPE = re.compile(r"\\([*_#|\-.+()\[\]`~>!\\])")
_SPACES = re.compile(r"[ \u00a0]{2,}")
_ONLY_MARKS = re.compile(r"^[\s*_#|>~`-]*$")
#: a line without any of these needs no ``strip_marks`` step after the first two
#: (``[<#*\\_]|---|==``, written to start with one character class: twice as fast)
ANY_MARK = re.compile(r"[-<#*\\_=](?:(?<=[<#*\\_])|(?<=-)--|(?<==)=)").search
#: a star run that ``_star_repl`` may turn into a space (``[^\W\d_]``: every letter, and a
#: few other characters)
_PUNCT_STARS = re.compile(r"[.):;,]\*+[^\W\d_]").search
_STAR_RUN = re.compile(r"\*+").finditer


def _star_repl(m: re.Match[str]) -> str:
    """A removed emphasis mark becomes a space when it separated "1." from "Tiếp"."""
    s, a, b = m.string, m.start(), m.end()
    before = s[a - 1] if a else ""
    after = s[b] if b < len(s) else ""
    if before in ".):;," and after.isalpha():
        return " "
    return ""


def _drop_stars(line: Span) -> Span:
    """``line.sub(STARS, _star_repl)``, fast for a line of one run of offsets without
    backslashes (every star run goes; a space comes in where ``_star_repl`` says)."""
    t = line.text
    if "\\" in t or len(line.segs) != 1:
        return line.sub(STARS, _star_repl)
    s, _, st = line.segs[0]
    n = len(t)
    off = n - len(t.lstrip("*"))                     # the leading run ("**Điều 1.**")
    out: list[str] = []
    segs: list[tuple[int, int, int]] = []
    if off and off < n and t[off].isalpha():         # (nothing before it: a space)
        out.append(" ")
        segs.append((s, 1, 0))
    if _PUNCT_STARS(t, off) is None:                 # no other run becomes a space
        rest = t[off:]
        for part in rest.split("*"):
            if part:
                segs.append((s + off * st, len(part), st))
                off += len(part) + 1
            else:
                off += 1
        out.append(rest.replace("*", ""))
        return Span._raw("".join(out), segs)
    for m in _STAR_RUN(t, off):
        a, b = m.span()
        if a > off:
            out.append(t[off:a])
            segs.append((s + off * st, a - off, st))
        if t[a - 1] in ".):;," and b < n and t[b].isalpha():
            out.append(" ")
            segs.append((s + a * st, 1, 0))
        off = b
    if off < n:
        out.append(t[off:])
        segs.append((s + off * st, n - off, st))
    return Span._raw("".join(out), segs)


def strip_marks(line: Span, bullet_ok: bool = True) -> Span:
    """Remove Markdown/HTML marks from one line (not table pipes).

    A leading "* " is kept as a bullet when ``bullet_ok`` (see ``_star_bullets``).
    """
    t = line.text
    head: str | Span                   # (later the Span of a bullet)
    head = t.lstrip()[:1]
    if not head:
        return line[:0]
    # a line of marks only (a rule, a lone "|") cannot begin with a letter or digit
    if not head.isalnum() and (rules()["rule_line"].match(t) or _ONLY_MARKS.match(t)):
        return line[:0]
    if ANY_MARK(t) is None:        # nothing below applies
        return line
    r = rules()
    if "<" in t:
        line = line.sub(r["html_break"], " ").sub(r["html_tag"], "")
    if "#" in t:
        line = line.sub(_HEADING, "")
    if "*" in line.text:
        bullet = _LEAD_BULLET.match(line.text)
        if bullet and bullet_ok and "\\" not in bullet.group(0):
            head, rest = line[:bullet.end()], line[bullet.end():]
            line = head.strip() + _drop_stars(rest)
        else:
            line = _drop_stars(line)
    if "\\" in line.text:
        line = line.sub(_ESCAPE, "", keep=1)
    if "_" in line.text or "---" in line.text or "==" in line.text:
        line = line.sub(r["underline_run"], " ")
    return line


def fold_spaces(s: Span) -> Span:
    if "  " in s.text:
        s = s.sub(_SPACES, " ")
    return s.strip(" ")

