"""`vnplan audit`: write the hand-audit sheet of a compare output, or score a filled one
(:mod:`pipeline.output.audit`, :mod:`pipeline.evaluate.audit`)."""
from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

from pipeline.cli.common import OK, UsageError, check_output_file, say
from pipeline.evaluate.audit import format_score, score_rows
from pipeline.output.atomic import atomic_write
from pipeline.output.audit import DIVERGENCES, JUDGEMENTS, AuditInputError, read_sheet, write_sheet

EXAMPLE = """examples:
  vnplan compare corpus/seeds -o out/seeds                 # the findings
  vnplan audit out/seeds -o corpus/audits/seeds           # -> seeds.csv and seeds.xlsx
  (fill pairing_ok, status_ok, link_ok with yes / no / n/a; duplicate; note)
  vnplan audit --score corpus/audits/seeds.csv --json out/audit.json
  vnplan audit out/seeds-new -o out/seeds-new/audit --carry corpus/audits/seeds.csv
      # after a change: judgements of unchanged findings carried over, new ones left empty

A row is fully right when pairing, status and link are all right and it is not a duplicate
(duplicate = yes, or left empty on a row whose same_as names an earlier row).

exit status: 0; 1 when a judgement cell holds something other than yes, no or n/a (named on
stderr; the row is left unjudged); 2 for a usage error (no compare output or sheet at the
path given, a sheet without the judgement columns)."""


def add_parser(sub):
    p = sub.add_parser("audit", help="write or score a hand-audit sheet of a compare output",
                       description="Write a judgement sheet (one row per finding, CSV and "
                                   "XLSX) from a `vnplan compare` output folder, or score a "
                                   "filled sheet with --score.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", nargs="?", metavar="DIR", help="a `vnplan compare` output folder")
    p.add_argument("-o", "--output", metavar="SHEET",
                   help="sheet path without suffix (default DIR/audit): SHEET.csv and SHEET.xlsx")
    p.add_argument("--score", metavar="SHEET", help="score a filled sheet (.csv or .xlsx)")
    p.add_argument("--json", metavar="FILE", help="with --score: save the figures as JSON")
    p.add_argument("--carry", metavar="SHEET",
                   help="carry the judgements of a filled earlier sheet over to the same "
                        "findings (same plans, status, indicator, figures and quotes)")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    if bool(args.folder) == bool(args.score):
        raise UsageError("give either a compare output folder (to write a sheet) or "
                         "--score SHEET (to score a filled one)")
    if args.score:
        return score(args)
    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError(f"compare output folder not found: {folder}")
    if not (folder / DIVERGENCES).is_file():
        raise UsageError(f"{folder} is not a vnplan compare output: no {DIVERGENCES}")
    out = Path(args.output) if args.output else folder / "audit"
    base = out.with_suffix("") if out.suffix.lower() in (".csv", ".xlsx") else out
    for suffix in (".csv", ".xlsx"):
        check_output_file(base.with_name(base.name + suffix))
    earlier = None
    if args.carry:
        if not Path(args.carry).is_file():
            raise UsageError(f"sheet not found: {args.carry}")
        earlier = read_sheet(args.carry)
    try:
        paths = write_sheet(folder, base, earlier)
    except AuditInputError as exc:
        raise UsageError(str(exc)) from None
    if earlier is not None:
        rows = read_sheet(paths[0])
        left = sum(1 for r in rows if not any(str(r.get(c) or "").strip() for c in JUDGEMENTS))
        say("audit", f"judgements carried over from {args.carry} to {len(rows) - left} of "
                     f"{len(rows)} rows; {left} new or changed rows to judge")
    say("audit", "sheet written -> " + ", ".join(map(str, paths)))
    return OK


def score(args) -> int:
    path = Path(args.score)
    if not path.is_file():
        raise UsageError(f"sheet not found: {path}")
    if args.json:
        check_output_file(args.json, [args.score])
    try:
        rows = read_sheet(path)
    except (UnicodeDecodeError, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise UsageError(f"{path} cannot be read as an audit sheet "
                         f"({type(exc).__name__.lower()})") from None
    missing = [c for c in ("row_id", "pairing_ok", "status_ok", "link_ok")
               if rows and c not in rows[0]]
    if not rows or missing:
        raise UsageError(f"{path} is not an audit sheet written by vnplan audit"
                         + (f" (no column {', '.join(missing)})" if missing else " (no rows)"))
    figures = score_rows(rows)
    figures["sheet"] = str(path)
    print(format_score(figures, str(path)))
    if args.json:
        with atomic_write(args.json) as fh:
            json.dump(figures, fh, ensure_ascii=False, indent=1)
    sys.stdout.flush()
    for problem in figures["problems"]:
        say("audit", problem)
    return 1 if figures["problems"] else OK
