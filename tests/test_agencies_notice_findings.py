"""Notices and dispatches: an appendix that restates other documents' tasks for follow-up
gives its "Cơ quan chủ trì" column no lead of this document; a body stating a finding
("Ban Chỉ đạo … thẳng thắn chỉ ra những hạn chế") is given no duty."""

import pytest
from conftest import ROOT

import pipeline
from pipeline.evaluate import fold_org


def _roles(doc):
    return {fold_org(a.name): a.role for a in doc.agencies}


def test_notice_appendix_table_gives_no_lead(extracted):
    """624/TB-VPCP: "d) Bộ Nội vụ tham mưu …", "g) Bộ Y tế xây dựng …" (items of III) are
    responsible; the appendix tables (overdue tasks of other documents) name them again
    under "Cơ quan chủ trì thực hiện"; and no finding is a body."""
    got = _roles(extracted(ROOT / "corpus/web/023_624-tb-vpcp.md"))
    for name in ("Bộ Nội vụ", "Bộ Y tế", "Bộ Xây dựng", "Các bộ, ngành, địa phương"):
        assert got[fold_org(name)] == "responsible", name
    assert not any("thẳng thắn" in k for k in got)


def _variant(kind):
    text = (f"{kind}\nKết luận của Phó Thủ tướng Chính phủ\nI. KẾT LUẬN\n"
            "1. Bộ Y tế hoàn thành 04 cơ sở dữ liệu chuyên ngành trong tháng 12 năm 2025.\n"
            "2. Bộ Nội vụ tham mưu ban hành văn bản hướng dẫn.\n"
            "PHỤ LỤC I\nCÁC NHIỆM VỤ CHẬM TIẾN ĐỘ\n"
            "| STT | Nội dung nhiệm vụ | Văn bản giao nhiệm vụ | Cơ quan chủ trì thực hiện | Thời hạn hoàn thành |\n"
            "|---|---|---|---|---|\n"
            "| 1 | Hoàn thành 04 CSDL ngành Y tế | Thông báo số 46-TB/TGV ngày 30/09/2025 | Bộ Y tế | 31/10/2025 |\n"
            "| 2 | Ban hành Chiến lược dữ liệu | Thông báo số 44-TB/TGV ngày 12/9/2025 | Bộ Nội vụ | 30/09/2025 |\n")
    return _roles(pipeline.from_text(text))


@pytest.mark.parametrize("kind", ["THÔNG BÁO", "CÔNG ĐIỆN"])
def test_notice_appendix_table_variant(kind):
    got = _variant(kind)
    assert got == {fold_org("Bộ Y tế"): "responsible", fold_org("Bộ Nội vụ"): "responsible"}


def test_plan_appendix_table_keeps_its_leads():
    """A plan's own appendix of tasks: "chủ trì" there is lead (ANNOTATION.md)."""
    assert set(_variant("KẾ HOẠCH").values()) == {"lead"}


def test_finding_is_no_duty():
    text = ("THÔNG BÁO\nKết luận của Thủ tướng\nI. KẾT QUẢ\n"
            "1. Về kết quả đạt được: Ban Chỉ đạo của Chính phủ ghi nhận, biểu dương những kết quả, bất cập của các bộ.\n"
            "II. NHIỆM VỤ\n1. Bộ Tài chính khẩn trương trình Chính phủ.\n"
            "2. Về tồn tại, hạn chế: Hội đồng thi đua của Bộ Nội vụ thẳng thắn chỉ ra những hạn chế, bất cập "
            "cần khắc phục: (1) chậm.\n")
    assert _roles(pipeline.from_text(text)) == {fold_org("Bộ Tài chính"): "responsible"}
