"""Word lists factored by common prefixes (``templates.prefix_tree``) match exactly as the
plain alternation does: every pattern of agencies.yaml and sectors.yaml, compiled both ways,
finds the same matches (spans and groups) in real documents, and constructed lists show the
cases where factoring must not happen (a word before a longer one it starts, branches that
differ only by case) or must happen only inside a group."""
from __future__ import annotations

import re

import pytest
from conftest import CORPUS

from pipeline.data import load
from pipeline.stages.agencies import patterns
from pipeline.text.templates import alternation, fill, prefix_tree

TEXTS = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "public").glob("*.txt"))[:4]]
TEXTS += [t.upper() for t in TEXTS[:1]] + [t.lower() for t in TEXTS[:1]]
NAMES = [(f, n) for f in (patterns.AGENCIES, patterns.SECTORS) for n in load(f)["patterns"]]


def matches(rx: re.Pattern[str], text: str) -> list:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


@pytest.mark.parametrize("flags", [0, re.I])
def test_every_agency_pattern_matches_as_unfactored(flags):
    factored = 0
    for file, name in NAMES:
        src = load(file)
        plain = re.compile(patterns.fill(src["patterns"][name], src), flags)
        fast = patterns.pattern(name, flags, file)
        factored += plain.pattern != fast.pattern
        for text in TEXTS:
            assert matches(fast, text) == matches(plain, text), (file, name)
    assert factored >= 10          # the long lists (bodies, heads, stop words) are factored


def test_factored_tries_the_words_in_their_order():
    words = ["thị xã", "thị trấn", "thành phố", "thị", "xã"]
    tree = prefix_tree(words)
    assert tree == r"th(?:ị(?:\ (?:xã|trấn))?|ành\ phố)|xã"
    for ctx in ("({x})", r"(?:{x})\s+\w", r"^(?:{x})$", r"(?:{x})(?!\s)"):
        plain, fast = (re.compile(ctx.format(x=a), re.I) for a in (alternation(words), tree))
        for text in ("Thị xã Sơn Tây", "thị trấn", "thị", "THÀNH PHỐ Huế", "thịxã", "xã hội"):
            assert matches(fast, text) == matches(plain, text), (ctx, text)


def test_not_factored_where_the_order_would_change():
    assert prefix_tree(["thị", "thị xã"]) is None            # a shorter word first
    assert prefix_tree(["Sở", "sở y tế"]) is None             # ... in another case
    assert prefix_tree(["", "x"]) is None
    # branches parting on "T"/"t" are kept as the words were written, in their order
    tree = prefix_tree(["Cổng Thông tin", "Cổng thông tin", "Cổng"])
    assert tree == r"Cổng(?:\ (?:Thông\ tin|thông\ tin))?"
    assert matches(re.compile(f"(?:{tree})", re.I), "CỔNG THÔNG TIN điện tử") == [((0, 14), ())]


def test_factored_only_where_the_list_stands_alone():
    src = {"w": ["thị xã", "thị trấn"]}
    kw = {"factor": prefix_tree}
    assert fill("(?:{w})b", src, **kw) == r"(?:thị\ (?:xã|trấn))b"
    assert fill("a|{w}|b", src, **kw) == r"a|thị\ (?:xã|trấn)|b"
    assert fill("{w}", src, **kw) == r"thị\ xã|thị\ trấn"              # not known alone
    assert fill("{w}", src, alone=True, **kw) == r"thị\ (?:xã|trấn)"
    for template in ("a{w})", r"\({w})", r"x\|{w})", "[({w})]", "(?<={w})", "({w}b)"):
        assert fill(template, src, **kw) == fill(template, src), template
