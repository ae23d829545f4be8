"""The kind of a block: appendix, part, article, Roman, decimal or Arabic heading, letter,
numbered or bulleted item, signature line, or text."""
from __future__ import annotations

import re
from typing import Any, Optional, cast

from pipeline.stages.sections.blocks import Block, clean
from pipeline.stages.sections.fast import CLASSIFY_KEYS, FastPaths
from pipeline.stages.sections.numerals import roman_value

_ROW_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?\t")


def classify(b: Block, c: dict[str, Any], fast: Optional[FastPaths] = None) -> None:
    """Set the kind of block ``b``.  ``fast`` = ``fast_paths(c)``: the signature patterns
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
    ok: frozenset[str] | tuple[str, ...]
    ok_bullet: frozenset[str] | tuple[str, ...]
    if firsts is not None:
        ok = firsts(plain[:1])
        ok_bullet = firsts(body[:1])
    else:
        ok = ok_bullet = CLASSIFY_KEYS
    m = c["appendix"].match(plain) if "appendix" in ok else None
    if m and len(cbody.split()) <= 40 and (plain[:7].isupper() or m.group("num")) \
            and not _in_sentence(clean(m.group("text"))):
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
    if m and _mostly_upper(c["glued_heading"].sub("", m.group("text"))) and len(cbody.split()) <= 30 \
            and not roman_value(m.group("num")):
        b.kind, b.num = "part", m.group("num")
        b.text_start = _offset(b, m.start("text"), plain)
        return
    m = c["letter_cell"].match(plain) if "letter_cell" in ok else None
    if m and not roman_value(m.group("num")) and _mostly_upper(m.group("text")) \
            and not plain[m.end():].strip():
        b.kind, b.num = "part", m.group("num")       # "A<TAB>PHÁT TRIỂN …": a lettered group row
        b.text_start = _offset(b, m.start("text"), plain)
        b.extra["cell"] = True
        return
    m = c["roman"].match(plain) if "roman" in ok else None
    if m and roman_value(m.group("num")):
        text = m.group("text")
        words = clean(text).split()
        if (words and (words[0][:1].isupper() or words[0][:1].isdigit())
                and not c["roman_not_heading"].match(text)
                and (_mostly_upper(text) or len(words) <= c["roman_max_words"])):
            b.kind, b.num, b.value = "roman", m.group("num"), cast(int, roman_value(m.group("num")))
            b.text_start = _offset(b, m.start("text"), plain)
            if "\t" in body:
                b.extra["row"] = True        # "I.<TAB>…": a table row heading a group
            return
    m = c["roman_cell"].match(plain) if "roman_cell" in ok else None
    # a group row: its title in capitals, or alone on its row ("I<TAB>Hoàn thiện thể chế", no
    # other cell: the rows of the group's tasks fill the columns)
    if m and roman_value(m.group("num")) and (_mostly_upper(m.group("text")) or not plain[m.end():].strip()):
        b.kind, b.num, b.value = "roman", m.group("num"), cast(int, roman_value(m.group("num")))
        b.text_start = _offset(b, m.start("text"), plain)
        b.extra["cell"] = True
        b.extra["loose"] = not _mostly_upper(m.group("text"))    # (a group row in lower case)
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


def _in_sentence(text: str) -> bool:
    """The words after "Phụ lục V" go on with a list (", Phụ lục VI và Phụ lục X."): a
    reference to appendices, not a heading."""
    return text.startswith((",", ";"))


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


def _mostly_upper(s: str) -> bool:
    """At least 70 % of the letters of ``s`` are capitals."""
    letters = [ch for ch in s if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)
