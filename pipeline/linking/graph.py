"""The level graph of a linking (``LinkResult.graph``), built when first read.

Nodes: every record (documents and references, with kind, level, number, title, issuer,
period and n_targets), then each cited document not in the corpus (``cited:<key>``, from
the first citation of it); edges child -> parent with role, link and reason, added in the
order the citations were resolved.  Built from the links and unresolved citations on
first use, for the Python API (``compare(...).graph``): neither the comparison nor the
report reads it (the report's level tree, :mod:`pipeline.output.leveltree`, reads the links),
and at 100,000 documents the graph of every citation is a few hundred MB.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx

from pipeline.linking.rows import values

# the order citations were resolved in: one byte per citation, a link or an unresolved one
LINK, UNRESOLVED = 0, 1


def build(records: dict[str, dict[str, Any]], links: list[dict[str, Any]],
          unresolved: Sequence[dict[str, Any]], order: bytearray,
          cited: dict[str, dict[str, Any]]) -> nx.DiGraph:
    """The graph of ``records``; ``order`` says whether each resolved citation made the next
    link or the next unresolved row (links after the last of ``order``: inferred ones);
    ``cited`` maps a ``cited:`` node to the citation that named it first."""
    g = nx.DiGraph()
    for rid, r in records.items():
        m = r["meta"]
        g.add_node(rid, kind=r.get("kind", "document"), level=m.get("level"),
                   number=m.get("number"), title=m.get("title"), issuer=m.get("issuer"),
                   period=m.get("period"), n_targets=len(r.get("targets") or []))
    li = 0
    rows = iter(values(unresolved, "child_doc", "key", "role", "status"))
    for kind in order:
        if kind == LINK:
            row = links[li]
            li += 1
            g.add_edge(row["child_doc"], row["parent_doc"], role=row["role"], link="direct",
                       reason=row["reason"])
        else:
            child, key, role, status = next(rows)
            node = f"cited:{key}"
            if not g.has_node(node):
                cit = cited[node]
                g.add_node(node, kind="cited", level=None, number=cit.get("number"),
                           title=cit.get("title"), issuer=cit.get("issuer"))
            g.add_edge(child, node, role=role, link="unresolved", reason=status)
    for row in links[li:]:
        g.add_edge(row["child_doc"], row["parent_doc"], role="parent", link="inferred",
                   reason=row["reason"])
    return g
