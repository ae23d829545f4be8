"""agencies.  PLACEHOLDER, being rewritten."""
from __future__ import annotations


def extract_agencies(doc):
    return []
