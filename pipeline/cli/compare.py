"""`vnplan compare`: its options and input reading; the work is
:func:`pipeline.linking.compare.compare_records` and :func:`pipeline.output.report.write_report`."""
from __future__ import annotations

import argparse
import gc
import os
import sys
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

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
from pipeline.linking.objectives import names_objectives, objective_sections, outermost
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


# Records as the comparison holds them (:class:`Slim`): 100,000 records must fit in memory,
# and be read in a few seconds.  Each JSONL line is parsed (msgspec) into the fields the
# comparison reads (pipeline.linking and pipeline.output): those of _Record, a citation's of
# _Citation, a section's of _Section; the others (a record's format and chars, a citation's
# places in its text, a section's level and number ...) are skipped unparsed.  A new field
# read by the comparison is to be added here (tests/test_compare_read.py compares whole and
# slim records).

# record fields held empty (each with the field `vnplan extract` writes after it, for the
# lines json reads: cut out unparsed)
UNUSED = {"agencies": "citations"}

# target fields whose texts repeat from one record to the next (plans restate their
# parents' targets word for word)
TARGET_WORDS = ("kind", "unit", "comparator", "deadline", "section", "deadline_source",
                "quote", "indicator")


# the parsed lines hold texts and numbers only: no cycles for the garbage collector to find
class _Section(msgspec.Struct, gc=False):
    """The fields of a section that :func:`objective_sections` reads (a missing one is None,
    as ``dict.get`` gives it), its heading as JSON text (parsed only when it is new to the
    reader: headings recur)."""
    path: Any = None
    heading: msgspec.Raw = msgspec.Raw(b"null")
    start: Any = None
    end: Any = None


class _Citation(msgspec.Struct, gc=False):
    """The fields of a citation the comparison reads (UNSET: not in the line)."""
    doc_type: Any = UNSET
    number: Any = UNSET
    date: Any = UNSET
    issuer: Any = UNSET
    title: Any = UNSET
    role: Any = UNSET
    quote: Any = UNSET


class _Record(msgspec.Struct, gc=False):
    """The fields of a record the comparison reads (UNSET: not in the line); ``agencies``
    only to see that it is a list, or null."""
    doc_id: Any = UNSET
    source: Any = UNSET
    sha1: Any = UNSET
    kind: Any = UNSET
    duplicate_of: Any = UNSET
    text: Any = UNSET
    meta: Any = UNSET
    sections: list[_Section] | None | UnsetType = UNSET
    targets: Any = UNSET
    agencies: msgspec.Raw = msgspec.Raw(b"[]")
    citations: list[_Citation] | None | UnsetType = UNSET
    errors: Any = UNSET


RECORD_FIELDS = _Record.__struct_fields__
CITATION_FIELDS = _Citation.__struct_fields__
_RECORD = msgspec.json.Decoder(_Record)
_HEADING = attrgetter("heading")


@lru_cache(maxsize=65536)
def _heading(raw: bytes) -> Any:
    """A section heading from its JSON text (a string, or null)."""
    return msgspec.json.decode(raw)


def _names_objectives(raw: bytes) -> bool:
    return names_objectives(_heading(raw))


class Slim:
    """Records as the comparison holds them: the :data:`RECORD_FIELDS` (:data:`UNUSED`
    empty), only the outermost objective sections (:func:`objective_sections`), citations
    of their :data:`CITATION_FIELDS`, and equal citations, periods and texts (meta, section
    headings, :data:`TARGET_WORDS`) held once: plans cite the same laws in the same words
    (their legal-basis lines), and 100,000 records would hold a copy each.  The comparison
    reads records, never changes them."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.periods: dict[tuple[int, ...], list[int]] = {}
        self.citations: dict[tuple[Any, ...], dict[str, Any]] = {}

    def decode(self, raw: bytes) -> dict[str, Any] | None:
        """The record of one JSONL line, or None when the line is to be read whole by json
        (msgspec refuses it, or it is not of the record's shape): whatever msgspec reads,
        json reads the same."""
        try:
            r = _RECORD.decode(raw)
            if memoryview(r.agencies)[:1] not in (b"[", b"n"):  # not a list: json says so
                return None
            secs = r.sections or []
            named = map(_names_objectives, map(bytes, map(_HEADING, secs)))
            sections = [{"path": s.path, "heading": _heading(bytes(s.heading)),
                         "start": s.start, "end": s.end} for s in outermost(secs, named, getattr)]
        except msgspec.DecodeError:
            return None
        rec = {k: v for k, v in zip(RECORD_FIELDS, msgspec.structs.astuple(r))
               if v is not UNSET and k != "agencies"}
        rec["sections"] = sections
        if r.citations:
            rec["citations"] = [self.citation(msgspec.structs.astuple(c)) for c in r.citations]
        self.rest(rec)
        return rec

    def whole(self, rec: dict[str, Any]) -> dict[str, Any]:
        """``rec`` (a whole record) slimmed as :meth:`decode` slims a line."""
        rec = {k: rec[k] for k in RECORD_FIELDS if k in rec}
        for name in UNUSED:
            rec[name] = []
        rec["sections"] = objective_sections(rec, tops=True)
        for sec in rec["sections"]:
            if type(sec["heading"]) is str:
                sec["heading"] = self.texts.setdefault(sec["heading"], sec["heading"])
        if rec.get("citations"):
            rec["citations"] = [self.citation(tuple(c.get(k, UNSET) for k in CITATION_FIELDS))
                                if isinstance(c, dict) else c for c in rec["citations"]]
        self.rest(rec)
        return rec

    def citation(self, values: tuple[Any, ...]) -> dict[str, Any]:
        """The citation of these values of its :data:`CITATION_FIELDS` (UNSET: not there);
        one dict for equal citations of texts only."""
        try:
            held = self.citations.get(values)
        except TypeError:               # a list or an object among its values: not shared
            held = None
        if held is None:
            share = self.texts.setdefault
            held = {k: share(v, v) if type(v) is str else v
                    for k, v in zip(CITATION_FIELDS, values) if v is not UNSET}
            if all(v is None or type(v) is str for v in held.values()):
                self.citations[values] = held
        return held

    def rest(self, rec: dict[str, Any]) -> None:
        """Equal texts and periods of ``rec``'s meta and targets held once."""
        share = self.texts.setdefault
        meta = rec.get("meta")
        if isinstance(meta, dict):
            for k, v in meta.items():
                if type(v) is str:
                    meta[k] = share(v, v)
            period = meta.get("period")
            if type(period) is list and all(type(y) is int for y in period):
                meta["period"] = self.periods.setdefault(tuple(period), period)
        for t in rec.get("targets") or ():
            if isinstance(t, dict):
                for k in TARGET_WORDS:
                    v = t.get(k)
                    if type(v) is str:
                        t[k] = share(v, v)


def read_inputs(inputs, jobs: int = 1,
                failures: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Records from extract JSONL files, and by extraction for any other input
    (``jobs`` worker processes, through ``pipeline.batch.records``), as the comparison holds
    them (:class:`Slim`).  A JSONL line that is not a record is skipped and added to
    ``failures`` ({source, doc_id, error}).

    The records stay in memory until the command ends: the garbage collector is off while
    JSONL records are read and they are all then moved out of its sight (``gc.freeze``); it would
    otherwise walk all of them again and again while the comparison allocates its rows."""
    failures = [] if failures is None else failures
    records: list[dict[str, Any]] = []
    others = []
    slim = Slim()
    for inp in inputs:
        path = Path(inp)
        if is_jsonl(path):
            collecting = gc.isenabled()
            gc.disable()        # JSON records hold no cycles: nothing for the collector to find
            try:
                records.extend(jsonl_records(path, failures, UNUSED, slim.decode, slim.whole))
            finally:
                if collecting:
                    gc.enable()
        else:
            others.append(path)
    paths = list(walk_inputs(others))
    records.extend(map(slim.whole, batch_records(paths, jobs=max(1, jobs))))
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
