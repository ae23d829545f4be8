"""Dated tasks in documents that charge bodies item by item: dispatches (Công điện) and
notices of conclusions (Thông báo) — ``task_doc_types`` in data/targets.yaml."""

from conftest import CORPUS, NOTICE_HEAD

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


NOTICE = NOTICE_HEAD + """Kết luận của Phó Thủ tướng tại buổi làm việc với tỉnh Hòa Bình
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


def test_notice_review_and_appraisal_give_no_targets(extracted):
    """627/TB-VPCP: "I. ĐÁNH GIÁ CHUNG … Thời gian qua, … đã hoàn thành 08 nhiệm vụ … có kế
    hoạch hoàn thành năm 2025" reviews past work; 653/TB-VPCP: "a) Đánh giá cao nỗ lực … đã
    hoàn thành … mục tiêu tăng trưởng trên 8% năm 2025" appraises it.  Neither is a target;
    the tasks that follow are."""
    t627 = extracted(CORPUS / "bulk/071_627-tb-vpcp.md").targets
    assert t627 and all((t.section or "").startswith("III") for t in t627)
    t653 = extracted(CORPUS / "web/034_653-tb-vpcp.md").targets
    assert not any(t.value == 8 for t in t653)
    assert {"2025-11", "2025-12"} <= set(_deadlines(extracted(CORPUS / "web/034_653-tb-vpcp.md")))


REVIEW = NOTICE.replace(
    "II. NHIỆM VỤ THỜI GIAN TỚI",
    "II. Ý KIẾN KẾT LUẬN\n"
    "1. Về dự án cầu Hòa Bình\n"
    "a) Biểu dương Chủ đầu tư đã hoàn thành cầu và phấn đấu thông xe trên 95% tuyến trong năm 2025.\n"
    "b) Trong thời gian vừa qua, Sở Xây dựng đã hoàn thành giải phóng mặt bằng trước ngày 30 tháng 6 năm 2025.\n"
    "c) Đề nghị Sở Xây dựng hoàn thành nghiệm thu trước ngày 20 tháng 12 năm 2025.\n"
    "III. NHIỆM VỤ THỜI GIAN TỚI")


def test_constructed_notice_appraisal_and_review():
    """A constructed variant: an appraisal ("Biểu dương …") and a review ("Trong thời gian vừa
    qua, …") give nothing; the request after them ("Đề nghị … trước ngày 20/12") does."""
    doc = from_text(REVIEW)
    got = set(_deadlines(doc))
    assert "2025-12-20" in got and "2025-06-30" not in got
    assert not any(t.value == 95 for t in doc.targets)
