"""vnplan: read Vietnamese government plans and show where local plans diverge.

Three ways in:

1. One document, as objects::

    import pipeline
    doc = pipeline.extract_document("corpus/seeds/000_c3abb955b2b52a40.txt")
    doc.meta.level, [t.value for t in doc.targets]

2. A corpus, as pandas DataFrames (notebooks)::

    corpus = pipeline.extract(["corpus/seeds", "corpus/public"], jobs=2)
    corpus.documents, corpus.targets, corpus.agencies, corpus.citations, corpus.sections
    corpus.compare()                                   # divergences DataFrame
    corpus.doc("000_c3abb955b2b52a40").spacy          # one Document and its spaCy Doc
    corpus = pipeline.load("out/seeds.jsonl")         # or a parquet/csv folder

3. The command line, at scale (JSONL, Parquet or CSV; worker processes or dask)::

    vnplan extract corpus/ -o out/corpus.jsonl --jobs 2 --resume
    vnplan extract corpus/ -o out/tables.parquet --scheduler tcp://HOST:8786
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

# public name -> module that defines it; loaded on first use (PEP 562), so that
# ``import pipeline`` and ``vnplan --help`` stay light
_API = {
    "Corpus": "pipeline.api.corpus", "extract": "pipeline.api.corpus", "load": "pipeline.api.corpus",
    "Agency": "pipeline.document", "Citation": "pipeline.document", "Document": "pipeline.document",
    "Meta": "pipeline.document", "Section": "pipeline.document", "Target": "pipeline.document",
    "extract_document": "pipeline.run.document", "from_text": "pipeline.run.document",
    "iter_inputs": "pipeline.run.inputs",
}
__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
