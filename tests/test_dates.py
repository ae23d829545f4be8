"""Vietnamese dates and periods (pipeline.dates)."""
import pytest

from pipeline.text.dates import find_dates, parse_date, parse_period, year_of


@pytest.mark.parametrize("text, iso", [
    ("ngày 20 tháng 5 năm 2025", "2025-05-20"),
    ("20/5/2025", "2025-05-20"),
    ("01/11/2021", "2021-11-01"),
    ("TP. Bắc Kạn, ngày tháng 02 năm 2022", "2022-02"),
    ("Quảng Trị, ngày      tháng      năm 2022", "2022"),
    ("(hoàn thành Quý II/2020)", "2020-Q2"),
    ("quý 2 năm 2020", "2020-Q2"),
    ("dự kiến Quý IV/2020", "2020-Q4"),
    ("Quí IV-2025", "2025-Q4"),
    ("Tháng 3/2026", "2026-03"),
    ("tháng 3 năm 2026", "2026-03"),
    ("đến năm 2025", "2025"),
    ("ngày 15/6 năm 2023", "2023-06-15"),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_day_month_needs_default_year():
    assert parse_date("trước ngày 15/6") is None
    assert parse_date("trước ngày 15/6", default_year=2022) == "2022-06-15"
    assert parse_date("trước ngày 30 tháng 9", default_year=2022) == "2022-09-30"


def test_not_dates():
    assert parse_date("Số: 182/KH-UBND") is None
    assert parse_date("Nghị định số 178/2004/NĐ-CP") is None
    assert parse_date("ngày 32 tháng 13 năm 2022") != "2022-13-32"


def test_find_dates_offsets_and_no_overlap():
    text = "Quyết định số 1629/QĐ-TTg ngày 28/9/2021; hoàn thành trước ngày 15/6 và Quý IV/2024"
    found = list(find_dates(text, default_year=2022))
    assert [iso for _, _, iso in found] == ["2021-09-28", "2022-06-15", "2024-Q4"]
    for start, end, _ in found:
        assert text[start:end].strip() == text[start:end]
    assert text[found[0][0]:found[0][1]] == "28/9/2021"
    # the full date is one match, not also "năm 2025"
    assert list(find_dates("ngày 20 tháng 5 năm 2025")) == [(0, 24, "2025-05-20")]


@pytest.mark.parametrize("text, start, period", [
    ("giai đoạn 2022-2025", None, [2022, 2025]),
    ("giai đoạn 2016 - 2020", None, [2016, 2020]),
    ("Phòng, chống mại dâm trên địa bàn tỉnh Quảng Trị năm 2022", None, [2022, 2022]),
    ("2026-2030", None, [2026, 2030]),
    ("từ năm 2021 đến năm 2025", None, [2021, 2025]),
    ("đến năm 2030", 2025, [2025, 2030]),
    ("đến năm 2030", None, None),
    ("không có năm", 2025, None),
])
def test_parse_period(text, start, period):
    assert parse_period(text, start) == period


def test_year_of():
    assert year_of("2022-02") == 2022
    assert year_of("2020-Q2") == 2020
    assert year_of(None) is None


def test_dates_found_wherever_the_first_slash_is():
    """Day/month dates are looked for from the first "/" back (over the day's digits,
    white space and "ngày"): the same dates as a scan of the whole text."""
    from pipeline.text.dates import find_dates
    text = ("Số 12/KH-UBND. Trước ngày   15/6 gửi báo cáo; ngày 20/11 họp; 1/2; 123/4; "
            "ngày\u00a05/5/2025 và 30/4")
    found = list(find_dates(text, 2025))
    assert [iso for _, _, iso in found] == ["2025-06-15", "2025-11-20", "2025-02-01",
                                            "2025-05-05", "2025-04-30"]
    assert text[found[0][0]:found[0][1]] == "ngày   15/6"
    # the same dates, each on its own after text holding an earlier "/"
    for s, e, iso in found:
        assert (s + 3, e + 3, iso) in set(find_dates("a/ " + text, 2025))
