"""Regulations: an article headed by bodies' duties ("Điều 6. Thẩm quyền, trách nhiệm quản lý
nhà nước của các cơ quan, đơn vị liên quan: 1. Sở Nội vụ: … 2. …", "Điều 14. Trách nhiệm của
người đứng đầu cơ quan, đơn vị") charges the bodies its entries name; the "chủ trì" of a task
there makes no body the document's lead, and the executors of the closing article still count."""

from conftest import ROOT

import pipeline
from pipeline.evaluate import fold_org


def _roles(doc):
    return {fold_org(a.name): a.role for a in doc.agencies}


def test_regulation_duty_article_entries(extracted):
    """87/2025/QĐ-UBND (Bắc Ninh): Điều 6 "1. Sở Nội vụ:" and "2. Các cơ quan, đơn vị liên
    quan đến hoạt động của doanh nghiệp:" (each with lettered duties)."""
    got = _roles(extracted(ROOT / "corpus/bulk/061_87-2025-qd-ubnd.md"))
    assert got.get(fold_org("Sở Nội vụ")) == "responsible"
    assert got.get(fold_org("Các cơ quan, đơn vị liên quan đến hoạt động của doanh nghiệp")) == "responsible"


def test_regulation_duty_article_sentence_entry(extracted):
    """212/2025/QĐ-UBND (Hải Phòng): Điều 14 "Trách nhiệm của người đứng đầu cơ quan, đơn vị",
    entry 3 "Giám đốc các sở, ban, ngành, …; Chủ tịch Ủy ban nhân dân xã, phường, đặc khu xem
    xét áp dụng …"."""
    got = _roles(extracted(ROOT / "corpus/bulk/073_212-2025-qd-ubnd.md"))
    assert got.get(fold_org("Ủy ban nhân dân xã, phường, đặc khu")) == "responsible"
    assert any(k.startswith(fold_org("Giám đốc các sở, ban, ngành")) for k in got)


def test_duty_article_keeps_the_decision_lead(extracted):
    """3769/QĐ-UBND: "Điều 2. Trách nhiệm của Sở Nông nghiệp và Môi trường; Uỷ ban nhân dân
    các xã, phường" gives both bodies (a "Chủ trì, phối hợp …" task of the Sở does not make it
    the lead); "Điều 3. … Giao Văn phòng Ủy ban nhân dân tỉnh chủ trì …" keeps the lead."""
    got = _roles(extracted(ROOT / "corpus/bulk/093_3769-qd-ubnd.md"))
    assert got.get(fold_org("Sở Nông nghiệp và Môi trường")) == "responsible"
    assert got.get(fold_org("Ủy ban nhân dân các xã, phường")) == "responsible"
    assert got.get(fold_org("Văn phòng Ủy ban nhân dân tỉnh")) == "lead"


def test_duty_article_no_division_among_bracketed_bodies(extracted):
    """72/2025/QĐ-UBND: an entry of the Sở's own duties ("4. Chủ trì hiệp thương …, hoặc đề
    nghị Bộ Khoa học và Công nghệ (Cục Viễn thông) xem xét") charges no other body; the
    closing article's executors are still read (no agency is lost)."""
    got = _roles(extracted(ROOT / "corpus/bulk/102_72-2025-qd-ubnd.md"))
    assert fold_org("Cục Viễn thông") not in got
    assert fold_org("Ủy ban nhân dân các xã, phường") in got


def test_negation_ends_the_names():
    """"3. Văn phòng đăng ký đất đai không chịu trách nhiệm …" (130_95): the name stops at
    "không" (constructed on the real entry)."""
    text = ("QUYẾT ĐỊNH\nBan hành Quy chế phối hợp\n"
            "Điều 1. Phạm vi điều chỉnh\nQuy chế này quy định việc phối hợp.\n"
            "Điều 2. Trách nhiệm của Văn phòng đăng ký đất đai\n"
            "1. Văn phòng đăng ký đất đai chỉnh lý, cập nhật biến động vào hồ sơ địa chính.\n"
            "2. Văn phòng đăng ký đất đai không chịu trách nhiệm do việc các đơn vị phối hợp "
            "không cung cấp kịp thời các văn bản.\n"
            "Điều 3. Trách nhiệm của các cơ quan phối hợp\n1. Sở Tài chính: cung cấp thông tin.\n")
    names = [a.name for a in pipeline.from_text(text).agencies]
    assert "Văn phòng đăng ký đất đai" in names
    assert not any(n.endswith("không") for n in names)
    assert "Sở Tài chính" in names
