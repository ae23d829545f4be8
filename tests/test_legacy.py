"""Legacy Vietnamese encodings (TCVN3/ABC, VNI, Windows-1258): the seeds written in them
give the records of the Unicode originals; an unknown encoding is refused in plain words.

Fixtures are made at test time by scripts/make_fixtures.py (nothing committed)."""
import sys
import unicodedata

import pytest
from conftest import ROOT, SEED_PATHS

import pipeline
from pipeline import ingest
from pipeline.ingest import legacy

sys.path.insert(0, str(ROOT / "scripts"))
import make_fixtures as mf  # noqa: E402

ENCODINGS = ["tcvn3", "vni"]


def key(doc, fold=False):
    """What the records must share: section paths and headings, targets, metadata."""
    f = (lambda s: s.casefold() if isinstance(s, str) else s) if fold else (lambda s: s)
    return ([(s.path, f(s.heading)) for s in doc.sections],
            [(t.section, t.kind, t.value, t.value_max, t.comparator, t.deadline, f(t.indicator))
             for t in doc.targets],
            {k: f(v) for k, v in doc.meta.to_dict().items()})


@pytest.fixture(scope="module")
def written(tmp_path_factory, seed_docs):
    """{(seed name, variant): path} for the legacy .txt of every seed and the .docx
    (Unicode and legacy fonts) of three seeds."""
    d = tmp_path_factory.mktemp("legacy")
    out = {}
    for seed in SEED_PATHS:
        text = seed.read_text(encoding="utf-8")
        for enc in ENCODINGS:
            path = d / f"{seed.stem}.{enc}.txt"
            path.write_bytes(mf.to_legacy(text, enc).encode("cp1252"))
            out[seed.name, f"{enc}.txt"] = path
    for seed in SEED_PATHS[:3]:
        lines = seed_docs[seed.stem].text.split("\n")
        out[seed.name, "docx"] = mf.render_docx(lines, d / f"{seed.stem}.docx")
        for enc in ENCODINGS:
            out[seed.name, f"{enc}.docx"] = mf.render_docx(lines, d / f"{seed.stem}.{enc}.docx", enc)
    return out


def test_every_letter_of_both_tables_comes_back():
    small = pipeline.data.load("ingest.yaml")["text"]["vietnamese_letters"]
    assert len(small) == 67
    word = small + small.upper()
    assert legacy.convert(mf.to_legacy(word, "vni"), "vni") == word
    # TCVN3 keeps 7 capitals; the capital toned letters come back small (see capitals())
    kept = "ĂÂÊÔƠƯĐ"
    assert legacy.convert(mf.to_legacy(word, "tcvn3"), "tcvn3") == small + "".join(
        c if c in kept else c.lower() for c in small.upper())


@pytest.mark.parametrize("enc", ENCODINGS)
def test_legacy_txt_gives_the_records_of_the_unicode_seed(written, seed_docs, enc):
    """VNI keeps case, so the records are equal; TCVN3 has no capital toned letters, so
    a capital that starts a word in a lower-case sentence ("Ủy ban") stays small: the
    records are equal up to case."""
    for seed in SEED_PATHS:
        doc = pipeline.extract_document(written[seed.name, f"{enc}.txt"])
        assert not doc.errors
        assert doc.encoding_converted == enc and doc.reader == "txt"
        assert any(legacy.NAMES[enc] in w for w in doc.warnings)
        assert key(doc, fold=enc == "tcvn3") == key(seed_docs[seed.stem], fold=enc == "tcvn3")


def test_tcvn3_words_in_capitals_get_their_capitals_back(written, seed_docs):
    seed = SEED_PATHS[0]
    doc = pipeline.extract_document(written[seed.name, "tcvn3.txt"])
    lines = set(seed_docs[seed.stem].text.split("\n"))
    headings = [s for s in seed_docs[seed.stem].sections if s.heading.isupper()]
    assert headings and all(doc.text[s.start:s.end].split("\n")[0] in lines
                            for s in doc.sections if s.heading.isupper())
    assert "KẾ HOẠCH" in doc.text.split("\n")


@pytest.mark.parametrize("enc", ENCODINGS)
def test_docx_runs_in_legacy_fonts_give_the_records_of_unicode(written, enc):
    """.VnTime / .VnTimeH (capitals) / VNI-Times runs: the font says it, exactly."""
    for seed in SEED_PATHS[:3]:
        doc = pipeline.extract_document(written[seed.name, f"{enc}.docx"])
        base = pipeline.extract_document(written[seed.name, "docx"])
        assert doc.encoding_converted == enc and doc.reader == "docx"
        assert doc.text == base.text
        assert key(doc) == key(base)


def test_a_docx_mixing_unicode_and_legacy_runs(tmp_path):
    import docx

    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Mục tiêu: ")                          # Unicode, Times New Roman
    for text, font in mf.legacy_runs("Đến năm 2025, 100% xã có điểm truy cập.", "tcvn3"):
        p.add_run(text).font.name = font
    d.add_paragraph().add_run(mf.to_legacy("Ủy ban nhân dân tỉnh", "vni")).font.name = "VNI-Times"
    d.save(tmp_path / "mixed.docx")
    src = ingest.read_source(tmp_path / "mixed.docx")
    assert src.text == "Mục tiêu: Đến năm 2025, 100% xã có điểm truy cập.\n\nỦy ban nhân dân tỉnh"
    assert src.encoding == "tcvn3+vni"


@pytest.mark.parametrize("enc", ENCODINGS)
def test_legacy_text_pasted_into_a_utf8_file_is_converted(tmp_path, enc):
    """TCVN3 text copied out of a .VnTime document into a UTF-8 file ("Ch­¬ng tr×nh")."""
    seed = SEED_PATHS[2]
    path = tmp_path / f"pasted.{enc}.md"
    path.write_text(mf.to_legacy(seed.read_text(encoding="utf-8"), enc), encoding="utf-8")
    doc = pipeline.extract_document(path)
    assert doc.encoding_converted == enc
    base = pipeline.extract_document(seed)
    assert [s.path for s in doc.sections] == [s.path for s in base.sections]
    assert [t.value for t in doc.targets] == [t.value for t in base.targets]


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps the vowel shapes precomposed and the tones as combining marks."""
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        nfd = unicodedata.normalize("NFD", c)
        tones = "".join(m for m in nfd if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(m for m in nfd if m not in tones))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def test_windows_1258_bytes_are_decoded(tmp_path):
    seed = SEED_PATHS[1]
    text = seed.read_text(encoding="utf-8")
    path = tmp_path / "cp1258.txt"
    path.write_bytes(to_cp1258(text))
    doc = pipeline.extract_document(path)
    assert doc.encoding_converted == "cp1258"
    assert key(doc) == key(pipeline.extract_document(seed))


def test_an_unknown_encoding_is_refused_in_plain_words(tmp_path):
    """TCVN3 bytes moved about (no table reads them): an error, not mojibake."""
    raw = mf.to_legacy(SEED_PATHS[0].read_text(encoding="utf-8"), "tcvn3").encode("cp1252")
    path = tmp_path / "unknown.txt"
    path.write_bytes(bytes(b ^ 0x1f if b >= 0xA0 else b for b in raw))
    doc = pipeline.extract_document(path)
    assert doc.text == "" and len(doc.errors) == 1
    assert doc.errors[0].startswith("unknown.txt: the text is in an unknown character encoding")
    # the same characters in a UTF-8 file
    path = tmp_path / "unknown.md"
    path.write_text(bytes(b ^ 0x1f if b >= 0xA0 else b for b in raw).decode("cp1252"),
                    encoding="utf-8")
    assert "unknown character encoding" in pipeline.extract_document(path).errors[0]


def test_unicode_documents_are_left_alone():
    """No document of the corpus is taken for a legacy encoding."""
    paths = [*SEED_PATHS, *sorted((ROOT / "corpus" / "public").glob("*.txt")),
             *sorted((ROOT / "corpus" / "web").glob("*.md"))]
    assert len(paths) > 60
    for path in paths:
        src = ingest.read_source(path)
        assert src.encoding is None and legacy.detect(src.text) is None, path.name


def test_latin1_text_that_is_not_vietnamese_is_not_refused():
    """French, or Vietnamese drawn with Latin-1 look-alikes only, is not a legacy font."""
    french = "La société générale a été créée à Hà Nội; élève, garçon, où, déjà. " * 20
    assert legacy.detect(french) is None
    lookalike = "KÊ HOACH sô 12/KH-UBND vê phòng chông ma túy. I. MUC ÐÍCH, YÊU CÂU. " * 20
    assert legacy.detect(lookalike) is None
