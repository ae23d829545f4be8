"""Normalise raw text into ``Document.text``: one block per line.

Conventions of the result (every offset in the pipeline points into it):

- NFC; no zero-width characters; non-breaking and odd spaces become " "; "\\r\\n" -> "\\n";
- one block per line (a heading, a paragraph, a list item, a header field), no blank lines;
  runs of spaces folded to one, no leading/trailing spaces;
- hard-wrapped lines re-joined into whole paragraphs (a single space where the break was);
- no Markdown marks (``**``, ``*``, ``#``, ``\\*`` escapes, table pipes, ``---`` rules,
  ``___`` underlines, inline HTML tags); a bullet written ``* x`` or ``\\* x`` stays ``* x``;
- the two-column header block becomes readable lines ("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 182/KH-UBND",
  "Đồng Nai, ngày 20 tháng 11 năm 2025");
- content tables (three or more columns): one row per line, cells separated by "\\t".

``normalise(raw, fmt)`` returns ``(text, OffsetMap)``; the map links offsets in ``text``
to offsets in ``raw`` (see ``pipeline.offsets``).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import yaml

#: libyaml's safe loader when PyYAML has it (same documents, ten times faster)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from pipeline.text.spans import OffsetMap, Span
from pipeline import data

__all__ = ["normalise", "OffsetMap", "Span", "clean_chars", "strip_marks"]

DATA = data.path("normalise.yaml")


@lru_cache(maxsize=1)
def rules() -> dict:
    """Compiled patterns from ``data/normalise.yaml``."""
    d = yaml.load(DATA.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    return {
        "drop": set(d["drop_chars"]),
        "space": set(d["space_chars"]),
        "block_start": {k: re.compile(v) for k, v in d["block_start"].items()},
        "bullet_continuation": re.compile(d["bullet_continuation"]),
        "continuation_tail": re.compile(d["continuation_tail"]),
        "standalone": re.compile("|".join(f"(?:{p})" for p in d["standalone"])),
        "sentence_end": re.compile(d["sentence_end"]),
        "rule_line": re.compile(d["rule_line"]),
        "underline_run": re.compile(d["underline_run"]),
        "html_tag": re.compile(d["html_tag"], re.I),
        "html_break": re.compile(d["html_break"], re.I),
    }


# ---------------------------------------------------------------- characters

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
def _special_re(keep_tabs: bool) -> re.Pattern:
    """The characters ``clean_chars`` changes in NFC text: "\\r\\n"/"\\r", dropped characters,
    odd spaces (and tabs unless ``keep_tabs``), line separators, other control characters."""
    r = rules()
    drop, space = r["drop"], r["space"]
    if not keep_tabs:
        space = space | {"\t"}
    chars = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | drop | space | set("\u2028\u2029\x85")
    chars.discard("\r")
    cls = "".join(sorted(re.escape(c) for c in chars))
    return re.compile(rf"\r\n?|[{cls}]")


def _clean_normal(raw: str, special: re.Pattern, drop: set, space: set) -> Span:
    """``clean_chars`` for NFC text: copy the runs between special characters (same rules,
    same order of tests as the character loop)."""
    text, segs = [], []
    last = 0
    for m in special.finditer(raw):
        i = m.start()
        if i > last:
            text.append(raw[last:i])
            segs.append((last, i - last, 1))
        last = m.end()
        ch = raw[i]
        if ch == "\r":
            text.append("\n")
            segs.append((i, 1, 1))
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


# ---------------------------------------------------------------- Markdown marks

_STARS = re.compile(r"(?<!\\)\*+")
_LEAD_BULLET = re.compile(r"^\s*(?:\\)?\*(?=\s+[^\s*])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_ESCAPE = re.compile(r"\\([*_#|\-.+()\[\]`~>!\\])")
_SPACES = re.compile(r"[ \u00a0]{2,}")
_ONLY_MARKS = re.compile(r"^[\s*_#|>~`-]*$")
#: a line without any of these needs no ``strip_marks`` step after the first two
_ANY_MARK = re.compile(r"[<#*\\_]|---|==").search


def _star_repl(m: re.Match) -> str:
    """A removed emphasis mark becomes a space when it separated "1." from "Tiếp"."""
    s, a, b = m.string, m.start(), m.end()
    before = s[a - 1] if a else ""
    after = s[b] if b < len(s) else ""
    if before in ".):;," and after.isalpha():
        return " "
    return ""


def strip_marks(line: Span, bullet_ok: bool = True) -> Span:
    """Remove Markdown/HTML marks from one line (not table pipes).

    A leading "* " is kept as a bullet when ``bullet_ok`` (see ``_star_bullets``).
    """
    r = rules()
    t = line.text
    head = t.lstrip()[:1]
    if not head:
        return line[:0]
    # a line of marks only (a rule, a lone "|") cannot begin with a letter or digit
    if not head.isalnum() and (r["rule_line"].match(t) or _ONLY_MARKS.match(t)):
        return line[:0]
    if _ANY_MARK(t) is None:        # nothing below applies
        return line
    if "<" in t:
        line = line.sub(r["html_break"], " ").sub(r["html_tag"], "")
    if "#" in t:
        line = line.sub(_HEADING, "")
    if "*" in line.text:
        bullet = _LEAD_BULLET.match(line.text)
        if bullet and bullet_ok and "\\" not in bullet.group(0):
            head, rest = line[:bullet.end()], line[bullet.end():]
            line = head.strip() + rest.sub(_STARS, _star_repl)
        else:
            line = line.sub(_STARS, _star_repl)
    if "\\" in line.text:
        line = line.sub(_ESCAPE, "", keep=1)
    if "_" in line.text or "---" in line.text or "==" in line.text:
        line = line.sub(r["underline_run"], " ")
    return line


def fold_spaces(s: Span) -> Span:
    if "  " in s.text:
        s = s.sub(_SPACES, " ")
    return s.strip(" ")


# ---------------------------------------------------------------- structure

_PIPE_SPLIT = re.compile(r"\s*\|\s*")
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _is_pipe(line: Span) -> bool:
    return line.text.strip() == "|"


def _split_pipes(line: Span) -> list:
    """Split a line at ``|`` cell separators (pipes themselves dropped)."""
    parts, last = [], 0
    for m in _PIPE_SPLIT.finditer(line.text):
        parts.append(line[last:m.start()])
        last = m.end()
    parts.append(line[last:])
    return parts


def _is_md_row(line: Span) -> bool:
    t = line.text.strip()
    return len(t) > 2 and t.startswith("|") and t.endswith("|") and t.count("|") >= 3


def _read_pipe_table(lines: list, i: int):
    """Parse a crawl table: cells between lines holding only "|", rows split by "|\\n|".

    Returns (rows, next index); each row is a list of cells, each cell a list of lines.
    """
    n = len(lines)
    rows, row, cell = [], [], None
    while i < n:
        line = lines[i]
        if _is_pipe(line):
            if cell is None:                 # "|" "|": row boundary (or table start)
                if row:
                    rows.append(row)
                    row = []
            else:
                row.append(cell)
            cell = None
            nxt = lines[i + 1].text.strip() if i + 1 < n else ""
            if not nxt:                       # "|" then a blank line (or the end): table over
                i += 1
                break
            cell = [] if nxt != "|" else None
            i += 1
            continue
        if cell is None:
            cell = []
        cell.append(line)
        i += 1
    if cell:
        row.append(cell)
    if row:
        rows.append(row)
    return rows, i


def _table_groups(rows: list) -> list:
    """Layout tables (at most two columns: header block, signature) give one group per
    cell; content tables one row group per row."""
    if max((len(r) for r in rows), default=0) <= 2:
        return [("cell", cell) for row in rows for cell in row]
    return [("row", row) for row in rows]


def structure(lines: list) -> list:
    """Group lines into ("para", lines) | ("cell", lines) | ("row", cells) | ("break", None)."""
    groups, para = [], []

    def flush():
        nonlocal para
        if para:
            groups.append(("para", para))
            para = []

    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        t = line.text.strip()
        if t == "|":
            flush()
            rows, i = _read_pipe_table(lines, i)
            groups.extend(_table_groups(rows))
            continue
        if _is_md_row(line):
            flush()
            rows = []
            while i < n and (_is_md_row(lines[i]) or _MD_SEPARATOR.match(lines[i].text)):
                if not _MD_SEPARATOR.match(lines[i].text):
                    cells = _split_pipes(lines[i].strip())[1:-1]
                    rows.append([[c] for c in cells])
                i += 1
            groups.extend(_table_groups(rows))
            continue
        if not t:
            flush()
            groups.append(("break", None))
            i += 1
            continue
        if "|" in t and (" | " in t or t.endswith(" |") or t.startswith("| ")):
            parts = _split_pipes(line)
            for k, part in enumerate(parts):
                if part.text.strip():
                    para.append(part)
                if k < len(parts) - 1:
                    flush()
            i += 1
            continue
        para.append(line)
        i += 1
    flush()
    return groups


# ---------------------------------------------------------------- paragraphs

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
    """A line holding just a number ("I.", "2.3.", "Số:") continues on the next line."""
    name = marker(s)
    if name not in NUMBERING and name != "number_line":
        return False
    return not rules()["block_start"][name].sub("", s, count=1).strip()


def detect_mode(lines: list) -> str:
    """``unwrapped`` (one block per line already), ``wrapped`` (paragraphs separated by
    blank lines, lines broken inside them) or ``wrapped-dense`` (broken, no blank lines)."""
    texts = [l.text.strip() for l in lines]
    body = [t for t in texts if t and t != "|"]
    if len(body) < 5:
        return "unwrapped"
    long_share = sum(len(t) > 120 for t in body) / len(body)
    end = _end_searcher()
    open_share = sum(not end(t) for t in body) / len(body)
    if long_share > 0.05 or open_share < 0.3:
        return "unwrapped"
    blanks = sum(1 for t in texts if not t)
    return "wrapped" if blanks / len(body) > 0.1 else "wrapped-dense"


@lru_cache(maxsize=2048)
def _ends_sentence(s: str) -> bool:
    return _end_search(s)


#: the shipped ``sentence_end`` pattern: every match is at most 3 characters long and ends
#: at the end of the string (or before a final newline), with no look-behind, ``^`` or ``\b``
#: so searching its last 8 characters finds the same
_TAIL_SAFE_END = r"""(?:[.:;!?…]|\./\.|[.;:]["”’)]|\)\.?)$"""


@lru_cache(maxsize=1)
def _end_searcher():
    rx = rules()["sentence_end"]
    if rx.pattern == _TAIL_SAFE_END and not rx.flags & ~re.UNICODE:
        search = rx.search
        return lambda s: search(s, len(s) - 8 if len(s) > 8 else 0) is not None
    return lambda s: rx.search(s) is not None


def _end_search(s: str) -> bool:
    """``bool(rules()["sentence_end"].search(s))``, fast."""
    return _end_searcher()(s)


def starts_block(prev: str, line: str, block_head: str, mode: str) -> bool:
    """Does ``line`` begin a new block after ``prev`` (both already free of marks)?

    ``block_head`` is the first line of the block ``prev`` belongs to.
    """
    r = rules()
    if _only_marker(prev):
        return False
    if mode == "unwrapped":
        return True
    if r["standalone"].match(line) or r["standalone"].fullmatch(prev):
        return True
    name = marker(line)
    if name:
        if name == "bullet":
            # "giai đoạn 2016\n- 2020", "kinh tế\n- xã hội": a wrapped sentence goes on
            if r["bullet_continuation"].match(line) and not _ends_sentence(prev):
                return False
            if marker(block_head) or _ends_sentence(prev) or prev.endswith(","):
                return True
            # "Công an thành phố\n- Thường trực tham mưu": continuation inside a paragraph
            return not prev[-1:].isalnum()
        if name == "place_date":      # "Thành phố Hồ\nChí Minh, ngày 19 …" is one line
            return _ends_sentence(prev) or is_caps(prev) or marker(prev) == "number_line"
        return not r["continuation_tail"].search(prev)
    prev_caps, line_caps = is_caps(prev), is_caps(line, 1)
    if prev_caps and not line_caps and any(c.islower() for c in line):
        return True
    if line_caps and is_caps(line) and not is_caps(prev, 1) and (_ends_sentence(prev) or mode == "layout"):
        return True
    if mode == "wrapped-dense" and _ends_sentence(prev):
        first = line.lstrip("(\"“'‘[")[:1]
        return first.isupper() or first.isdigit()
    if mode == "layout" and line_caps != is_caps(prev, 1):
        return True
    return False


def rewrap(lines: list, mode: str) -> list:
    """Join the lines of one group into blocks (Spans)."""
    blocks, cur, head, prev = [], [], "", ""
    for line in lines:
        t = line.text
        if not t:
            continue
        if cur and starts_block(prev, t, head, mode):
            blocks.append(Span.join(" ", cur))
            cur = []
        if not cur:
            head = t
        cur.append(line)
        prev = t
    if cur:
        blocks.append(Span.join(" ", cur))
    return blocks


def split_standalone(block: Span) -> list:
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


def _split_tabs(line: Span) -> list:
    parts, last = [], 0
    for i, ch in enumerate(line.text):
        if ch == "\t":
            parts.append(line[last:i])
            last = i + 1
    parts.append(line[last:])
    return parts


def _paragraphs(lines: list) -> list:
    """Groups of lines separated by blank lines."""
    groups, para = [], []
    for line in lines + [Span()]:
        if line.text.strip():
            para.append(line)
        elif para:
            groups.append(("para", para))
            para = []
    return groups


def _clean(line: Span, markdown: bool, bullet_ok: bool = True) -> Span:
    return fold_spaces(strip_marks(line, bullet_ok) if markdown else line)


def _clean_lines(lines: list, markdown: bool, bullet_ok: bool) -> list:
    """``[_clean(l, markdown, bullet_ok) for l in lines]``.  In a Markdown group without
    marks or double spaces, a line that starts with a letter or digit and does not end
    with a space is already clean: it is passed through without the per-line steps."""
    if markdown:
        joined = "\n".join([l.text for l in lines])
        if "  " not in joined and _ANY_MARK(joined) is None:
            return [l if l.text[:1].isalnum() and l.text[-1:] != " " else _clean(l, True, bullet_ok)
                    for l in lines]
    return [_clean(l, markdown, bullet_ok) for l in lines]


def _star_bullets(lines: list) -> bool:
    """Is a leading "* " a bullet in this group?  Not when the group's star runs pair up:
    "* (Ban hành kèm theo …)*" is an italic line, "* Về công tác …" a bullet."""
    runs = sum(len(_STARS.findall(l.text)) for l in lines if "*" in l.text)
    return runs % 2 == 1


def layout(lines: list, fmt: str) -> list:
    """Lines (Spans) -> blocks (Spans), one per output line.

    txt/md: Markdown crawl structure, marks stripped, wrapping detected.  docx/pdf: the
    ingest already separates blocks by blank lines; lines inside a block are joined
    (docx: header-cell rules, pdf: wrapped-paragraph rules).
    """
    markdown = fmt in ("txt", "md")
    if markdown:
        mode = detect_mode(lines)
        groups = structure(lines)
    else:
        mode = "layout" if fmt == "docx" else "wrapped"
        groups = _paragraphs(lines)
    blocks, last_para = [], False
    for kind, body in groups:
        if kind == "break":
            continue
        if kind == "para" and not markdown and len(body) == 1 and "\t" in body[0].text:
            kind, body = "row", [[c] for c in _split_tabs(body[0])]
        if kind == "row":
            cells = [Span.join(" ", [c for c in (_clean(l, markdown) for l in cell) if c.text])
                     for cell in body]
            while cells and not cells[-1].text:
                cells.pop()
            if any(c.text for c in cells):
                blocks.append(Span.join("\t", cells))
            last_para = False
            continue
        bullet_ok = not markdown or _star_bullets(body)
        cleaned = _clean_lines(body, markdown, bullet_ok)
        group_mode = "layout" if kind == "cell" else mode
        new = [x for b in rewrap(cleaned, group_mode) for x in split_standalone(b)]
        if new and kind == "para" and last_para and _continues(blocks[-1].text, new[0].text):
            blocks[-1] = Span.join(" ", [blocks[-1], new.pop(0)])
        blocks.extend(new)
        last_para = kind == "para" and bool(new or last_para)
    return [b for b in blocks if b.text.strip()]


def _continues(prev: str, line: str) -> bool:
    """A paragraph cut by a stray blank line: "phòng,\n\nchống mại dâm …"."""
    return bool(line[:1].islower() and not marker(line) and prev and not _ends_sentence(prev))


def normalise(raw: str, fmt: str = "txt"):
    """Raw text of a source -> (normalised text, OffsetMap into ``raw``)."""
    fmt = (fmt or "txt").lower().lstrip(".")
    span = clean_chars(raw, keep_tabs=(fmt == "docx"))
    lines = span.split_lines()
    if fmt == "docx":
        lines = [l.sub(r" *\t *", "\t") for l in lines]
    out = Span.join("\n", layout(lines, fmt))
    return out.text, out.to_map(len(raw))
