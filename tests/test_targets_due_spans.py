"""Dated tasks due in a year, a month or a span, not on a day (issue 11, round 5): "sớm bàn
giao trong năm 2025", "Trình Thủ tướng Chính phủ trong năm 2026", "thông xe kỹ thuật năm
2025", and dated tasks beside numbers that are no targets."""

from conftest import CORPUS

from pipeline import from_text


def _tasks(doc):
    """(deadline, quote) of the dated tasks of ``doc``."""
    return [(t.deadline, " ".join(t.quote.split())) for t in doc.targets if t.kind == "deadline"]


def _due(doc, deadline, phrase):
    return any(d == deadline and phrase in q for d, q in _tasks(doc))


NOTICE = """VĂN PHÒNG CHÍNH PHỦ
Số: 998/TB-VPCP
Hà Nội, ngày 20 tháng 11 năm 2025
THÔNG BÁO
Kết luận của Phó Thủ tướng tại buổi làm việc với tỉnh Hòa Bình
I. ĐÁNH GIÁ CHUNG
Tăng trưởng kinh tế 10 tháng ước đạt 7,5%.
II. NHIỆM VỤ THỜI GIAN TỚI
1. Về cảng Hòa Bình: Bộ Xây dựng sớm bàn giao trong năm 2026 dự án nạo vét luồng cho tỉnh.
2. Về cầu Hòa Bình: Sở Xây dựng bảo đảm thông xe kỹ thuật năm 2026, góp phần hoàn thành mục tiêu chung.
3. Về biên chế của chính quyền địa phương 02 cấp: tăng từ 2 lên 3 phó trưởng phòng, giao Bộ Nội vụ báo cáo Chính phủ trước ngày 15 tháng 12 năm 2025.
4. Về đề án: Nếu không tập trung thực hiện thì không thể hoàn thành mục tiêu trong năm 2026.
"""


def test_year_after_a_due_verb_real(extracted):
    """634/TB-VPCP "sớm bàn giao trong năm 2025 dự án …" (beside "trước ngày 31 tháng 12"),
    653/TB-VPCP "hoàn thành đưa dự án vào vận hành trong năm 2027", 627/TB-VPCP "bảo đảm
    thông xe kỹ thuật năm 2025"."""
    d634 = extracted(CORPUS / "bulk/030_634-tb-vpcp.md")
    assert _due(d634, "2025", "sớm bàn giao trong năm 2025")
    assert _due(d634, "2025-12-31", "sớm bàn giao trong năm 2025")
    assert _due(extracted(CORPUS / "web/034_653-tb-vpcp.md"), "2027", "vào vận hành trong năm 2027")
    assert _due(extracted(CORPUS / "bulk/071_627-tb-vpcp.md"), "2025", "thông xe kỹ thuật năm 2025")


def test_numbers_a_notice_drops_leave_its_dated_task(extracted):
    """634/TB-VPCP: "… chính quyền địa phương 02 cấp: tăng … từ 2 lên 3 phó trưởng phòng …:
    giao Bộ Nội vụ … báo cáo Chính phủ trước ngày 30 tháng 11 năm 2025" and "phủ sóng 19 thôn,
    bản … hoàn thành trong tháng 12 năm 2025": the numbers are no aims, the tasks are."""
    doc = extracted(CORPUS / "bulk/030_634-tb-vpcp.md")
    assert _due(doc, "2025-11-30", "báo cáo Chính phủ trước ngày 30 tháng 11 năm 2025")
    assert _due(doc, "2025-12", "hoàn thành trong tháng 12 năm 2025")
    assert not any(t.value in (2, 3) for t in doc.targets)


def test_constructed_notice_due_years():
    """The same classes in a constructed notice; a denied verb ("không thể hoàn thành … trong
    năm 2026") gives no due date."""
    doc = from_text(NOTICE)
    assert _due(doc, "2026", "sớm bàn giao trong năm 2026")
    assert _due(doc, "2026", "thông xe kỹ thuật năm 2026")
    assert _due(doc, "2025-12-15", "báo cáo Chính phủ trước ngày 15 tháng 12 năm 2025")
    assert not any("không thể hoàn thành" in q for _, q in _tasks(doc))
    assert not any(t.value in (2, 3) for t in doc.targets)
