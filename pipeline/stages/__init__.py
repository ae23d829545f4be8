"""The text stages, in the order they run on a normalised Document.

sections -> metadata -> citations -> targets -> agencies.  ``STAGES`` is the registry, in
the spirit of spaCy's pipeline components: a list of ``(name, component)`` where a
component is a function ``component(doc) -> None`` that fills its Document attribute(s).
Adding a stage is one entry (here a hypothetical ``deadlines`` module)::

    @register("deadlines")
    def _deadlines(doc: Document) -> None:
        doc.deadlines = deadlines.extract_deadlines(doc)

``analyse`` runs them in order.  A stage that fails records its error in
``Document.errors``; later stages still run.
"""
from __future__ import annotations

from typing import Callable

from pipeline.document import Document
from pipeline.stages import agencies, citations, metadata, sections, targets

Component = Callable[[Document], None]

STAGES: list[tuple[str, Component]] = []


def register(name: str) -> Callable[[Component], Component]:
    """Decorator: run ``component`` as the stage ``name``, after those registered before."""
    def add(component: Component) -> Component:
        STAGES.append((name, component))
        return component
    return add


@register("sections")
def _sections(doc: Document) -> None:
    doc.sections, doc.items = sections.parse_sections(doc)


@register("metadata")
def _metadata(doc: Document) -> None:
    doc.meta = metadata.extract_meta(doc)


@register("citations")
def _citations(doc: Document) -> None:
    doc.citations = citations.extract_citations(doc)


@register("targets")
def _targets(doc: Document) -> None:
    doc.targets = targets.extract_targets(doc)


@register("agencies")
def _agencies(doc: Document) -> None:
    doc.agencies = agencies.extract_agencies(doc)


def analyse(doc: Document) -> Document:
    """Run the text stages on a Document whose ``text`` is already set."""
    for name, component in STAGES:
        try:
            component(doc)
        except Exception as exc:  # a bug in one stage must not lose the document
            doc.errors.append(f"{name} stage failed: {type(exc).__name__}: {exc}")
    return doc
