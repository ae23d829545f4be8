"""Write the auditor's report: by default divergences.csv, siblings.csv, report.xlsx and
report.html.

Each format is a writer function of a module of :mod:`pipeline.output` (``csv``, ``xlsx``,
``html``), ``write(result, folder) -> Path``, listed in :data:`WRITERS`.  A new format is
one module plus one call::

    from pipeline.output.report import register
    register("json", lambda result, folder: ...)    # writes into folder, returns the path

:func:`write_report` runs the writers in registration order.  Options given to it
(``bom=False``) go to the writers that take a parameter of that name, and only to them.
Every file is written atomically (:mod:`pipeline.output.atomic`).
"""
from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, Callable, Iterable

from pipeline.output import csv, html, xlsx
from pipeline.output.memory import writing

Writer = Callable[..., Path]

# format name -> writer; write_report runs them in this order
WRITERS: dict[str, Writer] = {}


def register(name: str, writer: Writer) -> Writer:
    """Add (or replace) the writer of format ``name``; return the writer."""
    WRITERS[name] = writer
    return writer


register("csv", csv.write)
register("siblings", csv.write_siblings)
register("xlsx", xlsx.write)
register("html", html.write)


def _run(writer: Writer, result, folder: Path, options: dict[str, Any]) -> Path:
    """``writer(result, folder)`` with the ``options`` its signature names; the memory it
    freed then given back (:mod:`pipeline.output.memory`)."""
    params = inspect.signature(writer).parameters
    with writing():
        return writer(result, folder, **{k: v for k, v in options.items() if k in params})


def write_report(result, outdir, formats: Iterable[str] | None = None, **options) -> list[Path]:
    """Write the report files of ``formats`` (default: every registered writer) into
    ``outdir``; return their paths in writer order.  ``options`` (``bom=False``) go to the
    writers that take them."""
    names = list(WRITERS) if formats is None else list(formats)
    unknown = [n for n in names if n not in WRITERS]
    if unknown:
        raise ValueError(f"unknown report format {', '.join(unknown)} "
                         f"(choose from {', '.join(WRITERS)})")
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} is a file; the report is written to a folder")
    out.mkdir(parents=True, exist_ok=True)
    return [_run(WRITERS[name], result, out, options) for name in names]
