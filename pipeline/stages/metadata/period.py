"""The period a plan covers, by the rule of ``corpus/ANNOTATION.md``:

1. the span the document states for itself: a section of its own time ("3. Thời gian thực
   hiện: Từ năm 2025 đến hết năm 2030", "2. Thời gian thi đua" with its dates), else its
   title ("giai đoạn 2022-2025", "năm 2022");
2. else its horizon: [year of issue, "đến năm N" of the title, or else of the objectives
   headings and lead-ins ("2. Mục tiêu cụ thể đến năm 2030", "a) Đến hết năm 2045: …")]; a
   "tầm nhìn / định hướng đến năm M" never extends it;
3. else None.  Years of cited documents, of past results and of single tasks ("- Thời gian
   thực hiện: Năm 2026") never make a period; "vào năm 2030" is a target year.

Cues and patterns: ``data/doc_types.yaml`` (``period``).
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from pipeline.document import Section
from pipeline.stages.doc_types import types as _types
from pipeline.stages.patterns import fill
from pipeline.text import dates

_P = _types()["patterns"]
_D = _types()["period"]
_TITLE_DATES_RE = re.compile(fill(_P["title_dates"]))
_CITED_NUMBER_RE = re.compile(r"\S*\d+/\S+")
_TARGET_YEAR_RE = re.compile(fill(_D["target_year"]))
_TIME_HEADING_RE = re.compile(fill(_D["time_heading"]))
_OPEN_END_RE = re.compile(fill(_D["open_end"], words=_D["open_end_words"]))
_FROM_NOW_RE = re.compile(fill(_D["from_now"]))
_OBJECTIVE_RE = re.compile(fill(_D["objective"], words=_D["objective_words"]))
_HORIZON_RE = re.compile(fill(_D["horizon"], cues=_types()["period_ignore_cues"]))
_HORIZON_LEAD_RE = re.compile(fill(_D["horizon_lead"]))
_CITED_DATE_RE = re.compile(fill(_D["cited_date"]))
_WORD_RE = re.compile(r"\w")


def period_of(title: str, year: Optional[int], text: str = "",
              sections: Sequence[Section] = ()) -> Optional[list[int]]:
    """``[first, last]`` year of the plan (see the module docstring), or None."""
    own = _time_section_span(text, sections, year)
    if own:
        return own
    t = _TITLE_DATES_RE.sub(" ", title or "")
    t = _CITED_NUMBER_RE.sub(" ", t)
    t = _TARGET_YEAR_RE.sub(" ", t)
    p = dates.parse_period(t, year)
    if p and year and p[1] <= year and p[0] < year:
        return [year, year]      # a review of a finished period is this year's work
    if p:
        return p
    horizon = _objectives_horizon(text, sections)
    if year and horizon and horizon >= year:
        return [year, horizon]
    return None


def _body(text: str, sections: Sequence[Section], k: int) -> str:
    """The text of section ``k`` after its heading, up to its first subsection."""
    s = sections[k]
    end = s.end
    if k + 1 < len(sections) and s.start < sections[k + 1].start < end:
        end = sections[k + 1].start
    return text[s.heading_end:end]


def _outside_appendix(s: Section) -> bool:
    return s.kind != "appendix" and not s.path.startswith("PL")


def _time_section_span(text: str, sections: Sequence[Section],
                       year: Optional[int]) -> Optional[list[int]]:
    """The span written under the document's first "Thời gian …" heading, if it closes."""
    heading = _TIME_HEADING_RE.search
    for k, s in enumerate(sections):
        # (_outside_appendix, inline: asked of every section)
        if s.kind == "appendix" or s.path.startswith("PL") or not heading(s.heading.strip()):
            continue
        body = _CITED_DATE_RE.sub(" ", _body(text, sections, k))
        if not _WORD_RE.search(body):
            continue                 # "V. THỜI GIAN VÀ TRÁCH NHIỆM" / "1. Thời gian thực hiện"
        if _OPEN_END_RE.search(body):
            return None
        years = {int(iso[:4]) for _, _, iso in dates.find_dates(body)}
        for m in dates.RANGE_RE.finditer(body):
            years.update((int(m.group("a")), int(m.group("b"))))
        if year and _FROM_NOW_RE.search(body):
            years.add(year)
        if not years:
            return None
        return [min(years), max(years)]
    return None


def _objectives_horizon(text: str, sections: Sequence[Section]) -> Optional[int]:
    """The latest "đến năm N" (no vision) of an objectives heading or lead-in line."""
    found: list[int] = []
    spans: list[tuple[int, int]] = []          # the objectives sections, nested ones merged
    for s in sections:
        if s.kind == "appendix" or s.path.startswith("PL"):      # (_outside_appendix)
            continue
        objective = _OBJECTIVE_RE.search(s.heading)
        inside = bool(spans) and spans[-1][0] <= s.start < spans[-1][1]
        if objective and not inside:
            spans.append((s.start, s.end))
        if objective or inside or _HORIZON_LEAD_RE.match(s.heading):
            found += [int(m.group(2)) for m in _HORIZON_RE.finditer(s.heading) if not m.group(1)]
    for a, b in spans:
        found += [int(m.group(1)) for m in _HORIZON_LEAD_RE.finditer(text, a, b)]
    return max(found) if found else None
