"""An amending act whose name lists the acts it amends with their numbers is one citation;
a cited number with no issuer written takes the body its code names ("75-TB/VPTW", the body
part of an official letter's "7683/VPCP-QHĐP")."""

from conftest import CORPUS

from pipeline import from_text


def _numbers(doc):
    return {c.number for c in doc.citations if c.number}


def test_amending_act_listing_numbered_laws(extracted):
    """2820/QĐ-UBND: "Luật sửa đổi, bổ sung … của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số
    27/2023/QH15, …": the amending act, not one citation per listed number."""
    doc = extracted(CORPUS / "bulk/001_2820-qd-ubnd.md")
    assert not {"27/2023/QH15", "29/2023/QH15", "32/2024/QH15"} & _numbers(doc)
    assert "31/2024/QH15" in _numbers(doc)          # cited on its own just before
    titles = [c.title for c in doc.citations if not c.number and "Nhà ở" in (c.title or "")]
    assert titles == ["Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở, "
                      "Luật Kinh doanh bất động sản và Luật Các tổ chức tín dụng"]


def test_amending_act_listing_numbered_laws_variant():
    text = ("QUYẾT ĐỊNH\nCăn cứ Luật Sửa đổi, bổ sung một số điều của Luật Quy hoạch số 21/2017/QH14 "
            "và Luật Đầu tư số 61/2020/QH14 ngày 29 tháng 11 năm 2024;\n"
            "Căn cứ Nghị định số 37/2019/NĐ-CP ngày 07 tháng 5 năm 2019 của Chính phủ;\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Ban hành Kế hoạch.\n")
    doc = from_text(text)
    assert _numbers(doc) == {"37/2019/NĐ-CP"}
    acts = [c for c in doc.citations if not c.number]
    assert [(c.title, c.date, c.role) for c in acts] == [
        ("Luật Sửa đổi, bổ sung một số điều của Luật Quy hoạch và Luật Đầu tư", "2024-11-29", "basis")]


def _issuers(doc):
    return {c.number: c.issuer for c in doc.citations if c.number}


def test_issuer_from_the_code(extracted):
    """648/TB-VPCP: a Central Party Office notice conveying the General Secretary's direction,
    a Government Office letter conveying the Prime Minister's; 624/TB-VPCP: ministries' letters."""
    got = _issuers(extracted(CORPUS / "web/008_648-tb-vpcp.md"))
    assert got["75-TB/VPTW"] == "Văn phòng Trung ương Đảng"
    assert got["7683/VPCP-QHĐP"] == "Văn phòng Chính phủ"
    got = _issuers(extracted(CORPUS / "web/023_624-tb-vpcp.md"))
    assert got["14902/BTC-KTN"] == "Bộ Tài chính"
    assert got["4577/BKHCN-CĐSQG"] == "Bộ Khoa học và Công nghệ"


def test_issuer_from_the_code_variant():
    text = ("THÔNG BÁO\nKết luận của Chủ tịch Ủy ban nhân dân tỉnh\n"
            "1. Thực hiện ý kiến chỉ đạo của Bộ trưởng tại Công văn số 5123/BYT-KCB ngày 02 tháng 10 "
            "năm 2025 và chỉ đạo của Thường trực Ban Bí thư tại Công văn số 120-CV/VPTW ngày 03/10/2025.\n"
            "2. Sở Y tế thực hiện theo Kế hoạch số 15/KH-UBND ngày 01/9/2025.\n")
    got = _issuers(from_text(text))
    assert got["5123/BYT-KCB"] == "Bộ Y tế"
    assert got["120-CV/VPTW"] == "Văn phòng Trung ương Đảng"
    assert got["15/KH-UBND"] != "Bộ Y tế"        # "KH" is a type code, not a body
