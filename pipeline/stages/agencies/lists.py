"""Lists of bodies in running text: where a body's name starts, where a list ends, how it splits.

``split_bodies("Sở Tư pháp, Công an tỉnh và các cơ quan liên quan")`` gives the two bodies
with their offsets; ``names_at`` finds the list at the start of a clause or heading.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.stages.agencies.patterns import data
from pipeline.text.folds import fold


@lru_cache(maxsize=1)
def _patterns():
    d = data()
    heads = sorted(d["heads"], key=len, reverse=True)
    groups = sorted(d["group_heads"], key=len, reverse=True)
    split_only = sorted(d["split_only"], key=len, reverse=True)
    excl = sorted(d["head_exclusions"], key=len, reverse=True)
    head_re = re.compile(r"(?:" + "|".join(re.escape(h) for h in heads) + r")(?![\w])(?!\s+,)", re.IGNORECASE)
    # a lower-case head is a body only before a capitalised word ("phòng Tư pháp")
    low_re = re.compile(r"(?:%s)\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])"
                        % "|".join(re.escape(h) for h in sorted(d["lower_heads"], key=len, reverse=True)))
    group_re = re.compile(r"(?:" + "|".join(re.escape(g) for g in groups) + r")(?![\w])")
    split_re = re.compile(r"(?:" + "|".join(re.escape(g) for g in split_only) + r")(?![\w])")
    excl_re = re.compile(r"(?:" + "|".join(re.escape(e) for e in excl) + r")(?![\w])")
    strong = re.compile(r"\s(?=(?:" + "|".join(re.escape(h) for h in d["strong_heads"]) + r")\s)")
    stops = sorted(d["stop_words"], key=len, reverse=True)
    stop_re = re.compile(r"(?<=\s)(?:" + "|".join(re.escape(w) for w in stops) + r")(?=[\s,.;:]|$)")
    protected = sorted(d["protected"] + d["group_heads"] + d["generic_members"], key=len, reverse=True)
    prot_re = re.compile("|".join(re.escape(p) for p in protected))
    loc = sorted(d["localities"], key=len, reverse=True)
    loc_re = re.compile(r"\s(?:" + "|".join(re.escape(x) for x in loc) + r")(?:\s+[A-ZĐ][\w-]*(?:\s+[A-ZĐ][\w-]*)*)?$")
    takes = tuple(d["takes_locality"])
    notb = [fold(x) for x in d["not_bodies"]]
    return dict(head=head_re, low=low_re, group=group_re, split=split_re, excl=excl_re,
                strong=strong, stop=stop_re, prot=prot_re, loc=loc_re, takes=takes, notb=notb)


def starts_body(s: str) -> bool:
    """Does ``s`` begin with the name of a body?"""
    p = _patterns()
    if p["excl"].match(s):
        return False
    return bool((s[:1].isupper() and p["head"].match(s)) or p["group"].match(s) or p["low"].match(s))


def _starts_item(s: str) -> bool:
    p = _patterns()
    return starts_body(s) or bool(p["split"].match(s))


def _mask(s: str, rx) -> list:
    """Spans of ``s`` matched by ``rx`` (protected phrases): no split or stop inside."""
    return [(m.start(), m.end()) for m in rx.finditer(s)]


def _inside(i: int, spans) -> bool:
    return any(a < i < b for a, b in spans)


def blank_brackets(s: str) -> str:
    """Bracketed text replaced by spaces (same length), so lists run across it."""
    if "(" not in s:
        return s
    return _BRACKETS.sub(_blank, s)


_BRACKETS = re.compile(r"\([^()]*\)")


def _blank(m) -> str:
    return " " * len(m.group())


_LIST_PUNCT = re.compile(r"[.;:()\n\t]|\s-\s(?=[a-zđ])")
_LIST_LINE = re.compile(r"[\n\t]")


def list_end(s: str, punct: bool = True) -> int:
    """Where a list of bodies at the start of running text ``s`` ends (at a stop word such
    as "chủ trì", and with ``punct`` at the first ".;:()" too)."""
    p = _patterns()
    prot = _mask(s, p["prot"])
    end = len(s)
    for m in (_LIST_PUNCT if punct else _LIST_LINE).finditer(s):
        if not any(a <= m.start() < b for a, b in prot):
            end = m.start()
            break
    for m in p["stop"].finditer(s, 0, end):
        if not any(a <= m.start() < b for a, b in prot):
            end = m.start()
            break
    return end


_LIST_SEP = re.compile(r",\s*|\s+và\s+|;\s*|\s+với\s+|\s+cùng\s+")
_TRAILING_SEP = re.compile(r"(?:,\s*|\s+và\s*|;\s*|\s+với\s*|\s+cùng\s*)$")
_TRAILING_PUNCT = re.compile(r"[\s.,;:]+$")


def split_bodies(s: str, base: int = 0, keep_related: bool = False) -> list:
    """Split a list of bodies into ``[(name, start, end)]`` (offsets ``base`` + index into
    ``s``).  Items that are not bodies ("các cơ quan liên quan") are dropped; a locality
    written once for the list is given to the bodies that lack one."""
    p = _patterns()
    prot = _mask(s, p["prot"])
    cuts = [0]
    for m in _LIST_SEP.finditer(s):
        j = m.end()
        if _inside(m.start(), prot) or _inside(j, prot):
            continue
        if m.group().startswith(";") or _starts_item(s[j:]) or _starts_item(drop_title(s[j:])):
            cuts.append(j)
    for m in p["strong"].finditer(s):
        if m.end() > 0 and not _inside(m.start(), prot) and m.end() not in cuts:
            cuts.append(m.end())
    cuts = sorted(set(cuts))
    items = []
    for k, a in enumerate(cuts):
        b = cuts[k + 1] if k + 1 < len(cuts) else len(s)
        seg = s[a:b]
        t = len(seg) - len(drop_title(seg))
        a, seg = a + t, seg[t:]
        seg = _TRAILING_SEP.sub("", seg.rstrip())
        lead = len(seg) - len(seg.lstrip())
        seg = _TRAILING_PUNCT.sub("", seg.strip())
        if seg:
            items.append([seg, base + a + lead, base + a + lead + len(seg)])
    out = [it for it in items if starts_body(it[0]) and not _not_body(it[0], keep_related)]
    _share_locality(out)
    return [tuple(it) for it in out]


def drop_title(s: str) -> str:
    """"Chủ tịch UBND các xã" -> "UBND các xã"; "Giám đốc Sở Y tế" -> "Sở Y tế"."""
    m = title_re().match(s)
    if m and starts_body(s[m.end():]):
        return s[m.end():]
    return s


_CAC = re.compile(r"^các\s+")
_RELATED_END = re.compile(r"\bliên quan$")
_WORD_COMMA = re.compile(r"^[^\W\d_]+,")
_DUOC = re.compile(r"\bđược\b")


@lru_cache(maxsize=1)
def _not_bodies() -> tuple:
    """(folded not-body, the same without a leading "các")."""
    return tuple((nb, _CAC.sub("", nb)) for nb in _patterns()["notb"])


def _not_body(name: str, keep_related: bool = False) -> bool:
    """Not a body of its own: "các cơ quan liên quan" in running text (kept when a heading
    names it), "Các cơ quan được phân công", "Ủy ban nhân dân các xã đặc biệt khó khăn"."""
    f = fold(name)
    f2 = _CAC.sub("", f)
    for nb, nb2 in _not_bodies():
        if nb == "liên quan":
            if _RELATED_END.search(f) and not keep_related:
                return True
        elif f == nb or f2 == nb2:
            return True
    if _WORD_COMMA.match(name) and not _patterns()["group"].match(name):
        return True                       # "Sở, Thủ trưởng cơ quan" (a title list, not a body)
    if _DUOC.search(f):
        return True                       # "Các cơ quan được phân công chủ trì"
    if f.startswith(("ủy ban nhân dân", "uỷ ban nhân dân")) and _subset_of_local(name[len("Ủy ban nhân dân"):]):
        return True
    return len(f.split()) < 2 and f not in ("thành đoàn", "tỉnh đoàn", "huyện đoàn")


WORDS = re.compile(r"[^\W\d_]+")


def _subset_of_local(tail: str) -> bool:
    """"các xã đặc biệt khó khăn": a subset picked by a quality, not a body of its own
    (proper names such as "Gò Công Đông", "Trung ương" are fine)."""
    level_words = set(data()["level_words"])
    prev_cap = False
    for w in WORDS.findall(tail):
        if w in level_words:
            prev_cap = False
        elif w[0].isupper():
            prev_cap = True
        elif not prev_cap:
            return True
    return False


def _share_locality(items: list) -> None:
    """"Viện Kiểm sát nhân dân và Tòa án nhân dân tỉnh": the list's locality goes to the
    bodies that take one and have none."""
    p = _patterns()
    suffix = None
    for it in reversed(items):
        m = p["loc"].search(it[0])
        if m:
            suffix = m.group().strip()
            break
    if not suffix:
        return
    for it in items:
        name = it[0]
        if p["loc"].search(name):
            continue
        if any(name.startswith(t) and _rest_is_bare(name[len(t):]) for t in p["takes"]):
            it[0] = f"{name} {suffix}"


def _rest_is_bare(rest: str) -> bool:
    return not rest.strip() or rest.strip() in ("Việt Nam",)


_STANDING_CUE = re.compile(r"\s[-–]\s(?=[Cc]ơ quan|[Tt]hường trực)")


def names_at(text: str, base: int, running: bool = True):
    """Bodies listed at the start of ``text``: (items, end index into text)."""
    s = blank_brackets(text)
    if not starts_body(s.lstrip()):
        return [], 0
    if running:
        end = list_end(s)
    else:
        cue = _STANDING_CUE.search(s)
        end = cue.start() if cue else len(s.rstrip().rstrip(":").rstrip())
        end = min(end, list_end(s[:end], punct=False))
    return split_bodies(s[:end], base, keep_related=not running), end


_LEAD_IN = None


def strip_lead_in(s: str) -> tuple:
    """(offset after a lead-in such as "Giao", "Căn cứ Kế hoạch này, đề nghị", requested?)."""
    global _LEAD_IN
    if _LEAD_IN is None:
        _LEAD_IN = re.compile(r"^\s*(?:Căn cứ[^,.;]{0,80},\s*)?(?:(Đề nghị|đề nghị)|Giao cho|Giao|giao|"
                              r"Thủ trưởng|Người đứng đầu|(?:Trách nhiệm|Nhiệm vụ) của)?\s*:?\s*")
    m = _LEAD_IN.match(s)
    off = m.end()
    t = title_re().match(s[off:])
    if t and starts_body(s[off + t.end():]):
        off += t.end()
    return off, bool(m.group(1))


@lru_cache(maxsize=1)
def title_re():
    titles = sorted(data()["titles"], key=len, reverse=True)
    return re.compile(r"(?:%s)\s+" % "|".join(re.escape(t) for t in titles))


# "(?<![\w])([Gg]iao)…" with the look-behind moved after the literal, so the scan can
