"""What an auditor checks a pairing against: the runner-up and the nearest candidates.

From the score matrix of one child and one parent (:func:`pipeline.linking.align.score_matrix`):
the runner-up of an aligned pair is the parent target that scored next best for the same
child target; for a parent target left without a counterpart (``missing_in_child``) the
child targets that scored best are its nearest sentences; for a child target left alone
(``only_in_child``) the best-scoring parent target is its runner-up.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from pipeline.linking.status import fmt_value

NEAREST = 2                   # child sentences shown for a parent target the child lacks


def describe(t: dict[str, Any], score: float) -> str:
    """"indicator (≥70%) — score 0.31" for a candidate target."""
    what = t.get("indicator") or t.get("quote") or ""
    value = fmt_value(t)
    return f"{what}{f' ({value})' if value else ''} — score {score:.2f}"


def runner_up(scores: npt.NDArray[np.float64], i: int, parent: list[dict[str, Any]],
              taken: int | None = None) -> tuple[str, float | None]:
    """(description, score) of the best parent target for child target ``i`` other than
    ``taken``; ("", None) when there is none."""
    if scores.size == 0 or scores.shape[1] == 0:
        return "", None
    row = scores[i].copy()
    if taken is not None:
        row[taken] = -1.0
    j = int(row.argmax())
    if row[j] <= 0:
        return "", None
    return describe(parent[j], float(row[j])), round(float(row[j]), 3)


def nearest(scores: npt.NDArray[np.float64], j: int, child: list[dict[str, Any]],
            k: int = NEAREST) -> str:
    """The quotes of the ``k`` child sentences (targets, a sentence once) that scored best
    against parent target ``j`` (score > 0), best first, separated by " | "."""
    if scores.size == 0 or scores.shape[0] == 0:
        return ""
    col = scores[:, j]
    shown: list[str] = []
    seen: set[str] = set()
    for i in np.argsort(-col, kind="stable"):
        if col[i] <= 0 or len(shown) == k:
            break
        quote = child[i].get("quote") or child[i].get("indicator") or ""
        if quote not in seen:                 # two figures of one sentence: shown once
            seen.add(quote)
            shown.append(f"{quote} (score {col[i]:.2f})")
    return " | ".join(shown)
