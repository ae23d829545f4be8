"""Tasks with a due date and no number: "(hoàn thành Quý II/2020)", "Đến năm 2030, …"."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from pipeline.document import Section, Target
from pipeline.stages.targets.candidates import DIGIT_RE
from pipeline.stages.targets.clauses import (
    MARKER_RE,
    Clause,
    ends_with_colon,
    has_condition,
    line_rest,
    marker_len,
)
from pipeline.stages.targets.context import (
    Ctx,
    Flags,
    chain,
    heading_of,
    quote,
    section_heading,
    section_path,
    section_starts,
)
from pipeline.stages.targets.deadlines import covers_plan, heading_deadline, lead_in, own_dates
from pipeline.stages.targets.patterns import YEAR, cues, regexes
from pipeline.stages.targets.view import MARK_RE, squash
from pipeline.text import dates as _dates
from pipeline.text.numbers import NUMBER


def deadline_tasks(ctx: Ctx, cl: Clause, flags: Flags) -> list[Target]:
    """Tasks with a due date and no number in a clause."""
    if flags["negative"]:
        return []
    rx = regexes()
    t = cl.text
    if rx["baseline"].match(t) and not rx["baseline_after"].match(t):
        return []                                      # "Hiện nay, … dự kiến thông qua vào tháng 12"
    if flags["roadmap"]:
        step = _roadmap_step(ctx, cl, flags)
        if step is not None or ends_with_colon(cl.line_text):
            # "1. Trước ngày …:" frames the steps under it
            return [] if not step or has_condition(t) else step
    is_item_period = bool(rx["item_period"].match(line_rest(cl.line_text)))
    # "- Tổng hợp kết quả …, báo cáo … gửi Bộ Tài chính. Thời gian hoàn thành: Trước ngày
    # 31/5/2026.": the due date of the sentences before it on the line, which it quotes
    body = cl.line_start + marker_len(cl.line_text)
    trailing = not is_item_period and cl.sentence[0] > body and "\t" not in t \
        and bool(rx["item_period"].match(t))
    if (is_item_period or trailing) and rx["ongoing"].search(t):
        return []
    # dates and years need digits
    found = (own_dates(ctx, cl, 0, len(t), deadline_only=True) or _year_task(ctx, cl)) \
        if DIGIT_RE.search(t) else []
    source = "own"
    if not found:
        found = _completion_task(ctx, cl, flags)
        source = "heading"
    # a condition gives no task ("Trường hợp … trước ngày … thì …"); asked last, as most
    # clauses have no due date
    if not found or has_condition(t):
        return []
    out: list[Target] = []
    ch = flags["chain"]
    issued = _dates.year_of(getattr(ctx.doc.meta, "date", None))
    seen: set[str] = set()
    for s, e, iso in found:
        if issued and iso[:4].isdigit() and int(iso[:4]) < issued:
            continue                                   # a date before the document: a legal cut-off
        if iso in seen:
            continue                                   # one task per due date of a clause ("…
        seen.add(iso)                                  # chậm nhất trong năm 2027 | Hoàn thành … 2027")
        # "hằng năm, trước ngày 15/12" | "Trước ngày 15 tháng 12 hàng năm, báo cáo …"
        if len(iso) == 10 and (rx["annual"].search(t[max(0, s - 60):s])
                               or rx["annual"].match(t[e:e + 12].lstrip(" ,"))):
            iso_out = "annual"
        else:
            iso_out = iso
        if is_item_period and _item_has_number(ctx, ch[-1] if ch else None):
            continue
        task = t[:s]
        ind: Optional[str]                     # (None: no cell of a table row names the task)
        ind = squash(MARK_RE.sub(" ", task)).strip(" ,;:(-+")
        if source == "heading":
            ind = squash(MARK_RE.sub(" ", t)).strip(" ,;:.(-+")   # the item itself
        elif trailing:
            ind = squash(MARK_RE.sub(" ", ctx.v[body:cl.sentence[0]])).strip(" ,;:.(-+")
        elif "\t" in t:
            cells = [x.strip() for x in t.split("\t")]
            if _year_header(cells):
                continue                               # "STT | Nội dung | Dự kiến dự toán năm 2026 | …"
            ind = next((x for x in cells if len(x.split()) >= 3 and not _dates.parse_date(x)), None)
            if ind is None:
                continue                               # a header row ("Năm 2026 | Năm 2027")
        elif is_item_period or len(ind.split()) < 3:
            ind = _task_text(ctx, cl, ch) or ind
        span = (body, cl.sentence[1]) if trailing else cl.sentence
        out.append(Target(section=section_path(ch), kind="deadline", value=None, unit=None,
                          comparator=None, deadline=iso_out, indicator=ind,
                          quote=quote(ctx, replace(cl, sentence=span)),
                          start=span[0], end=span[1], deadline_source=source))
    return out


_YEAR_CELL_RE = re.compile(rf"(?<!\d){YEAR}(?!\d)")


def _year_header(cells: list[str]) -> bool:
    """Is a table row the header of year columns: two cells or more with a year ("Năm hiện
    hành 2025", "Dự kiến dự toán năm 2026", "Dự kiến năm 2027") and no other cell that could
    name a task (fewer than 3 words: "STT", "Nội dung", "Đơn vị tính")?"""
    dated = [bool(_YEAR_CELL_RE.search(x)) for x in cells]
    return sum(dated) >= 2 and all(d or len(x.split()) < 3 for x, d in zip(cells, dated))


def _roadmap_step(ctx: Ctx, cl: Clause, flags: Flags) -> Optional[list[Target]]:
    """A step of a roadmap: "a) Kể từ ngày 01 tháng 7 năm 2026 [đến hết ngày …]: Thực hiện
    …" is a task due from its first date (the date from which it must be in force); the
    indicator is the task after the colon.  None when the clause is no such step."""
    t = cl.text
    m = regexes()["roadmap_step"].match(t)
    if not m:
        return None
    dates = [d for d in _dates.find_dates(t[m.end():m.end() + 120], ctx.plan_year) if len(d[2]) == 10]
    day = cues()["words"]["day"]
    if not dates or t[m.end():m.end() + dates[0][0]].strip().lower() not in ("", day):
        return None                                    # ("Từ ngày 01/7/2027": the date after "ngày")
    colon = t.find(":", m.end() + dates[0][1])
    task = squash(MARK_RE.sub(" ", t[colon + 1:])).strip(" ,;:.(-+") if colon >= 0 else ""
    if colon < 0 or colon - m.end() > 120 or len(task.split()) < 3:
        return None
    ch = flags["chain"]
    return [Target(section=section_path(ch), kind="deadline", value=None, unit=None,
                   comparator=None, deadline=dates[0][2], indicator=task, quote=quote(ctx, cl),
                   start=cl.sentence[0], end=cl.sentence[1], deadline_source="own")]


def _completion_task(ctx: Ctx, cl: Clause, flags: Flags) -> list[tuple[int, int, str]]:
    """An item (or a sentence) that completes something, under a heading or lead-in with a
    year: "- Hoàn thiện hạ tầng …", "… Phủ sóng 5G toàn quốc. Hoàn thành xây dựng đô thị …"."""
    rx = regexes()
    item = cl.start == cl.line_start + marker_len(cl.line_text) and MARKER_RE.match(cl.line_text)
    if not item and not (cl.start == cl.sentence[0] and rx["completion_lead"].match(cl.text)):
        return []                                      # the first clause of an item or a sentence
    if cl.line_start in section_starts(ctx) or ends_with_colon(cl.line_text):
        return []
    if not rx["completion"].search(cl.text[:60]):
        return []
    ch = flags["chain"]
    li = lead_in(ctx, cl.line_start, ch[-1] if ch else None)
    for text in ([li] if li else []) + [heading_of(ctx, s) for s in reversed(ch)]:
        if not flags["target"] and text is not li:
            continue                                   # ("II. MỤC TIÊU → 1. Đến năm 2030": the year)
        d = heading_deadline(text)
        if d and d != "annual" and not (rx["heading_period"].search(text) and covers_plan(ctx, text)):
            return [(0, 0, d)]                         # (not "giai đoạn 2026 - 2030": the whole plan)
    return []


_LETTERS_RE = re.compile(r"[^\W\d_]+")      # every letter (and a few non-decimal numerals)


@lru_cache(maxsize=1024)
def _mostly_upper(line: str) -> bool:
    """More than 60% of the letters (``str.isalpha``) of ``line`` are capitals."""
    letters = "".join(_LETTERS_RE.findall(line))
    if letters and not letters.isalpha():
        letters = "".join(ch for ch in letters if ch.isalpha())     # "²", "½" are no letters
    return bool(letters) and sum(map(str.isupper, letters)) > 0.6 * len(letters)


def _year_task(ctx: Ctx, cl: Clause) -> list[tuple[int, int, str]]:
    """"Đến năm 2030, hệ thống … được hoàn thiện" / "… thành lập mới … đến năm 2030":
    a task due in a year, when the clause names no document (whose title it would be)."""
    t = cl.text
    rx = regexes()
    if cues()["words"]["year"] not in t.lower():
        return []                                      # both patterns below need "năm"
    if ends_with_colon(cl.line_text) or cl.line_start in section_starts(ctx):
        return []
    if rx["item_period"].match(line_rest(cl.line_text)):
        return []                                      # handled as a due date of the item
    if not chain(ctx, cl.start) or _mostly_upper(cl.line_text):
        return []                                      # a title, or the preamble
    m = rx["year_task_lead"].match(t) or rx["year_task_end"].search(t)
    if not m or rx["title_word"].search(t[:m.start()]):
        return []
    if len((t[:m.start()] + t[m.end():]).split()) < 3:
        return []                                      # "a) Đến năm 2026": a lead-in, not a task
    if re.search(r"\d", t[:m.start()] + t[m.end():]) and re.search(r"\d+\s*%", t):
        return []
    return [(m.start(1), m.end(1), m.group(1))]


def _item_has_number(ctx: Ctx, sec: Optional[Section]) -> bool:
    if sec is None:
        return False
    body = ctx.v[sec.start:sec.end]
    return bool(re.search(rf"(?<![\w./])(?:{NUMBER})\s*"
                          rf"(?:%|[^\W\d_]+(?:\s+[^\W\d_]+){{0,3}}\s*/\s*[^\W\d_])", body))


def _task_text(ctx: Ctx, cl: Clause, ch: list[Section]) -> str:
    """The task a "Thời gian thực hiện: …" line belongs to: its item's first line or heading."""
    lo = ch[-1].start if ch else max(0, cl.line_start - 2000)
    prev = ctx.v[lo:cl.line_start].rstrip("\n").split("\n")
    task_label = regexes()["task_label"]
    fields = False                  # passed a field heading ("b) Cơ quan thực hiện:")
    for line in reversed(prev):
        s = line.strip()
        if not s:
            continue
        m = MARKER_RE.match(line)
        rest = line[m.end() if m else 0:].strip()
        label = re.match(r"^([^:]{2,40}):\s*", rest)
        if label and not rest.endswith(":"):
            if task_label.fullmatch(label.group(1).strip()):
                return squash(rest[label.end():])[:200]    # "a) Nhiệm vụ: Tham mưu …"
            continue                                   # "Cơ quan chủ trì: …" and such
        if rest.endswith(":") and len(rest.split()) <= 6:
            fields = True                              # a field of the item, not its task
            continue
        if fields:
            break                                      # the body of another field
        if rest:
            return squash(rest)[:200]
    return section_heading(ch)
