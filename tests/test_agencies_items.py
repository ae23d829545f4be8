"""Bodies charged as the subject of numbered or lettered items in dispatches, notices of
conclusions, resolutions and directives (pipeline/stages/agencies/items.py)."""

from conftest import ROOT

import pipeline
from pipeline.evaluate import fold_org


def _roles(doc):
    return {fold_org(a.name): a.role for a in doc.agencies}


def test_notice_of_conclusions_items(extracted):
    """648/TB-VPCP: "N. Về …: Giao Bộ X chủ trì …" items, and "Các Bộ, cơ quan: Tài chính, …,
    Tập đoàn Điện lực Việt Nam theo chức năng …" (the head goes to each branch, a branch
    naming a body keeps its name)."""
    got = _roles(extracted(ROOT / "corpus/web/008_648-tb-vpcp.md"))
    for name in ("Bộ Nội vụ", "Bộ Ngoại giao", "Bộ Công Thương", "Tập đoàn Điện lực Việt Nam",
                 "Bộ Văn hóa, Thể thao và Du lịch"):
        assert fold_org(name) in got, name
    assert got[fold_org("Bộ Tài chính")] == "lead"
    assert not any("tap doan dien luc" in k and k != fold_org("Tập đoàn Điện lực Việt Nam") for k in got)


def test_notice_items_later_clause_and_verbs(extracted):
    """634/TB-VPCP: the subject of a later clause ("…; Bộ Khoa học và Công nghệ hướng dẫn …"),
    names ending before their verb ("… Việt Nam làm việc cụ thể với …")."""
    got = _roles(extracted(ROOT / "corpus/bulk/030_634-tb-vpcp.md"))
    for name in ("Bộ Xây dựng", "Ủy ban nhân dân tỉnh Thanh Hóa", "Bộ Khoa học và Công nghệ",
                 "Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam", "Bộ Nội vụ"):
        assert fold_org(name) in got, name
    assert not any("lam viec" in k for k in got)


def test_resolution_lettered_items(extracted):
    """380/NQ-CP: "a) Bộ Tài chính tiếp tục …", "b) Bộ Công Thương:" (duties below), and one
    committee head for several places ("Ủy ban nhân dân thành phố Hà Nội, …, và tỉnh Quảng Ninh")."""
    got = _roles(extracted(ROOT / "corpus/bulk/144_380-nq-cp.md"))
    for name in ("Bộ Công Thương", "Ngân hàng Nhà nước Việt Nam", "Ngân hàng Chính sách xã hội",
                 "Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân tỉnh Quảng Ninh",
                 "Liên minh Hợp tác xã Việt Nam", "Bộ Y tế"):
        assert fold_org(name) in got, name


def test_directive_lettered_headings(extracted):
    """010/CT-UBND: "c) Sở Khoa học và Công nghệ" on a line of its own, duties below."""
    got = _roles(extracted(ROOT / "corpus/bulk/097_010-ct-ubnd.md"))
    for name in ("Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Xây dựng"):
        assert got.get(fold_org(name)) == "responsible", name


DISPATCH = """THỦ TƯỚNG CHÍNH PHỦ
Số: 99/CĐ-TTg
CÔNG ĐIỆN
Về việc khắc phục hậu quả mưa lũ
1. Về hỗ trợ giống cây trồng: giao Bộ Nông nghiệp và Môi trường chủ trì, phối hợp với các cơ quan liên quan tổng hợp nhu cầu.
2. Về bảo đảm giao thông:
a) Ủy ban nhân dân tỉnh Lào Cai, tỉnh Yên Bái và thành phố Hải Phòng khẩn trương khắc phục sạt lở.
b) Bộ Quốc phòng:
- Điều động lực lượng hỗ trợ người dân.
3. Về tín dụng: Ngân hàng Nhà nước Việt Nam chỉ đạo các tổ chức tín dụng giãn nợ; Bộ Y tế bảo đảm thuốc men.
4. Về kinh phí: đề nghị các Tập đoàn: Điện lực Việt Nam, Bưu chính Viễn thông Việt Nam khôi phục hạ tầng.
"""


def test_constructed_dispatch_items():
    """A constructed dispatch: each item form gives its body, with its role."""
    got = _roles(pipeline.from_text(DISPATCH))
    assert got.get(fold_org("Bộ Nông nghiệp và Môi trường")) == "lead"
    for name in ("Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Yên Bái",
                 "Ủy ban nhân dân thành phố Hải Phòng", "Bộ Quốc phòng", "Ngân hàng Nhà nước Việt Nam",
                 "Bộ Y tế"):
        assert got.get(fold_org(name)) == "responsible", name
    assert got.get(fold_org("Tập đoàn Điện lực Việt Nam")) == "requested"


def test_item_subjects_need_a_verb_or_a_heading_line():
    """A wrapped line ("b) Bộ Xây dựng, Bộ Quốc phòng các tỉnh Ninh Bình,") or a plan's items
    (the plan's own layout rules apply there) give no item subject."""
    text = DISPATCH.replace("b) Bộ Quốc phòng:\n", "b) Bộ Quốc phòng các tỉnh Ninh Bình,\nHưng Yên khắc phục.\n")
    got = _roles(pipeline.from_text(text))
    assert not any("ninh binh" in k for k in got)
    plan = DISPATCH.replace("CÔNG ĐIỆN", "KẾ HOẠCH").replace("/CĐ-TTg", "/KH-UBND")
    assert fold_org("Ngân hàng Nhà nước Việt Nam") not in _roles(pipeline.from_text(plan))
