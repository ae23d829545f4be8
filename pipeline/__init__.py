"""vnplan: read Vietnamese government plans and show where local plans diverge.

Quick start::

    import pipeline
    doc = pipeline.extract_document("corpus/seeds/000_c3abb955b2b52a40.txt")
    doc.meta.level, [t.value for t in doc.targets]
"""
from .document import Agency, Citation, Document, Meta, Section, Target
from .extract import extract_document, from_text, iter_inputs

__all__ = ["Agency", "Citation", "Document", "Meta", "Section", "Target",
           "extract_document", "from_text", "iter_inputs"]
