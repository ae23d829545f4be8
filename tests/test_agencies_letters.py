"""Letters (Công văn): the bodies the document's own issuer asks or orders in its sentences
("Bộ Nội vụ đề nghị Ủy ban nhân dân các tỉnh, thành phố triển khai …": requested; "… yêu
cầu …": responsible); another body's request the letter reports is not its own."""

from conftest import ROOT

import pipeline
from pipeline.evaluate import fold_org


def _roles(doc):
    return {fold_org(a.name): a.role for a in doc.agencies}


def test_ministry_letter_asks_the_provinces(extracted):
    """11208/BNV-KHTC: "Bộ Nội vụ đề nghị Ủy ban nhân dân các tỉnh, thành phố triển khai thực
    hiện theo đúng quy định …" (the letter's addressees, asked)."""
    doc = extracted(ROOT / "corpus/web/048_11208-bnv-khtc.md")
    assert doc.meta.doc_type == "Công văn"
    assert _roles(doc) == {fold_org("Ủy ban nhân dân các tỉnh, thành phố"): "requested"}


def _letter(issuer_line, issuer, sentence):
    return (f"{issuer_line}\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 2846/SNV-TCBC\nV/v triển khai thực hiện chính sách năm 2026\n"
            "Quảng Trị, ngày 30 tháng 10 năm 2025\nKính gửi: Ủy ban nhân dân các xã, phường\n"
            f"Thực hiện Công văn số 9335/BNV-KHTC ngày 14/10/2025 của Bộ Nội vụ, {issuer} có ý kiến như sau:\n"
            "1. Bộ Tài chính đề nghị Ủy ban nhân dân tỉnh bố trí kinh phí theo quy định.\n"
            f"2. {sentence}\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\n")


def test_constructed_department_letter():
    """A department's letter (the form of the real one, at another level): its own "đề nghị"
    asks, its "yêu cầu" orders; the ministry's request it reports (item 1) is not its own."""
    asked = pipeline.from_text(_letter("UBND TỈNH QUẢNG TRỊ\nSỞ NỘI VỤ", "Sở Nội vụ",
                                       "Sở Nội vụ đề nghị Ủy ban nhân dân các xã, phường rà soát, báo cáo kết quả."))
    assert asked.meta.doc_type == "Công văn"
    got = _roles(asked)
    assert got.get(fold_org("Ủy ban nhân dân các xã, phường")) == "requested"
    assert fold_org("Ủy ban nhân dân tỉnh") not in got
    ordered = pipeline.from_text(_letter("UBND TỈNH QUẢNG TRỊ\nSỞ NỘI VỤ", "Sở Nội vụ",
                                         "Sở Nội vụ yêu cầu Ủy ban nhân dân các xã, phường rà soát, báo cáo kết quả."))
    assert _roles(ordered).get(fold_org("Ủy ban nhân dân các xã, phường")) == "responsible"


def test_plan_closing_request_adds_nothing(extracted):
    """A plan's closing "Ban chỉ đạo 138 tỉnh yêu cầu các Sở, ban ngành, đoàn thể cấp tỉnh …
    triển khai thực hiện Kế hoạch" is no charge of its own (the rule is for letters)."""
    got = _roles(extracted(ROOT / "corpus/seeds/003_01cad460861d4b6f.txt"))
    assert not any(k.startswith(fold_org("các Sở, ban ngành")) for k in got)
