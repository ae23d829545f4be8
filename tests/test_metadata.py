"""Document metadata (pipeline.metadata) against gold and the public corpus manifest."""
import json
from pathlib import Path

import pytest
from conftest import ROOT, SEED_PATHS

from pipeline import from_text, ingest, normalise
from pipeline.document import Document
from pipeline.evaluate import fold_number, fold_org
from pipeline.evaluate.gold import load_gold
from pipeline.stages import metadata

SEEDS = SEED_PATHS
PUBLIC = ROOT / "corpus" / "public"
INDEX = [json.loads(line) for line in (PUBLIC / "index.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]


def _meta_only(path: Path):
    """Real ingest + normalise + the metadata stage (the other stages are not needed)."""
    src = ingest.read_source(path)
    doc = Document(doc_id=path.stem, source=str(path))
    doc.text, doc.offsets = normalise.normalise(src.text, src.format)
    return metadata.extract_meta(doc)


@pytest.fixture(scope="module")
def public_meta():
    return {row["file"]: _meta_only(PUBLIC / row["file"]) for row in INDEX}


@pytest.mark.parametrize("seed", [p.stem for p in SEEDS])
def test_seed_meta_equals_gold(seed, seed_docs):
    gold = load_gold(ROOT / "corpus" / "gold" / f"{seed}.yaml")["meta"]
    meta = seed_docs[seed].meta
    assert meta.doc_type == gold["doc_type"]
    assert fold_number(meta.number) == fold_number(gold["number"])
    assert fold_org(meta.issuer) == fold_org(gold["issuer"])
    assert meta.level == gold["level"]
    assert meta.province == gold["province"]
    assert meta.date == gold["date"]
    assert meta.period == gold["period"]


def test_seed_titles(seed_docs):
    assert seed_docs["000_c3abb955b2b52a40"].meta.title == (
        "Thực hiện Chương trình phòng, chống mại dâm thành phố Bắc Kạn giai đoạn 2022-2025")
    assert seed_docs["003_01cad460861d4b6f"].meta.title.startswith("Phòng, chống mại dâm")


@pytest.mark.parametrize("row", INDEX, ids=[r["file"][:12] for r in INDEX])
def test_public_meta_matches_manifest(row, public_meta):
    meta = public_meta[row["file"]]
    assert fold_number(meta.number) == fold_number(row["doc_number"])
    assert meta.level == row["level"]
    assert meta.date == row["date"]
    assert fold_org(meta.issuer) == fold_org(row["issuer"])
    # the manifest writes "Quyết định (kèm Kế hoạch)"
    assert row["doc_type"].startswith(meta.doc_type)
    if meta.level == "national":
        assert meta.province is None
    else:
        assert meta.province and meta.province.lower() in row["issuer"].lower()


HEADER = "{issuer}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/KH-UBND\n" \
         "{place}, ngày 10 tháng 3 năm {year}\nKẾ HOẠCH\nPhòng, chống mại dâm năm {year}\n" \
         "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nTăng cường công tác phòng, chống mại dâm.\n"


@pytest.mark.parametrize("issuer, place, year, level, province, canonical", [
    ("THỦ TƯỚNG CHÍNH PHỦ", "Hà Nội", 2022, "national", None, "Thủ tướng Chính phủ"),
    ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Hà Nội", 2020, "national", None,
     "Bộ Lao động - Thương binh và Xã hội"),
    ("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN", "Bắc Kạn", 2022, "province", "Bắc Kạn", "UBND tỉnh Bắc Kạn"),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "Hải Phòng", 2025, "province", "Hải Phòng",
     "UBND thành phố Hải Phòng"),
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM\nSỞ Y TẾ", "Quảng Nam", 2024, "province", "Quảng Nam", "Sở Y tế"),
    ("ỦY BAN NHÂN DÂN HUYỆN CHỢ MỚI", "Chợ Mới", 2023, "district", None, "UBND huyện Chợ Mới"),
    ("ỦY BAN NHÂN DÂN HUYỆN CHỢ MỚI\nPHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Chợ Mới", 2023, "district",
     None, "Phòng Lao động - Thương binh và Xã hội"),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN", "Bắc Kạn", 2022, "district", "Bắc Kạn",
     "UBND thành phố Bắc Kạn"),
    ("ỦY BAN NHÂN DÂN XÃ BẠCH THÔNG", "Bạch Thông", 2024, "commune", None, "UBND xã Bạch Thông"),
    ("ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN", "Lê Chân", 2026, "commune", "Hải Phòng", "UBND phường Lê Chân"),
])
def test_levels_across_tiers(issuer, place, year, level, province, canonical):
    doc = from_text(HEADER.format(issuer=issuer, place=place, year=year))
    meta = doc.meta
    assert not [e for e in doc.errors if "metadata" in e]
    assert meta.issuer == canonical
    assert meta.level == level
    if province:
        assert meta.province == province
    assert meta.date == f"{year}-03-10"
    assert meta.number == "12/KH-UBND"
    assert meta.doc_type == "Kế hoạch"
    assert meta.period == [year, year]
    assert meta.title == f"Phòng, chống mại dâm năm {year}"


def test_blank_number_is_null_and_attached_number_used():
    doc = from_text("Số: /KH-UBND\nHà Nội, ngày 05 tháng 6 năm 2020\nKẾ HOẠCH\nTổng kết công tác năm 2020\n"
                    "(Ban hành kèm theo Quyết định số 629/QĐ-LĐTBXH ngày 05 tháng 6 năm 2020 của Bộ trưởng "
                    "Bộ Lao động - Thương binh và Xã hội)\nI. MỤC ĐÍCH\n")
    assert doc.meta.number == "629/QĐ-LĐTBXH"
    assert doc.meta.issuer == "Bộ Lao động - Thương binh và Xã hội"
    assert doc.meta.level == "national"
    blank = from_text("Số: /KH-UBND\nQuảng Trị, ngày tháng năm 2022\nKẾ HOẠCH\nPhòng, chống mại dâm năm 2022\n")
    assert blank.meta.number is None
    assert blank.meta.date == "2022"


def test_admin_units_pick_the_tier_by_date():
    from pipeline.stages.admin_units import classify, is_central_city, province_name
    assert classify("thành phố", "Bắc Kạn", "2022-02") == ("district", "Bắc Kạn")
    assert classify("phường", "Lê Chân", "2026-05-23") == ("commune", "Hải Phòng")
    assert classify("tỉnh", "Quảng Trị", "2022") == ("province", "Quảng Trị")
    assert classify("thành phố", "Cần Thơ", "2025-11-21") == ("province", "Cần Thơ")
    assert classify("huyện", "Chợ Mới", "2023")[0] == "district"
    assert province_name("Thành phố Hồ Chí Minh") == "Hồ Chí Minh"
    assert is_central_city("Hải Phòng") and not is_central_city("Bắc Kạn")


def test_pattern_templates_fill_their_slots():
    from pipeline.stages.patterns import UPPER, fill
    assert fill("[{upper}]") == f"[{UPPER}]"
    # a list is an escaped alternation in its order; repetition counts are no slots
    assert fill(r"(?:{words})\s+\w{0,3}\d{4}", words=["thị xã", "xã"]) == r"(?:thị\ xã|xã)\s+\w{0,3}\d{4}"
    with pytest.raises(KeyError):
        fill("{missing}")


# ---------------------------------------------------------------- period (ANNOTATION.md rule)

def _plan(title: str, body: str, year: int = 2025) -> Document:
    return from_text("ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                     f"Số: 12/KH-UBND\nBắc Ninh, ngày 10 tháng 11 năm {year}\nKẾ HOẠCH\n{title}\n{body}")


@pytest.mark.parametrize("path, period", [
    # the plan's own time section beats the title's term of office ("nhiệm kỳ 2026 - 2031")
    ("corpus/bulk/037_0125-kh-ubnd.md", [2025, 2026]),
    # "Thời gian thi đua" with the dates of its two rounds
    ("corpus/blind/101_157-kh-ubnd.md", [2025, 2025]),
    # a time section left open ("đến khi tổ chức thành công Đại hội"), no horizon: none
    ("corpus/bulk/075_0124-kh-ubnd.md", None),
    ("corpus/bulk/132_982-kh-ubnd.md", None),
    # objectives "1. Đến năm 2030" / "2. Tầm nhìn đến năm 2045": the vision does not extend it
    ("corpus/chains/57-nq-tw-khcn-dmst-cds.md", [2024, 2030]),
    ("corpus/public/018_ttg-2597-qd-de-an-cds-ket-cau-ha-tang-xay-dung.txt", [2025, 2030]),
    # objectives lead-ins "a) Đến hết năm 2025: …" … "đ) Đến hết năm 2045: …"
    ("corpus/public/003_dongthap-617-kh-ubnd-chuyen-doi-so-dn.txt", [2025, 2045]),
    # years of single tasks ("- Thời gian thực hiện: Năm 2026 và các năm tiếp theo"): none
    ("corpus/bulk/096_7360-kh-ubnd.md", None),
    ("corpus/public/016_ttg-2623-qd-ke-hoach-thi-hanh-luat-bvdlcn.txt", None),
    # years of cited documents in the title and the text: none
    ("corpus/bulk/197_35-2025-nq-hdnd.md", None),
    ("corpus/public/001_cantho-165-kh-ubnd-dan-so.txt", None),
])
def test_period_of_real_documents(path, period, extracted):
    assert extracted(ROOT / path).meta.period == period


def test_period_from_the_time_section_not_the_title_term():
    doc = _plan("Phát động thi đua chào mừng bầu cử nhiệm kỳ 2026 - 2031",
                "I. MỤC ĐÍCH\nTạo khí thế thi đua sôi nổi.\nII. THỜI GIAN\n"
                "1. Thời gian thực hiện: từ tháng 12 năm 2025 đến hết tháng 6 năm 2026.\n"
                "III. TỔ CHỨC THỰC HIỆN\nCác sở, ngành thực hiện.\n")
    assert doc.meta.period == [2025, 2026]
    now = _plan("Tuyên truyền giảm nghèo", "I. MỤC ĐÍCH\nNâng cao nhận thức.\n"
                "II. THỜI GIAN THỰC HIỆN\nTừ nay đến hết năm 2027.\nIII. TỔ CHỨC THỰC HIỆN\n")
    assert now.meta.period == [2025, 2027]
    open_end = _plan("Thi đua chào mừng Đại hội", "I. MỤC ĐÍCH\nTạo khí thế.\n"
                     "II. NỘI DUNG\n1. Chủ đề\nThi đua lập thành tích.\n"
                     "2. Thời gian thực hiện: Từ tháng 10/2025 đến khi kết thúc Đại hội.\n")
    assert open_end.meta.period is None


def test_period_from_the_objectives_horizon():
    doc = _plan("Phát triển kinh tế số", "I. MỤC ĐÍCH\nCụ thể hóa chủ trương.\nII. MỤC TIÊU\n"
                "1. Đến năm 2028\n- Kinh tế số chiếm 20% GRDP.\n2. Tầm nhìn đến năm 2040\n"
                "- Kinh tế số chiếm 40% GRDP.\nIII. NHIỆM VỤ\n1. Hạ tầng\n- Hoàn thành trong năm 2031.\n")
    assert doc.meta.period == [2025, 2028]
    leads = _plan("Chuyển đổi số doanh nghiệp", "I. MỤC TIÊU\n1. Mục tiêu cụ thể\n"
                  "a) Đến hết năm 2026: 30% doanh nghiệp ứng dụng công nghệ số.\n"
                  "b) Đến hết năm 2029: 60% doanh nghiệp ứng dụng công nghệ số.\n"
                  "II. TỔ CHỨC THỰC HIỆN\nSở Công Thương chủ trì.\n")
    assert leads.meta.period == [2025, 2029]


def test_no_period_from_tasks_cited_documents_or_target_years():
    tasks = _plan("Triển khai thi hành Luật Việc làm", "I. NỘI DUNG\n1. Tập huấn\n"
                  "- Thời gian thực hiện: Năm 2025.\n2. Rà soát văn bản\n"
                  "- Thời gian thực hiện: Năm 2027 và các năm tiếp theo.\n")
    assert tasks.meta.period is None
    cited = _plan("THỰC HIỆN QUYẾT ĐỊNH SỐ 12/QĐ-TTG NGÀY 05 THÁNG 3 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ",
                  "Căn cứ Chiến lược dân số đến năm 2030;\nI. NỘI DUNG\n"
                  "1. Xây dựng kế hoạch giai đoạn 2026 - 2030.\n")
    assert cited.meta.period is None
    target = _plan("Giảm phát thải khí nhà kính, đạt mức phát thải ròng bằng 0 vào năm 2050",
                   "I. MỤC ĐÍCH\nGiảm phát thải.\n")
    assert target.meta.period is None


# ---------------------------------------------------------------- issuer from any header

def _blocks(*lines: str) -> Document:
    """A document whose lines are paragraphs of their own (as a Markdown export writes them)."""
    return from_text("\n\n".join(lines) + "\n")


MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def test_party_resolution_57_nq_tw(extracted):
    meta = extracted(ROOT / "corpus/chains/57-nq-tw-khcn-dmst-cds.md").meta
    assert (meta.doc_type, meta.number, meta.issuer, meta.level, meta.province) == (
        "Nghị quyết", "57-NQ/TW", "Bộ Chính trị", "national", None)
    assert meta.title.startswith("về đột phá phát triển khoa học")


@pytest.mark.parametrize("lines, issuer, level", [
    # the body printed under the heading ("CỦA BAN BÍ THƯ") issues, not the header's
    (("BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG CỘNG SẢN VIỆT NAM", "*", "Số 45-CT/TW",
      "Hà Nội, ngày 14 tháng 4 năm 2025", "CHỈ THỊ", "CỦA BAN BÍ THƯ", "về lãnh đạo đại hội đảng bộ các cấp"),
     "Ban Bí thư", "national"),
    (("ĐẢNG BỘ TỈNH BẮC NINH", "TỈNH ỦY", "*", "Số 10-NQ/TU", "ĐẢNG CỘNG SẢN VIỆT NAM",
      "Bắc Ninh, ngày 14 tháng 4 năm 2025", "NGHỊ QUYẾT", "về chuyển đổi số"), "Tỉnh ủy Bắc Ninh", "province"),
    (("ĐẢNG BỘ TỈNH BẮC KẠN", "HUYỆN ỦY CHỢ MỚI", "*", "Số 10-KH/HU", "ĐẢNG CỘNG SẢN VIỆT NAM",
      "Chợ Mới, ngày 14 tháng 4 năm 2023", "KẾ HOẠCH", "về chuyển đổi số"), "Huyện ủy Chợ Mới", "district"),
    (("ĐẢNG BỘ TỈNH BẮC NINH", "ĐẢNG ỦY XÃ TAM ĐA", "*", "Số 10-KH/ĐU", "ĐẢNG CỘNG SẢN VIỆT NAM",
      "Tam Đa, ngày 14 tháng 8 năm 2025", "KẾ HOẠCH", "về chuyển đổi số"), "Đảng ủy xã Tam Đa", "commune"),
    (("ỦY BAN TRUNG ƯƠNG", "MẶT TRẬN TỔ QUỐC VIỆT NAM", *MOTTO, "Số: 12/KH-MTTW",
      "Hà Nội, ngày 14 tháng 4 năm 2025", "KẾ HOẠCH", "Giám sát năm 2025"),
     "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "national"),
    (("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "TỈNH BẮC NINH", *MOTTO, "Số: 12/KH-MTTQ",
      "Bắc Ninh, ngày 14 tháng 4 năm 2025", "KẾ HOẠCH", "Giám sát năm 2025"),
     "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Ninh", "province"),
    (("TRUNG ƯƠNG HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM", *MOTTO, "Số: 12/KH-ĐCT",
      "Hà Nội, ngày 14 tháng 4 năm 2025", "KẾ HOẠCH", "Tuyên truyền năm 2025"),
     "Trung ương Hội Liên hiệp Phụ nữ Việt Nam", "national"),
    (("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", *MOTTO, "Số: 12/KH-TLĐ", "Hà Nội, ngày 14 tháng 4 năm 2025",
      "KẾ HOẠCH", "Tuyên truyền năm 2025"), "Tổng Liên đoàn Lao động Việt Nam", "national"),
    (("LIÊN ĐOÀN LAO ĐỘNG TỈNH QUẢNG TRỊ", *MOTTO, "Số: 12/KH-LĐLĐ", "Quảng Trị, ngày 14 tháng 4 năm 2025",
      "KẾ HOẠCH", "Tuyên truyền năm 2025"), "Liên đoàn Lao động tỉnh Quảng Trị", "province"),
])
def test_party_front_and_mass_organisations_at_their_tier(lines, issuer, level):
    meta = _blocks(*lines).meta
    assert (meta.issuer, meta.level) == (issuer, level)


@pytest.mark.parametrize("path, issuer, level", [
    # a decision enacted by the chairman ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ")
    ("corpus/bulk/023_2691-qd-ubnd.md", "Chủ tịch UBND tỉnh Quảng Trị", "province"),
    # site lines before the header; a bare "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" completed from it
    ("corpus/web/035_2916-qd-ubnd.md", "Chủ tịch UBND tỉnh Hà Tĩnh", "province"),
    ("corpus/web/051_78-2025-nq-hdnd.md", "HĐND thành phố Hà Nội", "province"),
    # a department under its ministry ("BỘ TÀI CHÍNH / CỤC HẢI QUAN")
    ("corpus/web/012_37698-tb-chq.md", "Cục Hải quan", "national"),
    ("corpus/bulk/137_3509-qd-ct.md", "Cục Thuế", "national"),
    # a minister's decision is the ministry's; a decision of the committee is the committee's
    ("corpus/bulk/058_4385-qd-bvhttdl.md", "Bộ Văn hóa, Thể thao và Du lịch", "national"),
    ("corpus/bulk/203_2954-qd-ubnd.md", "UBND tỉnh Sơn La", "province"),
])
def test_issuer_of_real_headers(path, issuer, level, extracted):
    meta = extracted(ROOT / path).meta
    assert (meta.issuer, meta.level) == (issuer, level)


def test_site_lines_before_the_header_are_skipped():
    site = ("Tình trạng: Đã biết", "Ngày ban hành: 24/11/2025")
    one_line = _blocks(*site, "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH " + " ".join(MOTTO), "Số: 12/KH-UBND",
                       "Hà Tĩnh, ngày 10 tháng 11 năm 2025", "KẾ HOẠCH", "Phòng, chống thiên tai năm 2026")
    two_lines = _blocks(*site, "ỦY BAN NHÂN DÂN", "HUYỆN CHỢ MỚI", *MOTTO, "Số: 12/KH-UBND",
                        "Chợ Mới, ngày 10 tháng 11 năm 2023", "KẾ HOẠCH", "Phòng, chống thiên tai năm 2024")
    assert (one_line.meta.issuer, one_line.meta.level) == ("UBND tỉnh Hà Tĩnh", "province")
    assert (two_lines.meta.issuer, two_lines.meta.level) == ("UBND huyện Chợ Mới", "district")


@pytest.mark.parametrize("after_motto, enacting, preamble, place, issuer", [
    # the header printed row by row: its unit line comes after the motto
    (("TỈNH HÀ TĨNH",), "", "", "Hà Tĩnh", "UBND tỉnh Hà Tĩnh"),
    # the enacting line names the body in full
    ((), "ỦY BAN NHÂN DÂN TỈNH SƠN LA", "", "Mộc Châu", "UBND tỉnh Sơn La"),
    # the preamble names it
    ((), "", "Ủy ban nhân dân xã Tam Đa ban hành Kế hoạch thực hiện như sau:", "Tam Đa", "UBND xã Tam Đa"),
    # the place line names a province, or a city under the centre
    ((), "", "", "Hà Tĩnh", "UBND tỉnh Hà Tĩnh"),
    ((), "", "", "Cần Thơ", "UBND thành phố Cần Thơ"),
])
def test_bare_people_committee_header_completed(after_motto, enacting, preamble, place, issuer):
    lines = ["ỦY BAN NHÂN DÂN", MOTTO[0], *after_motto, MOTTO[1], "Số: 12/KH-UBND",
             f"{place}, ngày 10 tháng 11 năm 2025", "KẾ HOẠCH", "PHÒNG, CHỐNG THIÊN TAI NĂM 2026"]
    lines += [x for x in (enacting, "Căn cứ Luật Phòng, chống thiên tai;" if enacting else "", preamble) if x]
    assert _blocks(*lines).meta.issuer == issuer


def test_chairman_enacting_line_own_or_inline():
    head = ("ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU", *MOTTO, "Số: 12/QĐ-UBND", "Cà Mau, ngày 18 tháng 11 năm 2025",
            "QUYẾT ĐỊNH", "CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH")
    own = _blocks(*head, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "Căn cứ Luật Tổ chức chính quyền địa phương;")
    assert (own.meta.issuer, own.meta.level) == ("Chủ tịch UBND tỉnh Cà Mau", "province")
    inline = _blocks(*head[:-1], "CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CÀ MAU "
                     "Căn cứ Luật Tổ chức chính quyền địa phương;")
    assert inline.meta.issuer == "Chủ tịch UBND tỉnh Cà Mau"
    committee = _blocks(*head, "ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "Căn cứ Luật Tổ chức chính quyền địa phương;")
    assert committee.meta.issuer == "UBND tỉnh Cà Mau"


# ---------------------------------------------------------------- type heading inline, attachments

@pytest.mark.parametrize("path, doc_type, title, period", [
    # "… năm 2025 CÔNG ĐIỆN TẬP TRUNG HOÀN THÀNH … NĂM 2025 THỦ TƯỚNG CHÍNH PHỦ điện: …"
    ("corpus/web/011_220-cd-ttg.md", "Công điện", "Tập trung hoàn thành thực thi", [2025, 2025]),
    # the title ends before the enacting official's line glued to it
    ("corpus/web/035_2916-qd-ubnd.md", "Quyết định", "Phê duyệt danh mục và quy trình nội bộ", None),
])
def test_type_heading_with_its_title_on_the_line(path, doc_type, title, period, extracted):
    meta = extracted(ROOT / path).meta
    assert meta.doc_type == doc_type and meta.title.startswith(title) and meta.period == period
    assert "Chủ tịch" not in meta.title and "Thủ tướng" not in meta.title


def test_inline_heading_with_a_colon_and_no_heading_from_an_attachment():
    guide = _blocks("SỞ Y TẾ", *MOTTO, "Số: 12/SYT-NVY", "Hà Tĩnh, ngày 10 tháng 11 năm 2025",
                    "HƯỚNG DẪN: Thực hiện tiêm chủng mở rộng năm 2026", "I. MỤC ĐÍCH", "Bảo đảm tiêm đủ.")
    assert (guide.meta.doc_type, guide.meta.title) == ("Hướng dẫn", "Thực hiện tiêm chủng mở rộng năm 2026")
    assert guide.meta.period == [2026, 2026]
    # the operative "QUYẾT ĐỊNH:" of a decision is no heading with a title
    assert _blocks("QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này.").meta.doc_type is None
    # a letter ("V/v") with a plan attached: the plan's heading is not the letter's type
    letter = _blocks("ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", *MOTTO, "Số: 4240/UBND-VX",
                     "V/v triển khai kế hoạch phòng, chống dịch", "Hà Tĩnh, ngày 10 tháng 11 năm 2025",
                     "Kính gửi: Các sở, ngành", "Ủy ban nhân dân tỉnh gửi kèm kế hoạch.", "KẾ HOẠCH",
                     "PHÒNG, CHỐNG DỊCH NĂM 2026")
    assert letter.meta.doc_type == "Công văn"


def test_a_title_run_after_the_heading_is_no_issuing_body():
    doc = _blocks("ĐẢNG BỘ TỈNH BẮC NINH", "TỈNH ỦY", "*", "Số 12-CTr/TU", "ĐẢNG CỘNG SẢN VIỆT NAM",
                  "Bắc Ninh, ngày 14 tháng 4 năm 2025", "CHƯƠNG TRÌNH HÀNH ĐỘNG",
                  "CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW CỦA BỘ CHÍNH TRỊ")
    assert (doc.meta.issuer, doc.meta.level) == ("Tỉnh ủy Bắc Ninh", "province")


def test_headerless_document_takes_number_and_date_from_its_own_attachment_line():
    """A text exported without its header ("Số:", place and date) keeps its number and date
    in an appendix's "(Kèm theo Nghị quyết số … ngày …)" line naming its own type."""
    doc = from_text((ROOT / "corpus" / "blind" / "107_394-nq-cp.md").read_text(encoding="utf-8"))
    assert (doc.meta.number, doc.meta.date, doc.meta.period) == ("394/NQ-CP", "2025-12-03", [2025, 2030])
    assert doc.meta.issuer == "Chính phủ"
    assert "394/NQ-CP" not in [c.number for c in doc.citations]      # its own number: no citation
    # a resolution with a header, then the same text with its header cut off
    text = (ROOT / "corpus" / "bulk" / "007_73-2025-nq-hdnd.md").read_text(encoding="utf-8")
    full = from_text(text).meta
    cut = from_text(text[text.index("**NGHỊ QUYẾT"):]).meta
    assert _num_date_issuer(full) == _num_date_issuer(cut) == ("73/2025/NQ-HĐND", "2025-11-27", "HĐND thành phố Hà Nội")


def test_attachment_line_far_down_must_name_the_documents_own_type():
    body = "NGHỊ QUYẾT\nVề phát động phong trào bảo vệ môi trường\nI. QUAN ĐIỂM\n" + \
        "1. Bảo vệ môi trường phải có sự tham gia tích cực của mọi tầng lớp Nhân dân.\n" * 80 + "PHỤ LỤC\n"
    line = "(Kèm theo {} số 12/{} ngày 05 tháng 01 năm 2026 của Chính phủ)\n"
    other = from_text(body + line.format("Quyết định", "QĐ-TTg")).meta
    assert (other.number, other.date) == (None, None)
    own = from_text(body + line.format("Nghị quyết", "NQ-CP")).meta
    assert (own.number, own.date, own.issuer) == ("12/NQ-CP", "2026-01-05", "Chính phủ")


def _num_date_issuer(meta):
    return meta.number, meta.date, meta.issuer
