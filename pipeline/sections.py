"""Section tree.  PLACEHOLDER, being rewritten."""
from __future__ import annotations


def parse_sections(doc):
    """Return (sections, items)."""
    return [], []
