"""The period a plan covers: from its title ("giai đoạn 2022-2025"), else from its year to the
last year its text names (at most ``HORIZON`` years ahead).  Cues: ``data/doc_types.yaml``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline.stages.doc_types import types as _types
from pipeline.stages.patterns import fill
from pipeline.text import dates

HORIZON = 25

_P = _types()["patterns"]
_TITLE_DATES_RE = re.compile(fill(_P["title_dates"]))
_CITED_NUMBER_RE = re.compile(r"\S*\d+/\S+")
_YEAR_PAIR_RE = re.compile(fill(_P["year_pair"]))


def period_of(title: str, body: str, year: Optional[int]) -> Optional[list[int]]:
    """Period from the title (dates of cited documents removed); without one, from the
    plan's year to the last year its text names (at most ``HORIZON`` years ahead)."""
    t = _TITLE_DATES_RE.sub(" ", title or "")
    t = _CITED_NUMBER_RE.sub(" ", t)
    p = dates.parse_period(t, year)
    if p and year and p[1] <= year and p[0] < year:
        return [year, year]      # a review of a finished period is this year's work
    if p or not year:
        return p
    # "… thời kỳ 2021 - 2030, tầm nhìn đến năm 2050": the horizon of a plan named in passing
    # (the pattern is case-blind: a body without a cue in lower case has no match)
    low = body.lower()
    if any(c in low for c in _period_cues()):
        body = _horizon_re().sub(r"\1", body)
    last = year
    # every year that can count is written in the body: the latest one written bounds them
    top = next((y for y in range(year + HORIZON, year, -1) if str(y) in body), None)
    if top is None:
        return [year, last]
    for y in _date_years(body, year):
        if year < y <= year + HORIZON:
            last = max(last, y)
    if last >= top:
        return [year, last]                            # (no pair can be later)
    pairs = [int(m.group(1)) for m in _YEAR_PAIR_RE.finditer(body)]
    pairs += [int(m.group("b")) for m in dates.RANGE_RE.finditer(body)]
    for y in pairs:
        if year < y <= year + HORIZON:
            last = max(last, y)
    return [year, last]


@lru_cache(maxsize=1)
def _period_cues() -> tuple[str, ...]:
    return tuple(c.lower() for c in _types()["period_ignore_cues"])


@lru_cache(maxsize=1)
def _horizon_re() -> re.Pattern[str]:
    """A year, then a horizon cue and a year: "2030, tầm nhìn đến năm 2050"."""
    return re.compile(fill(_P["horizon"], cues=_types()["period_ignore_cues"]))


@lru_cache(maxsize=64)
def _wanted_years(year: int) -> re.Pattern[str]:
    """Where one of the years ``year + 1`` .. ``year + HORIZON`` is written (overlapping)."""
    return re.compile("(?=" + "|".join(str(y) for y in range(year + 1, year + HORIZON + 1)) + ")")


_DASH_ONLY = re.compile(r"[\s\-–—‐‑]*")


def _date_years(body: str, year: int) -> set[int]:
    """The years in (``year``, ``year + HORIZON``] among those of ``dates.find_dates(body)``
    (others may be included; the caller filters).

    The same set, read only from the lines that write such a year:

    * every date match ends with its year (four digits after a non-digit) and holds no other
      run of more than two digits, and starts after a non-digit: two matches that overlap
      end with the same year, so the overlap rule of ``find_dates`` drops no year -- the
      years it gives are those of every match of ``dates._year_matches``;
    * no date pattern crosses a line break except a quarter ("Quý II\n- 2025"), whose text
      before the year is then white space and a dash: a line whose year has only that
      before it is read with the lines above it up to the last one with other text;
    * a line read alone matches as inside the text ("\n" is no word, digit, "/", "." or "-",
      like the start and end of a string: ``\b`` and the look-arounds agree).
    """
    out: set[int] = set()
    rx = _wanted_years(year)
    n = len(body)
    pos = 0
    while True:
        m = rx.search(body, pos)
        if not m:
            break
        p = m.start()
        ls = body.rfind("\n", 0, p) + 1
        le = body.find("\n", p)
        if le < 0:
            le = n
        # a quarter from the lines above can end in this line: every year of the line with
        # only white space and dashes before it (the first one is enough to test)
        if _DASH_ONLY.fullmatch(body, ls, _first_digit(body, ls, le)):
            while ls > 0:
                pe = ls - 1                           # the "\n" ending the line above
                ls = body.rfind("\n", 0, pe) + 1
                if not _DASH_ONLY.fullmatch(body, ls, pe):
                    break
        head, tail = dates._year_matches(body[ls:le])
        for x in head:
            out.add(int(x[2][:4]))
        for x in tail:
            out.add(int(x[2][:4]))
        pos = le + 1
    return out


_DIGIT_RE = re.compile(r"\d")


def _first_digit(text: str, start: int, end: int) -> int:
    m = _DIGIT_RE.search(text, start, end)
    return m.start() if m else end
