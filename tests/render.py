"""Test helpers: render a text document (one block per line) to DOCX and to PDF.

The renderers live in scripts/render_docs.py (the fixture scripts and benches use them
too); this module puts scripts/ on the path and re-exports them for the tests.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from render_docs import RUNNING_HEADER, dejavu_font, render_docx, render_pdf  # noqa: E402

__all__ = ["RUNNING_HEADER", "dejavu_font", "render_docx", "render_pdf"]
