"""Make the format fixtures of issue 14 from the corpus (nothing is downloaded).

    python scripts/make_fixtures.py OUTDIR [--no-doc]

writes, for every seed (corpus/seeds/*.txt):

- ``<seed>.tcvn3.txt`` / ``<seed>.vni.txt``: the seed's bytes in the TCVN3 (ABC) and VNI
  font encodings, as a text file saved from a legacy editor (Windows-1252 bytes; TCVN3 has
  no capital toned letters, so those are written with the small letter's code, as a typist
  with a ``.VnTimeH`` font did);
- ``<seed>.docx``, ``<seed>.tcvn3.docx``, ``<seed>.vni.docx``: the seed's normalised lines
  as a Word document (lines with tabs as a table), in Unicode, and in the legacy encodings
  with the font names ``.VnTime`` (``.VnTimeH`` for a capital toned letter) and
  ``VNI-Times``;
- ``<seed>.tcvn3.pdf`` / ``<seed>.vni.pdf``: the normalised lines typed in a PDF whose text
  layer is in the legacy encoding (a one-byte core font, ``render_legacy_pdf``);
- ``<seed>.doc``: ``<seed>.docx`` saved as Word 97-2003 by LibreOffice (skipped with
  ``--no-doc`` or when ``soffice`` is not installed); the same (``.docx`` and ``.doc``)
  for two plans of corpus/public with content tables (``TABLES_PUBLIC``);

and for a few portal exports of ``corpus/web``: ``<name>.html``, the document's lines as
a portal page (a banner, a menu, a search box, a sidebar of related documents, a footer,
the header block as a two-column table, content tables as ``<table>``).
"""
from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import render_docs  # noqa: E402  (scripts/render_docs.py)

import pipeline  # noqa: E402
from pipeline import data  # noqa: E402

TABLES = data.load("legacy_encodings.yaml")
CAPITALS = set("ĂÂÊÔƠƯĐ")              # the capitals TCVN3 has
# plans of corpus/public with content tables: also made .docx and .doc
TABLES_PUBLIC = ["003_dongthap-617-kh-ubnd-chuyen-doi-so-dn.txt",
                 "014_dongthap-552-kh-ubnd-doi-moi-cong-nghe-2035.txt"]
WEB = ["002_3617-qd-ubnd.md", "008_648-tb-vpcp.md", "011_220-cd-ttg.md", "020_2530-qd-ttg.md",
       "047_980-kh-ubnd.md"]


def _inverse(enc: str) -> dict[str, str]:
    return {uni: code for code, uni in TABLES[enc].items()}


def to_legacy(text: str, enc: str) -> str:
    """Unicode text in a legacy encoding (as Windows-1252 characters)."""
    inv = _inverse(enc)
    out = []
    for c in unicodedata.normalize("NFC", text):
        if c in inv:
            out.append(inv[c])
        elif enc == "tcvn3" and c.lower() in inv and c not in CAPITALS:
            out.append(inv[c.lower()])          # no capital toned letters in TCVN3
        else:
            out.append(c)
    return "".join(out)


def legacy_runs(text: str, enc: str) -> list[tuple[str, str]]:
    """(text, font) runs: ``.VnTimeH`` for TCVN3 capital toned letters."""
    if enc == "vni":
        return [(to_legacy(text, enc), "VNI-Times")]
    inv = _inverse("tcvn3")
    runs: list[tuple[str, str]] = []
    for c in text:
        capital = c not in inv and c.lower() in inv and c not in CAPITALS
        font = ".VnTimeH" if capital else ".VnTime"
        code = to_legacy(c, "tcvn3")
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + code, font)
        else:
            runs.append((code, font))
    return runs


def render_docx(lines: list[str], path: Path, enc: str | None = None) -> Path:
    """One paragraph per line, consecutive lines with tabs as a table; with ``enc`` every
    run in that legacy encoding and font (``render_docs.render_docx``)."""
    return render_docs.render_docx(lines, path,
                                   runs=(lambda text: legacy_runs(text, enc)) if enc else None)


def render_legacy_pdf(lines: list[str], path: Path, enc: str) -> Path:
    """A typed PDF of ``lines`` in a legacy encoding: one paragraph per line, the bytes of
    the legacy text shown in a one-byte core font (Times, WinAnsiEncoding), as a PDF
    printed from a ``.VnTime`` / ``VNI-Times`` document whose font says nothing of
    Vietnamese; page numbers at the foot."""
    from fpdf import FPDF

    class Doc(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Times", size=9)
            self.cell(0, 10, str(self.page_no()), align="C")

    pdf = Doc(format="A4")
    pdf.core_fonts_encoding = "cp1252"
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 15, 20)
    pdf.add_page()
    pdf.set_font("Times", size=12)
    for line in lines:
        # print_sh: byte 0xAD is a letter here (TCVN3 u with horn), not a soft hyphen
        pdf.multi_cell(0, 6, to_legacy(line, enc).replace("\t", "   "), print_sh=True)
        pdf.ln(4)
    path.write_bytes(bytes(pdf.output()))
    return path


def convert(paths: list[Path], fmt: str, out_dir: Path) -> list[Path]:
    """The files saved as ``fmt`` (doc, odt, rtf) by LibreOffice headless (one start)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--norestore", "--convert-to", fmt, "--outdir", str(out_dir),
                        *map(str, paths)], check=True, capture_output=True, timeout=600)
    return [out_dir / (p.stem + "." + fmt) for p in paths]


def to_doc(docx_paths: list[Path], out_dir: Path) -> list[Path]:
    """.odt and .doc (Word 97-2003) made from the .docx files, and one .rtf.  The .doc is
    saved from the .odt: LibreOffice 7.4 cannot read back the tables of a .doc it saved
    straight from a python-docx file."""
    odt = convert(docx_paths, "odt", out_dir)
    return odt + convert(odt, "doc", out_dir) + convert(odt[:1], "rtf", out_dir)


# ---- portal pages -----------------------------------------------------------------------

# a portal page around a document ({title}, {body}); braces of its CSS are doubled
PAGE = (Path(__file__).parent / "portal_page.html").read_text(encoding="utf-8")


def page_body(lines: list[str], header_lines: int) -> str:
    """The document's lines as a portal shows them: the header block as a two-column
    table, tab lines as a table, the other lines as paragraphs."""
    out = []
    head = lines[:header_lines]
    if head:
        left = "<br>".join(html.escape(x) for x in head[0::2])
        right = "<br>".join(html.escape(x) for x in head[1::2])
        out.append(f'<table class="header"><tr><td>{left}</td><td>{right}</td></tr></table>')
    i = header_lines
    while i < len(lines):
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                cells = "".join(f"<td>{html.escape(c)}</td>" for c in lines[i].split("\t"))
                rows.append(f"<tr>{cells}</tr>")
                i += 1
            out.append('<table class="data" border="1">' + "".join(rows) + "</table>")
            continue
        out.append(f"<p>{html.escape(lines[i])}</p>")
        i += 1
    return "\n".join(out)


def portal_page(doc: pipeline.Document) -> str:
    lines = doc.text.split("\n")
    return PAGE.format(title=html.escape(doc.meta.title or lines[0]), body=page_body(lines, 0))


# ---- all of them --------------------------------------------------------------------------

def make(out: Path, doc: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made, docx = [], []
    for seed in sorted((ROOT / "corpus" / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for enc in ("tcvn3", "vni"):
            path = out / f"{seed.stem}.{enc}.txt"
            path.write_bytes(to_legacy(text, enc).encode("cp1252"))
            made.append(path)
        lines = pipeline.extract_document(seed).text.split("\n")
        docx.append(render_docx(lines, out / f"{seed.stem}.docx"))
        for enc in ("tcvn3", "vni"):
            made.append(render_docx(lines, out / f"{seed.stem}.{enc}.docx", enc))
            made.append(render_legacy_pdf(lines, out / f"{seed.stem}.{enc}.pdf", enc))
    for name in TABLES_PUBLIC:
        lines = pipeline.extract_document(ROOT / "corpus" / "public" / name).text.split("\n")
        docx.append(render_docx(lines, out / (Path(name).stem + ".docx")))
    made += docx
    if doc and shutil.which("soffice"):
        made += to_doc(docx, out)
    for name in WEB:
        source = pipeline.extract_document(ROOT / "corpus" / "web" / name)
        path = out / (Path(name).stem + ".html")
        path.write_text(portal_page(source), encoding="utf-8")
        made.append(path)
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--no-doc", action="store_true", help="do not make .doc files")
    args = ap.parse_args(argv)
    for path in make(args.out, doc=not args.no_doc):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
