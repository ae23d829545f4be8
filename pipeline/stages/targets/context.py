"""The context of a document (view, sections, period) and the flags of the sections at an offset."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple, Optional, TypedDict

from pipeline.document import Document, Section
from pipeline.stages.targets.clauses import Clause
from pipeline.stages.targets.patterns import cues, regexes
from pipeline.stages.targets.view import squash, unmark

APPENDIX_PREFIX = "PL"                 # the sections stage's path of an appendix: "PL.I"


class Flags(TypedDict):
    """The flags of the sections at an offset (``section_flags``)."""
    negative: bool
    target: bool
    objective_only: bool
    roadmap: bool               # under a roadmap heading ("Lộ trình thực hiện"): dated tasks only
    chain: list[Section]


@dataclass
class Ctx:
    doc: Document
    v: str
    sections: list[Section]
    period: Optional[list[int]]
    plan_year: Optional[int]
    has_target_section: bool
    cited: list[tuple[int, int]] = field(default_factory=list)     # (start, end) of citation quotes
    own_period: bool = False                      # the title states the period
    horizon: Optional[str] = None                 # "2030" of "Mục tiêu cụ thể đến năm 2030"
    # the chain and flags are the same between two section boundaries: cached per stretch
    _bounds: Optional[list[int]] = field(default=None, repr=False)
    _chains: dict[int, list[Section]] = field(default_factory=dict, repr=False)
    _flags: dict[int, Flags] = field(default_factory=dict, repr=False)
    _own: dict[tuple[int, str, int, int, bool, bool], list[tuple[int, int, str]]] = field(
        default_factory=dict, repr=False)                        # own_dates of a clause
    _year_tables: dict[int, bool] = field(default_factory=dict, repr=False)  # table start: year columns
    _row_tops: dict[int, int] = field(default_factory=dict, repr=False)      # table row: its first row
    # a clause's (end, found) of the growing prefixes searched by ``annual_before``
    _annual: dict[tuple[int, str], tuple[int, bool]] = field(default_factory=dict, repr=False)
    _starts: Optional[frozenset[int]] = field(default=None, repr=False)   # of the sections
    _items: dict[tuple[int, int], Optional[tuple[str, int]]] = field(
        default_factory=dict, repr=False)                        # item_deadline of a section
    _lead_ins: dict[tuple[int, int], Optional[str]] = field(
        default_factory=dict, repr=False)                        # lead_in of a line
    # (value, unit) of the counts of the preamble: what the document is about (``subject_count``)
    _subjects: Optional[list[tuple[float, str]]] = field(default=None, repr=False)


def section_starts(ctx: Ctx) -> frozenset[int]:
    """Where the sections start (a set: asked for each clause)."""
    if ctx._starts is None:
        ctx._starts = frozenset(s.start for s in ctx.sections)
    return ctx._starts


def stretch(ctx: Ctx, offset: int) -> int:
    """Index of the stretch between section boundaries that holds ``offset``."""
    if ctx._bounds is None:
        ctx._bounds = sorted({x for s in ctx.sections for x in (s.start, s.end)})
    return bisect_right(ctx._bounds, offset)


def chain(ctx: Ctx, offset: int) -> list[Section]:
    """Sections containing ``offset``, outermost first."""
    k = stretch(ctx, offset)
    if not ctx._chains:
        _sweep_chains(ctx)
    return list(ctx._chains.get(k, ()))


def _sweep_chains(ctx: Ctx) -> None:
    """The chain of every stretch, in one pass over the section boundaries (not one pass
    over the sections per stretch: a document of 30,000 sections is not quadratic)."""
    stretch(ctx, 0)
    assert ctx._bounds is not None
    starts: dict[int, list[Section]] = {}
    ends: dict[int, list[Section]] = {}
    for s in ctx.sections:
        starts.setdefault(s.start, []).append(s)
        ends.setdefault(s.end, []).append(s)
    active: dict[int, Section] = {}
    for k, b in enumerate(ctx._bounds, 1):           # stretch k: bounds[k-1] <= offset < bounds[k]
        for s in ends.get(b, ()):
            active.pop(id(s), None)
        for s in starts.get(b, ()):
            if s.end > b:
                active[id(s)] = s
        ctx._chains[k] = sorted(active.values(), key=lambda s: (s.level, s.start))
    ctx._chains.setdefault(0, [])


@lru_cache(maxsize=4096)
def heading_text(h: str) -> str:
    return squash(unmark(h))


def heading_of(ctx: Optional[Ctx], s: Section) -> str:
    """The heading of ``s``, marks blanked and white space collapsed."""
    return heading_text(s.heading or "")


def section_flags(ctx: Ctx, offset: int) -> Flags:
    """Is the offset inside a negative, objective-only or target section?"""
    flags = cached_flags(ctx, offset)
    return {**flags, "chain": list(flags["chain"])}


def cached_flags(ctx: Ctx, offset: int) -> Flags:
    """``section_flags`` as cached for the stretch (shared: not to be changed)."""
    k = stretch(ctx, offset)
    flags = ctx._flags.get(k)
    if flags is None:
        flags = ctx._flags[k] = _section_flags(ctx, chain(ctx, offset))
    return flags


class HeadingFacts(NamedTuple):
    """What the stage asks about a heading (``heading_of``), asked once: the same heading
    is in the chain of each of its subsections."""
    low: str                    # lower-cased
    negative: bool              # ``_negative``
    target: bool                # ``target_heading`` in ``low``
    roadmap: bool               # ``roadmap_heading`` in ``low``
    target_printed: bool        # ``target_heading`` in the heading as printed


@lru_cache(maxsize=4096)
def heading_facts(h: str) -> HeadingFacts:
    """The facts of heading ``h`` (both patterns need one of the words of ``heading_cue``:
    looked for first)."""
    rx = regexes()
    low = h.lower()
    cue = rx["heading_cue"]
    in_low = cue.found(low)
    return HeadingFacts(low, _negative(h), in_low and rx["target_heading"].search(low) is not None,
                        in_low and rx["roadmap_heading"].search(low) is not None,
                        cue.found(h, low) and rx["target_heading"].search(h) is not None)


def _section_flags(ctx: Ctx, ch: list[Section]) -> Flags:
    c = cues()
    hf = [heading_facts(heading_of(ctx, s)) for s in ch]
    heads = [f.low for f in hf]
    neg = any(f.negative for f in hf)
    target = any(f.target for f in hf)
    roadmap = any(f.roadmap for f in hf)
    obj_only = False
    if ctx.has_target_section:
        # the innermost heading naming objectives or targets decides: "II. MỤC TIÊU, CHỈ TIÊU
        # → 1. Mục tiêu" states objectives, "I. MỤC TIÊU → 2. Chỉ tiêu cụ thể" targets
        ts, oh = c["target_section_heading"], c["objective_heading"]
        inner = next((h for h in reversed(heads) if oh in h or ts in h), "")
        obj_only = oh in inner and ts not in inner
    return {"negative": neg, "target": target, "objective_only": obj_only, "roadmap": roadmap,
            "chain": ch}


def is_appendix(s: Section) -> bool:
    """Is ``s`` an appendix or a part of one ("PL.I", "PL.I.2")?"""
    return s.path.startswith(APPENDIX_PREFIX)


@lru_cache(maxsize=1024)
def _negative(h: str) -> bool:
    """Does heading ``h`` name facts (budget, scope, basis …) rather than what the plan
    does?  A short or capitalised heading opening with a negative word, unless another part
    of it names the plan's work ("ĐỐI TƯỢNG VÀ THỜI GIAN THI ĐUA")."""
    rx = regexes()
    low = h.lower()
    return bool(rx["neg_heading"].search(low) and (len(h.split()) <= 10 or h.isupper())
                and not rx["neg_heading_kept"].search(low))


#: the deepest heading level a target's section path names (corpus/ANNOTATION.md: levels
#: 1-2, and 3 where the document numbers them "1.1."; a "1.1.1." heading's content sits in 1.1)
MAX_PATH_LEVEL = 3


def section_path(ch: list[Section]) -> Optional[str]:
    """The path of the innermost section of a chain at a level a section path names."""
    inner = [s for s in ch if s.level <= MAX_PATH_LEVEL]
    return inner[-1].path if inner else (ch[0].path if ch else None)


def section_heading(ch: list[Section]) -> str:
    return _plain_heading(ch[-1].heading) if ch else ""


@lru_cache(maxsize=64)
def _plain_heading(heading: str) -> str:
    """A heading without marks and runs of white space (cached: asked for each number
    under it, and a heading may be a whole long line)."""
    return squash(unmark(heading))


# characters of a quote: a longer sentence (the longest of corpus/ has 1,601) is quoted
# around the number, so that a line of "1%" repeated thousands of times does not quote
# itself once per number (output quadratic in the line)
MAX_QUOTE = 2000


def quote_span(cl: Clause, at: Optional[tuple[int, int]] = None) -> tuple[int, int]:
    """(start, end) of what a target quotes: the clause's sentence, or, past
    ``MAX_QUOTE`` characters, the ``MAX_QUOTE`` around ``at`` (offsets in the clause)."""
    a, b = cl.sentence
    if b - a <= MAX_QUOTE:
        return a, b
    mid = cl.start + (at[0] if at else 0)
    lo = max(a, min(mid - MAX_QUOTE // 2, b - MAX_QUOTE))
    return lo, lo + MAX_QUOTE


def quote(ctx: Ctx, cl: Clause, at: Optional[tuple[int, int]] = None) -> str:
    """The clause's sentence as the document prints it (not the view); a sentence longer
    than ``MAX_QUOTE`` is cut to the part around ``at`` and "…" marks the cuts."""
    a, b = cl.sentence
    lo, hi = quote_span(cl, at)
    text = squash(ctx.doc.text[lo:hi]).strip(" -+;,.")
    return ("…" if lo > a else "") + text + ("…" if hi < b else "")
