"""Regex templates: patterns with Vietnamese words live in ``pipeline/data/*.yaml`` as
templates whose ``{name}`` slots are filled from the same data.

``{name}`` is an entry of the source mapping, ``{a.b}`` an entry of a nested map, ``{a+b}``
two word lists joined.  A string entry is put in as it is (itself filled first, so a
template can reuse another); a word list becomes an alternation.  How words are joined is
the caller's policy (``alt``): in the order written, longest first, spaces as ``\\s+``.
Repetition counts such as ``{2}`` or ``{0,3}`` are not slots.

A long word list compiles and matches faster factored by common prefixes
(``city\\ (?:hall|park)`` for ``city\\ hall|city\\ park``): ``fill(..., factor=prefix_tree)``
does so where the list stands alone between ``(``, ``|`` and ``)``, when the factored form
tries the same words in the same order (:func:`prefix_tree`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Optional

SLOT = re.compile(r"\{([A-Za-z_][\w.+]*)\}")


def alternation(words: Iterable[str]) -> str:
    """``a|b|c`` of the words, each regex-escaped, in the order given."""
    return "|".join(re.escape(w) for w in words)


def longest_first(words: Iterable[str]) -> list[str]:
    """The words sorted longest first (stable: equal lengths keep their order)."""
    return sorted(words, key=len, reverse=True)


def entry(source: Mapping[str, Any], dotted: str) -> Any:
    """``source["a"]["b"]`` for ``"a.b"``."""
    value: Any = source
    for key in dotted.split("."):
        value = value[key]
    return value


Factor = Callable[[list[str]], Optional[str]]


def fill(template: str, source: Mapping[str, Any],
         alt: Callable[[list[str]], str] = alternation, factor: Optional[Factor] = None,
         alone: bool = False) -> str:
    """``template`` with every slot filled from ``source`` (a KeyError names a missing one).

    ``factor(words)``: the words as ``alt`` joins them, factored (or None), put in a slot
    that stands alone: between ``(``, ``|`` and ``)``, or at an end of the template when
    ``alone`` (the template is a whole pattern, a group or a branch of one)."""
    def one(m: re.Match[str]) -> str:
        parts = [entry(source, name) for name in m.group(1).split("+")]
        apart = _apart(template, m.start(), m.end(), alone)
        if len(parts) == 1 and isinstance(parts[0], str):
            return fill(parts[0], source, alt, factor, apart)
        words = [w for part in parts for w in part]
        factored = factor(words) if factor is not None and apart else None
        return alt(words) if factored is None else factored
    return SLOT.sub(one, template)


_OPENS = re.compile(r"(?:\((?:\?(?:[aiLmsux]*(?:-[imsx]+)?:|P<\w+>))?|\|)\Z")


def _apart(template: str, start: int, end: int, alone: bool) -> bool:
    """Does ``template[start:end]`` stand alone: after an opening bracket of a group or a
    ``|`` (or the start, when ``alone``), before a ``)`` or a ``|`` (or the end), neither
    escaped nor in a character class?"""
    before, after = template[:start], template[end:end + 1]
    if not (after in (")", "|") or (alone and not after)):
        return False
    if not before:
        return alone
    m = _OPENS.search(before)
    if m is None:
        return False
    escaped = in_class = False
    for ch in before[:m.start()]:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
    return not escaped and not in_class          # (of the "(" or "|" found)


def prefix_tree(words: list[str]) -> Optional[str]:
    """``alternation(words)`` factored by common prefixes, or None when the factored form
    might try the words in another order.

    Where the alternation stands alone, the words that match at one place are prefixes of
    one another; the tree tries them longest first (a branch before the end of a shorter
    word, greedily), so the words must come in that order: none before a longer one it
    starts (in any case).  Branches part on characters that no case-insensitive match
    confuses, so that at most one of them goes on; where two would ("A"/"a"), the words
    below are joined as they come instead.  (None for words in another order or an empty
    word.)"""
    if not words or "" in words or not _longest_first_where_nested(words):
        return None
    tree: dict[str, Any] = {}
    for n, w in enumerate(words):
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node.setdefault("", n)
    return "|".join(_branches(tree))


def _same(a: str, b: str) -> bool:
    """May ``a`` and ``b`` match the same character (case-insensitively)?"""
    return a == b or a.lower() == b.lower() or a.upper() == b.upper() \
        or a.casefold() == b.casefold()


def _longest_first_where_nested(words: list[str]) -> bool:
    for i, w in enumerate(words):
        for v in words[i + 1:]:
            if len(w) < len(v) and all(_same(a, b) for a, b in zip(w, v)):
                return False
    return True


def _branches(node: dict[str, Any]) -> list[str]:
    """The branches of a node of the tree (the word ending there, if one does, not
    included): one per next character, or the words below in their order."""
    keys = [k for k in node if k]
    if any(_same(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]):
        return [re.escape(w) for _, w in sorted(_below(node)) if w]
    out = []
    for k in keys:
        head, child = re.escape(k), node[k]
        while len(child) == 1 and "" not in child:           # a chain: one word goes on
            (k2, child), = child.items()
            head += re.escape(k2)
        rest = _branches(child)
        if not rest:
            out.append(head)
        elif "" in child:                                     # a word ends here, or goes on
            out.append(f"{head}(?:{'|'.join(rest)})?")
        else:
            out.append(f"{head}(?:{'|'.join(rest)})" if len(rest) > 1 else head + rest[0])
    return out


def _below(node: dict[str, Any], prefix: str = "") -> list[tuple[int, str]]:
    """(number, rest) of the words below ``node``."""
    out = []
    for k, child in node.items():
        if k:
            out.extend(_below(child, prefix + k))
        else:
            out.append((child, prefix))
    return out
