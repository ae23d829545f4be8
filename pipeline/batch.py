"""`vnplan extract`: run the pipeline over many inputs and write one record per input."""
from __future__ import annotations

import json
import sys

from .atomic import atomic_write
from .extract import extract_document, iter_inputs

EXAMPLE = """example:
  vnplan extract corpus/seeds -o out/seeds.jsonl
  vnplan extract plan.docx decision.pdf -o -          # JSONL on stdout
"""


def add_parser(sub):
    p = sub.add_parser("extract", help="extract metadata, sections, targets, agencies and citations",
                       description="Read plans (.txt .md .docx .pdf; folders are walked) and write "
                                   "one JSON record per input, in input order (CONTRACT.md).",
                       epilog=EXAMPLE, formatter_class=_raw())
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file (.jsonl), or - for standard output")
    p.set_defaults(func=run)
    return p


def _raw():
    import argparse
    return argparse.RawDescriptionHelpFormatter


def records(inputs):
    for path in iter_inputs(inputs):
        yield extract_document(path).to_dict()


def write_jsonl(recs, out) -> int:
    """Write records; return how many carried errors."""
    failed = 0
    for rec in recs:
        failed += bool(rec["errors"])
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return failed


def run(args) -> int:
    if args.output == "-":
        failed = write_jsonl(records(args.inputs), sys.stdout)
    else:
        with atomic_write(args.output) as fh:
            failed = write_jsonl(records(args.inputs), fh)
    if failed:
        print(f"vnplan: {failed} input(s) had errors (see their 'errors' field)", file=sys.stderr)
    return 1 if failed else 0
