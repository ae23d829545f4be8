"""metadata.  PLACEHOLDER, being rewritten."""
from __future__ import annotations


def extract_meta(doc):
    from .document import Meta
    return Meta()
