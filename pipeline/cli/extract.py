"""`vnplan extract`: its options; the work is :func:`pipeline.run.batch.extract_batch`."""
from __future__ import annotations

import argparse
import os
import signal
import threading
from typing import Any

from pipeline.cli.common import (
    OK,
    SHOWN,
    UsageError,
    check_inputs,
    check_output_file,
    check_output_folder,
    record_failure,
    report_failures,
)
from pipeline.ingest import ocrcache
from pipeline.output.tables import TABLES, folder_problem
from pipeline.run.batch import FORMATS, extract_batch, output_format
from pipeline.run.inputs import DOCUMENT_SUFFIXES, iter_inputs
from pipeline.run.limits import limit_names, parse_limits, settings

EXAMPLE = """examples:
  vnplan extract corpus/seeds -o out/seeds.jsonl
  vnplan extract corpus/ -o out/corpus.jsonl --jobs 2 --resume   # continue a killed run
  vnplan extract corpus/ -o out/tables.parquet                   # a folder of 5 tables
  vnplan extract corpus/ -o out/tables --format csv
  vnplan extract corpus/ -o out/corpus.jsonl --scheduler tcp://10.0.0.5:8786
  vnplan extract plan.docx decision.pdf -o -                     # JSONL on stdout

formats: jsonl is one record per line (CONTRACT.md).  parquet and csv write a folder OUT/
with documents, sections, targets, agencies and citations tables joinable on doc_id
(lists such as period or errors are JSON text there; OUT/manifest.json says which).

resume: with --resume each record is also appended to OUT.partial as soon as it is done;
a killed run leaves that file, and the same command with --resume skips every input whose
path and content (sha1) are already in OUT.partial or OUT, then writes OUT whole.

limits: a document that takes longer than --timeout seconds is abandoned (its worker
process replaced) and its record says so; the batch goes on.  Text fields longer than the
cap per field are cut, with a warning in the record.  --limit NAME=N (repeatable) changes
one of the readers' limits or record caps; what a limit cuts off is listed in the record's
warnings, what it refuses is an error:
  vnplan extract big/ -o out.jsonl --limit pdf-pages=200 --limit chars=1000000

exit status: 0 when every input was read cleanly, 1 when any record has errors (the
inputs are named on stderr), 2 for a usage error, before anything is written: an input
not found, nothing to process (a folder without documents), or an output path that
cannot be written as asked (a folder where the JSONL file goes, a file where the table
folder goes, an input file, or a csv folder named like a file, x.csv).
"""

def add_parser(sub):
    p = sub.add_parser("extract", help="extract metadata, sections, targets, agencies and citations",
                       description="Read plans (.txt .md .docx .pdf; folders are walked) and write "
                                   "one record per input, in input order (CONTRACT.md).",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output: a .jsonl file, - for standard output, or a folder for "
                        "--format parquet/csv")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: from the extension of OUT; .jsonl when OUT is -)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help=f"worker processes (default: all cores, here {os.cpu_count()}); "
                        "with --scheduler local, the number of dask workers")
    p.add_argument("--resume", action="store_true",
                   help="skip inputs already in OUT or OUT.partial (same path and sha1)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="run on dask.distributed: tcp://HOST:PORT of a running scheduler, "
                        "or 'local' to start a LocalCluster of --jobs worker processes")
    p.add_argument("--chunk", type=int, default=None, metavar="K",
                   help="documents per task sent to a worker (default: 1 to 8, by corpus size)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="time limit per document (default: "
                        f"{settings()['time_limit']:g}; 0: none)")
    p.add_argument("--limit", action="append", metavar="NAME=N", default=None,
                   help="change a limit per document (repeatable); NAME (default): "
                        + ", ".join(f"{k} ({v:,})" for k, v in limit_names().items()))
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--ocr", choices=ocrcache.MODES, default="auto",
                   help="read PDF pages by OCR (tesseract, vie): auto (default) for pages "
                        "without a text layer, with a garbled one or scanned; always; never")
    p.add_argument("--ocr-cache", metavar="DIR", default=None,
                   help="where OCR results are kept, so that no page is OCR'd twice "
                        f"(default: {ocrcache.default_cache()}; '' for none)")
    p.set_defaults(func=run)
    return p


def check_output(output: str, fmt: str | None, inputs, resume: bool) -> str:
    """The output format; :class:`UsageError` when OUT cannot be written as asked."""
    try:
        fmt = output_format(output, fmt)
    except SystemExit:                   # no --format and no extension that tells
        raise UsageError(f"cannot tell the format of {output}: give --format jsonl|parquet|csv, "
                         "or a name ending in .jsonl (a file) or .parquet (a folder of "
                         "tables)") from None
    if output == "-":
        if fmt != "jsonl":
            raise UsageError(f"{fmt} output is a folder of {len(TABLES)} tables: "
                             "give a folder as -o, not -")
        if resume:
            raise UsageError("--resume needs an output file, not -")
        return fmt
    if fmt == "jsonl":
        check_output_file(output, inputs)
        return fmt
    check_output_folder(output)
    problem = folder_problem(output, fmt)
    if problem:
        raise UsageError(f"-o {problem}")
    return fmt


def _exit_on_term(signum, frame):
    """SIGTERM ends the run as Ctrl-C does: workers stopped, temporary files removed."""
    raise SystemExit(128 + signum)


def run(args) -> int:
    check_inputs("extract", args.inputs, iter_inputs,
                 "documents (" + " ".join(sorted(DOCUMENT_SUFFIXES)) + ")")
    fmt = check_output(args.output, args.format, args.inputs, args.resume)
    try:
        limits = parse_limits(args.limit)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    failures: list[dict[str, Any]] = []
    # workers (forked, spawned, a local dask cluster) take the OCR settings from the
    # environment; pages of one document are OCR'd on up to --jobs cores
    ocrcache.configure(args.ocr, args.ocr_cache, args.jobs or os.cpu_count() or 1)

    def on_failed(rec) -> None:          # the first few are named; the rest are counted
        if len(failures) < SHOWN:
            failures.append(record_failure(rec))

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _exit_on_term) if main else None
    try:
        failed = extract_batch(args.inputs, args.output, fmt=fmt, jobs=args.jobs,
                               resume=args.resume, scheduler=args.scheduler, chunk=args.chunk,
                               quiet=args.quiet, on_failed=on_failed, timeout=args.timeout,
                               limits=limits)
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
    if not failed:
        return OK
    where = f" (their records in {args.output} say why)" if args.output != "-" else ""
    return report_failures("extract", failures, failed, where)
