"""Documents that charge bodies item by item (notices, resolutions, dispatches, directives):
items numbered "(1)", "(2)"; dash items naming a body ("- Bộ Công Thương", its duties below as
"+" bullets, or "- Ngân hàng Nhà nước Việt Nam rà soát …"); and "X có trách nhiệm …", a duty."""

from conftest import ROOT

import pipeline
from pipeline.evaluate import fold_org


def _roles(doc):
    return {fold_org(a.name): a.role for a in doc.agencies}


def test_parenthesised_items_of_a_notice(extracted):
    """637/TB-VPCP: "(1) Bộ Y tế chỉ đạo …", "(3) Bộ Công an tiếp tục …", "(6) Ủy ban nhân dân
    tỉnh Ninh Bình theo chức năng … chỉ đạo …"."""
    got = _roles(extracted(ROOT / "corpus/blind/103_637-tb-vpcp.md"))
    for name in ("Bộ Y tế", "Bộ Công an", "Bộ Xây dựng", "Bộ Tài chính", "Ủy ban nhân dân tỉnh Ninh Bình"):
        assert got.get(fold_org(name)) == "responsible", name


def test_parenthesised_items_variant():
    """The "(1)" items of a dispatch (as 220/CĐ-TTg II.2.b); a footnote-like "(1)" line of
    a plan is not read item by item."""
    body = ("I. NHIỆM VỤ\n1. Các Bộ khẩn trương khắc phục bất cập, cụ thể:\n"
            "(1) Bộ Tư pháp kịp thời khắc phục tình trạng chậm, lỗi của Hệ thống đăng ký hộ tịch.\n"
            "(2) Bộ Nội vụ hoàn thành kết nối Cơ sở dữ liệu người có công.\n")
    got = _roles(pipeline.from_text("CÔNG ĐIỆN\nVề cải cách thủ tục hành chính\n" + body))
    assert got.get(fold_org("Bộ Tư pháp")) == "responsible"
    assert got.get(fold_org("Bộ Nội vụ")) == "responsible"


def test_dash_items_of_a_resolution(extracted):
    """394/NQ-CP III.2: "- Bộ Công Thương" / "+ Ban hành …", "- Ngân hàng Nhà nước Việt Nam rà
    soát …", "- Đề nghị Mặt trận Tổ quốc Việt Nam tại địa phương" (requested); "- Chỉ đạo Mặt
    trận …" bullets and the "Nơi nhận" dashes give no body of their own."""
    doc = extracted(ROOT / "corpus/blind/107_394-nq-cp.md")
    got = _roles(doc)
    for name in ("Bộ Công Thương", "Bộ Xây dựng", "Bộ Giáo dục và Đào tạo", "Ngân hàng Nhà nước Việt Nam",
                 "Bộ Văn hóa, Thể thao và Du lịch"):
        assert got.get(fold_org(name)) == "responsible", name
    assert got.get(fold_org("Mặt trận Tổ quốc Việt Nam tại địa phương")) == "requested"
    assert not any(k.startswith(fold_org("Chỉ đạo")) for k in got)
    assert fold_org("Văn phòng Quốc hội") not in got       # a recipient only


def test_dash_items_variant():
    text = ("THÔNG BÁO\nKết luận của Phó Thủ tướng\n1. Về hoàn thiện thể chế\n"
            "- Bộ Tư pháp\n+ Rà soát, hoàn thiện quy định về hộ tịch.\n"
            "- Bộ Khoa học và Công nghệ đã làm việc với các doanh nghiệp.\n"
            "- Thanh tra Chính phủ hướng dẫn các bộ, ngành thực hiện.\n")
    got = _roles(pipeline.from_text(text))
    assert got.get(fold_org("Bộ Tư pháp")) == "responsible"
    assert got.get(fold_org("Thanh tra Chính phủ")) == "responsible"
    assert fold_org("Bộ Khoa học và Công nghệ") not in got      # a finding ("đã"), no duty


def test_co_trach_nhiem_is_a_duty(extracted):
    """"d) Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam … có trách nhiệm tăng cường …"
    (394/NQ-CP) and "1. Ủy ban nhân dân Thành phố có trách nhiệm sau đây:" (57/2025/NQ-HĐND)."""
    got = _roles(extracted(ROOT / "corpus/blind/107_394-nq-cp.md"))
    assert got.get(fold_org("Đài Truyền hình Việt Nam")) == "responsible"
    assert got.get(fold_org("Đài Tiếng nói Việt Nam")) == "responsible"
    got = _roles(extracted(ROOT / "corpus/bulk/204_57-2025-nq-hdnd.md"))
    assert got.get(fold_org("Ủy ban nhân dân Thành phố")) == "responsible"


def test_co_without_duty_is_a_scope():
    text = ("NGHỊ QUYẾT\nVề chính sách hỗ trợ\nĐiều 1. Đối tượng\n"
            "1. Sở Tài chính có trách nhiệm tổng hợp nhu cầu kinh phí.\n"
            "2. Trung tâm Dịch vụ việc làm có đủ điều kiện được hỗ trợ theo Nghị quyết này.\n")
    got = _roles(pipeline.from_text(text))
    assert got.get(fold_org("Sở Tài chính")) == "responsible"
    assert fold_org("Trung tâm Dịch vụ việc làm") not in got
