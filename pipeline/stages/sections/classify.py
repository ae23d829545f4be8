"""The kind of a block: appendix, part, article, Roman, decimal or Arabic heading, letter,
numbered or bulleted item, signature line, or text."""
from __future__ import annotations

import re
from typing import Any, Callable, Optional, cast

from pipeline.stages.sections.blocks import Block, clean
from pipeline.stages.sections.fast import CLASSIFY_KEYS, PLAIN_KEYS, FastPaths, Starts, fast_paths
from pipeline.stages.sections.numerals import roman_value

_ROW_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?\t")


def classify(b: Block, c: dict[str, Any], fast: Optional[FastPaths] = None) -> None:
    """Set the kind of block ``b``.  ``fast`` = ``fast_paths(c)`` (computed when not given)."""
    classify_all([b], c, fast)


def classify_all(blocks: list[Block], c: dict[str, Any], fast: Optional[FastPaths] = None) -> None:
    """Set the kind of each block: the signature patterns first (only for a line whose
    first character can start one), then the steps below in order, from the first whose
    pattern matches (one call of the patterns joined tells which; with none, the bullet's,
    tried on the body)."""
    if fast is None:
        fast = fast_paths(c)
    signature, sig_firsts, heads, starts = fast
    cache = heads.cache if heads is not None else {}
    last = len(_STEPS) - 1
    for b in blocks:
        body = b.body
        plain = body.replace("*", "").replace("_", "") if "*" in body or "_" in body else body
        first = b.first
        if (sig_firsts is None or not first or first in sig_firsts) \
                and (starts is None or _may_sign(b, body, first, starts)) and signature(b.clean_body()):
            b.kind = "signature"
            continue
        m: Optional[re.Match[str]] = None
        g = ""
        if heads is None:
            at = 0
        else:
            ch = plain[:1]
            h = cache[ch] if ch in cache else heads(ch)
            m = h.rx.match(plain) if h is not None else None
            if m is None:
                at = last
            else:
                key = h.which[m.lastindex or 0]   # type: ignore[union-attr]
                at, g = _STEP_OF_KEY[key], f"k{key}_"
            if at > _TAB_STEP and "\t" in body:
                at, m = _TAB_STEP, None
        if _STEPS[at](b, c, body, plain, m, g):
            continue
        for step in _AFTER[at]:
            if step(b, c, body, plain, None, ""):
                break


_MARKS = frozenset("*_#`\\")           # what ``clean`` removes


def _may_sign(b: Block, body: str, first: str, starts: Starts) -> bool:
    """Whether the first two characters of the clean body can start a signature line (read
    from the body when they are its own: no mark or white space among them)."""
    cbody = b.cbody
    if cbody is not None:
        return starts.may(cbody[:1], cbody[1:2])
    second = body[1:2]
    if body[:1] != first or not second or second in _MARKS or second.isspace():
        return True                  # (not known without clean())
    return starts.may(first, second)


#: a step: ``step(block, cues, body, plain, match, prefix)`` sets the kind and says whether it
#: did; ``match``: its pattern's match of ``plain`` when known (its groups named ``prefix``
#: + name), else None (the step matches its pattern itself)
Step = Callable[[Block, dict[str, Any], str, str, Optional[re.Match[str]], str], bool]


def _appendix(b: Block, c: dict[str, Any], body: str, plain: str, m: Optional[re.Match[str]],
              g: str) -> bool:
    if m is None:
        m, g = c["appendix"].match(plain), ""
    if m and len(b.clean_body().split()) <= 40 and (plain[:7].isupper() or m.group(g + "num")) \
            and not _in_sentence(clean(m.group(g + "text"))):
        b.kind, b.num = "appendix", m.group(g + "num") or ""
        b.text_start = b.body_start          # the heading keeps its "PHỤ LỤC I"
        b.extra = {"bare": not clean(m.group(g + "text"))}
        return True
    return False


def _article(b: Block, c: dict[str, Any], body: str, plain: str, m: Optional[re.Match[str]],
             g: str) -> bool:
    if m is None:
        m, g = c["article"].match(plain), ""
    if m:
        b.kind, b.num, b.value = "article", m.group(g + "num"), int(m.group(g + "num"))
        b.text_start = _offset(b, m.start(g + "text"), plain)
        return True
    return False


def _part(b: Block, c: dict[str, Any], body: str, plain: str, m: Optional[re.Match[str]],
          g: str) -> bool:
    if m is None:
        m, g = c["part"].match(plain), ""
    if m and len(b.clean_body().split()) <= 30 and (
            not clean(m.group(g + "text")) or _mostly_upper(m.group(g + "text"))):
        b.kind, b.num = "part", f"{m.group(g + 'word').capitalize()} {m.group(g + 'num')}"
        b.text_start = _offset(b, m.start(g + "text"), plain)
        return True
    return False


def _letter_part(b: Block, c: dict[str, Any], body: str, plain: str, m: Optional[re.Match[str]],
                 g: str) -> bool:
    if m is None:
        m, g = c["letter_part"].match(plain), ""
    if m and _mostly_upper(c["glued_heading"].sub("", m.group(g + "text"))) \
            and len(b.clean_body().split()) <= 30 and not roman_value(m.group(g + "num")):
        b.kind, b.num = "part", m.group(g + "num")
        b.text_start = _offset(b, m.start(g + "text"), plain)
        return True
    return False


def _letter_cell(b: Block, c: dict[str, Any], body: str, plain: str, m: Optional[re.Match[str]],
                 g: str) -> bool:
    if m is None:
        m, g = c["letter_cell"].match(plain), ""
    if m and not roman_value(m.group(g + "num")) and _mostly_upper(m.group(g + "text")) \
            and not plain[m.end():].strip():
        b.kind, b.num = "part", m.group(g + "num")   # "A<TAB>PHÁT TRIỂN …": a lettered group row
        b.text_start = _offset(b, m.start(g + "text"), plain)
        b.extra = {"cell": True}
        return True
    return False


def _roman(b: Block, c: dict[str, Any], body: str, plain: str, m: Optional[re.Match[str]],
           g: str) -> bool:
    if m is None:
        m, g = c["roman"].match(plain), ""
    if m and roman_value(m.group(g + "num")):
        text = m.group(g + "text")
        words = clean(text).split()
        if (words and (words[0][:1].isupper() or words[0][:1].isdigit())
                and not c["roman_not_heading"].match(text)
                and (_mostly_upper(text) or len(words) <= c["roman_max_words"])):
            num = m.group(g + "num")
            b.kind, b.num, b.value = "roman", num, cast(int, roman_value(num))
            b.text_start = _offset(b, m.start(g + "text"), plain)
            if "\t" in body:
                b.extra = {"row": True}        # "I.<TAB>…": a table row heading a group
            return True
    return False


def _roman_cell(b: Block, c: dict[str, Any], body: str, plain: str, m: Optional[re.Match[str]],
                g: str) -> bool:
    if m is None:
        m, g = c["roman_cell"].match(plain), ""
    # a group row: its title in capitals, or alone on its row ("I<TAB>Hoàn thiện thể chế", no
    # other cell: the rows of the group's tasks fill the columns)
    if m and roman_value(m.group(g + "num")) and (
            _mostly_upper(m.group(g + "text")) or not plain[m.end():].strip()):
        num = m.group(g + "num")
        b.kind, b.num, b.value = "roman", num, cast(int, roman_value(num))
        b.text_start = _offset(b, m.start(g + "text"), plain)
        # (a group row in lower case: "loose")
        b.extra = {"cell": True, "loose": not _mostly_upper(m.group(g + "text"))}
        return True
    return False


def _table_row(b: Block, c: dict[str, Any], body: str, plain: str, m: Optional[re.Match[str]],
               g: str) -> bool:
    if "\t" in body:                 # a numbered table row is an item, not a heading
        row = _ROW_NUMBER.match(plain)
        if row:
            b.kind, b.marker, b.text_start = "number", row.group(1), b.body_start
        return True                  # (a row: nothing else)
    return False


def _decimal(b: Block, c: dict[str, Any], body: str, plain: str, m: Optional[re.Match[str]],
             g: str) -> bool:
    if m is None:
        m, g = c["decimal"].match(plain), ""
    first = clean(m.group(g + "text"))[:1] if m else ""
    # "1.1 Mục tiêu" may drop its final dot; "2.5 triệu đồng" is a number, not a heading
    if m and first.isalpha() and (first.isupper() or plain[m.end(g + "num")] == "."):
        b.kind, b.num = "decimal", m.group(g + "num")
        b.value = int(b.num.split(".")[-1])
        b.text_start = _offset(b, m.start(g + "text"), plain)
        return True
    return False


def _arabic(b: Block, c: dict[str, Any], body: str, plain: str, m: Optional[re.Match[str]],
            g: str) -> bool:
    if m is None:
        m, g = c["arabic"].match(plain), ""
    if m:
        num = m.group(g + "num")
        b.kind, b.num, b.value = "arabic", num, int(num)
        b.text_start = _offset(b, m.start(g + "text"), plain)
        return True
    return False


def _item(kind: str, key: str) -> Step:
    """The step of a list item: a letter ("a)", "b."), a number ("1)") or a bullet."""
    def step(b: Block, c: dict[str, Any], body: str, plain: str, m: Optional[re.Match[str]],
             g: str) -> bool:
        src = body if kind == "bullet" else plain
        if m is None:
            m, g = c[key].match(src), ""
        if m:
            b.kind = kind
            b.marker = m.group(g + "marker") if kind == "bullet" else "".join(
                src[:m.start(g + "text")].split())          # "a)", "b.", "1)"
            b.text_start = b.body_start
            return True
        return False
    return step


#: the steps, in order (the table-row step between "roman_cell" and "decimal")
_STEPS: tuple[Step, ...] = (
    _appendix, _article, _part, _letter_part, _letter_cell, _roman, _roman_cell, _table_row,
    _decimal, _arabic, _item("letter", "letter"), _item("letter", "letter_dot"),
    _item("number", "number_paren"), _item("bullet", "bullet"))
_AFTER = tuple(_STEPS[i + 1:] for i in range(len(_STEPS)))
_TAB_STEP = _STEPS.index(_table_row)
#: the step of each of PLAIN_KEYS
_STEP_OF_KEY = tuple(i if i < _TAB_STEP else i + 1 for i in range(len(PLAIN_KEYS)))
assert len(_STEPS) == len(CLASSIFY_KEYS) + 1


def _in_sentence(text: str) -> bool:
    """The words after "Phụ lục V" go on with a list (", Phụ lục VI và Phụ lục X."): a
    reference to appendices, not a heading."""
    return text.startswith((",", ";"))


def _offset(b: Block, idx: int, plain: str) -> int:
    """Offset in the text of position ``idx`` of ``plain`` (body without * and _)."""
    raw = b.body
    j = k = 0
    if raw is plain:                    # no marks: the same position
        j = k = min(idx, len(raw))
    while j < len(raw) and k < idx:
        if raw[j] not in "*_":
            k += 1
        j += 1
    while j < len(raw) and raw[j] in "*_ ":
        j += 1
    # raw had backslashes removed; they only precede the first mark, so shift is small
    return min(b.body_start + j, b.end)


def _mostly_upper(s: str) -> bool:
    """At least 70 % of the letters of ``s`` are capitals."""
    letters = [ch for ch in s if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)
