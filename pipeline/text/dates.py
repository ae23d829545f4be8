"""Vietnamese dates and periods to ISO strings, as precise as printed.

``parse_date("ngày 20 tháng 5 năm 2025") == "2025-05-20"``; a blank day gives
``"2022-02"``, a blank day and month ``"2022"``; quarters give ``"2020-Q2"``; months
``"2026-03"``.  ``find_dates(text)`` yields ``(start, end, iso)`` for every date in a
text; ``parse_period(text)`` reads "giai đoạn 2022-2025", "năm 2022", "đến năm 2030".
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Iterator, Optional

from pipeline import data
from pipeline.text.templates import fill

YEAR = r"(?:19|20)\d{2}"
DASH = r"\s*[-–—‐‑]\s*"
SP = r"[ \t\u00a0]+"
OSP = r"[ \t\u00a0]*"

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_BLANK = r"[ \t\u00a0._…]*"
_DATA = data.load("dates.yaml")
_WORDS = _DATA["words"]
_SOURCE = {**_WORDS, "sp": SP, "osp": OSP, "blank": _BLANK, "dash": DASH, "yyyy": YEAR}


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(fill(_DATA["patterns"][name], _SOURCE))


FULL_RE = _pattern("full")
# "20/5/2025", "01-11-2021", "20.5.2025" (the day's "\d{1,2}" written "\d\d?" with the
# look-behind at what precedes it after its first digit: the pattern starts with a digit,
# which the regex engine scans for, instead of being tried at every offset)
NUMERIC_RE = re.compile(
    rf"(?P<d>\d(?<![\d/.\-]\d)\d?)(?P<sep>[/.\-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>{YEAR})(?![\d/])")
DM_YEAR_RE = _pattern("day_month_year")
DAY_MONTH_WORDS_RE = _pattern("day_month_words")
QUARTER_RE = _pattern("quarter")
MONTH_RE = _pattern("month")
DAY_MONTH_RE = _pattern("day_month")
YEAR_RE = _pattern("year")

# periods
RANGE_RE = re.compile(rf"(?<!\d)(?P<a>{YEAR}){DASH}(?P<b>{YEAR})(?!\d)")
RANGE_WORDS_RE = _pattern("range_words")
UNTIL_RE = _pattern("until")
# the words each pattern needs (a pattern runs only on a text that holds them)
_DAY, _MONTH, _YEAR = _WORDS["day"], _WORDS["month"], _WORDS["year"]
_QUARTERS = tuple(_WORDS["quarter"])

# (start, end, iso, rank) of a date candidate; (start, end, month, day) of a day/month
Candidate = tuple[int, int, str, int]
DayMonth = tuple[int, int, int, int]


def _iso(y: int, m: Optional[int] = None, d: Optional[int] = None) -> Optional[str]:
    """ISO string as precise as the parts given; None for an impossible month/day."""
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not 1 <= d <= 31:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _int(s: Optional[str]) -> Optional[int]:
    return int(s) if s else None


def _quarter(q: str) -> int:
    return int(q) if q.isdigit() else ROMAN[q.lower()]


_DIGIT_RE = re.compile(r"\d")


def _matches(text: str, default_year: Optional[int] = None) -> list[Candidate]:
    """All date matches as (start, end, iso, rank); rank orders overlapping candidates.

    Every pattern needs a digit, and most a word ("tháng", "năm" ...): a pattern is only
    run when the text holds what it needs (``low`` is the lower-cased text; the words have
    no special case-folding, so ``in low`` is exactly what ``re.I`` would find).  The
    matches that do not depend on ``default_year`` are shared between calls."""
    if not _DIGIT_RE.search(text):
        return []
    has_year = "19" in text or "20" in text       # every pattern but day/month needs a year
    if not default_year and not has_year:
        return []
    short = len(text) <= 2000
    head, tail = ((_year_matches_cached if short else _year_matches)(text) if has_year
                  else ((), ()))
    out = list(head)
    if default_year:
        for s, e, m, d in (_day_month_cached if short else _day_month)(text):
            iso = _iso(default_year, m, d)
            if iso:
                out.append((s, e, iso, 3))
    out.extend(tail)
    return out


def _year_matches(text: str) -> tuple[tuple[Candidate, ...], tuple[Candidate, ...]]:
    """(matches before the day/month ones, "năm 2025" matches) of ``_matches``."""
    out = []
    low = text.lower()
    has_nam, has_thang, has_ngay = _YEAR in low, _MONTH in low, _DAY in low
    for m in (FULL_RE.finditer(text) if has_nam and has_thang and has_ngay else ()):
        d, mo = _int(m.group("d")), _int(m.group("m"))
        iso = _iso(int(m.group("y")), mo, d if mo else None)
        if iso:
            out.append((m.start(), m.end(), iso, 0))
    for m in NUMERIC_RE.finditer(text):
        iso = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if iso:
            out.append((m.start(), m.end(), iso, 1))
    if has_nam and _DM_YEAR_NEED.search(text):
        for m in DM_YEAR_RE.finditer(text):
            iso = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if iso:
                out.append((m.start(), m.end(), iso, 0))
    for m in (QUARTER_RE.finditer(text) if any(q in low for q in _QUARTERS) else ()):
        out.append((m.start(), m.end(), f"{m.group('y')}-Q{_quarter(m.group('q'))}", 1))
    for m in (MONTH_RE.finditer(text) if has_thang else ()):
        iso = _iso(int(m.group("y")), int(m.group("m")))
        if iso:
            out.append((m.start(), m.end(), iso, 2))
    tail = tuple((m.start(), m.end(), m.group("y"), 4)
                 for m in (YEAR_RE.finditer(text) if has_nam else ()))
    return tuple(out), tail


def _day_month_start(text: str, slash: int) -> int:
    """Where a match of ``DAY_MONTH_RE`` can start at the earliest, given the first "/" of
    ``text``: every match holds a "/" and before it only the day's digits (all of a run
    of one or two), white space and the day word ({day}), none a "/" (the pattern is not
    tried on the text before: it would be tried at every offset)."""
    i = slash
    while i > 0 and slash - i < 2 and text[i - 1].isdecimal():
        i -= 1                                         # the day: at most two digits
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1                                         # "{osp}"
    return max(0, i - len(_DAY))


def _day_month(text: str) -> tuple[DayMonth, ...]:
    """(start, end, month, day) of the day/month matches (no year) of ``_matches``."""
    low = text.lower()
    slash = text.find("/")
    found = list(DAY_MONTH_RE.finditer(text, _day_month_start(text, slash))) if slash >= 0 else []
    if _DAY in low and _MONTH in low:
        found += list(DAY_MONTH_WORDS_RE.finditer(text))
    return tuple((m.start(), m.end(), int(m.group("m")), int(m.group("d"))) for m in found)


_year_matches_cached = lru_cache(maxsize=256)(_year_matches)
_day_month_cached = lru_cache(maxsize=256)(_day_month)
_DM_YEAR_NEED = _pattern("day_month_year_need")


def find_dates(text: str, default_year: Optional[int] = None) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, iso)`` for each date in ``text``, left to right, no overlaps.

    A longer / more precise match wins over one it overlaps ("ngày 20 tháng 5 năm 2025"
    is one date, not also "năm 2025").  Day/month without a year ("trước ngày 15/6") is
    only found when ``default_year`` is given.
    """
    if len(text) <= 2000:
        yield from _find_dates_cached(text, default_year)
    else:
        yield from _find_dates_long(text, default_year)


@lru_cache(maxsize=1024)
def _find_dates_cached(text: str, default_year: Optional[int]) -> tuple[tuple[int, int, str], ...]:
    """``_find_dates`` of a short text (a clause: the stages ask about it again)."""
    return _find_dates(text, default_year)


@lru_cache(maxsize=8)
def _find_dates_long(text: str, default_year: Optional[int]) -> tuple[tuple[int, int, str], ...]:
    """``_find_dates`` of a long text (a table row, a whole document), a few cached."""
    return _find_dates(text, default_year)


def _find_dates(text: str, default_year: Optional[int]) -> tuple[tuple[int, int, str], ...]:
    found = _matches(text, default_year)
    if len(found) <= 1:                                # (most texts: nothing to choose)
        return tuple((s, e, iso) for s, e, iso, _ in found)
    cands = sorted(found, key=lambda c: (c[3], -(c[1] - c[0]), c[0]))
    # taken spans never overlap, so kept sorted by start only the neighbours of a new
    # span can overlap it: linear in the matches (a line of "năm 2025" a thousand times)
    starts: list[int] = []
    taken: list[tuple[int, int, str]] = []
    for s, e, iso, _ in cands:
        i = bisect_left(starts, s)
        if (i and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
            continue
        starts.insert(i, s)
        taken.insert(i, (s, e, iso))
    return tuple(taken)


def parse_date(text: str, default_year: Optional[int] = None) -> Optional[str]:
    """ISO of the first date in ``text`` ("20/5/2025" -> "2025-05-20"), or None."""
    for _, _, iso in find_dates(text, default_year):
        return iso
    return None


def year_of(iso: Optional[str]) -> Optional[int]:
    """The year of an ISO date string ("2022-02" -> 2022)."""
    if iso and re.match(r"\d{4}", iso):
        return int(iso[:4])
    return None


def parse_period(text: str, start_year: Optional[int] = None) -> Optional[list[int]]:
    """``[first, last]`` year of the period named in ``text``, or None.

    "giai đoạn 2022-2025" / "2016 - 2020" / "từ năm 2022 đến năm 2025" -> [2022, 2025];
    "đến năm 2030" -> [start_year, 2030] only when ``start_year`` is known;
    a lone "năm 2022" (an annual plan) -> [2022, 2022].
    """
    m = RANGE_RE.search(text) or RANGE_WORDS_RE.search(text)
    if m:
        a, b = int(m.group("a")), int(m.group("b"))
        if a <= b:
            return [a, b]
    m = UNTIL_RE.search(text)
    if m:
        b = int(m.group("b"))
        if start_year and start_year <= b:
            return [start_year, b]
        return None
    m = YEAR_RE.search(text)
    if m:
        y = int(m.group("y"))
        return [y, y]
    return None
