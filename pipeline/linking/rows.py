"""Rows of one shape held column by column: a list of dicts to read, a fraction of its memory.

A comparison of 100,000 documents keeps some 500,000 unresolved citations, one row each
with the same ten keys.  As dicts they take some 450 bytes a row; here a row is a slot in
each column list (the values are the citations' own strings, shared), some 90 bytes.
Reading a row (``rows[i]``, iteration, a slice) gives a new dict with the keys in their
order, equal to the dict the row was made from; :meth:`Rows.column` reads one column.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload


class Rows(Sequence[dict[str, Any]]):
    """Rows with the keys ``keys`` (in that order).  A column named in ``lists`` holds
    lists; None there (an empty list, stored once) reads as a new empty list."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, keys: Iterable[str], lists: Iterable[str] = ()):
        self.keys = tuple(keys)
        self._columns: list[list[Any]] = [[] for _ in self.keys]
        self._lists = [i for i, k in enumerate(self.keys) if k in set(lists)]
        self._last: tuple[tuple[int, int, int, int], list[dict[str, Any]]] | None = None

    def add(self, *values: Any) -> None:
        """Append a row given as its values, in ``keys`` order."""
        if len(values) != len(self.keys):
            raise ValueError(f"a row of {len(self.keys)} values expected, got {len(values)}")
        for col, v in zip(self._columns, values):
            col.append(v)
        for i in self._lists:
            if not self._columns[i][-1]:
                self._columns[i][-1] = None

    def append(self, row: dict[str, Any]) -> None:
        """Append a row given as a dict with exactly ``keys``."""
        if set(row) != set(self.keys):
            raise ValueError(f"a row with the keys {self.keys} expected, got {tuple(row)}")
        self.add(*(row[k] for k in self.keys))

    def column(self, name: str) -> list[Any]:
        """The values of one column, in row order (the stored list: do not change it)."""
        return self._columns[self.keys.index(name)]

    def __len__(self) -> int:
        return len(self._columns[0]) if self._columns else 0

    def _row(self, values: Sequence[Any]) -> dict[str, Any]:
        row = dict(zip(self.keys, values))
        for i in self._lists:
            if values[i] is None:
                row[self.keys[i]] = []
        return row

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            # the columns of a sheet are read one after another, a slice of rows at a
            # time: the rows of the last slice are made once for all of them
            key = (*i.indices(len(self)), len(self))
            if self._last is None or self._last[0] != key:
                self._last = (key, [self._row(v) for v in zip(*(c[i] for c in self._columns))])
            return list(self._last[1])
        return self._row([c[i] for c in self._columns])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for values in zip(*self._columns):
            yield self._row(values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rows):
            return self.keys == other.keys and self._columns == other._columns
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"Rows({len(self)} rows of {', '.join(self.keys)})"


def values(rows: Iterable[dict[str, Any]], *names: str) -> Iterable[tuple[Any, ...]]:
    """(row[name] for each of ``names``) for every row, read from the columns of a
    :class:`Rows` without making its rows (``None`` for a key a dict row lacks)."""
    if isinstance(rows, Rows):
        return zip(*(rows.column(n) for n in names))
    return (tuple(r.get(n) for n in names) for r in rows)
