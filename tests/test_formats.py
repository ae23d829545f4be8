"""DOCX and PDF give the same document as the text they were rendered from."""
import re

import pytest
from conftest import ROOT
from render import RUNNING_HEADER, render_docx, render_pdf

import pipeline

pytestmark = pytest.mark.slow      # renders the seeds to DOCX and PDF first

# wrapped (001), Markdown (003), decomposed Unicode (004)
SEEDS = [p for p in sorted((ROOT / "corpus/seeds").glob("*.txt")) if p.name[:3] in ("001", "003", "004")]


def sentences(text: str) -> set:
    parts = re.split(r"(?<=[.;:!?])\s+|\n", text)
    return {re.sub(r"\s+", " ", p).strip() for p in parts if p.strip()}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """{seed: {"txt": Document, "docx": Document, "pdf": Document}}."""
    d = tmp_path_factory.mktemp("formats")
    out = {}
    for seed in SEEDS:
        txt = pipeline.extract_document(seed)
        lines = txt.text.split("\n")
        docx_path = render_docx(lines, d / f"{seed.stem}.docx")
        pdf_path = render_pdf(lines, d / f"{seed.stem}.pdf")
        out[seed.stem] = {"txt": txt, "docx": pipeline.extract_document(docx_path),
                          "pdf": pipeline.extract_document(pdf_path), "pdf_path": pdf_path}
    return out


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_same_sentences_as_text(rendered, fmt):
    for stem, docs in rendered.items():
        doc = docs[fmt]
        assert doc.errors == [], (stem, doc.errors)
        assert doc.format == fmt
        assert sentences(doc.text) == sentences(docs["txt"].text), stem


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_same_lines_and_sections_as_text(rendered, fmt):
    for stem, docs in rendered.items():
        assert docs[fmt].text.split("\n") == docs["txt"].text.split("\n"), stem
        assert [s.path for s in docs[fmt].sections] == [s.path for s in docs["txt"].sections]


def test_pdf_drops_running_header_and_page_numbers(rendered):
    for stem, docs in rendered.items():
        doc = docs["pdf"]
        assert RUNNING_HEADER not in doc.text
        assert not any(re.fullmatch(r"\d{1,3}", l) for l in doc.text.split("\n")), stem


def test_pdf_pages_are_offsets_into_text(rendered):
    for stem, docs in rendered.items():
        doc = docs["pdf"]
        import pdfplumber
        with pdfplumber.open(str(docs["pdf_path"])) as pdf:
            n_pages = len(pdf.pages)
        assert n_pages >= 2 and len(doc.pages) == n_pages, stem
        assert [p for _, _, p in doc.pages] == list(range(1, n_pages + 1))
        starts = [s for s, _, _ in doc.pages]
        assert starts == sorted(starts) and starts[0] == 0
        assert doc.pages[-1][1] == len(doc.text)
        assert doc.page_at(0) == 1 and doc.page_at(len(doc.text) - 1) == n_pages


def test_docx_header_table_becomes_readable_lines(tmp_path):
    body = ["KẾ HOẠCH", "Triển khai thực hiện Chương trình phòng, chống ma túy",
            "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
            "STT\tNhiệm vụ\tChủ trì\tThời gian",
            "1\tTuyên truyền\tCông an tỉnh\tHằng năm"]
    header = (["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI", "Số: 182/KH-UBND"],
              ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
               "Đồng Nai, ngày 20 tháng 11 năm 2025"])
    doc = pipeline.extract_document(render_docx(body, tmp_path / "h.docx", header=header))
    assert doc.text.split("\n") == [
        "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "Số: 182/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Đồng Nai, ngày 20 tháng 11 năm 2025"] + body


def test_pdf_paragraphs_marked_by_indent_only(rendered, tmp_path):
    """No space between paragraphs, only a first-line indent (the usual official layout)."""
    txt = rendered["001_d52c853b74dbc7ea"]["txt"]
    lines = txt.text.split("\n")
    doc = pipeline.extract_document(render_pdf(lines, tmp_path / "indent.pdf", indent=True))
    assert doc.errors == []
    assert doc.text.split("\n") == lines


def test_pdf_two_column_header_becomes_readable_lines(tmp_path):
    body = ["KẾ HOẠCH", "Triển khai thực hiện Chương trình phòng, chống ma túy",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Thực hiện Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội phê duyệt chủ "
            "trương đầu tư Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030, "
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"] * 12
    header = (["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI", "Số: 182/KH-UBND"],
              ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
               "Đồng Nai, ngày 20 tháng 11 năm 2025"])
    doc = pipeline.extract_document(render_pdf(body, tmp_path / "h.pdf", header=header))
    assert doc.errors == [] and len(doc.pages) >= 2
    assert doc.text.split("\n") == [
        "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "Số: 182/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Đồng Nai, ngày 20 tháng 11 năm 2025"] + body


def test_garbled_pdf_is_reported_not_read(tmp_path):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for _ in range(30):
        pdf.multi_cell(0, 6, "Ke hoach trien khai thuc hien chuong trinh phong chong ma tuy "
                             "tren dia ban tinh nam 2025, giai doan 2026 den 2030.")
        pdf.ln(2)
    pdf.output(str(tmp_path / "garbled.pdf"))
    doc = pipeline.extract_document(tmp_path / "garbled.pdf")
    assert doc.text == ""
    assert any("is garbled" in e for e in doc.errors), doc.errors
