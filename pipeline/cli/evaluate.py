"""`vnplan evaluate`: its options and input reading; the scoring is :mod:`pipeline.evaluate`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.evaluate import diff_reports, evaluate, format_details, format_diff
from pipeline.evaluate.gold import load_gold_dir
from pipeline.output.atomic import atomic_write
from pipeline.run.document import extract_document
from pipeline.run.identity import file_sha1, make_doc_id
from pipeline.run.inputs import manifest_id, walk_inputs


def read_records(inputs, gold_ids=None):
    """Records from extract JSONL files, or by extracting documents and folders.

    With ``gold_ids``, documents without a gold file (named by a manifest's doc_id or the
    file's stem) are not extracted (they could not be scored); their ids are still
    returned as bare records so the report lists them.
    """
    docs = []
    for inp in inputs:
        p = Path(inp)
        if p.is_file() and p.suffix.lower() in (".jsonl", ".json"):
            with open(p, encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        yield json.loads(line)
        else:
            docs.append(p)
    for i in walk_inputs(docs):
        named = manifest_id(i.path)
        if gold_ids is not None and named not in gold_ids and i.path.stem not in gold_ids:
            yield {"doc_id": named or make_doc_id(i.rel, file_sha1(i.path)), "source": i.source}
            continue
        yield extract_document(i.path, rel=i.rel).to_dict()


def add_parser(sub):
    p = sub.add_parser("evaluate", help="score extraction against gold annotations",
                       description="Precision, recall and F1 for targets, agencies, citations "
                                   "and sections, attribute accuracy, and metadata, per "
                                   "document and overall (rules: corpus/ANNOTATION.md).")
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
    golds = load_gold_dir(args.gold)
    report = evaluate(read_records(args.inputs, set(golds)), golds)
    print(report.table())
    if args.verbose:
        print()
        print(format_details(report))
    data = report.to_dict()
    if args.baseline:
        with open(args.baseline, encoding="utf-8") as fh:
            base = json.load(fh)
        print()
        print(format_diff(diff_reports(base, data)))
    if args.json:
        with atomic_write(args.json) as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
    sys.stdout.flush()
    return 0
