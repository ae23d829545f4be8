"""Ingest of text files: encodings, BOMs, NFC, odd spaces, line ends."""
import unicodedata

import pytest
from conftest import ROOT

import pipeline
from pipeline import ingest, normalise

SEEDS = {p.name[:3]: p for p in (ROOT / "corpus/seeds").glob("*.txt")}


def normalised(path):
    src = ingest.read_source(path)
    return normalise.normalise(src.text, src.format)[0]


@pytest.fixture(scope="module")
def utf8_texts():
    return {k: normalised(SEEDS[k]) for k in ("001", "003", "004")}


ENCODINGS = [
    ("utf-8-sig", lambda s: s.encode("utf-8-sig")),
    ("utf-16 (BOM)", lambda s: s.encode("utf-16")),
    ("utf-16-be (BOM)", lambda s: b"\xfe\xff" + s.encode("utf-16-be")),
    ("utf-16-le, no BOM", lambda s: s.encode("utf-16-le")),
    ("utf-32 (BOM)", lambda s: s.encode("utf-32")),
    ("CRLF", lambda s: s.replace("\n", "\r\n").encode("utf-8")),
]


@pytest.mark.parametrize("name,encode", ENCODINGS, ids=[e[0] for e in ENCODINGS])
@pytest.mark.parametrize("seed", ["001", "003", "004"])
def test_encodings_give_the_utf8_result(tmp_path, utf8_texts, seed, name, encode):
    raw = SEEDS[seed].read_text(encoding="utf-8")
    p = tmp_path / SEEDS[seed].name
    p.write_bytes(encode(raw))
    assert normalised(p) == utf8_texts[seed]


def test_seed_004_is_composed_to_nfc(utf8_texts):
    raw = SEEDS["004"].read_text(encoding="utf-8")
    assert not unicodedata.is_normalized("NFC", raw)          # decomposed marks in the file
    text = utf8_texts["004"]
    assert unicodedata.is_normalized("NFC", text)
    assert not any(unicodedata.combining(c) for c in text)
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;" in text.split("\n")


def test_invisible_and_odd_spaces(tmp_path):
    raw = ("Kế\u00a0hoạch số\u200b 12/KH-UBND\r\n\r\n"
           "1.\u2003Mục\u00adtiêu\r\n\ufeffTăng cường\tphòng ngừa.\r\n")
    p = tmp_path / "odd.txt"
    p.write_text(raw, encoding="utf-8")
    doc = pipeline.extract_document(p)
    assert doc.errors == []
    assert doc.text.split("\n") == ["Kế hoạch số 12/KH-UBND", "1. Mụctiêu",
                                    "Tăng cường phòng ngừa."]
    for ch in "\u00a0\u200b\u00ad\ufeff\r\t\u2003":
        assert ch not in doc.text


def test_read_source_fields():
    src = ingest.read_source(SEEDS["001"])
    assert src.format == "txt" and len(src.sha1) == 40 and src.pages == [] and src.warnings == []
    assert src.text.startswith("BỘ LAO ĐỘNG")
    assert ingest.SUPPORTED == {".txt", ".md", ".docx", ".pdf", ".doc", ".rtf", ".odt", ".html",
                                ".htm"}


def test_markdown_extension(tmp_path):
    raw = "## **I. MỤC TIÊU**\n\n- Đạt *ít nhất* 70% số xã.\n"
    p = tmp_path / "plan.md"
    p.write_text(raw, encoding="utf-8")
    src = ingest.read_source(p)
    assert src.format == "md"
    assert normalise.normalise(src.text, src.format)[0] == "I. MỤC TIÊU\n- Đạt ít nhất 70% số xã."


def test_a_few_bad_bytes_are_replaced_with_a_warning(tmp_path):
    data = SEEDS["001"].read_bytes()
    p = tmp_path / "nearly.txt"
    p.write_bytes(data[:2000] + b"\xff" + data[2000:])
    doc = pipeline.extract_document(p)
    # a warning, not an error: the record is not a failure
    assert doc.text and doc.errors == []
    assert any("not valid UTF-8" in w for w in doc.warnings)
    assert doc.to_dict()["warnings"] == doc.warnings


def test_extract_records_format_and_hash():
    doc = pipeline.extract_document(SEEDS["002"])
    d = doc.to_dict()
    assert d["format"] == "txt" and d["errors"] == [] and d["chars"] == len(doc.text) > 1000
    assert doc.offsets is not None and len(doc.offsets) == len(doc.text)


def test_a_registered_reader_reads_and_is_walked(tmp_path):
    from pipeline.run.inputs import iter_inputs

    @ingest.register(".plan")
    def read_plan(path):
        data = path.read_bytes()
        return ingest.Source(text=data.decode("utf-8").upper(), format="plan", sha1="0" * 40)

    try:
        (tmp_path / "a.plan").write_text("kế hoạch", encoding="utf-8")
        (tmp_path / "b.xyz").write_text("x", encoding="utf-8")
        (tmp_path / "c.doc").write_bytes(b"\xd0\xcf\x11\xe0")
        assert [p.name for p in iter_inputs([tmp_path])] == ["a.plan", "c.doc"]
        assert ingest.read_source(tmp_path / "a.plan").text == "KẾ HOẠCH"
        assert ".plan" in ingest.SUPPORTED and ".doc" in ingest.SUPPORTED    # LibreOffice
    finally:
        del ingest.READERS[".plan"]
        ingest.SUPPORTED.discard(".plan")


# ---- text: mojibake, cut characters, the character limit (issue 13) ----------------------

from hostile import MOJIBAKE_SAMPLE, mojibake  # noqa: E402


@pytest.mark.parametrize("times", [1, 2])
def test_mojibake_is_decoded_again(tmp_path, times):
    """UTF-8 read as Windows-1252 and saved again ('Káº¿ hoáº¡ch'): repaired, with a warning
    (today: a record with no error, empty meta and no targets)."""
    garbled = MOJIBAKE_SAMPLE * 5
    for _ in range(times):
        garbled = mojibake(garbled)
    assert "áº" in garbled or "Ã¡" in garbled
    p = tmp_path / "moji.txt"
    p.write_text(garbled, encoding="utf-8")
    src = ingest.read_source(p)
    assert src.text == MOJIBAKE_SAMPLE * 5
    assert len(src.warnings) == 1 and "mojibake" in src.warnings[0]
    doc = pipeline.extract_document(p)
    assert doc.errors == [] and doc.meta.doc_type == "Kế hoạch" and doc.targets


def test_mojibake_with_lost_bytes_is_refused(tmp_path):
    """Windows-1252 has no character for byte 0x9d ('ờ' is E1 BB 9D): where such bytes were
    dropped the text cannot be repaired and is refused in plain words."""
    text = "Thời gian thực hiện: trong năm 2025; các đề án về học tập, tổ chức.\n" * 10
    p = tmp_path / "lossy.txt"
    p.write_text("".join(c for c in mojibake(text) if c not in "\x81\x8d\x8f\x90\x9d"),
                 encoding="utf-8")
    doc = pipeline.extract_document(p)
    assert doc.text == "" and len(doc.errors) == 1
    assert doc.errors[0].startswith("lossy.txt: the text is garbled") and "mojibake" in doc.errors[0]


def test_real_punctuation_after_letters_is_not_mojibake(tmp_path):
    text = "XÃ…… ngày …\nCụm từ “huyện, xã”, “cấp xã”, thủy chí… 20 m² ở 30°C.\n" * 5
    p = tmp_path / "real.txt"
    p.write_text(text, encoding="utf-8")
    src = ingest.read_source(p)
    assert src.text == text and src.warnings == []


@pytest.mark.parametrize("encode", [lambda s: s.encode("utf-16-le"),
                                    lambda s: s.encode("utf-16"),
                                    lambda s: b"\xfe\xff" + s.encode("utf-16-be")],
                         ids=["utf-16-le no BOM", "utf-16 BOM", "utf-16-be BOM"])
def test_utf16_missing_its_last_byte_is_read(tmp_path, encode):
    """Today: 'this is a binary file' (no BOM) or 'not valid UTF-16' (BOM)."""
    raw = SEEDS["001"].read_text(encoding="utf-8")
    p = tmp_path / "cut.txt"
    p.write_bytes(encode(raw)[:-1])
    src = ingest.read_source(p)
    assert src.text == raw[:-1]
    assert len(src.warnings) == 1 and "last byte is missing" in src.warnings[0]


def test_text_longer_than_the_limit_is_cut_with_a_warning(tmp_path):
    raw = SEEDS["001"].read_text(encoding="utf-8")
    p = tmp_path / "long.txt"
    p.write_text(raw * 20, encoding="utf-8")
    src = ingest.read_source(p, limits=ingest.Limits(max_chars=20_000))
    assert 18_000 <= len(src.text) <= 20_000 and (raw * 20).startswith(src.text)
    assert src.warnings == ["long.txt: the text is longer than 20,000 characters; only the "
                            "first part of it is read"]
    big = ingest.Limits(max_file_bytes=10_000)
    with pytest.raises(ingest.IngestError, match=r"^long\.txt: the file is too large to read"):
        ingest.read_source(p, limits=big)


def test_warnings_are_a_record_field_beside_errors(tmp_path):
    p = tmp_path / "moji.txt"
    p.write_text(mojibake(MOJIBAKE_SAMPLE), encoding="utf-8")
    doc = pipeline.extract_document(p)
    rec = doc.to_dict()
    keys = list(rec)
    assert keys[keys.index("errors") + 1] == "warnings"
    assert rec["errors"] == [] and rec["warnings"] == doc.warnings and len(doc.warnings) == 1
    assert "1 warnings" in repr(doc)
    assert pipeline.extract_document(SEEDS["002"]).to_dict()["warnings"] == []


# ---- DOCX: no silent loss (issue 13) ---------------------------------------------------

import hostile as H  # noqa: E402


def docx_text(tmp_path, body, parts=None, name="t.docx"):
    return ingest.read_source(H.write_docx(tmp_path / name, body, parts))


def test_docx_tracked_changes_read_as_accepted(tmp_path):
    body = ('<w:p><w:r><w:t xml:space="preserve">Đạt </w:t></w:r>'
            '<w:ins w:id="1"><w:r><w:t>80%</w:t></w:r></w:ins>'
            '<w:del w:id="2"><w:r><w:delText>70%</w:delText></w:r></w:del>'
            '<w:moveFrom w:id="3"><w:r><w:t xml:space="preserve"> cũ</w:t></w:r></w:moveFrom>'
            '<w:r><w:t xml:space="preserve"> số xã</w:t></w:r>'
            '<w:moveTo w:id="4"><w:r><w:t xml:space="preserve"> mới</w:t></w:r></w:moveTo></w:p>')
    assert docx_text(tmp_path, body).text == "Đạt 80% số xã mới"


def test_docx_text_box_read_once_after_its_paragraph(tmp_path):
    body = (H.p("KẾ HOẠCH") + '<w:p><w:r><w:t xml:space="preserve">Nơi nhận </w:t></w:r>'
            + H.textbox("Sở Y tế chủ trì") + "</w:p>" + H.p("Hết"))
    assert docx_text(tmp_path, body).text.split("\n\n") == [
        "KẾ HOẠCH", "Nơi nhận ", "Sở Y tế chủ trì", "Hết"]


def test_docx_nested_table_text_is_kept(tmp_path):
    inner = H.tbl([["Sở Y tế", "chủ trì"], ["Công an tỉnh", "phối hợp"]])
    body = H.tbl([["STT", "Nhiệm vụ", "Cơ quan"],
                  ["1", "Tuyên truyền", H.tc(H.p("Gồm:") + inner)]])
    src = docx_text(tmp_path, body)
    assert src.text.split("\n\n") == [
        "STT\tNhiệm vụ\tCơ quan",
        "1\tTuyên truyền\tGồm: Sở Y tế chủ trì Công an tỉnh phối hợp"]


def test_docx_footnotes_endnotes_read_and_headers_reported(tmp_path):
    parts = {"footnotes.xml": ("footnotes", H.notes("footnote", ["Luật số 73/2021/QH14"])),
             "endnotes.xml": ("endnotes", H.notes("endnote", ["Ghi chú cuối"])),
             "header1.xml": ("header", H.header("hdr", H.p("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN"))),
             "footer1.xml": ("footer", H.header("ftr", H.p("Trang 3")))}
    src = docx_text(tmp_path, H.p("KẾ HOẠCH") + H.p("Căn cứ Luật¹"), parts)
    assert src.text.split("\n\n") == ["KẾ HOẠCH", "Căn cứ Luật¹", "Luật số 73/2021/QH14",
                                      "Ghi chú cuối"]
    assert src.warnings == ["t.docx: text in page headers or footers is not read: "
                            "'ỦY BAN NHÂN DÂN TỈNH BẮC KẠN'"]


def test_docx_runs_inside_smart_tags_fields_and_controls(tmp_path):
    body = ('<w:p><w:smartTag w:uri="x" w:element="place"><w:r><w:t>Bắc Kạn</w:t></w:r>'
            '</w:smartTag><w:r><w:t xml:space="preserve">, ngày </w:t></w:r>'
            '<w:fldSimple w:instr="DATE"><w:r><w:t>11/7/2022</w:t></w:r></w:fldSimple>'
            '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> (ký)</w:t></w:r></w:sdtContent>'
            "</w:sdt></w:p>")
    assert docx_text(tmp_path, body).text == "Bắc Kạn, ngày 11/7/2022 (ký)"
