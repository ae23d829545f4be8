"""A decision whose attachments are appendices (a list of procedures, a scheme) keeps its own
articles as sections: the appendix's groups ("PHỤ LỤC I" / "I. Thủ tục hành chính cấp tỉnh",
"PHỤ LỤC" / "PHẦN I. DANH MỤC …") are no attached plan (corpus/ANNOTATION.md: "A decision
without an attached plan is divided by its articles"; appendix groups give "PL.I.I")."""

from conftest import CORPUS

from pipeline import from_text


def _paths(doc):
    return [s.path for s in doc.sections]


def test_procedure_appendix_keeps_articles(extracted):
    """1610/QĐ-TTPVHCC (PHỤ LỤC I with groups I/II, PHỤ LỤC II with parts A/B/C, "B." printed
    on one line with its "I. Lưu đồ …") and 2740/QĐ-UBND (PHỤ LỤC with PHẦN I/II)."""
    d1610 = extracted(CORPUS / "bulk/171_1610-qd-ttpvhcc.md")
    got = _paths(d1610)
    assert got[:4] == ["Điều 1", "Điều 2", "Điều 3", "Điều 4"]
    assert {"PL.I.I", "PL.I.II", "PL.II.A", "PL.II.B", "PL.II.C"} <= set(got)
    heads = {s.path: s.heading for s in d1610.sections}
    assert heads["PL.II.B"].startswith("PHƯƠNG ÁN TÁI CẤU TRÚC")
    d2740 = extracted(CORPUS / "bulk/207_2740-qd-ubnd.md")
    got = _paths(d2740)
    assert got[:4] == ["Điều 1", "Điều 2", "Điều 3", "Điều 4"]
    assert not any(p.isdigit() for p in got)          # Điều 3's clauses are no sections
    heads = {s.path: s.heading for s in d2740.sections}
    assert heads["PL.I.I"].startswith("PHẦN I. DANH MỤC") and heads["PL.I.II"].startswith("PHẦN II. NỘI DUNG")


DECISION = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: 999/QĐ-UBND
Hòa Bình, ngày 20 tháng 11 năm 2025
QUYẾT ĐỊNH
Về việc công bố thủ tục hành chính
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
QUYẾT ĐỊNH:
Điều 1. Công bố kèm theo Quyết định này 03 thủ tục hành chính.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn A
PHỤ LỤC
DANH MỤC THỦ TỤC HÀNH CHÍNH
(Kèm theo Quyết định số 999/QĐ-UBND ngày 20 tháng 11 năm 2025)
{groups}
"""


def test_constructed_decision_with_appendix_groups():
    """The same decision with its appendix grouped by Roman headings, by "PHẦN I." parts, or
    by a lettered part printed on one line with its first Roman heading."""
    roman = from_text(DECISION.format(groups="I. Thủ tục cấp tỉnh\n(1) Đăng ký đất đai.\n"
                                             "II. Thủ tục cấp xã\n(2) Đăng ký hộ tịch.\n"))
    assert _paths(roman)[:3] == ["Điều 1", "Điều 2", "Điều 3"]
    assert {"PL.I.I", "PL.I.II"} <= set(_paths(roman))
    parts = from_text(DECISION.format(groups="PHẦN I. DANH MỤC THỦ TỤC\n(1) Đăng ký đất đai.\n"
                                             "PHẦN II. NỘI DUNG THỦ TỤC\n(2) Đăng ký hộ tịch.\n"))
    assert _paths(parts)[:3] == ["Điều 1", "Điều 2", "Điều 3"]
    assert {"PL.I.I", "PL.I.II"} <= set(_paths(parts))
    glued = from_text(DECISION.format(groups="A. LÝ DO\nCần thiết.\nB. PHƯƠNG ÁN I. Lưu đồ quy trình\n"
                                             "Các bước.\nII. Mô tả quy trình\nBước 1.\n"
                                             "C. ĐÁNH GIÁ TÁC ĐỘNG\nI. Đối với người dân\nGiảm chi phí.\n"))
    assert {"PL.I.A", "PL.I.B", "PL.I.C"} <= set(_paths(glued))


def test_part_word_split_from_its_number(extracted):
    """A portal export breaks "**Phần I. DANH MỤC …**" after the part word ("**Phần" /
    "I. DANH MỤC …**"): the two lines are one heading, under a titled attachment whose title
    runs to 33 words (2665/QĐ-UBND) or under a PHỤ LỤC (5042/QĐ-BNNMT)."""
    d2665 = extracted(CORPUS / "bulk/080_2665-qd-ubnd.md")
    got = _paths(d2665)
    assert got[:4] == ["Điều 1", "Điều 2", "Điều 3", "PL.I"]
    heads = {s.path: s.heading for s in d2665.sections}
    assert heads["PL.I"].startswith("THỦ TỤC HÀNH CHÍNH NỘI BỘ") and heads["PL.I"].endswith("CẦN THƠ")
    assert heads["PL.I.I"].startswith("Phần I. DANH MỤC")
    assert heads["PL.I.II"].startswith("Phần II. NỘI DUNG")
    d5042 = extracted(CORPUS / "bulk/018_5042-qd-bnnmt.md")
    heads = {s.path: s.heading for s in d5042.sections}
    assert heads["PL.I.I"].startswith("PHẦN I. DANH MỤC THỦ TỤC")


ATTACHED = DECISION.split("PHỤ LỤC\n")[0] + """**{title}**
(Kèm theo Quyết định số 999/QĐ-UBND ngày 20 tháng 11 năm 2025)
**{part}
I. DANH MỤC THỦ TỤC HÀNH CHÍNH**
(1) Đăng ký đất đai.
**{part}
II. NỘI DUNG CỤ THỂ**
(2) Đăng ký hộ tịch.
"""
LONG_TITLE = ("THỦ TỤC HÀNH CHÍNH NỘI BỘ TRONG LĨNH VỰC ĐẤT ĐAI VÀ HỘ TỊCH THUỘC PHẠM VI CHỨC NĂNG "
              "QUẢN LÝ NHÀ NƯỚC CỦA ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH ÁP DỤNG TRÊN ĐỊA BÀN TỈNH")


def test_constructed_split_parts_under_a_long_title():
    """The same decision with a 37-word attachment title and its parts split after the part
    word, in either case; a part word before "PHỤ LỤC" is not joined to it."""
    assert len(LONG_TITLE.split()) > 30
    for part in ("Phần", "PHẦN"):
        doc = from_text(ATTACHED.format(title=LONG_TITLE, part=part))
        heads = {s.path: s.heading for s in doc.sections}
        assert _paths(doc)[:4] == ["Điều 1", "Điều 2", "Điều 3", "PL.I"]
        assert heads["PL.I.I"] == f"{part} I. DANH MỤC THỦ TỤC HÀNH CHÍNH"
        assert heads["PL.I.II"].startswith(f"{part} II. NỘI DUNG")
    doc = from_text(DECISION.split("PHỤ LỤC\n")[0] + "PHẦN\nPHỤ LỤC\nDANH MỤC THỦ TỤC HÀNH CHÍNH\n"
                    "(Kèm theo Quyết định số 999/QĐ-UBND ngày 20 tháng 11 năm 2025)\n")
    assert "PHẦN\nPHỤ LỤC" in doc.text
