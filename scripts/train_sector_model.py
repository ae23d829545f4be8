#!/usr/bin/env python
"""Train the learned fallback of pipeline.stages.agencies.sectors: body name -> sector.

A TF-IDF of character n-grams and a logistic regression, trained on the gazetteer
(pipeline/data/sectors.yaml: the match phrases and the example names) and on the gold
agencies (corpus/gold/*.yaml).  Deterministic: sorted, de-duplicated inputs and a fixed
random_state, so a rerun gives the same predictions.

    .venv/bin/python scripts/train_sector_model.py            # -> models/sector_model.{joblib,npz,json}
    .venv/bin/python scripts/train_sector_model.py --out DIR  # elsewhere (tests)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import joblib
import sklearn
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.stages.agencies import sectors  # noqa: E402
from pipeline.stages.agencies.names import expand_abbreviations  # noqa: E402

RANDOM_STATE = 0


def training_data(gold_dir: Path = ROOT / "corpus" / "gold") -> list:
    """Sorted, de-duplicated (folded name, sector) pairs."""
    pairs = set()
    gaz = sectors.data()
    for rule in gaz["rules"]:
        for phrase in rule["match"]:
            pairs.add((sectors.fold(phrase.lstrip("^")), rule["sector"]))
    for sector, names in (gaz.get("examples") or {}).items():
        for name in names:
            pairs.add((sectors.fold(expand_abbreviations(name)), sector))
    for path in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for a in gold.get("agencies") or []:
            if a.get("name") and a.get("sector"):
                pairs.add((sectors.fold(expand_abbreviations(a["name"])), a["sector"]))
    # one label per text: the gazetteer's when a gold name disagrees
    by_text = {}
    for text, sector in sorted(pairs):
        by_text.setdefault(text, sector)
    return sorted(by_text.items())


def build_model() -> Pipeline:
    return Pipeline([
        ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1)),
        ("clf", LogisticRegression(C=20.0, max_iter=5000, random_state=RANDOM_STATE)),
    ])


def export_weights(model: Pipeline, path: Path) -> None:
    """The fitted weights as plain arrays, so that pipeline.stages.agencies.sectors scores
    names without scikit-learn (it reads them with ``numpy.load``).  Vocabulary is stored
    sorted by column."""
    tfidf, clf = model.named_steps["tfidf"], model.named_steps["clf"]
    vocab = sorted(tfidf.vocabulary_.items(), key=lambda kv: kv[1])
    import numpy as np
    np.savez_compressed(
        path,
        ngrams=np.array([g for g, _ in vocab], dtype=object).astype(str),
        idf=tfidf.idf_, coef=clf.coef_, intercept=clf.intercept_,
        classes=np.array(clf.classes_).astype(str),
        ngram_range=np.array(tfidf.ngram_range))


def train(out_dir: Path) -> dict:
    data = training_data()
    texts = [t for t, _ in data]
    labels = [s for _, s in data]
    model = build_model().fit(texts, labels)
    out_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, out_dir / "sector_model.joblib")
    export_weights(model, out_dir / "sector_model.npz")
    digest = hashlib.sha1("\n".join(f"{t}\t{s}" for t, s in data).encode("utf-8")).hexdigest()
    meta = {
        "model": "TfidfVectorizer(char_wb, 2-5) + LogisticRegression(C=20)",
        "random_state": RANDOM_STATE,
        "examples": len(data),
        "classes": sorted(set(labels)),
        "training_data_sha1": digest,
        "sklearn": sklearn.__version__,
        "input": "sectors.fold(agencies.expand_abbreviations(name))",
        "min_confidence": sectors.MIN_CONFIDENCE,
        "built_by": "scripts/train_sector_model.py",
    }
    (out_dir / "sector_model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")
    return meta


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "models", help="output folder (default: models/)")
    args = p.parse_args(argv)
    meta = train(args.out)
    print(f"{meta['examples']} examples, {len(meta['classes'])} sectors -> "
          f"{args.out / 'sector_model.joblib'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
