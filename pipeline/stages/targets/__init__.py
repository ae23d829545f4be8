"""Targets: the quantified commitments of a plan and its tasks with due dates.

``extract_targets(doc)`` reads ``doc.text`` clause by clause and returns
:class:`pipeline.document.Target` records (rules: ``corpus/ANNOTATION.md``; cue words:
``pipeline/data/targets.yaml``).  Steps for each clause:

1. candidates: percentages, counts with their unit ("04 phóng sự/năm"), spelled-out counts
   after a comparator ("ít nhất một hình thức"), frequencies ("ít nhất một tháng một lần",
   "1 tháng đăng từ 1 - 2 lần") and due dates ("(hoàn thành Quý II/2020)", "trước ngày 15/6");
2. filters: scope facts, baselines and past results, cited titles, budget and scope
   sections, objectives when the plan has its own "Chỉ tiêu" section, and numbers that
   only define the indicator of a target before them in the clause;
3. attributes: comparator, unit, indicator, and the deadline, from the clause itself,
   else the item ("Thời gian thực hiện: …"), the lead-in ("Phấn đấu đến năm 2025:"), the
   governing headings ("ĐẾN NĂM 2025", "Hằng năm"), or the plan's own period.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import yaml

#: libyaml's safe loader when PyYAML has it (same documents, ten times faster)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from pipeline.text import dates as _dates
from pipeline.document import Section, Target
from pipeline.text.numbers import NUMBER, NUMBER_WORDS, START_WORDS, parse_number, parse_words
from pipeline.stages.targets import indicator as _indicator
from pipeline import data
DATA_FILE = data.path("targets.yaml")
YEAR = r"(?:19|20)\d{2}"


@lru_cache(maxsize=1)
def cues() -> dict:
    """The cue lists of ``data/targets.yaml``."""
    with open(DATA_FILE, encoding="utf-8") as f:
        return yaml.load(f, Loader=_YAML_LOADER)


class _Words:
    """Is one of ``words`` in a text, as a case-insensitive pattern (``re.I``) would find it?

    ``words`` in the lower-cased text, unless the text holds a character that ``re.I``
    matches to a letter of the words without lower-casing to it (dotless "ı", long "ſ",
    "İ" ...): then the pattern itself is run."""

    def __init__(self, words):
        self.words = tuple(sorted({w.lower() for w in words if w}))
        self.rx = re.compile("|".join(re.escape(w) for w in self.words), re.I)
        odd = {"\u0130"}                                   # "İ" lower-cases to two characters
        try:
            from re._casefix import _EXTRA_CASES
        except ImportError:                                # another Python: always run it
            _EXTRA_CASES = None
        for w in self.words:
            for ch in w:
                if _EXTRA_CASES is None:
                    odd = None
                    break
                odd.update(chr(x) for x in _EXTRA_CASES.get(ord(ch), ()) if chr(x).lower() != ch)
                odd.update(x for x in (ch.upper(), ch.title()) if len(x) == 1 and x.lower() != ch)
        self.odd = odd

    def found(self, text: str) -> bool:
        if self.odd is None or any(ch in text for ch in self.odd):
            return self.rx.search(text) is not None
        low = text.lower()
        for w in self.words:
            if w in low:
                return True
        return False


def _alt(phrases) -> str:
    """Regex alternation of phrases, longest first, spaces matching any white space."""
    ps = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ps)


@lru_cache(maxsize=1)
def _rx() -> dict:
    """Compiled patterns built from the cue lists."""
    c = cues()
    numw = _alt(NUMBER_WORDS)
    startw = _alt(START_WORDS)
    cmp_before = {k: re.compile(rf"(?:^|[\s(:,;])(?:{_alt(v)})\s*$", re.I)
                  for k, v in c["comparators"].items()}
    periods = _alt(c["periods"])
    anynum = rf"(?:{NUMBER}|(?:{startw})(?:\s+(?:{numw}))*)"
    r = {
        "cmp_before": cmp_before,
        # how many words a match of "cmp_before" / "bridge" can span, and one more
        "cmp_span": max(len(p.split()) for v in c["comparators"].values() for p in v) + 2,
        "bridge_span": max([len(p.split()) for p in c["bridge_words"]] + [3]) + 3,
        "cmp_after": {k: re.compile(rf"^\s*(?:{_alt(v)})\b", re.I)
                      for k, v in c["comparators_after"].items()},
        "bridge": re.compile(rf"(?:^|\s)(?:{_alt(c['bridge_words'])}|(?:vào|đến|trong|tới)?\s*năm\s+{YEAR}|"
                             rf"(?:vào|đến|trong)?\s*(?:quý|tháng)\s+\S+)\s*[,:]?\s*$", re.I),
        "percent": re.compile(
            rf"(?<![\w.,/])(?P<a>{NUMBER})(?:\s*%?\s*(?:-|–|—|đến|tới)\s*(?P<b>{NUMBER}))?\s*(?:%|phần\s+trăm\b)", re.I),
        "count": re.compile(
            rf"(?<![\w.,/-])(?P<a>{NUMBER})(?:\s*(?:-|–|—|đến|tới)\s*(?P<b>{NUMBER}))?"
            rf"(?P<per>/(?:100|1\.000|10\.000|100\.000|1\.000\.000))?(?=[ \u00a0]+[^\W\d_])", re.I),
        "word_count": re.compile(
            rf"(?:^|[\s(:,;])(?P<cmp>{_alt(c['comparators']['at_least'] + c['comparators']['at_most'])})"
            rf"(?:\s+là)?\s+(?P<w>(?:{startw})(?:\s+(?:{numw}))*)(?=\s+[^\W\d_])", re.I),
        # the first word of a comparator of "word_count": that pattern needs one
        "word_count_cue": _Words([p.lower().split(" ")[0] for p in
                                  c['comparators']['at_least'] + c['comparators']['at_most']]),
        # "ít nhất một tháng một lần", "1 tháng đăng từ 1 - 2 lần", "6 tháng/lần"
        "freq_per": re.compile(
            rf"(?:(?P<cmp>{_alt(c['comparators']['at_least'] + c['comparators']['at_most'])})\s+)?"
            rf"(?P<n>{anynum})\s+(?P<p>{periods})\s+(?:[^\W\d_]+\s+){{0,3}}?(?:từ\s+)?"
            rf"(?P<a>{anynum})(?:\s*(?:-|–|—|đến|tới)\s*(?P<b>{anynum}))?\s+lần\b", re.I),
        # "04 lần/năm", "2 lần mỗi tháng", "mỗi quý ít nhất 1 lần"
        "freq_rate": re.compile(
            rf"(?:(?P<cmp>{_alt(c['comparators']['at_least'] + c['comparators']['at_most'])})\s+)?"
            rf"(?P<a>{anynum})(?:\s*(?:-|–|—|đến|tới)\s*(?P<b>{anynum}))?\s+lần\s*(?:/|mỗi|trên|một|trong\s+một|trong\s+mỗi)\s*(?P<p>{periods})\b",
            re.I),
        "freq_each": re.compile(
            rf"\b(?:mỗi|hằng|hàng)\s+(?P<p>{periods})\s+(?:(?P<cmp>{_alt(c['comparators']['at_least'] + c['comparators']['at_most'])})\s+)?"
            rf"(?:(?:tổ\s+chức|thực\s+hiện|đăng|phát|kiểm\s+tra)\s+)?(?P<a>{anynum})(?:\s*(?:-|–|—|đến)\s*(?P<b>{anynum}))?\s+lần\b",
            re.I),
        "scope": re.compile(rf"(?:^|[\s(,;:])(?:{_alt(c['scope_cues'])})\s*$", re.I),
        "past": re.compile(rf"(?:^|[\s(,;:])(?:{_alt(c['past_cues'])})(?:\s+\S+){{0,3}}\s*$", re.I),
        "share_noun": re.compile(rf"^\s*(?:{_alt(c['share_nouns'])})\b", re.I),
        "share": re.compile(rf"(?:^|[\s(,;:])(?:{_alt(c['share_cues'])})(?:\s+\S+){{0,3}}\s*$", re.I),
        "title": re.compile(rf"(?:^|[\s(,;:])(?:{_alt(c['title_cues'])})\s*(?:số\s*)?$", re.I),
        "deadline_cue": re.compile(rf"(?:^|[\s(,;:])(?:{_alt(c['deadline_cues'])})\s*[:,]?\s*$", re.I),
        "year_cue": re.compile(rf"(?:^|[\s(,;:])(?:{_alt(c['year_cues'])})\s*$", re.I),
        "annual": re.compile(rf"\b(?:{_alt(c['annual_words'])})\b", re.I),
        "task_label": re.compile(rf"(?:{_alt(c['task_labels'])})", re.I),
        "item_period": re.compile(rf"^\W*(?:{_alt(c['item_period_lead_ins'])})\s*[^:\n]{{0,25}}:", re.I),
        "neg_lead": re.compile(rf"^\W*(?:{_alt(c['negative_lead_ins'])})\b[^:\n]{{0,30}}:", re.I),
        "target_lead": re.compile(rf"^\W*(?:{_alt(c['target_lead_ins'])})\b", re.I),
        "verb_before": re.compile(rf"(?:^|[\s(,;:])(?:{_alt(c['target_verbs'])})(?:\s+(?:mới|thêm|được|cho|tối\s+thiểu))?\s*$", re.I),
        "neg_heading": re.compile(rf"^\W*(?:phụ\s+lục\s+\S+\s+|\S+\s+)?(?:{_alt(c['negative_headings'])})\b", re.I),
        "target_heading": re.compile(rf"\b(?:{_alt(c['target_headings'])})\b", re.I),
        "condition": re.compile(rf"(?:{'|'.join(c['condition_cues'])})", re.I),
        "ongoing": re.compile(rf"(?:{_alt(c['ongoing_words'])})", re.I),
        "baseline": re.compile(rf"^\W*(?:{_alt(c['baseline_openers'])})\b", re.I),
        "count_lead": re.compile(rf"(?:^|[\s(,;:])(?:{_alt(c['target_verbs'] + c['count_lead_words'])})\s*$|[,;]\s*$|\svà\s*$", re.I),
        "completion": re.compile(rf"\b(?:{_alt(c['completion_verbs'])})\b", re.I),
        # what a clause needs to give a target besides a digit (numbers, dates, years):
        # "lần" (frequencies), a comparator before a spelled-out number, a completion verb
        "may_target": _Words(["lần"] + [p.lower().split(" ")[0] for p in
                                         c["comparators"]["at_least"] + c["comparators"]["at_most"]
                                         + c["completion_verbs"]]),
    }
    return r


# ------------------------------------------------------------------ text view

_MARK_RE = re.compile(r"[*#\\|`]|</?su[bp]>|(?<=\s)_+(?=\s)|^\s*-{3,}\s*$|^\s*_{3,}\s*$", re.M)
# the same in a text without "---" and "___" (where the rule lines cannot match), each
# alternative starting with a character of its own (the regex engine then skips to those):
# "_(?<=\s_)_*" is "(?<=\s)_+"
_MARK_FAST_RE = re.compile(r"[*#\\|`]|</?su[bp]>|_(?<=\s_)_*(?=\s)")


def _mark_re(text: str):
    return _MARK_RE if "---" in text or "___" in text else _MARK_FAST_RE


def view(text: str) -> str:
    """``text`` with leftover Markdown marks blanked and "Quí" spelt "Quý"; same length and
    offsets (the normaliser has already joined hard wraps)."""
    # (each pattern runs only when the text holds a character its matches need)
    v = text
    if any(ch in v for ch in "*#\\|`<_") or "---" in v:
        v = _mark_re(v).sub(lambda m: " " * len(m.group()), v)
    if "quí" in v.lower():
        v = re.sub(r"(?i)\b(q)u([íÍ])", lambda m: m.group(1) + "u" + ("ý" if m.group(2) == "í" else "Ý"), v)
    return v


_HEAD_RE = re.compile(
    r"^[ \t]*(?:(?P<roman>[IVX]{1,5})\s*\.|(?P<dec>\d{1,2}(?:\s*\.\s*\d{1,2}){1,2})\s*\.?|(?P<num>\d{1,2})\s*[.)])"
    r"[ \t]+(?P<head>\S.*)$", re.M)


def fallback_sections(v: str) -> list:
    """Numbered headings ("I.", "2.", "3.1.") when the sections stage gave none."""
    heads = []
    roman = arabic = None
    for m in _HEAD_RE.finditer(v):
        if m.group("roman"):
            roman, arabic = m.group("roman"), None
            path, level = roman, 1
        elif m.group("num"):
            arabic = m.group("num")
            path, level = (f"{roman}.{arabic}" if roman else arabic), 2 if roman else 1
        else:
            nums = re.sub(r"\s+", "", m.group("dec")).split(".")
            path = ".".join(([roman] if roman else []) + nums)
            level = len(nums) + (1 if roman else 0)
        heads.append(Section(path=path, heading=m.group("head").strip(), level=level,
                             start=m.start(), end=len(v), heading_end=m.end()))
    for i, s in enumerate(heads):
        for t in heads[i + 1:]:
            if t.level <= s.level:
                s.end = t.start
                break
    return heads


# ------------------------------------------------------------------ clauses

@dataclass
class Clause:
    start: int
    end: int
    text: str                  # view text of the clause
    line_start: int
    line_text: str             # view text of the whole line/paragraph
    label: str = ""            # "Số lượng", "Đối tượng" (text before a leading ":")


_MARKER_RE = re.compile(r"^[ \t]*(?:[-+•–·*]+|[a-zđ]\)|\d{1,2}(?:\s*\.\s*\d{1,2}){0,3}\s*[.)]|[IVX]{1,5}\s*\.)[ \t]*", re.I)
_SPLIT_RE = re.compile(r";|\.(?=\s+[A-ZÀ-ỸĐ])|\.\s*$|\n")


def lines(v: str):
    """(start, end) of each non-empty line of the view."""
    pos = 0
    for line in v.split("\n"):
        if line.strip():
            yield pos, pos + len(line)
        pos += len(line) + 1


def clauses_of(v: str, start: int, end: int):
    """Split one line into clauses at ";" and sentence ends."""
    line = v[start:end]
    m = _MARKER_RE.match(line)
    body = m.end() if m else 0
    label = ""
    lm = re.match(r"^([^:\n]{2,60}):\s*", line[body:])
    if lm and len(lm.group(1).split()) <= 10:
        label = lm.group(1).strip()
    if "\t" in line:                                 # a table row is one clause
        yield Clause(start + body, end, line[body:], start, line, "")
        return
    pos = body
    for sm in _SPLIT_RE.finditer(line, body):
        if sm.start() > pos:
            yield Clause(start + pos, start + sm.start(), line[pos:sm.start()], start, line, label)
        pos = sm.end()
    if pos < len(line):
        yield Clause(start + pos, end, line[pos:], start, line, label)


# ------------------------------------------------------------------ candidates

@dataclass
class Cand:
    kind: str
    value: Optional[float]
    value_max: Optional[float]
    unit: Optional[str]
    start: int                 # offset in clause text
    end: int
    comparator: Optional[str] = None
    deadline: Optional[str] = None
    deadline_source: Optional[str] = None
    strong: bool = False       # has a target context of its own
    words: bool = False        # spelled-out number


def _num(s: Optional[str]) -> Optional[float]:
    if s is None:
        return None
    v = parse_number(s)
    return v if v is not None else parse_words(s)


def _norm(s: str) -> str:
    return " ".join(s.split())


def comparator_before(before: str) -> Optional[str]:
    """The comparator written just before a number (bridge words and dates skipped)."""
    rx = _rx()
    s = before
    for _ in range(4):
        # the patterns end with \s*$: a match lies in the last few words (``_tail_start``)
        pos = _tail_start(s, rx["cmp_span"])
        found = [(m.start(), k) for k in ("at_most", "less_than", "at_least", "more_than")
                 for m in [rx["cmp_before"][k].search(s, pos)] if m]
        if found:
            return min(found)[1]                       # the longest phrase: "không dưới" > "dưới"
        m = rx["bridge"].search(s, _tail_start(s, rx["bridge_span"]))
        if not m or m.start() == m.end():
            break
        s = s[:m.start()]
    return None


_DIGIT_RE = re.compile(r"\d")
_YEAR_WORD_END = re.compile(r"\bnăm\s*$", re.I)
_NOT_COUNT_END = re.compile(r"\b(?:ngày|lúc|tháng|quý|số|điều|khoản|điểm)\s*$", re.I)
_FROM_END = re.compile(r"(?:^|\s)từ\s*$")
_AND_END = re.compile(r"(?:\bvà|,)\s*$")
_EACH_END = re.compile(r"\bmỗi\s+(năm|tháng|quý|tuần)\b(?:\s+\S+){0,4}\s*$", re.I)


def _tail_start(s: str, k: int) -> int:
    """Where the last ``k`` white-space separated words of ``s`` begin (with the white space
    before them); 0 when ``s`` has no more than ``k`` words.  A match of a pattern that ends
    with ``\\s*$`` and spans fewer than ``k`` words starts there or later."""
    parts = s.rsplit(None, k)
    return len(parts[0]) if len(parts) > k else 0

_WORD_RE = re.compile(r"[^\W\d_]+|\d[\d.,]*|/|\S")


def _is_stop(toks: list, i: int, stops: set) -> bool:
    """Does a stop word or phrase (up to 3 syllables) start at token ``i``?"""
    return any(" ".join(x[0].lower() for x in toks[i:i + n]) in stops for n in (1, 2, 3))


_NUM_TOKEN = re.compile(r"\d[\d.,]*")
_WORD_TOKEN = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _unit_words() -> tuple:
    c = cues()
    return {s.lower() for s in c["unit_stop_words"]}, {s.lower() for s in c["unit_joiners"]}


def unit_after(text: str) -> tuple:
    """The counted noun after a number: ("phóng sự/năm", length used)."""
    c = cues()
    stops, joiners = _unit_words()
    words, pos, rate = [], 0, None
    # the loop reads at most max_unit_words + 13 tokens: the first ones are enough
    toks = [(m.group(), m.start(), m.end())
            for m in islice(_WORD_RE.finditer(text), 2 * c["max_unit_words"] + 40)]
    i = 0
    while i < len(toks):
        tok, s, e = toks[i]
        low = tok.lower()
        if tok == "/":
            rest = []
            j = i + 1
            if j < len(toks) and _NUM_TOKEN.fullmatch(toks[j][0]):
                n = parse_number(toks[j][0])
                if n != 1:
                    rest.append(toks[j][0])
                j += 1
            k = j
            while k < len(toks) and _WORD_TOKEN.fullmatch(toks[k][0]) and len(rest) < 6:
                if k > j and _is_stop(toks, k, stops):
                    break
                rest.append(toks[k][0])
                k += 1
            if not rest:
                break
            rate = " ".join(rest)
            pos = toks[k - 1][2]
            break
        if not _WORD_TOKEN.fullmatch(tok):
            if tok == "," and words and i + 1 < len(toks) and len(words) == 1 and c.get("comma_units") \
                    and (words[0] + ", " + toks[i + 1][0]).lower() in c["comma_units"]:
                words.append(",")
                i += 1
                continue
            break
        stop = _is_stop(toks, i, stops)
        if words and stop and low not in joiners:
            break
        if not words and stop:
            break
        if len([w for w in words if w != ","]) >= c["max_unit_words"]:
            break
        words.append(tok)
        pos = e
        i += 1
    while words and (words[-1].lower() in joiners or words[-1] == ","):
        words.pop()
    unit = " ".join(words).replace(" , ", ", ")
    if rate:
        unit = f"{unit}/{rate}" if unit else f"/{rate}"
    return unit, pos


def _label_unit(before: str, unit: str) -> str:
    """"Lắp đặt mới trạm 3G/4G: 58 trạm" -> "trạm 3G/4G": the label names the unit fully."""
    if not unit or not before.rstrip().endswith(":"):
        return unit                                    # (what the pattern below needs)
    m = re.search(r"(\S+(?:\s+\S+){0,3})\s*:\s*$", before)
    if not m or not unit:
        return unit
    words = m.group(1).split()
    first = unit.split()[0].lower()
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() == first:
            tail = words[i:]
            if 1 < len(tail) <= 3 and " ".join(tail).lower().startswith(unit.lower()) and \
                    re.search(r"\d", " ".join(tail[1:])):
                return " ".join(tail)
            break
    return unit


def _starts_with(unit: str, phrases) -> bool:
    u = unit.lower()
    return any(u == p or u.startswith(p + " ") or u.startswith(p + "/") for p in phrases)


def candidates(cl: Clause) -> list:
    """Every number-like target candidate in a clause, left to right, no overlaps."""
    rx, c = _rx(), cues()
    t = cl.text
    out: list = []
    taken: list = []

    def free(s, e):
        return not any(s < te and ts < e for ts, te in taken)

    def add(cand):
        if free(cand.start, cand.end):
            out.append(cand)
            taken.append((cand.start, cand.end))

    # what each pattern needs ("lần", a digit, "%" / "phần trăm", a comparator): the words
    # have no special case-folding, so ``in low`` finds what ``re.I`` would
    low = t.lower()
    digit = _DIGIT_RE.search(t) is not None
    freq_keys = ("freq_per", "freq_rate", "freq_each") if "lần" in low else ()
    word_cue = rx["word_count_cue"].found(t)
    if not digit and not freq_keys and not word_cue:
        return out                                     # no pattern can match
    taken.extend((s, e) for s, e, _ in _dates.find_dates(t, 2000))   # "ngày 20 tháng 6"
    for key in freq_keys:
        for m in rx[key].finditer(t):
            a, b = _num(m.group("a")), _num(m.group("b"))
            if a is None:
                continue
            period = c["periods"].get(_norm(m.group("p")).lower(), m.group("p"))
            n = _num(m.groupdict().get("n")) if m.groupdict().get("n") else 1
            unit = f"lần/{period}" if n in (None, 1) else f"lần/{n:g} {period}"
            cmp = None
            if m.group("cmp"):
                cmp = "at_most" if re.search(_alt(c["comparators"]["at_most"]), m.group("cmp"), re.I) else "at_least"
            add(Cand("frequency", a, b, unit, m.start(), m.end(), comparator="range" if b is not None else cmp,
                     strong=True, words=not re.match(r"\d", m.group("a"))))
    for m in (rx["percent"].finditer(t) if digit and ("%" in t or "trăm" in low) else ()):
        a, b = _num(m.group("a")), _num(m.group("b"))
        if a is None:
            continue
        add(Cand("percent", a, b, "%", m.start(), m.end(), comparator="range" if b is not None else None))
    for m in (rx["count"].finditer(t) if digit else ()):
        a, b = _num(m.group("a")), _num(m.group("b"))
        if a is None:
            continue
        # these patterns end the text before the number: they are looked for in its last
        # few words (``_tail_start``), as a search of the whole would find them
        head = t[:m.start()]
        last1 = _tail_start(head, 2)
        if _YEAR_WORD_END.search(head, last1) and 1900 <= a <= 2100:
            continue                                   # a year, not a count
        if _NOT_COUNT_END.search(head, last1):
            continue                                   # "trước ngày 16 hàng tháng", "Điều 5"
        unit, used = unit_after(t[m.end():])
        if m.group("per"):
            unit = f"{m.group('per')} {unit}".strip()
        unit = _label_unit(t[:m.start()], unit)
        each = _EACH_END.search(head, _tail_start(head, 7))
        if each and "/" not in unit:
            unit = f"{unit}/{each.group(1).lower()}"   # "mỗi năm có ít nhất 150 sản phẩm"
        if not unit:
            continue
        add(Cand("count", a, b, unit, m.start(), m.end() + used,
                 comparator="range" if b is not None else None))
    for m in (rx["word_count"].finditer(t) if word_cue else ()):
        v = parse_words(_norm(m.group("w")))
        if v is None:
            continue
        unit, used = unit_after(t[m.end("w"):])
        if not unit:
            continue
        add(Cand("count", v, None, unit, m.start("w"), m.end("w") + used, words=True, strong=True))
    out.sort(key=lambda x: x.start)
    return out


# ------------------------------------------------------------------ context

@dataclass
class Ctx:
    doc: object
    v: str
    sections: list
    period: Optional[list]
    plan_year: Optional[int]
    has_target_section: bool
    cited: list = field(default_factory=list)     # (start, end) of citation quotes
    own_period: bool = False                      # the title states the period
    horizon: Optional[str] = None                 # "2030" of "Mục tiêu cụ thể đến năm 2030"
    # the chain and flags are the same between two section boundaries: cached per stretch
    _bounds: Optional[list] = field(default=None, repr=False)
    _chains: dict = field(default_factory=dict, repr=False)
    _flags: dict = field(default_factory=dict, repr=False)
    _own: dict = field(default_factory=dict, repr=False)         # own_dates of a clause


def _stretch(ctx: Ctx, offset: int) -> int:
    """Index of the stretch between section boundaries that holds ``offset``."""
    if ctx._bounds is None:
        ctx._bounds = sorted({x for s in ctx.sections for x in (s.start, s.end)})
    return bisect_right(ctx._bounds, offset)


def chain(ctx: Ctx, offset: int) -> list:
    """Sections containing ``offset``, outermost first."""
    k = _stretch(ctx, offset)
    ch = ctx._chains.get(k)
    if ch is None:
        ch = ctx._chains[k] = sorted((s for s in ctx.sections if s.start <= offset < s.end),
                                     key=lambda s: (s.level, s.start))
    return list(ch)


def _unmark(h: str) -> str:
    """``_MARK_RE.sub(" ", h)``; every match holds one of "*#\\|`<_" or "---"."""
    if "---" in h or any(ch in h for ch in "*#\\|`<_"):
        return _mark_re(h).sub(" ", h)
    return h


@lru_cache(maxsize=4096)
def _heading_text(h: str) -> str:
    return _norm(_unmark(h))


def _heading(ctx: Ctx, s: Section) -> str:
    return _heading_text(s.heading or "")


def section_flags(ctx: Ctx, offset: int) -> dict:
    """Is the offset inside a negative, objective-only or target section?"""
    flags = _cached_flags(ctx, offset)
    return {**flags, "chain": list(flags["chain"])}


def _cached_flags(ctx: Ctx, offset: int) -> dict:
    """``section_flags`` as cached for the stretch (shared: not to be changed)."""
    k = _stretch(ctx, offset)
    flags = ctx._flags.get(k)
    if flags is None:
        flags = ctx._flags[k] = _section_flags(ctx, chain(ctx, offset))
    return flags


def _section_flags(ctx: Ctx, ch: list) -> dict:
    rx, c = _rx(), cues()
    heads = [_heading(ctx, s).lower() for s in ch]
    neg = any(rx["neg_heading"].search(_heading(ctx, s).lower()) and
              (len(_heading(ctx, s).split()) <= 10 or _heading(ctx, s).isupper()) for s in ch)
    target = any(rx["target_heading"].search(h) for h in heads)
    obj_only = False
    if ctx.has_target_section:
        obj_only = any(c["objective_heading"] in h and c["target_section_heading"] not in h for h in heads)
    return {"negative": neg, "target": target, "objective_only": obj_only, "chain": ch}


def own_dates(ctx: Ctx, cl: Clause, lo: int, hi: int, deadline_only=False) -> list:
    """Dates in ``cl.text[lo:hi]`` that a cue marks as a due date: [(start, end, iso)]."""
    k = (cl.start, cl.text, lo, hi, bool(deadline_only))
    found = ctx._own.get(k)
    if found is None:
        found = ctx._own[k] = _own_dates(ctx, cl, lo, hi, deadline_only)
    return list(found)


def _own_dates(ctx: Ctx, cl: Clause, lo: int, hi: int, deadline_only=False) -> list:
    rx = _rx()
    t = cl.text
    out = []
    for s, e, iso in _date_spans(t, ctx.plan_year):
        if s < lo or e > hi:
            continue
        abs_s = cl.start + s
        if any(a <= abs_s < b for a, b in ctx.cited):
            continue
        before = t[max(0, s - 40):s]
        phrase = t[s:e].lower()
        if re.search(r"(?:số|/)\s*\S*\s*$", before) and re.search(r"ngày", phrase + before[-6:]):
            continue                                  # "… số 12/KH-UBND ngày 01/11/2021"
        if re.search(r"(?:ngày|ban hành|ký)\s*$", before) and "/" in before[-25:]:
            continue
        if len(iso) == 4 and not phrase.startswith("năm"):
            continue
        if re.search(r"\bso\s+với\s*$", before, re.I):
            continue                                   # "so với năm 2025": a baseline
        if len(iso) == 4 and re.search(r"\(\s*$", before) and re.match(r"\s*\)", t[e:]):
            if not re.search(r"(?:(?:hằng|hàng)\s+năm|kết\s+quả\b.{0,40})\s*\(\s*$", before, re.I):
                out.append((s, e, iso))               # "Báo cáo giữa kỳ … (năm 2030)"
            continue
        cued = bool(rx["deadline_cue"].search(before))
        if len(iso) == 4:
            yb = before + "năm"
            cued = cued or bool(rx["year_cue"].search(yb))
            # "giai đoạn 2026 - 2030" / "năm 2026 - 2027": the end year
            rm = re.match(rf"năm\s+{YEAR}\s*[-–—]\s*({YEAR})", t[s:s + 20], re.I) or \
                re.match(rf"năm\s+{YEAR}\s+(?:đến|tới)\s+(?:năm\s+)?({YEAR})", t[s:s + 30], re.I)
            if rm:
                if _covers_plan(ctx, t[s:s + rm.end()]) and deadline_only:
                    continue                           # "Từ năm 2022 đến năm 2025": the whole plan
                iso, e = rm.group(1), s + rm.end()
            if re.search(r"\bgiai\s+đoạn\s*$", before, re.I):
                cued = True
            if deadline_only and not re.search(r"(?:hoàn\s+thành|chậm\s+nhất|trước|xong|thời\s+(?:gian|hạn)[^:]*:|tiến\s+độ[^:]*:)\s*(?:trong\s+)?$", before, re.I):
                cued = False
        elif not cued and len(iso) > 4:
            # "(Quý II/2020)" in brackets, or a date alone in a table cell
            if re.search(YEAR, phrase) and len(iso) <= 7:        # "(Quý II/2020)", not a full date
                cued = bool(re.search(r"\(\s*$", before)) or \
                    ("\t" in t and bool(re.search(r"(?:^|\t)\s*$", t[:s])))
        if cued:
            out.append((s, e, iso))
    # a table cell holding only a year or a range of years: "2026", "2026-2030"
    if "\t" in t:
        pos = 0
        for cell in t.split("\t"):
            m = re.fullmatch(rf"\s*(?:năm\s+)?({YEAR})(?:\s*[-–—]\s*({YEAR}))?\s*", cell, re.I)
            if m and lo <= pos and pos + len(cell) <= hi and not any(a <= pos + m.start(1) < b for a, b, _ in out) \
                    and not _covers_plan(ctx, cell):
                out.append((pos + m.start(1), pos + m.end(), m.group(2) or m.group(1)))
            pos += len(cell) + 1
    # "giai đoạn 2026 - 2030" without "năm"
    for m in re.finditer(rf"\bgiai\s+đoạn\s+({YEAR})\s*[-–—]\s*({YEAR})", t[lo:hi], re.I):
        s = lo + m.start()
        if not any(a <= cl.start + s < b for a, b in ctx.cited) and not deadline_only:
            before = t[max(0, s - 30):s]
            if not rx["title"].search(before) or re.search(r"(?:trong|phấn\s+đấu)\s*$", before, re.I):
                out.append((s, lo + m.end(), m.group(2)))
    if ctx.period:                                     # a date before the plan is history
        out = [d for d in out if not d[2][:4].isdigit() or int(d[2][:4]) >= ctx.period[0] - 1]
    out = sorted(out)
    keep = []
    for i, d in enumerate(out):
        if i + 1 < len(out) and re.fullmatch(r"\s*(?:[-–—]|đến|tới)\s*", t[d[1]:out[i + 1][0]], re.I):
            continue                                   # "Quý IV/2025 - Quý II/2026": due at the end
        keep.append(d)
    return keep


def _date_spans(text: str, default_year) -> list:
    """``dates.find_dates`` with "Quý IV/2025 - Quý II/2026" merged into one span due at
    its end."""
    found = list(_dates.find_dates(text, default_year))
    out = []
    for s, e, iso in found:
        if out and len(iso) > 4 and re.fullmatch(r"\s*(?:[-–—]|đến|tới)\s*", text[out[-1][1]:s], re.I):
            out[-1] = (out[-1][0], e, iso)
        else:
            out.append((s, e, iso))
    return out


def _covers_plan(ctx: Ctx, text: str) -> bool:
    """Does a range of years ("2025 - 2035") span the whole plan period?"""
    ys = [int(y) for y in re.findall(rf"(?<!\d){YEAR}(?!\d)", text)]
    if len(ys) < 2 or not ctx.period:
        return False
    return min(ys) <= ctx.period[0] and max(ys) >= ctx.period[1]


def heading_deadline(text: str) -> Optional[str]:
    """A deadline stated by a heading or lead-in: "Đến năm 2030", "Hằng năm", "giai đoạn …"."""
    rx = _rx()
    t = _norm(text)
    m = re.search(rf"(?:đến|tới|vào|trong|cuối|hết|trước)\s+(?:hết\s+|cuối\s+)?năm\s+({YEAR})", t, re.I)
    if m:
        return m.group(1)
    m = re.search(rf"giai\s+đoạn\s+{YEAR}\s*[-–—]\s*({YEAR})", t, re.I)
    if m:
        return m.group(1)
    if rx["annual"].search(t):
        return "annual"
    m = re.search(rf"^\W*năm\s+({YEAR})\b", t, re.I)
    if m:
        return m.group(1)
    return None


def item_deadline(ctx: Ctx, sec: Optional[Section]) -> Optional[tuple]:
    """("2025", line) from a "Thời gian thực hiện: Từ năm 2022 đến năm 2025" line of the item."""
    if sec is None:
        return None
    rx = _rx()
    body = ctx.v[sec.heading_end or sec.start:sec.end]
    for ls, le in lines(body):
        line = body[ls:le]
        m = _MARKER_RE.match(line)
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
    date line ("a) Đến năm 2026")."""
    lo = sec.start if sec else max(0, line_start - 3000)
    prev = [(lo + a, ctx.v[lo + a:lo + b]) for a, b in lines(ctx.v[lo:line_start])]
    cur_marker = _MARKER_RE.match(ctx.v[line_start:line_start + 10])
    cur = (cur_marker.group().strip() if cur_marker else "")
    if cur[:1] not in ("-", "+", "•"):
        return None
    heads = {x.start for x in ctx.sections}
    for pos, line in reversed(prev[-30:]):
        s = line.strip()
        if pos in heads:
            return None                            # a heading governs through the chain
        m = _MARKER_RE.match(line)
        body = line[m.end() if m else 0:].strip()
        if s.endswith(":") or (len(body.split()) <= 8 and not body.endswith(".") and heading_deadline(body)):
            return s
        mk = m.group().strip() if m else ""
        if mk[:1] == cur[:1]:
            continue                               # a sibling item under the same lead-in
        return None
    return None


# ------------------------------------------------------------------ main

def _undated(text: str) -> str:
    """``text`` without its full dates ("ngày 15 tháng 8 năm 2024" is no period)."""
    for s, e, iso in sorted(_dates.find_dates(text), reverse=True):
        if len(iso) > 4:
            text = text[:s] + " " + text[e:]
    return text


def _plan_period(doc, v: str) -> tuple:
    """(period, own): the plan's period, and whether its title states it (only then do
    targets without any other date inherit its end)."""
    p = getattr(doc.meta, "period", None)
    title = getattr(doc.meta, "title", None) or _title_text(v)
    if p and len(p) == 2 and all(isinstance(x, int) for x in p):
        own = bool(title and _dates.parse_period(_undated(title), p[0]))
        return list(p), own
    p = _dates.parse_period(_undated(title)) if title else None
    return p, bool(p)


def _title_text(v: str) -> str:
    """The line after "KẾ HOẠCH" (or the like) near the top: the plan's title."""
    m = re.search(r"(?:^|[ \t])(?:KẾ\s+HOẠCH|CHƯƠNG\s+TRÌNH|ĐỀ\s+ÁN|CHIẾN\s+LƯỢC)[ \t]*\n+([^\n]+)", v[:4000], re.M)
    return m.group(1) if m else ""


def _context(doc) -> Ctx:
    v = view(doc.text)
    sections = list(doc.sections) if doc.sections else fallback_sections(v)
    period, own = _plan_period(doc, v)
    plan_year = period[0] if period else None
    if plan_year is None:
        plan_year = _dates.year_of(getattr(doc.meta, "date", None))
    ts = cues()["target_section_heading"]
    oh = cues()["objective_heading"]
    heads = [_heading(None, s) for s in sections]
    has_ts = any(ts in h.lower() and oh not in h.lower() for h in heads)
    cited = [(c.start, c.end) for c in (doc.citations or []) if getattr(c, "end", 0) > getattr(c, "start", 0)]
    rx = _rx()
    years = [heading_deadline(h) for h in heads if rx["target_heading"].search(h)]
    years = [y for y in years if y and y.isdigit()]
    return Ctx(doc, v, sections, period, plan_year, has_ts, cited, own_period=own,
               horizon=max(years) if years else None)


def extract_targets(doc) -> list:
    """All targets of ``doc`` in text order."""
    if not doc.text:
        return []
    ctx = _context(doc)
    plan = is_plan(doc, ctx)
    th = _rx()["target_heading"]
    if not plan and not any(th.search(_heading(ctx, s).lower()) for s in ctx.sections):
        return []                                      # no target section: every clause is skipped below
    out = []
    may_target = _rx()["may_target"]
    v = ctx.v
    _stretch(ctx, 0)                                   # (sets ctx._bounds)
    bounds = ctx._bounds
    for ls, le in lines(v):
        # a line inside one stretch between section boundaries: its clauses share the flags
        # of its start, and a negative section or (outside a plan) a non-target one gives
        # nothing (see below)
        if bisect_right(bounds, ls) == bisect_right(bounds, le - 1):
            lf = _cached_flags(ctx, ls)
            if lf["negative"] or (not plan and not lf["target"]):
                continue
        # the clauses lie after the line's marker: none can give a target when that part
        # of the line has no digit and none of the words a target needs (``may_target``)
        a = ls + _marker_len(v[ls:le])
        if not _DIGIT_RE.search(v, a, le) and not may_target.found(v[a:le]):
            continue
        line_targets = []
        for cl in clauses_of(ctx.v, ls, le):
            flags = _cached_flags(ctx, cl.start)
            # a clause in a negative section gives nothing (``_accept``, ``_deadline_tasks``),
            # and outside a plan only target sections are kept: skip those clauses
            if flags["negative"] or (not plan and not flags["target"]):
                continue                               # a rule of a decree, not a plan's target
            found = _clause_targets(ctx, cl)
            for t in found:                            # "…70% số xã …; đến năm 2028 đạt 85%"
                if line_targets and t.kind != "deadline" and t.indicator == _section_heading(chain(ctx, t.start)):
                    t.indicator = line_targets[-1].indicator
                line_targets.append(t)
        out.extend(line_targets)
    return out


def is_plan(doc, ctx: Ctx) -> bool:
    """Does the document make a plan (a Kế hoạch, or a decision issuing one)?"""
    c = cues()
    dt = (getattr(doc.meta, "doc_type", None) or "").lower()
    title = getattr(doc.meta, "title", None) or ""
    if not dt:                                         # unknown: look at the top of the text
        head = ctx.v[:3000]
        return bool(re.search(r"^[ \t]*(?:KẾ\s+HOẠCH|CHƯƠNG\s+TRÌNH|ĐỀ\s+ÁN|CHIẾN\s+LƯỢC|PHƯƠNG\s+ÁN)\b", head, re.M)
                    or re.search(c["plan_title"], head[:1500], re.I))
    if any(dt.startswith(t) for t in c["plan_doc_types"]):
        return True
    return bool(re.search(c["plan_title"], title, re.I))


def _accept(ctx: Ctx, cl: Clause, cand: Cand, flags: dict) -> bool:
    rx, c = _rx(), cues()
    t = cl.text
    before = t[:cand.start]
    after = t[cand.end:cand.end + 60]
    if flags["negative"] or flags["objective_only"]:
        return False
    if rx["neg_lead"].match(cl.line_text[_marker_len(cl.line_text):]) and not cand.kind == "frequency":
        return False
    if _has_condition(t):
        return False
    if rx["baseline"].match(t) and not re.match(r"^\W*(?:qua|sau)\b", t, re.I):
        return False                                   # "Hiện nay, tổng số trạm … khoảng 180 trạm"
    if rx["past"].search(before[-40:]):
        return False
    if rx["share"].search(before[-40:]) and comparator_before(before) not in c["strong_comparators"]:
        return False                                   # "chiếm 30%": a share, not a commitment
    if rx["title"].search(before[-30:]) and cand.kind == "count":
        return False
    if cand.kind == "percent":
        return not rx["share_noun"].match(after)       # "100% vốn điều lệ": ownership
    if cand.kind == "frequency":
        return True
    unit = cand.unit or ""
    if _starts_with(unit, c["reference_units"]) or _starts_with(unit, c["money_units"]):
        return False
    if _starts_with(unit, c["time_units"]) and "/" not in unit:
        return False
    if re.fullmatch(YEAR, t[cand.start:cand.end].split(" ")[0]) and "/" not in unit \
            and comparator_before(before) not in c["strong_comparators"]:
        return False                                   # "2030 phấn đấu …": a year
    if re.search(r"\b(?:xuống|lên)\b", after) and _FROM_END.search(before, _tail_start(before, 2)):
        return False                                   # baseline "giảm từ 23 … xuống 18"
    own = bool(own_dates(ctx, cl, 0, len(t), deadline_only=True))
    if rx["scope"].search(before[-25:]) and not own:
        return False
    if cand.strong or "/" in unit or cand.comparator:
        return True
    if comparator_before(before) in c["strong_comparators"] or rx["cmp_after"]["at_least"].match(t[cand.end:]):
        return True
    if cl.label and before.rstrip().endswith(":") \
            and re.match(r"^\W*(?:" + _alt(c["target_verbs"]) + r")\b", cl.label, re.I):
        return True                                    # "Lắp đặt mới trạm 3G/4G: 58 trạm"
    if rx["target_lead"].match(cl.label or "") or rx["target_lead"].match(t):
        return True
    if own:
        return True
    if flags["target"] and (not before.strip() or rx["count_lead"].search(before[-30:])):
        return True                                    # "Tiếp cận, tư vấn cho 50 lượt …"
    if rx["verb_before"].search(before[-30:]):
        return True
    return False


@lru_cache(maxsize=256)
def _has_condition(t: str) -> bool:
    return bool(_rx()["condition"].search(_norm(t)))


def _marker_len(line: str) -> int:
    m = _MARKER_RE.match(line)
    return m.end() if m else 0


def _clause_targets(ctx: Ctx, cl: Clause) -> list:
    cands = candidates(cl)
    flags = section_flags(ctx, cl.start)
    kept = []
    for cand in cands:
        if not _accept(ctx, cl, cand, flags):
            continue
        if kept and cand.kind != kept[0].kind:
            continue                                   # a number defining the indicator
        if kept and cand.words and not kept[0].words:
            continue
        kept.append(cand)
    if not kept:
        return _deadline_tasks(ctx, cl, flags)
    # drop a past result: an own year before the plan starts
    targets = []
    prev_cmp = None
    for i, cand in enumerate(kept):
        nxt = kept[i + 1].start if i + 1 < len(kept) else len(cl.text)
        before = cl.text[:cand.start]
        cmp = cand.comparator or comparator_before(before[-60:])
        if cmp is None:
            for k, r in _rx()["cmp_after"].items():
                if r.match(cl.text[cand.end:]):
                    cmp = k
        if cmp is None and i > 0 and prev_cmp and _AND_END.search(before, _tail_start(before, 2)) \
                and not (cand.kind == "percent" and cand.value >= 100):
            cmp = prev_cmp                              # "Ít nhất 60% … và 50% …"
        cmp = cmp or "bare"
        prev_cmp = cmp
        deadline, source = _deadline(ctx, cl, cand, nxt, i, kept, flags)
        if deadline and deadline[:4].isdigit() and ctx.period and int(deadline[:4]) < ctx.period[0] \
                and source == "own":
            continue
        ind = _indicator.indicator_for(cl.text, cand.start, cand.end, nxt,
                                       kept[i - 1].end if i else 0, cand.kind, cand.unit,
                                       _section_heading(flags["chain"]))
        targets.append(Target(
            section=_path(flags["chain"]), kind=cand.kind, value=cand.value,
            value_max=cand.value_max, unit=cand.unit, comparator=cmp, deadline=deadline,
            indicator=ind, quote=_quote(ctx, cl), start=cl.start, end=cl.end,
            deadline_source=source))
    return targets


def _path(ch: list) -> Optional[str]:
    return ch[-1].path if ch else None


def _section_heading(ch: list) -> str:
    return _norm(_unmark(ch[-1].heading)) if ch else ""


def _quote(ctx: Ctx, cl: Clause) -> str:
    return _norm(ctx.doc.text[cl.start:cl.end]).strip(" -+;,.")


def _deadline(ctx: Ctx, cl: Clause, cand: Cand, nxt: int, i: int, kept: list, flags: dict):
    """(deadline, source) for a numeric target."""
    t = cl.text
    mine = own_dates(ctx, cl, cand.end, nxt)
    if not mine:
        lo = kept[i - 1].end if i else 0
        mine = own_dates(ctx, cl, lo, cand.start)
        if not mine and i:
            mine = own_dates(ctx, cl, 0, cand.start)
    if mine:
        return mine[0][2] if mine[0][0] >= cand.end else mine[-1][2], "own"
    if _rx()["annual"].search(t[:cand.start]):
        return "annual", "own"                          # "Hằng năm, … 80%"; not "… 100% … hằng năm"
    if re.match(r"^\W*(?:hằng|hàng)\s+năm\b", cl.line_text[_marker_len(cl.line_text):], re.I):
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
        d = heading_deadline(_heading(ctx, s))
        if d:
            return d, "heading"
    if ctx.period and ctx.own_period:
        if ctx.period[0] == ctx.period[1]:
            return str(ctx.period[0]), "plan-year"
        return str(ctx.period[1]), "plan-period"
    if ctx.horizon:
        return ctx.horizon, "plan-horizon"
    return None, None


def _deadline_tasks(ctx: Ctx, cl: Clause, flags: dict) -> list:
    """Tasks with a due date and no number in a clause."""
    if flags["negative"] or _has_condition(cl.text):
        return []                                      # "Trường hợp … trước ngày … thì …"
    rx = _rx()
    t = cl.text
    line_rest = cl.line_text[_marker_len(cl.line_text):]
    is_item_period = bool(rx["item_period"].match(line_rest))
    if is_item_period and rx["ongoing"].search(t):
        return []
    # dates and years need digits
    found = (own_dates(ctx, cl, 0, len(t), deadline_only=True) or _year_task(ctx, cl)) \
        if _DIGIT_RE.search(t) else []
    source = "own"
    if not found:
        found = _completion_task(ctx, cl, flags)
        source = "heading"
    out = []
    ch = flags["chain"]
    for s, e, iso in found:
        if rx["annual"].search(t[max(0, s - 60):s]) and len(iso) == 10:
            iso_out = "annual"
        else:
            iso_out = iso
        if is_item_period and _item_has_number(ctx, ch[-1] if ch else None):
            continue
        task = t[:s]
        ind = _norm(_MARK_RE.sub(" ", task)).strip(" ,;:(-+")
        if source == "heading":
            ind = _norm(_MARK_RE.sub(" ", t)).strip(" ,;:.(-+")   # the item itself
        elif "\t" in t:
            cells = [x.strip() for x in t.split("\t")]
            ind = next((x for x in cells if len(x.split()) >= 3 and not _dates.parse_date(x)), None)
            if ind is None:
                continue                               # a header row ("Năm 2026 | Năm 2027")
        elif is_item_period or len(ind.split()) < 3:
            ind = _task_text(ctx, cl, ch) or ind
        out.append(Target(section=_path(ch), kind="deadline", value=None, unit=None, comparator=None,
                          deadline=iso_out, indicator=ind, quote=_quote(ctx, cl),
                          start=cl.start, end=cl.end, deadline_source=source))
    return out


def _completion_task(ctx: Ctx, cl: Clause, flags: dict) -> list:
    """An item that completes something, under a heading or lead-in with a year."""
    rx = _rx()
    if cl.start != cl.line_start + _marker_len(cl.line_text) or not _MARKER_RE.match(cl.line_text):
        return []                                      # the first clause of a list item only
    if any(s.start == cl.line_start for s in ctx.sections) or cl.line_text.rstrip().endswith(":"):
        return []
    if not rx["completion"].search(cl.text[:60]):
        return []
    ch = flags["chain"]
    li = lead_in(ctx, cl.line_start, ch[-1] if ch else None)
    for text in ([li] if li else []) + [_heading(ctx, s) for s in reversed(ch)]:
        if not rx["target_heading"].search(text) and text is not li:
            continue
        d = heading_deadline(text)
        if d and d != "annual":
            return [(0, 0, d)]
    return []


_LETTERS_RE = re.compile(r"[^\W\d_]+")      # every letter (and a few non-decimal numerals)


@lru_cache(maxsize=1024)
def _mostly_upper(line: str) -> bool:
    """More than 60% of the letters (``str.isalpha``) of ``line`` are capitals."""
    letters = "".join(_LETTERS_RE.findall(line))
    if letters and not letters.isalpha():
        letters = "".join(ch for ch in letters if ch.isalpha())     # "²", "½" are no letters
    return bool(letters) and sum(map(str.isupper, letters)) > 0.6 * len(letters)


def _year_task(ctx: Ctx, cl: Clause) -> list:
    """"Đến năm 2030, hệ thống … được hoàn thiện" / "… thành lập mới … đến năm 2030":
    a task due in a year, when the clause names no document (whose title it would be)."""
    t = cl.text
    if "năm" not in t.lower():
        return []                                      # both patterns below need "năm"
    if cl.line_text.rstrip().endswith(":") or any(s.start == cl.line_start for s in ctx.sections):
        return []
    if _rx()["item_period"].match(cl.line_text[_marker_len(cl.line_text):]):
        return []                                      # handled as a due date of the item
    if not chain(ctx, cl.start) or _mostly_upper(cl.line_text):
        return []                                      # a title, or the preamble
    tw = cues()["title_words"]
    m = re.match(rf"^\W*(?:đến|tới)\s+(?:hết\s+|cuối\s+)?năm\s+({YEAR})\s*,", t, re.I) or \
        re.search(rf"(?:đến|trước)\s+(?:hết\s+|cuối\s+)?năm\s+({YEAR})\W*$", t, re.I)
    if not m or re.search(rf"\b(?:{_alt(tw)})\b", t[:m.start()] if m.start() else "", re.I):
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
    return bool(re.search(rf"(?<![\w./])(?:{NUMBER})\s*(?:%|[^\W\d_]+(?:\s+[^\W\d_]+){{0,3}}\s*/\s*[^\W\d_])", body))


def _task_text(ctx: Ctx, cl: Clause, ch: list) -> str:
    """The task a "Thời gian thực hiện: …" line belongs to: its item's first line or heading."""
    lo = ch[-1].start if ch else max(0, cl.line_start - 2000)
    prev = ctx.v[lo:cl.line_start].rstrip("\n").split("\n")
    task_label = _rx()["task_label"]
    fields = False                  # passed a field heading ("b) Cơ quan thực hiện:")
    for line in reversed(prev):
        s = line.strip()
        if not s:
            continue
        m = _MARKER_RE.match(line)
        rest = line[m.end() if m else 0:].strip()
        label = re.match(r"^([^:]{2,40}):\s*", rest)
        if label and not rest.endswith(":"):
            if task_label.fullmatch(label.group(1).strip()):
                return _norm(rest[label.end():])[:200]    # "a) Nhiệm vụ: Tham mưu …"
            continue                                   # "Cơ quan chủ trì: …" and such
        if rest.endswith(":") and len(rest.split()) <= 6:
            fields = True                              # a field of the item, not its task
            continue
        if fields:
            break                                      # the body of another field
        if rest:
            return _norm(rest)[:200]
    return _section_heading(ch)
