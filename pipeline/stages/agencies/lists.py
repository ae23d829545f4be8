"""Lists of bodies in running text: where a body's name starts, where a list ends, how it splits.

``split_bodies("Sở Tư pháp, Công an tỉnh và các cơ quan liên quan")`` gives the two bodies
with their offsets; ``names_at`` finds the list at the start of a clause or heading.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.stages.agencies.names import expand_abbreviations
from pipeline.stages.agencies.patterns import data, pattern
from pipeline.text.folds import fold


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    d = data()
    names = ("head", "lower_head", "group_head", "group_of", "split_only", "head_exclusion", "strong_head",
             "stop_word", "protected", "locality_end", "enumerated", "distributive", "locality_close",
             "locality_verb", "title_group", "distributive_end",
             "branch_sep")
    p: dict[str, Any] = {name: pattern(name) for name in names}
    p["head"] = pattern("head", re.IGNORECASE)
    p["takes"] = tuple(d["takes_locality"])
    return p


def starts_body(s: str) -> bool:
    """Does ``s`` begin with the name of a body?"""
    p = _patterns()
    if p["title_group"].match(s):           # "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, ..."
        return True
    if p["head_exclusion"].match(s):
        return False
    if (s[:1].isupper() and p["head"].match(s)) or p["group_head"].match(s) or p["lower_head"].match(s):
        return True
    g = p["group_of"].match(s)           # "các Ban ...", "các Trung tâm ...": a capitalised head
    return bool(g and p["head"].match(s, g.end()) and not p["head_exclusion"].match(s, g.end()))


def _starts_item(s: str) -> bool:
    p = _patterns()
    return starts_body(s) or bool(p["split_only"].match(s))


def _mask(s: str, rx: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of ``s`` matched by ``rx`` (protected phrases): no split or stop inside."""
    return [(m.start(), m.end()) for m in rx.finditer(s)]


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < i < b for a, b in spans)


def blank_brackets(s: str) -> str:
    """Bracketed text replaced by spaces (same length), so lists run across it."""
    if "(" not in s:
        return s
    return _BRACKETS.sub(_blank, s)


_BRACKETS = re.compile(r"\([^()]*\)")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


_LIST_PUNCT = pattern("list_punct")
_LIST_LINE = re.compile(r"[\n\t]")


def list_end(s: str, punct: bool = True, entry: bool = False) -> int:
    """Where a list of bodies at the start of running text ``s`` ends (at a stop word such
    as "chủ trì", and with ``punct`` at the first ".;:()" too; at an ``entry``'s start a ";"
    before another body goes on: "Sở Nông nghiệp và Môi trường; UBND các xã niêm yết ...")."""
    p = _patterns()
    prot = _mask(s, p["protected"]) + _mask(s, p["distributive"])     # "các Sở: Tài chính, ..."
    end = len(s)
    for m in (_LIST_PUNCT if punct else _LIST_LINE).finditer(s):
        if any(a <= m.start() < b for a, b in prot):
            continue
        if entry and m.group() == ";" and starts_body(drop_title(s[m.end():].lstrip())):
            continue
        end = m.start()
        break
    for m in p["stop_word"].finditer(s, 0, end):
        if not any(a <= m.start() < b for a, b in prot):
            end = m.start()
            break
    for rx in (p["locality_close"], p["locality_verb"]):
        for m in rx.finditer(s, 0, end):
            if not any(a <= m.start() < b for a, b in prot):
                end = m.end()
                break
    return end


_LIST_SEP = pattern("list_sep")
_TRAILING_SEP = pattern("trailing_sep")
_TRAILING_PUNCT = re.compile(r"[\s.,;:]+$")
_TRAILING_OTHERS = pattern("trailing_others")


def split_bodies(s: str, base: int = 0, keep_related: bool = False) -> list[tuple[str, int, int]]:
    """Split a list of bodies into ``[(name, start, end)]`` (offsets ``base`` + index into
    ``s``).  Items that are not bodies ("các cơ quan liên quan") are dropped; a locality
    written once for the list is given to the bodies that lack one."""
    p = _patterns()
    d = p["distributive"].search(s)
    if d:
        # the branches run to the next ";" ("... các Sở: Nông nghiệp và Môi trường, Nội vụ; Thủ trưởng ...")
        semi = s.find(";", d.end())
        semi = len(s) if semi < 0 else semi
        found = split_bodies(s[:d.start()], base, keep_related) if s[:d.start()].strip() else []
        own = p["distributive_end"].search(s, d.end(), semi)
        found += _distribute(d.group(1), s[d.end():own.start() if own else semi], base + d.end())
        if own:
            found += split_bodies(s[own.end():semi], base + own.end(), keep_related)
        if s[semi + 1:].strip():
            found += split_bodies(s[semi + 1:], base + semi + 1, keep_related)
        return found
    prot = _mask(s, p["protected"])
    cuts = [0]
    for m in _LIST_SEP.finditer(s):
        j = m.end()
        if _inside(m.start(), prot) or _inside(j, prot):
            continue
        if m.group().startswith(";") or _starts_item(s[j:]) or _starts_item(drop_title(s[j:])):
            cuts.append(j)
    for m in p["strong_head"].finditer(s):
        if m.end() > 0 and not _inside(m.start(), prot) and m.end() not in cuts:
            cuts.append(m.end())
    cuts = sorted(set(cuts))
    items: list[list[Any]] = []                       # [name, start, end]
    for k, a in enumerate(cuts):
        b = cuts[k + 1] if k + 1 < len(cuts) else len(s)
        seg = s[a:b]
        t = len(seg) - len(drop_title(seg))
        a, seg = a + t, seg[t:]
        seg = _TRAILING_SEP.sub("", seg.rstrip())
        seg = _TRAILING_OTHERS.sub("", seg)   # "các bộ, ngành và cộng đồng người dân"
        lead = len(seg) - len(seg.lstrip())
        seg = _TRAILING_PUNCT.sub("", seg.strip())
        tg = p["title_group"].match(seg)
        if tg and seg[tg.end():tg.end() + 1].isspace() and seg[tg.end():].lstrip()[:1].isupper():
            seg = seg[:tg.end()]      # "… Thủ trưởng cơ quan ngang bộ Tập trung chỉ đạo" (a verb capitalised)
        if seg:
            items.append([seg, base + a + lead, base + a + lead + len(seg)])
    out = [it for it in items if starts_body(it[0]) and not _not_body(it[0], keep_related)]
    _share_locality(out)
    return [tuple(it) for it in out]


def _distribute(head: str, s: str, base: int) -> list[tuple[str, int, int]]:
    """"các Sở: Nông nghiệp và Môi trường, Nội vụ" -> "Sở Nông nghiệp và Môi trường", "Sở Nội
    vụ": the head goes to each branch (branch names such as "Văn hóa, Thể thao và Du lịch"
    kept whole; offsets point at the branch)."""
    prot = _mask(s, _branch_mask())
    out: list[tuple[str, int, int]] = []
    a = 0
    for m in list(_patterns()["branch_sep"].finditer(s)) + [None]:
        if m is not None and _inside(m.start() + 1, prot):
            continue
        b = m.start() if m is not None else len(s)
        seg = s[a:b]
        lead = len(seg) - len(seg.lstrip())
        seg = _TRAILING_PUNCT.sub("", seg.strip())
        if seg:
            name = seg if seg.startswith(_OWN_HEADS) else f"{head} {seg}"   # "…, Tập đoàn Điện lực Việt Nam"
            out.append((name, base + a + lead, base + a + lead + len(seg)))
        if m is not None:
            a = m.end()
    return out


_OWN_HEADS = tuple(data()["distributive_own_heads"])


@lru_cache(maxsize=1)
def _branch_mask() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(b) for b in sorted(data()["branches"], key=len, reverse=True)),
                      re.IGNORECASE)


_TITLE = pattern("title")             # "Giám đốc", "Chủ tịch" before a body's name


def drop_title(s: str) -> str:
    """"Chủ tịch UBND các xã" -> "UBND các xã"; "Giám đốc Sở Y tế" -> "Sở Y tế"."""
    m = _TITLE.match(s)
    if m and starts_body(s[m.end():]) and not _patterns()["title_group"].match(s):
        return s[m.end():]
    return s


_CAC = pattern("leading_cac")
_RELATED_END = pattern("related_end")
_WORD_COMMA = re.compile(r"^[^\W\d_]+,")
_PASSIVE = pattern("passive")


@lru_cache(maxsize=1)
def _not_bodies() -> tuple[tuple[str, str, bool], ...]:
    """(folded not-body, the same without a leading "các", is it the "liên quan" entry?)."""
    related = fold(data()["related_word"])
    return tuple((nb, _CAC.sub("", nb), nb == related) for nb in (fold(x) for x in data()["not_bodies"]))


_COMMITTEE = data()["people_committee"]
_COMMITTEE_FOLD = fold(_COMMITTEE)


def _not_body(name: str, keep_related: bool = False) -> bool:
    """Not a body of its own: "các cơ quan liên quan" in running text (kept when a heading
    names it), "Các cơ quan được phân công", "Ủy ban nhân dân các xã đặc biệt khó khăn"."""
    f = fold(expand_abbreviations(name))
    f2 = _CAC.sub("", f)
    for nb, nb2, related in _not_bodies():
        if related:
            if _RELATED_END.search(f) and not keep_related:
                return True
        elif f == nb or f2 == nb2:
            return True
    if _WORD_COMMA.match(name) and not _patterns()["group_head"].match(name):
        return True                       # "Sở, Thủ trưởng cơ quan" (a title list, not a body)
    if _PASSIVE.search(f):
        return True                       # "Các cơ quan được phân công chủ trì"
    full = expand_abbreviations(name)
    if f.startswith(_COMMITTEE_FOLD) and _subset_of_local(full[len(_COMMITTEE):]):
        return True
    return len(f.split()) < 2             # a single word


WORDS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _level_words() -> frozenset[str]:
    return frozenset(data()["level_words"])


def _subset_of_local(tail: str) -> bool:
    """"các xã đặc biệt khó khăn": a subset picked by a quality, not a body of its own
    (proper names such as "Gò Công Đông", "Trung ương" are fine)."""
    level_words = _level_words()
    prev_cap = False
    for w in WORDS.findall(tail):
        if w in level_words:
            prev_cap = False
        elif w[0].isupper():
            prev_cap = True
        elif not prev_cap:
            return True
    return False


def _share_locality(items: list[list[Any]]) -> None:
    """"Viện Kiểm sát nhân dân và Tòa án nhân dân tỉnh": the list's locality goes to the
    bodies that take one and have none."""
    p = _patterns()
    suffix = None
    for it in reversed(items):
        m = p["locality_end"].search(it[0])
        if m and not _inside(m.start() + 1, _mask(it[0], p["protected"])):   # ("Liên minh Hợp tác xã")
            suffix = m.group().strip()
            break
    if not suffix:
        return
    for it in items:
        name = it[0]
        if p["locality_end"].search(name):
            continue
        if any(name.startswith(t) and _rest_is_bare(name[len(t):]) for t in p["takes"]):
            it[0] = f"{name} {suffix}"


def _rest_is_bare(rest: str) -> bool:
    return not rest.strip() or rest.strip() in data()["bare_suffixes"]


_STANDING_CUE = pattern("standing_cue")


def names_at(text: str, base: int, running: bool = True,
             entry: bool = False) -> tuple[list[tuple[str, int, int]], int]:
    """Bodies listed at the start of ``text`` (an entry's or line's start with ``entry``):
    (items, end index into text)."""
    s = blank_brackets(text)
    if not starts_body(s.lstrip()):
        return [], 0
    if running:
        end = list_end(s, entry=entry)
    else:
        cue = _STANDING_CUE.search(s)
        end = cue.start() if cue else len(s.rstrip().rstrip(":").rstrip())
        # "Các cơ sở sản xuất giống: Giám sát ...": duties follow the colon, but "Ủy ban nhân
        # dân các xã: Gia Thuận, Tân Điền" enumerates the bodies
        colon = s.find(":", 0, end)
        if colon > 0 and not _patterns()["enumerated"].search(s, 0, colon):
            end = colon
        end = min(end, list_end(s[:end], punct=False))
    found = split_bodies(s[:end], base, keep_related=not running)
    if not found and (not running or s[end:end + 1] == ":"):
        # "3. Các cơ quan, đơn vị, địa phương thuộc tỉnh: ..." -- a heading naming a group whose
        # parts are no bodies by themselves names the group
        whole = _TRAILING_PUNCT.sub("", s[:end].strip())
        lead = len(s) - len(s.lstrip())
        if whole and not _not_body(whole, keep_related=not running):
            found = [(whole, base + lead, base + lead + len(whole))]
    return found, end


_LEAD_IN = pattern("lead_in")


def strip_lead_in(s: str) -> tuple[int, bool]:
    """(offset after a lead-in such as "Giao", "Căn cứ Kế hoạch này, đề nghị", requested?)."""
    m = _LEAD_IN.match(s)
    assert m is not None                  # (every part of the pattern is optional)
    off = m.end()
    t = _TITLE.match(s[off:])
    if t and starts_body(s[off + t.end():]) and not _patterns()["title_group"].match(s, off):
        off += t.end()
    return off, bool(m.group(1))
