"""UTF-8 text that was once read as Latin-1 / Windows-1252 and saved again ("mojibake").

A Vietnamese letter saved that way becomes two or three characters, one per byte of its
UTF-8 form (a lead byte read as a Latin letter, continuation bytes read as symbols).  Such
a sequence is repaired when its bytes decode to a Vietnamese letter or a punctuation mark
(the only things a plan is made of), so that a real "xã”" or "XÃ…" is never touched.  When
bytes were lost on the way (Windows-1252 has no character for five byte values, and some
programs drop them or write "?"), a letter cannot be repaired; a text with many of those is
refused.
"""
from __future__ import annotations

import re

from pipeline import data as package_data

# the Windows-1252 characters of bytes 0x80-0x9f (the five undefined bytes stay C1 controls)
_CP1252 = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0)
           if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_BYTE = "\u0080-\u00ff" + "".join(re.escape(c) for c in _CP1252)   # a character for a byte
_RUN = re.compile(f"[{_BYTE}]{{2,}}")
# a byte that continues a UTF-8 sequence (0x80-0xbf) just after one that starts it
# (0xc2-0xf4): a passage decodes only if it holds one, and in a Unicode plan the first
# (rarer) character is quicker to look for than every Latin-1 letter a passage starts with
_CONT = "\u0080-\u00bf" + "".join(re.escape(c) for c in _CP1252)
_LEAD_CONT = re.compile(f"[{_CONT}](?<=[\u00c2-\u00f4][{_CONT}])")
# what is left of a Vietnamese letter (U+1E00-U+1EFF) or a typographic mark (U+2000-U+206F)
# whose last byte was lost or replaced
_BROKEN = re.compile(f"(?:\u00e1[\u00b8-\u00bb]|\u00e2\u20ac)(?:[?\ufffd]|(?![{_BYTE}]))")
_BROKEN_SIGNS = "\u20ac\u00b8\u00b9\u00ba\u00bb"      # the second characters of _BROKEN
_LETTERS = set(package_data.load("ingest.yaml")["text"]["vietnamese_letters"])
# what mojibake is repaired into: Vietnamese letters, the General Punctuation block, and
# no-break space, degree, plus-minus, squared, cubed, micro, middle dot, times, guillemets,
# section sign
_PLAUSIBLE = (_LETTERS | {c.upper() for c in _LETTERS}
              | set("\u00a0\u00b0\u00b1\u00b2\u00b3\u00b5\u00b7\u00d7\u00ab\u00bb\u00a7"))
MIN_MARKS = 3          # fewer passages than this: the text is left as it is
MAX_UNREPAIRED = 10    # more letters than this that cannot be repaired: the text is refused


def _fixed(run: str) -> str | None:
    """What a passage stood for, when that is made of letters and marks a plan is written
    with (decoded up to three times, the deepest such reading: text garbled twice)."""
    best = None
    for _ in range(3):
        if any(ord(c) > 0xFF and c not in _CP1252 for c in run):
            break
        try:
            run = bytes(_CP1252.get(c, ord(c)) for c in run).decode("utf-8")
        except UnicodeDecodeError:
            break
        if all(c in _PLAUSIBLE or "\u2000" <= c <= "\u206f" for c in run):
            best = run
    return best


def repair(text: str) -> tuple[str, int, int]:
    """(text, passages repaired, letters left that cannot be) — the text unchanged when
    fewer than ``MIN_MARKS`` passages can be repaired."""
    # (without a lead byte before a continuation byte no passage decodes: most texts
    # skip the search for passages)
    runs = _RUN.findall(text) if _LEAD_CONT.search(text) else []
    fixes = {run: _fixed(run) for run in set(runs)}
    repaired = sum(1 for run in runs if fixes[run])
    if repaired >= MIN_MARKS:
        text = _RUN.sub(lambda m: fixes[m.group()] or m.group(), text)
    else:
        repaired = 0
    # (a broken passage holds one of these characters, rare in a plan: most texts skip
    # the search)
    broken = len(_BROKEN.findall(text)) if any(c in text for c in _BROKEN_SIGNS) else 0
    return text, repaired, broken if repaired or broken >= MIN_MARKS else 0
