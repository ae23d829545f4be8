"""Deadlines: a clause's own due dates, else its item's, lead-in's, headings' or the plan's."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline.document import Section
from pipeline.stages.targets.candidates import Cand
from pipeline.stages.targets.clauses import MARKER_RE, Clause, line_rest, lines
from pipeline.stages.targets.context import Ctx, Flags, heading_of, section_starts
from pipeline.stages.targets.patterns import YEAR, Words, cues, regexes
from pipeline.stages.targets.view import squash
from pipeline.text import dates as _dates


def own_dates(ctx: Ctx, cl: Clause, lo: int, hi: int, deadline_only: bool = False,
              cells: bool = True) -> list[tuple[int, int, str]]:
    """Dates in ``cl.text[lo:hi]`` that a cue marks as a due date: [(start, end, iso)];
    ``cells``: with the table cells that open with a due time and go on ("Ban hành trong năm
    2026. Thực hiện rà soát …": ``time_cell``), which date the row's task but do not make
    each number of the row a target."""
    cells = cells and _has_tab(cl.text)
    k = (cl.start, cl.text, lo, hi, bool(deadline_only), cells)
    found = ctx._own.get(k)
    if found is None:
        found = ctx._own[k] = _own_dates(ctx, cl, lo, hi, deadline_only, cells)
    return list(found)


@lru_cache(maxsize=64)
def _has_tab(t: str) -> bool:
    """Is ``t`` a table row?  Asked for each number of a clause: cached, so that a clause of
    many numbers is not scanned once per number (a string's hash is kept in it)."""
    return "\t" in t


def _own_dates(ctx: Ctx, cl: Clause, lo: int, hi: int, deadline_only: bool = False,
               cells: bool = False) -> list[tuple[int, int, str]]:
    rx, words = regexes(), cues()["words"]
    t = cl.text
    out: list[tuple[int, int, str]] = []
    for s, e, iso in _date_spans(t, ctx.plan_year):
        if s < lo or e > hi:
            continue
        abs_s = cl.start + s
        if any(a <= abs_s < b for a, b in ctx.cited):
            continue
        before = t[max(0, s - 40):s]
        phrase = t[s:e].lower()
        if rx["doc_number_end"].search(before) and words["day"] in phrase + before[-6:]:
            continue                                  # "… số 12/KH-UBND ngày 01/11/2021"
        if rx["doc_date_end"].search(before) and "/" in before[-25:]:
            continue
        if len(iso) == 4 and not phrase.startswith(words["year"]):
            continue
        if rx["compared_end"].search(before):
            continue                                   # "so với năm 2025": a baseline
        if len(iso) == 4 and re.search(r"\(\s*$", before) and re.match(r"\s*\)", t[e:]):
            if not rx["result_paren_end"].search(before):
                out.append((s, e, iso))               # "Báo cáo giữa kỳ … (năm 2030)"
            continue
        if len(iso) > 4 and rx["date_joiner"].search(phrase):
            # "Thời hạn hoàn thành: Từ ngày … đến ngày …" is due at its end; "Thời gian: Từ
            # ngày … đến ngày …" (no word of completion) is a schedule
            bare = rx["span_from_end"].sub("", before)
            if bare != before and rx["span_due_end"].search(bare):
                before = bare
        cued = bool(rx["deadline_cue"].search(before))
        if len(iso) == 4:
            yb = before + words["year"]
            cued = cued or bool(rx["year_cue"].search(yb))
            # "giai đoạn 2026 - 2030" / "năm 2026 - 2027": the end year
            rm = rx["year_range"].match(t[s:s + 20]) or rx["year_to_year"].match(t[s:s + 30])
            if rm:
                if covers_plan(ctx, t[s:s + rm.end()]) and deadline_only:
                    continue                           # "Từ năm 2022 đến năm 2025": the whole plan
                iso, e = rm.group(1), s + rm.end()
            if rx["period_end"].search(before):
                cued = True
            if deadline_only and not rx["due_cue_end"].search(before) and not _due_verb(t, s):
                cued = False
        elif not cued and len(iso) > 4:
            # "(Quý II/2020)" in brackets, or a date alone in a table cell
            if re.search(YEAR, phrase) and len(iso) <= 7:        # "(Quý II/2020)", not a full date
                cued = bool(re.search(r"\(\s*$", before)) or \
                    ("\t" in t and bool(re.search(r"(?:^|\t)\s*$", t[:s])))
        if cued:
            out.append((s, e, iso))
    # a table cell holding only a year or a range of years: "2026", "2026-2030" (not in a form
    # whose header row has year columns: "Năm 2026 | Năm 2027 | …" hold values, not due dates)
    if _has_tab(t) and not year_columns(ctx, cl.line_start):
        pos = 0
        for cell in t.split("\t"):
            m = rx["year_cell"].fullmatch(cell) or (rx["time_cell"].match(cell) if cells else None)
            if m and lo <= pos and pos + len(cell) <= hi \
                    and not any(a <= pos + m.start() < b or a <= pos + m.end() - 1 < b
                                for a, b, _ in out) \
                    and not covers_plan(ctx, cell[:m.end()]):
                out.append((pos + m.start(), pos + m.end(), m.group(2) or m.group(1)))
            pos += len(cell) + 1
    # "giai đoạn 2026 - 2030" without "năm", not a due date (the first word checked first:
    # this part of a long line is scanned once per number)
    for m in rx["period_years"].finditer(t[lo:hi]) if not deadline_only and _may_name_period(t) else ():
        s = lo + m.start()
        if not any(a <= cl.start + s < b for a, b in ctx.cited):
            before = t[max(0, s - 30):s]
            if not rx["title"].search(before) or rx["within_end"].search(before):
                out.append((s, lo + m.end(), m.group(2)))
    # "… tiến tới thí điểm (2025 - 2026)." ends the task: due at its end (not a window that
    # opened before the plan, "Kế hoạch 5 năm (2021 - 2025)", nor the plan's whole period)
    m = rx["paren_years"].search(t, lo, hi) if ")" in t[-4:] else None
    if m and ctx.plan_year and int(m.group(1)) >= ctx.plan_year and not covers_plan(ctx, m.group()) \
            and not any(a <= m.start(1) < b for a, b, _ in out):
        out.append((m.start(), m.end(), m.group(2)))
    if ctx.period:                                     # a date before the plan is history
        out = [d for d in out if not d[2][:4].isdigit() or int(d[2][:4]) >= ctx.period[0] - 1]
    out = sorted(out)
    keep = []
    for i, d in enumerate(out):
        if i + 1 < len(out) and rx["date_joiner"].fullmatch(t[d[1]:out[i + 1][0]]):
            continue                                   # "Quý IV/2025 - Quý II/2026": due at the end
        keep.append(d)
    return keep


def _due_verb(t: str, s: int) -> bool:
    """Does a due verb lead to the year at ``t[s]`` ("sớm bàn giao trong năm 2025", "Trình
    Thủ tướng Chính phủ trong năm 2026"), not denied ("không thể hoàn thành … trong")?"""
    rx = regexes()
    m = rx["due_verb_end"].search(t, max(0, s - 90), s)
    return m is not None and not rx["negated_end"].search(t, max(0, m.start() - 20), m.start() + 1)


@lru_cache(maxsize=1)
def _stage_word() -> Words:
    return Words([cues()["words"]["stage"]])


@lru_cache(maxsize=64)
def _may_name_period(t: str) -> bool:
    """Can ``period_years`` match in ``t`` (its first word is there)?  Cached: asked once
    per number of a clause."""
    return _stage_word().found(t)


def _row_due(ctx: Ctx, cl: Clause) -> list[tuple[int, int, str]]:
    """The due dates of a table row's time cells ("Giai đoạn 2026 - 2027", "Năm 2026"): the
    dates of the row that open a cell."""
    t = cl.text
    return [d for d in own_dates(ctx, cl, 0, len(t)) if d[0] == 0 or t[d[0] - 1] == "\t"]


def annual_before(ctx: Ctx, cl: Clause, k: int) -> bool:
    """``regexes()["annual"].search(cl.text[:k])``, for the growing ``k`` of the numbers of
    a clause: a match in ``text[:k]`` that is not in ``text[:j]`` (j < k, none there) ends
    after ``j``, so only the text from a little before ``j`` is searched again."""
    rx = regexes()["annual"]
    key = (cl.start, cl.text)
    j, found = ctx._annual.get(key, (0, False))
    if found and j <= k:
        return True
    if found or k < j:                       # asked out of order: search the whole prefix
        return rx.search(cl.text[:k]) is not None
    hit = rx.search(cl.text, max(0, j - 200), k) is not None
    ctx._annual[key] = (k, hit)
    return hit


def year_columns(ctx: Ctx, line_start: int) -> bool:
    """Does the table holding the row at ``line_start`` have a header row of year columns
    (two cells or more holding only a year)?"""
    v = ctx.v
    top = line_start
    walked = [line_start]
    while top > 0:                                     # the first row of the table
        known = ctx._row_tops.get(top)
        if known is not None:
            top = known                                # (a row walked up from before)
            break
        prev = v.rfind("\n", 0, top - 1) + 1
        if "\t" not in v[prev:top - 1]:
            break
        top = prev
        walked.append(top)
    for start in walked:                               # each row once: a long table stays linear
        ctx._row_tops[start] = top
    found = ctx._year_tables.get(top)
    if found is None:
        cell = regexes()["year_cell"]
        found = False
        pos = top
        while pos < len(v):
            end = v.find("\n", pos)
            end = len(v) if end < 0 else end
            row = v[pos:end]
            if "\t" not in row:
                break
            if sum(1 for c in row.split("\t") if cell.fullmatch(c)) >= 2:
                found = True
                break
            pos = end + 1
        ctx._year_tables[top] = found
    return found


def _date_spans(text: str, default_year: Optional[int]) -> list[tuple[int, int, str]]:
    """``dates.find_dates`` with "Quý IV/2025 - Quý II/2026" merged into one span due at
    its end."""
    found = list(_dates.find_dates(text, default_year))
    rx = regexes()
    joiner = rx["date_joiner"]
    out: list[tuple[int, int, str]] = []
    for s, e, iso in found:
        if out and len(iso) > 4 and joiner.fullmatch(text[out[-1][1]:s]):
            out[-1] = (out[-1][0], e, iso)
        else:
            out.append((s, e, iso))
    for m in rx["month_span"].finditer(text) if "/" in text else ():      # "Tháng 11 - 12/2025"
        if not any(a < m.end() and m.start() < b for a, b, _ in out):
            out.append((m.start(), m.end(), f"{m.group(2)}-{int(m.group(1)):02d}"))
    return sorted(out)


def covers_plan(ctx: Ctx, text: str) -> bool:
    """Does a range of years ("2025 - 2035") span the whole plan period?"""
    ys = [int(y) for y in re.findall(rf"(?<!\d){YEAR}(?!\d)", text)]
    if len(ys) < 2 or not ctx.period:
        return False
    return min(ys) <= ctx.period[0] and max(ys) >= ctx.period[1]


@lru_cache(maxsize=256)
def heading_deadline(text: str) -> Optional[str]:
    """A deadline stated by a heading or lead-in: "Đến năm 2030", "Hằng năm", "giai đoạn …".
    (Cached: the same heading is asked for each number under it.)"""
    rx = regexes()
    t = squash(text)
    m = rx["heading_year"].search(t)
    if m:
        return m.group(1)
    m = rx["heading_period"].search(t)
    if m:
        return m.group(1)
    if rx["annual"].search(t):
        return "annual"
    m = rx["heading_year_lead"].search(t)
    if m:
        return m.group(1)
    return None


def item_deadline(ctx: Ctx, sec: Optional[Section]) -> Optional[tuple[str, int]]:
    """("2025", line) from a "Thời gian thực hiện: Từ năm 2022 đến năm 2025" line of the item
    (cached per section: asked for each number in it)."""
    if sec is None:
        return None
    key = (sec.start, sec.end)
    if key not in ctx._items:
        ctx._items[key] = _item_deadline(ctx, sec)
    return ctx._items[key]


def _item_deadline(ctx: Ctx, sec: Section) -> Optional[tuple[str, int]]:
    rx = regexes()
    body = ctx.v[sec.heading_end or sec.start:sec.end]
    for ls, _, line in lines(body):
        m = MARKER_RE.match(line)
        rest = line[m.end() if m else 0:]
        if rx["item_period"].match(rest):
            if rx["ongoing"].search(rest):
                continue
            d = heading_deadline(rest) or _last_year(rest)
            if d:
                return d, (sec.heading_end or sec.start) + ls
    return None


def _last_year(text: str) -> Optional[str]:
    ys = re.findall(rf"(?<![\d/]){YEAR}(?![\d/])", text)
    return ys[-1] if ys else None


def lead_in(ctx: Ctx, line_start: int, sec: Optional[Section]) -> Optional[str]:
    """The line introducing the list item at ``line_start``: the nearest line before it,
    past its sibling items, that ends with ":" ("Phấn đấu đến năm 2025:") or is a short
    date line ("a) Đến năm 2026").  Cached per line: asked for each number on it."""
    key = (line_start, sec.start if sec else -1)
    if key not in ctx._lead_ins:
        ctx._lead_ins[key] = _lead_in(ctx, line_start, sec)
    return ctx._lead_ins[key]


def _lead_in(ctx: Ctx, line_start: int, sec: Optional[Section]) -> Optional[str]:
    lo = sec.start if sec else max(0, line_start - 3000)
    cur_marker = MARKER_RE.match(ctx.v[line_start:line_start + 10])
    cur = (cur_marker.group().strip() if cur_marker else "")
    if cur[:1] not in ("-", "+", "•"):
        return None
    heads = section_starts(ctx)
    for pos, line in _lines_before(ctx.v, lo, line_start, 30):
        s = line.strip()
        if pos in heads:
            return None                            # a heading governs through the chain
        m = MARKER_RE.match(line)
        body = line[m.end() if m else 0:].strip()
        if s.endswith(":") or (len(body.split()) <= 8 and not body.endswith(".") and heading_deadline(body)):
            return s
        mk = m.group().strip() if m else ""
        if mk[:1] == cur[:1]:
            continue                               # a sibling item under the same lead-in
        return None
    return None


def _lines_before(v: str, lo: int, end: int, n: int) -> list[tuple[int, str]]:
    """(start, text) of the last ``n`` non-empty lines of ``v[lo:end]``, nearest first (read
    backwards: a section of many items is not split again for each of them)."""
    out: list[tuple[int, str]] = []
    while len(out) < n:
        nl = v.rfind("\n", lo, end)
        start = nl + 1 if nl >= 0 else lo
        if v[start:end].strip():
            out.append((start, v[start:end]))
        if nl < 0:
            break
        end = nl
    return out


def target_deadline(ctx: Ctx, cl: Clause, cand: Cand, nxt: int, i: int, kept: list[Cand],
                    flags: Flags) -> tuple[Optional[str], Optional[str]]:
    """(deadline, source) for a numeric target."""
    mine = own_dates(ctx, cl, cand.end, nxt)
    lo = kept[i - 1].end if i else 0
    if mine and i + 1 < len(kept):
        # "năm 2025 đạt trên 8% và năm 2026 từ 10%": the year between two figures leads the
        # next one when that one has none after it and this one has one before it
        after_next = kept[i + 2].start if i + 2 < len(kept) else len(cl.text)
        if not own_dates(ctx, cl, kept[i + 1].end, after_next):
            mine = own_dates(ctx, cl, lo, cand.start) or mine
    if not mine:
        mine = own_dates(ctx, cl, lo, cand.start)
        if not mine and i:
            mine = own_dates(ctx, cl, 0, cand.start)
        if not mine and _has_tab(cl.text):
            mine = _row_due(ctx, cl)                     # the row's time cell, for each of its numbers
    if mine:
        return mine[0][2] if mine[0][0] >= cand.end else mine[-1][2], "own"
    if annual_before(ctx, cl, cand.start):
        return "annual", "own"                          # "Hằng năm, … 80%"; not "… 100% … hằng năm"
    if regexes()["annual_lead"].match(line_rest(cl.line_text)):
        return "annual", "lead-in"                      # "d) Hằng năm, A; B; C"
    ch = flags["chain"]
    sec = ch[-1] if ch else None
    li = lead_in(ctx, cl.line_start, sec)
    if li:
        d = heading_deadline(li)
        if d:
            return d, "lead-in"
    it = item_deadline(ctx, sec)
    if it:
        return it[0], "item"
    for s in reversed(ch):
        d = heading_deadline(heading_of(ctx, s))
        if d:
            return d, "heading"
    if ctx.period and ctx.own_period:
        if ctx.period[0] == ctx.period[1]:
            return str(ctx.period[0]), "plan-year"
        return str(ctx.period[1]), "plan-period"
    if ctx.horizon:
        return ctx.horizon, "plan-horizon"
    return None, None
