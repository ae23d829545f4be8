"""Candidates: the numbers of a clause that may be targets, with unit and comparator."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Optional

from pipeline.stages.targets.clauses import Clause
from pipeline.stages.targets.patterns import cues, regexes
from pipeline.stages.targets.view import squash
from pipeline.text import dates as _dates
from pipeline.text.numbers import parse_number, parse_words, to_number


@dataclass
class Cand:
    kind: str
    value: float
    value_max: Optional[float]
    unit: Optional[str]
    start: int                 # offset in clause text
    end: int
    comparator: Optional[str] = None
    deadline: Optional[str] = None
    deadline_source: Optional[str] = None
    strong: bool = False       # has a target context of its own
    words: bool = False        # spelled-out number


def _range(m: re.Match[str]) -> tuple[Optional[float], Optional[float]]:
    """The numbers (digits or words) of groups "a" and "b" of a match ("1 - 2 lần"); b is None
    when the match has no second number."""
    b = m.group("b")
    return to_number(m.group("a")), (to_number(b) if b is not None else None)


def comparator_before(before: str) -> Optional[str]:
    """The comparator written just before a number (bridge words and dates skipped)."""
    rx = regexes()
    s = before
    for _ in range(4):
        # the patterns end with \s*$: a match lies in the last few words (``tail_start``)
        pos = tail_start(s, rx["cmp_span"])
        found = [(m.start(), k) for k in ("at_most", "less_than", "at_least", "more_than")
                 for m in [rx["cmp_before"][k].search(s, pos)] if m]
        if found:
            return min(found)[1]                       # the longest phrase: "không dưới" > "dưới"
        m = rx["bridge"].search(s, tail_start(s, rx["bridge_span"]))
        if not m or m.start() == m.end():
            break
        s = s[:m.start()]
    return None


DIGIT_RE = re.compile(r"\d")


def tail_start(s: str, k: int, end: Optional[int] = None) -> int:
    """Where the last ``k`` white-space separated words of ``s[:end]`` begin (with the white
    space before them); 0 when it has no more than ``k`` words.  A match of a pattern that
    ends with ``\\s*$`` and spans fewer than ``k`` words starts there or later.

    Read on a window before ``end``, doubled until it holds more than ``k`` words: then its
    last ``k`` words and the white space before them are those of the whole (the window's
    first, maybe cut, word lies before them), and a number costs the words it looks at,
    not the length of the text before it."""
    end = len(s) if end is None else end
    size = 64 * (k + 1)
    while True:
        lo = max(0, end - size)
        parts = s[lo:end].rsplit(None, k)
        if len(parts) > k:
            return lo + len(parts[0])
        if lo == 0:
            return 0
        size *= 2

_WORD_RE = re.compile(r"[^\W\d_]+|\d[\d.,]*|/|\S")


def _is_stop(toks: list[tuple[str, int, int]], i: int, stops: set[str]) -> bool:
    """Does a stop word or phrase (up to 3 syllables) start at token ``i``?"""
    return any(" ".join(x[0].lower() for x in toks[i:i + n]) in stops for n in (1, 2, 3))


_NUM_TOKEN = re.compile(r"\d[\d.,]*")
_WORD_TOKEN = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _unit_words() -> tuple[set[str], set[str]]:
    c = cues()
    return {s.lower() for s in c["unit_stop_words"]}, {s.lower() for s in c["unit_joiners"]}


@lru_cache(maxsize=1)
def _noun_stops() -> frozenset[str]:
    return frozenset(s.lower() for s in cues()["unit_noun_stops"])


def _noun_at(toks: list[tuple[str, int, int]], i: int) -> int:
    """How many tokens at ``i`` make a stop phrase that right after a number is the counted
    noun ("tổ chức": organise / organisation), or 0."""
    nouns = _noun_stops()
    for n in (3, 2, 1):                                # (n tokens there: not past the end)
        if i + n <= len(toks) and " ".join(x[0].lower() for x in toks[i:i + n]) in nouns:
            return n
    return 0


def unit_after(text: str, start: int = 0, end: Optional[int] = None) -> tuple[str, int]:
    """The counted noun after a number, in ``text[start:end]`` (read in place, not copied):
    ("phóng sự/năm", length used)."""
    c = cues()
    stops, joiners = _unit_words()
    words: list[str]
    rate: Optional[str]
    words, pos, rate = [], 0, None
    # the loop reads at most max_unit_words + 11 tokens (the words, one comma, a rate of a
    # number and 6 words after "/", and the 2 tokens a stop phrase looks ahead): the first
    # ones are enough
    toks = [(m.group(), m.start() - start, m.end() - start)
            for m in islice(_WORD_RE.finditer(text, start, len(text) if end is None else end),
                            c["max_unit_words"] + 16)]
    i = 0
    while i < len(toks):
        tok, s, e = toks[i]
        low = tok.lower()
        if tok == "/":
            rest: list[str] = []
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
            n = _noun_at(toks, i)
            if not n:
                break
            words.extend(x[0] for x in toks[i:i + n])  # "03 tổ chức, doanh nghiệp": a noun here
            pos = toks[i + n - 1][2]
            i += n
            continue
        if len([w for w in words if w != ","]) >= c["max_unit_words"]:
            # a unit that runs on this long has become a clause ("doanh nghiệp công nghệ số
            # ngang tầm các nước tiên tiến"): its counted noun is at the head, before a
            # joined second noun ("cơ sở dữ liệu quốc gia và chuyên ngành …"), else half
            first = i - len(words)                     # (words are toks[first:i])
            k = next((j for j, w in enumerate(words) if j and w.lower() in joiners), c["max_unit_words"] // 2)
            del words[k:]
            pos = toks[first + len(words) - 1][2]
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


def _label_unit(t: str, end: int, unit: str) -> str:
    """"Lắp đặt mới trạm 3G/4G: 58 trạm" -> "trạm 3G/4G": the label names the unit fully.

    The label is read in the last 5 words before ``end``: the pattern below spans at most 5
    (4 and a ":"), and every start of a match of it is the start of one of them."""
    before = t[tail_start(t, 5, end):end]
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


# the phrase lists of ``starts_with`` by identity: (list, its phrases, their starts)
_PHRASES: dict[int, tuple[list[str], frozenset[str], tuple[str, ...]]] = {}


def starts_with(unit: str, phrases: list[str]) -> bool:
    """Is ``unit`` (lower-cased) one of ``phrases``, or does it start with one followed by
    " " or "/"?  (The phrases of a list are prepared once: asked for each number.)"""
    hit = _PHRASES.get(id(phrases))
    if hit is None or hit[0] is not phrases:
        hit = _PHRASES[id(phrases)] = (phrases, frozenset(phrases),
                                       tuple(p + sep for p in phrases for sep in " /"))
    u = unit.lower()
    return u in hit[1] or u.startswith(hit[2])


def _cell_end(t: str, tabs: list[int], pos: int) -> int:
    """Where the table cell of ``pos`` ends (the next tab, else the end of ``t``): a unit
    does not run into the next cell.  ``tabs``: the tabs of ``t``, found once."""
    i = bisect_left(tabs, pos)
    return tabs[i] if i < len(tabs) else len(t)


def candidates(cl: Clause, default_year: Optional[int] = None) -> list[Cand]:
    """Every number-like target candidate in a clause, left to right, no overlaps.

    Dates are no candidates, a day and month without a year ("ngày 20 tháng 6") included:
    their spans are the same whatever year ``default_year`` (default 2000) gives them, so
    the plan's year shares the dates the deadlines read in the clause (``find_dates``)."""
    rx, c = regexes(), cues()
    t = cl.text
    out: list[Cand] = []
    # spans taken so far, never overlapping, sorted by start: only the neighbours of a new
    # span can overlap it (linear in the numbers of a clause, however many)
    starts: list[int] = []
    ends: list[int] = []

    def free(s: int, e: int) -> bool:
        i = bisect_left(starts, s)
        return not ((i and ends[i - 1] > s) or (i < len(starts) and starts[i] < e))

    def take(s: int, e: int) -> None:
        i = bisect_left(starts, s)
        starts.insert(i, s)
        ends.insert(i, e)

    def add(cand: Cand) -> None:
        if free(cand.start, cand.end):
            out.append(cand)
            take(cand.start, cand.end)

    # what each pattern needs ("lần", a digit, "%" / "phần trăm", a comparator): the words
    # have no special case-folding, so ``in low`` finds what ``re.I`` would
    low = t.lower()
    times = c["words"]["times"]
    digit = DIGIT_RE.search(t) is not None
    freq_keys = ("freq_per", "freq_rate", "freq_each") if times in low else ()
    word_cue = rx["word_count_cue"].found(t, low) and rx["word_count_phrases"].found_spaced(t, low)
    if not digit and not freq_keys and not word_cue:
        return out                                     # no pattern can match
    tabs = [i.start() for i in re.finditer("\t", t)] if "\t" in t else []
    for s, e, _ in _dates.find_dates(t, default_year or 2000):     # "ngày 20 tháng 6"
        take(s, e)
    for key in freq_keys:
        for m in rx[key].finditer(t):
            a, b = _range(m)
            if a is None:
                continue
            period = c["periods"].get(squash(m.group("p")).lower(), m.group("p"))
            n = m.groupdict().get("n")
            n = to_number(n) if n else 1
            unit = f"{times}/{period}" if n in (None, 1) else f"{times}/{n:g} {period}"
            cmp = None
            if m.group("cmp"):
                cmp = "at_most" if rx["at_most"].search(m.group("cmp")) else "at_least"
            add(Cand("frequency", a, b, unit, m.start(), m.end(),
                     comparator="range" if b is not None else cmp,
                     strong=True, words=not re.match(r"\d", m.group("a"))))
    for m in (rx["percent"].finditer(t) if digit and ("%" in t or c["words"]["hundred"] in low) else ()):
        a, b = _range(m)
        if a is None:
            continue
        add(Cand("percent", a, b, "%", m.start(), m.end(), comparator="range" if b is not None else None))
    for m in (rx["count"].finditer(t) if digit else ()):
        a, b = _range(m)
        if a is None:
            continue
        # these patterns end the text before the number: they are looked for in its last
        # few words (``tail_start``), as a search of the whole would find them; in place
        # (``endpos`` is the end of the text for ``$``; ``\b`` still sees the character
        # before ``pos``), not in a copy of all the text before each number
        head = m.start()
        last1 = tail_start(t, 2, head)
        if rx["year_word_end"].search(t, last1, head) and 1900 <= a <= 2100:
            continue                                   # a year, not a count
        if rx["not_count_end"].search(t, last1, head):
            continue                                   # "trước ngày 16 hàng tháng", "Điều 5"
        unit, used = unit_after(t, m.end(), _cell_end(t, tabs, m.end()))
        if m.group("per"):
            unit = f"{m.group('per')} {unit}".strip()
        unit = _label_unit(t, head, unit)
        each = rx["each_end"].search(t, tail_start(t, 7, head), head)
        if each and "/" not in unit:
            unit = f"{unit}/{each.group(1).lower()}"   # "mỗi năm có ít nhất 150 sản phẩm"
        if not unit:
            continue
        add(Cand("count", a, b, unit, m.start(), m.end() + used,
                 comparator="range" if b is not None else None))
    for m in (rx["word_count"].finditer(t) if word_cue else ()):
        v = parse_words(m.group("w"))
        if v is None:
            continue
        unit, used = unit_after(t, m.end("w"), _cell_end(t, tabs, m.end("w")))
        if not unit:
            continue
        add(Cand("count", v, None, unit, m.start("w"), m.end("w") + used, words=True, strong=True))
    out.sort(key=lambda x: x.start)
    return out
