"""Vietnamese number parsing (pipeline/numbers.py)."""
import pytest

from pipeline.text.numbers import NUMBER_RE, parse_number, parse_words, tidy, to_number


@pytest.mark.parametrize("text, value", [
    ("2.700", 2700), ("1.000.000", 1_000_000), ("04", 4), ("1,5", 1.5), ("32,2", 32.2),
    ("100", 100), ("0", 0), ("2.700,5", 2700.5), ("32.2", 32.2), ("1,000,000", 1_000_000),
    ("  70 ", 70),
])
def test_digits(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "12/2025", "3G", "1.2.3", "-"])
def test_not_digits(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text, value", [
    ("một", 1), ("hai", 2), ("ba", 3), ("bốn", 4), ("năm", 5), ("mười", 10),
    ("mười lăm", 15), ("hai mươi", 20), ("hai mươi lăm", 25), ("hai mươi mốt", 21),
    ("ba mươi tư", 34), ("một trăm", 100), ("một trăm linh năm", 105), ("trăm", 100),
    ("ba nghìn", 3000), ("hai triệu", 2_000_000), ("Một", 1), ("mười rưỡi", 10.5),
])
def test_words(text, value):
    assert parse_words(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "hai ba", "mươi", "một hình thức", "tháng"])
def test_not_words(text):
    assert parse_words(text) is None


def test_to_number_takes_either():
    assert to_number("02") == 2 and to_number("hai") == 2 and to_number("lớp") is None


def test_number_re_skips_document_numbers_and_dates():
    text = "Quyết định số 2060/QĐ-UBND ngày 01/11/2021; 70% số xã; 2.700 cuốn; mạng 5G; 1,5 lần"
    found = [m.group() for m in NUMBER_RE.finditer(text)]
    assert "2060" not in found and "01" not in found and "5" not in found
    assert {"70", "2.700", "1,5"} <= set(found)


def test_tidy():
    assert tidy(4.0) == 4 and isinstance(tidy(4.0), int)
    assert tidy(1.5) == 1.5 and tidy(None) is None


def test_number_rest_matches_as_number():
    """``\\d`` + NUMBER_REST (the form the percent and count patterns start with, a
    look-behind after the first digit) finds the same numbers as ``(?:NUMBER)`` behind
    the same look-behind, in numbers of every shape and in the text around them."""
    import re

    from pipeline.text.numbers import NUMBER, NUMBER_REST
    old = re.compile(rf"(?<![\w.,/-])(?:{NUMBER})")
    new = re.compile(rf"\d(?<![\w.,/-]\d){NUMBER_REST}")
    text = ("2.700 người, 1.000.000 đồng; 1,5 lần 32.2% 04 lớp/năm 100-200 x12 3.4.5 "
            "1,000,000 7. 8, 9/10 ٣٤ 12.345,6 a1 -5 .5 20.000.00 1.2345")
    found = [m.span() for m in old.finditer(text)]
    assert len(found) > 10
    assert [m.span() for m in new.finditer(text)] == found
    for pos in range(len(text)):
        assert [m.span() for m in new.finditer(text, pos)] == [m.span() for m in old.finditer(text, pos)]
