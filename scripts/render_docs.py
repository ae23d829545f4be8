"""Render a text document (one block per line) to DOCX and to PDF, for fixtures and benches.

DOCX via python-docx (consecutive lines with tabs become a table; runs may carry a font, as
the legacy-encoding fixtures need), PDF via fpdf2 with the DejaVu font (A4, multi-page, a
running header and a page-number footer that extraction must drop).  Used by
``make_fixtures.py``, ``make_scans.py``, the benches and, through ``tests/render.py``, the tests.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

RUNNING_HEADER = "Bản dự thảo - tài liệu kiểm thử"

# (text, font name or None) runs of one line; None: the line as one run in the default font
Runs = Callable[[str], Sequence[tuple[str, str | None]]]


def dejavu_font() -> Path:
    """DejaVuSans.ttf: matplotlib ships it; the system copy is the fallback."""
    try:
        import matplotlib
        p = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        if p.is_file():
            return p
    except ImportError:
        pass
    p = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if p.is_file():
        return p
    raise FileNotFoundError("DejaVuSans.ttf not found (install matplotlib)")


def _fill(paragraph, text: str, runs: Runs | None) -> None:
    """Add ``text`` to ``paragraph`` as the runs ``runs`` gives (one plain run by default);
    an empty text adds no run."""
    if not text:
        return
    for chunk, font in runs(text) if runs else [(text, None)]:
        run = paragraph.add_run(chunk)
        if font:
            run.font.name = font


def render_docx(lines: list, path, header: tuple | None = None,
                runs: Runs | None = None) -> Path:
    """One paragraph per line; consecutive lines with tabs become a table.

    ``header`` = (left_lines, right_lines) adds the two-column header table on top;
    ``runs`` splits a line (or a cell) into (text, font) runs.
    """
    import docx

    path = Path(path)
    d = docx.Document()
    if header:
        left, right = header
        t = d.add_table(rows=1, cols=2)
        for cell, cell_lines in zip(t.rows[0].cells, (left, right)):
            _fill(cell.paragraphs[0], cell_lines[0], runs)
            for extra in cell_lines[1:]:
                _fill(cell.add_paragraph(), extra, runs)
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in zip(t.rows, rows):
                for cell, value in zip(r.cells, row):
                    _fill(cell.paragraphs[0], value, runs)
            continue
        _fill(d.add_paragraph(), lines[i], runs)
        i += 1
    d.save(str(path))
    return path


def typeset_pdf(lines: list, font_size: float = 11, header: tuple | None = None,
                indent: bool = False, running_header: str = RUNNING_HEADER) -> bytes:
    """A multi-page A4 PDF: one paragraph per line, ``running_header`` atop every page,
    page numbers at the foot.

    ``header`` = (left_lines, right_lines) prints the two-column header block on page 1.
    ``indent``: paragraphs marked by a first-line indent only, without space between them.
    """
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self):
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, running_header, align="C")
            self.ln(10)

        def footer(self):
            self.set_y(-15)
            self.set_font("DejaVu", size=9)
            self.cell(0, 10, str(self.page_no()), align="C")

    pdf = Doc(format="A4")
    pdf.add_font("DejaVu", "", str(dejavu_font()))
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 15, 20)
    pdf.add_page()
    pdf.set_font("DejaVu", size=font_size)
    if header:
        left, right = header
        for k in range(max(len(left), len(right))):
            y = pdf.get_y()
            pdf.set_xy(20, y)
            pdf.cell(70, 6, left[k] if k < len(left) else "", align="C")
            pdf.set_xy(95, y)
            pdf.cell(95, 6, right[k] if k < len(right) else "", align="C")
            pdf.set_xy(20, y + 6)
        pdf.ln(6)
    for line in lines:
        if indent:
            pdf.set_x(pdf.l_margin + 10)
            pdf.write(font_size * 0.5, line.replace("\t", "   "))
            pdf.ln(font_size * 0.5)
            continue
        pdf.multi_cell(0, font_size * 0.5, line.replace("\t", "   "))
        pdf.ln(font_size * 0.35)
    return bytes(pdf.output())


def render_pdf(lines: list, path, font_size: float = 11, header: tuple | None = None,
               indent: bool = False, running_header: str = RUNNING_HEADER) -> Path:
    """``path``: the PDF of ``typeset_pdf`` (same arguments)."""
    path = Path(path)
    path.write_bytes(typeset_pdf(lines, font_size, header, indent, running_header))
    return path
