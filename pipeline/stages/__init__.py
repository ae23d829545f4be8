"""The text stages, in the order they run on a normalised Document.

sections -> metadata -> citations -> targets -> agencies.  Each is a function of the
Document; ``STAGES`` is the registry (name, function, Document attribute) and ``analyse``
runs it.  A stage that fails records its error in ``Document.errors``; later stages still run.
"""
from __future__ import annotations

from pipeline.document import Document
from pipeline.stages import agencies, citations, metadata, sections, targets

STAGES = (
    ("sections", sections.parse_sections, "sections"),
    ("metadata", metadata.extract_meta, "meta"),
    ("citations", citations.extract_citations, "citations"),
    ("targets", targets.extract_targets, "targets"),
    ("agencies", agencies.extract_agencies, "agencies"),
)


def analyse(doc: Document) -> Document:
    """Run the text stages on a Document whose ``text`` is already set.

    ``sections.parse_sections`` returns ``(sections, items)``; every other stage returns
    the value of one Document attribute.
    """
    for name, func, attr in STAGES:
        try:
            result = func(doc)
            if attr == "sections":
                doc.sections, doc.items = result
            else:
                setattr(doc, attr, result)
        except Exception as exc:  # a bug in one stage must not lose the document
            doc.errors.append(f"{name} stage failed: {type(exc).__name__}: {exc}")
    return doc
