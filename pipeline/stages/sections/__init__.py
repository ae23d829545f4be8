"""The section tree: numbered headings as Sections, letters and bullets as Items.

``parse_sections(doc) -> (sections, items)``.  Paths follow ``corpus/ANNOTATION.md``:
"II.3", "III.1.2", "Điều 1", "PL.I", "PL.I.1".  Order wins over printed numbers (a second
"7." after "7." is "8").  Cues and patterns live in ``data/headings.yaml``.

Rules, in short:
- Levels: Roman 1, Arabic 2, decimal 3 (Arabic is level 1 in a document without Roman
  headings); appendices, parts ("Phần", "Chương", "A.") and articles wrap what follows.
- Roman headings must follow the sequence I, II, III … (a repeat or one skipped number is a
  misprint and still counts); Arabic numbering restarts under each Roman heading.
- Numbered lines before the first Roman heading, numbered table rows, and anything in the
  recipients/signature block are not sections; an appendix or an attached document (a new
  "I.", "Điều 1", "Chương I") starts again.  A decision with an attached plan gives the
  plan's tree; without one, its articles.
- A group of Arabic siblings made only of one-paragraph sentences counts as sections, or
  as numbered Items with ``numbered_paragraphs: items`` in the YAML (the gold files differ).
- Hard-wrapped lines (a line starting in lower case, an open "**") join their paragraph.

Modules, in the order of the steps: ``blocks`` (lines -> paragraphs), ``classify`` (the
kind of each, with the ``fast`` paths), ``scopes`` (what cannot be a heading), ``tree``
(Sections), ``items`` (Items); ``cues`` compiles the YAML, ``numerals`` reads Roman numbers.
"""
from __future__ import annotations

from pipeline.document import Document, Item, Section
from pipeline.stages.sections.blocks import read_blocks
from pipeline.stages.sections.classify import classify_all
from pipeline.stages.sections.cues import cues
from pipeline.stages.sections.fast import fast_paths
from pipeline.stages.sections.items import list_items
from pipeline.stages.sections.numerals import roman_value, to_roman
from pipeline.stages.sections.scopes import lists_to_items, mark_scopes
from pipeline.stages.sections.tree import build

__all__ = ["parse_sections", "cues", "roman_value", "to_roman"]


def parse_sections(doc: Document) -> tuple[list[Section], list[Item]]:
    """Return ``(sections, items)`` for ``doc.text``."""
    text = doc.text or ""
    c = cues()
    blocks = read_blocks(text)
    fast = fast_paths(c)
    classify_all(blocks, c, fast)
    marked = mark_scopes(blocks)
    lists_to_items(blocks, marked)
    sections = build(blocks, text, c, marked)
    items = list_items(blocks, sections)
    return sections, items
