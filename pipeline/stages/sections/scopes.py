"""Scopes: what cannot be a heading (out-of-sequence numbers, the signature block, a
decision's own articles when a plan is attached), and numbered paragraphs as Items."""
from __future__ import annotations

import re
from typing import Optional

from pipeline.stages.sections.blocks import HEADING_KINDS, Block
from pipeline.stages.sections.cues import cues

#: the kinds a step below looks at (the others, text and items, it passes over)
MARKED = frozenset(HEADING_KINDS + ("signature",))


def mark_scopes(blocks: list[Block]) -> list[int]:
    """Turn into plain text what cannot be a heading: out-of-sequence Roman numerals,
    numbered lines before the first Roman heading (when the document has some), everything
    in a signature block until an appendix or an attached document starts (a new "I.",
    "Điều 1", "Chương I"), and the decision's own articles when a document is attached.

    Returns the indices of the blocks that may still head a section or end one (headings
    and signature lines; a few of them since turned into text): the later steps pass over
    the others."""
    _titled_attachments(blocks)
    # (from here on a block only changes from one of these kinds to another, or to text)
    marked = [i for i, b in enumerate(blocks) if b.kind in MARKED]
    _letter_rows(blocks, marked)
    _letter_sequences(blocks, marked)
    romans_ok = _roman_sequence(blocks, marked)
    for i in marked:
        b = blocks[i]
        if b.kind == "roman" and i not in romans_ok:
            b.kind = "text"
    first_roman = min(romans_ok) if romans_ok else None
    articles = [i for i in marked if blocks[i].kind == "article"]
    attached = _attached_start(blocks, marked)
    # a Roman row of a table ("I.<TAB>THỦ TỤC HÀNH CHÍNH CẤP TỈNH" in a list of procedures)
    # heads a group of rows, not an attached plan: the decision keeps its articles
    # (nor does a group "II." of an appendix table whose "I." is a row)
    # (nor does a group "I." of an appendix: see ``_attached_start``)
    first_appendix = next((i for i in marked if blocks[i].kind == "appendix"), len(blocks))
    first_heading = min((i for i in romans_ok if not _is_row(blocks[i])
                         and not (articles and articles[0] < first_appendix < i)), default=None)
    if articles and first_heading is not None and first_heading > articles[0] \
            and blocks[first_heading].value == 1:
        attached = first_heading if attached is None else min(attached, first_heading)
    # the decision's own articles run up to its signature block
    decision_end = next((i for i in marked if blocks[i].kind == "signature"
                         and articles and i > articles[0]), len(blocks))
    in_signature = False
    for i in marked:
        b = blocks[i]
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
    return marked


def _starts_sequence(b: Block) -> bool:
    """"I.", "Điều 1.", "Chương I" / "Phần thứ nhất": the first heading of a document."""
    if b.kind in ("roman", "article"):
        return b.value == 1
    if b.kind == "part":
        num = b.num.split(None, 1)[-1].lower()
        return num in cues()["first_numbers"]
    return False


def _titled_attachments(blocks: list[Block]) -> None:
    """After the signature block, a title in capitals with a "(Kèm theo …)" line under it
    (within two blocks) heads an appendix ("DANH MỤC THỦ TỤC …", "QUY TRÌNH …")."""
    c = cues()
    line, titles, longest = c["attachment_line"], c["attached_titles"], c["attached_title_max_words"]
    signed = next((i for i, b in enumerate(blocks) if b.kind == "signature"), len(blocks))
    for i in range(signed + 1, len(blocks)):
        b = blocks[i]
        if b.kind == "text" and c["form_caption"].match(b.clean_body()):
            _form_caption(blocks, i, line)
        if b.kind != "text" or "\t" in b.body or _ASCII_LOWER(b.body):
            continue                 # (a lower-case letter: clean() keeps it, no capitals)
        title = b.clean_body()
        if not _capitals(title) or len(title.split()) > longest or title.upper().startswith(titles):
            continue
        if blocks[i - 1].kind == "appendix" or _capitals(blocks[i - 1].clean_body()):
            continue                 # (not the second line of a title: "KẾ HOẠCH" / "…")
        below = blocks[i + 1:i + 3]
        # (the "(Kèm theo …)" line within two blocks, and no heading before it)
        k = next((k for k, n in enumerate(below) if line.match(n.clean_body())), None)
        if k is not None and not any(n.kind in HEADING_KINDS for n in below[:k + 1]):
            b.kind, b.num, b.text_start = "appendix", "", b.body_start
            b.extra = {**b.extra, "bare": not line.match(below[0].clean_body())}


def _form_caption(blocks: list[Block], i: int, line: re.Pattern[str]) -> None:
    """A form's caption "Mẫu biểu số 01" with its title and a "(Kèm theo …)" line under it
    (within three blocks, no heading between) heads an appendix; the title stays text."""
    below = blocks[i + 1:i + 4]
    k = next((k for k, n in enumerate(below) if line.match(n.clean_body())), None)
    if k and not any(n.kind in HEADING_KINDS for n in below[:k + 1]):
        b = blocks[i]
        b.kind, b.num, b.text_start = "appendix", "", b.body_start
        b.extra = {**b.extra, "bare": False}


def _letter_rows(blocks: list[Block], marked: list[int]) -> None:
    """A lettered row of a table ("A<TAB>PHÁT TRIỂN NỀN MÓNG …") heads a group only in an
    appendix table with no numbered heading above it (under an appendix's "I." or "1." it is
    a row of that heading's table)."""
    in_appendix = headed = False
    for i in marked:
        b = blocks[i]
        if b.kind == "appendix":
            in_appendix, headed = True, False
        elif b.kind in ("roman", "arabic", "decimal", "article", "part") and not _is_row(b):
            headed = True
        elif b.kind == "part" and (not in_appendix or headed):
            b.kind = "text"


def _letter_sequences(blocks: list[Block], marked: list[int]) -> None:
    """"C. BỘ CÔNG THƯƠNG" after "B. BỘ XÂY DỰNG", "I. BỘ CÔNG AN" after "H. …": a letter
    that continues a sequence of lettered parts is one, though it reads as a Roman numeral."""
    order = cues()["letters"]
    nxt = {a: b for a, b in zip(order, order[1:])}
    last = None
    for i in marked:
        b = blocks[i]
        if b.kind in ("appendix", "signature") or (b.kind == "part" and len(b.num) > 1):
            last = None
        elif b.kind == "part":
            last = b.num
        elif b.kind == "roman" and last is not None and nxt.get(last) == b.num:
            b.kind, b.value = "part", 0
            last = b.num


_ASCII_LOWER = re.compile("[a-z]").search


def _capitals(s: str) -> bool:
    """Four letters or more, all capitals.  (A lower-case ASCII letter, the usual case,
    says no without listing the letters.)"""
    if _ASCII_LOWER(s):
        return False
    letters = [ch for ch in s if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _is_row(b: Block) -> bool:
    """A Roman heading printed as a table row ("I<TAB>…")."""
    return bool(b.extra.get("cell") or b.extra.get("row"))


def _attached_start(blocks: list[Block], marked: list[int]) -> Optional[int]:
    """Index of the first heading of a document attached after the signature block.  A
    heading under an appendix ("PHỤ LỤC I" / "I. Thủ tục hành chính cấp tỉnh", "PHỤ LỤC" /
    "PHẦN I. DANH MỤC …") is a group of the appendix: the decision keeps its articles."""
    seen_signature = False
    for i in marked:
        b = blocks[i]
        if b.kind == "signature":
            seen_signature = True
        elif seen_signature and b.kind == "appendix":
            return None
        elif seen_signature and b.kind in ("roman", "article", "part") and _starts_sequence(b) \
                and not _is_row(b):
            return i
    return None


def _roman_sequence(blocks: list[Block], marked: list[int]) -> set[int]:
    """Indices of Roman headings that follow the sequence I, II, III …  A repeat or one
    skipped number is a misprint and still counts; after a signature block only a new
    "I." (an attached plan) starts again, as after an appendix heading."""
    ok, last = set(), 0           # last accepted value; 0 = none, -1 = after a signature
    in_appendix = False           # table rows "I<TAB>…" head groups only in appendices
    numbered = False              # an Arabic heading met since the appendix heading
    for i in marked:
        b = blocks[i]
        if b.kind == "signature" and last > 0:
            last = -1
            in_appendix = False
        elif b.kind == "appendix":
            last = 0
            in_appendix = True
            numbered = False
        elif b.kind == "part":
            last = 0
        elif b.kind == "arabic":
            numbered = True
        elif b.kind == "roman" and b.extra.get("cell") and (
                not in_appendix or (b.extra.get("loose") and numbered)):
            continue              # (a lower-case group row under an appendix's "1.": a table row)
        elif b.kind == "roman":
            v = b.value
            # (the group rows of an appendix table keep their printed numbers: an excerpt may
            # skip groups, "I, II, VII, VIII")
            if (v == 1 and last <= 0) or (last > 0 and v in (last, last + 1, last + 2)) \
                    or (last > 0 and v > last and b.extra.get("cell")) \
                    or (last > 0 and v == 1 and _restart_ok(blocks, i)) \
                    or (v == 2 and last == 0 and _next_roman(blocks, i) == 3):
                ok.add(i)
                last = v
    return ok


def _next_roman(blocks: list[Block], i: int) -> int:
    """Value of the next Roman candidate after block ``i`` (0 if none)."""
    return next((blocks[j].value for j in range(i + 1, len(blocks)) if blocks[j].kind == "roman"), 0)


def _restart_ok(blocks: list[Block], i: int) -> bool:
    """A second "I." is a new sequence only when an appendix or title line precedes it."""
    titles = cues()["attached_titles"]
    for b in reversed(blocks[max(0, i - 4):i]):
        if b.kind == "appendix" or b.clean_body().upper().startswith(titles):
            return True
    return False


def lists_to_items(blocks: list[Block], marked: list[int]) -> None:
    """Arabic siblings that are all one-paragraph sentences form a list of Items.
    ``marked``: what ``mark_scopes`` returned."""
    current: list[int]
    groups, current = [], []
    opener, openers = "", []        # the kind of heading each group is under
    for i in marked:
        b = blocks[i]
        if b.kind in ("roman", "article", "part", "appendix", "signature"):
            if current:
                groups.append(current)
                openers.append(opener)
            current, opener = [], b.kind
        elif b.kind == "arabic":
            current.append(i)
    if current:
        groups.append(current)
        openers.append(opener)
    if cues().get("numbered_paragraphs", "sections") != "items":
        return
    top_only = not any(blocks[i].kind in ("roman", "article", "part") for i in marked)
    for g, under in zip(groups, openers):
        # a document numbered only "1.", "2." at the top (no heading above them, no Roman
        # heading, article or part anywhere): its paragraphs are its sections
        # (corpus/ANNOTATION.md), whatever their length
        if not under and top_only:
            continue
        # an article's numbered paragraphs are its clauses (khoản), never headings; under a
        # Roman heading of a plan, "1. Sở Nội vụ: …" entries are headings
        if under == "article" or not any(
                _heading_like(blocks, i, i == g[-1]) or
                (under == "roman" and _labelled(blocks[i].clean_body())) for i in g):
            for i in g:
                blocks[i].kind, blocks[i].marker = "number", blocks[i].num + "."


def _heading_like(blocks: list[Block], i: int, last: bool) -> bool:
    """A numbered line that heads something: it has sub-numbers or a body of its own
    (for the last of a list, the text after it may be the plan's closing words), or it
    does not read as a finished sentence."""
    b = blocks[i]
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is not None and nxt.kind == "decimal":
        return True
    body = nxt is not None and nxt.kind not in ("roman", "arabic", "article", "part",
                                                "appendix", "signature")
    if body and last and nxt is not None and nxt.kind == "text":
        after = blocks[i + 2] if i + 2 < len(blocks) else None
        body = after is not None and after.kind not in ("roman", "article", "part",
                                                        "appendix", "signature")
    ends = b.clean_body().rstrip()
    return body or not ends.endswith((".", ";", "./.", "…"))


def _labelled(text: str) -> bool:
    """"1. Sở Nội vụ: Tham mưu …": a body or topic named before a colon, its duties after
    it (the name is a heading of its own)."""
    head, colon, rest = text.split(None, 1)[-1].partition(": ")     # (after its number)
    words = head.split()
    return bool(colon) and 3 <= len(words) <= 16 and not any(ch.isdigit() for ch in head) \
        and rest[:1].isupper()
