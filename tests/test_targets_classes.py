"""Target classes found on the blind first-look set (issue 11, Build item 3).

Each class has a test on a named real document (corpus/bulk, corpus/blind, corpus/chains …)
and one on a constructed variant that words or lays it out differently (``from_text``).
Rules: corpus/ANNOTATION.md.
"""
import re

from conftest import CORPUS

from pipeline import from_text

HEAD = ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH\n\nSố: 144/KH-UBND\n\nBắc Ninh, ngày 24 tháng 11 năm 2025\n\n"
        "KẾ HOẠCH\n\n{title}\n\n")


def plan(body: str, title: str = "Phát triển kinh tế số giai đoạn 2026 - 2030"):
    return from_text(HEAD.format(title=title) + body)


def values(doc, kind=None):
    return [t.value for t in doc.targets if kind is None or t.kind == kind]


# ------------------------------------------- "Chỉ tiêu" headings and the objectives they replace

def test_an_appendix_of_indicators_does_not_silence_the_objectives(extracted):
    """144/KH states its 2030 indicators in "II. MỤC TIÊU" and restates them in "PHỤ LỤC
    PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU …": the appendix is no "Chỉ tiêu" section of the plan."""
    doc = extracted(CORPUS / "blind" / "102_144-kh-ubnd.md")
    body = [t for t in doc.targets if t.section and t.section.startswith("II.")]
    assert len(body) >= 18
    assert {t.section for t in body} == {"II.1", "II.2"}
    variant = plan("I. MỤC TIÊU\n\n- Tỷ lệ hộ gia đình có cáp quang đạt 90%.\n\n"
                   "II. TỔ CHỨC THỰC HIỆN\n\nCác sở triển khai.\n\n"
                   "PHỤ LỤC\n\nBẢNG PHÂN CÔNG CÁC CHỈ TIÊU\n\n"
                   "STT\tChỉ tiêu\tCơ quan\n1\tTỷ lệ hộ gia đình có cáp quang đạt 90%\tSở KHCN\n")
    assert [t.section for t in variant.targets if t.value == 90][:1] == ["I"]


def test_a_chi_tieu_heading_under_muc_tieu_gives_its_targets(extracted):
    """"I. MỤC TIÊU → 3. Chỉ tiêu": the innermost heading names targets (seed 002 prints
    "I. MỤC TIÊU, CHỈ TIÊU"; here its parent names objectives only)."""
    text = (CORPUS / "seeds" / "002_607df22881132d47.txt").read_text(encoding="utf-8")
    assert "I. MỤC TIÊU, CHỈ TIÊU" in text
    doc = from_text(text.replace("I. MỤC TIÊU, CHỈ TIÊU", "I. MỤC TIÊU"))
    assert 80 in values(doc, "percent")
    assert [t.section for t in doc.targets if t.value == 80][0].startswith("I.3")
    variant = plan("I. MỤC TIÊU\n\n1. Mục tiêu chung\n\nNâng cao chất lượng giáo dục.\n\n"
                   "2. Chỉ tiêu cụ thể\n\n- 50% học sinh được học bơi.\n\n"
                   "- 100% trường học có nhà vệ sinh đạt chuẩn.\n\n"
                   "II. CHỈ TIÊU PHÂN BỔ\n\n- Mỗi trường 1 bể bơi.\n")
    assert [(t.section, t.value) for t in variant.targets if t.kind == "percent"] == \
        [("I.2", 50), ("I.2", 100)]


def test_objectives_beside_a_chi_tieu_subsection_stay_objectives(extracted):
    """"II. MỤC TIÊU, CHỈ TIÊU → 1. Mục tiêu / 2. Chỉ tiêu": the objectives restate."""
    doc = extracted(CORPUS / "seeds" / "003_01cad460861d4b6f.txt")
    assert not [t for t in doc.targets if t.section == "II.1"]


# ------------------------------------------------- one negative word in a combined heading

def test_a_combined_heading_with_one_negative_word_keeps_its_section(extracted):
    """"II. ĐỐI TƯỢNG VÀ THỜI GIAN THI ĐUA" (157/KH), "II. ĐỐI TƯỢNG, NỘI DUNG THI ĐUA"
    (0125/KH): the schedule under them gives its due dates; "1. Đối tượng thi đua" stays scope."""
    doc = extracted(CORPUS / "blind" / "101_157-kh-ubnd.md")
    assert ("II.2", "2025-12-31") in [(t.section, t.deadline) for t in doc.targets]
    doc = extracted(CORPUS / "bulk" / "037_0125-kh-ubnd.md")
    assert ("II.3", "2026-04") in [(t.section, t.deadline) for t in doc.targets]
    variant = plan("I. PHẠM VI, ĐỐI TƯỢNG VÀ TIẾN ĐỘ\n\n1. Phạm vi\n\nTại 108 xã của 08 huyện.\n\n"
                   "2. Tiến độ\n\n- Sơ kết công tác trước ngày 30/6/2026.\n\n"
                   "II. KINH PHÍ\n\n- Dự toán trình trước ngày 15/7/2026.\n")
    assert [(t.section, t.deadline) for t in variant.targets] == [("I.2", "2026-06-30")]


def test_a_task_set_in_a_month_is_due_then_unless_it_reports_the_present(extracted):
    """"Tổng kết vào tháng 4 năm 2026" (0125/KH) is a task due then; "Hiện nay, … dự kiến
    Quốc hội thông qua vào tháng 12/2025" (5680/CT-CS) reports the state of things."""
    doc = extracted(CORPUS / "bulk" / "190_5680-ct-cs.md")
    assert not [t for t in doc.targets if t.quote.startswith("Hiện nay")]
    variant = plan("I. NHIỆM VỤ\n\n- Tổ chức hội nghị sơ kết vào tháng 6 năm 2027.\n\n"
                   "- Hiện nay, Sở đang trình dự thảo, dự kiến ban hành vào tháng 3 năm 2026.\n")
    assert [(t.kind, t.deadline) for t in variant.targets] == [("deadline", "2027-06")]


# ------------------------------------------------------- annexes that are not commitments

def test_a_scoring_rubric_gives_no_targets(extracted):
    """157/KH's appendix "THANG ĐIỂM THI ĐUA …" scores the units ("Đơn vị đạt tỷ lệ 100% …
    cộng 05 điểm", "Từ 88 - 90% cộng 02 điểm"): rules of a rubric, not commitments."""
    doc = extracted(CORPUS / "blind" / "101_157-kh-ubnd.md")
    assert not [t for t in doc.targets if t.section and t.section.startswith("PL")]
    assert len([t for t in doc.targets if t.section == "III.1"]) == 5
    variant = plan("I. CHỈ TIÊU\n\n- 90% hồ sơ được giải quyết trực tuyến.\n\n"
                   "II. BẢNG ĐIỂM ĐÁNH GIÁ\n\n- Tỷ lệ hồ sơ trực tuyến đạt 90%: 10 điểm.\n\n"
                   "III. KHEN THƯỞNG\n\n- Đơn vị có 100% hồ sơ đúng hạn được cộng thêm 2 điểm.\n"
                   "- Đơn vị đạt từ 80% đến 90% được 1,5 điểm.\n")
    assert [(t.section, t.value) for t in variant.targets] == [("I", 90)]


# ----------------------------------------------------------------- the quote is the sentence

def test_the_quote_is_the_targets_sentence(extracted):
    """Monitoring plans list parameters and rates in one sentence split by ";" (0134/KH:
    "… TSS, Coliform; tần suất quan trắc: 2 đợt/tháng"; 235/KH: "tần suất 02 lần/năm; thời
    gian quan trắc …; số lượng mẫu …"): the quote is the sentence, as the anchor rule reads."""
    doc = extracted(CORPUS / "bulk" / "176_0134-kh-ubnd.md")
    assert [t for t in doc.targets if "TSS, Coliform; tần suất quan trắc: 2 đợt/tháng" in t.quote]
    doc = extracted(CORPUS / "bulk" / "111_235-kh-ubnd.md")
    yearly = [t for t in doc.targets if t.unit == "lần/năm" and t.section == "II.1.1"]
    assert yearly and "; thời gian quan trắc vào tháng 4" in yearly[0].quote
    for t in doc.targets:
        assert t.quote.replace(" ", "")[:20] in "".join(doc.text[t.start:t.end].split())
    variant = plan("I. NỘI DUNG\n\n- Lấy mẫu nước: pH, DO; tần suất 04 lần/năm; "
                   "số lượng 120 mẫu/năm. Báo cáo kết quả.\n")
    assert [t.quote for t in variant.targets] == ["Lấy mẫu nước: pH, DO; tần suất 04 lần/năm; "
                                                  "số lượng 120 mẫu/năm"] * 2


# ------------------------------------------------ outcomes in money, and two figures in a clause

def test_an_amount_the_plan_attains_is_a_target(extracted):
    """2954/QĐ's export plan: "kim ngạch … đạt 400 triệu USD", "dự kiến đạt trên 48,3 triệu USD,
    tốc độ tăng bình quân 05 - 06%/năm", "phấn đấu … đạt trên 46.200 tấn": an amount a verb
    of attainment governs is an outcome (a budget is not), the growth rate after it a second
    target, and a comparator may stand between the verb and the number."""
    doc = extracted(CORPUS / "bulk" / "203_2954-qd-ubnd.md")
    got = {(t.section, t.value, t.value_max, t.unit, t.comparator) for t in doc.targets}
    assert {("I", 400, None, "triệu USD", "bare"), ("II.1", 48.3, None, "triệu USD", "more_than"),
            ("II.1", 5, 6, "%", "range"), ("II.1", 46200, None, "tấn", "more_than"),
            ("I", 10, 13, "%", "range")} <= got
    variant = plan("I. CHỈ TIÊU\n\n- Thu ngân sách trên địa bàn đạt trên 1.200 tỷ đồng, "
                   "tỷ lệ tăng bình quân 8%/năm.\n\n- Sản lượng lúa đạt trên 50.000 tấn.\n\n"
                   "II. KINH PHÍ\n\n- Tổng kinh phí thực hiện khoảng 500 triệu đồng.\n")
    assert [(t.value, t.unit, t.comparator) for t in variant.targets] == [
        (1200, "tỷ đồng", "more_than"), (8, "%", "bare"), (50000, "tấn", "more_than")]


def test_an_objective_beside_a_chi_tieu_section_counts_when_nothing_restates_it(extracted):
    """2954/QĐ: "I. MỤC TIÊU … đạt 400 triệu USD" has no copy in "II. CHỈ TIÊU XUẤT KHẨU"
    (which lists products): kept. Seed 003's objectives restate its "2. Chỉ tiêu": dropped."""
    doc = extracted(CORPUS / "bulk" / "203_2954-qd-ubnd.md")
    assert [t.value for t in doc.targets if t.section == "I" and t.unit == "triệu USD"] == [400, 395]
    variant = plan("I. MỤC TIÊU\n\n- Tỷ lệ hộ dùng cáp quang đạt 90%.\n\n- Tỷ lệ xã có wifi công cộng "
                   "đạt 70%.\n\nII. CHỈ TIÊU\n\n- Tỷ lệ hộ dùng cáp quang đạt 90%.\n")
    assert [(t.section, t.value) for t in variant.targets] == [("I", 70), ("II", 90)]


# ---------------------------------------------------------- labelled and planned quantities

def test_a_labelled_count_of_its_own_noun_and_a_planned_quantity_are_targets(extracted):
    """0134/KH: "Số điểm quan trắc: 08 điểm" ("điểm" is no "điểm a" reference here: the label
    names it) and "Dự kiến khoảng 1.000 thuê bao di động nhận tin nhắn …"."""
    doc = extracted(CORPUS / "bulk" / "176_0134-kh-ubnd.md")
    got = {(t.value, t.unit) for t in doc.targets}
    assert {(8, "điểm"), (3, "điểm"), (7, "điểm"), (1000, "thuê bao di động")} <= got
    variant = plan("I. NỘI DUNG\n\n- Số lớp tập huấn: 04 lớp.\n\n- Số hồ sơ: 01 bộ.\n\n"
                   "- Dự kiến 300 hộ gia đình được hỗ trợ.\n\n- Theo điểm 2 khoản 1 Điều 5.\n")
    assert [(t.value, t.unit) for t in variant.targets] == [(4, "lớp"), (300, "hộ gia đình")]


# ------------------------------------------------------------ indicators end at a word boundary

def test_an_indicator_ends_at_a_word_boundary(extracted):
    """Seed 000: the cap on an indicator's length cut "… tệ nạn mại" and "… các chương trình
    an"; a rate in brackets after a count ("02 lớp/năm (70 người/01 lớp)") had "người" alone."""
    doc = extracted(CORPUS / "seeds" / "000_c3abb955b2b52a40.txt")
    ends = [t.indicator.split()[-1] for t in doc.targets if t.kind == "percent"]
    assert "mại" not in ends and "an" not in ends
    assert any(t.indicator.endswith("tệ nạn mại dâm") for t in doc.targets)
    doc = extracted(CORPUS / "seeds" / "004_14e5e5d2c5264b72.txt")
    rate = [t for t in doc.targets if t.unit == "người/lớp"]
    assert rate and rate[0].indicator.startswith("Tổ chức tập huấn")
    items = ", ".join(f"chương trình {w} phòng, chống tệ nạn mại dâm" for w in
                      ("A", "B", "C", "D", "E", "G", "H"))
    variant = plan(f"I. CHỈ TIÊU\n\n- 100% xã lồng ghép nhiệm vụ với {items}.\n")
    ind = variant.targets[0].indicator
    assert ind.endswith("tệ nạn mại dâm"), ind


# ------------------------------------------------------------------------- appendix tables

def test_a_table_row_keeps_its_number_and_its_cells_apart(extracted):
    """179/KH's appendix row "… chiếm tối thiểu 50% tổng số hoạt động …<TAB>Sở Tư pháp<TAB>Các
    sở, ban, ngành": the indicator is in the number's cell, not the lead bodies'; a row
    numbered "I.1" is a row (its number is no list marker "I." before a count "1"), and a
    unit ends with its cell."""
    doc = extracted(CORPUS / "bulk" / "201_179-kh-ubnd.md")
    rows = [t for t in doc.targets if (t.section or "").startswith("PL.I") and t.value == 50]
    assert rows and rows[0].indicator.startswith("tổng số hoạt động")
    assert "Sở Tư pháp" not in rows[0].indicator
    variant = plan("I. MỤC TIÊU\n\n- 90% hồ sơ trực tuyến.\n\nII. TỔ CHỨC THỰC HIỆN\n\nCác sở.\n\n"
                   "PHỤ LỤC\n\nDANH MỤC NHIỆM VỤ\n\n| STT | Nhiệm vụ | Cơ quan | Thời gian |\n"
                   "|---|---|---|---|\n| I | Nhóm thể chế | | |\n"
                   "| I.1 | Ban hành 02 quy định mới | Sở Nội vụ | Quý II/2026 |\n"
                   "| I.2 | Đầu tư 05 trạm quan trắc | Sở NNMT | 2027 |\n")
    rows = [(t.value, t.unit, t.indicator, t.deadline) for t in variant.targets if t.value != 90]
    assert rows == [(2, "quy định mới", "Ban hành quy định mới", "2026-Q2"),
                    (5, "trạm quan trắc", "Đầu tư trạm quan trắc", "2027")]


# ------------------------------------------------------------------------------- deadlines

def test_each_year_is_annual(extracted):
    """"Phấn đấu mỗi năm phát triển từ 05 bộ dữ liệu mở" (144/KH): "mỗi năm" is "hằng năm"."""
    doc = extracted(CORPUS / "blind" / "102_144-kh-ubnd.md")
    yearly = [t for t in doc.targets if t.section == "II.1" and t.unit and t.unit.endswith("/năm")]
    assert [t.deadline for t in yearly] == ["annual"]
    variant = plan("I. CHỈ TIÊU ĐẾN NĂM 2030\n\n- Mỗi năm tổ chức ít nhất 02 hội chợ việc làm.\n\n"
                   "- 80% lao động qua đào tạo.\n")
    assert [(t.value, t.deadline) for t in variant.targets] == [(2, "annual"), (80, "2030")]


# ------------------------------------------------------------------ shares with a horizon

def test_a_share_under_a_dated_target_heading_is_a_target(extracted):
    """144/KH "Phát triển kinh tế số đến năm 2030 … Kinh tế số chiếm 45% GRDP tỉnh": a share
    set for a year is a commitment; "Dân số đô thị chiếm 30% dân số" under an undated
    "MỤC TIÊU" stays a fact (test_targets: test_a_share_with_a_strong_comparator_is_a_target)."""
    doc = extracted(CORPUS / "blind" / "102_144-kh-ubnd.md")
    assert ("II.1", 45, "2030") in [(t.section, t.value, t.deadline) for t in doc.targets]
    variant = plan("I. MỤC TIÊU\n\n1. Đến năm 2028\n\n- Kinh tế tư nhân chiếm hơn 55% GRDP.\n\n"
                   "II. THỰC TRẠNG\n\n- Hiện nay kinh tế tư nhân chiếm 48% GRDP.\n")
    assert [(t.value, t.comparator, t.deadline) for t in variant.targets] == [(55, "more_than", "2028")]


def test_a_count_inside_a_rates_definition_is_not_a_target(extracted):
    """144/KH "Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ 01 Gb/s
    đạt 100%": the target is 100%; "01 Gb/s" defines what is measured (ANNOTATION.md)."""
    doc = extracted(CORPUS / "blind" / "102_144-kh-ubnd.md")
    assert not [t for t in doc.targets if t.unit == "Gb/s"]
    assert [t.value for t in doc.targets if t.section == "II.2" and "Gb/s" in t.indicator] == [100]
    variant = plan("I. CHỈ TIÊU\n\n- Tỷ lệ hộ gia đình có ít nhất 01 thành viên biết kỹ năng số "
                   "đạt 70%.\n\n- Đào tạo 500 học viên, tỷ lệ có việc làm đạt 80%.\n")
    assert [(t.value, t.unit) for t in variant.targets] == [(70, "%"), (500, "học viên"), (80, "%")]


def test_an_appendix_copy_of_a_body_target_is_dropped(extracted):
    """235/KH's appendix table repeats "Thuốc bảo vệ thực vật - Kim loại nặng … 02 lần/năm" of
    its body; 144/KH's repeats its 20 indicators: ANNOTATION.md annotates them once, in the
    body. A row of the appendix that the body does not state stays."""
    doc = extracted(CORPUS / "bulk" / "111_235-kh-ubnd.md")
    assert not [t for t in doc.targets if t.section == "PL.II" and t.unit == "lần/năm"]
    assert [t for t in doc.targets if t.section.startswith("II.") and t.unit == "lần/năm"]
    doc = extracted(CORPUS / "blind" / "102_144-kh-ubnd.md")
    assert not [t for t in doc.targets if t.section.startswith("PL") and t.kind == "percent"
                and t.value in (80, 95)]
    variant = plan("I. CHỈ TIÊU\n\n- Tỷ lệ hồ sơ giải quyết trực tuyến đạt 90%.\n\n"
                   "II. TỔ CHỨC THỰC HIỆN\n\nCác sở.\n\nPHỤ LỤC\n\nBẢNG PHÂN CÔNG\n\n"
                   "| STT | Chỉ tiêu | Cơ quan |\n|---|---|---|\n"
                   "| 1 | Tỷ lệ hồ sơ giải quyết trực tuyến đạt 90% | Sở Nội vụ |\n"
                   "| 2 | Tỷ lệ thanh toán không dùng tiền mặt đạt 90% | Ngân hàng |\n")
    assert [(t.section, t.value) for t in variant.targets] == [("I", 90), ("PL.I", 90)]
    assert "thanh toán" in variant.targets[1].indicator


def test_an_annual_plan_whose_title_lacks_the_year_gives_it_to_its_targets(extracted):
    """157/KH "Phát động phong trào thi đua …" (period 2025): its five indicators are due in
    2025 though the title names no year."""
    doc = extracted(CORPUS / "blind" / "101_157-kh-ubnd.md")
    assert doc.meta.period == [2025, 2025]
    assert {t.deadline for t in doc.targets if t.section == "III.1"} == {"2025"}
    variant = from_text("ỦY BAN NHÂN DÂN TỈNH AN GIANG\n\nSố: 88/KH-UBND\n\nAn Giang, ngày 3 tháng 3 "
                        "năm 2026\n\nKẾ HOẠCH\n\nTuyên truyền phòng, chống tác hại thuốc lá\n\n"
                        "I. CHỈ TIÊU\n\n- 90% trường học không khói thuốc.\n\n"
                        "II. THỜI GIAN THỰC HIỆN\n\nTrong năm 2026, trên địa bàn tỉnh.\n")
    assert variant.meta.period == [2026, 2026]
    assert [(t.value, t.deadline) for t in variant.targets] == [(90, "2026")]


def test_a_target_under_a_fourth_level_heading_takes_the_third_levels_path(extracted):
    """0134/KH numbers "1.1.1. Đối với vùng nuôi tôm nước lợ" under "II. … 1. … 1.1. …": a
    section path names levels 1-3 (ANNOTATION.md); the target sits in II.1.1."""
    doc = extracted(CORPUS / "bulk" / "176_0134-kh-ubnd.md")
    assert {t.section for t in doc.targets if t.unit == "điểm"} == {"II.1.1"}
    variant = plan("I. NỘI DUNG\n\n1. Quan trắc\n\n1.1. Quan trắc thường xuyên\n\n"
                   "1.1.1. Vùng nuôi tôm\n\n- Số điểm quan trắc: 06 điểm.\n\n"
                   "1.2. Quan trắc đột xuất\n\n- Số điểm quan trắc: 02 điểm.\n")
    assert [(t.section, t.value) for t in variant.targets] == [("I.1.1", 6), ("I.1.2", 2)]


# ------------------------------------------------------------- 57-NQ/TW and national resolutions

def _57nq_roman_read():
    """57-NQ/TW as the sections stage reads it once "**II- MỤC** TIÊU" headings are Roman
    headings (normalise/sections' part of issue 11: "I-" is printed for "I.")."""
    text = (CORPUS / "chains" / "57-nq-tw-khcn-dmst-cds.md").read_text(encoding="utf-8")
    return from_text(re.sub(r"(?m)^\*\*([IVX]+)- ", r"**\1. ", text))


def test_57_nq_gives_its_muc_tieu_targets():
    """II. MỤC TIÊU → "1. Đến năm 2030": TFP > 55%, digital economy ≥ 30% GDP, "Tối thiểu có
    5 doanh nghiệp công nghệ số …", "có từ 40 - 50 tổ chức khoa học và công nghệ", "Thu hút
    thêm ít nhất 3 tổ chức, doanh nghiệp …" (a number right before "tổ chức" counts
    organisations), "Hoàn thành xây dựng đô thị thông minh …" (a sentence of the paragraph,
    due in its heading's year)."""
    doc = _57nq_roman_read()
    got = {(t.section, t.kind, t.value, t.comparator, t.deadline) for t in doc.targets}
    assert {("II.1", "percent", 55, "more_than", "2030"), ("II.1", "percent", 30, "at_least", "2030"),
            ("II.1", "count", 5, "at_least", "2030"), ("II.1", "count", 40, "range", "2030"),
            ("II.1", "count", 3, "at_least", "2030"), ("II.2", "percent", 50, "at_least", "2045"),
            ("II.1", "deadline", None, None, "2030")} <= got
    units = {t.unit for t in doc.targets if t.kind == "count"}
    assert "doanh nghiệp công nghệ số" in units and "tổ chức" in units
    assert len([t for t in doc.targets if t.section in ("II.1", "II.2")]) >= 20


def test_a_unit_that_runs_on_keeps_its_head_noun():
    """"Tối thiểu có 5 doanh nghiệp công nghệ số ngang tầm các nước tiên tiến" (57-NQ/TW): a
    unit that reaches the word cap has become a clause; its noun is at the head."""
    variant = plan("I. MỤC TIÊU\n\n1. Đến năm 2030\n\n- Có ít nhất 20 hợp tác xã nông nghiệp "
                   "kiểu mới liên kết bền vững với doanh nghiệp tiêu thụ sản phẩm.\n\n"
                   "- Thu hút 02 tổ chức quốc tế.\n\nHoàn thành số hóa hồ sơ đất đai. Triển khai "
                   "đồng bộ các nền tảng.\n")
    assert [(t.kind, t.value, t.unit) for t in variant.targets] == [
        ("count", 20, "hợp tác xã nông nghiệp"), ("count", 2, "tổ chức quốc tế"),
        ("deadline", None, None)]


def test_completing_n_things_and_n_times_a_base_are_targets(extracted):
    """308/KH "ưu tiên triển khai hoàn thiện 11 cơ sở dữ liệu quốc gia và chuyên ngành …";
    179/KH "Tổng giá trị giao dịch thanh toán không dùng tiền mặt gấp 30 lần GRDP"."""
    doc = extracted(CORPUS / "bulk" / "122_308-kh-ubnd.md")
    assert ("II.1.2", 11, "cơ sở dữ liệu quốc gia") in [(t.section, t.value, t.unit) for t in doc.targets]
    doc = extracted(CORPUS / "bulk" / "201_179-kh-ubnd.md")
    assert (30, "lần GRDP") in [(t.value, t.unit) for t in doc.targets]
    variant = plan("I. NHIỆM VỤ\n\n- Hoàn thiện 05 bộ thủ tục hành chính liên thông.\n\n"
                   "- Thu nhập bình quân của lao động nông thôn gấp 2 lần mức bình quân.\n")
    assert [(t.value, t.unit) for t in variant.targets] == [(5, "bộ thủ tục hành chính liên thông"),
                                                            (2, "lần mức bình quân")]


# ------------------------------------------------------- windows that span the whole plan

def _web_section(path, first, last):
    """The lines of a blank-less web export from ``first`` up to ``last``, marks dropped and
    wrapped lines joined, as the normaliser is to give them (its part of issue 11)."""
    lines = (CORPUS / "web" / path).read_text(encoding="utf-8").split("\n")
    lines = [x.replace("*", "").strip() for x in lines]
    i = next(k for k, x in enumerate(lines) if x.startswith(first))
    j = next(k for k, x in enumerate(lines) if k > i and x.startswith(last))
    out: list[str] = []
    for x in lines[i:j]:
        if re.match(r"^(?:[IVX]+\.|\d+\.|[a-zđ]\)|-) ", x) or not out:
            out.append(x)
        elif x:
            out[-1] += " " + x
    return "\n\n".join(out)


def test_a_window_spanning_the_plan_does_not_date_a_completion_task():
    """2530/QĐ-TTg's "2. Mục tiêu cụ thể giai đoạn 2026 - 2030 … d) Hệ thống hạ tầng giao thông
    đô thị được hoàn thiện đồng bộ …" (a 2026-2030 plan): the heading's window is the whole
    plan, no due date; "1. Đến năm 2030 … - Hoàn thiện …" (a horizon) still dates its items."""
    body = _web_section("020_2530-qd-ttg.md", "I. MỤC TIÊU", "II. NHIỆM VỤ")
    doc = plan(body, title="Kế hoạch hành động giai đoạn 2026 - 2030")
    assert doc.meta.period == [2026, 2030]
    assert not [t for t in doc.targets if t.kind == "deadline" and "hoàn thiện đồng bộ" in t.quote]
    assert len([t for t in doc.targets if t.kind == "percent"]) >= 5
    variant = plan("I. MỤC TIÊU\n\n1. Mục tiêu giai đoạn 2026 - 2030\n\n- Hoàn thiện hạ tầng số.\n\n"
                   "2. Đến năm 2028\n\n- Hoàn thành số hóa hồ sơ đất đai.\n")
    assert [(t.kind, t.deadline, t.section) for t in variant.targets] == [("deadline", "2028", "I.2")]


def test_a_task_at_the_end_of_a_year_is_due_then():
    """2530/QĐ-TTg IV.2: "tổ chức sơ kết kết quả triển khai Kế hoạch vào cuối năm 2027 và tổng
    kết vào cuối năm 2030"."""
    body = _web_section("020_2530-qd-ttg.md", "IV. TỔ CHỨC THỰC HIỆN", "V. NGUỒN LỰC")
    doc = plan(body, title="Kế hoạch hành động giai đoạn 2026 - 2030")
    assert {"2027", "2030"} <= {t.deadline for t in doc.targets if "sơ kết" in t.quote}
    variant = plan("I. TỔ CHỨC THỰC HIỆN\n\n- Sở Nội vụ tổng hợp, đánh giá vào cuối năm 2028.\n")
    assert [(t.kind, t.deadline) for t in variant.targets] == [("deadline", "2028")]


def test_a_year_column_of_a_form_is_no_due_date(extracted):
    """Estimate forms whose header row has year columns ("Năm 2026 | Năm 2027 | …", 2954/QĐ's
    appendix): a year in a cell is a column value, not a task's due date; a task table with
    a "Thời gian" column still dates its rows. (2954/QĐ gives no date from its form today
    because its cells hold amounts; the variant's form holds a year.)"""
    doc = extracted(CORPUS / "bulk" / "203_2954-qd-ubnd.md")
    assert "Năm 2026\tNăm 2027\tNăm 2028" in doc.text
    assert not [t for t in doc.targets if t.kind == "deadline" and t.section and t.section.startswith("PL")]
    variant = plan("I. MỤC TIÊU\n\n- 100% vùng nuôi được quan trắc.\n\nII. TỔ CHỨC THỰC HIỆN\n\nCác sở."
                   "\n\nPHỤ LỤC I\n\nBẢNG TỔNG HỢP SỐ LIỆU\n\n| STT | Chỉ tiêu | Năm 2026 | Năm 2027 |\n"
                   "|---|---|---|---|\n| 1 | Số mẫu quan trắc | 240 | 240 |\n"
                   "| 2 | Lớp tập huấn cán bộ | 2027 | |\n\nPHỤ LỤC II\n\nNHIỆM VỤ\n\n"
                   "| STT | Nhiệm vụ | Thời gian |\n|---|---|---|\n"
                   "| 1 | Xây dựng cơ sở dữ liệu quan trắc | 2027 |\n")
    assert [(t.kind, t.section, t.deadline) for t in variant.targets if t.kind == "deadline"] == \
        [("deadline", "PL.II", "2027")]
