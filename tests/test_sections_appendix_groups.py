"""Group rows of an appendix task table ("I<TAB>Hoàn thiện thể chế …" alone on its row) are the
appendix's Roman sections PL.I.I …, with their printed numbers (an excerpt may skip groups)."""

from conftest import CORPUS

from pipeline import from_text


def _paths(doc):
    return [s.path for s in doc.sections if s.path.startswith("PL")]


def test_lower_case_group_rows(extracted):
    """2820/QĐ-UBND and 2954/QĐ-UBND (PL.II): mixed-case group rows head PL.x.I, PL.x.II …"""
    got = _paths(extracted(CORPUS / "bulk/001_2820-qd-ubnd.md"))
    assert [p for p in got if p.count(".") == 2] == [f"PL.I.{r}" for r in ("I", "II", "III", "IV", "V", "VI")]
    assert {"PL.II.I", "PL.II.II"} <= set(_paths(extracted(CORPUS / "bulk/203_2954-qd-ubnd.md")))
    # a procedure appendix's "1." heading keeps its rows "I<TAB>Trường hợp …" inside it
    assert "PL.II.1" in _paths(extracted(CORPUS / "web/035_2916-qd-ubnd.md"))


def test_printed_group_numbers(extracted):
    """980/KH-UBND, an excerpt: groups I, II, VII, VIII keep their numbers."""
    got = _paths(extracted(CORPUS / "web/047_980-kh-ubnd.md"))
    assert {"PL.I.VII", "PL.I.VIII"} <= set(got) and "PL.I.III" not in got


def test_constructed_task_table():
    text = ("KẾ HOẠCH\n\nThực hiện chuyển đổi số năm 2026\n\nI. MỤC TIÊU\n\nHoàn thành các nhiệm vụ.\n\n"
            "PHỤ LỤC\n\nDANH MỤC NHIỆM VỤ\n\n| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
            "| I | Hoàn thiện thể chế | | |\n| 1 | Ban hành quy chế | Sở Tài chính | Quý I/2026 |\n"
            "| III | Phát triển hạ tầng số | | |\n| 1 | Nâng cấp mạng | Sở Khoa học và Công nghệ | Quý II/2026 |\n")
    doc = from_text(text)
    assert _paths(doc) == ["PL.I", "PL.I.I", "PL.I.III"]
    assert {(t.section, t.deadline) for t in doc.targets} == {("PL.I.I", "2026-Q1"), ("PL.I.III", "2026-Q2")}


def test_lettered_group_rows(extracted):
    """179/KH-UBND and 2914/QĐ-UBND: rows "A<TAB>PHÁT TRIỂN NỀN MÓNG …" in capitals head lettered
    groups of the appendix table, and the Roman rows under each restart at I (PL.I.A.I, PL.I.B.I)."""
    got = _paths(extracted(CORPUS / "bulk/201_179-kh-ubnd.md"))
    assert [p for p in got if p.count(".") == 2] == ["PL.I.A", "PL.I.B", "PL.I.C"]
    assert {"PL.I.A.I", "PL.I.A.IX", "PL.I.B.I", "PL.I.B.VII", "PL.I.C.I", "PL.I.C.VI"} <= set(got)
    got = _paths(extracted(CORPUS / "bulk/202_2914-qd-ubnd.md"))
    assert {"PL.I.A", "PL.I.A.I", "PL.I.A.IX", "PL.I.B", "PL.I.B.I"} <= set(got)


_LETTERED = ("| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
             "| A | NHIỆM VỤ CHUNG | | |\n| I | Hoàn thiện thể chế | | |\n"
             "| 1 | Ban hành quy chế | Sở Tài chính | Quý I/2026 |\n"
             "| B | NHIỆM VỤ CỦA NGÀNH | | |\n| I | Phát triển hạ tầng số | | |\n"
             "| 1 | Nâng cấp mạng | Sở Khoa học và Công nghệ | Quý II/2026 |\n")


def test_constructed_lettered_task_table():
    text = ("KẾ HOẠCH\n\nThực hiện chuyển đổi số năm 2026\n\nI. MỤC TIÊU\n\nHoàn thành các nhiệm vụ.\n\n"
            "PHỤ LỤC\n\nDANH MỤC NHIỆM VỤ\n\n" + _LETTERED)
    doc = from_text(text)
    assert _paths(doc) == ["PL.I", "PL.I.A", "PL.I.A.I", "PL.I.B", "PL.I.B.I"]
    assert {(t.section, t.deadline) for t in doc.targets} == {("PL.I.A.I", "2026-Q1"), ("PL.I.B.I", "2026-Q2")}


def test_lettered_rows_under_a_numbered_heading_stay_rows():
    """Under an appendix's "1." (or outside an appendix) the lettered rows are rows of its table."""
    text = ("KẾ HOẠCH\n\nThực hiện chuyển đổi số năm 2026\n\nI. MỤC TIÊU\n\nHoàn thành các nhiệm vụ.\n\n"
            "PHỤ LỤC\n\nDANH MỤC NHIỆM VỤ\n\nI. DANH MỤC\n\n" + _LETTERED)
    assert not any(".A" in p or ".B" in p for p in _paths(from_text(text)))


def _appendices(path):
    doc = from_text((CORPUS / path).read_text(encoding="utf-8"))
    return [(s.path, s.heading) for s in doc.sections if s.path.count(".") == 1 and s.path.startswith("PL.")]


def test_form_captions_head_appendices():
    """"Mẫu biểu số 01" / title / "(Kèm theo Kế hoạch số …)" after the signature: the caption
    heads the appendix (a budget plan's five forms; a regulation's award forms)."""
    assert _appendices("blind/104_0204-kh-ubnd.md") == [
        (f"PL.{r}", f"Mẫu biểu số 0{n}") for n, r in enumerate(["I", "II", "III", "IV", "V"], 1)]
    assert _appendices("bulk/152_71-2025-qd-ubnd.md") == [
        ("PL.I", "Mẫu số 01"), ("PL.II", "Mẫu số 02"), ("PL.III", "Mẫu số 03")]


def test_form_caption_without_attachment_line_is_no_appendix():
    # a blank form printed with the motto under its caption (no "(Kèm theo …)" line)
    doc = from_text((CORPUS / "bulk/134_4422-qd-bvhttdl.md").read_text(encoding="utf-8"))
    assert not [s for s in doc.sections if s.heading.startswith("Mẫu")]
    text = ("KẾ HOẠCH\nThu ngân sách\nI. MỤC TIÊU\nThu đạt dự toán.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n"
            "Mẫu biểu số 01\n\nDỰ BÁO MỘT SỐ CHỈ TIÊU\n\n{}\n\nSTT\tNội dung\n")
    line = "(Kèm theo Kế hoạch số 12/KH-UBND ngày 24/11/2025 của Ủy ban nhân dân tỉnh)"
    assert [s.heading for s in from_text(text.format(line)).sections if s.path.startswith("PL")] \
        == ["Mẫu biểu số 01"]
    assert [s.path for s in from_text(text.format("")).sections if s.path.startswith("PL")] == []
