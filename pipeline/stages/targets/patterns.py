"""Cue words of ``data/targets.yaml`` and the patterns built from them."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import data
from pipeline.text.numbers import NUMBER, NUMBER_WORDS, START_WORDS

YEAR = r"(?:19|20)\d{2}"


def cues() -> dict:
    """The cue lists of ``data/targets.yaml`` (shared: not to be changed)."""
    return data.load("targets.yaml")


class Words:
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


def alt(phrases) -> str:
    """Regex alternation of phrases, longest first, spaces matching any white space."""
    ps = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ps)


@lru_cache(maxsize=1)
def regexes() -> dict:
    """Compiled patterns built from the cue lists."""
    c = cues()
    numw = alt(NUMBER_WORDS)
    startw = alt(START_WORDS)
    cmp_before = {k: re.compile(rf"(?:^|[\s(:,;])(?:{alt(v)})\s*$", re.I)
                  for k, v in c["comparators"].items()}
    periods = alt(c["periods"])
    anynum = rf"(?:{NUMBER}|(?:{startw})(?:\s+(?:{numw}))*)"
    r = {
        "cmp_before": cmp_before,
        # how many words a match of "cmp_before" / "bridge" can span, and one more
        "cmp_span": max(len(p.split()) for v in c["comparators"].values() for p in v) + 2,
        "bridge_span": max([len(p.split()) for p in c["bridge_words"]] + [3]) + 3,
        "cmp_after": {k: re.compile(rf"^\s*(?:{alt(v)})\b", re.I)
                      for k, v in c["comparators_after"].items()},
        "bridge": re.compile(rf"(?:^|\s)(?:{alt(c['bridge_words'])}|(?:vào|đến|trong|tới)?\s*năm\s+{YEAR}|"
                             rf"(?:vào|đến|trong)?\s*(?:quý|tháng)\s+\S+)\s*[,:]?\s*$", re.I),
        "percent": re.compile(
            rf"(?<![\w.,/])(?P<a>{NUMBER})(?:\s*%?\s*(?:-|–|—|đến|tới)\s*(?P<b>{NUMBER}))?\s*(?:%|phần\s+trăm\b)", re.I),
        "count": re.compile(
            rf"(?<![\w.,/-])(?P<a>{NUMBER})(?:\s*(?:-|–|—|đến|tới)\s*(?P<b>{NUMBER}))?"
            rf"(?P<per>/(?:100|1\.000|10\.000|100\.000|1\.000\.000))?(?=[ \u00a0]+[^\W\d_])", re.I),
        "word_count": re.compile(
            rf"(?:^|[\s(:,;])(?P<cmp>{alt(c['comparators']['at_least'] + c['comparators']['at_most'])})"
            rf"(?:\s+là)?\s+(?P<w>(?:{startw})(?:\s+(?:{numw}))*)(?=\s+[^\W\d_])", re.I),
        # the first word of a comparator of "word_count": that pattern needs one
        "word_count_cue": Words([p.lower().split(" ")[0] for p in
                                  c['comparators']['at_least'] + c['comparators']['at_most']]),
        # "ít nhất một tháng một lần", "1 tháng đăng từ 1 - 2 lần", "6 tháng/lần"
        "freq_per": re.compile(
            rf"(?:(?P<cmp>{alt(c['comparators']['at_least'] + c['comparators']['at_most'])})\s+)?"
            rf"(?P<n>{anynum})\s+(?P<p>{periods})\s+(?:[^\W\d_]+\s+){{0,3}}?(?:từ\s+)?"
            rf"(?P<a>{anynum})(?:\s*(?:-|–|—|đến|tới)\s*(?P<b>{anynum}))?\s+lần\b", re.I),
        # "04 lần/năm", "2 lần mỗi tháng", "mỗi quý ít nhất 1 lần"
        "freq_rate": re.compile(
            rf"(?:(?P<cmp>{alt(c['comparators']['at_least'] + c['comparators']['at_most'])})\s+)?"
            rf"(?P<a>{anynum})(?:\s*(?:-|–|—|đến|tới)\s*(?P<b>{anynum}))?\s+lần\s*(?:/|mỗi|trên|một|trong\s+một|trong\s+mỗi)\s*(?P<p>{periods})\b",
            re.I),
        "freq_each": re.compile(
            rf"\b(?:mỗi|hằng|hàng)\s+(?P<p>{periods})\s+(?:(?P<cmp>{alt(c['comparators']['at_least'] + c['comparators']['at_most'])})\s+)?"
            rf"(?:(?:tổ\s+chức|thực\s+hiện|đăng|phát|kiểm\s+tra)\s+)?(?P<a>{anynum})(?:\s*(?:-|–|—|đến)\s*(?P<b>{anynum}))?\s+lần\b",
            re.I),
        "scope": re.compile(rf"(?:^|[\s(,;:])(?:{alt(c['scope_cues'])})\s*$", re.I),
        "past": re.compile(rf"(?:^|[\s(,;:])(?:{alt(c['past_cues'])})(?:\s+\S+){{0,3}}\s*$", re.I),
        "share_noun": re.compile(rf"^\s*(?:{alt(c['share_nouns'])})\b", re.I),
        "share": re.compile(rf"(?:^|[\s(,;:])(?:{alt(c['share_cues'])})(?:\s+\S+){{0,3}}\s*$", re.I),
        "title": re.compile(rf"(?:^|[\s(,;:])(?:{alt(c['title_cues'])})\s*(?:số\s*)?$", re.I),
        "deadline_cue": re.compile(rf"(?:^|[\s(,;:])(?:{alt(c['deadline_cues'])})\s*[:,]?\s*$", re.I),
        "year_cue": re.compile(rf"(?:^|[\s(,;:])(?:{alt(c['year_cues'])})\s*$", re.I),
        "annual": re.compile(rf"\b(?:{alt(c['annual_words'])})\b", re.I),
        "task_label": re.compile(rf"(?:{alt(c['task_labels'])})", re.I),
        "item_period": re.compile(rf"^\W*(?:{alt(c['item_period_lead_ins'])})\s*[^:\n]{{0,25}}:", re.I),
        "neg_lead": re.compile(rf"^\W*(?:{alt(c['negative_lead_ins'])})\b[^:\n]{{0,30}}:", re.I),
        "target_lead": re.compile(rf"^\W*(?:{alt(c['target_lead_ins'])})\b", re.I),
        "verb_before": re.compile(rf"(?:^|[\s(,;:])(?:{alt(c['target_verbs'])})(?:\s+(?:mới|thêm|được|cho|tối\s+thiểu))?\s*$", re.I),
        "neg_heading": re.compile(rf"^\W*(?:phụ\s+lục\s+\S+\s+|\S+\s+)?(?:{alt(c['negative_headings'])})\b", re.I),
        "target_heading": re.compile(rf"\b(?:{alt(c['target_headings'])})\b", re.I),
        "condition": re.compile(rf"(?:{'|'.join(c['condition_cues'])})", re.I),
        "ongoing": re.compile(rf"(?:{alt(c['ongoing_words'])})", re.I),
        "baseline": re.compile(rf"^\W*(?:{alt(c['baseline_openers'])})\b", re.I),
        "count_lead": re.compile(rf"(?:^|[\s(,;:])(?:{alt(c['target_verbs'] + c['count_lead_words'])})\s*$|[,;]\s*$|\svà\s*$", re.I),
        "completion": re.compile(rf"\b(?:{alt(c['completion_verbs'])})\b", re.I),
        # what a clause needs to give a target besides a digit (numbers, dates, years):
        # "lần" (frequencies), a comparator before a spelled-out number, a completion verb
        "may_target": Words(["lần"] + [p.lower().split(" ")[0] for p in
                                         c["comparators"]["at_least"] + c["comparators"]["at_most"]
                                         + c["completion_verbs"]]),
    }
    return r
