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
from pipeline.api.corpus import Corpus, extract, load
from pipeline.document import Agency, Citation, Document, Meta, Section, Target
from pipeline.run.document import extract_document, from_text
from pipeline.run.inputs import iter_inputs

__all__ = ["Agency", "Citation", "Corpus", "Document", "Meta", "Section", "Target",
           "extract", "extract_document", "from_text", "iter_inputs", "load"]
