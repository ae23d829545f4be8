"""Block rules: where a block (heading, list item, paragraph) starts, and hard-wrapped
lines re-joined into blocks."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat

from pipeline.normalise.rules import rules
from pipeline.text.spans import Span

_NOT_ALNUM_RE = re.compile(r"[\W\d_]+")    # all but letters (and a few non-decimal numerals)


def _letters(s: str) -> str:
    """The letters of ``s`` (``str.isalpha`` characters), in order."""
    letters = _NOT_ALNUM_RE.sub("", s)
    if letters.isalpha() or not letters:
        return letters
    return "".join(c for c in letters if c.isalpha())     # "²", "½", "Ⅻ" are no letters


def is_caps(s: str, min_words: int = 2) -> bool:
    """An all-capitals line of at least ``min_words`` words ("KẾ HOẠCH", "II. NỘI DUNG")."""
    n = _caps_words(s)
    return n is not None and n >= min_words


_ASCII_LOWER = re.compile("[a-z]").search


@lru_cache(maxsize=1024)
def _caps_words(s: str):
    """None unless the letters of ``s`` are capitals (two or more); else how many of its
    words hold a letter.  Cached: a line is asked about as ``line``, then as ``prev``."""
    if _ASCII_LOWER(s):         # a lower-case letter: not capitals (the usual case, fast)
        return None
    letters = _letters(s)
    if len(letters) < 2 or not letters.isupper():
        return None
    return sum(1 for w in s.split() if _letters(w))


@lru_cache(maxsize=2048)
def marker(s: str):
    """Name of the block-start pattern ``s`` begins with, or None."""
    rx = _marker_re()
    if rx is not None:
        m = rx.match(s)
        return None if m is None else m.lastgroup
    for name, rx in rules()["block_start"].items():
        if rx.match(s):
            return name
    return None


@lru_cache(maxsize=1)
def _marker_re():
    """One alternation of the block-start patterns, in their order, each in a group named
    after it: the first alternative that matches is the first pattern that matches.  None
    (test them one by one) when a pattern has groups or flags of its own."""
    d = rules()["block_start"]
    if any(rx.groups or rx.flags & ~re.UNICODE for rx in d.values()) \
            or not all(name.isidentifier() for name in d):
        return None
    try:
        return re.compile("|".join(f"(?P<{name}>{rx.pattern})" for name, rx in d.items()))
    except re.error:
        return None


NUMBERING = {"roman", "roman_dash", "arabic", "decimal", "letter", "paren_number", "bullet"}


@lru_cache(maxsize=2048)
def _only_marker(s: str) -> bool:
    """A line holding just a number ("I.", "2.3.", "Số:", "Điều 1.") continues on the next
    line."""
    name = marker(s)
    if name in ("article", "part"):            # "Điều 1." then its text on the next line
        return not rules()["block_start"][name].sub("", s, count=1).strip(" .:")
    if name not in NUMBERING and name != "number_line":
        return False
    return not rules()["block_start"][name].sub("", s, count=1).strip()


def detect_mode(lines: list[Span], texts: list[str] | None = None) -> str:
    """``unwrapped`` (one block per line already), ``wrapped`` (paragraphs separated by
    blank lines, lines broken inside them) or ``wrapped-dense`` (broken, no blank lines).
    ``texts``: the lines' texts stripped, when the caller has them."""
    if texts is None:
        texts = [l.text.strip() for l in lines]
    n = len(texts)
    while n and not texts[n - 1]:          # the final newline is no blank line
        n -= 1
    body = [t for t in texts if t and t != "|"]
    if len(body) < 5:
        return "unwrapped"
    long_share = sum(1 for t in body if len(t) > 120) / len(body)
    if long_share > 0.05:
        return "unwrapped"
    open_share = (len(body) - _count_ends(body)) / len(body)
    if open_share < 0.3:
        return "unwrapped"
    blanks = texts.count("") - (len(texts) - n)
    return "wrapped" if blanks / len(body) > 0.1 else "wrapped-dense"


@lru_cache(maxsize=2048)
def ends_sentence(s: str) -> bool:
    return _end_search(s)


#: the shipped ``sentence_end`` pattern: every match is at most 3 characters long and ends
#: at the end of the string (or before a final newline), with no look-behind, ``^`` or ``\b``
_TAIL_SAFE_END = r"""(?:[.:;!?…]|\./\.|[.;:]["”’)]|\)\.?)$"""
#: ... and a string without a final newline matches it if and only if it ends with one of
#: these (tests/test_normalise.py checks it on every short string of its characters)
TAIL_SAFE_ENDINGS = (".", ":", ";", "!", "?", "…", ")",
                     *(a + b for a in ".;:" for b in "\"”’"))


def _count_ends(texts: list[str]) -> int:
    """How many of ``texts`` (no final newline) end a sentence."""
    rx = rules()["sentence_end"]
    if rx.pattern == _TAIL_SAFE_END and not rx.flags & ~re.UNICODE:
        return sum(map(str.endswith, texts, repeat(TAIL_SAFE_ENDINGS)))
    end = _end_searcher()
    return sum(1 for t in texts if end(t))


@lru_cache(maxsize=1)
def _end_searcher():
    rx = rules()["sentence_end"]
    if rx.pattern == _TAIL_SAFE_END and not rx.flags & ~re.UNICODE:
        ends = TAIL_SAFE_ENDINGS
        return lambda s: s.endswith(ends) or s[-1:] == "\n" and s[:-1].endswith(ends)
    return lambda s: rx.search(s) is not None


def _end_search(s: str) -> bool:
    """``bool(rules()["sentence_end"].search(s))``, fast."""
    return _end_searcher()(s)


def starts_block(prev: str, line: str, block_head: str, mode: str,
                 standalone: bool = True) -> bool:
    """Does ``line`` begin a new block after ``prev`` (both already free of marks)?

    ``block_head`` is the first line of the block ``prev`` belongs to; ``standalone``
    False: neither line can hold the motto or the state name (``may_stand_alone``).
    """
    if _only_marker(prev):
        return False
    r = rules()
    if len(prev) < 8 and r["part_word"].match(prev) and r["part_number"].match(line):
        return False                   # "Phần" / "I. DANH MỤC …": the part's number went on
    if mode == "unwrapped":
        return True
    if standalone and (r["standalone"].match(line) or r["standalone"].fullmatch(prev)):
        return True
    name = marker(line)
    if name:
        if name == "bullet":
            # "giai đoạn 2016\n- 2020", "kinh tế\n- xã hội": a wrapped sentence goes on
            if r["bullet_continuation"].match(line) and not ends_sentence(prev):
                return False
            if marker(block_head) or ends_sentence(prev) or prev.endswith(","):
                return True
            # "Công an thành phố\n- Thường trực tham mưu": continuation inside a paragraph
            return not prev[-1:].isalnum()
        if name == "place_date":      # "Thành phố Hồ\nChí Minh, ngày 19 …" is one line
            return ends_sentence(prev) or is_caps(prev) or marker(prev) == "number_line"
        # (every tail is a few words long: search the end of the line only)
        return not r["continuation_tail"].search(prev, max(0, len(prev) - 40))
    # (``is_caps`` read once per line: None, or how many words hold a letter)
    pw, lw = _caps_words(prev), _caps_words(line)
    if pw is None and lw is None and mode == "wrapped":      # the usual case: no capitals
        return False
    prev_caps, line_caps = pw is not None and pw >= 2, lw is not None and lw >= 1
    prev_caps1 = pw is not None and pw >= 1
    if prev_caps and not line_caps and any(c.islower() for c in line):
        return True
    if line_caps and lw >= 2 and not prev_caps1 and (ends_sentence(prev) or mode == "layout"):
        return True
    if mode == "wrapped-dense" and ends_sentence(prev):
        first = line.lstrip("(\"“'‘[")[:1]
        return first.isupper() or first.isdigit()
    if mode == "layout" and line_caps != prev_caps1:
        return True
    return False


def bold_blocks(lines: list[Span]) -> set[int]:
    """Indices of the lines that start a block because a bold run covering whole lines
    ("**QUYẾT ĐỊNH**", "**ỦY BAN NHÂN\\nDÂN**") begins or ends there: in a text without
    blank lines, such a run is a heading or a header line of its own."""
    starts: set[int] = set()
    run_start: int | None = None       # first line of an open run that began a line
    inside = False
    for i, line in enumerate(lines):
        t = line.text.strip()
        n = t.count("**")
        if not n:
            continue
        if not inside:
            if t.startswith("**"):
                inside = n % 2 == 1
                run_start = i if inside else None
                if not inside and n == 2 and t.endswith("**") and len(t) > 4:
                    starts.add(i)
                    if not _bare_marker(t):
                        starts.add(i + 1)
            else:
                inside, run_start = n % 2 == 1, None
            continue
        inside = n % 2 == 0
        if not inside:
            if run_start is not None and n == 1 and t.endswith("**"):
                starts.add(run_start)
                if not _bare_marker(t):
                    starts.add(i + 1)
            run_start = None
    return starts


def _bare_marker(t: str) -> bool:
    """A bold line that is only a number ("**Điều 1.**", "**2.**"): its text follows."""
    plain = t.replace("*", "").strip()
    name = marker(plain)
    return bool(name) and not rules()["block_start"][name].sub("", plain, count=1).strip(" .:)")


def rewrap(lines: list[Span], mode: str, starts: set[int] | None = None,
           standalone: bool = True) -> list[Span]:
    """Join the lines of one group into blocks (Spans); a line whose index is in
    ``starts`` always begins a block (``standalone``: see ``starts_block``)."""
    cur: list[Span]
    blocks, cur, head, prev = [], [], "", ""
    # the usual case, tested here first: in a wrapped text a line with a lower-case letter
    # and no marker after a line with a lower-case letter goes on (``starts_block`` says so)
    plain = mode == "wrapped" and not standalone
    rx = _marker_re()
    match = marker if rx is None else rx.match        # (None: no marker)
    lower = prev_lower = False
    for i, line in enumerate(lines):
        t = line.text
        if not t:
            continue
        if plain:
            lower = _ASCII_LOWER(t) is not None
        if cur:
            if starts and i in starts:
                brk = True
            elif lower and prev_lower and match(t) is None:
                brk = False
            else:
                brk = starts_block(prev, t, head, mode, standalone)
            if brk:
                blocks.append(cur[0] if len(cur) == 1 else Span.join(" ", cur))
                cur = []
        if not cur:
            head = t
        cur.append(line)
        prev, prev_lower = t, lower
    if cur:
        blocks.append(cur[0] if len(cur) == 1 else Span.join(" ", cur))
    return blocks


@lru_cache(maxsize=1)
def _standalone_local() -> bool:
    """Does the ``standalone`` pattern match inside a line only where it matches in a
    longer text holding that line?  (No anchors, look-arounds, word boundaries, atomic
    groups or possessive repeats.)"""
    src = rules()["standalone"].pattern.replace("(?:", "")
    return not any(x in src for x in ("^", "$", "\\b", "\\B", "\\A", "\\Z", "(?", "++", "*+",
                                      "?+", "}+"))


def may_stand_alone(text: str) -> bool:
    """Can a line or a block made of the lines in ``text`` (the non-empty lines of a
    group joined by spaces) hold the motto or the state name?  One search for the group
    instead of one per line and block."""
    if not _standalone_local():
        return True
    r = rules()
    heads = r["standalone_heads"]
    if heads is not None and not any(map(text.__contains__, heads)):
        return False                  # (a substring test: many times faster than a search)
    return r["standalone"].search(text) is not None


def split_standalone(block: Span) -> list[Span]:
    """Put the motto and the state name on lines of their own."""
    rx = rules()["standalone"]
    if not rx.search(block.text):
        return [block]
    out, last = [], 0
    for m in rx.finditer(block.text):
        out.extend([block[last:m.start()], block[m.start():m.end()]])
        last = m.end()
    out.append(block[last:])
    return [b.strip(" ") for b in out if b.text.strip(" ")]

