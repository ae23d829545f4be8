"""Numeric goals inside the directions of task documents (notices of conclusions, dispatches)
that have no "Mục tiêu"/"Chỉ tiêu" heading: a bare number their clause commits to
(``goal_cues``, a drafted count of legal documents, the whole of something due by a date of
its own clause), not the results, facts, requests and forecasts around them."""

from conftest import CORPUS, NOTICE_HEAD

from pipeline import from_text


def _numbers(doc):
    return [t for t in doc.targets if t.kind != "deadline"]


def _has(doc, value, unit=None, deadline=None, section=None):
    return any(t.value == value and (unit is None or t.unit == unit)
               and (deadline is None or t.deadline == deadline)
               and (section is None or (t.section or "").startswith(section)) for t in _numbers(doc))


def test_notice_directions_goals(extracted):
    """624/TB-VPCP: "phải đạt 90% trong năm 2025 (đến nay mới đạt 39,5%)", "(phấn đấu đạt
    500.000 thuê bao)", "Hoàn thành mục tiêu 100% TTHC … và 100% TTHC …", "Sửa đổi, bổ sung
    322 văn bản quy phạm pháp luật", "số hoá 100% dữ liệu văn bằng, chứng chỉ trong năm 2026"
    (and the task of that clause due earlier: "triển khai ngay trong tháng 12 năm 2025");
    the scope "hỗ trợ 6 thành phố trực thuộc Trung ương" and the result 39,5% are none."""
    doc = extracted(CORPUS / "web/023_624-tb-vpcp.md")
    assert _has(doc, 90, "%", "2025", "III.5")
    assert _has(doc, 500000, "thuê bao", "2026", "III.5")
    assert _has(doc, 100, "%", "2026", "III.5")
    assert _has(doc, 322, "văn bản quy phạm pháp luật", section="III.4")
    assert sum(t.value == 100 and t.section == "III.4" for t in _numbers(doc)) == 2
    assert not _has(doc, 39.5) and not _has(doc, 6)
    dated = [t for t in doc.targets if t.kind == "deadline" and t.section == "III.5"]
    assert any(t.deadline == "2025-12" and "triển khai ngay" in t.quote and "100%" in t.quote for t in dated)


def test_conclusions_goals_not_results(extracted):
    """623/TB-VPCP: "đạt được mục tiêu tăng trưởng kinh tế 8% trong năm 2025 của Tỉnh",
    "quyết tâm giải ngân 100% kế hoạch vốn năm 2025"; its assessment (GRDP 6,26%, revenue
    104,24% of the estimate, exports 116,8% of plan) gives nothing."""
    doc = extracted(CORPUS / "bulk/108_623-tb-vpcp.md")
    assert _has(doc, 8, "%", "2025", "II") and _has(doc, 100, "%", "2025", "II")
    assert all((t.section or "").startswith(("II", "III")) for t in doc.targets)
    assert not any(_has(doc, v) for v in (6.26, 6.9, 104.24, 85.63, 116.8, 42))


def test_dispatch_drafted_documents_and_dated_whole(extracted):
    """220/CĐ-TTg: "hoàn thành sửa đổi, bổ sung 485 văn bản quy phạm pháp luật", "hoàn thành
    ngay 319 VBQPPL", "Hoàn thành 100% TTHC … trong năm 2025"; its lead-in's results ("08 bộ,
    cơ quan đã sửa đổi, bổ sung … 13 văn bản", "(đạt 32,5%)") give nothing."""
    doc = extracted(CORPUS / "web/011_220-cd-ttg.md")
    assert _has(doc, 485, "văn bản quy phạm pháp luật", "2025")
    assert _has(doc, 319, "VBQPPL", "2025")
    assert _has(doc, 100, "%", "2025", "II.1")
    assert not _has(doc, 13) and not _has(doc, 32.5)


NOTICE = NOTICE_HEAD + """Kết luận của Phó Thủ tướng tại buổi làm việc với tỉnh Hòa Bình
I. ĐÁNH GIÁ CHUNG
Tăng trưởng 9 tháng năm 2025 đạt 6,5%; giải ngân vốn đầu tư công đạt 61,2% kế hoạch.
II. NHIỆM VỤ THỜI GIAN TỚI
1. Tập trung chỉ đạo để đạt được mục tiêu tăng trưởng kinh tế 9% trong năm 2026 của Tỉnh.
2. Đẩy mạnh giải ngân, quyết tâm giải ngân 100% kế hoạch vốn năm 2026.
3. Đôn đốc doanh nghiệp phủ sóng cáp quang, phải đạt 95% số thôn trong năm 2026 (đến nay mới đạt 40%).
4. Triển khai dịch vụ mới (phấn đấu đạt 20.000 thuê bao).
5. Sửa đổi, bổ sung 15 văn bản quy phạm pháp luật; hoàn thành mục tiêu 100% hồ sơ được số hoá và 100% thủ tục được thực hiện trực tuyến.
6. Sở Giáo dục và Đào tạo số hoá 100% học bạ trong năm 2026.
7. Về đề nghị hỗ trợ 6 huyện vùng cao: giải ngân đạt 70% kế hoạch, dự kiến tăng trưởng 7%.
8. Tỉnh đã quyết tâm giải ngân 90% kế hoạch vốn năm 2025; hoàn thành 100% hồ sơ trong năm 2024.
"""


def test_constructed_notice_goals():
    """Constructed variants of each goal form, and the numbers beside them that are none: a
    result of the assessment, "đến nay mới đạt", a request's scope, a measured result and a
    forecast, a goal stated as already met ("đã quyết tâm"), a whole due before the notice."""
    doc = from_text(NOTICE)
    got = {(t.value, t.unit, t.deadline) for t in _numbers(doc)}
    assert {(9, "%", "2026"), (100, "%", "2026"), (95, "%", "2026")} <= got
    assert _has(doc, 20000, "thuê bao", section="II")
    assert _has(doc, 15, "văn bản quy phạm pháp luật", section="II")
    assert sum(t.value == 100 and t.quote.startswith("Sửa đổi") for t in _numbers(doc)) == 2
    assert not any(_has(doc, v) for v in (6.5, 61.2, 40, 6, 70, 7, 90))
    assert not any(t.value == 100 and "2024" in t.quote for t in _numbers(doc))
    # the same lines in a decree (not a task document) give no such goals
    decree = from_text(NOTICE.replace("THÔNG BÁO", "NGHỊ ĐỊNH").replace("/TB-VPCP", "/2025/NĐ-CP"))
    assert not _numbers(decree)
