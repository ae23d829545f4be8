"""The fast paths of normalise and the text view give what the general steps give, on real
documents and on constructed variants (the speed itself lives in scripts/bench.py)."""
import itertools
import re

import pytest
from conftest import ROOT

from pipeline import ingest
from pipeline.normalise import normalise
from pipeline.normalise.blocks import _TAIL_SAFE_END, TAIL_SAFE_ENDINGS, _end_searcher, may_stand_alone
from pipeline.normalise.chars import clean_chars
from pipeline.normalise.marks import STARS, _drop_stars, _star_repl
from pipeline.normalise.rules import literal_heads, rules
from pipeline.text.spans import Span
from pipeline.text.view import _EVENT_RE, View

DOCS = sorted((ROOT / "corpus/web").glob("*.md"))[:6] + sorted((ROOT / "corpus/public").glob("*.txt"))[:4]


@pytest.fixture(scope="module")
def raws():
    return [ingest.read_source(p).text for p in DOCS]


def test_sentence_end_by_endings_is_the_shipped_pattern():
    """Every string of up to four of the pattern's characters (and a letter, a space, a
    newline) ends a sentence by the endings exactly when the pattern finds it so."""
    rx = re.compile(_TAIL_SAFE_END)
    assert rules()["sentence_end"].pattern == _TAIL_SAFE_END
    ends = _end_searcher()
    alphabet = '.:;!?…/"”’)a \n'
    for k in range(5):
        for chars in itertools.product(alphabet, repeat=k):
            s = "".join(chars)
            assert ends(s) == (rx.search(s) is not None), s
            if "\n" not in s:
                assert s.endswith(TAIL_SAFE_ENDINGS) == (rx.search(s) is not None), s


def test_star_runs_dropped_as_the_regex_drops_them(raws):
    """Real lines with emphasis stars, and variants ("**Tiếp**", "1.**Nội", a leading run, a
    copied and a synthetic Span): same text and offsets as ``sub(STARS, _star_repl)``."""
    lines = [l for raw in raws for l in raw.split("\n") if "*" in l and "\\" not in l]
    assert len(lines) > 50
    lines += ["**Tiếp**", "1.**Nội dung", "**", "a**", "x,*y*;*z", "(*)*Ghi chú", "**1.**Tiếp"]
    for i, t in enumerate(lines):
        for span in (Span.of(t, 7 * i), Span.synthetic(t, 3)):
            fast, slow = _drop_stars(span), span.sub(STARS, _star_repl)
            assert (fast.text, fast.pos) == (slow.text, slow.pos), t


def test_view_without_space_runs_reads_as_the_full_pattern(raws):
    """The view of a normalised text, and of texts with a space before a space, a tab, a
    line break or an ideographic space: the same as read with every event pattern."""
    texts = [normalise(raw, "md")[0] for raw in raws]
    texts += [t.replace(". ", ".  ", 3) for t in texts[:2]]
    texts += [t.replace("\n", " \n", 5) for t in texts[:2]]
    texts += ["Điều 1. Nội \tdung", "a \u3000b", "**KẾ HOẠCH** \n**I.** Mục tiêu", "## x  y"]
    for t in texts:
        full = View.__new__(View)
        full.source = t
        assert full._read(t, _EVENT_RE, False)
        view = View(t)
        assert view.text == full.text
        assert [view.pos(i) for i in range(0, len(t) + 1, 7)] == \
            [full.pos(i) for i in range(0, len(t) + 1, 7)]


def test_lines_joined_again_take_the_offsets_of_the_line_breaks(raws):
    """Lines of a text joined by spaces (the one-run fast path): each space maps to its line
    break; with a dropped character before a break the general rule still applies."""
    for raw in raws[:3]:
        span = Span.of(raw, 5)
        joined = Span.join(" ", span.split_lines())
        assert joined.text == raw.replace("\n", " ")
        assert joined.pos == list(range(5, 5 + len(raw)))
    dropped = clean_chars("abc\u200b\ndef")          # "abc", then "\n" at 4, "def" at 5
    joined = Span.join(" ", dropped.split_lines())
    assert joined.text == "abc def" and joined.pos == [0, 1, 2, 3, 5, 6, 7]


def test_literal_heads_only_rule_out_texts_without_a_match(raws):
    """A text holding none of the standalone heads holds no motto; the heads are the words
    the patterns start with, none for a pattern that may start otherwise."""
    heads = rules()["standalone_heads"]
    assert heads and all(h.isalnum() for h in heads)
    assert literal_heads(["Độc\\s+lập", "A|B"]) is None
    assert literal_heads(["Nhé?t", "(?i)abc"]) is None
    assert literal_heads(["Độc\\s+lập", "CỘNG\\s+HÒA"]) == ("Độc", "CỘNG")
    for raw in raws:
        for line in raw.split("\n"):
            if not any(h in line for h in heads):
                assert not rules()["standalone"].search(line)
    assert may_stand_alone("Độc lập - Tự do - Hạnh phúc")
    assert not may_stand_alone("Độc lập dân tộc")


def test_carriage_returns_give_the_same_text_with_their_offsets(raws):
    """"\\r\\n" and a lone "\\r" become "\\n" at the "\\r" (one class of special characters)."""
    raw = raws[0]
    crlf = raw.replace("\n", "\r\n")
    text, omap = normalise(crlf, "md")
    assert text == normalise(raw, "md")[0]
    for i in range(0, len(text), 97):
        assert text[i].isspace() or crlf[omap.to_source(i)] == text[i]
    span = clean_chars(crlf)
    assert span.text == raw
    assert all(crlf[p] == "\r" for p, ch in zip(span.pos, span.text) if ch == "\n")
    assert clean_chars("a\r\rb\r\n").text == "a\n\nb\n"
    assert clean_chars("a\r\rb\r\n").pos == [0, 1, 2, 3, 4]
