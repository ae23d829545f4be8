"""Citations: other documents the plan refers to, with their role.

A citation is a document number ("182/KH-UBND", "178/2004/NĐ-CP", "21-NQ/TW") with the
type word before it ("Kế hoạch số …"), then optionally its date ("ngày 20 tháng 5 năm
2025"), its issuer ("của Ủy ban nhân dân tỉnh Bắc Kạn") and its title ("về việc …"), or
a named act without a number ("Luật Tổ chức chính quyền địa phương ngày 19/6/2015").
Role: ``parent`` (the object of "Thực hiện …" in the preamble, or in the title),
``basis`` ("Căn cứ …"), ``amends`` / ``replaces`` (cue just before), else ``reference``.
The document's own number is skipped; the same document cited twice is one citation.
Cue words: ``data/citations.yaml``; types: ``data/doc_types.yaml``; bodies: ``data/issuers.yaml``.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import Optional

from pipeline import data
from pipeline.document import Citation
from pipeline.stages import admin_units
from pipeline.stages.doc_types import heading_re
from pipeline.stages.issuers import canonical_issuer
from pipeline.text import dates
from pipeline.text.view import View, view_of

UP = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"          # upper-case Vietnamese letters
PART = rf"[{UP}][A-Za-zĐđ{UP}0-9&.]*?"
DASH = r"[-–—‐‑]"
NUMBER_RE = re.compile(
    rf"(?<![\w/])(?:"
    rf"\d+{DASH}[{UP}][A-Za-zĐđ]*/[{UP}][A-Za-zĐđ{UP}0-9]*"                       # 21-NQ/TW
    rf"|\d+(?:/\d{{4}})?/[{UP}][\w&.]*?(?:[ ]?{DASH}[ ]?[{UP}][\w&.]*?)+(?=[^\w&.-]|\.(?!\w)|$)"  # 182/KH-UBND
    rf"|\d+/\d{{4}}/[{UP}][\w&]*"                                                  # 163/2024/QH15
    rf")")


def fold_number(num: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", num)).upper()


@lru_cache(maxsize=1)
def _data() -> dict:
    return data.load("citations.yaml")


@lru_cache(maxsize=1)
def _type_words() -> list:
    """(written, canonical) type names, longest first."""
    types = data.load("doc_types.yaml")["types"]
    return sorted(types.items(), key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1)
def _type_by_lower() -> dict:
    """``{written.lower(): canonical}`` of ``_type_words`` (a later one wins, as a dict does)."""
    return {w.lower(): c for w, c in _type_words()}


@lru_cache(maxsize=1)
def _type_before_re() -> re.Pattern:
    alt = "|".join(re.escape(w) for w, _ in _type_words())
    return re.compile(rf"(?i)(?<!\w)({alt})(?:\s+[\w“”\"]+){{0,2}}?\s*(?:số|số hiệu)?\s*:?\s*$")


@lru_cache(maxsize=1)
def _number_cases() -> dict:
    types = data.load("doc_types.yaml")
    cases = {c.upper(): c for c in types["number_case"]}
    cases.update({a.upper(): a for a in types["abbreviations"]})
    return cases


def normalise_number(num: str) -> str:
    """"242/VPCP- KGVX" -> "242/VPCP-KGVX"; odd dashes, "QD" -> "QĐ"; printed case restored."""
    s = re.sub(r"\s+", "", num)
    s = re.sub(DASH, "-", s).strip(".,;")
    types = data.load("doc_types.yaml")
    fixes = types["number_fixes"]
    cases = _number_cases()

    def fix(part: str) -> str:
        part = fixes.get(part, part)
        return cases.get(part.upper(), part) if part.upper() in cases else part
    return re.sub(r"[^/-]+", lambda m: fix(m.group()), s)


def _type_from_number(num: str) -> Optional[str]:
    abbr = data.load("doc_types.yaml")["abbreviations"]
    parts = re.split(r"[/-]", num)
    for p in parts[1:]:
        if p in abbr:
            return abbr[p]
    return None


# ---------------------------------------------------------------- after the number

DATE_AFTER_RE = re.compile(
    r"^\s*,?\s*(?:ban hành\s+)?(?:ngày\s*)?(\d{1,2}\s*(?:/|tháng)\s*\d{1,2}\s*(?:/|năm)\s*\d{4}|\d{1,2}/\d{1,2}/\d{4})",
    re.I)


@lru_cache(maxsize=1)
def _issuer_after_data() -> tuple:
    """The lists and patterns of ``_issuer_after``, built once."""
    known = [(k, k.lower()) for k in
             sorted(data.load("issuers.yaml")["national"], key=len, reverse=True)]
    officials = [re.compile(rf"^(?i:{re.escape(o)})\s+") for o in data.load("issuers.yaml")["officials"]]
    stops = "|".join(re.escape(s) for s in sorted(_data()["issuer_stops"], key=len, reverse=True))
    types = "|".join(re.escape(w) for w, _ in _type_words())
    hard = rf"\s+(?:{stops})(?!\w)|\s*[;.:()“\"\n]|\s+và\s+(?:{types})\b"
    return known, officials, re.compile(hard), re.compile(rf"(?:{hard}|\s*,)")


def _issuer_after(text: str) -> tuple:
    """``(issuer, length)`` of "của <body>" at the start of ``text``."""
    m = re.match(rf"^\s*,?\s*(?:của\s+)?{_data()['issuer_prefix_re']}|^\s*,?\s*của\s+", text, re.I)
    if not m:
        return None, 0
    rest = text[m.end():m.end() + 200]
    known, officials, hard_re, cut_re = _issuer_after_data()
    for o_re in officials:
        rest2 = o_re.sub("", rest)
        if rest2 != rest:
            m2 = m.end() + (len(rest) - len(rest2))
            rest, off = rest2, m2
            break
    else:
        off = m.end()
    rest_low = rest.lower()
    for k, k_low in known:
        if rest_low.startswith(k_low) and not re.match(r"\w", rest[len(k):len(k) + 1]):
            return data.load("issuers.yaml")["aliases"].get(k, k), off + len(k)
    cut = cut_re.search(rest)
    body = rest[:cut.start()] if cut else rest[:80]
    # "Ban Chỉ đạo phát triển khoa học, công nghệ, … tỉnh Nghệ An": commas inside a name
    cut2 = hard_re.search(rest)
    longer = rest[:cut2.start()] if cut2 else ""
    if "," in longer and re.search(r"(?:tỉnh|thành phố)\s+[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ]\w*(?:\s+[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ]\w*)*$", longer):
        body = longer
    if any(body.startswith(b) for b in _data()["long_name_bodies"]):
        clause = re.split(r"[;.()\n]", rest, maxsplit=1)[0][:200]
        lm = re.match(rf"^.*?\s(?:tỉnh|thành phố)(?:\s+[{UP}]\w*)*(?=\s|$)", clause)
        if lm and len(lm.group()) > len(body):
            body = lm.group()
    body = re.sub(_data()["issuer_suffix_re"], "", body.strip())
    body = data.load("issuers.yaml")["aliases"].get(body, body)
    if not body or not body[0].isupper():
        return None, 0
    return body, off + len(body)


@lru_cache(maxsize=1)
def _title_opener_re() -> re.Pattern:
    openers = "|".join(re.escape(s) for s in sorted(_data()["title_openers"], key=len, reverse=True))
    return re.compile(rf"^\s*,?\s*((?:{openers})\s.*)", re.I | re.S)


@lru_cache(maxsize=1)
def _clause_end_re() -> re.Pattern:
    types = "|".join(re.escape(w) for w, _ in _type_words())
    return re.compile(rf"[;\n(]|\.(?:\s|$)|(?:,|\s+và|\s+tại)\s*(?:{types})\s+(?:số\s+)?\d")


def _title_after(text: str) -> Optional[str]:
    """A title opened by "về việc …", "phê duyệt …" up to the end of the clause."""
    m = _title_opener_re().match(text)
    if not m:
        return None
    t = m.group(1)
    end = _clause_end(t)
    return t[:end].strip(" ,") or None


def _clause_end(t: str) -> int:
    """End of a cited title: ";", "(", a line end, a sentence stop, or "và <Type> số"."""
    m = _clause_end_re().search(t)
    return m.start() if m else len(t)


# ---------------------------------------------------------------- the stage

class _Blocks(list):
    """(start, end) of the blocks, and their starts (for ``_block_at``)."""
    starts: list


def _blocks(text: str) -> list:
    """(start, end) of each block (line) of the view."""
    out, pos = _Blocks(), 0
    starts = []
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        starts.append(pos)
        pos += len(line) + 1
    out.starts = starts
    return out


def _block_at(blocks: list, x: int):
    """The first block ``(s, e)`` with ``s <= x <= e`` (blocks are in order, one character
    apart, so there is at most one), or None."""
    starts = getattr(blocks, "starts", None)
    if starts is None:
        return next(((s, e) for s, e in blocks if s <= x <= e), None)
    i = bisect_right(starts, x) - 1
    if i >= 0:
        s, e = blocks[i]
        if s <= x <= e:
            return s, e
    return None


def _numbers(t: str, blocks: list):
    """``NUMBER_RE.finditer(t)``, looked for only in the blocks holding a "/" (every number
    has one).  A match never crosses a line, so each block is searched on its own, up to
    and with its line break: where "$" would match at that end, "[^\\w&.-]" matches the
    line break too, so the matches are the same."""
    for s, e in blocks:
        if t.find("/", s, e) < 0:
            continue
        yield from NUMBER_RE.finditer(t, s, e + 1)


@lru_cache(maxsize=2048)
def _opener(block_text: str) -> Optional[str]:
    """"basis" / "parent" when the block opens with a "Căn cứ" / "Thực hiện" cue."""
    s = block_text.lstrip(" -+•*").lower()
    basis, parent = _opener_words()
    for w in basis:
        if s.startswith(w):
            return "basis"
    for w in parent:
        if s.startswith(w):
            return "parent"
    return None


@lru_cache(maxsize=1)
def _opener_words() -> tuple:
    """The basis openers and the parent openers (with a space after), lower-cased, longest first."""
    d = _data()
    return (tuple(w.lower() for w in sorted(d["basis_openers"], key=len, reverse=True)),
            tuple(w.lower() + " " for w in sorted(d["parent_openers"], key=len, reverse=True)))


def _first_section(view: View, doc) -> int:
    """View offset where the body starts (first "I." heading), to bound the preamble."""
    m = re.search(r"(?m)^(?:I|1)\.\s+\S|^Điều\s+1\b", view.text)
    return m.start() if m else len(view.text)


def _title_span(view: View) -> tuple:
    """View span of the document's own title (the blocks after the type heading)."""
    hm = heading_re().search(view.text[:6000])
    if not hm:
        return (0, 0)
    start = hm.end()
    end = start
    for s, e in _blocks(view.text[start:]):
        line = view.text[start + s:start + e].strip()
        if not line:
            continue
        if _opener(line) or re.match(r"(?i)\(?\s*(ban hành\s+)?kèm theo|[IVX]+\.|\d+\.|điều\s+\d", line):
            break
        end = start + e
        if line != line.upper() or end - start > 600:
            break
    return (start, end)


def extract_citations(doc) -> list:
    """Citations of a Document (``doc.meta`` already set)."""
    view = view_of(doc.text)
    t = view.text
    own = fold_number(doc.meta.number) if doc.meta and doc.meta.number else None
    province = doc.meta.province if doc.meta else None
    blocks = _blocks(t)
    found = [c for m in _numbers(t, blocks) for c in _numbered(t, m, own, province)]
    found.extend(_named_acts(view, blocks))
    found.sort(key=lambda c: c.start)

    # roles on view offsets; offsets into doc.text at the end
    body_start, title, spans = _first_section(view, doc), _title_span(view), []
    for c in found:
        c.role = _role(t, c, blocks, body_start, title, spans)
        spans.append((c.start, c.end, c))
    out = _merge(found, doc.meta.date if doc.meta else None)
    for c in out:
        c.start, c.end = view.span(c.start, c.end)
        c.quote = doc.text[c.start:c.end]
        c.quotes = [doc.text[s:e] for s, e in (view.span(s, e) for s, e in c.quotes)]
    return out


def _numbered(t: str, m, own: Optional[str], province: Optional[str]) -> list:
    """The citation of the number matched by ``m`` (a list of zero or one)."""
    number = normalise_number(m.group())
    if not re.search(r"[A-Za-zĐđ]", number.split("/", 1)[-1]):
        return []
    if own and fold_number(number) == own:
        return []                                   # the document's own number
    before = t[max(0, m.start() - 60):m.start()]
    if re.search(r"(?i)\bSố\s*:\s*$", before):
        return []                                   # a header "Số: …" line
    doc_type, start, act_title = None, m.start(), None
    tm = _type_before_re().search(before)
    if tm:
        doc_type = _type_by_lower().get(tm.group(1).lower())
        start = m.start() - len(before) + tm.start()
    else:
        act = _named_act_before(before, t[max(0, m.start() - 200):m.start()])
        if act:                                     # "Luật … số 72/2025/QH15"
            doc_type, act_title, act_len = act
            start = m.start() - act_len
    doc_type = doc_type or _type_from_number(number) or "Văn bản"

    after = t[m.end():m.end() + 400]
    date, pos = None, 0
    dm = DATE_AFTER_RE.match(after)
    if dm:
        date = dates.parse_date(_date_text(dm.group(1)))
        pos = dm.end()
    issuer, n = _issuer_after(after[pos:])
    pos += n
    if not issuer:
        issuer = _issuer_before(before[:tm.start()] if tm else before)
    title = _title_after(after[pos:])
    if title:
        pos = after.index(title, pos) + len(title)
    if issuer:
        issuer = _trim_place(canonical_issuer(issuer, province), province)
    else:
        issuer = _issuer_from_number(number)
    return [_make(doc_type, number, date, issuer, title or act_title, start, m.end() + pos)]


def _trim_place(issuer: str, province: Optional[str]) -> str:
    """"UBND thành phố Cần Thơ Thực hiện …" -> "UBND thành phố Cần Thơ"; a bare
    "UBND Thành phố" in a document of a central city gets the city's name."""
    m = re.search(r"(?<!\w)([Tt]ỉnh|[Tt]hành phố)\s+([A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ].*)$", issuer)
    if m:
        words = m.group(2).split()
        for n in range(min(len(words), 6), 0, -1):
            name = admin_units.province_name(" ".join(words[:n]))
            if name:
                return issuer[:m.start(2)] + " ".join(words[:n])
        if m.group(1).lower() == "tỉnh" and province:
            return issuer[:m.start(2)] + province      # "UBND tỉnh Sửa đổi, …": no name printed
        return issuer
    if province and re.search(r"(?i)(?<!\w)thành phố$", issuer) and admin_units.is_central_city(province):
        return f"{issuer} {province}"
    return issuer


def _named_act_before(before: str, wide: str):
    """``(type, title, length)`` of "Luật Tổ chức chính quyền địa phương số " ending ``wide``."""
    if not re.search(r"(?i)\bsố\s*$", before):
        return None
    acts = "|".join(re.escape(a) for a in sorted(_data()["named_acts"], key=len, reverse=True))
    m = None
    for m in re.finditer(rf"(?<!\w)({acts})\s+([{UP}][^;:()\n]*?)\s*,?\s*số\s*$", wide):
        pass
    if not m:
        return None
    name = m.group(2)
    types = data.load("doc_types.yaml")["types"]
    return types.get(m.group(1), m.group(1)), f"{m.group(1)} {name.strip()}", len(wide) - m.start()


def _date_text(s: str) -> str:
    s = re.sub(r"\s+", " ", s)
    if "tháng" in s:
        return "ngày " + s
    return s.replace(" ", "")


def _issuer_before(before: str) -> Optional[str]:
    """The body in "Theo đề nghị của Ban Dân tộc tỉnh tại Tờ trình số …"."""
    m = re.search(r"của\s+([A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ][^;,.()]{2,80}?)\s+tại\s*$", before)
    return m.group(1) if m else None


def _issuer_from_number(number: str) -> Optional[str]:
    suffix = data.load("issuers.yaml")["number_suffix"]
    last = re.split(r"[/-]", number)[-1]
    return suffix.get(last)


def _make(doc_type, number, date, issuer, title, start, end) -> Citation:
    c = Citation(doc_type=doc_type, number=number, date=date, issuer=issuer, title=title,
                 start=start, end=end)
    c.quotes = [(start, end)]
    return c


@lru_cache(maxsize=1)
def _named_act_res() -> tuple:
    """(named act, the same without its look-behind, end of its name) patterns."""
    d = _data()
    acts = "|".join(re.escape(a) for a in sorted(d["named_acts"], key=len, reverse=True))
    stops = "|".join(re.escape(s) for s in sorted(d["named_act_stops"], key=len, reverse=True))
    return (re.compile(rf"(?<!\w)({acts})\s+(?=[{UP}])"), re.compile(rf"(?:{acts})\s+(?=[{UP}])"),
            re.compile(rf"\s+(?:{stops})(?!\w)|[;:()“”\"\n]|(?:,|\s+và)\s+(?=[{UP}])|\.(?:\s|$)|\s+\d"))


def _named_act_matches(t: str):
    """``finditer`` of the named act pattern: the pattern without its look-behind (which
    the regex engine finds fast, from the acts' first letters) matches wherever the pattern
    does, so each of its matches is tried with the look-behind, left to right."""
    full, bare, _ = _named_act_res()
    pos = 0
    while True:
        m = bare.search(t, pos)
        if m is None:
            return
        fm = full.match(t, m.start())
        if fm is None:
            pos = m.start() + 1
            continue
        yield fm
        pos = fm.end()


def _named_acts(view: View, blocks: list) -> list:
    """Laws and ordinances named without a number, when dated or cited as grounds."""
    t = view.text
    d = _data()
    _, _, cut_re = _named_act_res()
    out = []
    for m in _named_act_matches(t):
        rest = t[m.end():m.end() + 150]
        cut = cut_re.search(rest)
        name = rest[:cut.start()] if cut else rest[:60]
        name = name.strip(" ,.")
        if not name or len(name) < 3 or any(name.startswith(w) for w in d["named_act_skip_starts"]):
            continue
        after = rest[len(name):]
        if re.match(r"^\s*,?\s*số\s+\d", after):
            continue                  # "Luật … số 72/2025/QH15": the numbered citation has it
        dm = re.match(r"^\s*,?\s*(?:số\s+\S+\s+)?ngày\s+(\d{1,2}\s*(?:/|tháng)\s*\d{1,2}\s*(?:/|năm)\s*\d{4})", after, re.I)
        b = _block_at(blocks, m.start())
        block = t[b[0]:b[1]] if b else ""
        if not dm and _opener(block) != "basis":
            continue
        title = f"{m.group(1)} {name}"
        end = m.end() + len(name) + (dm.end() if dm else 0)
        date = dates.parse_date(_date_text(dm.group(1))) if dm else None
        c = _make(data.load("doc_types.yaml")["types"].get(m.group(1), m.group(1)), None, date,
                  d["named_act_issuer"], title, m.start(), end)
        out.append(c)
    return out


@lru_cache(maxsize=1)
def _role_res() -> tuple:
    """The patterns of the replaces and amends cues, in the order of the cue lists."""
    d = _data()
    return (tuple(re.compile(rf"{re.escape(w)}\s*(?:cho\s+)?(?:các\s+)?$") for w in d["replaces_cues"]),
            tuple(re.compile(rf"{re.escape(w)}\s*$") for w in d["amends_cues"]))


def _role(t: str, c: Citation, blocks: list, body_start: int, title: tuple, spans: list) -> str:
    """Role of one citation from its block's opener and the words just before it."""
    before = t[max(0, c.start - 60):c.start].lower()
    clause = re.split(r"[.;\n]", t[max(0, c.start - 150):c.start])[-1]
    # "Quyết định số 1729/QĐ-TTg … sửa đổi, bổ sung Quyết định số 655/QĐ-TTg": another
    # document does the amending, not this plan
    own_action = not NUMBER_RE.search(clause)
    if own_action:
        replaces, amends = _role_res()
        for r in replaces:
            if r.search(before):
                return "replaces"
        for r in amends:
            if r.search(before):
                return "amends"
    if title[0] <= c.start < title[1]:
        return "parent"
    nested = any(s < c.start < e for s, e, _ in spans)
    bs, be = _block_at(blocks, c.start) or (0, 0)
    opener = _opener(t[bs:be])
    if opener == "basis" and c.start < body_start:
        if nested:
            return "reference"
        if c.doc_type in _data()["parent_types_under_basis"]:
            return "parent"
        return "basis"
    if opener == "parent" and c.start < body_start:
        if nested:
            return "reference"
        head = t[bs:c.start]
        # "Thực hiện chỉ đạo của … (Văn bản số …)": the cue's object is not this document
        if re.search(r"\(\s*$", head) or re.search(r"(?i)^\W*(?:[\w ]{0,40}?)\s+(chỉ đạo|ý kiến)\b", head):
            return "basis"
        return "parent"
    return "reference"


def _merge(found: list, own_date: Optional[str] = None) -> list:
    """One citation per document (by number, or by title for named acts).

    The role is the strongest of its occurrences; the date the commonest printed one that
    is not later than the document's own date (a later one is a misprint)."""
    rank = {r: i for i, r in enumerate(_data()["role_rank"])}
    out: dict = {}
    for c in found:
        k = fold_number(c.number) if c.number else "T:" + c.title.lower()
        if k not in out:
            out[k] = c
            continue
        first = out[k]
        first.quotes.extend(c.quotes)
        if rank.get(c.role, 9) < rank.get(first.role, 9):
            first.role = c.role
        for attr in ("issuer", "title"):
            if getattr(first, attr) is None and getattr(c, attr) is not None:
                setattr(first, attr, getattr(c, attr))
        first._dates = getattr(first, "_dates", [first.date]) + [c.date]
    for c in out.values():
        ds = [d for d in getattr(c, "_dates", [c.date]) if d]
        ok = [d for d in ds if not own_date or d[:len(own_date)] <= own_date]
        pool = ok or ds
        if pool:
            c.date = max(pool, key=lambda d: (pool.count(d), -pool.index(d)))
        if hasattr(c, "_dates"):
            del c._dates
    return list(out.values())
