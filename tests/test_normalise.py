"""Normalised text: no Markdown marks, whole paragraphs, readable header, tables, offsets."""
import re
import unicodedata

import pytest
from conftest import ROOT

import pipeline
from pipeline import ingest, normalise

PUBLIC = sorted((ROOT / "corpus/public").glob("*.txt"))
SEEDS = {p.name[:3]: p for p in (ROOT / "corpus/seeds").glob("*.txt")}
BULK = sorted((ROOT / "corpus/bulk").glob("*.md"))[:40]


def fold(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def norm(path):
    src = ingest.read_source(path)
    text, omap = normalise.normalise(src.text, src.format)
    return src, text, omap


@pytest.fixture(scope="module")
def public():
    """{file prefix: (source, text, map)} for every public plan."""
    return {p.name[:3]: norm(p) for p in PUBLIC}


@pytest.fixture(scope="module")
def bulk():
    return {p.name: norm(p)[1] for p in BULK}


def lines_of(public, prefix):
    return public[prefix][1].split("\n")


# ---------------------------------------------------------------- conventions

MARKS = re.compile(r"\*\*|^#|^\||\|$|---|___|\\\*|<(?:sub|sup|br|b|i)\b")


def check_conventions(text):
    assert text == unicodedata.normalize("NFC", text)
    assert "\n\n" not in text and "\r" not in text and "\u00a0" not in text
    for line in text.split("\n"):
        assert line == line.strip(), repr(line)
        assert "  " not in line, repr(line)
        assert not MARKS.search(line), repr(line)


def test_public_texts_follow_conventions(public):
    assert len(public) == len(PUBLIC) >= 19
    for prefix, (_, text, _) in public.items():
        assert text, prefix
        check_conventions(text)


def test_bulk_sample_has_no_marks(bulk):
    assert bulk
    for name, text in bulk.items():
        for line in text.split("\n"):
            assert not re.search(r"\*\*|^#{1,6} |^\|\s*$|^-{3,}$", line), (name, line)


def test_no_stray_star_left_from_emphasis(public):
    """A "*" may remain only as a bullet marker at the start of a line."""
    for prefix, (_, text, _) in public.items():
        for line in text.split("\n"):
            assert "*" not in line[1:], (prefix, line)


# ---------------------------------------------------------------- whole paragraphs

WRAPPED = [
    ("006", "Thực hiện Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội phê duyệt chủ "
            "trương đầu tư Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030"),
    ("001", "a) Quán triệt và triển khai nghiêm túc, đầy đủ, đồng bộ, hiệu quả Chỉ thị số "
            "27/CT-TTg nhằm đẩy mạnh, nâng cao hiệu quả công tác dân số và phát triển trong "
            "tình hình mới;"),
    ("005", "Thực hiện Thông tri số 02-TT/TU ngày 03 tháng 10 năm 2025 của Thành ủy Thành phố "
            "Hồ Chí Minh về lãnh đạo tiếp tục thực hiện hiệu quả “Tháng cùng phụ nữ hành động”"),
    ("009", "- Cung ứng dịch vụ 5G với tốc độ siêu nhanh, độ trễ cực thấp và khả năng kết nối số "
            "lượng lớn thiết bị cùng lúc làm nền tảng cho việc triển khai các ứng dụng IoT tiên "
            "tiến: Nhà máy thông minh (Smart factory)"),
    ("013", "1. 100% đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật trên địa bàn tỉnh"),
    ("018", "Điều 1. Phê duyệt Đề án chuyển đổi số trong hoạt động xây dựng, quản lý, khai thác "
            "kết cấu hạ tầng xây dựng (sau đây gọi tắt là Đề án) với những nội dung chính sau đây:"),
]


@pytest.mark.parametrize("prefix,sentence", WRAPPED)
def test_wrapped_sentence_is_whole_again(public, prefix, sentence):
    lines = lines_of(public, prefix)
    hits = [l for l in lines if sentence in l]
    assert hits, f"{prefix}: not on one line: {sentence[:60]}"
    if re.match(r"^(?:[a-zđ]\)|\d+\.|-|Điều)", sentence):
        assert any(l.startswith(sentence) for l in hits), "a list item starts its own line"


@pytest.mark.parametrize("prefix,heading", [
    ("013", "II. MỤC TIÊU CHỦ YẾU"),          # "**II. MỤC TIÊU\nCHỦ YẾU**"
    ("006", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("006", "1.1. Quán triệt và triển khai nghiêm túc"),   # "*1.1. *Quán triệt"
    ("018", "QUYẾT ĐỊNH:"),
])
def test_headings_are_whole_and_alone(public, prefix, heading):
    lines = lines_of(public, prefix)
    assert any(l == heading or (l.startswith(heading) and heading[-1] != ":") for l in lines)


def test_headings_are_not_glued_to_previous_text(public):
    glued = re.compile(r"[.;:] (?:[IVX]{1,4}\. [A-ZĐ]{2,}|\d{1,2}\.\d{1,2}\. [A-ZĐ]|[a-h]\) [A-ZĐ])")
    for prefix, (_, text, _) in public.items():
        for line in text.split("\n"):
            if "\t" not in line:
                assert not glued.search(line), (prefix, line[:200])


def test_year_ranges_and_numbers_at_line_start_are_continuations(public):
    """"2016 - 2020 (bao gồm" or "178/2004/NĐ-CP ngày" never start a block."""
    for prefix, (_, text, _) in public.items():
        for line in text.split("\n"):
            assert not re.match(r"^\d{4}\s*[-–]\s*\d{4}\b|^\d+/\d{4}/", line), (prefix, line)


# ---------------------------------------------------------------- header block

def test_header_block_is_readable(public):
    for prefix, (_, text, _) in public.items():
        lines = text.split("\n")[:8]
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines, prefix
        assert "Độc lập - Tự do - Hạnh phúc" in lines, prefix
        assert any(re.fullmatch(r"Số: \d+/[A-ZĐ]+-[A-Za-zĐ]+", l) for l in lines), (prefix, lines)
        assert any(re.fullmatch(r"[^,]+, ngày \d+ tháng \d+ năm 20\d\d", l) for l in lines), prefix
        assert re.match(r"(?:ỦY|UỶ) BAN NHÂN DÂN (?:TỈNH|THÀNH PHỐ) [A-ZĐ]|THỦ TƯỚNG CHÍNH PHỦ",
                        lines[0]), (prefix, lines[0])


def test_header_of_dong_nai_plan(public):
    lines = lines_of(public, "006")
    assert lines[:5] == ["ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Số: 182/KH-UBND",
                         "Đồng Nai, ngày 20 tháng 11 năm 2025"]


def test_recipients_are_one_line_each(public):
    lines = lines_of(public, "006")
    i = next(i for i, l in enumerate(lines) if l.startswith("Nơi nhận"))
    assert lines[i] == "Nơi nhận:"
    assert lines[i + 1] == "- Văn phòng Chính phủ;"
    assert lines[i + 2] == "- Bộ Công an;"


# ---------------------------------------------------------------- tables

def test_content_table_rows_are_tab_separated(public):
    lines = lines_of(public, "014")
    head = [l for l in lines if l.startswith("STT\t")]
    assert head and head[0].split("\t")[1:3] == ["NHIỆM VỤ VÀ GIẢI PHÁP", "CHỦ TRÌ"]
    rows = [l.split("\t") for l in lines if "\t" in l]
    assert len(rows) > 15
    full = [r for r in rows if len(r) == 5]
    assert len(full) > 10 and all(r[0].isdigit() for r in full[1:])


# ---------------------------------------------------------------- seeds

def test_seed_001_hard_wraps_are_joined():
    doc = pipeline.extract_document(SEEDS["001"])
    lines = doc.text.split("\n")
    assert any("Quyết định số 629/QĐ-LĐTBXH" in l for l in lines)
    assert any(l.startswith("1. Tổng kết, đánh giá toàn diện, khách quan") for l in lines)
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines and "II. NỘI DUNG" in lines
    assert lines[:3] == ["BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert any("(Văn bản số 242/VPCP- KGVX ngày 28/3/2020 của Văn phòng Chính phủ)" in l
               for l in lines)
    check_conventions(doc.text)


@pytest.mark.parametrize("seed", ["000", "002", "004"])
def test_plain_seed_keeps_its_paragraphs(seed):
    """Text already one paragraph per line keeps every paragraph as is."""
    raw = SEEDS[seed].read_text(encoding="utf-8")
    src_lines = [fold(unicodedata.normalize("NFC", l)).replace("*", "")   # "(*Hạnh*)"
                 for l in raw.splitlines() if l.strip()]
    _, text, _ = norm(SEEDS[seed])
    out = text.split("\n")
    kept = sum(1 for l in src_lines if l in out)
    assert kept >= 0.95 * len(src_lines)
    joined = "\n".join(out)
    assert all(l in joined for l in src_lines)


def test_seed_003_markdown_is_clean():
    _, text, _ = norm(SEEDS["003"])
    check_conventions(text)
    lines = text.split("\n")
    assert "* Về công tác tuyên truyền" in lines          # "### ***\\* Về …***": a bullet
    assert "KẾ HOẠCH" in lines
    assert not any("<sub>" in l for l in lines)


# ---------------------------------------------------------------- offsets

def base(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[:1].lower()


def test_offsets_round_trip(public):
    for prefix in ("001", "006", "014", "018"):
        src, text, omap = public[prefix]
        assert len(omap) == len(text)
        step = max(1, len(text) // 400)
        for i in range(0, len(text), step):
            ch = text[i]
            if ch.isspace():
                continue
            j = omap.to_source(i)
            assert base(src.text[j]) == base(ch), (prefix, i, ch, src.text[j])
            assert omap.from_source(j) <= i


def test_offsets_of_decomposed_seed_004():
    src, text, omap = norm(SEEDS["004"])
    assert not unicodedata.is_normalized("NFC", src.text)
    for i in range(0, len(text), 7):
        if not text[i].isspace():
            assert base(src.text[omap.to_source(i)]) == base(text[i])
    pos = [omap.to_source(i) for i in range(len(text))]
    assert pos == sorted(pos)


def test_source_span_maps_to_the_same_words(public):
    src, text, omap = public["006"]
    needle = "163/2024/QH15 ngày 27/11/2024"
    a = src.text.index("163/2024/QH15 ngày 27/11/2024")
    b = a + len(needle)
    s, e = omap.from_source(a), omap.from_source(b)
    assert text[s:e] == needle
    s2, e2 = omap.span_to_source(s, e)
    assert (s2, e2) == (a, b)


# ---------------------------------------------------------------- patterns as data

def test_word_lists_fill_the_pattern_templates():
    from pipeline.normalise.rules import fill, rules
    assert fill(r"^(?:{w})\s", {"w": ["giai đoạn", "TP."]}) == r"^(?:giai\ đoạn|TP\.)\s"
    r = rules()
    assert r["continuation_tail"].search("theo khoản") and r["continuation_tail"].search("giai đoạn")
    assert not r["continuation_tail"].search("khoản mục tiêu")
    assert r["block_start"]["part"].match("CHƯƠNG II") and r["block_start"]["part"].match("Mục 1")


def test_a_line_ending_with_a_continuation_word_keeps_the_number_after_it():
    raw = ("Đoạn một dài.\n\nThực hiện theo khoản\n2. Điều 5 của Luật\n\n"
           "Đoạn hai dài.\n\nĐoạn ba dài\n\nĐoạn bốn dài\n\nĐoạn năm dài\n\nĐoạn sáu dài")
    text, _ = normalise.normalise(raw, "txt")
    assert "Thực hiện theo khoản 2. Điều 5 của Luật" in text.split("\n")


# ---------------------------------------------------------------- issue 11: dense web exports

WEB = ROOT / "corpus" / "web"


def test_article_number_alone_on_its_line_continues():
    _, text, _ = norm(WEB / "035_2916-qd-ubnd.md")
    assert "\nĐiều 1. Phê duyệt kèm theo Quyết định này 01 (một) Danh mục" in text
    # constructed: a hard-wrapped text without blank lines
    text, _ = normalise.normalise("QUYẾT ĐỊNH:\n**Điều 1**.\nBan hành kèm theo Quyết định này\n"
                                  "Quy chế làm việc của Ủy ban nhân dân\ntỉnh.\n**Điều 2.**\n"
                                  "Quyết định này có hiệu lực kể từ\nngày ký.\n")
    assert text.split("\n") == ["QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Quy "
                                "chế làm việc của Ủy ban nhân dân tỉnh.",
                                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."]


def test_bold_lines_are_blocks_in_a_dense_text():
    _, text, _ = norm(WEB / "047_980-kh-ubnd.md")
    lines = text.split("\n")
    assert "KẾ HOẠCH" in lines and "I. MỤC ĐÍCH, YÊU CẦU" in lines
    text, _ = normalise.normalise(
        "**KẾ HOẠCH**\nTRIỂN KHAI CÔNG TÁC\nPHÒNG THỦ DÂN SỰ NĂM 2026\n"
        "Thực hiện Quyết định số 1/QĐ-UBND,\nỦy ban nhân dân tỉnh ban hành Kế hoạch.\n"
        "**I. MỤC ĐÍCH,\nYÊU CẦU**\nNâng cao năng lực phòng thủ dân sự.\n")
    assert text.split("\n") == ["KẾ HOẠCH", "TRIỂN KHAI CÔNG TÁC PHÒNG THỦ DÂN SỰ NĂM 2026",
                                "Thực hiện Quyết định số 1/QĐ-UBND, Ủy ban nhân dân tỉnh ban "
                                "hành Kế hoạch.", "I. MỤC ĐÍCH, YÊU CẦU",
                                "Nâng cao năng lực phòng thủ dân sự."]


def test_footnotes_after_a_dense_signature_table_are_paragraphs():
    _, text, _ = norm(WEB / "017_10989-bnv-tcbc.md")
    lines = text.split("\n")
    assert "KT. BỘ TRƯỞNG THỨ TRƯỞNG" in lines and "Vũ Chiến Thắng" in lines
    assert any(line.startswith("[i] Tổng số vị trí việc làm") for line in lines)
    text, _ = normalise.normalise("Nội dung kế hoạch.\n|\nNơi nhận:\n- Lưu: VT.\n|\n"
                                  "**GIÁM ĐỐC**\nLê Văn C\n|\n[1] Theo số liệu năm 2025.\n"
                                  "[2] Không kể đơn vị sự nghiệp.\n")
    assert "\t" not in text
    assert text.split("\n")[-2:] == ["[1] Theo số liệu năm 2025.", "[2] Không kể đơn vị sự nghiệp."]


def test_a_reference_and_its_number_keep_the_marker_line_after_them():
    """"… tại khoản 3\\nĐiều 1." and "… theo khoản 3\\nPhụ lục V kèm theo …" go on with the
    sentence: no article or appendix heading starts there."""
    _, text, _ = norm(ROOT / "corpus" / "bulk" / "197_35-2025-nq-hdnd.md")
    assert "theo khoản 3 Phụ lục V kèm theo Nghị quyết này." in text
    text, _ = normalise.normalise("Điều 2. Thay thế, bãi bỏ một số từ, cụm từ tại\n"
                                  "Quy định như sau:\nBãi bỏ cụm từ “cấp huyện” tại điểm b khoản 3\n"
                                  "Điều 1 của Quy định.\nThay thế cụm từ “Sở Tài chính” tại tiết 1.2\n"
                                  "Phụ lục II kèm theo Quyết định này.\n")
    assert text.split("\n") == ["Điều 2. Thay thế, bãi bỏ một số từ, cụm từ tại Quy định như sau:",
                                "Bãi bỏ cụm từ “cấp huyện” tại điểm b khoản 3 Điều 1 của Quy định.",
                                "Thay thế cụm từ “Sở Tài chính” tại tiết 1.2 Phụ lục II kèm "
                                "theo Quyết định này."]
    doc = pipeline.from_text("QUYẾT ĐỊNH:\n\nĐiều 1. Sửa đổi như sau:\n\n"
                             "Phụ lục II, Phụ lục III và Phụ lục IV được thay thế.\n")
    assert [s.path for s in doc.sections] == ["Điều 1"]
