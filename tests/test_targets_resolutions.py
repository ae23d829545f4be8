"""Government resolutions (number code "NQ-CP", ``task_number_codes`` in data/targets.yaml)
charge ministries and provinces with tasks: their dated tasks count anywhere in the body, as
a notice's do.  Council resolutions (NQ-HĐND) keep the default (only target sections)."""

from conftest import CORPUS

from pipeline import from_text


def _dated(doc):
    return sorted((t.section, t.deadline) for t in doc.targets if t.kind == "deadline")


def test_government_resolution_movement(extracted):
    """394/NQ-CP (exported without its header; the number from its appendix line): the Law
    on emulation "hoàn thành trước ngày 01 tháng 01 năm 2027" (III.1), the action plans
    "Trước ngày 31 tháng 12 năm 2025" and the yearly report "Trước ngày 15 tháng 12 hàng
    năm" (IV.1, annual); the "Mục tiêu" numbers stay as before."""
    doc = extracted(CORPUS / "blind/107_394-nq-cp.md")
    assert doc.meta.number == "394/NQ-CP"
    assert _dated(doc) == [("III.1", "2027-01-01"), ("IV.1", "2025-12-31"), ("IV.1", "annual")]
    task = next(t for t in doc.targets if t.deadline == "2025-12-31")
    assert "ban hành chương trình, kế hoạch hành động" in task.quote
    assert sum(t.kind == "percent" for t in doc.targets) == 10


def test_government_resolution_storm_relief(extracted):
    """380/NQ-CP: the damage report "gửi Bộ Tài chính … trước ngày 08 tháng 12 năm 2025"
    (II.5); the support window "Thời gian hỗ trợ: Từ nay đến hết ngày 31 tháng 12 năm
    2025" (I.2) is no task."""
    doc = extracted(CORPUS / "bulk/144_380-nq-cp.md")
    dated = _dated(doc)
    assert ("II.5", "2025-12-08") in dated
    assert not any(s == "I.2" for s, _ in dated)
    assert not any("Thời gian hỗ trợ" in t.quote for t in doc.targets)


BODY = """Hà Nội, ngày 20 tháng 11 năm 2025
NGHỊ QUYẾT
Về việc bảo vệ môi trường nông thôn
QUYẾT NGHỊ:
I. NHIỆM VỤ, GIẢI PHÁP
1. Sở Nông nghiệp và Môi trường rà soát các bãi chôn lấp rác thải, hoàn thành trước ngày 31 tháng 3 năm 2026.
2. Trước ngày 31 tháng 12 năm 2025, các xã xây dựng kế hoạch thu gom rác thải.
II. TỔ CHỨC THỰC HIỆN
Thời gian áp dụng: Từ nay đến hết ngày 31 tháng 12 năm 2026.
"""
COUNCIL = "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI\nSố: 99/2025/NQ-HĐND\n" + BODY
GOVERNMENT = "CHÍNH PHỦ\nSố: 999/NQ-CP\n" + BODY


def test_council_resolution_gives_nothing_new():
    """The same constructed text: as a council resolution its dated lines are rules' dates
    (no target section: nothing); as a Government resolution they are two dated tasks,
    and the window "Từ nay đến hết …" none."""
    council = from_text(COUNCIL)
    assert council.meta.number == "99/2025/NQ-HĐND"
    assert not council.targets
    gov = from_text(GOVERNMENT)
    assert gov.meta.number == "999/NQ-CP"
    assert _dated(gov) == [("I", "2025-12-31"), ("I", "2026-03-31")]    # (one-sentence items)
