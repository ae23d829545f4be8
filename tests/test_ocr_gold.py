"""OCR'd image-only seeds against the development gold: what OCR loses, measured.

The five seeds are scanned by ``scripts/make_scans.py`` (rasterised at 200 dpi, rotated a
little, blurred, grain, a red seal on page 1), read back with ``--ocr auto`` on two
workers, and scored by ``vnplan evaluate`` beside the same documents read from text.
"""
from __future__ import annotations

import shutil
import sys

import pytest
from conftest import GOLD, ROOT, SEED_PATHS

from pipeline import evaluate as ev
from pipeline.evaluate.gold import load_gold_dir
from pipeline.run.batch import records

sys.path.insert(0, str(ROOT / "scripts"))
import make_scans  # noqa: E402

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("tesseract") is None,
                                 reason="tesseract is not installed")]


def test_ocr_keeps_sections_and_targets(seed_records, tmp_path, monkeypatch):
    monkeypatch.delenv("VNPLAN_TESSERACT", raising=False)
    monkeypatch.setenv("VNPLAN_OCR", "auto")             # the workers see these
    monkeypatch.setenv("VNPLAN_OCR_CACHE", str(tmp_path / "ocr-cache"))
    monkeypatch.setenv("VNPLAN_OCR_JOBS", "2")
    scans = tmp_path / "scans"
    make_scans.main([str(scans), *map(str, SEED_PATHS)])
    recs = list(records(sorted(scans.glob("*.pdf")), jobs=2, timeout=0))
    assert all(r["errors"] == [] and r["reader"] == "pdf+ocr" for r in recs), \
        [r["errors"] for r in recs]
    assert all(r["ocr_confidence"] > 85 for r in recs)
    golds = load_gold_dir(GOLD)
    ocr = ev.evaluate(recs, golds).overall
    text = ev.evaluate(seed_records, golds).overall
    print({k: (round(ocr[k]["recall"], 3), round(ocr[k]["f1"], 3)) for k in ev.KINDS})
    assert ocr["sections"]["recall"] >= 0.95 * text["sections"]["recall"]
    assert ocr["targets"]["f1"] >= 0.90 * text["targets"]["f1"]
    assert ocr["agencies"]["f1"] >= 0.90 * text["agencies"]["f1"]
