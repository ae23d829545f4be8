"""vnplan: read Vietnamese government plans and show where local plans diverge.

Three ways in:

1. One document, as objects::

    import pipeline
    doc = pipeline.extract_document("corpus/seeds/000_c3abb955b2b52a40.txt")
    doc.meta.level, [t.value for t in doc.targets]

2. A corpus, as pandas DataFrames (notebooks)::

    corpus = pipeline.extract(["corpus/seeds", "corpus/public"], jobs=2)
    corpus.documents, corpus.targets, corpus.agencies, corpus.citations, corpus.sections
    corpus.compare(references="corpus/references")    # divergences DataFrame
    corpus.doc("000_c3abb955b2b52a40").spacy          # one Document and its spaCy Doc
    corpus = pipeline.load("out/seeds.jsonl")         # or a parquet/csv folder

3. The command line, at scale (JSONL, Parquet or CSV; worker processes or dask)::

    vnplan extract corpus/ -o out/corpus.jsonl --jobs 2 --resume
    vnplan extract corpus/ -o out/tables.parquet --scheduler tcp://HOST:8786
"""
import sys as _sys
import types as _types

from .document import Agency, Citation, Document, Meta, Section, Target
from .extract import extract_document, from_text, iter_inputs
from .corpus import Corpus, load
from .corpus import extract as _extract_corpus


class _CallableModule(_types.ModuleType):
    """``pipeline.extract`` stays the module (``pipeline.extract.extract_document``) and is
    also callable: ``pipeline.extract(paths, jobs=1)`` returns a :class:`Corpus`."""

    def __call__(self, paths, jobs=1, scheduler=None, progress=False):
        return _extract_corpus(paths, jobs=jobs, scheduler=scheduler, progress=progress)

    __call__.__doc__ = _extract_corpus.__doc__


_sys.modules[__name__ + ".extract"].__class__ = _CallableModule

__all__ = ["Agency", "Citation", "Corpus", "Document", "Meta", "Section", "Target",
           "extract", "extract_document", "from_text", "iter_inputs", "load"]
