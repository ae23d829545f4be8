"""The cleaned view of a document's text that the stages match on.

``View(text).text`` is ``text`` with Markdown marks dropped, hard-wrapped lines joined and
white space collapsed; ``View.pos`` / ``View.span`` map view offsets back to ``text``.
``view_of(text)`` is the view of the document being read, built once for the stages
(metadata, citations) that read the same text.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import Iterable

# the junk the view drops (Markdown emphasis, escapes, heading marks, sub/sup tags, table
# bars, rules), in its readable form
JUNK_RE = re.compile(r"\*+|\\(?=[*_#\[\]().-])|^#+ |</?su[bp]>|(?<=\s)\|(?=\s)|^\|$|[-_=]{3,}",
                     re.M)
# what the view changes: junk, and white space runs other than one space before a
# non-space (or the end), which the view keeps as it is:
#     JUNK_RE.pattern + r"|(?! (?!\s))\s+"
# written so that every alternative starts with a character of its own (the regex engine
# then skips to the characters that can start one): the same matches, five times faster
_SPACE_CHARS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
                "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")   # \s, Unicode 14


def _space_chars() -> str:
    if unicodedata.unidata_version == "14.0.0":
        return _SPACE_CHARS
    return "".join(re.findall(r"\s", "".join(map(chr, range(sys.maxunicode + 1)))))


def _ranges(chars: Iterable[int]) -> str:
    """A character class body for ``chars`` (code points, ascending), in ranges."""
    out: list[list[int]] = []
    run: list[int] = []
    for c in chars:
        if run and c != run[-1] + 1:
            out.append(run)
            run = []
        run.append(c)
    if run:
        out.append(run)
    return "".join(re.escape(chr(r[0])) + ("-" + re.escape(chr(r[-1])) if len(r) > 1 else "")
                   for r in out)


# a character after a line break that never joins the lines (neither lower case nor a
# digit), in the Latin and Vietnamese blocks (others are taken as joining: an event)
_NOT_JOINING = _ranges(c for c in [*range(0x21, 0x250), *range(0x1E00, 0x1F00)]
                       if not (chr(c).islower() or chr(c).isdigit() or chr(c).isspace()))
# a single line break is an event only when it may change something: after a character
# that ends junk or white space (or at the start), or before a character that may join
# the lines when no stop precedes.  After any other character the view copies it as it
# is: a line break ("\n" kept), the same text and offsets as the event would give
_NEWLINE = (r"\n(?:\s+|(?<=[\s*\\>|=_-]\n)|(?<=\A\n)"
            rf"|(?<![.:;!?]\n)(?![{_NOT_JOINING}]))")
_EVENTS = ([r"\*\**", r"\\(?=[*_#\[\]().-])", r"#(?<=^#)#* ", r"</?su[bp]>", r"\|(?<=\s\|)(?=\s)",
            r"\|(?<=^\|)$", r"-[-_=]{2,}", r"_[-_=]{2,}", r"=[-_=]{2,}", r" \s+", _NEWLINE]
           + [re.escape(c) + r"\s*" for c in _space_chars() if c not in " \n"])
_EVENT_RE = re.compile("|".join(_EVENTS), re.M)
# ... without the space runs (" \s+"): the same matches, three times faster (every space
# of the text is a place the full pattern must try), in a text where no space is followed
# by white space.  No "  " in the text, and no event of white space after a space: none is
# (another white space character after a space starts an event, "\n" too, if not already
# inside one: then the space is inside it too, as with the full pattern)
_EVENT_NO_RUN_RE = re.compile("|".join(e for e in _EVENTS if e != r" \s+"), re.M)


def _tail(pieces: list[str]) -> list[str]:
    """The last three characters of the text made of ``pieces`` (as a list)."""
    tail = ""
    for p in reversed(pieces):
        tail = p[-3:] + tail
        if len(tail) >= 3:
            break
    return list(tail[-3:])


class View:
    """``text`` cleaned for matching, and ``pos(i)`` mapping back to the source offset.

    Line breaks end blocks ("\\n") except hard wraps (see ``_block_break``), which
    become spaces; other white space runs become one space.
    """

    def __init__(self, source: str):
        self.source = source
        # the events without the space runs first (see _EVENT_NO_RUN_RE): given up, and
        # the text read again with them all, at the first space followed by white space
        if "  " in source or not self._read(source, _EVENT_NO_RUN_RE, True):
            self._read(source, _EVENT_RE, False)

    def _read(self, source: str, events: re.Pattern[str], no_runs: bool) -> bool:
        """Make the view with ``events``; False (given up) when ``no_runs`` and a space
        followed by white space is met."""
        pieces: list[str] = []     # the view text, in pieces
        # the map to the source, in runs: view offset seg_v[k] on maps to source offset
        # seg_s[k] on (a copied piece, or one separator character)
        seg_v: list[int] = []
        seg_s: list[int] = []
        vlen = 0
        pos = 0
        last = None                # the last character of the view so far
        for m in events.finditer(source):
            start = m.start()
            if start > pos:
                pieces.append(source[pos:start])
                seg_v.append(vlen)
                seg_s.append(pos)
                vlen += start - pos
                last = source[start - 1]
            pos = m.end()
            g = m.group()
            if not g.isspace():
                # junk dropped; a lone space right after it (left in the text by
                # _EVENT_RE) goes too when the view already ends with a separator
                if last is not None and last in " \n" and source[pos:pos + 1] == " " \
                        and not source[pos + 1:pos + 2].isspace():
                    pos += 1
                continue
            if no_runs and start and source[start - 1] == " ":
                return False
            if g == "\n" and last is not None and not last.isspace():
                # one line break after a letter, digit or mark (the usual case): what
                # ``_block_break`` decides, read from the last character of the view
                nxt = source[pos:pos + 1]
                if not nxt or last in ".:;!?":
                    sep = "\n"
                elif nxt.islower():
                    sep = " "
                else:
                    sep = " " if nxt.isdigit() and last.islower() else "\n"
            elif "\n" in g:
                # (``_block_break`` says yes to two line breaks before it reads the tail)
                sep = "\n" if g.count("\n") >= 2 or self._block_break(source, m, _tail(pieces)) else " "
            else:
                sep = " "
            if last is not None and last in " \n":
                if sep == "\n":
                    pieces[-1] = pieces[-1][:-1] + "\n"
                    last = "\n"
                continue
            pieces.append(sep)
            seg_v.append(vlen)
            seg_s.append(start)
            vlen += 1
            last = sep
        pieces.append(source[pos:])
        if len(source) > pos:
            seg_v.append(vlen)
            seg_s.append(pos)
            vlen += len(source) - pos
        self.text = "".join(pieces)
        self._n = vlen             # == len(self.text)
        self._seg_v = seg_v
        self._seg_s = seg_s
        return True

    @staticmethod
    def _block_break(source: str, m: re.Match[str], out: list[str]) -> bool:
        """A line break ends a block unless it is a hard wrap: no stop before it and a
        lower-case letter (or a number after a lower-case word) after it."""
        g = m.group()
        if g.count("\n") >= 2:
            return True
        prev = "".join(out[-3:]).rstrip()
        nxt = source[m.end():m.end() + 1]
        if not prev or not nxt or prev[-1] in ".:;!?":
            return True
        if nxt.islower():
            return False
        return not (nxt.isdigit() and prev[-1].islower())

    def pos(self, i: int) -> int:
        """Offset in the source of position ``i`` of the view (``len`` maps to the end)."""
        if i >= self._n:
            return len(self.source)
        if i < 0:
            i += self._n                               # (as the list of offsets indexed)
            if i < 0:
                raise IndexError("list index out of range")
        k = bisect_right(self._seg_v, i) - 1
        return self._seg_s[k] + (i - self._seg_v[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source ``(start, end)`` of the view span ``[start, end)``."""
        if end <= start:
            return self.pos(start), self.pos(start)
        return self.pos(start), self.pos(end - 1) + 1


@lru_cache(maxsize=1)
def view_of(text: str) -> View:
    """``View(text)``, kept for the last text asked for: the stages of one document share it
    (one entry: a worker reads one document at a time)."""
    return View(text)
