"""A document numbered only "1.", "2." at the top (a dispatch, an official letter: no Roman
heading, article or part anywhere) gives sections "1", "2" … whatever its paragraphs look
like (corpus/ANNOTATION.md); the same paragraphs under a Roman heading stay list items."""

from conftest import CORPUS

from pipeline import from_text


def _top(doc):
    return [s.path for s in doc.sections]


def test_dispatch_numbered_at_the_top(extracted):
    """229/CĐ-TTg (portal export): four one-paragraph duties, each ending with a full stop."""
    doc = extracted(CORPUS / "web/018_229-cd-ttg.md")
    assert _top(doc) == ["1", "2", "3", "4"]
    assert doc.sections[3].heading.startswith("Văn phòng Chính phủ hướng dẫn")
    # the 8 % growth target sits in item 2
    assert {t.section for t in doc.targets if t.value == 8} == {"2"}


def test_official_letter_numbered_at_the_top(extracted):
    """11208/BNV-KHTC: an official letter whose two numbered paragraphs are its body."""
    assert _top(extracted(CORPUS / "web/048_11208-bnv-khtc.md")) == ["1", "2"]


_PARAGRAPHS = ("1. Các sở, ngành khẩn trương rà soát các nhiệm vụ được giao. Báo cáo kết quả "
               "trước ngày 15/12/2025.\n"
               "2. Ủy ban nhân dân các xã, phường tổ chức kiểm tra các công trình. Hoàn thành "
               "trong tháng 12/2025.\n"
               "3. Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc thực hiện./.\n")


def test_constructed_letter():
    text = ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\nSố: 12/UBND-KT\nQuảng Trị, ngày 01 tháng 12 năm 2025\n"
            "Kính gửi: Các sở, ngành; Ủy ban nhân dân các xã, phường.\n"
            "Để chủ động ứng phó với mưa lũ, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n" + _PARAGRAPHS)
    assert _top(from_text(text)) == ["1", "2", "3"]


def test_same_paragraphs_under_a_roman_heading_are_items():
    text = ("KẾ HOẠCH\nỨng phó mưa lũ năm 2025\nI. MỤC ĐÍCH, YÊU CẦU\nChủ động ứng phó.\n"
            "II. TỔ CHỨC THỰC HIỆN\n" + _PARAGRAPHS)
    assert _top(from_text(text)) == ["I", "II"]
