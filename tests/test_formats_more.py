"""Word 97-2003 .doc (and .rtf, .odt) through LibreOffice and saved web pages (.html):
the same sections and targets as the sources, the reader named in each record (a folder
mixing every format: tests/test_formats_mixed.py).

Fixtures are made at test time by scripts/make_fixtures.py (nothing committed): the
.doc files from the seeds and two corpus/public plans with tables, the portal pages
from corpus/web exports."""
import sys

import pytest
from conftest import ROOT, SEED_PATHS

import pipeline
from pipeline import ingest
from pipeline.ingest import doc as doc_reader

sys.path.insert(0, str(ROOT / "scripts"))
import make_fixtures as mf  # noqa: E402

needs_soffice = pytest.mark.skipif(doc_reader.soffice() is None,
                                   reason="LibreOffice is not installed (scripts/setup.sh)")


# every seed and the two corpus/public plans with content tables
OFFICE_SOURCES = [*SEED_PATHS, *(ROOT / "corpus" / "public" / n for n in mf.TABLES_PUBLIC)]


def key(doc):
    return ([s.path for s in doc.sections],
            [(t.section, t.kind, t.value, t.value_max, t.comparator, t.deadline, t.indicator)
             for t in doc.targets])


def tab_lines(doc):
    return [line for line in doc.text.split("\n") if "\t" in line]


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The .docx of the seeds and of two plans with tables, their .doc/.odt/.rtf, and
    ``d.sources``: {stem: the text file each was made from}."""
    d = tmp_path_factory.mktemp("office")
    docx = []
    for path in OFFICE_SOURCES:
        lines = pipeline.extract_document(path).text.split("\n")
        docx.append(mf.render_docx(lines, d / f"{path.stem}.docx"))
    mf.to_doc(docx, d)
    return d


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """{portal page: the corpus/web export it was built from}."""
    d = tmp_path_factory.mktemp("pages")
    out = {}
    for name in mf.WEB:
        source = ROOT / "corpus" / "web" / name
        page = d / (source.stem + ".html")
        page.write_text(mf.portal_page(pipeline.extract_document(source)), encoding="utf-8")
        out[page] = source
    return out


# ---- .doc, .rtf, .odt --------------------------------------------------------------------

@pytest.mark.slow
@needs_soffice
def test_doc_gives_the_sections_and_targets_of_its_source(office):
    docs = sorted(office.glob("*.doc"))
    assert len(docs) == len(OFFICE_SOURCES) == 7
    originals = {p.stem: p for p in OFFICE_SOURCES}
    for path in docs:
        doc = pipeline.extract_document(path)
        source = pipeline.extract_document(path.with_suffix(".docx"))
        original = pipeline.extract_document(originals[path.stem])   # the plan's .txt
        assert doc.reader == "doc+libreoffice" and doc.format == "docx" and not doc.errors
        assert key(doc) == key(source) == key(original), path.name
        assert key(doc)[0] and key(doc)[1], path.name      # sections and targets to compare
        assert tab_lines(doc) == tab_lines(source)       # tables kept, rows in order


@pytest.mark.slow
@needs_soffice
def test_odt_and_rtf_are_read_the_same_way(office):
    for path in [*office.glob("*.odt"), *office.glob("*.rtf")]:
        doc = pipeline.extract_document(path)
        assert doc.reader == f"{path.suffix[1:]}+libreoffice"
        assert key(doc) == key(pipeline.extract_document(path.with_suffix(".docx")))


@pytest.mark.slow
@needs_soffice
def test_a_damaged_doc_and_a_slow_conversion_get_plain_errors(tmp_path, monkeypatch):
    bad = tmp_path / "damaged.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    with pytest.raises(ingest.IngestError, match="LibreOffice could not read the .doc file"):
        ingest.read_source(bad)
    good = mf.render_docx(["KẾ HOẠCH", "I. MỤC TIÊU"], tmp_path / "plan.docx")
    monkeypatch.setitem(doc_reader._DATA, "timeout_seconds", 0.05)
    with pytest.raises(ingest.IngestError, match=r"took longer than 0.05 s"):
        ingest.read_source(good.rename(tmp_path / "plan.odt"))


def test_without_libreoffice_a_doc_gets_a_plain_error(tmp_path, monkeypatch):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    monkeypatch.setenv("PATH", str(tmp_path))            # no soffice on the PATH
    doc = pipeline.extract_document(path)
    assert doc.errors == ["old.doc: reading .doc files needs LibreOffice, which is not "
                          "installed (Debian: apt-get install libreoffice-writer-nogui); or "
                          "save the file as .docx and try again"]


# ---- saved web pages ---------------------------------------------------------------------

def test_portal_page_gives_the_sections_and_targets_of_its_export(pages):
    targets = 0
    for page, source in pages.items():
        doc = pipeline.extract_document(page)
        base = pipeline.extract_document(source)
        assert doc.reader == "html" and not doc.errors
        assert key(doc) == key(base) and key(base)[0], page.name
        targets += len(doc.targets)
    assert targets >= 50


def test_portal_furniture_is_dropped_and_tables_kept(pages):
    page = next(p for p, s in pages.items() if tab_lines(pipeline.extract_document(s)))
    doc = pipeline.extract_document(page)
    base = pipeline.extract_document(pages[page])
    html = page.read_text(encoding="utf-8")
    for furniture in ("Trang chủ", "Văn bản liên quan", "Đường dây nóng", "Bình chọn",
                      "Cơ quan chủ quản", "Chia sẻ", "1245/QĐ-UBND"):
        assert furniture in html and furniture not in doc.text
    assert len(tab_lines(doc)) == len(tab_lines(base)) > 0
    assert [c.number for c in doc.citations] == [c.number for c in base.citations]


def test_a_page_without_a_body_gets_a_plain_error(tmp_path):
    path = tmp_path / "empty.htm"
    path.write_text("<html><head><title>Portal</title><script>app()</script></head>"
                    "<body><div id='root'></div></body></html>", encoding="utf-8")
    doc = pipeline.extract_document(path)
    assert doc.errors == ["empty.htm: no document text found in the web page (an empty page, "
                          "a page made by scripts, or not a web page)"]


def test_a_page_in_a_declared_legacy_charset_and_a_vni_font(tmp_path, pages):
    """A page declared windows-1258, and one typed in VNI-Times (no charset said)."""
    page, source = next(iter(pages.items()))
    html = page.read_text(encoding="utf-8")
    declared = tmp_path / "cp1258.html"
    declared.write_bytes(html.replace('<meta charset="utf-8">', '<meta charset="windows-1258">')
                         .encode("cp1258", errors="xmlcharrefreplace"))
    vni = tmp_path / "vni.html"
    vni.write_bytes(mf.to_legacy(html, "vni").replace('<meta charset="utf-8">', "")
                    .encode("cp1252"))
    base = pipeline.extract_document(source)
    for path, enc in ((declared, None), (vni, "vni")):
        doc = pipeline.extract_document(path)
        assert key(doc) == key(base) and doc.encoding_converted == enc, path.name


def test_a_hostile_page_nested_100000_deep_is_refused_in_plain_words(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + "Kế hoạch" + "</div>" * 100_000
                    + "</body></html>", encoding="utf-8")
    doc = pipeline.extract_document(path)
    assert doc.errors and doc.errors[0].startswith("deep.html: no document text found")
