"""PDF (pdfplumber, and OCR for scanned pages): paragraphs rebuilt from line positions.

Page numbers and headers/footers repeated on most pages are dropped; ``Source.pages``
maps the text back to page numbers.  Pages are read by :mod:`pipeline.ingest.pdfpages`,
under the limits; pages that are empty, damaged, too large or past the page limit are
listed in warnings.  With OCR on (``auto``, the default: ``pipeline.ingest.ocrcache``),
each page without a text layer, with a garbled one, or an image with little text is read
by :mod:`pipeline.ingest.ocr` instead, and its lines go through the same paragraph
rebuilding; the Source says which pages and with what confidence.  A garbled or missing
text layer that OCR cannot replace gives no text and the reason.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from pipeline import data as package_data
from pipeline.ingest import ocr, ocrcache, readable
from pipeline.ingest.pdfpages import page_list, read_pages
from pipeline.ingest.registry import IngestError, Source, digest, read_bytes, register
from pipeline.text.templates import fill


@register(".pdf")
def read_pdf_source(path: Path) -> Source:
    raw = read_bytes(path)
    read = read_pdf_pages(path, raw)
    src = Source(text=read.text, format="pdf", sha1=digest(raw), pages=read.pages,
                 warnings=read.warnings)
    src.reader = "pdf+ocr" if read.ocr else "pdf"
    src.ocr_pages = sorted(read.ocr)
    src.ocr_page_confidence = [read.ocr[n] for n in src.ocr_pages]
    src.ocr_confidence = read.ocr_confidence
    src.encoding = read.encoding
    return src


_DATA = package_data.load("ingest.yaml")["pdf"]
_VIET = set(_DATA["vietnamese_letters"])
_PAGE_NUMBER = re.compile(fill(_DATA["page_number"], _DATA), re.I)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.:;!?…][\"”’)]?$")
COLUMN_GAP = 30.0          # points between words that split a line into two columns
IMAGE_PAGE_LETTERS = 100   # an image page with fewer letters of text than this is OCR'd
LOW_CONFIDENCE = 60.0      # a page OCR'd with a lower mean confidence is named in a warning


@dataclass
class PdfText:
    text: str
    pages: list[tuple[int, int, int]]
    warnings: list[str]
    ocr: dict[int, Optional[float]] = field(default_factory=dict)   # page -> mean confidence
    ocr_confidence: Optional[float] = None    # over the words of every OCR'd page
    encoding: Optional[str] = None            # legacy font encoding the text layer was in


def garbled_reason(text: str) -> Optional[str]:
    """Why a PDF text layer looks unusable, or None."""
    cid = text.count("(cid:")
    if cid >= 5:
        return f"{cid} '(cid:NN)' glyphs"
    letters = [c for c in text.lower() if c.isalpha()]
    if len(letters) >= 200:
        viet = sum(c in _VIET for c in letters)
        if viet / len(letters) < 0.03:
            return f"only {viet} Vietnamese letters in {len(letters)}"
    bad = text.count("\ufffd")
    if bad > 20 and bad > len(text) // 50:
        return f"{bad} unreadable characters"
    return None


def _lines_of(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group words (pdfplumber dicts) into lines: [{'x0','x1','top','bottom','segments'}]."""
    lines: list[dict[str, Any]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(w["top"] - lines[-1]["top"]) <= 2.5:
            lines[-1]["words"].append(w)
        else:
            lines.append({"top": w["top"], "words": [w]})
    out = []
    for ln in lines:
        ws = sorted(ln["words"], key=lambda w: w["x0"])
        segments, cur = [], [ws[0]]
        for a, b in zip(ws, ws[1:]):
            if b["x0"] - a["x1"] > COLUMN_GAP:
                segments.append(cur)
                cur = []
            cur.append(b)
        segments.append(cur)
        out.append({
            "top": min(w["top"] for w in ws), "bottom": max(w["bottom"] for w in ws),
            "x0": ws[0]["x0"], "x1": ws[-1]["x1"],
            "segments": [(s[0]["x0"], " ".join(w["text"] for w in s)) for s in segments],
        })
        out[-1]["text"] = " ".join(t for _, t in out[-1]["segments"])
    return out


def _page_key(text: str) -> str:
    return _DIGITS.sub("#", text.strip().lower())


def line_gap(pages: list[list[dict[str, Any]]]) -> float:
    """The usual gap between lines of one paragraph, over the whole document: the smallest
    gap (0.5 pt steps) that occurs often, so pages of one-line paragraphs do not fool it."""
    gaps = [round((b["top"] - a["bottom"]) * 2) / 2
            for lines in pages for a, b in zip(lines, lines[1:]) if b["top"] > a["bottom"] - 1]
    if not gaps:
        return 3.0
    counts: dict[float, int] = {}
    for g in gaps:
        counts[g] = counts.get(g, 0) + 1
    need = max(2, len(gaps) // 20)
    for g in sorted(counts):
        if g >= 0 and counts[g] >= need:
            return g
    return statistics.median(gaps)


def _paragraphs(lines: list[dict[str, Any]], width: float, first_page: bool, gap: float,
                edges: tuple[float, float] | None = None) -> list[list[str]]:
    """Lines of one page -> list of blocks (each a list of line strings)."""
    if not lines:
        return []
    blocks: list[list[str]] = []
    start = 0
    if first_page:                     # two-column header block: left column, then right
        split = [i for i, ln in enumerate(lines[:14]) if len(ln["segments"]) > 1]
        if split:
            end = split[-1] + 1
            while end < len(lines) and end < 16 and lines[end]["x0"] > width * 0.4:
                end += 1              # right-column lines under the last split line
            # the right column starts where the second segments of split lines start
            boundary = min(lines[i]["segments"][1][0] for i in split) - 5
            left: list[str]
            right: list[str] | float           # (later the right margin)
            left, right = [], []
            for ln in lines[:end]:
                for x0, text in ln["segments"]:
                    (left if x0 < boundary else right).append(text)
            blocks += [b for b in (left, right) if b]
            start = end
    body = lines[start:]
    if not body:
        return blocks
    heights = [ln["bottom"] - ln["top"] for ln in body]
    line_h = statistics.median(heights) if heights else 10
    margin, right = edges if edges else (min(ln["x0"] for ln in body), max(ln["x1"] for ln in body))
    cur = [" ".join(t for _, t in body[0]["segments"])]
    for a, b in zip(body, body[1:]):
        text = " ".join(t for _, t in b["segments"])
        g = b["top"] - a["bottom"]
        # a wider gap, or an indented first line after a line that stopped short or
        # ended a sentence
        new = (g > gap + max(1.5, line_h * 0.3)
               or (b["x0"] > margin + 8
                   and (a["x1"] < right - 40 or _SENTENCE_END.search(a["text"]))))
        if new:
            blocks.append(cur)
            cur = []
        cur.append(text)
    blocks.append(cur)
    return blocks


def read_pdf_pages(path: Path, data: bytes) -> PdfText:
    """PDF -> text, pages, warnings, and the pages read by OCR.

    Paragraphs are rebuilt from line positions (vertical gaps, indentation); page numbers
    and headers/footers repeated on most pages are dropped.  A garbled or missing text
    layer that OCR does not replace gives no text and a warning saying why.
    """
    name = path.name
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(f"{name}: not a PDF file (no PDF header)")
    images: dict[int, int] = {}
    damaged: list[int] = []        # not OCR'd: a renderer fed a damaged page is a risk
    pages_lines, warnings = read_pages(path, lambda exc: _pdf_error(name, exc, data), _lines_of,
                                       images, damaged)
    if not pages_lines:
        raise IngestError(f"{name}: the PDF has no pages (or its list of pages is damaged)")
    converted = _convert_legacy(pages_lines)
    settings = ocrcache.current()
    wanted = [n for n, _, _, lines in pages_lines
              if n not in damaged and _wants_ocr(settings.mode, lines, images.get(n))]
    done, why_not, failed = _ocr(name, data, wanted, settings, warnings)
    for n, _, _, lines in pages_lines:
        if n in done and settings.mode == "auto" and not _wants_ocr(settings.mode, lines, None):
            # an image page with a little text (a signature box, a title over a logo):
            # OCR is kept only when it reads clearly more than the text layer has
            if _letters(done[n].lines) < 2 * _letters(lines) + 20:
                del done[n]
    pages_lines = [(n, w, h, done[n].lines if n in done else lines)
                   for n, w, h, lines in pages_lines]
    encoding = _converted(name, {n: e for n, e in converted.items() if n not in done}, warnings)
    empty = [n for n, _, _, lines in pages_lines
             if not lines and n not in damaged and n not in failed]
    text, pages = _page_texts(pages_lines, set(done))
    ocr_conf = {n: done[n].confidence for n in sorted(done)}
    words = sum(done[n].words for n in done)
    mean = (round(sum((done[n].confidence or 0) * done[n].words for n in done) / words, 1)
            if words else None)
    if not text.strip():
        what = "no text layer (a scan?)" if not done else "no text layer, and OCR found no text"
        return PdfText("", [], [f"{name}: the PDF has {what}{why_not}", *warnings])
    reason = garbled_reason(text)
    if reason:
        layer = "text read by OCR" if done else "text layer"
        return PdfText("", [], [f"{name}: {layer} is garbled ({reason}){why_not}", *warnings])
    if empty:
        kind = "blank pages" if settings.mode != "never" and not why_not else \
            f"pages without text (blank, or scanned{why_not})"
        warnings.append(f"{name}: {kind}: {page_list(empty)}")
    low = [f"{n} ({c:.0f})" for n, c in ocr_conf.items() if c is not None and c < LOW_CONFIDENCE]
    if low:
        warnings.append(f"{name}: pages read by OCR with a low mean confidence (under "
                        f"{LOW_CONFIDENCE:.0f} of 100; check their text): {', '.join(low)}")
    return PdfText(text, pages, warnings, ocr_conf, mean, encoding)


def _convert_legacy(pages_lines: list[tuple[int, float, float, Any]]) -> dict[int, str]:
    """Convert the text layer of the pages typed in a legacy font encoding (TCVN3, VNI)
    to Unicode in place, before any page is judged garbled: {page: encoding}."""
    found = readable.page_encodings(["\n".join(ln["text"] for ln in lines)
                                     for _, _, _, lines in pages_lines])
    for (_, _, _, lines), enc in zip(pages_lines, found):
        if enc:
            for ln in lines:
                ln["segments"] = [(x0, readable.convert(t, enc)) for x0, t in ln["segments"]]
                ln["text"] = " ".join(t for _, t in ln["segments"])
    return {n: enc for (n, _, _, _), enc in zip(pages_lines, found) if enc}


def _converted(name: str, pages: dict[int, str], warnings: list[str]) -> Optional[str]:
    """The encodings of the pages converted ("+"-joined) or None; a warning for each."""
    for enc in sorted(set(pages.values())):
        numbers = sorted(n for n, e in pages.items() if e == enc)
        warnings.append(readable.converted_warning(
            name, enc, f"the text layer of pages {page_list(numbers)}"))
    return "+".join(sorted(set(pages.values()))) or None


def _letters(lines: list[dict[str, Any]]) -> int:
    return sum(c.isalpha() for ln in lines for c in ln["text"])


def _wants_ocr(mode: str, lines: list[dict[str, Any]], images: Optional[int]) -> bool:
    """Whether a page is read by OCR: every page (``always``), none (``never``), or a page
    with no text layer, a garbled one, or an image and little text (``auto``)."""
    if mode != "auto":
        return mode == "always"
    text = "\n".join(ln["text"] for ln in lines)
    if not text.strip() or garbled_reason(text):
        return True
    return bool(images) and _letters(lines) < IMAGE_PAGE_LETTERS


def _ocr(name: str, data: bytes, wanted: list[int], settings: ocrcache.Settings,
         warnings: list[str]) -> tuple[dict[int, ocr.PageText], str, set[int]]:
    """The pages read by OCR (those it found text on), why OCR did not run ("; ..." words
    to add to a message, or ""), and the pages it failed on (named in ``warnings``)."""
    if settings.mode == "never":
        return {}, "; OCR is off (--ocr never)", set()
    if not wanted:
        return {}, "", set()
    try:
        read = ocr.ocr_pages(data, wanted, settings, COLUMN_GAP)
    except ocr.OcrError as exc:
        return {}, f"; OCR cannot read it: {exc}", set()
    failed = {n: p.error for n, p in read.items() if p.error}
    if failed:
        warnings.append(f"{name}: OCR failed on pages {page_list(sorted(failed))} "
                        f"({next(iter(failed.values()))})")
    return {n: p for n, p in read.items() if p.lines}, "", set(failed)


def _page_texts(pages_lines: list[tuple[int, float, float, list[dict[str, Any]]]],
                ocr_pages: set[int]) -> tuple[str, list[tuple[int, int, int]]]:
    """The text of the pages (furniture dropped, paragraphs rebuilt) and its page spans."""
    # headers/footers: lines near the top/bottom edge that repeat on many pages
    edge_keys: dict[str, int] = {}
    for _, _, h, lines in pages_lines:
        for ln in lines:
            if ln["top"] < h * 0.08 or ln["bottom"] > h * 0.92:
                key = _page_key(" ".join(t for _, t in ln["segments"]))
                edge_keys[key] = edge_keys.get(key, 0) + 1
    n_pages = len(pages_lines)
    repeated = {k for k, c in edge_keys.items() if n_pages >= 2 and c >= max(2, n_pages // 2)}

    kept_pages = []
    for page_no, w, h, lines in pages_lines:
        kept = []
        for ln in lines:
            text = " ".join(t for _, t in ln["segments"])
            at_edge = ln["top"] < h * 0.08 or ln["bottom"] > h * 0.92
            if at_edge and (_PAGE_NUMBER.match(text) or _page_key(text) in repeated):
                continue
            kept.append(ln)
        kept_pages.append((page_no, w, kept))
    # line spacing and margins of typed and of OCR'd pages apart (a scan is not typeset
    # as the typed body around it)
    layout = {}
    for is_ocr in (False, True):
        group = [k for n, _, k in kept_pages if (n in ocr_pages) == is_ocr]
        all_lines = [ln for k in group for ln in k]
        layout[is_ocr] = (line_gap(group), (min(ln["x0"] for ln in all_lines),
                                            max(ln["x1"] for ln in all_lines))
                          if all_lines else None)
    parts: list[str]
    pages: list[tuple[int, int, int]]
    parts, pages, pos = [], [], 0
    for page_no, w, kept in kept_pages:
        gap, edges = layout[page_no in ocr_pages]
        blocks = _paragraphs(kept, w, page_no == pages_lines[0][0], gap, edges)
        page_text = "\n\n".join("\n".join(b) for b in blocks if b)
        if parts:
            # a paragraph running on to the next page: one line break, not a blank line
            sep = "\n" if parts[-1] and not _SENTENCE_END.search(parts[-1]) else "\n\n"
            parts.append(sep)
            pos += len(sep)
        pages.append((pos, pos + len(page_text), page_no))
        parts.append(page_text)
        pos += len(page_text)
    return "".join(parts), pages


def _pdf_error(name: str, exc: Exception, data: bytes = b"") -> str:
    desc = f"{type(exc).__name__} {exc!r} {exc.args!r} {exc.__context__!r}"
    if re.search(r"password|encrypt", desc, re.I) or b"/Encrypt" in data:
        return f"{name}: the PDF is password-protected (encrypted); remove the password and try again"
    return f"{name}: the PDF cannot be read; it may be damaged or truncated"
