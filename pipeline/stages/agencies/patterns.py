"""The room's data: ``pipeline/data/agencies.yaml`` (how bodies are named and given roles)."""
from __future__ import annotations

from pipeline.data import load

AGENCIES = "agencies.yaml"


def data() -> dict:
    """The parsed ``agencies.yaml`` (cached by ``pipeline.data.load``; do not mutate it)."""
    return load(AGENCIES)
