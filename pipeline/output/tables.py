"""Records -> one table per entity, joinable on ``doc_id``.

``documents`` has one row per record (meta fields as columns, plus counts); ``sections``,
``targets``, ``agencies`` and ``citations`` have one row per entity with ``doc_id`` first.
Lists and dicts (``period``, ``errors``, ``quotes`` ...) stay Python objects in memory and
are stored as JSON text in Parquet and CSV; ``manifest.json`` beside the tables says which
columns those are, so :func:`read_tables` gives back the same DataFrames.  In CSV, a text
cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) is written with a leading quote (:mod:`pipeline.output.cells`);
:func:`read_tables` removes it again.

Example::

    from pipeline.output.tables import frames
    dfs = frames(records)                 # {"documents": DataFrame, "targets": ...}
    dfs["targets"].merge(dfs["documents"][["doc_id", "level"]], on="doc_id")
"""
from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from pipeline.document import Meta
from pipeline.output.atomic import replace_atomically
from pipeline.output.cells import csv_escape, csv_unescape

DOCUMENTS = "documents"
ENTITIES = ("sections", "targets", "agencies", "citations")
TABLES = (DOCUMENTS,) + ENTITIES
FORMATS = ("parquet", "csv")
MANIFEST = "manifest.json"
BATCH = 500                     # documents per Parquet row group / CSV flush
DOC_FIRST = ("doc_id", "source", "format", "sha1", "chars")
ENTITY_FIRST = ("doc_id", "idx")
# pandas and pyarrow are imported inside the functions that need them: `vnplan extract`
# imports this module (through pipeline.run.batch) and must not pay for them unless it
# writes tables.


def doc_row(rec: dict[str, Any]) -> dict[str, Any]:
    """One ``documents`` row: top-level scalars, meta fields as columns, entity counts."""
    row = {"doc_id": rec.get("doc_id")}
    for key, value in rec.items():
        if key in ENTITIES or key == "meta":
            continue
        row[key] = value
    for key, value in (rec.get("meta") or {}).items():
        row[key if key not in row else f"meta_{key}"] = value
    for name in ENTITIES:
        row[f"n_{name}"] = len(rec.get(name) or [])
    row["n_errors"] = len(rec.get("errors") or [])
    return row


def entity_rows(rec: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Rows of one entity table for one record; ``idx`` is the position in the record."""
    out = []
    for i, ent in enumerate(rec.get(name) or []):
        row = {"doc_id": rec.get("doc_id"), "idx": i}
        row.update({k if k not in row else f"{name}_{k}": v for k, v in ent.items()})
        out.append(row)
    return out


def rows(rec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """All table rows of one record: ``{"documents": [row], "targets": [rows], ...}``."""
    out = {DOCUMENTS: [doc_row(rec)]}
    for name in ENTITIES:
        out[name] = entity_rows(rec, name)
    return out


def _ordered_columns(seen: dict[str, Any], first: tuple[str, ...]) -> list[str]:
    cols = [c for c in first if c in seen]
    return cols + [c for c in seen if c not in cols]


def frames(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """pandas DataFrames for the five tables (empty tables keep their key columns)."""
    import pandas as pd
    acc: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for rec in records:
        for name, rs in rows(rec).items():
            acc[name].extend(rs)
    out = {}
    for name, rs in acc.items():
        first = DOC_FIRST if name == DOCUMENTS else ENTITY_FIRST
        seen = {}
        for r in rs:
            seen.update(dict.fromkeys(r))
        cols = _ordered_columns(seen, first) or list(first[:1] if name == DOCUMENTS else first)
        df = pd.DataFrame(rs, columns=cols)
        for c in df.columns[df.dtypes.eq(object)]:
            df[c] = df[c].where(df[c].notna(), None)     # missing is None, as read_tables gives
        out[name] = df
    return out


# ---- column kinds: decided over all rows, so every batch gets the same schema ----------

def _kind(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    return "json"


def _merge_kind(a: str, b: str) -> str:
    if a == b or b == "null":
        return a
    if a == "null":
        return b
    if {a, b} == {"int", "float"}:
        return "float"
    return "json"


def scan_schema(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """``{table: {column: kind}}`` over all records; kind is null|bool|int|float|str|json."""
    schema: dict[str, dict[str, str]] = {name: {} for name in TABLES}
    for rec in records:
        for name, rs in rows(rec).items():
            cols = schema[name]
            for r in rs:
                for k, v in r.items():
                    cols[k] = _merge_kind(cols.get(k, "null"), _kind(v))
    for name in TABLES:
        first = DOC_FIRST if name == DOCUMENTS else ENTITY_FIRST
        cols = schema[name]
        for c in first:
            cols.setdefault(c, "str" if c != "idx" else "int")
        schema[name] = {c: cols[c] for c in _ordered_columns(cols, first)}
    return schema


def _cell(value, kind: str):
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "float":
        return float(value)
    return value


def _arrow_schema(cols: dict[str, str]):
    import pyarrow as pa
    types = {"null": pa.string(), "str": pa.string(), "json": pa.string(), "bool": pa.bool_(),
             "int": pa.int64(), "float": pa.float64()}
    return pa.schema([(c, types[k]) for c, k in cols.items()])


def _batches(records: Iterable[dict[str, Any]], name: str, cols: dict[str, str],
             size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for i, rec in enumerate(records, 1):
        batch.extend({c: _cell(r.get(c), k) for c, k in cols.items()} for r in rows(rec)[name])
        if i % size == 0 and batch:
            yield batch
            batch = []
    if batch:
        yield batch


def folder_problem(outdir, fmt: str) -> str | None:
    """Why ``outdir`` cannot be the folder of the ``fmt`` tables, or None: it is a file, or
    a csv folder would be named like one .csv file (``out/x.csv``)."""
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        return f"{out} is a file; the {fmt} tables are written to a folder"
    if fmt == "csv" and out.suffix.lower() == ".csv":
        return (f"{out}: csv output is a folder of {len(TABLES)} tables "
                f"({', '.join(f'{t}.csv' for t in TABLES)}), not one .csv file; "
                f"give a folder name, e.g. {out.with_suffix('')}")
    return None


def write_tables(records: Callable[[], Iterable[dict[str, Any]]], outdir, fmt: str = "parquet",
                 batch: int = BATCH) -> dict[str, Any]:
    """Write ``OUTDIR/<table>.<fmt>`` for the five tables, each file replaced atomically.

    ``records`` is a function returning a fresh iterable of records; it is read once to
    fix the columns and once per table, so memory stays flat in the number of documents.
    Returns the manifest (also written to ``OUTDIR/manifest.json``).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r} (choose from {', '.join(FORMATS)})")
    problem = folder_problem(outdir, fmt)
    if problem:
        raise ValueError(problem)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    schema = scan_schema(records())
    manifest: dict[str, Any] = {"format": fmt, "tables": {}}
    for name, cols in schema.items():
        path = outdir / f"{name}.{fmt}"
        count = [0]

        def write(tmp, name=name, cols=cols, count=count):
            if fmt == "parquet":
                import pyarrow as pa
                import pyarrow.parquet as pq
                aschema = _arrow_schema(cols)
                with pq.ParquetWriter(tmp, aschema) as writer:
                    for rs in _batches(records(), name, cols, batch):
                        writer.write_table(pa.Table.from_pylist(rs, schema=aschema))
                        count[0] += len(rs)
                    if not count[0]:
                        writer.write_table(aschema.empty_table())
            else:
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    writer = csv.DictWriter(fh, fieldnames=list(cols))
                    writer.writeheader()
                    for rs in _batches(records(), name, cols, batch):
                        writer.writerows({c: csv_escape(v) for c, v in r.items()} for r in rs)
                        count[0] += len(rs)

        replace_atomically(path, write)
        manifest["tables"][name] = {"file": path.name, "rows": count[0], "columns": cols}
    replace_atomically(outdir / MANIFEST, lambda tmp: Path(tmp).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"))
    return manifest


def read_manifest(outdir) -> dict[str, Any]:
    return json.loads((Path(outdir) / MANIFEST).read_text(encoding="utf-8"))


def read_tables(outdir) -> dict[str, Any]:
    """The DataFrames written by :func:`write_tables` (JSON columns decoded back)."""
    import pandas as pd
    manifest = read_manifest(outdir)
    fmt = manifest["format"]
    out = {}
    for name in TABLES:
        info = manifest["tables"][name]
        cols = info["columns"]
        path = Path(outdir) / info["file"]
        if fmt == "parquet":
            df = pd.read_parquet(path)
        else:
            obj_cols = [c for c, k in cols.items() if k in ("json", "null")]
            df = pd.read_csv(path, keep_default_na=False, na_values={c: [""] for c in cols},
                             dtype={c: ("str" if k == "str" else object)
                                    for c, k in cols.items() if k in ("str", "json", "null")})
            df[obj_cols] = df[obj_cols].astype(object).where(df[obj_cols].notna(), None)
            for c, k in cols.items():
                if k in ("str", "json"):
                    df[c] = df[c].map(csv_unescape)
            for c, k in cols.items():
                if k == "int" and df[c].notna().all():
                    df[c] = df[c].astype("int64")
        for c, k in cols.items():
            if k == "json":
                df[c] = [json.loads(v) if isinstance(v, str) else None for v in df[c]]
            elif k == "null":
                df[c] = pd.Series([None] * len(df), dtype=object, index=df.index)
        out[name] = df
    return out


def _py(value):
    """A DataFrame cell as the plain JSON value it came from."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else value
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return _py(value.item())
    return value


def records_from_frames(dfs: dict[str, Any],
                        meta_fields: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Rebuild records (the JSONL form) from the five DataFrames.

    Whole floats come back as ints (records never hold a float like ``70.0``).  CSV cannot
    tell an empty string from a missing value: both come back as None.
    ``meta_fields`` names the document columns that belong in ``meta`` (default: the
    contract's, plus any ``meta_*`` column).
    """
    meta_fields = list(meta_fields or Meta.__dataclass_fields__)
    docs = dfs[DOCUMENTS]
    # a list column (pages) is missing, not None, in records that had no such key
    optional = {c for c in docs.columns if c not in meta_fields and not c.startswith("meta_")
                and any(isinstance(v, (list, dict)) for v in docs[c])}
    counts = {f"n_{n}" for n in ENTITIES} | {"n_errors"}
    by_doc = {}
    for name in ENTITIES:
        df = dfs[name]
        groups: dict[Any, list[dict[str, Any]]] = {}
        for row in df.to_dict("records"):
            groups.setdefault(row["doc_id"], []).append(row)
        by_doc[name] = groups
    used: dict[str, dict[Any, int]] = {name: {} for name in ENTITIES}
    out = []
    for row in docs.to_dict("records"):
        rec, meta = {}, {}
        for key, value in row.items():
            value = _py(value)
            if key in counts or (key in optional and value is None):
                continue
            if key.startswith("meta_") or key in meta_fields:
                meta[key[5:] if key.startswith("meta_") else key] = value
            else:
                rec[key] = value
        rec["meta"] = meta
        doc_id = rec.get("doc_id")
        for name in ENTITIES:
            n = int(row.get(f"n_{name}", 0) or 0)
            start = used[name].get(doc_id, 0)
            ents = by_doc[name].get(doc_id, [])[start:start + n]
            used[name][doc_id] = start + n
            rec[name] = [{k: _py(v) for k, v in e.items() if k not in ("doc_id", "idx")}
                         for e in sorted(ents, key=lambda e: e["idx"])]
        out.append(_contract_order(rec))
    return out


def _contract_order(rec: dict[str, Any]) -> dict[str, Any]:
    first = ("doc_id", "source", "meta") + ENTITIES + ("errors",)
    return {**{k: rec[k] for k in first if k in rec}, **{k: v for k, v in rec.items()
                                                         if k not in first}}
