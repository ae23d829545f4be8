"""Numbers that look like targets and are none, from the batch-10 blind look: a count that
repeats what the preamble says the document is about ("02 công trình dự án"), a number in
a list of form or article numbers ("Mẫu biểu số 01, 02, 03"), the header row of a budget
form's year columns, a revenue share ("địa phương hưởng 100%"); and the amounts of a
forecast list reached through "đạt khoảng" ("đạt khoảng 270.000 tỷ đồng")."""

from conftest import CORPUS, NOTICE_HEAD

from pipeline import from_text


def _counts(doc, value):
    return [t for t in doc.targets if t.kind == "count" and t.value == value]


def test_notice_subject_count_gives_way_to_its_dated_task(extracted):
    """637/TB-VPCP: the two works its preamble names ("báo cáo tiến độ triển khai thực hiện
    02 công trình dự án") are no target where a paragraph repeats them; the lead-in's
    "phấn đấu hoàn thành xây dựng trước ngày 30 tháng 11 năm 2025" is its dated task."""
    doc = extracted(CORPUS / "blind/103_637-tb-vpcp.md")
    assert not _counts(doc, 2)
    dated = [t for t in doc.targets if t.kind == "deadline" and t.deadline == "2025-11-30"]
    assert any(t.section == "2" and "phấn đấu hoàn thành xây dựng" in t.quote for t in dated)


NOTICE = NOTICE_HEAD + """Kết luận của Phó Thủ tướng tại buổi kiểm tra các dự án trường học
Sau khi nghe báo cáo tiến độ thực hiện 03 dự án trường học, Phó Thủ tướng kết luận như sau:
1. Ghi nhận sự nỗ lực của Bộ Giáo dục và Đào tạo tại 03 dự án trường học.
2. Để bảo đảm tiến độ hoàn thành 03 dự án trường học, phấn đấu hoàn thành xây dựng trước ngày 31 tháng 12 năm 2026, yêu cầu:
(1) Bộ Giáo dục và Đào tạo chỉ đạo hoàn thành 03 dự án trường học và xây dựng mới 05 phòng học.
"""


def test_constructed_notice_subject_count():
    """The same form with other works: the preamble's "03 dự án trường học" repeated is no
    target, the dated task is; a count the preamble does not name ("05 phòng học") still is."""
    doc = from_text(NOTICE)
    assert not _counts(doc, 3)
    assert any(t.kind == "deadline" and t.deadline == "2026-12-31" for t in doc.targets)
    assert _counts(doc, 5)
    # without the preamble's count, the paragraph's count is read as before
    other = from_text(NOTICE.replace("tiến độ thực hiện 03 dự án trường học", "tiến độ thực hiện các dự án"))
    assert _counts(other, 3)


def test_budget_plan_forms_and_forecast_list(extracted):
    """0204/KH-UBND (Cà Mau, finance plan 2026-2028): its forecast list gives every amount
    ("đạt 660.085 tỷ đồng", "đạt khoảng 91 triệu đồng", "đạt khoảng 270.000 tỷ đồng", "đạt
    khoảng 8,95 tỷ USD"); "như Mẫu biểu số 02, 03 đính kèm", "các Mẫu biểu số 01, …, 05
    ban hành kèm theo Thông tư", the forms' header rows ("STT | Nội dung | Năm hiện hành 2025
    | Dự kiến dự toán năm 2026 | … | Dự kiến năm 2028") and "(địa phương hưởng 100%)" none."""
    doc = extracted(CORPUS / "blind/104_0204-kh-ubnd.md")
    money = {(t.value, t.unit) for t in doc.targets if t.section == "II.1" and t.kind == "count"}
    assert {(660085, "tỷ đồng"), (91, "triệu đồng"), (270000, "tỷ đồng"), (8.95, "tỷ USD")} <= money
    assert all(t.deadline == "2026" for t in doc.targets if t.section == "II.1" and t.kind == "count")
    assert not _counts(doc, 3) and not _counts(doc, 5)
    assert not [t for t in doc.targets if t.kind == "deadline"]
    assert not [t for t in doc.targets if (t.section or "").startswith("PL.")]


def test_listed_article_numbers(extracted):
    """980/KH-UBND: "(Điều 7, 8 Nghị định)" is a list of article numbers, not 8 decrees;
    the row keeps its dated task."""
    doc = extracted(CORPUS / "web/047_980-kh-ubnd.md")
    assert not [t for t in _counts(doc, 8) if (t.unit or "").startswith("Nghị định")]
    assert any(t.kind == "deadline" and "Tổ chức lại Ban Chỉ huy" in t.quote for t in doc.targets)


PLAN = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
Số: 77/KH-UBND
An Giang, ngày 20 tháng 11 năm 2025
KẾ HOẠCH
Tài chính - ngân sách nhà nước 03 năm 2026 - 2028
I. DỰ BÁO CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI ĐẾN NĂM 2026
- Tổng vốn đầu tư toàn xã hội đạt khoảng 150.000 tỷ đồng.
- Kim ngạch xuất khẩu đạt khoảng 2,5 tỷ USD.
- Thu ngân sách theo các Phụ lục số 01, 02 đính kèm.
II. CÂN ĐỐI NGÂN SÁCH
Chi đầu tư phát triển 12.000 tỷ đồng.
PHỤ LỤC
STT\tNội dung\tƯớc thực hiện năm 2025\tDự toán năm 2026\tDự kiến năm 2027
1\tThu tiền sử dụng đất (ngân sách tỉnh hưởng 100%)\t1.000\t1.200\t1.300
"""


def test_constructed_budget_plan():
    """Constructed variants: the forecast amounts after "đạt khoảng" are targets, a budget
    amount without that verb is none, and the form's header row, the numbered list of
    appendices and the revenue share give nothing."""
    doc = from_text(PLAN)
    got = {(t.value, t.unit) for t in doc.targets}
    assert {(150000, "tỷ đồng"), (2.5, "tỷ USD")} <= got
    assert not _counts(doc, 12000) and not _counts(doc, 2)
    assert not [t for t in doc.targets if t.kind == "deadline"]
    assert not [t for t in doc.targets if t.value == 100]
