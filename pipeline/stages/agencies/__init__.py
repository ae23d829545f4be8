"""Agencies: the bodies a plan gives duties to, with role, canonical name and sector.

Where bodies are found (rules: ``corpus/ANNOTATION.md``; data: ``data/agencies.yaml``):

- the numbered entries of "TỔ CHỨC THỰC HIỆN": "1. Phòng Tư pháp" (a heading naming the
  body, duties below) or "2. Sở Tài chính chủ trì, phối hợp ..." (a sentence);
  "Đề nghị ..." entries give ``requested`` bodies, member bodies listed in brackets or as
  "- Hội Liên hiệp Phụ nữ tỉnh: ..." bullets included;
- anywhere in the plan: "X chủ trì, phối hợp với Y, Z" (X lead, Y and Z coordinate) and task
  fields "Cơ quan chủ trì: ..." / "Cơ quan phối hợp: ..." / "Cơ quan thực hiện: ...";
- task tables with "chủ trì" / "phối hợp" columns (cells separated by "\\t");
- "Điều 2/3" executors of a decision that has no plan attached.

Each body is reported once (same canonical name), with its strongest role
(lead > responsible > requested > coordinate); ``Agency.mentions`` counts its mentions.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import yaml

from pipeline.stages.agencies import sectors
from pipeline.document import Agency
from pipeline.text.folds import new_tones as _new_tones
from pipeline import data as package_data

DATA = package_data.path("agencies.yaml")
# libyaml's safe loader when PyYAML has it (same data, several times faster)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ROLE_RANK = {"lead": 4, "responsible": 3, "requested": 2, "coordinate": 1}
TCTH = re.compile(r"^(?:tổ chức thực hiện|tổ chức triển khai thực hiện|trách nhiệm thực hiện|"
                  r"phân công nhiệm vụ|phân công thực hiện|trách nhiệm của các)")


@lru_cache(maxsize=1)
def data() -> dict:
    with open(DATA, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YAML_LOADER)


# ---------------------------------------------------------------- canonical names

@lru_cache(maxsize=1)
def _abbrev_re():
    table = {k: v for k, v in data()["abbreviations"].items() if v}
    keys = sorted(table, key=len, reverse=True)
    pat = re.compile(r"(?<![\w&])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w&])")
    return pat, table


def expand_abbreviations(name: str) -> str:
    """"Sở LĐ-TB&XH" -> "Sở Lao động - Thương binh và Xã hội"; "UBND" -> "Ủy ban nhân dân"."""
    pat, table = _abbrev_re()
    return pat.sub(lambda m: table[m.group(1)], name or "")


@lru_cache(maxsize=1)
def _branch_res():
    out = []
    for b in data()["branches"]:
        words = re.split(r"[\s,\-–]+", b)
        pat = r"(?<!\w)" + r"[\s,\-–]+".join(re.escape(w) for w in words) + r"(?!\w)"
        out.append((re.compile(pat, re.IGNORECASE), b))
    return out


@lru_cache(maxsize=1)
def _head_spellings():
    return sorted(data()["heads"], key=len, reverse=True)


_CANON_DASH = re.compile(r"(?<=\w)\s*[-–—]\s*(?=\w)")
_CANON_LEAD_IN = re.compile(r"^(?:Đề nghị|Giao)\s+")
_CANON_WARD = re.compile(r"(Ủy ban nhân dân(?: các)? )phường, xã\b")


@lru_cache(maxsize=16384)
def canonical(name: str) -> str:
    """Abbreviations expanded, "Uỷ"/"hoá" unified, branch names in their usual spelling,
    the head capitalised ("phòng Tư pháp" -> "Phòng Tư pháp", "Công An" -> "Công an")."""
    s = _new_tones(expand_abbreviations(" ".join((name or "").split())))
    s = _CANON_DASH.sub(" - ", s)
    for rx, branch in _branch_res():
        s = rx.sub(branch, s)
    for head in _head_spellings():
        if s[:len(head)].lower() == head.lower() and (len(s) == len(head) or not s[len(head)].isalnum()):
            if not head.startswith(("Các", "các")):
                s = head + s[len(head):]
            break
    s = _CANON_LEAD_IN.sub("", s)
    s = _CANON_WARD.sub(r"\1xã, phường", s)
    return s[:1].upper() + s[1:] if s else s


def fold(name: str) -> str:
    return sectors.fold(expand_abbreviations(name))


# ---------------------------------------------------------------- recognising names

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
    notb = [sectors.fold(x) for x in d["not_bodies"]]
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


def _blank_brackets(s: str) -> str:
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
        if m.group().startswith(";") or _starts_item(s[j:]) or _starts_item(_drop_title(s[j:])):
            cuts.append(j)
    for m in p["strong"].finditer(s):
        if m.end() > 0 and not _inside(m.start(), prot) and m.end() not in cuts:
            cuts.append(m.end())
    cuts = sorted(set(cuts))
    items = []
    for k, a in enumerate(cuts):
        b = cuts[k + 1] if k + 1 < len(cuts) else len(s)
        seg = s[a:b]
        t = len(seg) - len(_drop_title(seg))
        a, seg = a + t, seg[t:]
        seg = _TRAILING_SEP.sub("", seg.rstrip())
        lead = len(seg) - len(seg.lstrip())
        seg = _TRAILING_PUNCT.sub("", seg.strip())
        if seg:
            items.append([seg, base + a + lead, base + a + lead + len(seg)])
    out = [it for it in items if starts_body(it[0]) and not _not_body(it[0], keep_related)]
    _share_locality(out)
    return [tuple(it) for it in out]


def _drop_title(s: str) -> str:
    """"Chủ tịch UBND các xã" -> "UBND các xã"; "Giám đốc Sở Y tế" -> "Sở Y tế"."""
    m = _title_re().match(s)
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
    f = sectors.fold(name)
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


_WORDS = re.compile(r"[^\W\d_]+")


def _subset_of_local(tail: str) -> bool:
    """"các xã đặc biệt khó khăn": a subset picked by a quality, not a body of its own
    (proper names such as "Gò Công Đông", "Trung ương" are fine)."""
    level_words = set(data()["level_words"])
    prev_cap = False
    for w in _WORDS.findall(tail):
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


# ---------------------------------------------------------------- the document's lines

_MARKS = re.compile(r"[*#\\`_|]")


def _clean(line: str) -> str:
    """Markdown marks blanked out (same length, so offsets hold)."""
    return _MARKS.sub(" ", line)


def _lines(text: str, start: int = 0, end: Optional[int] = None):
    end = len(text) if end is None else end
    pos = start
    for raw in text[start:end].split("\n"):
        yield pos, _clean(raw)
        pos += len(raw) + 1


def _body_end(text: str) -> int:
    """Where the last "Nơi nhận" block begins (nothing after it gives duties)."""
    spans = _recipient_spans(text)
    return spans[-1][0] if spans and spans[-1][1] >= len(text) else len(text)


def _recipient_spans(text: str) -> list:
    """"Nơi nhận:" blocks (lists of recipients), up to the next heading or the end: a
    decision's block comes before its attached plan."""
    cached = _SPANS_CACHE.get("text")
    if cached is text:
        return list(_SPANS_CACHE["spans"])
    out = []
    for m in _recipient_heads(text):
        nxt = _AFTER_RECIPIENTS.search(text, m.end())
        out.append((m.start(), nxt.start() if nxt else len(text)))
    _SPANS_CACHE.update(text=text, spans=tuple(out))
    return out


_RECIPIENTS = re.compile(r"^[\s*_|#]*(?:Nơi nhận|NƠI NHẬN)\b", re.M)
_AFTER_RECIPIENTS = re.compile(r"^\s*(?:KẾ HOẠCH|CHƯƠNG TRÌNH|QUY CHẾ|ĐỀ ÁN|PHỤ LỤC|Phụ lục|[IVXLC]+\.\s|Điều\s+\d)",
                               re.M)
_SPANS_CACHE = {}                 # the last text's spans (the stage asks three times)
_RECIPIENT_WORDS = ("Nơi nhận", "NƠI NHẬN")
_RECIPIENT_LEAD = frozenset("*_|#")


def _recipient_heads(text: str) -> list:
    """``_RECIPIENTS.finditer(text)``, found faster: a match is a line start, white space and
    marks, then one of the words, so only the places of the words need the pattern."""
    places = []
    for w in _RECIPIENT_WORDS:
        i = text.find(w)
        while i >= 0:
            places.append(i)
            i = text.find(w, i + 1)
    out = []
    for k in sorted(places):
        j = k                     # back over the white space and marks before the word
        while j > 0 and (text[j - 1].isspace() or text[j - 1] in _RECIPIENT_LEAD):
            j -= 1
        if j > 0 and text[j - 1] != "\n":          # the first line start inside that run
            nl = text.find("\n", j, k)
            if nl < 0:
                continue
            j = nl + 1
        m = _RECIPIENTS.match(text, j)
        if m:
            out.append(m)
    return out


_ROMAN_LINE = re.compile(r"^([IVXLC]+)\s*[.)]\s*(.*)$")
_ROMAN_NEXT = re.compile(r"^[IVXLC]+\s*[.)]\s+\S")


def _regions(doc) -> list:
    """[(start, end, path, level)] of the parts that give bodies duties: "TỔ CHỨC THỰC HIỆN",
    "PHÂN CÔNG NHIỆM VỤ", and any part whose numbered entries mostly name bodies
    ("II. NỘI DUNG THỰC HIỆN / 1. Sở Y tế / 2. Sở Tài chính ...")."""
    text = doc.text
    stop = _body_end(text)
    secs = [s for s in doc.sections or [] if s.start < stop and not s.path.startswith("PL")]
    out = []
    for s in secs:
        if s.level > 2 or any(o[0] <= s.start < o[1] for o in out) or s.path.startswith("Điều"):
            continue
        span = (s.start, min(s.end, stop), s.path, s.level)
        kids = _children(secs, s)
        if s.level == 1 and TCTH.match(sectors.fold(s.heading)):
            out.append(span)
            continue
        named = sum(_names_body(c.heading) for c in kids)
        if len(kids) >= 3 and named >= 0.6 * len(kids):
            out.append(span)
    top = [c for c in secs if "." not in c.path and not c.path.startswith("Điều")]
    if not out and len(top) >= 3 and all(c.level == top[0].level for c in top):
        run = _body_run([_names_body(c.heading) for c in top])
        if run:
            a, b = run
            out.append((top[a].start, min(top[b].end, stop), "", 0))
    if out or secs:
        return out
    start = path = None
    for pos, line in _lines(text, 0, stop):
        st = line.strip()
        if start is None:
            m = _ROMAN_LINE.match(st)
            head = m.group(2) if m else st
            if len(head) < 60 and TCTH.match(sectors.fold(head)) and head.strip().upper() == head.strip():
                start, path = pos, (m.group(1) if m else None)
        elif _ROMAN_NEXT.match(st) or st.startswith(("PHỤ LỤC", "Phụ lục")):
            return [(start, pos, path, None)]
    return [(start, stop, path, None)] if start is not None else []


def _body_run(flags: list):
    """(first, last) index of the longest run of True (one False allowed inside), if >= 3."""
    best = None
    for i in range(len(flags)):
        if not flags[i]:
            continue
        j, gaps = i, 0
        while j + 1 < len(flags) and (flags[j + 1] or (gaps == 0 and j + 2 < len(flags) and flags[j + 2])):
            gaps += not flags[j + 1]
            j += 1
        if sum(flags[i:j + 1]) >= 3 and (best is None or j - i > best[1] - best[0]):
            best = (i, j)
    return best


def _children(secs, s) -> list:
    return [c for c in secs if c.level == s.level + 1 and s.start < c.start < s.end
            and c.path.startswith(s.path + ".")]


def _names_body(heading: str) -> bool:
    """Does a numbered heading start by naming a body ("Sở Y tế", "Giao Công an tỉnh ...")?"""
    h = _clean(heading)
    off, _ = _strip_lead_in(h)
    return bool(_names_at(h[off:], 0)[0])


# ---------------------------------------------------------------- mentions

class _Mention:
    __slots__ = ("name", "start", "end", "role", "quote", "where", "chu_tri")

    def __init__(self, name, start, end, role, quote, where, chu_tri=False):
        self.name, self.start, self.end, self.role = name, start, end, role
        self.quote, self.where, self.chu_tri = quote, where, chu_tri


def _lead_cue(text: str) -> bool:
    f = sectors.fold(text)
    return any(c in f for c in data()["roles"]["lead_cues"])


def _chu_tri_plan(text: str) -> bool:
    """The duty of the standing body: "Chủ trì ... triển khai thực hiện Kế hoạch",
    "theo dõi, đôn đốc ... thực hiện Kế hoạch" (the plan itself, capitalised, not "Kế hoạch số")."""
    r = data()["roles"]
    plan_rx, remit_rx, verbs_plan_rx = _plan_res()
    for clause in _CLAUSES.split(text):
        m = _CHU_TRI_ANY.search(clause)
        if m and remit_rx.search(clause):
            continue                      # chủ trì within its own remit, not of the plan
        if m:
            window = " ".join(_WORDS.findall(clause[m.end():])[:r["plan_window"]])
            if verbs_plan_rx.search(window):
                return True
        m = _DON_DOC.search(clause)
        if m and plan_rx.search(clause[m.end():]):
            return True
    return False


_CLAUSES = re.compile(r"[;.\n]")
_CHU_TRI_ANY = re.compile(r"[Cc]hủ trì")
_DON_DOC = re.compile(r"\bđôn đốc\b")


@lru_cache(maxsize=1)
def _plan_res() -> tuple:
    r = data()["roles"]
    plan = r"(?:%s)(?!\s+(?:số|hành động|cụ thể|của ngành))" % "|".join(re.escape(w) for w in r["plan_words"])
    verbs = r"(?:%s)" % "|".join(re.escape(v) for v in r["plan_verbs"])
    remit = r"(?:%s)" % "|".join(re.escape(v) for v in r["remit_cues"])
    return re.compile(plan), re.compile(remit), re.compile(verbs + r"(?:\s+[^\W\d_]+){0,5}?\s+" + plan)


_STANDING_CUE = re.compile(r"\s[-–]\s(?=[Cc]ơ quan|[Tt]hường trực)")


def _names_at(text: str, base: int, running: bool = True):
    """Bodies listed at the start of ``text``: (items, end index into text)."""
    s = _blank_brackets(text)
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


def _strip_lead_in(s: str) -> tuple:
    """(offset after a lead-in such as "Giao", "Căn cứ Kế hoạch này, đề nghị", requested?)."""
    global _LEAD_IN
    if _LEAD_IN is None:
        _LEAD_IN = re.compile(r"^\s*(?:Căn cứ[^,.;]{0,80},\s*)?(?:(Đề nghị|đề nghị)|Giao cho|Giao|giao|"
                              r"Thủ trưởng|Người đứng đầu|(?:Trách nhiệm|Nhiệm vụ) của)?\s*:?\s*")
    m = _LEAD_IN.match(s)
    off = m.end()
    t = _title_re().match(s[off:])
    if t and starts_body(s[off + t.end():]):
        off += t.end()
    return off, bool(m.group(1))


@lru_cache(maxsize=1)
def _title_re():
    titles = sorted(data()["titles"], key=len, reverse=True)
    return re.compile(r"(?:%s)\s+" % "|".join(re.escape(t) for t in titles))


# "(?<![\w])([Gg]iao)…" with the look-behind moved after the literal, so the scan can
# skip ahead to a "G"/"g" (same matches)
_GIAO = re.compile(r"([Gg]iao)(?<!\w[Gg]iao)\s+(?:cho\s+)?")
_GIAO_BEFORE = re.compile(r"(?:được|đã|sẽ|bàn)\s*$")


def _giao_mentions(doc, start, end) -> list:
    """"... và giao Cục Phòng, chống tệ nạn xã hội tham mưu": the body given the task."""
    text = doc.text
    out = []
    for m in _GIAO.finditer(text[start:end]):
        before = text[max(0, start + m.start() - 8):start + m.start()]
        if _GIAO_BEFORE.search(before):
            continue
        at = start + m.end()
        rest = _clean(text[at:min(end, at + 300)])
        items, stop = _names_at(rest, at, running=True)
        line_end = text.find("\n", at)
        quote = " ".join(text[start + m.start():line_end if line_end > 0 else end].split())[:200]
        for name, a, b in items:
            out.append(_Mention(name, a, b, "responsible", quote, "chu-tri"))
    return out


_ENTRY_NUMBER = re.compile(r"\s*(?:[\dIVXLC]+[.)]\s*)*(?:[\d]+[.)]?\s*)?")
_ENTRY_LINES = (re.compile(r"^\s*(\d+)\s*[.)]\s+(?=\S)"), re.compile(r"^\s*([a-zđ])\)\s+(?=\S)"))
_DECIMAL_LINE = re.compile(r"^\s*\d+\.\d")


def _entries(doc, region):
    """Numbered entries of the region: [(number, heading_start, heading_end, end)]."""
    text = doc.text
    start, end, path, level = region
    if level is not None:
        secs = [s for s in doc.sections if s.start < end]
        if level == 0:
            kids = [c for c in secs if "." not in c.path and start <= c.start < end]
            parent_end = end
        else:
            parent = next((s for s in secs if s.path == path), None)
            kids = _children(secs, parent) if parent else []
            parent_end = parent.end if parent else end
        res = []
        for k, c in enumerate(kids):
            line_end = text.find("\n", c.start)
            line_end = len(text) if line_end < 0 else line_end
            m = _ENTRY_NUMBER.match(text, c.start, line_end)
            hs = c.start + (m.end() - c.start if m else 0)
            nxt = kids[k + 1].start if k + 1 < len(kids) else min(parent_end, end)
            res.append((c.number or c.path, hs, line_end, nxt))
        if res:
            return res
    lines = list(_lines(text, start, end))
    out = []
    for rx in _ENTRY_LINES:
        out = []
        for pos, line in lines[1:]:
            m = rx.match(line)
            if m and not _DECIMAL_LINE.match(line):
                out.append([m.group(1), pos + m.end(), pos + len(line)])
        if out:
            break
    res = []
    for k, (num, hs, he) in enumerate(out):
        nxt = out[k + 1][1] if k + 1 < len(out) else end
        res.append((num, hs, he, nxt))
    return res


def _heading_only(h: str) -> bool:
    """Is an entry's first line only names (a heading), not a sentence giving duties?"""
    core = _blank_brackets(h).strip().rstrip(":").strip()
    if not core or len(core.split()) > 24 or _DOT_SPACE.search(core + " ") and not core.endswith("."):
        return False
    if core.endswith("."):
        core = core[:-1]
    return not _DUTY_WORDS.search(core)


_DOT_SPACE = re.compile(r"\.\s")
_DUTY_WORDS = re.compile(r"\b(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|là cơ quan|căn cứ|"
                         r"theo chức năng|tổ chức thực hiện|triển khai)\b")


def _member_mentions(doc, members, end, entry_role="responsible") -> list:
    """Mentions for member bodies; each member's duties run to the next member's line."""
    text = doc.text
    out = []
    starts = sorted({text.rfind("\n", 0, a) + 1 for _, a, _, _ in members})
    for name, a, b, q in members:
        line = text.rfind("\n", 0, a) + 1
        nxt = next((x for x in starts if x > line), end)
        duty = text[line:nxt]
        if q.startswith("Đề nghị: ") or entry_role == "requested":
            role = "requested"
        elif _lead_cue(duty) or _chu_tri_plan(duty):
            role = "lead"
        else:
            role = "responsible"
        out.append(_Mention(name, a, b, role, q, "member", bool(_CHU_TRI_ANY.search(duty))))
    return out


def _region_mentions(doc, region) -> list:
    text = doc.text
    out = []
    entries = _entries(doc, region)
    if not entries:
        # no numbered entries: "- Sở Y tế: chủ trì ..." lines name the bodies
        start, end = region[0], region[1]
        he = text.find("\n", start)
        members = _members(doc, "", start, he if 0 <= he < end else start, end)
        return _member_mentions(doc, members, end)
    for num, hs, he, end in entries:
        heading = _clean(text[hs:he])
        off, requested = _strip_lead_in(heading)
        body = text[he:end]
        h = heading[off:]
        if _heading_only(h):
            items, _ = _names_at(h, hs + off, running=False)
            duty = body.strip()
            sentence = False
        else:
            items, stop = _names_at(h, hs + off, running=True)
            duty = h[stop:] + body
            sentence = True
        if not items:
            continue
        members = _members(doc, heading, hs, he, end)
        if members:
            generic = {sectors.fold(g) for g in data()["generic_members"]}
            items = [it for it in items if sectors.fold(it[0]) not in generic]
            # the entry's own duties stop where its members' begin
            first = min(text.rfind("\n", 0, a) + 1 for _, a, _, _ in members)
            if first > he:
                duty = (h[stop:] if sentence else "") + text[he:first]
        quote = " ".join(duty.split())[:200] or heading.strip()[:200]
        if requested:
            role = "requested"
        elif _lead_cue(heading) or _lead_cue(duty) or _chu_tri_plan(duty):
            role = "lead"
        else:
            role = "responsible"
        for name, a, b in items:
            out.append(_Mention(name, a, b, role, quote, "entry" if sentence else "heading",
                                bool(_CHU_TRI_ANY.search(duty))))
        out += _member_mentions(doc, members, end, "requested" if requested else "responsible")
    return out


_BRACKET_INNER = re.compile(r"\(([^()]*)\)")
_MEMBER_MARK = re.compile(r"^\s*(?:[-+•–]|[a-zđ]\)|\d+\.\d+\.?)\s*")
_LETTER_MARK = re.compile(r"\s*[a-zđ]\)")


def _members(doc, heading, hs, he, end) -> list:
    """Member bodies of an entry: in brackets in its heading, or as "- X: duties" bullets."""
    text = doc.text
    out = []
    for m in _BRACKET_INNER.finditer(heading):
        inner = m.group(1)
        if starts_body(inner.strip()) and not _lead_cue(inner):
            lead = len(inner) - len(inner.lstrip())
            for name, a, b in split_bodies(inner.strip(), hs + m.start(1) + lead):
                out.append((name, a, b, heading.strip()[:200]))
    for pos, line in _lines(text, he + 1, end):
        m = _MEMBER_MARK.match(line)
        if not m:
            continue
        off, requested = _strip_lead_in(line[m.end():])
        rest = line[m.end() + off:]
        colon = rest.find(":")
        if (colon <= 0 or colon > 120) and _LETTER_MARK.match(line) and _heading_only(rest) \
                and len(rest.split()) <= 15:
            colon = len(rest)             # "a) Sở Y tế" on a line of its own, duties below
        if colon <= 0 or colon > 120:
            continue
        names_part = rest[:colon]
        if not starts_body(names_part.strip()) or not _heading_only(names_part):
            continue
        duty = " ".join(rest[colon + 1:].split())[:200]
        for name, a, b in split_bodies(names_part.strip(), pos + m.end() + off, keep_related=True):
            out.append((name, a, b, ("Đề nghị: " if requested else "") + duty))
    return out


_FIELD_CACHE = {}


@lru_cache(maxsize=64)
def _literal_starts(rx) -> Optional[tuple]:
    """The literal strings one of which every match of ``rx`` begins with ("Cơ quan",
    "Đơn vị" for "(?:Cơ quan|Đơn vị)\\s+chủ\\s+trì…"), or None when the pattern does not
    begin with plain literals."""
    try:
        try:
            from re import _parser as sre_parse
        except ImportError:              # Python < 3.11
            import sre_parse
        if rx.flags & ~re.UNICODE:
            return None
        items = sre_parse.parse(rx.pattern, rx.flags).data
        if not items:
            return None
        op, av = items[0]
        if op is sre_parse.LITERAL:
            alts = [items]
        elif op is sre_parse.BRANCH:
            alts = av[1]
        else:
            return None
        out = []
        for alt in alts:
            lit = []
            for o, a in alt:
                if o is not sre_parse.LITERAL:
                    break
                lit.append(chr(a))
            if not lit:
                return None
            out.append("".join(lit))
        return tuple(out)
    except Exception:
        return None


def _finditer(rx, text: str, start: int, end: int, found: Optional[dict] = None):
    """``rx.finditer(text, start, end)``, faster for a pattern that begins with literals:
    a match can only start where one of them occurs, and ``str.find`` gets there quicker
    than the regex scan.  ``found`` caches those places for patterns sharing the literals."""
    lits = _literal_starts(rx)
    if lits is None:
        yield from rx.finditer(text, start, end)
        return
    cands = None if found is None else found.get(lits)
    if cands is None:
        cands = set()
        for lit in lits:
            i = text.find(lit, start, end)
            while i >= 0:
                cands.add(i)
                i = text.find(lit, i + 1, end)
        cands = sorted(cands)
        if found is not None:
            found[lits] = cands
    last = start
    for i in cands:
        if i < last:
            continue
        m = rx.match(text, i, end)
        if m:
            yield m
            last = m.end()


def _field_res():
    if not _FIELD_CACHE:
        r = data()["roles"]
        _FIELD_CACHE.update(lead=re.compile(r["lead_fields"]), coordinate=re.compile(r["coordinate_fields"]),
                            responsible=re.compile(r["responsible_fields"]))
    return _FIELD_CACHE


_FIELD_BULLET = re.compile(r"\s*[+\-•–]\s*")
_NOT_SEMI = re.compile(r"[^;]+")
_CHU_TRI_START = re.compile(r"\s*chủ trì")


def _field_mentions(doc, start, end) -> list:
    """"Cơ quan chủ trì: A, B" / "Đơn vị phối hợp: C" / "Cơ quan thực hiện: X chủ trì ...; Y ...";
    an empty field takes the "+"/"-" lines under it."""
    text = doc.text
    out = []
    found = {}                    # literal starts -> where they occur (shared by the roles)
    for role, rx in _field_res().items():
        for m in _finditer(rx, text, start, end, found):
            line_end = text.find("\n", m.end())
            line_end = end if line_end < 0 or line_end > end else line_end
            values = [(m.end(), text[m.end():line_end])]
            if not values[0][1].strip():
                values = []
                for pos, line in _lines(text, min(line_end + 1, end), end):
                    b = _FIELD_BULLET.match(line)
                    if not b:
                        break
                    values.append((pos + b.end(), line[b.end():]))
            for vstart, value in values:
                value = _clean(value)
                quote = " ".join(value.split())[:200]
                for part_m in _NOT_SEMI.finditer(value):
                    part = part_m.group()
                    lead = len(part) - len(part.lstrip())
                    base = vstart + part_m.start() + lead
                    items, stop = _names_at(part.strip(), base, running=True)
                    r = role
                    if role == "responsible" and _CHU_TRI_START.match(part.strip()[stop:]):
                        r = "lead"
                    for name, a, b in items:
                        out.append(_Mention(name, a, b, r, quote, "field"))
    return out


_CHU_TRI_WORD = re.compile(r"chủ trì(?<!\wchủ trì)\b")     # = r"\bchủ trì\b", scanned faster
_CHU_TRI = re.compile(r"\bchủ trì\s*,?\s*(?:và\s+)?(?:phối hợp|phối hợp chặt chẽ)\s*(?:với\s+|cùng\s+)?")


def _chu_tri_mentions(doc, start, end) -> list:
    """"X chủ trì, phối hợp với Y, Z": X lead (when named at the clause start), Y, Z coordinate."""
    text = doc.text
    out = []
    for m in _CHU_TRI_WORD.finditer(text[start:end]):
        at = start + m.start()
        clause_start = max(text.rfind(c, start, at) for c in ".;:\n") + 1
        clause = _clean(text[clause_start:at])
        off, requested = _strip_lead_in(clause)
        quote_end = text.find("\n", at)
        quote = " ".join(text[clause_start:quote_end if quote_end > 0 else end].split())[:200]
        x = clause[off:]
        if x.strip() and starts_body(x.lstrip()) and not requested:
            items, stop = _names_at(x, clause_start + off, running=True)
            if items and not x[stop:].strip(" ,"):
                # "Phương thức thực hiện: X chủ trì" is a task field (lead); "3. X chủ trì ..."
                # opening a paragraph charges X like a heading would (responsible)
                role = "lead" if text[:clause_start].rstrip().endswith(":") else "responsible"
                for name, a, b in items:
                    out.append(_Mention(name, a, b, role, quote, "chu-tri"))
        cm = _CHU_TRI.match(text, at)
        if cm:
            rest = _clean(text[cm.end():min(end, cm.end() + 400)])
            items, _ = _names_at(rest, cm.end(), running=True)
            for name, a, b in items:
                out.append(_Mention(name, a, b, "coordinate", quote, "chu-tri"))
    return out


_GLUED = re.compile(r"(?<=[^\s,;])\s(?=(?:Sở|UBND|Ủy ban nhân dân|Công an|Ban Quản lý)\s)")


def _table_mentions(doc, start, end) -> list:
    """Rows of task tables: cells under a "chủ trì" column -> lead, "phối hợp" -> coordinate."""
    text = doc.text
    out = []
    cols = None
    pos = start
    for raw in text[start:end].split("\n"):         # = _lines(text, start, end), cleaned lazily
        at = pos
        pos += len(raw) + 1
        if "\t" not in raw:
            # _clean keeps the length, so a raw line of 150 or less cannot clean to more
            if len(raw) > 150 and len(_clean(raw).strip()) > 150:
                cols = None
            continue
        line = _clean(raw)
        cells = line.split("\t")
        # a folded cell can only hold "chủ trì" if the line has an "ì" (or a combining grave)
        if "ì" in line or "Ì" in line or "\u0300" in line or "\u0340" in line:
            folded = [sectors.fold(c) for c in cells]
            if any("chủ trì" in c for c in folded) and len(" ".join(folded)) < 300:
                cols = {}
                for i, c in enumerate(folded):
                    if "chủ trì" in c and "phối hợp" not in c:
                        cols[i] = "lead"
                    elif "phối hợp" in c and "chủ trì" not in c:
                        cols[i] = "coordinate"
                continue
        if not cols:
            continue
        offs = [0]
        for c in cells[:-1]:
            offs.append(offs[-1] + len(c) + 1)
        for i, role in cols.items():
            if i >= len(cells):
                continue
            cell = cells[i]
            lead = len(cell) - len(cell.lstrip())
            glued = _GLUED.sub(";", _blank_brackets(cell.strip()))
            items = split_bodies(glued.rstrip(" .;"), at + offs[i] + lead)
            for name, a, b in items:
                out.append(_Mention(name, a, b, role, " ".join(line.split())[:200], "table"))
    return out


def _article_mentions(doc) -> list:
    """"Điều 2/3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở ..., chịu trách nhiệm thi hành":
    the executors of a decision that has no plan attached (titles dropped)."""
    text = doc.text
    out = []
    for m in re.finditer(r"^[ \t]*Điều\s+[23]\s*[.:][ \t]*(.*)$", text, re.M):
        sent = m.group(1)
        cut = re.search(r"\s(?:chịu trách nhiệm|có trách nhiệm)\b", sent)
        if not cut:
            continue
        lst = sent[:cut.start()]
        lead = re.match(r"\s*(?:Các\s+)?(?:Ông/bà|ông/bà|Ông, bà|Ông \(bà\))?\s*:?\s*", lst)
        off = lead.end() if lead else 0
        for name, a, b in split_bodies(_blank_brackets(lst[off:]), m.start(1) + off):
            out.append(_Mention(name, a, b, "responsible", " ".join(sent.split())[:200], "article"))
    return out


# ---------------------------------------------------------------- merging

_KEY_CAC = re.compile(r"^(?:các|thủ trưởng các)\s+")
_KEY_RELATED = re.compile(r"(?:,\s*(?:tổ chức|cá nhân|đơn vị|cơ quan|địa phương))*\s*(?:có\s+)?liên quan$")
_LOCALITY_END = re.compile(r"\s(?:tỉnh|thành phố|huyện|quận|thị xã|phường|xã|thị trấn|đặc khu)(?:\s+[^\s,]+){0,3}$")


@lru_cache(maxsize=16384)
def _key(name: str) -> str:
    f = fold(canonical(name))
    f = f.replace(" việt nam", "").replace("tncs", "thanh niên cộng sản")
    f = _KEY_CAC.sub("", f)
    f = _KEY_RELATED.sub("", f).strip()
    if f.startswith("ủy ban nhân dân"):
        tail = f[len("ủy ban nhân dân"):]
        lvl = ("commune" if re.search(r"\b(?:xã|phường|thị trấn|đặc khu)\b", tail) else
               "district" if re.search(r"\b(?:huyện|quận|thị xã)\b", tail) else tail.strip())
        if re.search(r"[A-ZĐ]", canonical(name)[len("Ủy ban nhân dân"):]):
            return f                      # named communes: a body of its own
        if re.search(r"\bcác\b|\bcấp\b|,", tail) or lvl in ("commune", "district"):
            return "ủy ban nhân dân|" + lvl
    if re.match(r"(?:sở, ban, ngành|sở, ngành|sở ban ngành|sở, ban|cơ quan, đơn vị)", f):
        return "provincial-departments"
    if re.match(r"bộ, (?:ngành|cơ quan)", f):
        return "central-departments"
    return f


def _strip_locality(key: str) -> str:
    """"ban quản lý khu kinh tế tỉnh đồng tháp" -> "ban quản lý khu kinh tế"."""
    return _LOCALITY_END.sub("", key)


def _is_issuer(name: str, doc) -> bool:
    """"Ủy ban nhân dân tỉnh" (the issuer, named as the one reported to) is no agency."""
    return fold(canonical(name)) in _issuer_keys()


@lru_cache(maxsize=1)
def _issuer_keys() -> frozenset:
    return frozenset(fold(x) for x in data()["issuer_like"])


WHERE_RANK = {"member": 6, "heading": 5, "entry": 4, "field": 3, "table": 2, "chu-tri": 1, "article": 0}


def _merge(mentions: list, doc) -> list:
    groups = {}
    order = []
    for m in mentions:
        if _is_issuer(m.name, doc):
            continue
        k = _key(m.name)
        if k not in groups:
            groups[k] = []
            order.append(k)
        groups[k].append(m)
    # "Ủy ban Mặt trận Tổ quốc" + "Ủy ban Mặt trận Tổ quốc tỉnh": one body
    for k in list(order):
        short = _strip_locality(k)
        if short != k and short in groups:
            groups[k] = groups.pop(short) + groups[k]
            order[order.index(short)] = None
    order = [k for k in order if k is not None and k in groups]
    out = []
    for k in order:
        ms = groups[k]
        headed = [m for m in ms if m.where in ("heading", "member")]
        best_role = max(headed or ms, key=lambda m: ROLE_RANK[m.role]).role
        named = max(ms, key=lambda m: (WHERE_RANK[m.where], -m.start))
        first = min(ms, key=lambda m: m.start)
        role_m = next(m for m in sorted(ms, key=lambda m: m.start) if m.role == best_role)
        canon = canonical(named.name)
        sector = sectors.sector_of(canon)
        section = doc.section_at(role_m.start) if hasattr(doc, "section_at") else None
        a = Agency(name=named.name, canonical=canon, sector=sector, role=best_role,
                   section=section.path if section else None, quote=role_m.quote,
                   start=named.start, end=named.end)
        a.mentions = len(ms)
        a.first = first.start
        a._chu_tri = any(m.where == "heading" and m.chu_tri for m in ms)
        a._headed = bool(headed)
        out.append(a)
    if out and not any(a.role == "lead" and a._headed for a in out):
        # no standing body named: the first headed body that "chủ trì" leads
        first = min((a for a in out if a._chu_tri and a.role == "responsible"), key=lambda a: a.first,
                    default=None)
        if first is not None:
            first.role = "lead"
    for a in out:
        del a._chu_tri, a._headed
    return out


# ---------------------------------------------------------------- the stage

def _plan_like(doc) -> bool:
    """Plans, programmes, directives and decisions give bodies duties; decrees, circulars,
    resolutions, notices and laws are out of scope (an unknown type is given the benefit)."""
    dt = sectors.fold(getattr(doc.meta, "doc_type", None) or "")
    return not dt or any(dt.startswith(sectors.fold(t)) for t in data()["plan_types"])


def extract_agencies(doc) -> list:
    """The bodies ``doc`` gives duties to (one per body, strongest role)."""
    text = doc.text or ""
    if not text.strip() or not _plan_like(doc):
        return []
    end = _body_end(text)
    regions = _regions(doc)
    mentions = []
    for region in regions:
        mentions += _region_mentions(doc, region)
    body_start = min((s.start for s in doc.sections or []), default=0)
    mentions += _field_mentions(doc, body_start, end)
    mentions += _chu_tri_mentions(doc, body_start, end)
    mentions += _giao_mentions(doc, body_start, end)
    mentions += _table_mentions(doc, body_start, len(text))
    if not regions and not mentions:
        mentions += _article_mentions(doc)
    skip = _recipient_spans(text)
    mentions = [m for m in mentions if not any(a <= m.start < b for a, b in skip)]
    mentions.sort(key=lambda m: m.start)
    return _merge(mentions, doc)
