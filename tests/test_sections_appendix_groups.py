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
