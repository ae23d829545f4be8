"""The text view the stage reads (Markdown marks blanked, same offsets) and its helpers."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pipeline.document import Section
from pipeline.stages.targets.patterns import cues, regexes


def squash(s: str) -> str:
    """White space collapsed to single spaces."""
    return " ".join(s.split())


MARK_RE = re.compile(r"[*#\\|`]|</?su[bp]>|(?<=\s)_+(?=\s)|^\s*-{3,}\s*$|^\s*_{3,}\s*$", re.M)
# the same in a text without "---" and "___" (where the rule lines cannot match), each
# alternative starting with a character of its own (the regex engine then skips to those):
# "_(?<=\s_)_*" is "(?<=\s)_+"
_MARK_FAST_RE = re.compile(r"[*#\\|`]|</?su[bp]>|_(?<=\s_)_*(?=\s)")


def mark_re(text: str) -> re.Pattern[str]:
    return MARK_RE if "---" in text or "___" in text else _MARK_FAST_RE


#: the characters a match of ``_MARK_FAST_RE`` starts with
_MARK_CHARS = "*#\\|`<_"


def _found_at(s: str, ch: str) -> Iterator[int]:
    """Every offset of ``ch`` in ``s`` (``str.find``: no regex run over the whole text)."""
    i = s.find(ch)
    while i >= 0:
        yield i
        i = s.find(ch, i + 1)


def _blank_marks(v: str) -> str:
    """``_MARK_FAST_RE.sub`` with spaces of the same length: the pattern is tried only where
    one of the characters its matches start with is (few in a text), left to right as
    ``sub`` would, not at every offset of the text."""
    parts: list[str] = []
    last = 0
    for i in sorted(i for ch in _MARK_CHARS for i in _found_at(v, ch)):
        if i < last:
            continue                                   # inside the match before
        m = _MARK_FAST_RE.match(v, i)
        if m:
            parts += (v[last:i], " " * (m.end() - i))
            last = m.end()
    parts.append(v[last:])
    return "".join(parts)


def _after_u(v: str, vowels: Iterable[str]) -> bool:
    """Is one of ``vowels`` right after a "u" or "U" in ``v``?  Asked at each of the
    vowels (``str.find``: a few thousand in a long text), not by a search for each pair."""
    for ch in vowels:
        for i in _found_at(v, ch):
            if i and v[i - 1] in "uU":
                return True
    return False


def view(text: str) -> str:
    """``text`` with leftover Markdown marks blanked and "Quí" spelt "Quý"; same length and
    offsets (the normaliser has already joined hard wraps)."""
    # (each pattern runs only when the text holds a character its matches need)
    v = text
    if "---" in v or "___" in v:
        v = MARK_RE.sub(lambda m: " " * len(m.group()), v)
    elif any(ch in v for ch in _MARK_CHARS):
        v = _blank_marks(v)
    respell = cues()["quy_respell"]
    if _after_u(v, respell):                           # what every match of "old_quy" holds
        v = regexes()["old_quy"].sub(lambda m: m.group(1) + "u" + respell[m.group(2)], v)
    return v


_HEAD_RE = re.compile(
    r"^[ \t]*(?:(?P<roman>[IVX]{1,5})\s*\.|(?P<dec>\d{1,2}(?:\s*\.\s*\d{1,2}){1,2})\s*\.?"
    r"|(?P<num>\d{1,2})\s*[.)])"
    r"[ \t]+(?P<head>\S.*)$", re.M)


def fallback_sections(v: str) -> list[Section]:
    """Numbered headings ("I.", "2.", "3.1.") when the sections stage gave none.

    Not ``pipeline.stages.sections``: it has already read this text and found no section
    (its rules drop numbered table rows and numbered lines outside a Roman-numbered plan);
    this looser reading takes every numbered line as a heading, so that the clauses under
    it still get its flags and deadline."""
    heads: list[Section] = []
    roman = arabic = None
    for m in _HEAD_RE.finditer(v):
        if m.group("roman"):
            roman, arabic = m.group("roman"), None
            path, level = roman, 1
        elif m.group("num"):
            arabic = m.group("num")
            path, level = (f"{roman}.{arabic}" if roman else arabic), 2 if roman else 1
        else:
            nums = re.sub(r"\s+", "", m.group("dec")).split(".")
            path = ".".join(([roman] if roman else []) + nums)
            level = len(nums) + (1 if roman else 0)
        heads.append(Section(path=path, heading=m.group("head").strip(), level=level,
                             start=m.start(), end=len(v), heading_end=m.end()))
    for i, s in enumerate(heads):
        for t in heads[i + 1:]:
            if t.level <= s.level:
                s.end = t.start
                break
    return heads


def unmark(h: str) -> str:
    """``MARK_RE.sub(" ", h)``; every match holds one of "*#\\|`<_" or "---"."""
    if "---" in h or any(ch in h for ch in "*#\\|`<_"):
        return mark_re(h).sub(" ", h)
    return h
