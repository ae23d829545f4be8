"""Portal pages: the document cut out of the page around it.

A page saved from a document portal holds, around the document, the site's copyright and
login notices, its metadata table ("Số hiệu: | 3617/QĐ-UBND | Loại văn bản: | Quyết định"),
a summary, the page title, a translation and "related documents" lists.  Such a page is
recognised by its metadata table (label cells followed by value cells); the document is
the part from its header table (the cell before the motto cell) to the first line of the
site's trailing furniture.  The metadata fields worth keeping are returned as lines put
after the document ("Số hiệu: 3617/QĐ-UBND"), for the metadata stage to fall back on.

Patterns: ``site`` in ``data/normalise.yaml``.
"""
from __future__ import annotations

import re

from pipeline.normalise.rules import rules
from pipeline.text.spans import Span

_MARKS = re.compile(r"[*#_]+")
_WS = re.compile(r"\s+")


def _plain(s: str) -> str:
    """``s`` without emphasis marks and with single spaces."""
    return _WS.sub(" ", _MARKS.sub(" ", s)).strip()


def _is_pipe(line: Span) -> bool:
    return line.text.strip() == "|"


def is_site_page(raw: str) -> bool:
    """Does ``raw`` hold a portal's metadata table (two label cells or more)?"""
    if ":**\n|" not in raw and ":\n|" not in raw:     # a label cell ends so (fast test)
        return False
    found = rules()["site"]["cue"].finditer(raw)
    return next(found, None) is not None and next(found, None) is not None


def _runs(lines: list[Span]) -> list[tuple[int, int]]:
    """(first, end) line indices of the runs of lines between pipe lines."""
    runs, start = [], None
    for i, line in enumerate(lines):
        if _is_pipe(line):
            if start is not None:
                runs.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        runs.append((start, len(lines)))
    return runs


def _text(lines: list[Span], run: tuple[int, int]) -> str:
    return _plain(" ".join(lines[k].text for k in range(*run)))


def strip_site(lines: list[Span]) -> tuple[list[Span], list[Span]]:
    """``(document lines, field lines)`` of a portal page (see the module doc)."""
    site = rules()["site"]
    runs = _runs(lines)
    fields: dict[str, Span] = {}
    last_field = -1
    for r, (_a, b) in enumerate(runs[:-1]):
        m = site["label"].match(lines[b - 1].text)
        if not m or runs[r + 1][0] != b + 1:       # a label cell, the value in the next cell
            continue
        label = _plain(m.group(1))
        last_field = r + 1
        va, vb = runs[r + 1]
        value = _plain(" ".join(lines[k].text for k in range(va, vb)))
        if label in site["keep"] and value and value not in site["empty_values"] \
                and label not in fields:
            fields[label] = Span.join(" ", [lines[b - 1], *lines[va:vb]])
    if last_field < 0:
        return lines, []
    start = _document_start(lines, runs, last_field)
    end = _document_end(lines, runs, start)
    a = runs[start][0] if start < len(runs) else len(lines)
    body = lines[a - 1 if a and _is_pipe(lines[a - 1]) else a:end]
    return body, list(fields.values())


def _document_start(lines: list[Span], runs: list[tuple[int, int]], after: int) -> int:
    """Index of the run where the document starts: the header cell before the motto cell
    (or the motto cell), else the run after the metadata table."""
    motto = rules()["site"]["motto"]
    for r in range(after + 1, len(runs)):
        if motto.search(_text(lines, runs[r])):
            prev = _text(lines, runs[r - 1]) if r - 1 > after else ""
            return r - 1 if prev and prev == prev.upper() else r
    return after + 1


def _document_end(lines: list[Span], runs: list[tuple[int, int]], start: int) -> int:
    """Index of the line where the site's trailing furniture starts (the page title line
    before a tail line goes with it; a translation starts with its header row)."""
    site = rules()["site"]
    a = runs[start][0] if start < len(runs) else len(lines)
    end = len(lines)
    for k in range(a, len(lines)):
        if site["tail"].match(lines[k].text.replace("*", "").strip()):
            end = k
            break
    heads = site["translation_heads"]
    if heads is not None and start + 1 < len(runs):
        rest = "\n".join([line.text for line in lines[runs[start + 1][0]:]])
        if not any(h in rest for h in heads):    # no translation header (a fast test)
            runs = runs[:start + 1]
    for r in range(start + 1, len(runs)):
        ra, rb = runs[r]
        if ra >= end:
            break
        if site["translation"].search(_text(lines, runs[r])):
            prev = runs[r - 1]
            end = prev[0] if r - 1 > start else ra
            break
    # the page's title line (and empty cells) just before the cut
    k = end
    while k > a and (_is_pipe(lines[k - 1]) or not _plain(lines[k - 1].text)):
        k -= 1
    if k > a and site["page_title"].match(_plain(lines[k - 1].text)):
        k -= 1
        while k > a and (_is_pipe(lines[k - 1]) or not _plain(lines[k - 1].text)):
            k -= 1
        end = k
    return end
