"""citations.  PLACEHOLDER, being rewritten."""
from __future__ import annotations


def extract_citations(doc):
    return []
