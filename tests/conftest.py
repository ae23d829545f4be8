"""Shared paths and fixtures: the seeds are extracted once per test run."""
from __future__ import annotations

from pathlib import Path

import pytest

import pipeline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED_PATHS = sorted((CORPUS / "seeds").glob("*.txt"))
GOLD = CORPUS / "gold"


@pytest.fixture(scope="session")
def seed_docs() -> dict:
    """``{doc_id: Document}`` of the five seed plans, extracted once for the whole run."""
    return {p.stem: pipeline.extract_document(p) for p in SEED_PATHS}


@pytest.fixture(scope="session")
def seed_records(seed_docs) -> list:
    """The seeds' CONTRACT records, in file order."""
    return [doc.to_dict() for doc in seed_docs.values()]


@pytest.fixture(scope="session")
def extracted():
    """``extracted(path) -> Document``: each corpus file extracted once per test run
    (tests read these Documents, never change them)."""
    cache: dict = {}

    def get(path) -> pipeline.Document:
        key = Path(path).resolve()
        if key not in cache:
            cache[key] = pipeline.extract_document(key if Path(path).is_absolute() else path)
        return cache[key]
    return get
