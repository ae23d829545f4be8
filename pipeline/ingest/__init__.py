"""Ingest: read a file (.txt, .md, .docx, .pdf) into raw text.

``read_source(path)`` returns a ``Source`` or raises ``IngestError`` with a message in plain
words (it goes into the record's ``errors``).  The raw text keeps the file's own line
structure; ``normalise.normalise(source.text, source.format)`` turns it into
``Document.text``.  DOCX and PDF text uses blank lines between blocks and tab-separated
table rows, so the normaliser only has to join wrapped lines.
"""
from __future__ import annotations

import hashlib
import re
import statistics
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED = {".txt", ".md", ".docx", ".pdf"}


class IngestError(Exception):
    """A file that cannot be read; the message is shown to the user as is."""


@dataclass
class Source:
    text: str
    format: str
    sha1: str
    pages: list = field(default_factory=list)      # [(start, end, page_no)] into text
    warnings: list = field(default_factory=list)


def read_source(path) -> Source:
    """Read one file; raise ``IngestError`` when it cannot be read."""
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise IngestError(f"{name}: file not found")
    if path.is_dir():
        raise IngestError(f"{name}: is a folder, not a file")
    if not path.is_file():
        raise IngestError(f"{name}: not a regular file")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise IngestError(f"{name}: old Word .doc format is not supported; "
                          "convert it to .docx (or save it as PDF or text) and try again")
    if suffix not in SUPPORTED:
        kind = f"'{suffix}'" if suffix else "without an extension"
        raise IngestError(f"{name}: unsupported file type {kind}; supported types are "
                          + ", ".join(sorted(SUPPORTED)))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{name}: the file cannot be opened ({exc.strerror or exc})") from exc
    if not data.strip():
        raise IngestError(f"{name}: the file is empty")
    sha1 = hashlib.sha1(data).hexdigest()
    if suffix == ".docx":
        text = read_docx(path, data)
        return Source(text=text, format="docx", sha1=sha1)
    if suffix == ".pdf":
        text, pages, warnings = read_pdf(path, data)
        return Source(text=text, format="pdf", sha1=sha1, pages=pages, warnings=warnings)
    text, warnings = decode_text(data, name)
    if not text.strip():
        raise IngestError(f"{name}: the file is empty")
    return Source(text=text, format=suffix.lstrip("."), sha1=sha1, warnings=warnings)


# ---------------------------------------------------------------- plain text

_BOMS = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]


def _utf16_without_bom(data: bytes):
    """'utf-16-le'/'utf-16-be' when every other byte is mostly NUL (ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4000]
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_text(data: bytes, name: str = "file"):
    """Bytes of a text file -> (str, warnings).  UTF-8 (with or without BOM) or UTF-16."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), []
            except UnicodeDecodeError as exc:
                raise IngestError(f"{name}: the text is not valid {enc.upper()} "
                                  f"(damaged at byte {exc.start})") from exc
    enc = _utf16_without_bom(data)
    if enc:
        try:
            return data.decode(enc), []
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise IngestError(f"{name}: this is a binary file, not text")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > max(3, len(text) // 1000):
        raise IngestError(f"{name}: the file is not UTF-8 text (binary, or an old Vietnamese "
                          "encoding such as TCVN3/VNI); save it as UTF-8 and try again")
    return text, [f"{name}: {bad} byte(s) that are not valid UTF-8 were replaced"]


# ---------------------------------------------------------------- DOCX

def read_docx(path: Path, data: bytes) -> str:
    """Paragraphs and tables in document order.

    Blocks are separated by blank lines; a layout table (one or two columns: header block,
    signature) gives one block per cell with the cell's paragraphs on separate lines; a
    content table gives one line per row, cells separated by tabs.
    """
    name = path.name
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise IngestError(f"{name}: this is an old Word .doc file or a password-protected "
                          "document; save it as a normal .docx and try again")
    if not zipfile.is_zipfile(path):
        raise IngestError(f"{name}: not a valid .docx file (damaged, or not a Word document)")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        document = docx.Document(str(path))
    except Exception as exc:
        raise IngestError(f"{name}: not a valid .docx file (damaged, or not a Word document: "
                          f"{type(exc).__name__})") from exc

    blocks: list[str] = []

    def para_text(p) -> str:
        return p.text.replace("\t", " ")

    def table_blocks(tbl) -> None:
        rows = []
        for row in tbl.rows:
            seen, cells = set(), []
            for cell in row.cells:
                if id(cell._tc) in seen:              # merged cells repeat
                    continue
                seen.add(id(cell._tc))
                cells.append([para_text(p) for p in cell.paragraphs if p.text.strip()])
            rows.append(cells)
        if max((len(r) for r in rows), default=0) <= 2:
            for cells in rows:
                blocks.extend("\n".join(c) for c in cells if c)
        else:
            for cells in rows:
                line = "\t".join(" ".join(c).replace("\n", " ") for c in cells)
                if line.strip():
                    blocks.append(line)

    def walk(parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                text = para_text(Paragraph(child, document))
                if text.strip():
                    blocks.append(text)
            elif tag == "tbl":
                table_blocks(Table(child, document))
            elif tag in ("sdt", "sdtContent", "customXml"):
                walk(child)

    try:
        walk(document.element.body)
    except Exception as exc:
        raise IngestError(f"{name}: the .docx file could not be read "
                          f"({type(exc).__name__}: {exc})") from exc
    return "\n\n".join(blocks)


# ---------------------------------------------------------------- PDF

_VIET = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_PAGE_NUMBER = re.compile(r"^\W*(?:trang|page)?\s*\d{1,4}(?:\s*(?:/|của|of)\s*\d{1,4})?\W*$", re.I)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.:;!?…][\"”’)]?$")
COLUMN_GAP = 30.0          # points between words that split a line into two columns


def garbled_reason(text: str):
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


def _lines_of(words: list) -> list:
    """Group words (pdfplumber dicts) into lines: [{'x0','x1','top','bottom','segments'}]."""
    lines: list = []
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


def line_gap(pages: list) -> float:
    """The usual gap between lines of one paragraph, over the whole document: the smallest
    gap (0.5 pt steps) that occurs often, so pages of one-line paragraphs do not fool it."""
    gaps = [round((b["top"] - a["bottom"]) * 2) / 2
            for lines in pages for a, b in zip(lines, lines[1:]) if b["top"] > a["bottom"] - 1]
    if not gaps:
        return 3.0
    counts: dict = {}
    for g in gaps:
        counts[g] = counts.get(g, 0) + 1
    need = max(2, len(gaps) // 20)
    for g in sorted(counts):
        if g >= 0 and counts[g] >= need:
            return g
    return statistics.median(gaps)


def _paragraphs(lines: list, width: float, first_page: bool, gap: float,
                edges: tuple | None = None) -> list:
    """Lines of one page -> list of blocks (each a list of line strings)."""
    if not lines:
        return []
    blocks: list = []
    start = 0
    if first_page:                     # two-column header block: left column, then right
        split = [i for i, ln in enumerate(lines[:14]) if len(ln["segments"]) > 1]
        if split:
            end = split[-1] + 1
            while end < len(lines) and end < 16 and lines[end]["x0"] > width * 0.4:
                end += 1              # right-column lines under the last split line
            # the right column starts where the second segments of split lines start
            boundary = min(lines[i]["segments"][1][0] for i in split) - 5
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


def read_pdf(path: Path, data: bytes):
    """Born-digital PDF -> (text, pages, warnings).

    Paragraphs are rebuilt from line positions (vertical gaps, indentation); page numbers
    and headers/footers repeated on most pages are dropped.  A garbled or missing text
    layer gives no text and a warning.
    """
    name = path.name
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(f"{name}: not a PDF file (no PDF header)")
    try:
        import pdfplumber
        pdf = pdfplumber.open(str(path))
    except Exception as exc:
        raise IngestError(_pdf_error(name, exc, data)) from exc
    pages_lines = []
    try:
        with pdf:
            for page in pdf.pages:
                words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
                pages_lines.append((page.page_number, float(page.width), float(page.height),
                                    _lines_of(words)))
    except Exception as exc:
        raise IngestError(_pdf_error(name, exc, data)) from exc
    if not pages_lines:
        raise IngestError(f"{name}: the PDF has no pages")

    # headers/footers: lines near the top/bottom edge that repeat on many pages
    edge_keys: dict = {}
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
    gap = line_gap([k for _, _, k in kept_pages])
    all_lines = [ln for _, _, k in kept_pages for ln in k]
    edges = (min(ln["x0"] for ln in all_lines), max(ln["x1"] for ln in all_lines)) \
        if all_lines else None
    parts, pages, pos = [], [], 0
    for page_no, w, kept in kept_pages:
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
    text = "".join(parts)
    if not text.strip():
        return "", [], [f"{name}: the PDF has no text layer (a scan?); OCR is not supported yet"]
    reason = garbled_reason(text)
    if reason:
        return "", [], [f"{name}: text layer is garbled ({reason}); OCR is not supported yet"]
    return text, pages, []


def _pdf_error(name: str, exc: Exception, data: bytes = b"") -> str:
    desc = f"{type(exc).__name__} {exc!r} {exc.args!r} {exc.__context__!r}"
    if re.search(r"password|encrypt", desc, re.I) or b"/Encrypt" in data:
        return f"{name}: the PDF is password-protected (encrypted); remove the password and try again"
    return f"{name}: the PDF cannot be read; it may be damaged or truncated"
