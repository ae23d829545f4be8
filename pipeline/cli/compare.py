"""`vnplan compare`: its options and input reading; the work is
:func:`pipeline.linking.compare.compare_records` and :func:`pipeline.output.report.write_report`."""
from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

from pipeline.cli.common import (
    UsageError,
    check_inputs,
    check_no_records,
    check_output_folder,
    is_jsonl,
    jsonl_records,
    report_failures,
)
from pipeline.linking.compare import compare_records
from pipeline.linking.objectives import objective_sections
from pipeline.linking.references import BUNDLED_DIR, load_references
from pipeline.output.report import write_report
from pipeline.run.batch import records as batch_records
from pipeline.run.inputs import iter_inputs, walk_inputs

EXAMPLE = """examples:
  vnplan compare corpus/ -o out/report                       # extract, then compare
  vnplan compare out/seeds.jsonl --reference my/refs -o out/report
  vnplan compare out/seeds.jsonl --no-bom -o out/report     # CSV for pipelines: no BOM
References: the reference tables bundled with the tool (pipeline/data/references) and a
references/ folder inside any INPUT folder are read by default; --reference DIR adds your
own (a reference for the same number in a later folder wins; a full text in the corpus
always wins over a reference).

Inputs that failed (records with errors, lines of a JSONL that are not records) are listed
on stderr, in report.html and in a failed_inputs sheet of report.xlsx; the exit status is
then 1 (2 for a usage error: an input or --reference folder not found, nothing to compare,
-o naming a file)."""


def add_parser(sub):
    p = sub.add_parser("compare", help="compare local plans with the plans they implement",
                       description="Link plans through their citations, align their targets "
                                   "with their parents' and write divergences.csv, "
                                   "siblings.csv, report.xlsx and report.html (CONTRACT.md).",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="documents, folders, or an `vnplan extract` JSONL")
    p.add_argument("--reference", action="append", default=[], metavar="DIR",
                   help="folder of reference YAML files (repeatable)")
    p.add_argument("--no-default-references", action="store_true",
                   help="do not read the bundled references or INPUT/references")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    p.add_argument("--no-bom", action="store_true",
                   help="write the CSV files without the UTF-8 byte order mark that helps "
                        "spreadsheets read Vietnamese (for pipelines)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes for extraction (default: all cores)")
    p.set_defaults(func=run)
    return p


# record fields the comparison does not read (each with the field `vnplan extract` writes
# after it): read past unparsed and kept as empty lists, so that 100,000 records fit in memory;
# of the sections only those stating objectives are kept (what a no_figure row is read from)
UNUSED = {"agencies": "citations"}


# short target fields whose texts repeat from one record to the next
TARGET_WORDS = ("kind", "unit", "comparator", "deadline", "section")


def slim(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """``records`` with the :data:`UNUSED` fields emptied, only the objective sections kept
    (:func:`pipeline.linking.objectives.objective_sections`) and equal texts of their meta,
    citations and short target fields held once: plans cite the same laws in the same
    words (their legal-basis lines), and 100,000 records would hold a copy each."""
    texts: dict[str, str] = {}
    share = texts.setdefault
    for rec in records:
        for name in UNUSED:
            rec[name] = []
        rec["sections"] = objective_sections(rec)
        for d in [rec.get("meta") or {}, *(rec.get("citations") or ())]:
            if isinstance(d, dict):
                for k, v in d.items():
                    if type(v) is str:
                        d[k] = share(v, v)
        for t in rec.get("targets") or ():
            if isinstance(t, dict):
                for k in TARGET_WORDS:
                    v = t.get(k)
                    if type(v) is str:
                        t[k] = share(v, v)
        yield rec


def read_inputs(inputs, jobs: int = 1,
                failures: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Records from extract JSONL files, and by extraction for any other input
    (``jobs`` worker processes, through ``pipeline.batch.records``), without the fields
    the comparison does not read (:data:`UNUSED`, emptied).  A JSONL line that is not a
    record is skipped and added to ``failures`` ({source, doc_id, error}).

    The records stay in memory until the command ends: the garbage collector is off while
    JSONL records are read and they are all then moved out of its sight (``gc.freeze``); it would
    otherwise walk all of them again and again while the comparison allocates its rows."""
    failures = [] if failures is None else failures
    records: list[dict[str, Any]] = []
    others = []
    for inp in inputs:
        path = Path(inp)
        if is_jsonl(path):
            collecting = gc.isenabled()
            gc.disable()        # JSON records hold no cycles: nothing for the collector to find
            try:
                records.extend(slim(jsonl_records(path, failures, UNUSED)))
            finally:
                if collecting:
                    gc.enable()
        else:
            others.append(path)
    paths = list(walk_inputs(others))
    records.extend(slim(batch_records(paths, jobs=max(1, jobs))))
    gc.freeze()
    return records


def reference_dirs(inputs, extra, use_default=True) -> list[Path]:
    """Folders of reference YAML, later ones winning: the bundled tables and each
    INPUT/references (``use_default``), then the ``--reference`` folders."""
    dirs = []
    if use_default:
        dirs.append(BUNDLED_DIR)
        for inp in inputs:
            d = Path(inp) / "references"
            if Path(inp).is_dir() and d.is_dir() and d.resolve() not in [x.resolve() for x in dirs]:
                dirs.append(d)
    return dirs + [Path(x) for x in extra]


def run(args) -> int:
    for d in args.reference:
        if not Path(d).exists():
            raise UsageError(f"reference folder not found: {d}")
    check_inputs("compare", args.inputs, iter_inputs, "documents or records")
    check_output_folder(args.output)
    unreadable: list[dict[str, Any]] = []
    records = read_inputs(args.inputs, args.jobs or os.cpu_count() or 1, unreadable)
    check_no_records(len(records), unreadable, args.inputs)
    refs = load_references(reference_dirs(args.inputs, args.reference,
                                          not args.no_default_references))
    result = compare_records(records, refs)
    result.failed = unreadable + result.failed
    paths = write_report(result, args.output, bom=not args.no_bom)
    df = result.divergences
    dups = sum(1 for r in records if r.get("duplicate_of"))
    if dups:
        print(f"vnplan compare: {dups} input(s) left out as copies of another input "
              "(their records' duplicate_of)", file=sys.stderr)
    print(f"vnplan compare: {len(records) - dups} documents, {len(refs)} references, "
          f"{len(result.links)} links, {len(result.unresolved)} unresolved citations, "
          f"{len(df)} rows -> " + ", ".join(str(p) for p in paths), file=sys.stderr)
    return report_failures("compare", result.failed,
                           where=" (listed in report.html and report.xlsx)")
