"""A scheme attached to a decision (phương án) is read as a plan, but its list of procedures
and its before/after comparison are no commitments: a date before the document was issued
is a legal cut-off ("… đã được công nhận trước ngày 01 tháng 7 năm 2014"), and "+ Sau khi
áp dụng: Chuyển 100% …" describes the effect of the scheme (``negative_lead_ins``)."""

from conftest import CORPUS

from pipeline import from_text


def test_procedure_list_and_effects_give_no_targets(extracted):
    """1610/QĐ-TTPVHCC: procedures (13) and (16) of PHỤ LỤC I, and PL.II C.III."""
    doc = extracted(CORPUS / "bulk/171_1610-qd-ttpvhcc.md")
    assert not [t for t in doc.targets if t.kind == "deadline"]
    assert not any((t.section or "").startswith("PL.II.C") for t in doc.targets)


SCHEME = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: 999/QĐ-UBND
Hòa Bình, ngày 20 tháng 11 năm 2025
QUYẾT ĐỊNH
Phê duyệt phương án đơn giản hóa thủ tục hành chính
I. NHIỆM VỤ
1. Sở Tư pháp hoàn thành số hóa hồ sơ trước ngày 31 tháng 12 năm 2025.
2. Danh mục thủ tục
(1) Cấp giấy chứng nhận cho hộ gia đình đã sử dụng đất ổn định trước ngày 15 tháng 10 năm 1993.
3. Cán bộ một cửa:
+ Trước khi áp dụng: Chuyển 40% hồ sơ bản giấy.
+ Sau khi áp dụng: Chuyển 100% hồ sơ bản điện tử.
+ Đến năm 2026: đạt 90% hồ sơ được giải quyết trực tuyến.
"""


def test_constructed_scheme():
    """A constructed variant: the 2025 task and the 2026 aim count; the 1993 cut-off and the
    before/after figures do not."""
    doc = from_text(SCHEME)
    deadlines = {t.deadline for t in doc.targets if t.kind == "deadline"}
    assert "2025-12-31" in deadlines and "1993-10-15" not in deadlines
    values = {t.value for t in doc.targets if t.kind == "percent"}
    assert 90 in values and 100 not in values and 40 not in values
