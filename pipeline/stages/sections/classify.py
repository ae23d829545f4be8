"""The kind of a block: appendix, part, article, Roman, decimal or Arabic heading, letter,
numbered or bulleted item, signature line, or text."""
from __future__ import annotations

import re
from typing import Any, Callable, Optional, cast

from pipeline.stages.sections.blocks import Block, clean
from pipeline.stages.sections.fast import CLASSIFY_KEYS, PLAIN_KEYS, FastPaths, fast_paths
from pipeline.stages.sections.numerals import roman_value

_ROW_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?\t")


def classify(b: Block, c: dict[str, Any], fast: Optional[FastPaths] = None) -> None:
    """Set the kind of block ``b``.  ``fast`` = ``fast_paths(c)`` (computed when not given):
    the patterns joined, so that one call finds the first that matches."""
    if fast is None:
        fast = fast_paths(c)
    body = b.body
    plain = body.replace("*", "").replace("_", "") if "*" in body or "_" in body else body
    first = b.first
    if fast.signature_firsts is None or not first or first in fast.signature_firsts:
        if fast.signature(b.clean_body()):
            b.kind = "signature"
            return
    # the steps from the first whose pattern matches (those before it cannot; with none,
    # the bullet's, tried on the body)
    start = 0
    if fast.heads is not None:
        m = fast.heads.match(plain)
        start = _STEP_OF_KEY[m.lastindex - 1] if m and m.lastindex else len(_STEPS) - 1
        if start > _TAB_STEP and "\t" in body:
            start = _TAB_STEP
    for step in _STEPS[start:]:
        if step(b, c, body, plain):
            return


def _appendix(b: Block, c: dict[str, Any], body: str, plain: str) -> bool:
    m = c["appendix"].match(plain)
    if m and len(b.clean_body().split()) <= 40 and (plain[:7].isupper() or m.group("num")) \
            and not _in_sentence(clean(m.group("text"))):
        b.kind, b.num = "appendix", m.group("num") or ""
        b.text_start = b.body_start          # the heading keeps its "PHỤ LỤC I"
        b.extra = {"bare": not clean(m.group("text"))}
        return True
    return False


def _article(b: Block, c: dict[str, Any], body: str, plain: str) -> bool:
    m = c["article"].match(plain)
    if m:
        b.kind, b.num, b.value = "article", m.group("num"), int(m.group("num"))
        b.text_start = _offset(b, m.start("text"), plain)
        return True
    return False


def _part(b: Block, c: dict[str, Any], body: str, plain: str) -> bool:
    m = c["part"].match(plain)
    if m and len(b.clean_body().split()) <= 30 and (
            not clean(m.group("text")) or _mostly_upper(m.group("text"))):
        b.kind, b.num = "part", f"{m.group('word').capitalize()} {m.group('num')}"
        b.text_start = _offset(b, m.start("text"), plain)
        return True
    return False


def _letter_part(b: Block, c: dict[str, Any], body: str, plain: str) -> bool:
    m = c["letter_part"].match(plain)
    if m and _mostly_upper(c["glued_heading"].sub("", m.group("text"))) \
            and len(b.clean_body().split()) <= 30 and not roman_value(m.group("num")):
        b.kind, b.num = "part", m.group("num")
        b.text_start = _offset(b, m.start("text"), plain)
        return True
    return False


def _letter_cell(b: Block, c: dict[str, Any], body: str, plain: str) -> bool:
    m = c["letter_cell"].match(plain)
    if m and not roman_value(m.group("num")) and _mostly_upper(m.group("text")) \
            and not plain[m.end():].strip():
        b.kind, b.num = "part", m.group("num")       # "A<TAB>PHÁT TRIỂN …": a lettered group row
        b.text_start = _offset(b, m.start("text"), plain)
        b.extra = {"cell": True}
        return True
    return False


def _roman(b: Block, c: dict[str, Any], body: str, plain: str) -> bool:
    m = c["roman"].match(plain)
    if m and roman_value(m.group("num")):
        text = m.group("text")
        words = clean(text).split()
        if (words and (words[0][:1].isupper() or words[0][:1].isdigit())
                and not c["roman_not_heading"].match(text)
                and (_mostly_upper(text) or len(words) <= c["roman_max_words"])):
            b.kind, b.num, b.value = "roman", m.group("num"), cast(int, roman_value(m.group("num")))
            b.text_start = _offset(b, m.start("text"), plain)
            if "\t" in body:
                b.extra = {"row": True}        # "I.<TAB>…": a table row heading a group
            return True
    return False


def _roman_cell(b: Block, c: dict[str, Any], body: str, plain: str) -> bool:
    m = c["roman_cell"].match(plain)
    # a group row: its title in capitals, or alone on its row ("I<TAB>Hoàn thiện thể chế", no
    # other cell: the rows of the group's tasks fill the columns)
    if m and roman_value(m.group("num")) and (_mostly_upper(m.group("text")) or not plain[m.end():].strip()):
        b.kind, b.num, b.value = "roman", m.group("num"), cast(int, roman_value(m.group("num")))
        b.text_start = _offset(b, m.start("text"), plain)
        # (a group row in lower case: "loose")
        b.extra = {"cell": True, "loose": not _mostly_upper(m.group("text"))}
        return True
    return False


def _table_row(b: Block, c: dict[str, Any], body: str, plain: str) -> bool:
    if "\t" in body:                 # a numbered table row is an item, not a heading
        m = _ROW_NUMBER.match(plain)
        if m:
            b.kind, b.marker, b.text_start = "number", m.group(1), b.body_start
        return True                  # (a row: nothing else)
    return False


def _decimal(b: Block, c: dict[str, Any], body: str, plain: str) -> bool:
    m = c["decimal"].match(plain)
    first = clean(m.group("text"))[:1] if m else ""
    # "1.1 Mục tiêu" may drop its final dot; "2.5 triệu đồng" is a number, not a heading
    if m and first.isalpha() and (first.isupper() or plain[m.end("num")] == "."):
        b.kind, b.num = "decimal", m.group("num")
        b.value = int(b.num.split(".")[-1])
        b.text_start = _offset(b, m.start("text"), plain)
        return True
    return False


def _arabic(b: Block, c: dict[str, Any], body: str, plain: str) -> bool:
    m = c["arabic"].match(plain)
    if m:
        b.kind, b.num, b.value = "arabic", m.group("num"), int(m.group("num"))
        b.text_start = _offset(b, m.start("text"), plain)
        return True
    return False


def _item(kind: str, key: str) -> Callable[[Block, dict[str, Any], str, str], bool]:
    """The step of a list item: a letter ("a)", "b."), a number ("1)") or a bullet."""
    def step(b: Block, c: dict[str, Any], body: str, plain: str) -> bool:
        src = body if kind == "bullet" else plain
        m = c[key].match(src)
        if m:
            b.kind = kind
            b.marker = m.group("marker") if kind == "bullet" else "".join(
                src[:m.start("text")].split())          # "a)", "b.", "1)"
            b.text_start = b.body_start
            return True
        return False
    return step


#: the steps, in order (the table-row step between "roman_cell" and "decimal")
_STEPS = (_appendix, _article, _part, _letter_part, _letter_cell, _roman, _roman_cell, _table_row,
          _decimal, _arabic, _item("letter", "letter"), _item("letter", "letter_dot"),
          _item("number", "number_paren"), _item("bullet", "bullet"))
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
