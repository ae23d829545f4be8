"""The section tree: numbered headings as Sections, letters and bullets as Items.

``parse_sections(doc) -> (sections, items)``.  Paths follow ``corpus/ANNOTATION.md``:
"II.3", "III.1.2", "Điều 1", "PL.I", "PL.I.1".  Order wins over printed numbers (a second
"7." after "7." is "8").  Cues and patterns live in ``data/headings.yaml``.

Rules, in short:
- Levels: Roman 1, Arabic 2, decimal 3 (Arabic is level 1 in a document without Roman
  headings); appendices, parts ("Phần", "Chương", "A.") and articles wrap what follows.
- Roman headings must follow the sequence I, II, III … (a repeat or one skipped number is a
  misprint and still counts); Arabic numbering restarts under each Roman heading.
- Numbered lines before the first Roman heading, numbered table rows, and anything in the
  recipients/signature block are not sections; an appendix or an attached document (a new
  "I.", "Điều 1", "Chương I") starts again.  A decision with an attached plan gives the
  plan's tree; without one, its articles.
- A group of Arabic siblings made only of one-paragraph sentences counts as sections, or
  as numbered Items with ``numbered_paragraphs: items`` in the YAML (the gold files differ).
- Hard-wrapped lines (a line starting in lower case, an open "**") join their paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import yaml

from pipeline.document import Item, Section
from pipeline import data

DATA = data.path("headings.yaml")
# libyaml's safe loader when PyYAML has it (same data, several times faster)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
PART_RANK = {"Phần": 0, "Chương": 1, "Mục": 2}      # lettered parts "A." rank 1.5
HEADING_KINDS = ("roman", "arabic", "decimal", "article", "part", "appendix")


@lru_cache(maxsize=1)
def cues() -> dict:
    raw = yaml.load(DATA.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    c = dict(raw)
    for key in ("appendix", "part", "letter_part", "article", "roman", "roman_cell", "decimal", "arabic", "letter",
                "letter_dot", "number_paren", "bullet"):
        c[key] = re.compile(raw[key])
    c["signature"] = [re.compile(p) for p in raw["signature"]]
    c["abbreviations"] = set(raw.get("abbreviations") or [])
    return c


def roman_value(s: str) -> Optional[int]:
    """Value of a Roman numeral, or None if ``s`` is not a well-formed one."""
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if total and to_roman(total) == s.upper() else None


def to_roman(n: int) -> str:
    out = []
    for v, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                   (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


_MD = re.compile(r"[*_#`\\]+")


def clean(s: str) -> str:
    """Markdown marks removed, white space folded."""
    if "*" in s or "_" in s or "#" in s or "`" in s or "\\" in s:
        s = _MD.sub("", s)
    # already folded: every white-space character but " " is non-printable
    if s.isprintable() and "  " not in s and not s.startswith(" ") and not s.endswith(" "):
        return s
    return " ".join(s.split())


@dataclass
class Block:
    """A paragraph: one line, plus continuation lines of a hard-wrapped source."""
    start: int
    end: int
    body_start: int            # offset after leading Markdown marks
    body: str                  # the text from body_start, Markdown escapes removed
    kind: str = "text"         # roman arabic decimal article part appendix letter bullet number text signature
    num: str = ""
    marker: str = ""
    text_start: int = 0        # offset of the text after the number/marker
    value: int = 0
    extra: dict = field(default_factory=dict)
    cbody: Optional[str] = field(default=None, repr=False, compare=False)   # clean(body), cached


def _lead(line: str) -> int:
    """Length of the leading white space and Markdown marks ("## **", "*", "\\")."""
    i, n = 0, len(line)
    while i < n and line[i] in " \t>":
        i += 1
    while i < n and line[i] == "#":
        i += 1
    while i < n and line[i] in " \t":
        i += 1
    while i < n:
        if line.startswith("**", i) and i + 2 < n and not line[i + 2].isspace():
            i += 2
        elif line[i] in "*_" and i + 1 < n and not line[i + 1].isspace() and line[i + 1] not in "*_":
            i += 1
        elif line[i] in " \t" and i > 0 and line[i - 1] in "*_":
            i += 1
        else:
            break
    if i < n and line[i] == "\\" and i + 1 < n and line[i + 1] in "*-+":
        i += 1
    return i


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


_LEAD_CHARS = frozenset(" \t>#*_\\")     # a line starting otherwise has no lead (_lead = 0)


def _blocks(text: str) -> list:
    """Non-empty lines, with hard-wrapped continuations joined to their paragraph."""
    blocks = []
    c = cues()
    item_rxs = tuple(c[k] for k in ("letter", "letter_dot", "number_paren", "bullet"))   # _is_item
    prev = None                   # blocks[-1]
    pos = 0
    for line in text.split("\n"):
        lpos = pos
        pos += len(line) + 1
        if not line or line.isspace():
            continue
        if line[0] in _LEAD_CHARS:
            lead = _lead(line)
            body = line[lead:]
        else:
            lead, body = 0, line
        cbody = clean(body)
        first = cbody[:1]
        stripped = line.rstrip()
        if prev is not None and (
                (body[:1] in ("-", "–") and _year_range(prev, body))
                or first and (first.islower() or _unfinished(prev, text))
                and not any(rx.match(cbody) for rx in item_rxs)):
            prev.end = lpos + len(stripped)
            prev.body = text[prev.body_start:prev.end].replace("\n", " ")
            prev.cbody = None
            continue
        prev = Block(lpos, lpos + len(stripped), lpos + lead, body.rstrip().replace("\\", ""),
                     cbody=cbody)             # cbody: the same as clean() of the stored body
        blocks.append(prev)
    return blocks


_YEAR_END = re.compile(r"\b(?:19|20)\d\d\W*$")
_YEAR_DASH = re.compile(r"[-–]\s*(?:19|20)\d\d\b")


def _year_range(prev: Block, body: str) -> bool:
    """"… giai đoạn 2026" / "- 2030 phấn đấu …": a range cut at its dash, not a bullet."""
    # the cheap test first: the line must start with a dash and a year
    return bool(_YEAR_DASH.match(body) and _YEAR_END.search(prev.body))


def _is_item(s: str) -> bool:
    c = cues()
    return any(c[k].match(s) for k in ("letter", "letter_dot", "number_paren", "bullet"))


def _unfinished(block: Block, text: str) -> bool:
    """A heading line whose bold mark is still open ("**I. MỤC ĐÍCH," / "YÊU CẦU**")."""
    if block.end - block.start >= 200:
        return False
    raw = text[block.start:block.end]
    return raw.count("**") % 2 == 1


_LETTER_DOT = re.compile(r"^[A-ZĐ]\.\s")
_ROW_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?\t")


# ---------------------------------------------------------------- fast paths for _classify

_CLASSIFY_KEYS = ("appendix", "part", "letter_part", "article", "roman", "roman_cell", "decimal",
                  "arabic", "letter", "letter_dot", "number_paren", "bullet")


def _first_chars(rx) -> Optional[frozenset]:
    """The characters a match of ``rx`` (at the start of a string) can begin with, or None
    when that cannot be told from the pattern (then it is always tried)."""
    try:
        try:
            from re import _parser as P
        except ImportError:              # Python < 3.11
            import sre_parse as P
        if rx.flags & re.IGNORECASE:
            return None

        def first(items):
            for op, av in items:
                if op is P.AT and av in (P.AT_BEGINNING, P.AT_BEGINNING_STRING):
                    continue             # zero width at the start
                if op is P.LITERAL:
                    return {chr(av)}
                if op is P.IN:
                    out = set()
                    for o, a in av:
                        if o is P.LITERAL:
                            out.add(chr(a))
                        elif o is P.RANGE:
                            out.update(map(chr, range(a[0], a[1] + 1)))
                        else:            # NEGATE, CATEGORY ...
                            return None
                    return out
                if op is P.BRANCH:
                    out = set()
                    for alt in av[1]:
                        f = first(alt)
                        if f is None:
                            return None
                        out |= f
                    return out
                if op is P.SUBPATTERN:
                    if av[1] & re.IGNORECASE:
                        return None
                    return first(av[-1])
                if op in (P.MAX_REPEAT, P.MIN_REPEAT) and av[0] >= 1:
                    return first(av[2])
                return None
            return None                  # the pattern can match an empty string

        f = first(P.parse(rx.pattern, rx.flags))
        return frozenset(f) if f is not None else None
    except Exception:
        return None


class _Firsts:
    """Which of the cue patterns can match a string that starts with a given character."""

    def __init__(self, rxs: tuple):
        self.sets = [(k, _first_chars(rx)) for k, rx in rxs]
        self.cache = {}

    def __call__(self, ch: str) -> frozenset:
        keys = self.cache.get(ch)
        if keys is None:
            keys = self.cache[ch] = frozenset(k for k, f in self.sets if f is None or ch in f)
        return keys


@lru_cache(maxsize=8)
def _firsts(rxs: tuple) -> _Firsts:
    return _Firsts(rxs)


@lru_cache(maxsize=8)
def _any_signature(rxs: tuple):
    """The signature patterns as one alternation (a match of any is a match of this), or
    None when they cannot be joined safely (back references, clashing groups, flags)."""
    if any(rx.flags & ~re.UNICODE or re.search(r"\\\d|\(\?P=|\(\?[aiLmsux(-]", rx.pattern) for rx in rxs):
        return None
    try:
        return re.compile("|".join("(?:%s)" % rx.pattern for rx in rxs))
    except re.error:
        return None


def _fast_paths(c: dict) -> tuple:
    return (_any_signature(tuple(c["signature"])),
            _firsts(tuple((k, c[k]) for k in _CLASSIFY_KEYS)))


def _classify(b: Block, c: dict, fast: Optional[tuple] = None) -> None:
    """Set the kind of block ``b``.  ``fast`` = ``_fast_paths(c)``: the signature patterns
    joined and the first-character filter (same result, fewer pattern calls)."""
    body = b.body
    plain = body.replace("*", "").replace("_", "")
    cbody = b.cbody
    if cbody is None:
        cbody = clean(body)
    sig, firsts = fast if fast else (None, None)
    if sig is not None:
        if sig.search(cbody):
            b.kind = "signature"
            return
    else:
        for rx in c["signature"]:
            if rx.search(cbody):
                b.kind = "signature"
                return
    if firsts is not None:
        ok = firsts(plain[:1])
        ok_bullet = firsts(body[:1])
    else:
        ok = ok_bullet = _CLASSIFY_KEYS
    m = c["appendix"].match(plain) if "appendix" in ok else None
    if m and len(cbody.split()) <= 40 and (plain[:7].isupper() or m.group("num")):
        b.kind, b.num = "appendix", m.group("num") or ""
        b.text_start = b.body_start          # the heading keeps its "PHỤ LỤC I"
        b.extra["bare"] = not clean(m.group("text"))
        return
    m = c["article"].match(plain) if "article" in ok else None
    if m:
        b.kind, b.num, b.value = "article", m.group("num"), int(m.group("num"))
        b.text_start = _offset(b, m.start("text"), plain)
        return
    m = c["part"].match(plain) if "part" in ok else None
    if m and len(cbody.split()) <= 30 and (
            not clean(m.group("text")) or _mostly_upper(m.group("text"))):
        b.kind, b.num = "part", f"{m.group('word').capitalize()} {m.group('num')}"
        b.text_start = _offset(b, m.start("text"), plain)
        return
    m = c["letter_part"].match(plain) if "letter_part" in ok else None
    if m and _mostly_upper(m.group("text")) and len(cbody.split()) <= 30 \
            and not roman_value(m.group("num")):
        b.kind, b.num = "part", m.group("num")
        b.text_start = _offset(b, m.start("text"), plain)
        return
    m = c["roman"].match(plain) if "roman" in ok else None
    if m and roman_value(m.group("num")):
        text = m.group("text")
        words = clean(text).split()
        if (words and (words[0][:1].isupper() or words[0][:1].isdigit())
                and not _LETTER_DOT.match(text)
                and (_mostly_upper(text) or len(words) <= c["roman_max_words"])):
            b.kind, b.num, b.value = "roman", m.group("num"), roman_value(m.group("num"))
            b.text_start = _offset(b, m.start("text"), plain)
            return
    m = c["roman_cell"].match(plain) if "roman_cell" in ok else None
    if m and roman_value(m.group("num")) and _mostly_upper(m.group("text")):
        b.kind, b.num, b.value = "roman", m.group("num"), roman_value(m.group("num"))
        b.text_start = _offset(b, m.start("text"), plain)
        b.extra["cell"] = True
        return
    if "\t" in body:                 # a numbered table row is an item, not a heading
        m = _ROW_NUMBER.match(plain)
        if m:
            b.kind, b.marker, b.text_start = "number", m.group(1), b.body_start
        return
    m = c["decimal"].match(plain) if "decimal" in ok else None
    first = clean(m.group("text"))[:1] if m else ""
    # "1.1 Mục tiêu" may drop its final dot; "2.5 triệu đồng" is a number, not a heading
    if m and first.isalpha() and (first.isupper() or plain[m.end("num")] == "."):
        b.kind, b.num = "decimal", m.group("num")
        b.value = int(b.num.split(".")[-1])
        b.text_start = _offset(b, m.start("text"), plain)
        return
    m = c["arabic"].match(plain) if "arabic" in ok else None
    if m:
        b.kind, b.num, b.value = "arabic", m.group("num"), int(m.group("num"))
        b.text_start = _offset(b, m.start("text"), plain)
        return
    for kind, key in (("letter", "letter"), ("letter", "letter_dot"),
                      ("number", "number_paren"), ("bullet", "bullet")):
        src = body if kind == "bullet" else plain
        if key not in (ok_bullet if kind == "bullet" else ok):
            continue
        m = c[key].match(src)
        if m:
            b.kind = kind
            b.marker = m.group("marker") if kind == "bullet" else "".join(
                src[:m.start("text")].split())          # "a)", "b.", "1)"
            b.text_start = b.body_start
            return


def _offset(b: Block, idx: int, plain: str) -> int:
    """Offset in the text of position ``idx`` of ``plain`` (body without * and _)."""
    raw = b.body
    j = k = 0
    while j < len(raw) and k < idx:
        if raw[j] not in "*_":
            k += 1
        j += 1
    while j < len(raw) and raw[j] in "*_ ":
        j += 1
    # raw had backslashes removed; they only precede the first mark, so shift is small
    return min(b.body_start + j, b.end)


_DIGIT = re.compile(r"\d")
_INLINE_COLON = re.compile(r":(\s+|\*+\s*)(?=\S)")
_SENTENCE_END = re.compile(r"[.!?](?=[\s*_]+[A-ZĐÀ-Ỹ\"“(])")
_LAST_WORD = re.compile(r"[\wĐđ]+$")


def _label(s: str) -> bool:
    """Text before a colon that reads as a heading of its own ("Công an tỉnh", "Công tác
    kiểm tra"), not a field name ("Thời gian", "Mục tiêu 4")."""
    return len(s.split()) >= 3 and not _DIGIT.search(s)


def _mostly_upper(s: str) -> bool:
    letters = [ch for ch in s if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)


def _heading(text: str, start: int, end: int, abbreviations: set, inline_body: bool):
    """Heading text and its end: the line up to its first sentence end, or, when the body
    follows on the same line, up to the ':' that introduces it."""
    raw = text[start:end].replace("\n", " ")
    cut = raw.find("\t") if "\t" in raw else len(raw)
    m = _INLINE_COLON.search(raw, 0, cut)
    if inline_body and m and clean(raw[m.end():cut]) and _label(clean(raw[:m.start()])):
        cut = m.start()
    for m in _SENTENCE_END.finditer(raw[:cut]):
        prev = _LAST_WORD.findall(raw[:m.start()])
        if prev and (prev[0] in abbreviations or len(prev[0]) == 1):
            continue
        cut = m.start()
        break
    head = clean(raw[:cut]).rstrip(" :.;,")
    return head, start + cut


# ---------------------------------------------------------------- the tree

@dataclass
class _Node:
    kind: str
    path: str
    level: int
    block: Block
    number: str
    counts: dict = field(default_factory=dict)   # children seen, by kind (order wins)
    rank: float = 0                              # parts: Phần 0 > Chương 1 > A. > Mục 2
    sub: dict = field(default_factory=dict)
    section: Optional[Section] = None            # the Section made for this node


def parse_sections(doc):
    """Return ``(sections, items)`` for ``doc.text``."""
    text = doc.text or ""
    c = cues()
    blocks = _blocks(text)
    fast = _fast_paths(c)
    for b in blocks:
        _classify(b, c, fast)
    _mark_scopes(blocks)
    _lists_to_items(blocks)
    sections = _build(blocks, text, c)
    items = _items(blocks, sections)
    return sections, items


def _mark_scopes(blocks: list) -> None:
    """Turn into plain text what cannot be a heading: out-of-sequence Roman numerals,
    numbered lines before the first Roman heading (when the document has some), everything
    in a signature block until an appendix or an attached document starts (a new "I.",
    "Điều 1", "Chương I"), and the decision's own articles when a document is attached."""
    romans_ok = _roman_sequence(blocks)
    for i, b in enumerate(blocks):
        if b.kind == "roman" and i not in romans_ok:
            b.kind = "text"
    first_roman = min(romans_ok) if romans_ok else None
    articles = [i for i, b in enumerate(blocks) if b.kind == "article"]
    attached = _attached_start(blocks)
    if articles and first_roman is not None and first_roman > articles[0]:
        attached = first_roman if attached is None else min(attached, first_roman)
    # the decision's own articles run up to its signature block
    decision_end = next((i for i, b in enumerate(blocks) if b.kind == "signature"
                         and articles and i > articles[0]), len(blocks))
    in_signature = False
    for i, b in enumerate(blocks):
        if b.kind == "signature":
            in_signature = True
            continue
        if b.kind == "appendix" or _starts_sequence(b):
            in_signature = False
        if in_signature and b.kind in HEADING_KINDS:
            b.kind = "text"
            continue
        if attached is not None and b.kind in ("article", "part") and (
                i < attached or (attached < decision_end and i < decision_end)):
            b.kind = "text"
        if b.kind == "article" and first_roman is not None and i > first_roman and not (
                attached is not None and attached > first_roman and i >= attached):
            b.kind = "text"              # "Điều 5. …" quoted inside a plan
        if first_roman is not None and i < first_roman and b.kind in ("arabic", "decimal"):
            b.kind = "number" if b.kind == "arabic" else "text"
            b.marker = b.num + "."


def _starts_sequence(b: Block) -> bool:
    """"I.", "Điều 1.", "Chương I" / "Phần thứ nhất": the first heading of a document."""
    if b.kind in ("roman", "article"):
        return b.value == 1
    if b.kind == "part":
        num = b.num.split(None, 1)[-1].lower()
        return num in ("a", "i", "1", "01", "thứ nhất", "thứ i")
    return False


def _attached_start(blocks: list) -> Optional[int]:
    """Index of the first heading of a document attached after the signature block."""
    seen_signature = False
    for i, b in enumerate(blocks):
        if b.kind == "signature":
            seen_signature = True
        elif seen_signature and b.kind in ("roman", "article", "part") and _starts_sequence(b):
            return i
    return None


def _roman_sequence(blocks: list) -> set:
    """Indices of Roman headings that follow the sequence I, II, III …  A repeat or one
    skipped number is a misprint and still counts; after a signature block only a new
    "I." (an attached plan) starts again, as after an appendix heading."""
    ok, last = set(), 0           # last accepted value; 0 = none, -1 = after a signature
    in_appendix = False           # table rows "I<TAB>…" head groups only in appendices
    for i, b in enumerate(blocks):
        if b.kind == "signature" and last > 0:
            last = -1
            in_appendix = False
        elif b.kind == "appendix":
            last = 0
            in_appendix = True
        elif b.kind == "part":
            last = 0
        elif b.kind == "roman" and b.extra.get("cell") and not in_appendix:
            continue
        elif b.kind == "roman":
            v = b.value
            if (v == 1 and last <= 0) or (last > 0 and v in (last, last + 1, last + 2)) \
                    or (last > 0 and v == 1 and _restart_ok(blocks, i)) \
                    or (v == 2 and last == 0 and _next_roman(blocks, i) == 3):
                ok.add(i)
                last = v
    return ok


def _next_roman(blocks, i) -> int:
    """Value of the next Roman candidate after block ``i`` (0 if none)."""
    return next((b.value for b in blocks[i + 1:] if b.kind == "roman"), 0)


def _restart_ok(blocks, i) -> bool:
    """A second "I." is a new sequence only when an appendix or title line precedes it."""
    for b in reversed(blocks[max(0, i - 4):i]):
        words = clean(b.body).upper()
        if b.kind == "appendix" or any(words.startswith(t) for t in cues()["attached_titles"]):
            return True
    return False


def _lists_to_items(blocks: list) -> None:
    """Arabic siblings that are all one-paragraph sentences form a list of Items."""
    groups, current = [], []
    for i, b in enumerate(blocks):
        if b.kind in ("roman", "article", "part", "appendix", "signature"):
            if current:
                groups.append(current)
            current = []
        elif b.kind == "arabic":
            current.append(i)
    if current:
        groups.append(current)
    if cues().get("numbered_paragraphs", "sections") != "items":
        return
    for g in groups:
        if not any(_heading_like(blocks, i, i == g[-1]) for i in g):
            for i in g:
                blocks[i].kind, blocks[i].marker = "number", blocks[i].num + "."


def _heading_like(blocks: list, i: int, last: bool) -> bool:
    """A numbered line that heads something: it has sub-numbers or a body of its own
    (for the last of a list, the text after it may be the plan's closing words), or it
    does not read as a finished sentence."""
    b = blocks[i]
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is not None and nxt.kind == "decimal":
        return True
    body = nxt is not None and nxt.kind not in ("roman", "arabic", "article", "part",
                                                "appendix", "signature")
    if body and last and nxt.kind == "text":
        after = blocks[i + 2] if i + 2 < len(blocks) else None
        body = after is not None and after.kind not in ("roman", "article", "part",
                                                        "appendix", "signature")
    ends = clean(b.body).rstrip()
    return body or not ends.endswith((".", ";", "./.", "…"))


def _build(blocks: list, text: str, c: dict) -> list:
    has_roman = any(b.kind == "roman" for b in blocks)
    sections, stack = [], []      # stack of _Node, outermost first
    top_count = {}
    limit = len(text)

    seen = set()
    index = {id(b): i for i, b in enumerate(blocks)}   # block starts are unique

    def add(kind, path, level, b, number):
        base, n = path, 1
        while path in seen:          # a restarted list: keep paths unique
            n += 1
            path = f"{base}#{n}"
        seen.add(path)
        head, head_end = _heading(text, b.text_start, b.end, c["abbreviations"],
                                  not _has_body(blocks, b, index[id(b)]))
        s = Section(path=path, heading=head, level=level, start=b.start, end=limit,
                    number=number, heading_end=head_end, kind=kind)
        sections.append(s)
        node = _Node(kind, path, level, b, number)
        node.section = s
        stack.append(node)
        return node

    def child(parent, kind):
        counts = parent.counts if parent else top_count
        counts[kind] = counts.get(kind, 0) + 1
        return counts[kind]

    appendix = None               # the last appendix: a form restarting "I." stays in it
    for b in blocks:
        k = b.kind
        if k == "signature":
            _close(sections, stack, b.start)
            stack.clear()
            continue
        if k == "appendix":
            _close(sections, stack, b.start)
            stack.clear()
            n = child(None, "appendix")
            appendix = add("appendix", f"PL.{to_roman(n)}", 1, b, b.num)
            continue
        if k == "part":              # Phần > Chương > Mục
            rank = PART_RANK.get(b.num.split()[0], 1.5 if len(b.num) == 1 else 2)
            while stack and not (stack[-1].kind == "appendix" or
                                 stack[-1].kind == "part" and stack[-1].rank < rank):
                _set_end(sections, stack.pop(), b.start)
            parent = stack[-1] if stack else None
            path = f"{parent.path}.{b.num}" if parent else b.num
            add("part", path, parent.level + 1 if parent else 1, b, b.num).rank = rank
            continue
        if k == "article":
            part = _last(stack, ("part",))
            _close_level(sections, stack, part.level + 1 if part else 1, b.start)
            add("article", f"Điều {b.num}", part.level + 1 if part else 1, b, f"Điều {b.num}")
            continue
        if k == "roman":
            if not stack and appendix is not None:
                stack.append(appendix)
            parent = _last(stack, ("part", "appendix"))
            base = parent.level if parent else 0
            _close_level(sections, stack, base + 1, b.start)
            n = child(parent, "roman")
            path = f"{parent.path}.{to_roman(n)}" if parent else to_roman(n)
            add("roman", path, base + 1, b, b.num if b.extra.get("cell") else b.num + ".")
            continue
        if k == "arabic":
            parent = _last(stack, ("roman", "article", "part", "appendix"))
            if parent is None and has_roman:
                continue
            base = parent.level if parent else 0
            _close_level(sections, stack, base + 1, b.start)
            n = child(parent, "arabic")
            path = f"{parent.path}.{n}" if parent else str(n)
            add("arabic", path, base + 1, b, b.num + ".")
            continue
        if k == "decimal":
            parts = b.num.split(".")
            parent = _decimal_parent(stack, parts)
            if parent is None:
                continue
            _close_level(sections, stack, parent.level + 1, b.start)
            key = tuple(parts[:-1])
            parent.sub[key] = parent.sub.get(key, 0) + 1
            if parent.kind == "arabic" or parent.kind == "decimal":
                path = f"{parent.path}.{parent.sub[key]}"
            else:
                path = f"{parent.path}.{b.num}"
            add("decimal", path, parent.level + 1, b, b.num + ".")
            continue
    _close(sections, stack, limit)
    for s in sections:
        while s.end > s.heading_end and text[s.end - 1].isspace():
            s.end -= 1
        if s.kind == "part" and not s.heading:
            s.heading = _title_below(blocks, text, s)
        elif s.kind == "appendix" and _block_at(blocks, s.start).extra.get("bare"):
            s.heading = " ".join((s.heading + " " + _title_below(blocks, text, s)).split())
    sections.sort(key=lambda s: s.start)
    return sections


def _block_at(blocks, start):
    return next(b for b in blocks if b.start == start)


def _title_below(blocks, text, s) -> str:
    """The title of an appendix or chapter printed on the next line ("PHỤ LỤC" /
    "DANH MỤC NHIỆM VỤ …")."""
    for b in blocks:
        if b.start > s.start and b.start < s.end:
            if b.kind == "text":
                return clean(text[b.start:b.end])[:200]
            return ""
    return ""


def _has_body(blocks, b, i=None) -> bool:
    """Whether the block after ``b`` (at index ``i`` when known) is body text (not another
    heading)."""
    if i is None:
        i = blocks.index(b)
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return nxt is not None and nxt.kind not in HEADING_KINDS + ("signature",)


def _last(stack, kinds):
    for node in reversed(stack):
        if node.kind in kinds:
            return node
    return None


def _decimal_parent(stack, parts):
    """The node a decimal number "2.1.3" hangs under: the "2.1" decimal or "2" Arabic
    heading whose printed number is its prefix; else the innermost Roman/Arabic node."""
    prefix = ".".join(parts[:-1])
    for node in reversed(stack):
        if node.kind in ("arabic", "decimal") and node.number.rstrip(".") == prefix:
            return node
    for node in reversed(stack):
        if node.kind in ("decimal",) and len(node.number.rstrip(".").split(".")) == len(parts) - 1:
            return node
        if node.kind == "arabic" and len(parts) == 2:
            return node
        if node.kind in ("roman", "article", "part", "appendix"):
            return node
    return None


def _close_level(sections, stack, level, at):
    while stack and stack[-1].level >= level:
        node = stack.pop()
        _set_end(sections, node, at)


def _close(sections, stack, at):
    while stack:
        _set_end(sections, stack.pop(), at)


def _set_end(sections, node, at):
    s = node.section
    if s is not None:             # paths are unique, so this is the one the search finds
        s.end = max(s.heading_end, at)
        return
    for s in reversed(sections):
        if s.path == node.path and s.start == node.block.start:
            s.end = max(s.heading_end, at)
            return


def _items(blocks: list, sections: list) -> list:
    """Letters, bullets and numbered-list paragraphs, with nesting depth.  Nothing from the
    recipients/signature block (until the next section) is an item."""
    items, kinds_stack, idx_stack = [], [], []
    starts = {s.start for s in sections}
    path_at = _PathSweep(sections)
    in_signature = False
    for b in blocks:
        if b.start in starts or b.kind in ("roman", "article", "part", "appendix", "signature"):
            kinds_stack, idx_stack = [], []
            in_signature = b.kind == "signature" or (in_signature and b.start not in starts)
            continue
        if in_signature or b.kind not in ("letter", "bullet", "number"):
            continue
        mtype = b.marker if b.kind == "bullet" else b.kind
        if mtype in kinds_stack:
            d = kinds_stack.index(mtype)
            del kinds_stack[d + 1:]
            del idx_stack[d:]
        else:
            kinds_stack.append(mtype)
        items.append(Item(marker=b.marker, kind=b.kind, section=path_at(b.start),
                          start=b.body_start, end=b.end, depth=len(kinds_stack) - 1,
                          parent=idx_stack[-1] if idx_stack else None))
        idx_stack.append(len(items) - 1)
    return items


class _PathSweep:
    """``_path_at`` for offsets asked in increasing order: sections are taken in as the
    offset passes their start and dropped once it passes their end, so each lookup only
    looks at the sections open there."""

    def __init__(self, sections: list):
        self.sections = sections
        self.next = 0             # sections[:next] have start <= the last offset
        self.open = []            # (index, section) of those not yet ended, in list order
        self.last = None
        self.sorted = all(a.start <= b.start for a, b in zip(sections, sections[1:]))

    def __call__(self, offset: int):
        secs = self.sections
        if not self.sorted or (self.last is not None and offset < self.last):
            return _path_at(secs, offset)          # out of order: the plain scan
        self.last = offset
        n = self.next
        while n < len(secs) and secs[n].start <= offset:
            self.open.append((n, secs[n]))
            n += 1
        self.next = n
        self.open = [(i, s) for i, s in self.open if offset < s.end]
        best = None
        for i, s in self.open:
            if s.start <= offset and (best is None or s.level >= best.level):
                best = s
        return best.path if best else None


def _path_at(sections: list, offset: int):
    """Path of the deepest section containing ``offset``."""
    best = None
    for s in sections:
        if s.start <= offset < s.end and (best is None or s.level >= best.level):
            best = s
    return best.path if best else None
