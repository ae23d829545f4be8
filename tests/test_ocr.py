"""OCR of scanned PDF pages: image-only pages read by tesseract, decided page by page,
cached by page content, and plain errors when OCR is off or missing.

The scans are made by ``scripts/make_scans.py`` (a seed typeset, rasterised, rotated a
little, blurred, with grain and a red seal) at test time, a page or two each.
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import stat
import sys

import pytest
from conftest import ROOT

import pipeline
from pipeline.cli import main

sys.path.insert(0, str(ROOT / "scripts"))
import make_scans  # noqa: E402
import render_docs  # noqa: E402

SEED = ROOT / "corpus/seeds/001_d52c853b74dbc7ea.txt"
OTHER = ROOT / "corpus/seeds/004_14e5e5d2c5264b72.txt"
HAVE_TESSERACT = shutil.which("tesseract") is not None
needs_tesseract = pytest.mark.skipif(not HAVE_TESSERACT, reason="tesseract is not installed")


@pytest.fixture(autouse=True)
def ocr_env(tmp_path, monkeypatch):
    """OCR on, a fresh cache for each test, the real tesseract."""
    monkeypatch.setenv("VNPLAN_OCR", "auto")
    monkeypatch.setenv("VNPLAN_OCR_CACHE", str(tmp_path / "ocr-cache"))
    monkeypatch.setenv("VNPLAN_OCR_JOBS", "1")
    monkeypatch.delenv("VNPLAN_TESSERACT", raising=False)


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    """{name: path}: a PDF with a typed body and a one-page scanned annex, and
    ``scans["scan"]()``: the first two pages of a seed scanned (the seal on page 1)."""
    d = tmp_path_factory.mktemp("scans")
    lines = make_scans.document_lines(SEED)
    body, annex = lines[:20], make_scans.document_lines(OTHER)[:12]

    @functools.cache
    def scan():
        return make_scans.make_scan(lines, d / "scan.pdf", seed=1, pages=2)

    return {"scan": scan, "mixed": make_scans.make_mixed(body, annex, d / "mixed.pdf", seed=2),
            "lines": lines, "body": body, "annex": annex}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def counting_tesseract(tmp_path) -> tuple[str, object]:
    """A tesseract that logs each page it reads (the real program does the work)."""
    log = tmp_path / "pages.log"
    prog = tmp_path / "tesseract"
    prog.write_text(f'#!/bin/sh\ncase "$1" in stdin) echo page >> "{log}";; esac\n'
                    f'exec "{shutil.which("tesseract")}" "$@"\n')
    prog.chmod(prog.stat().st_mode | stat.S_IEXEC)
    return str(prog), lambda: len(log.read_text().split()) if log.exists() else 0


@pytest.mark.slow
@needs_tesseract
def test_scanned_pages_are_read_by_ocr(scans):
    doc = pipeline.extract_document(scans["scan"]())
    rec = doc.to_dict()
    assert rec["errors"] == [] and rec["reader"] == "pdf+ocr"
    assert rec["ocr_pages"] == [1, 2] and len(rec["ocr_page_confidence"]) == 2
    assert rec["ocr_confidence"] > 80
    # what OCR read is the document's own words, in order (page furniture dropped)
    source = words("\n".join(scans["lines"]))
    got = words(doc.text)
    assert len(got) > 600
    assert sum(w in set(source) for w in got) / len(got) > 0.97
    assert make_scans.RUNNING_HEADER not in doc.text
    assert not any(re.fullmatch(r"\d{1,3}", ln) for ln in doc.text.split("\n"))
    # the sections found are those of the text, in the same order
    text_paths = [s.path for s in pipeline.extract_document(SEED).sections]
    paths = [s.path for s in doc.sections]
    assert len(paths) >= 8 and paths == text_paths[:len(paths)]


@needs_tesseract
def test_typed_body_and_scanned_annex_read_whole(scans):
    doc = pipeline.extract_document(scans["mixed"])
    rec = doc.to_dict()
    n = rec["pages"][-1][2]
    assert rec["errors"] == [] and rec["reader"] == "pdf+ocr"
    assert rec["ocr_pages"] == [n]                      # the annex only
    body = "\n".join(scans["body"])
    assert doc.text.startswith(body)                    # the typed pages, exactly
    annex = doc.text[len(body):]
    want = words("\n".join(scans["annex"]))
    assert sum(w in set(words(annex)) for w in want) / len(want) > 0.95


@needs_tesseract
def test_no_page_is_read_twice(scans, tmp_path, monkeypatch):
    """A re-run, and the same pages in another file, come from the cache."""
    prog, pages = counting_tesseract(tmp_path)
    monkeypatch.setenv("VNPLAN_TESSERACT", prog)
    first = pipeline.extract_document(scans["mixed"]).to_dict()
    assert pages() == 1 and first["ocr_pages"]
    copy = tmp_path / "copy-of-mixed.pdf"
    shutil.copyfile(scans["mixed"], copy)
    again = pipeline.extract_document(scans["mixed"]).to_dict()
    other = pipeline.extract_document(copy).to_dict()
    assert pages() == 1
    assert again["sections"] == first["sections"] and other["targets"] == first["targets"]
    assert again["ocr_page_confidence"] == first["ocr_page_confidence"]


@pytest.mark.slow
@needs_tesseract
def test_resume_never_ocrs_a_page_twice(scans, tmp_path, monkeypatch):
    prog, pages = counting_tesseract(tmp_path)
    monkeypatch.setenv("VNPLAN_TESSERACT", prog)
    out = tmp_path / "out.jsonl"
    args = ["extract", str(scans["mixed"]), "-o", str(out), "-j", "1", "-q",
            "--ocr-cache", str(tmp_path / "cache")]
    assert main(args) == 0
    assert pages() == 1
    out.unlink()
    assert main(args + ["--resume"]) == 0
    assert pages() == 1 and '"reader": "pdf+ocr"' in out.read_text(encoding="utf-8")


@needs_tesseract
def test_scanned_header_block_is_rebuilt_as_when_typed(tmp_path):
    """The two-column header block of a scanned first page comes out as the typed one
    does (tests/test_formats.py): left column, then right column, then the body; the whole
    text is the typed PDF's."""
    header = (["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI", "Số: 182/KH-UBND"],
              ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
               "Đồng Nai, ngày 20 tháng 11 năm 2025"])
    body = ["KẾ HOẠCH", "Thực hiện Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm "
            "2030 trên địa bàn tỉnh", "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Đến năm 2025, 70% số xã, phường không có ma túy."]
    path = make_scans.make_scan(body, tmp_path / "header.pdf", seed=5, header=header)
    doc = pipeline.extract_document(path)
    assert doc.ocr_pages == [1]
    head = ["ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "Số: 182/KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "Đồng Nai, ngày 20 tháng 11 năm 2025"]
    assert doc.text.split("\n")[1:] == head[1:] + body
    assert doc.text.split("\n")[0].endswith(head[0])    # (one page: the running header
    typed = tmp_path / "typed.pdf"                       # is not seen to repeat)
    typed.write_bytes(make_scans.typeset(body, header=header))
    assert doc.text == pipeline.extract_document(typed).text
    assert doc.meta.number == "182/KH-UBND" and doc.meta.date == "2025-11-20"


def test_ocr_never_keeps_the_error(scans, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(scans["scan"]()), "-o", str(out), "--ocr", "never", "-q",
                 "-j", "1"]) == 1
    rec = next(pipeline.run.batch.read_jsonl(out))
    assert rec["errors"] == ["scan.pdf: the PDF has no text layer (a scan?); OCR is off "
                             "(--ocr never)"]
    assert rec["ocr_pages"] == [] and rec["chars"] == 0
    assert "scan.pdf" in capsys.readouterr().err


def test_missing_tesseract_is_said_in_plain_words(scans, tmp_path, monkeypatch):
    monkeypatch.setenv("VNPLAN_TESSERACT", str(tmp_path / "no-such-tesseract"))
    rec = pipeline.extract_document(scans["scan"]()).to_dict()
    assert rec["errors"] == [
        "scan.pdf: the PDF has no text layer (a scan?); OCR cannot read it: the tesseract "
        "OCR program is not installed (Debian/Ubuntu: apt-get install tesseract-ocr "
        "tesseract-ocr-vie)"]
    # a typed body with a scanned annex: the body is read, the annex is named
    mixed = pipeline.extract_document(scans["mixed"]).to_dict()
    n = mixed["pages"][-1][2]                 # the last page, the annex
    assert mixed["errors"] == [] and mixed["reader"] == "pdf" and mixed["chars"] > 3000
    assert mixed["warnings"] == [
        f"mixed.pdf: pages without text (blank, or scanned; OCR cannot read it: the "
        f"tesseract OCR program is not installed (Debian/Ubuntu: apt-get install "
        f"tesseract-ocr tesseract-ocr-vie)): {n}"]


def test_born_digital_pdf_is_not_ocrd(tmp_path, monkeypatch):
    """A typed PDF never reaches OCR in auto mode (tesseract is not even looked for)."""
    monkeypatch.setenv("VNPLAN_TESSERACT", str(tmp_path / "no-such-tesseract"))
    path = tmp_path / "typed.pdf"
    path.write_bytes(make_scans.typeset(make_scans.document_lines(SEED)[:30]))
    rec = pipeline.extract_document(path).to_dict()
    assert rec["errors"] == [] and rec["warnings"] == []
    assert rec["reader"] == "pdf" and rec["ocr_pages"] == [] and rec["ocr_confidence"] is None


@needs_tesseract
def test_ocr_always_reads_typed_pages_too(tmp_path, monkeypatch):
    monkeypatch.setenv("VNPLAN_OCR", "always")
    lines = make_scans.document_lines(SEED)[:6]
    path = tmp_path / "typed.pdf"
    path.write_bytes(make_scans.typeset(lines))
    doc = pipeline.extract_document(path)
    assert doc.reader == "pdf+ocr" and doc.ocr_pages == [1]
    # (one page: its running header is not seen to repeat, so it stays, as when typed)
    assert " ".join(words("\n".join(lines))[:12]) in " ".join(words(doc.text))


def test_ocr_option_is_checked():
    with pytest.raises(SystemExit):
        main(["extract", str(SEED), "-o", os.devnull, "--ocr", "sometimes"])


def image_page_pdf(path, image, overlay: str, width: float = 210):
    """One A4 page: ``image`` (PIL) ``width`` mm wide at the top left, and ``overlay`` typed
    over it (a text layer of a few words)."""
    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(render_docs.dejavu_font()))
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=width)
    pdf.set_font("DejaVu", size=7)
    pdf.text(120, 285, overlay)
    pdf.output(str(path))
    return path


@needs_tesseract
def test_scanned_page_under_a_signature_text_layer_is_ocrd(scans, tmp_path):
    """A scan signed digitally has a text layer of a few words (the signature box): the
    page is read by OCR all the same."""
    page = make_scans.scan_pages(scans["annex"], seed=3, stamp_page=None)[0]
    path = image_page_pdf(tmp_path / "signed.pdf", page, "Ký bởi: Sở Tư pháp")
    doc = pipeline.extract_document(path)
    assert doc.ocr_pages == [1] and doc.reader == "pdf+ocr"
    want = words("\n".join(scans["annex"]))
    assert sum(w in set(words(doc.text)) for w in want) / len(want) > 0.95


@needs_tesseract
def test_title_over_a_logo_keeps_its_text_layer(tmp_path, monkeypatch):
    """A typed title over a small image (an emblem) is looked at by OCR, which reads no
    more than the text layer: the text layer is kept."""
    from PIL import Image, ImageDraw
    logo = Image.new("RGB", (300, 300), "white")
    ImageDraw.Draw(logo).ellipse([20, 20, 280, 280], outline=(0, 0, 0), width=12)
    path = image_page_pdf(tmp_path / "cover.pdf", logo, "KẾ HOẠCH PHÒNG, CHỐNG MA TÚY 2025",
                          width=40)
    prog, pages = counting_tesseract(tmp_path)
    monkeypatch.setenv("VNPLAN_TESSERACT", prog)
    doc = pipeline.extract_document(path)
    assert pages() == 1
    assert doc.errors == [] and doc.ocr_pages == [] and doc.reader == "pdf"
    assert doc.text == "KẾ HOẠCH PHÒNG, CHỐNG MA TÚY 2025"


@needs_tesseract
def test_a_page_tesseract_fails_on_is_named(scans, tmp_path, monkeypatch):
    """tesseract failing on a page (a crash, a bad image) loses that page only, in words."""
    prog = tmp_path / "tesseract"
    prog.write_text('#!/bin/sh\ncase "$1" in stdin) echo "Error: image too strange" >&2; '
                    f'exit 1;; esac\nexec "{shutil.which("tesseract")}" "$@"\n')
    prog.chmod(prog.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("VNPLAN_TESSERACT", str(prog))
    rec = pipeline.extract_document(scans["mixed"]).to_dict()
    n = rec["pages"][-1][2]
    assert rec["errors"] == [] and rec["reader"] == "pdf" and rec["chars"] > 3000
    assert rec["warnings"] == [f"mixed.pdf: OCR failed on pages {n} (Error: image too strange)"]


@needs_tesseract
def test_garbled_cid_text_layer_is_replaced_by_ocr(tmp_path, monkeypatch):
    """A typed PDF whose font lost its ToUnicode map gives '(cid:NN)' glyphs: the page
    is read by OCR; with --ocr never it stays an error, as before."""
    lines = make_scans.document_lines(SEED)[:8]
    data = make_scans.typeset(lines)
    assert data.count(b"/ToUnicode") == 1
    path = tmp_path / "cid.pdf"
    path.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))    # same length: xref holds
    monkeypatch.setenv("VNPLAN_OCR", "never")
    off = pipeline.extract_document(path)
    assert len(off.errors) == 1 and re.fullmatch(
        r"cid\.pdf: text layer is garbled \(\d+ '\(cid:NN\)' glyphs\); OCR is off "
        r"\(--ocr never\)", off.errors[0]), off.errors
    monkeypatch.setenv("VNPLAN_OCR", "auto")
    doc = pipeline.extract_document(path)
    assert doc.errors == [] and doc.reader == "pdf+ocr" and doc.ocr_pages == [1]
    want, got = words("\n".join(lines)), set(words(doc.text))
    assert sum(w in got for w in want) / len(want) > 0.97
