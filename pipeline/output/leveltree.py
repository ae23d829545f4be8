"""The level tree of ``report.html``: plans under the plans they implement, capped (a
corpus of 100,000 documents has tens of thousands of trees), read from the links and
unresolved citations without building the level graph (:mod:`pipeline.linking.graph`)."""
from __future__ import annotations

from typing import Any

from pipeline.linking.link import LEVEL_RANK
from pipeline.linking.rows import values

TREE_LIMIT = 300              # trees (top-level parents) of the level tree shown
TREE_NODES = 2000             # plans shown in the level tree, all trees together
CHILD_LIMIT = 50              # children listed under one plan of the level tree


def tree_edges(result) -> tuple[dict[str, list[tuple[str, dict[str, Any]]]], dict[str, str]]:
    """({parent: [(child, edge)]}, {cited node: its number}) of the level tree: the edges of
    the level graph (:mod:`pipeline.linking.graph`) that the tree shows, read from the links
    (a later link of the same pair wins, as in the graph) and unresolved citations, without
    building the graph of every citation."""
    # the last link or unresolved citation of a pair wins, as in the graph; the unresolved
    # citations are read column by column (500,000 of them at 100,000 documents)
    links = {(l["child_doc"], l["parent_doc"]): l for l in result.links}
    # only pairs with a parent citation can end as a parent edge: the others are not held
    cols = ("child_doc", "key", "role", "status")
    pairs = {(child, key) for child, key, role, _ in values(result.unresolved, *cols)
             if role == "parent"}
    cites: dict[tuple[Any, Any], tuple[Any, Any]] = {}
    for child, key, role, status in values(result.unresolved, *cols):
        if (child, key) in pairs:
            cites[child, key] = (role, status)
    del pairs
    edges = {pair: {"role": l["role"], "link": l.get("link") or "direct", "reason": l["reason"]}
             for pair, l in links.items() if l["role"] in ("parent", "basis")}
    edges.update({(child, f"cited:{key}"): {"role": "parent", "link": "unresolved",
                                            "reason": status}
                  for (child, key), (role, status) in cites.items() if role == "parent"})
    del cites
    # a cited node is named by the first citation of it
    wanted = {parent[6:] for _, parent in edges if parent.startswith("cited:")}
    numbers: dict[str, Any] = {}
    for key, number in values(result.unresolved, "key", "number"):
        if key in wanted and key not in numbers:
            numbers[key] = number
    cited = {parent: numbers[parent[6:]] for _, parent in edges if parent.startswith("cited:")}
    children: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for (child, parent), edge in edges.items():
        children.setdefault(parent, []).append((child, edge))
    return children, cited


def level_tree(result, nodes: int = TREE_NODES, per_node: int = CHILD_LIMIT,
               trees: int = TREE_LIMIT) -> tuple[list[dict[str, Any]], int]:
    """(nested nodes {id, label, level, kind, link, reason, children, more} from top to
    bottom, trees left out).  At most ``trees`` trees, ``nodes`` nodes in all and
    ``per_node`` children under one node are shown; ``more`` counts a node's children
    left out."""
    children, cited = tree_edges(result)
    records = result.records
    has_parent = {c for kids in children.values() for c, _ in kids}

    def attrs(n) -> dict[str, Any]:
        if n in records:
            r = records[n]
            m = r.get("meta") or {}
            return {"kind": r.get("kind", "document"), "level": m.get("level"),
                    "number": m.get("number"), "title": m.get("title")}
        return {"kind": "cited", "level": None, "number": cited.get(n), "title": None}

    roots = [n for n in children if n not in has_parent]
    roots.sort(key=lambda n: (LEVEL_RANK.get(attrs(n)["level"], 9), str(n)))
    budget = [nodes]

    def node(n, edge=None, seen=()):
        budget[0] -= 1
        a = attrs(n)
        kids = []
        listed = [(c, d) for c, d in sorted(children.get(n, []), key=lambda x: x[0])
                  if c not in seen]
        for c, d in listed[:per_node]:
            if budget[0] <= 0:
                break
            kids.append(node(c, d, seen + (n,)))
        return {"id": n, "label": a["number"] or n, "title": a["title"] or "",
                "level": a["level"] or "", "kind": a["kind"], "link": (edge or {}).get("link", ""),
                "reason": (edge or {}).get("reason", ""), "children": kids,
                "more": len(listed) - len(kids)}
    out = []
    for r in roots[:trees]:
        if budget[0] <= 0:
            break
        out.append(node(r))
    return out, len(roots) - len(out)


def count_more(nodes: list[dict[str, Any]]) -> int:
    """Children left out of a level tree (the ``more`` of every node)."""
    return sum(n["more"] + count_more(n["children"]) for n in nodes)
