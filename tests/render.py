"""Test helpers: render a text document (one block per line) to DOCX and to PDF.

DOCX via python-docx (lines with tabs become table rows), PDF via fpdf2 with the DejaVu
font (multi-page, a running header and a page-number footer that extraction must drop).
"""
from __future__ import annotations

from pathlib import Path

RUNNING_HEADER = "Bản dự thảo - tài liệu kiểm thử"


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


def render_docx(lines: list, path, header: tuple | None = None) -> Path:
    """One paragraph per line; consecutive lines with tabs become a table.

    ``header`` = (left_lines, right_lines) adds the two-column header table on top.
    """
    import docx

    path = Path(path)
    d = docx.Document()
    if header:
        left, right = header
        t = d.add_table(rows=1, cols=2)
        for cell, cell_lines in zip(t.rows[0].cells, (left, right)):
            cell.paragraphs[0].text = cell_lines[0]
            for extra in cell_lines[1:]:
                cell.add_paragraph(extra)
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            ncol = max(len(r) for r in rows)
            t = d.add_table(rows=len(rows), cols=ncol)
            for r, row in zip(t.rows, rows):
                for cell, value in zip(r.cells, row):
                    cell.text = value
            continue
        d.add_paragraph(lines[i])
        i += 1
    d.save(str(path))
    return path


def render_pdf(lines: list, path, font_size: float = 11, header: tuple | None = None,
               indent: bool = False) -> Path:
    """A multi-page A4 PDF: one paragraph per line, running header, page numbers.

    ``header`` = (left_lines, right_lines) prints the two-column header block on page 1.
    ``indent``: paragraphs marked by a first-line indent only, without space between them.
    """
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self):
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, RUNNING_HEADER, align="C")
            self.ln(10)

        def footer(self):
            self.set_y(-15)
            self.set_font("DejaVu", size=9)
            self.cell(0, 10, str(self.page_no()), align="C")

    path = Path(path)
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
    pdf.output(str(path))
    return path
