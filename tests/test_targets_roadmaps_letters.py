"""Two classes of dated commitments outside plans: the steps of a roadmap article in a
resolution or regulation (``roadmap_headings``), and the dated commitments of an official
letter (``letter_doc_types``), both in data/targets.yaml."""

from conftest import CORPUS

from pipeline import from_text


def _deadlines(doc):
    return sorted(t.deadline for t in doc.targets if t.kind == "deadline")


def test_resolution_roadmap_steps(extracted):
    """57/2025/NQ-HĐND, Điều 11 "Lộ trình thực hiện vùng phát thải thấp": each step "Kể từ
    ngày …[ đến hết ngày …]: Thực hiện …" is due from its first date; the lead-in "Trước
    ngày 01 tháng 01 năm 2030:" frames them; the rules' numbers (3.500 kg, "10 ngày") are
    no targets."""
    doc = extracted(CORPUS / "bulk/204_57-2025-nq-hdnd.md")
    assert _deadlines(doc) == ["2026-07-01", "2028-01-01", "2030-01-01", "2031-01-01"]
    assert all(t.section == "Điều 11" for t in doc.targets)
    first = min(doc.targets, key=lambda t: t.deadline)
    assert first.indicator.startswith("Thực hiện vùng phát thải thấp thí điểm")


REGULATION = """ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA
Số: 12/2026/QĐ-UBND
Khánh Hòa, ngày 05 tháng 01 năm 2026
QUYẾT ĐỊNH
Ban hành Quy định hạn chế xe mô tô chạy xăng trong khu vực trung tâm
Điều 1. Phạm vi điều chỉnh
Quy định này áp dụng với xe có tải trọng trên 3.500 kg và thời hạn 10 ngày làm việc.
Điều 2. Lộ trình áp dụng
1. Từ ngày 01/7/2027: Hạn chế xe mô tô chạy xăng trong khu vực phường Nha Trang.
2. Trước ngày 01/01/2030:
a) Kể từ ngày 01 tháng 01 năm 2028 đến hết ngày 31 tháng 12 năm 2029: Mở rộng khu vực hạn chế ra các phường ven biển;
b) Khuyến khích các xã tự lập khu vực hạn chế.
Điều 3. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 15 tháng 01 năm 2026.
"""


def test_constructed_roadmap():
    """A constructed regulation: numeric and written dates, "Từ ngày" and "Kể từ ngày";
    the same lines under another heading give nothing (a regulation states rules)."""
    doc = from_text(REGULATION)
    assert _deadlines(doc) == ["2027-07-01", "2028-01-01"]
    assert all(t.section == "Điều 2" for t in doc.targets)
    assert not any(t.value for t in doc.targets)
    other = from_text(REGULATION.replace("Lộ trình áp dụng", "Biện pháp áp dụng"))
    assert not other.targets


def test_letter_dated_commitments(extracted):
    """4240/UBND-VX: "hoàn thành 100% việc cập nhật lý lịch … trước ngày 06 tháng 12 năm
    2025" (a number due by its own date); the earlier letter's "trước ngày 30 tháng 10 năm
    2025" is past.  10989/BNV-TCBC: "gửi về Bộ Nội vụ trước ngày 26/11/2025"."""
    doc = extracted(CORPUS / "web/033_4240-ubnd-vx.md")
    pct = [t for t in doc.targets if t.kind == "percent"]
    assert [(t.value, t.deadline, t.section) for t in pct] == [(100, "2025-12-06", "1")]
    assert "2025-10-30" not in {t.deadline for t in doc.targets}
    assert "2025-11-26" in _deadlines(extracted(CORPUS / "web/017_10989-bnv-tcbc.md"))


LETTER = """BỘ TÀI CHÍNH
Số: 4321/BTC-NSNN
V/v báo cáo tình hình giải ngân vốn đầu tư công
Hà Nội, ngày 10 tháng 11 năm 2025
Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
Thực hiện Công văn số 100/BTC-NSNN ngày 01/10/2025, các địa phương đã báo cáo trước ngày 15/10/2025.
Mức thuế suất 10% áp dụng đối với hàng hóa, dịch vụ theo quy định; lãi suất không vượt quá 5%.
Đề nghị các địa phương giải ngân đạt 95% kế hoạch vốn trước ngày 31/12/2025.
Các địa phương gửi báo cáo về Bộ Tài chính trước ngày 20 tháng 11 năm 2025.
"""


def test_constructed_letter():
    """A constructed letter: its number due by a date and its dated task count; the rates
    it explains, and a date before the letter, do not."""
    doc = from_text(LETTER)
    assert doc.meta.doc_type == "Công văn"
    assert "2025-11-20" in _deadlines(doc) and "2025-10-15" not in _deadlines(doc)
    pct = {(t.value, t.deadline) for t in doc.targets if t.kind == "percent"}
    assert pct == {(95, "2025-12-31")}
