"""PDFs typed in legacy fonts (TCVN3, VNI), the time limit of a document read by OCR, and
``vnplan extract`` on one folder mixing every format.

Fixtures are made at test time: the legacy-font PDFs by ``scripts/make_fixtures.py``
(``render_legacy_pdf``: the legacy bytes in a one-byte core font), the scans by
``scripts/make_scans.py``, the .doc/.rtf/.odt by LibreOffice.
"""
from __future__ import annotations

import io
import json
import shutil
import signal
import stat
import sys

import pytest
from conftest import ROOT, SEED_PATHS

import pipeline
from pipeline import cli
from pipeline import data as package_data
from pipeline.ingest import doc as doc_reader
from pipeline.ingest import ocrcache
from pipeline.run import limits

sys.path.insert(0, str(ROOT / "scripts"))
import make_fixtures as mf  # noqa: E402
import make_scans  # noqa: E402

HAVE_TESSERACT = shutil.which("tesseract") is not None
needs_tesseract = pytest.mark.skipif(not HAVE_TESSERACT, reason="tesseract is not installed")
needs_soffice = pytest.mark.skipif(doc_reader.soffice() is None,
                                   reason="LibreOffice is not installed (scripts/setup.sh)")
# a seed whose first page is a title in capitals (TCVN3 has no capital toned letters, so
# that page alone does not read as TCVN3), and one with a two-column header block
LEGACY_SEEDS = [SEED_PATHS[4], SEED_PATHS[1]]


@pytest.fixture(autouse=True)
def ocr_env(tmp_path, monkeypatch):
    """OCR on, a fresh cache for each test."""
    monkeypatch.setenv("VNPLAN_OCR", "auto")
    monkeypatch.setenv("VNPLAN_OCR_CACHE", str(tmp_path / "ocr-cache"))
    monkeypatch.setenv("VNPLAN_OCR_JOBS", "1")


def key(doc):
    return ([s.path for s in doc.sections],
            [(t.section, t.kind, t.value, t.value_max, t.comparator, t.deadline, t.indicator)
             for t in doc.targets])


# ---- PDF text layers in legacy fonts -------------------------------------------------------

@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_a_legacy_font_pdf_is_converted_not_ocrd(tmp_path, enc):
    for seed in LEGACY_SEEDS:
        lines = pipeline.extract_document(seed).text.split("\n")
        path = mf.render_legacy_pdf(lines, tmp_path / f"{seed.stem}.{enc}.pdf", enc)
        doc = pipeline.extract_document(path)
        base = pipeline.extract_document(seed)
        rec = doc.to_dict()
        assert rec["errors"] == [] and rec["reader"] == "pdf" and rec["ocr_pages"] == []
        assert rec["encoding_converted"] == enc
        assert key(doc) == key(base) and key(base)[1], seed.name
        assert any("text layer of pages 1-" in w and "converted to Unicode" in w
                   for w in rec["warnings"])


def test_a_pdf_with_a_unicode_body_and_a_tcvn3_annex_converts_only_the_annex(tmp_path):
    import pypdfium2 as pdfium
    lines = pipeline.extract_document(SEED_PATHS[1]).text.split("\n")
    body = pdfium.PdfDocument(make_scans.typeset(lines))          # DejaVu, Unicode
    annex_path = mf.render_legacy_pdf(lines, tmp_path / "annex.pdf", "tcvn3")
    annex = pdfium.PdfDocument(annex_path.read_bytes())
    n_body = len(body)
    body.import_pages(annex)
    buf = io.BytesIO()
    body.save(buf)
    body.close()
    annex.close()
    path = tmp_path / "mixed.pdf"
    path.write_bytes(buf.getvalue())
    doc = pipeline.extract_document(path)
    assert doc.errors == [] and doc.encoding_converted == "tcvn3" and doc.ocr_pages == []
    assert any(f"text layer of pages {n_body + 1}-" in w for w in doc.warnings)
    # the same section headings twice over: the body's, then the annex's, all in Unicode
    once = key(pipeline.extract_document(SEED_PATHS[1]))[1]
    assert len(doc.targets) == 2 * len(once) > 0
    assert [t.value for t in doc.targets] == [t[2] for t in once] * 2


# ---- the time limit of a document read by OCR ----------------------------------------------

def test_each_page_sent_to_ocr_moves_the_alarm_later(monkeypatch):
    """In this process: a page sent to OCR adds ``ocr_seconds_per_page`` to the alarm."""
    monkeypatch.setitem(package_data.load("run.yaml")["limits"], "ocr_seconds_per_page", 5)
    assert limits.ocr_allowance() == 5
    with limits.time_limit(2):
        before = signal.getitimer(signal.ITIMER_REAL)[0]
        ocrcache.page_started()
        ocrcache.page_started()
        after = signal.getitimer(signal.ITIMER_REAL)[0]
    assert after > before + 9                       # two pages: 10 s more
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0     # disarmed after
    ocrcache.page_started()                         # outside a time limit: nothing


def slow_tesseract(tmp_path, seconds: float) -> str:
    """The real tesseract, ``seconds`` slower on each page (a loaded machine)."""
    prog = tmp_path / "tesseract"
    prog.write_text(f'#!/bin/sh\ncase "$1" in stdin) sleep {seconds};; esac\n'
                    f'exec "{shutil.which("tesseract")}" "$@"\n')
    prog.chmod(prog.stat().st_mode | stat.S_IEXEC)
    return str(prog)


@pytest.mark.slow
@needs_tesseract
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_scan_is_not_cut_off_by_the_time_limit_for_its_ocr(tmp_path, monkeypatch, jobs):
    """A 2-page scan whose OCR takes 10 s or more, under --timeout 8: the old rule (no
    allowance) abandons it; with the allowance per OCR'd page it is read whole (in this
    process with -j 1, in a worker process with -j 2).  The limit leaves the plain text
    beside it room on a loaded host (a 4 s limit failed there)."""
    scan = make_scans.make_scan(make_scans.document_lines(SEED_PATHS[1]),
                                tmp_path / "scan.pdf", seed=1, pages=2)
    txt = shutil.copy(SEED_PATHS[0], tmp_path / "plan.txt")
    monkeypatch.setenv("VNPLAN_TESSERACT", slow_tesseract(tmp_path, 10))
    setting = package_data.load("run.yaml")["limits"]

    def run(allowance, name):
        monkeypatch.setitem(setting, "ocr_seconds_per_page", allowance)
        out = tmp_path / f"{name}.jsonl"
        rc = cli.main(["extract", str(scan), str(txt), "-o", str(out), "-q", "-j", jobs,
                       "--timeout", "8", "--ocr-cache", str(tmp_path / f"cache-{name}")])
        recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        return rc, {r["source"].rsplit("/", 1)[-1]: r for r in recs}

    rc, old = run(0, "old")
    assert rc != 0 and "abandoned after 8 s" in old["scan.pdf"]["errors"][0]
    rc, new = run(30, "new")
    assert new["scan.pdf"]["errors"] == [] and new["scan.pdf"]["ocr_pages"] == [1, 2]
    assert rc == 0 and new["plan.txt"]["errors"] == []


# ---- one folder of every format ------------------------------------------------------------

@pytest.mark.slow
@needs_soffice
@needs_tesseract
def test_extract_one_folder_mixing_every_format(tmp_path):
    """`vnplan extract` on a folder of txt, md, docx, typed PDF, scanned PDF, doc, rtf,
    odt, html, htm, TCVN3 txt, VNI docx and a legacy-font PDF: one record per file, no
    error, the reader (and the OCR'd pages, the encoding converted) in each."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    seed, other = SEED_PATHS[1], SEED_PATHS[4]
    lines = pipeline.extract_document(seed).text.split("\n")
    other_lines = pipeline.extract_document(other).text.split("\n")
    shutil.copy(seed, folder / "plan.txt")
    shutil.copy(ROOT / "corpus" / "web" / mf.WEB[1], folder / "export.md")
    mf.render_docx(lines, folder / "plan.docx")
    (folder / "typed.pdf").write_bytes(make_scans.typeset(other_lines))
    make_scans.make_scan(lines, folder / "scan.pdf", seed=3, pages=1)
    work = tmp_path / "office"
    work.mkdir()
    made = mf.to_doc([mf.render_docx(other_lines, work / "office.docx")], work)
    for path in made:                       # office.odt, office.doc, office.rtf
        shutil.copy(path, folder / path.name)
    for name, suffix in ((mf.WEB[0], ".html"), (mf.WEB[2], ".htm")):
        source = pipeline.extract_document(ROOT / "corpus" / "web" / name)
        (folder / f"page{suffix}").write_text(mf.portal_page(source), encoding="utf-8")
    (folder / "plan.tcvn3.txt").write_bytes(
        mf.to_legacy(seed.read_text(encoding="utf-8"), "tcvn3").encode("cp1252"))
    mf.render_docx(lines, folder / "plan.vni.docx", "vni")
    mf.render_legacy_pdf(other_lines, folder / "plan.vni.pdf", "vni")

    out = tmp_path / "out.jsonl"
    rc = cli.main(["extract", str(folder), "-o", str(out), "-q", "-j", "2"])
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rc == 0
    got = {r["source"].rsplit("/", 1)[-1]: (r["reader"], r["encoding_converted"],
                                            r["ocr_pages"], r["errors"]) for r in records}
    assert len(records) == len(got) == len(list(folder.iterdir())) == 13
    assert got == {
        "plan.txt": ("txt", None, [], []),
        "export.md": ("md", None, [], []),
        "plan.docx": ("docx", None, [], []),
        "typed.pdf": ("pdf", None, [], []),
        "scan.pdf": ("pdf+ocr", None, [1], []),
        "office.doc": ("doc+libreoffice", None, [], []),
        "office.odt": ("odt+libreoffice", None, [], []),
        "office.rtf": ("rtf+libreoffice", None, [], []),
        "page.html": ("html", None, [], []),
        "page.htm": ("html", None, [], []),
        "plan.tcvn3.txt": ("txt", "tcvn3", [], []),
        "plan.vni.docx": ("docx", "vni", [], []),
        "plan.vni.pdf": ("pdf", "vni", [], []),
    }
    # each record has the sections of what it was made from
    by_name = {r["source"].rsplit("/", 1)[-1]: r for r in records}
    base = [s["path"] for s in pipeline.extract_document(other).to_dict()["sections"]]
    for name in ("typed.pdf", "office.doc", "office.odt", "office.rtf", "plan.vni.pdf"):
        assert [s["path"] for s in by_name[name]["sections"]] == base, name
