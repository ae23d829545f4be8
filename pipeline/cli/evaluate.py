"""`vnplan evaluate`: its options and input reading; the scoring is :mod:`pipeline.evaluate`."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterator

import yaml

from pipeline.cli.common import (
    UsageError,
    check_inputs,
    check_no_records,
    check_output_file,
    is_jsonl,
    jsonl_records,
    record_failure,
    report_failures,
)
from pipeline.evaluate import diff_reports, evaluate, format_details, format_diff
from pipeline.evaluate.gold import load_gold
from pipeline.output.atomic import atomic_write
from pipeline.run.document import extract_document
from pipeline.run.identity import file_sha1, make_doc_id
from pipeline.run.inputs import iter_inputs, manifest_id, walk_inputs


def read_records(inputs, gold_ids=None, failures: list[dict[str, Any]] | None = None
                 ) -> Iterator[dict[str, Any]]:
    """Records from extract JSONL files, or by extracting documents and folders.

    With ``gold_ids``, documents without a gold file (named by a manifest's doc_id or the
    file's stem) are not extracted (they could not be scored); their ids are still
    returned as bare records so the report lists them.  A JSONL line that is not a record
    is skipped and added to ``failures``.
    """
    failures = [] if failures is None else failures
    docs = []
    for inp in inputs:
        p = Path(inp)
        if is_jsonl(p):
            yield from jsonl_records(p, failures)
        else:
            docs.append(p)
    for i in walk_inputs(docs):
        named = manifest_id(i.path)
        if gold_ids is not None and named not in gold_ids and i.path.stem not in gold_ids:
            yield {"doc_id": named or make_doc_id(i.rel, file_sha1(i.path)), "source": i.source}
            continue
        yield extract_document(i.path, rel=i.rel).to_dict()


def read_gold(gold) -> dict[str, dict[str, Any]]:
    """``{doc_id: gold}`` of the gold files in ``gold`` (a folder or one file);
    :class:`UsageError` when there is none or one cannot be read, naming the file."""
    p = Path(gold)
    if not p.exists():
        raise UsageError(f"gold folder not found: {p}")
    files = [p] if p.is_file() else sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
    if not files:
        raise UsageError(f"nothing to score against: no gold files (*.yaml) in {p}")
    out = {}
    for f in files:
        try:
            g = load_gold(f)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise UsageError(f"gold file {f} is not valid YAML{where}") from None
        except UnicodeDecodeError:
            raise UsageError(f"gold file {f} is not UTF-8 text") from None
        except (AttributeError, TypeError, ValueError):
            raise UsageError(f"gold file {f} is not in the gold format (corpus/ANNOTATION.md)") \
                from None
        out[str(g["doc_id"])] = g
    return out


def read_baseline(path) -> dict[str, Any]:
    """An earlier ``--json`` report; :class:`UsageError` when it cannot be used."""
    try:
        with open(path, encoding="utf-8") as fh:
            base = json.load(fh)
    except FileNotFoundError:
        raise UsageError(f"baseline not found: {path}") from None
    except (ValueError, UnicodeDecodeError):
        raise UsageError(f"baseline {path} is not a report written by --json") from None
    if not isinstance(base, dict) or "documents" not in base:
        raise UsageError(f"baseline {path} is not a report written by --json")
    return base


def add_parser(sub):
    p = sub.add_parser("evaluate", help="score extraction against gold annotations",
                       description="Precision, recall and F1 for targets, agencies, citations "
                                   "and sections, attribute accuracy, and metadata, per "
                                   "document and overall (rules: corpus/ANNOTATION.md).",
                       epilog="exit status: 0 when every input was read cleanly, 1 when any "
                              "input failed (named on stderr), 2 for a usage error (an input, "
                              "the gold folder or the baseline not found or unreadable, "
                              "nothing to score).")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="documents or folders (extracted now), or an extract .jsonl")
    p.add_argument("--gold", required=True, metavar="DIR",
                   help="folder of <file stem>.yaml (or <doc_id>.yaml)")
    p.add_argument("--json", metavar="FILE", help="save the full report (per-item lists)")
    p.add_argument("--baseline", metavar="FILE", help="an earlier --json report to diff against")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="list misses, false positives and wrong attributes")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    check_inputs("evaluate", args.inputs, iter_inputs, "documents or records")
    if args.json:
        check_output_file(args.json, args.inputs)
    base = read_baseline(args.baseline) if args.baseline else None
    golds = read_gold(args.gold)
    failures: list[dict[str, Any]] = []
    count = [0]

    def seen(recs):
        for rec in recs:
            count[0] += 1
            if rec.get("errors"):
                failures.append(record_failure(rec))
            yield rec

    unreadable: list[dict[str, Any]] = []
    report = evaluate(seen(read_records(args.inputs, set(golds), unreadable)), golds)
    check_no_records(count[0], unreadable, args.inputs)
    print(report.table())
    if args.verbose:
        print()
        print(format_details(report))
    data = report.to_dict()
    if base is not None:
        print()
        print(format_diff(diff_reports(base, data)))
    if args.json:
        with atomic_write(args.json) as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
    sys.stdout.flush()
    return report_failures("evaluate", unreadable + failures)
