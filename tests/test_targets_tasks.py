"""Dated tasks in documents that charge bodies item by item: dispatches (Công điện) and
notices of conclusions (Thông báo) — ``task_doc_types`` in data/targets.yaml."""

from conftest import CORPUS

from pipeline import from_text


def _deadlines(doc):
    return sorted(t.deadline for t in doc.targets if t.kind == "deadline")


def test_notice_of_conclusions_dated_tasks(extracted):
    """634/TB-VPCP: "báo cáo Thủ tướng Chính phủ kết quả thực hiện trước ngày 31 tháng 12 năm
    2025", "… trong Quý I năm 2026"; the assessment's results ("ước đạt 8,19%") are no targets."""
    doc = extracted(CORPUS / "bulk/030_634-tb-vpcp.md")
    got = _deadlines(doc)
    assert {"2025-12-31", "2026-Q1", "2025-12-01", "2025-12-25", "2025-12"} <= set(got)
    assert all(t.section and t.section.startswith("III") for t in doc.targets)
    assert not any(t.value == 8.19 for t in doc.targets)


def test_dispatch_dated_tasks_and_aims(extracted):
    """234/CĐ-TTg: "hoàn thành chậm nhất trước ngày 31/12/2025"; 229/CĐ-TTg: "phấn đấu tăng
    trưởng cả nước năm 2025 trên 8%" (a comparator); 220/CĐ-TTg: its appendix tables of
    results give nothing."""
    got = _deadlines(extracted(CORPUS / "web/021_234-cd-ttg.md"))
    assert {"2025-12-31", "2026-01-31", "2025-12-03"} <= set(got)
    t229 = extracted(CORPUS / "web/018_229-cd-ttg.md").targets
    assert any(t.value == 8 and t.comparator == "more_than" and t.deadline == "2025" for t in t229)
    t220 = extracted(CORPUS / "web/011_220-cd-ttg.md").targets
    assert t220 and not any((t.section or "").startswith("PL") for t in t220)


NOTICE = """VĂN PHÒNG CHÍNH PHỦ
Số: 999/TB-VPCP
Hà Nội, ngày 20 tháng 11 năm 2025
THÔNG BÁO
Kết luận của Phó Thủ tướng tại buổi làm việc với tỉnh Hòa Bình
I. ĐÁNH GIÁ CHUNG
Tăng trưởng kinh tế 10 tháng ước đạt 7,5%, thu ngân sách tăng 12%.
II. NHIỆM VỤ THỜI GIAN TỚI
1. Về hạ tầng: giao Bộ Xây dựng rà soát, báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 12 năm 2025.
2. Về giáo dục: Ủy ban nhân dân tỉnh hoàn thành việc sắp xếp trường lớp trong Quý II năm 2026.
3. Tỉnh phấn đấu tăng trưởng năm 2026 đạt trên 9%.
"""


def test_constructed_notice():
    """A constructed notice: dated tasks and a compared aim count, results do not."""
    doc = from_text(NOTICE)
    assert {"2025-12-15", "2026-Q2"} <= set(_deadlines(doc))
    values = {t.value for t in doc.targets if t.kind == "percent"}
    assert 9 in values and 7.5 not in values and 12 not in values
    # the same lines in a decree (not a task document) give nothing
    decree = from_text(NOTICE.replace("THÔNG BÁO", "NGHỊ ĐỊNH").replace("/TB-VPCP", "/2025/NĐ-CP"))
    assert not [t for t in decree.targets if t.kind == "deadline"]
