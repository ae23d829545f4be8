"""Test helpers: hostile inputs for the readers, built byte by byte (small and fast).

DOCX files are written as raw WordprocessingML (no python-docx), PDF files as raw PDF
objects with a correct cross-reference table, so that each can be as broken as a test needs.
``scripts``-style use: ``python tests/hostile.py OUTDIR`` writes one file of each kind.
"""
from __future__ import annotations

import os
import random
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W}" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# ---- DOCX ------------------------------------------------------------------------------

def p(text: str) -> str:
    """One paragraph with one run."""
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def textbox(text: str) -> str:
    """A run holding a text box, drawn (mc:Choice) with its VML copy (mc:Fallback)."""
    box = f"<w:txbxContent>{p(text)}</w:txbxContent>"
    return ("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
            "<a:graphic><a:graphicData><wps:wsp><wps:txbx>" + box + "</wps:txbx></wps:wsp>"
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>"
            "<w:pict><v:shape><v:textbox>" + box + "</v:textbox></v:shape></w:pict>"
            "</mc:Fallback></mc:AlternateContent></w:r>")


def notes(kind: str, texts: list[str]) -> str:
    """A footnotes (``kind="footnote"``) or endnotes part: the separators, then the notes."""
    sep = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           f'</w:{kind}>')
    body = "".join(f'<w:{kind} w:id="{i}">{p(t)}</w:{kind}>' for i, t in enumerate(texts, 1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:{kind}s {NS}>{sep}{body}</w:{kind}s>")


def header(kind: str, body: str) -> str:
    """A header (``kind="hdr"``) or footer (``"ftr"``) part."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind} {NS}>{body}</w:{kind}>'


def tc(body: str, span: int | str | None = None, vmerge: str | None = None) -> str:
    pr = ""
    if span is not None:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge is not None:
        pr += "<w:vMerge/>" if vmerge == "continue" else f'<w:vMerge w:val="{vmerge}"/>'
    return f"<w:tc>{'<w:tcPr>' + pr + '</w:tcPr>' if pr else ''}{body}</w:tc>"


def tbl(rows: list[list[str]]) -> str:
    """A table; each cell is the XML of a ``tc`` or plain text (one paragraph)."""
    out = []
    for row in rows:
        cells = "".join(c if c.startswith("<w:tc") else tc(p(c)) for c in row)
        out.append(f"<w:tr>{cells}</w:tr>")
    return f"<w:tbl><w:tblPr/>{''.join(out)}</w:tbl>"


def document_xml(body: str, sect: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:document {NS}><w:body>{body}{sect}</w:body></w:document>")


def write_docx(path, body: str = "", parts: dict | None = None, document: str | None = None,
               compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A .docx with ``body`` (XML inside w:body) and extra ``parts`` {name: (rel type, xml)}."""
    path = Path(path)
    parts = parts or {}
    types = "".join(f'<Override PartName="/word/{n}" ContentType="application/xml"/>' for n in parts)
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/{t}" Target="{n}"/>'
                   for i, (n, (t, _)) in enumerate(parts.items(), 10))
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxml'
                   'formats.org/package/2006/content-types"><Default Extension="rels" ContentType='
                   '"application/vnd.openxmlformats-package.relationships+xml"/><Default '
                   'Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
                   'document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   f'wordprocessingml.document.main+xml"/>{types}</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                   f'Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/_rels/document.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        z.writestr("word/document.xml", document if document is not None else document_xml(body))
        for name, (_, xml) in parts.items():
            z.writestr(f"word/{name}", xml)
    return path


def docx_zip_bomb(path, expanded: int = 1 << 30, declared: int | None = None) -> Path:
    """A real zip bomb: word/document.xml expands to ``expanded`` bytes of blanks inside a
    valid document (about 1 KB of file per MB expanded).  ``declared``: the size the zip
    directory gives instead of the true one."""
    path = write_docx(path, p("x"))
    head, tail = document_xml("|" + p("KẾ HOẠCH")).split("|")
    chunk = b" " * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = head.encode()
    data, crc, n = [comp.compress(start)], zlib.crc32(start), len(start)
    end = tail.encode()
    while n + len(end) < expanded:
        piece = chunk[:expanded - n - len(end)]
        data.append(comp.compress(piece))
        crc, n = zlib.crc32(piece, crc), n + len(piece)
    data += [comp.compress(end), comp.flush()]
    crc, n = zlib.crc32(end, crc), n + len(end)
    return _replace_member(path, "word/document.xml", b"".join(data), crc,
                           n if declared is None else declared)


def docx_declared_bomb(path, declared: int = 4_000_000_000) -> Path:
    """A few-KB .docx whose zip directory declares a ``declared``-byte document.xml."""
    path = write_docx(path, p("x"))
    raw = zipfile.ZipFile(path).read("word/document.xml")
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = comp.compress(raw) + comp.flush()
    return _replace_member(path, "word/document.xml", data, zlib.crc32(raw), declared)


def _replace_member(path: Path, name: str, deflated: bytes, crc: int, size: int) -> Path:
    """Rewrite the zip with ``name`` stored as the given raw deflate data and sizes."""
    with zipfile.ZipFile(path) as z:
        others = [(i.filename, z.read(i)) for i in z.infolist() if i.filename != name]
    out, central = bytearray(), bytearray()
    members = [(n, zlib.compressobj(9, zlib.DEFLATED, -15), d) for n, d in others]
    entries = []
    for n, comp, d in members:
        entries.append((n, comp.compress(d) + comp.flush(), zlib.crc32(d), len(d)))
    entries.append((name, deflated, crc, size))
    for n, data, c, s in entries:
        nb = n.encode()
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, c, len(data), s,
                           len(nb), 0) + nb + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, c,
                               len(data), s, len(nb), 0, 0, 0, 0, 0, off) + nb
    cd = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                                 len(central), cd, 0)
    path.write_bytes(bytes(out))
    return path


def docx_grid_span(path, span: int = 10**8) -> Path:
    return write_docx(path, p("KẾ HOẠCH") + tbl([[tc(p("Chỉ tiêu"), span=span), "70%", "2025"],
                                                 ["a", "b", "c"]]))


def docx_wide_table(path, cols: int = 5000) -> Path:
    """A 1 x ``cols`` table of short percentages (one line of ``cols`` targets)."""
    return write_docx(path, p("KẾ HOẠCH") + p("I. MỤC TIÊU") +
                      tbl([[f"Đến năm 2025 đạt {i % 90 + 1}%" for i in range(cols)]]))


def docx_vmerge_chain(path, rows: int = 3000) -> Path:
    """One column merged vertically over ``rows`` rows, beside a column of text."""
    body = [[tc(p("Sở Y tế"), vmerge="restart"), "dòng 0", "70%"]]
    body += [[tc(p(""), vmerge="continue"), f"dòng {i}", f"{i % 90}%"] for i in range(1, rows)]
    return write_docx(path, p("KẾ HOẠCH") + tbl(body))


def docx_long_run(path, chars: int = 20_000_000) -> Path:
    """A valid .docx whose single run holds ``chars`` characters (libxml2 refuses text nodes
    over 10 MB unless told otherwise)."""
    words = ("Kế hoạch phòng chống ma túy năm 2025. " * (chars // 38 + 1))[:chars]
    return write_docx(path, p("KẾ HOẠCH") + p(words))


def docx_nested_tables(path, depth: int = 1500) -> Path:
    """Tables nested ``depth`` deep, one paragraph per level."""
    body = "".join(f"<w:tbl><w:tr><w:tc>{p(f'level {i}')}" for i in range(depth))
    return write_docx(path, body + "</w:tc></w:tr></w:tbl>" * depth)


def docx_entity_bomb(path) -> Path:
    """'Billion laughs': an internal DTD whose entities expand tenfold, eight times over."""
    ents = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefg", "bcdefgh"))
    xml = document_xml(p("x &h; y")).replace(
        "?>\n", f"?>\n<!DOCTYPE w:document [{ents}]>\n", 1)
    return write_docx(path, document=xml)


# ---- PDF ---------------------------------------------------------------------------------

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
# Helvetica has no Vietnamese letters beyond Latin-1: lines that pass the garbled-text check
PLAN_LINES = ["KÊ HOACH sô 12/KH-UBND vê phòng chông ma túy", "I. MUC ÐÍCH, YÊU CÂU",
              "- Ðên nam 2025, 70% sô xã, phuong không có ma túy; tô chúc tuyên truyên."]


def pdf_bytes(objs: list[bytes], root: int = 1) -> bytes:
    """A PDF from object bodies (object i+1 is objs[i]) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, body in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += (b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, root, xref))
    return bytes(out)


def stream(data: bytes, flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
    extra = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_ops(lines: list[str], y: int = 760) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 72 %d Td" % y]
    for line in lines:
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + esc.encode("cp1252") + b") Tj T*")
    return b"\n".join(ops + [b"ET"])


class Raw(bytes):
    """A whole stream object (dictionary and data) given as is to ``pdf_pages``."""


def damaged_flate(ops: bytes) -> Raw:
    """A Flate stream cut short and followed by garbage."""
    data = zlib.compress(ops)[:40] + b"\x00garbage\xff" * 3
    return Raw(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
               + b"\nendstream")


def pdf_pages(path, contents: list[bytes | None], shared: bool = False) -> Path:
    """One page per content stream (None: a page without /Contents; ``Raw``: a stream
    object as is).  ``shared``: every page draws the first stream (a many-page PDF in a
    few KB)."""
    n = len(contents)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", FONT]
    first_page = 4
    kids, pages = [], []
    streams = [] if not shared else [stream(contents[0] or b"")]
    for i, c in enumerate(contents):
        page_id = first_page + i
        kids.append(b"%d 0 R" % page_id)
        if shared:
            ref = first_page + n
        elif c is None:
            ref = None
        else:
            ref = first_page + n + len(streams)
            streams.append(c if isinstance(c, Raw) else stream(c))
        cont = b"" if ref is None else b" /Contents %d 0 R" % ref
        pages.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                     b"/Resources << /Font << /F1 3 0 R >> >>" + cont + b" >>")
    objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % n
    Path(path).write_bytes(pdf_bytes(objs + pages + streams))
    return Path(path)


def pdf_many_pages(path, n: int = 2000) -> Path:
    return pdf_pages(path, [text_ops(PLAN_LINES)] * n, shared=True)


def pdf_self_reference(path, kind: str = "page") -> Path:
    """A tiny PDF with an object that is a reference to itself: the page object itself
    ("page"), its /MediaBox ("mediabox") or its /Resources ("resources")."""
    cat, pages = b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    body = stream(text_ops(PLAN_LINES))
    if kind == "page":
        objs = [cat, pages, b"3 0 R"]
    elif kind == "mediabox":
        objs = [cat, pages, b"<< /Type /Page /Parent 2 0 R /MediaBox 4 0 R /Contents 5 0 R >>",
                b"4 0 R", body]
    else:
        objs = [cat, pages, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Resources 4 0 R /Contents 5 0 R >>", b"4 0 R", body]
    Path(path).write_bytes(pdf_bytes(objs))
    return Path(path)


def pdf_long_text(path, chars: int = 1_600_000) -> Path:
    """About 1.6 KB of PDF: one flate-compressed text operator showing ``chars`` glyphs."""
    ops = b"BT /F1 1 Tf 10 700 Td (" + b"a" * chars + b") Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            FONT, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>", stream(ops, flate=True)]
    Path(path).write_bytes(pdf_bytes(objs))
    return Path(path)


def pdf_flate_bomb(path, expanded: int = 1 << 30) -> Path:
    """A page whose content stream (blanks, then one line of text) expands to ``expanded``
    bytes: about 1 KB of file per MB."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = [comp.compress(chunk) for _ in range(expanded >> 20)]
    data += [comp.compress(text_ops(PLAN_LINES)), comp.flush()]
    raw = b"".join(data)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            FONT, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(raw) + raw + b"\nendstream"]
    Path(path).write_bytes(pdf_bytes(objs))
    return Path(path)


# ---- text --------------------------------------------------------------------------------

MOJIBAKE_SAMPLE = ("KẾ HOẠCH\nPhòng, chống tác hại của thuốc lá trên địa bàn tỉnh năm 2025\n"
                   "I. MỤC ĐÍCH, YÊU CẦU\n- Đến năm 2025, 70% số xã, phường được tuyên truyền.\n")


def mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (undefined bytes kept as C1 controls), as a browser
    or a spreadsheet does."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def write_all(folder) -> list[Path]:
    """One file of each hostile kind (the sizes of issue 13)."""
    d = Path(folder)
    d.mkdir(parents=True, exist_ok=True)
    made = [docx_zip_bomb(d / "zip-bomb.docx", 4_000_000_000), docx_declared_bomb(d / "declared.docx"),
            docx_grid_span(d / "gridspan.docx"), docx_wide_table(d / "wide.docx"),
            docx_vmerge_chain(d / "vmerge.docx"), docx_long_run(d / "long-run.docx"),
            pdf_self_reference(d / "self-page.pdf"), pdf_self_reference(d / "self-box.pdf", "mediabox"),
            pdf_self_reference(d / "self-res.pdf", "resources"), pdf_long_text(d / "long-text.pdf"),
            pdf_many_pages(d / "pages-2000.pdf"), pdf_flate_bomb(d / "flate-bomb.pdf")]
    (d / "mojibake.txt").write_text(mojibake(MOJIBAKE_SAMPLE * 20), encoding="utf-8")
    (d / "utf16-cut.txt").write_bytes((MOJIBAKE_SAMPLE * 20).encode("utf-16-le")[:-1])
    return made + [d / "mojibake.txt", d / "utf16-cut.txt"]


# ---- a corpus of hostile inputs (scripts/fuzz.py, tests/test_fuzz_corpus.py) -------------

@dataclass
class Case:
    """One generated input and what its record must show.  ``values``: target values that
    must be in the record (text known to be there: no silent loss); ``warns``: words that
    must be in its warnings; ``failed``: True, the record must have an error; False, none;
    None, either (damaged bytes)."""
    path: Path
    kind: str
    values: tuple = ()
    warns: tuple = ()
    failed: bool | None = None


def target_line(v: int) -> str:
    return f"- Đến năm 2025, đạt {v}% số xã, phường đạt chuẩn."


def plan_text(values: list[int], title: str = "Phòng, chống ma túy năm 2025") -> str:
    """A short plan whose objectives are one target per value."""
    return ("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN\nSố: 12/KH-UBND\nKẾ HOẠCH\n" + title + "\n"
            "I. MỤC TIÊU\n" + "\n".join(target_line(v) for v in values) + "\n"
            "II. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì, phối hợp với Công an tỉnh.\n")


def docx_containers(path, values: tuple[int, int, int, int, int]) -> Path:
    """A DOCX with one target in the body, a nested table, a tracked insertion, a text box
    and a footnote (text python-docx used to drop without a word)."""
    body, nested, ins, box, note = values
    xml = (p("KẾ HOẠCH") + p("Phòng chống ma túy năm 2025") + p("I. MỤC TIÊU")
           + p(target_line(body)) + tbl([[tc(tbl([[target_line(nested)]]))]])
           + f'<w:p><w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve">'
           f'{target_line(ins)}</w:t></w:r></w:ins></w:p>' + "<w:p>" + textbox(target_line(box))
           + "</w:p>")
    return write_docx(path, xml, {"footnotes.xml": ("footnotes", notes("footnote", [target_line(note)]))})


LINE_UNITS = {"dieu": "Điều 1. ", "nam": "năm 2025 ", "pct": "1%", "xa": "- 50% xã "}


def _name(rng, stem: str, ext: str) -> str:
    """A file name in a random case (KEHOACH.TXT, kehoach.Md ...)."""
    case = rng.choice([str.lower, str.upper, str.title, str])
    return case(stem) + rng.choice([ext, ext.upper()])


def fuzz_corpus(root, n: int = 1000, seed: int = 13, scale: float = 1.0) -> list[Case]:
    """At least ``n`` hostile inputs under ``root`` (deterministic for a ``seed``): one of each
    large kind of issue 13 (``scale`` 1: the issue's sizes; smaller for quick runs), then
    small variants of plans (damaged, re-encoded, renamed, duplicated) up to ``n``."""
    rng = random.Random(seed)
    root = Path(root)
    big, small = root / "big", root / "small"
    for d in (big, small):
        d.mkdir(parents=True, exist_ok=True)
    sz = lambda x: max(1, int(x * scale))           # noqa: E731
    cases = [
        # refused when past the 64 MB limit of a DOCX part (a quick run's are smaller)
        Case(docx_zip_bomb(big / "zip-bomb-4g.docx", sz(4_000_000_000)), "docx zip bomb",
             failed=True if sz(4_000_000_000) > 64 << 20 else None),
        Case(docx_zip_bomb(big / "zip-bomb-3g.docx", sz(3_000_000_000), declared=1000),
             "docx zip bomb", failed=True if sz(3_000_000_000) > 64 << 20 else None),
        Case(docx_declared_bomb(big / "declared-bomb.docx"), "docx zip bomb", failed=True),
        Case(docx_grid_span(big / "gridspan.docx", 10**8), "docx gridSpan 10^8"),
        Case(docx_wide_table(big / "wide-1x5000.docx", sz(5000)), "docx 1x5000 table"),
        Case(docx_vmerge_chain(big / "vmerge-3000.docx", sz(3000)), "docx vertical merge chain"),
        Case(docx_long_run(big / "long-run-20mb.docx", sz(20_000_000)), "docx one 20 MB run", failed=False),
        # deeper than libxml2 takes: refused in plain words
        Case(docx_nested_tables(big / "nested-1500.docx", sz(1500)), "docx nested tables",
             failed=True if sz(1500) >= 1500 else False),
        Case(docx_entity_bomb(big / "entity-bomb.docx"), "docx entity bomb", failed=True),
        Case(pdf_self_reference(big / "self-page.pdf"), "pdf self-reference", failed=True),
        Case(pdf_self_reference(big / "self-box.pdf", "mediabox"), "pdf self-reference", failed=True),
        Case(pdf_self_reference(big / "self-res.pdf", "resources"), "pdf self-reference", failed=True),
        # past the characters of a page (40,000) / the bytes of a stream (64 MB): not read
        Case(pdf_long_text(big / "long-text-op.pdf", sz(1_600_000)), "pdf one long text operator",
             failed=True if sz(1_600_000) > 40_000 else None),
        Case(pdf_flate_bomb(big / "flate-bomb.pdf", sz(1 << 30)), "pdf flate bomb",
             failed=True if sz(1 << 30) > 64 << 20 else None),
        Case(pdf_many_pages(big / "pages-2000.pdf", sz(2000)), "pdf 2,000 pages",
             warns=("only the first",) if sz(2000) > 1000 else ()),
    ]
    # the seed plans over and over (a real density of sections), cut at the character limit
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    reps = max(1, int(sz(50_000_000) / len(seeds.encode())))
    (big / "text-50mb.txt").write_text(seeds * reps, encoding="utf-8")
    cases.append(Case(big / "text-50mb.txt", "50 MB text", failed=False,
                      warns=("characters",) if sz(50_000_000) > 10_000_000 else ()))
    # a short plan over and over: a section every 300 characters (16,000 in 5 MB)
    text = plan_text([61, 62, 63])
    (big / "dense-5mb.txt").write_text(text * max(1, sz(5_000_000) // len(text.encode())),
                                       encoding="utf-8")
    cases.append(Case(big / "dense-5mb.txt", "5 MB of 16,000 sections"))
    for key, unit in LINE_UNITS.items():
        size = sz(21_000 if key == "pct" else 265_000)
        path = big / f"line-{key}.txt"
        path.write_text("KẾ HOẠCH\nI. MỤC TIÊU\n" + unit * (size // len(unit.encode())) + "\n",
                        encoding="utf-8")
        cases.append(Case(path, "one long line"))
    while len(cases) < n:
        cases.append(_small_case(rng, small, len(cases)))
    return cases


SMALL_KINDS = ("clean", "upper-case name", "non-UTF-8 name", "same name", "mojibake",
               "utf-16 cut", "utf-16", "truncated", "flipped", "binary", "empty", "formula",
               "docx containers", "docx damaged", "pdf damaged", "pdf empty pages", "duplicate")


def _small_case(rng: random.Random, d: Path, i: int) -> Case:
    """One small input of a random kind, named by its index."""
    v = 10 + i % 89                                       # a value to find in the record
    kind = SMALL_KINDS[i % len(SMALL_KINDS)]
    text = plan_text([v])
    if kind == "clean":
        path = d / _name(rng, f"kehoach-{i}", rng.choice([".txt", ".md"]))
        path.write_text(text, encoding=rng.choice(["utf-8", "utf-8-sig"]))
        return Case(path, kind, values=(v,), failed=False)
    if kind == "upper-case name":
        path = d / f"KEHOACH-{i}.TXT"
        path.write_text(text, encoding="utf-8")
        return Case(path, kind, values=(v,), failed=False)
    if kind == "non-UTF-8 name":
        raw = os.fsencode(d) + b"/k\xe9hoach-%d.txt" % i          # a Latin-1 byte
        with open(raw, "wb") as fh:
            fh.write(text.encode("utf-8"))
        return Case(Path(os.fsdecode(raw)), kind, values=(v,), failed=False)
    if kind == "same name":
        sub = d / f"folder-{i}"
        sub.mkdir()
        path = sub / "kehoach.txt"
        path.write_text(text, encoding="utf-8")
        return Case(path, kind, values=(v,), failed=False)
    if kind == "mojibake":
        path = d / f"mojibake-{i}.txt"
        path.write_text(mojibake(text * 3), encoding="utf-8")
        return Case(path, kind, values=(v,), failed=False)
    if kind in ("utf-16 cut", "utf-16"):
        path = d / f"{kind.replace(' ', '-')}-{i}.txt"
        raw = text.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be"]))
        path.write_bytes(raw[:-1] if kind == "utf-16 cut" else raw)
        return Case(path, kind, values=(v,), failed=False)
    if kind in ("truncated", "flipped"):
        ext = rng.choice([".txt", ".docx", ".pdf"])
        path = d / f"{kind}-{i}{ext}"
        if ext == ".docx":
            docx_containers(path, (v, v + 1, v + 2, v + 3, v + 4))
        elif ext == ".pdf":
            pdf_pages(path, [text_ops(PLAN_LINES)] * 3)
        else:
            path.write_text(text, encoding="utf-8")
        raw = bytearray(path.read_bytes())
        if kind == "truncated":
            raw = raw[:rng.randrange(len(raw))]
        else:
            for _ in range(rng.randint(1, 20)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
        path.write_bytes(bytes(raw))
        return Case(path, kind)
    if kind == "binary":
        path = d / (f"binary-{i}" + rng.choice([".txt", ".md", ".docx", ".pdf"]))
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(1, 5000))))
        return Case(path, kind, failed=True)
    if kind == "empty":
        path = d / (f"empty-{i}" + rng.choice([".txt", ".md", ".docx", ".pdf"]))
        path.write_bytes(b"")
        return Case(path, kind, failed=True)
    if kind == "formula":
        lead = rng.choice(["=", "+", "-", "@"])
        path = d / f"{lead}HYPERLINK(x{i}).txt"
        path.write_text(plan_text([v], title=f'=HYPERLINK("http://x.invalid/{i}","bấm")'),
                        encoding="utf-8")
        return Case(path, kind, values=(v,), failed=False)
    if kind == "docx containers":
        path = docx_containers(d / f"containers-{i}.docx", (v, v + 1, v + 2, v + 3, v + 4))
        return Case(path, kind, values=(v, v + 1, v + 2, v + 3, v + 4), failed=False)
    if kind == "docx damaged":
        path = write_docx(d / f"damaged-{i}.docx", document=rng.choice(
            ["<w:document", document_xml(p("x") + "<w:tbl><w:tr>"), "\xff\xfe", ""]))
        return Case(path, kind, failed=True)
    if kind == "pdf damaged":
        pages = [text_ops(PLAN_LINES), damaged_flate(text_ops(PLAN_LINES)), text_ops(PLAN_LINES)]
        return Case(pdf_pages(d / f"damaged-pages-{i}.pdf", pages), kind, warns=("2",))
    if kind == "pdf empty pages":
        pages = [text_ops(PLAN_LINES), None, b"", text_ops(PLAN_LINES)]
        return Case(pdf_pages(d / f"empty-pages-{i}.pdf", pages), kind, warns=("2",))
    # the same plan under another name and format
    path = d / (f"dup-{i}-" + rng.choice(["a.txt", "b.md"]))
    path.write_text(plan_text([7]), encoding="utf-8")
    return Case(path, kind, values=(7,), failed=False)


if __name__ == "__main__":
    for f in write_all(sys.argv[1]):
        print(f, f.stat().st_size)
