"""Tables of findings built from rows: text kept as Python strings, repeated text once.

A comparison of 100,000 documents makes some 300,000 finding and sibling rows.  Their
texts are mostly the targets' own quotes, indicators and sections (strings the records
hold already) and a few phrases repeated on many rows ("no target of the child measures
this; cited as parent; …", "≥70%").  A text column of the default string dtype copies
every text into its own buffer (some 290 MB for the findings of 100,000 documents, and as
much again while it is built); here a text column holds the strings themselves
(``object`` dtype), and :class:`Texts` makes each text the rows build once.  Other columns
(numbers) get the dtype pandas gives them.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd


class Texts(dict[str, str]):
    """One string object per distinct text: ``texts(s)`` is the first string equal to ``s``
    seen (anything not a string is returned as it is)."""

    def __call__(self, value: Any) -> Any:
        if type(value) is str:
            return self.setdefault(value, value)
        return value


def _is_text(values: list[Any]) -> bool:
    """True when the column has text and nothing but text and missing values."""
    kinds = set(map(type, values))
    if str not in kinds or not kinds <= {str, type(None), float}:
        return False
    return float not in kinds or all(math.isnan(v) for v in values if type(v) is float)


def frame(rows: list[tuple[Any, ...]], columns: Sequence[str]) -> pd.DataFrame:
    """The DataFrame of ``rows`` (tuples in ``columns`` order); ``rows`` is emptied as its
    columns are taken out of it."""
    if not rows:
        return pd.DataFrame(rows, columns=list(columns))
    data: dict[str, Any] = {}
    for j, name in enumerate(columns):
        values = [t[j] for t in rows]
        if _is_text(values):
            data[name] = pd.Series(np.array(values, dtype=object), dtype=object, copy=False)
        else:
            data[name] = pd.Series(values)
        del values
    rows.clear()
    return pd.DataFrame(data, columns=list(columns))
