"""Issuers of cited numbers printed with no issuer, or with one of several: a joint number's
bodies ("…/TTLT-BNNPTNT-BKHĐT"), a body named in the sentence before the number whose
initials spell its code ("Cục Quản lý đất đai … (văn bản số 2001/QLĐĐ-…)"), the State Bank's
code, and a date whose year word is misprinted ("22 tháng 12 nám 2024")."""

from conftest import CORPUS

from pipeline import from_text


def _issuers(doc):
    return {c.number: c.issuer for c in doc.citations if c.number}


def test_joint_numbers_name_all_their_bodies(extracted):
    """"Thông tư liên tịch số 43/2015/TTLT-BNNPTNT-BKHĐT" (no issuer printed) and
    "07/2016/TTTLT-BYT-BTC- BLĐTBXH … của Bộ Y tế - Bộ Tài chính - …" (the first one read)."""
    assert _issuers(extracted(CORPUS / "bulk/144_380-nq-cp.md"))["43/2015/TTLT-BNNPTNT-BKHĐT"] == (
        "Bộ Nông nghiệp và Phát triển nông thôn, Bộ Kế hoạch và Đầu tư")
    assert _issuers(extracted(CORPUS / "bulk/031_2816-qd-ubnd.md"))["07/2016/TTTLT-BYT-BTC-BLĐTBXH"] == (
        "Bộ Y tế, Bộ Tài chính, Bộ Lao động - Thương binh và Xã hội")


def test_joint_numbers_variant():
    doc = from_text("KẾ HOẠCH\nI. MỤC TIÊU\nThực hiện Kế hoạch số 515/KH-BCA-BNN&MT về làm sạch dữ liệu đất đai "
                    "và Kế hoạch 01/KHPH-BCA-NHNNVN; Quyết định số 12/QĐ-BNN-KHCN.\n")
    got = _issuers(doc)
    assert got["515/KH-BCA-BNN&MT"] == "Bộ Công an, Bộ Nông nghiệp và Môi trường"
    assert got["01/KHPH-BCA-NHNNVN"] == "Bộ Công an, Ngân hàng Nhà nước Việt Nam"
    assert got["12/QĐ-BNN-KHCN"] is None          # "KHCN" is a unit, not a body of its own


def test_body_named_before_the_number(extracted):
    """624/TB-VPCP: "Cục Quản lý đất đai hướng dẫn … (văn bản số 2001/QLĐĐ-TKKKTTĐĐ …);
    Tài liệu … (văn bản số 2071/QLĐĐ-TKKKTTĐĐ …); Cục Chuyển đổi số hướng dẫn … (văn bản số
    1149/CĐS-TKNTS …)"; 2979/QĐ-UBND: "ý kiến của Sở Nội vụ tại các Văn bản: số 4104/SNV- …"."""
    got = _issuers(extracted(CORPUS / "web/023_624-tb-vpcp.md"))
    assert got["2001/QLĐĐ-TKKKTTĐĐ"] == got["2071/QLĐĐ-TKKKTTĐĐ"] == "Cục Quản lý đất đai"
    assert got["1149/CĐS-TKNTS"] == "Cục Chuyển đổi số"
    assert got["195/TTr-NHNN"] == "Ngân hàng Nhà nước Việt Nam"        # the code names it
    assert got["163-CV/ĐU"] is None                  # "ĐU": any Party committee
    got = _issuers(extracted(CORPUS / "bulk/014_2979-qd-ubnd.md"))
    assert got["4104/SNV-XDCQ&TCBC"] == got["5786/SNV-XDCQ&TCBC"] == "Sở Nội vụ tỉnh Hà Tĩnh"


def test_body_named_before_the_number_variant():
    text = ("KẾ HOẠCH\nI. MỤC TIÊU\nCục Quản lý chất lượng đã hướng dẫn (văn bản số 88/QLCL-VP ngày 02/3/2025). "
            "Bộ đã giao nhiệm vụ tại Công văn số 91/QLĐĐ-VP ngày 03/3/2025. "
            "Hội đồng nhân dân tỉnh đã thông qua Nghị quyết số 5/2025/NQ-HĐND ngày 04/3/2025.\n")
    got = _issuers(from_text(text))
    assert got["88/QLCL-VP"] == "Cục Quản lý chất lượng"
    assert got["91/QLĐĐ-VP"] is None                 # no body of those initials in its sentence
    assert got["5/2025/NQ-HĐND"] != "Hội đồng nhân dân"   # a kind of body, not a name


def test_misprinted_year_word_in_a_date(extracted):
    """624/TB-VPCP: "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 nám 2024 của Bộ Chính trị"."""
    c = next(c for c in extracted(CORPUS / "web/023_624-tb-vpcp.md").citations if c.number == "57-NQ/TW")
    assert (c.date, c.issuer) == ("2024-12-22", "Bộ Chính trị")
    doc = from_text("KẾ HOẠCH\nI. MỤC TIÊU\nThực hiện Chỉ thị số 05-CT/TW ngày 15 tháng 5 nàm 2016 "
                    "của Bộ Chính trị về đẩy mạnh học tập.\n")
    c = doc.citations[0]
    assert (c.date, c.issuer, c.title) == ("2016-05-15", "Bộ Chính trị", "về đẩy mạnh học tập")
