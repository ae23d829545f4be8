"""Shared paths and fixtures: the seeds are extracted once per test run."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import pipeline
from pipeline.cli.compare import read_inputs
from pipeline.linking.compare import compare_records
from pipeline.linking.references import BUNDLED_DIR

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import scale_corpus  # noqa: E402

CORPUS = ROOT / "corpus"
#: the header of the constructed Government Office notices the target tests build
NOTICE_HEAD = "VĂN PHÒNG CHÍNH PHỦ\nSố: 999/TB-VPCP\nHà Nội, ngày 20 tháng 11 năm 2025\nTHÔNG BÁO\n"
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
def generated_jsonl(tmp_path_factory, seed_records) -> Path:
    """600 records generated from the seeds by scripts/scale_corpus.py (families with links,
    siblings, unresolved citations) as an extract JSONL, written as `vnplan extract` writes it."""
    path = tmp_path_factory.mktemp("gen") / "gen.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for rec in scale_corpus.generate(seed_records, 600):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="session")
def generated_result(generated_jsonl):
    """`vnplan compare`'s result on :func:`generated_jsonl` (tests read it, never change it)."""
    return compare_records(read_inputs([generated_jsonl]), [BUNDLED_DIR])


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
