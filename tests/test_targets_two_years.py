"""Two dated figures in one clause: each takes the year written nearest before it when the
years lead the figures ("năm 2025 đạt trên 8% và năm 2026 từ 10%"), and the year after it
when the years follow them ("50% vào năm 2025 và 70% vào năm 2030")."""

from conftest import CORPUS

from pipeline import from_text


def _dated(doc):
    return sorted((t.value, t.deadline) for t in doc.targets if t.unit == "%")


def test_growth_targets_of_two_years(extracted):
    """380/NQ-CP II.6: "tăng trưởng kinh tế cả năm 2025 đạt trên 8% và năm 2026 từ 10% trở lên"."""
    doc = extracted(CORPUS / "bulk/144_380-nq-cp.md")
    got = {(t.value, t.comparator, t.deadline) for t in doc.targets if t.section == "II.6" and t.unit == "%"}
    assert got == {(8, "more_than", "2025"), (10, "at_least", "2026")}


_PLAN = "KẾ HOẠCH\nPhát triển kinh tế số giai đoạn 2025 - 2030\nI. MỤC TIÊU\n2. Mục tiêu cụ thể\n"


def test_years_leading_the_figures_variant():
    doc = from_text(_PLAN + "- Tỷ trọng kinh tế số trong GRDP đến năm 2027 đạt 15%, đến năm 2030 đạt 25%.\n")
    assert _dated(doc) == [(15, "2027"), (25, "2030")]


def test_years_following_the_figures_stay():
    doc = from_text(_PLAN + "- Tỷ lệ hộ gia đình có cáp quang đạt 80% vào năm 2027 và 95% vào năm 2030.\n")
    assert _dated(doc) == [(80, "2027"), (95, "2030")]
