"""Fast paths for ``read_blocks`` and ``classify``: patterns joined into one alternation
(a match of the join is a match of one of them), and the characters a match can start
with.  Same results, fewer pattern calls."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, NamedTuple, Optional

try:
    # the parser of ``re`` (read, never changed); typeshed has no stub of the private re._parser
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:                      # Python < 3.11
    import sre_parse as P

#: the cue patterns ``classify`` tries, in its order; all but "bullet" on the body without
#: "*" and "_" (a table row's number is looked for between "roman_cell" and "decimal")
CLASSIFY_KEYS = ("appendix", "article", "part", "letter_part", "letter_cell", "roman", "roman_cell",
                 "decimal", "arabic", "letter", "letter_dot", "number_paren", "bullet")
#: of those, the ones tried on the body without "*" and "_"
PLAIN_KEYS = CLASSIFY_KEYS[:-1]

_REPEATS = tuple(getattr(P, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(P, name))
_ZERO_WIDTH = tuple(getattr(P, name) for name in ("AT", "ASSERT", "ASSERT_NOT") if hasattr(P, name))


#: in a set of first characters, any decimal digit / any white space (as ``re`` reads them)
DIGIT, SPACE = "\\d", "\\s"


def can_start(firsts: Optional[frozenset[str]], ch: str) -> bool:
    """Whether a match may start with ``ch``, given its ``first_chars``."""
    return firsts is None or ch in firsts or (DIGIT in firsts and ch.isdecimal()) \
        or (SPACE in firsts and ch.isspace())


def _firsts_of(items: Any) -> tuple[Optional[set[str]], bool]:
    """``(characters a match of the parsed sequence can start with, or None when that
    cannot be told; whether it can match the empty string)``.  Zero-width assertions are
    skipped: the set may hold more characters than can start a match, never fewer."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is P.LITERAL:
            out.add(chr(av))
            return out, False
        if op is P.IN:
            for o, a in av:
                if o is P.LITERAL:
                    out.add(chr(a))
                elif o is P.RANGE:
                    out.update(map(chr, range(a[0], a[1] + 1)))
                elif o is P.CATEGORY and a is P.CATEGORY_DIGIT:
                    out.add(DIGIT)       # "\\d": any decimal digit (see ``can_start``)
                elif o is P.CATEGORY and a is P.CATEGORY_SPACE:
                    out.add(SPACE)       # "\\s": any white space
                else:                    # NEGATE, other categories ...
                    return None, False
            return out, False
        if op is P.BRANCH:
            empty = False
            for alt in av[1]:
                f, e = _firsts_of(alt)
                if f is None:
                    return None, False
                out |= f
                empty = empty or e
            if not empty:
                return out, False
            continue
        if op is P.SUBPATTERN or op in _REPEATS or op is getattr(P, "ATOMIC_GROUP", None):
            if op is P.SUBPATTERN and av[1] & re.IGNORECASE:
                return None, False
            f, e = _firsts_of(av if op is getattr(P, "ATOMIC_GROUP", None) else av[-1])
            if f is None:
                return None, False
            out |= f
            if not (e or (op in _REPEATS and av[0] == 0)):
                return out, False
            continue
        return None, False
    return out, True


def first_chars(rx: re.Pattern[str]) -> Optional[frozenset[str]]:
    """The characters a match of ``rx`` (at the start of a string) can begin with, or None
    when that cannot be told from the pattern (then it is always tried)."""
    if rx.flags & re.IGNORECASE:
        return None
    try:
        f, empty = _firsts_of(P.parse(rx.pattern, rx.flags))
    except Exception:
        return None
    return None if f is None or empty else frozenset(f)


Pairs = list[tuple[frozenset[str], Optional[frozenset[str]]]]


def _pairs(items: list[Any], depth: int = 0) -> Optional[Pairs]:
    """``[(first characters, second characters or None for any)]`` of the matches of the
    parsed sequence, or None when that cannot be told (then every string may match)."""
    if not items or depth > 24:
        return None
    (op, av), rest = items[0], items[1:]
    if op in _ZERO_WIDTH:
        return _pairs(rest, depth + 1)
    if op is P.LITERAL or op is P.IN:
        one, _ = _firsts_of([(op, av)])
        second, empty = _firsts_of(rest)
        return None if one is None else [(frozenset(one), None if second is None or empty
                                          else frozenset(second))]
    if op is P.BRANCH or op is P.SUBPATTERN:
        if op is P.SUBPATTERN and (av[1] or av[2]):
            return None                  # (flags of its own)
        out: Pairs = []
        for alt in (av[1] if op is P.BRANCH else [av[-1]]):
            found = _pairs(list(alt) + rest, depth + 1)
            if found is None:
                return None
            out += found
        return out
    if op in _REPEATS:
        lo, hi, sub = av
        again = [(op, (max(lo - 1, 0), hi if hi == P.MAXREPEAT else hi - 1, sub))] if hi != 1 else []
        once = _pairs(list(sub) + again + rest, depth + 1)
        never = _pairs(rest, depth + 1) if lo == 0 else []
        return None if once is None or never is None else once + never
    return None


class Starts:
    """``may(c1, c2)``: whether a match of one of some anchored patterns may start with the
    characters ``c1`` then ``c2`` ("" when not known)."""

    def __init__(self, pairs: Pairs):
        self.pairs = pairs
        self.cache: dict[str, bool] = {}

    def may(self, c1: str, c2: str) -> bool:
        key = c1 + "\n" + c2
        ok = self.cache.get(key)
        if ok is None:
            ok = self.cache[key] = any(can_start(f1, c1) and (not c2 or can_start(f2, c2))
                                       for f1, f2 in self.pairs)
        return ok


def _starts(rxs: tuple[re.Pattern[str], ...]) -> Optional[Starts]:
    pairs: Pairs = []
    for rx in rxs:
        if not _anchored(rx) or rx.flags & re.IGNORECASE:
            return None
        try:
            found = _pairs(list(P.parse(rx.pattern, rx.flags)))
        except Exception:
            return None
        if found is None:
            return None
        pairs += found
    return Starts(pairs)


def _anchored(rx: re.Pattern[str]) -> bool:
    """A pattern that can only match at the start of a string (``search`` = ``match``)."""
    if rx.flags & re.MULTILINE:
        return False
    try:
        items = P.parse(rx.pattern, rx.flags)
        return bool(len(items)) and items[0] == (P.AT, P.AT_BEGINNING)
    except Exception:
        return False


_UNSAFE = re.compile(r"\\\d|\(\?P=|\(\?\(|\(\?[aiLmsux-]")
_NAMED = re.compile(r"(?<!\\)\(\?P<([A-Za-z_][A-Za-z_0-9]*)>")


def _joined(rxs: tuple[re.Pattern[str], ...], named: bool,
            numbers: tuple[int, ...] = ()) -> Optional[re.Pattern[str]]:
    """``rxs`` as one alternation, or None when they cannot be joined safely (back
    references, inline flags, flags).  Without ``named``, their named groups are made plain;
    with it, the groups of pattern ``i`` are renamed ``k{numbers[i]}_{name}`` and an empty
    group ends each pattern (see ``Heads``)."""
    if any(rx.flags != re.UNICODE or _UNSAFE.search(rx.pattern)
           or len(_NAMED.findall(rx.pattern)) != rx.groups for rx in rxs):
        return None
    if named:
        parts = ["(?:" + _NAMED.sub(f"(?P<k{i}_" + r"\1>", rx.pattern) + ")()" for i, rx in zip(numbers, rxs)]
    else:
        parts = [f"(?:{_NAMED.sub('(?:', rx.pattern)})" for rx in rxs]
    try:
        joined = re.compile("|".join(parts))
    except re.error:
        return None
    return joined if joined.groups == (sum(rx.groups + 1 for rx in rxs) if named else 0) else None


class Heads(NamedTuple):
    """Patterns joined: ``rx.match(s)`` matches as the first of them that matches ``s``
    would (same span, same groups), its groups renamed ``k{i}_{name}`` (``i``: the number of
    the pattern in the full list); ``which[match.lastindex]`` is that ``i``."""
    rx: re.Pattern[str]
    which: dict[int, int]


class HeadsByFirst:
    """``self(ch)``: the ``Heads`` of the patterns a string starting with ``ch`` may match
    (None when it can match none of them), built once per character."""

    def __init__(self, rxs: tuple[re.Pattern[str], ...]):
        self.rxs = rxs
        self.firsts = [first_chars(rx) for rx in rxs]
        self.cache: dict[str, Optional[Heads]] = {}
        self.ok = _heads(rxs, tuple(range(len(rxs)))) is not None   # they can be joined

    def __call__(self, ch: str) -> Optional[Heads]:
        if ch not in self.cache:
            keep = tuple(i for i, f in enumerate(self.firsts) if not ch or can_start(f, ch))
            self.cache[ch] = _heads(self.rxs, keep) if keep else None
        return self.cache[ch]


def _heads(rxs: tuple[re.Pattern[str], ...], keep: tuple[int, ...]) -> Optional[Heads]:
    """The patterns ``rxs[i]`` for ``i`` in ``keep`` joined (None if they cannot be)."""
    joined = _joined(tuple(rxs[i] for i in keep), named=True, numbers=keep)
    if joined is None:
        return None
    which, end = {}, 0
    for i in keep:
        end += rxs[i].groups + 1         # its groups, then the empty one that ends it
        which[end] = i
    return Heads(joined, which)


@lru_cache(maxsize=8)
def any_of(rxs: tuple[re.Pattern[str], ...]) -> Callable[[str], bool]:
    """A test: does one of ``rxs`` match at the start of a string."""
    joined = _joined(rxs, named=False)
    if joined is not None:
        return lambda s: joined.match(s) is not None
    return lambda s: any(rx.match(s) for rx in rxs)


class FastPaths(NamedTuple):
    """What ``fast_paths`` returns."""
    signature: Callable[[str], bool]             # a signature line (of the clean body)
    signature_firsts: Optional[frozenset[str]]   # the characters one starts with (None: any)
    heads: Optional[HeadsByFirst]                # PLAIN_KEYS joined, by first character
    signature_starts: Optional[Starts] = None    # its first two characters (None: any)


@lru_cache(maxsize=8)
def _fast(signatures: tuple[re.Pattern[str], ...], plain: tuple[re.Pattern[str], ...]) -> FastPaths:
    firsts: Optional[frozenset[str]] = frozenset()
    for rx in signatures:
        f = first_chars(rx) if _anchored(rx) else None
        firsts = None if f is None or firsts is None or DIGIT in f or SPACE in f else firsts | f
    joined = _joined(signatures, named=False)
    if joined is not None:
        sig = joined.search
        signature: Callable[[str], bool] = lambda s: sig(s) is not None
    else:
        signature = lambda s: any(rx.search(s) for rx in signatures)
    heads = HeadsByFirst(plain)
    return FastPaths(signature, firsts, heads if heads.ok else None, _starts(signatures))


def fast_paths(c: dict[str, Any]) -> FastPaths:
    """The fast paths for the cues ``c``."""
    return _fast(tuple(c["signature"]), tuple(c[k] for k in PLAIN_KEYS))
