"""The quality floors of the extraction issue, on the whole development gold.

The development gold is every document with a file in corpus/gold: the five seeds and the
annotated documents of corpus/public.  The real pipeline extracts each of them; the
evaluation harness scores them by the rules of corpus/ANNOTATION.md.
"""

import pytest
from conftest import ROOT

from pipeline import evaluate as ev
from pipeline.evaluate.gold import load_gold_dir
from pipeline.run.document import extract_document

GOLD = ROOT / "corpus" / "gold"
SOURCES = [ROOT / "corpus" / "seeds", ROOT / "corpus" / "public"]


@pytest.fixture(scope="module")
def golds():
    return load_gold_dir(GOLD)


@pytest.fixture(scope="module")
def report(golds):
    paths = [p for d in SOURCES for p in sorted(d.glob("*.txt")) if p.stem in golds]
    assert len(paths) == len(golds), "every gold file has its source in the corpus"
    return ev.evaluate([extract_document(p).to_dict() for p in paths], golds)


@pytest.mark.parametrize("kind,floor", [("targets", 0.97), ("agencies", 0.97),
                                        ("citations", 0.98), ("sections", 0.98)])
def test_f1_floor(report, kind, floor):
    o = report.overall[kind]
    assert o["f1"] >= floor, (kind, o["tp"], o["fp"], o["fn"])


@pytest.mark.parametrize("attribute", ["comparator", "deadline", "unit"])
def test_target_attribute_accuracy(report, attribute):
    acc = report.overall["targets"]["attributes"][attribute]
    assert acc["accuracy"] >= 0.95, acc


def test_section_recall_on_the_seeds(report):
    seeds = [d for name, d in report.documents.items()
             if (ROOT / "corpus" / "seeds" / f"{name}.txt").exists()]
    assert len(seeds) == 5
    tp = sum(d["sections"]["tp"] for d in seeds)
    fn = sum(d["sections"]["fn"] for d in seeds)
    assert tp / (tp + fn) >= 0.98


@pytest.mark.parametrize("field", ["level", "doc_type", "number", "period"])
def test_seed_metadata_is_right(report, field):
    for name in (p.stem for p in (ROOT / "corpus" / "seeds").glob("*.txt")):
        meta = report.documents[name]["meta"]
        assert meta[field]["ok"], (name, field, meta[field])
