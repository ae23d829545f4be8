"""Run the real batch over >= 1,000 generated hostile inputs (issue 13) and report.

The inputs come from ``tests/hostile.py`` (``fuzz_corpus``: zip bombs, self-referencing and
flate-bomb PDFs, 2,000-page PDFs, a 50 MB text, long pathological lines, mojibake, cut
UTF-16, binary junk, empty files, non-UTF-8 / upper-case / formula names, DOCX text in
nested tables, insertions, text boxes and notes ...) plus an unreadable folder and file,
made in a temporary folder from a fixed seed.  Then

    vnplan extract IN -o OUT.jsonl --jobs 2 --timeout T --resume
    vnplan compare OUT.jsonl -o REPORT

and it reports crashes (a traceback, an exit status other than 0/1), hangs (the run past
its deadline, or a gap between two records longer than the time limit plus a margin),
inputs without exactly one record, peak RSS of the parent and of each worker (psutil),
silent loss (a target known to be in an input missing from its record), messages that
are not plain words, and formula cells in report.xlsx.  The result goes to bench/fuzz.md.

    python scripts/fuzz.py                      # 1,000 inputs at the issue's sizes
    python scripts/fuzz.py --n 200 --scale 0.02 --out /tmp/fuzz.md     # a quick run
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
import hostile as H  # noqa: E402  (tests/hostile.py: the generators, shared with the tests)

from pipeline.run.inputs import display  # noqa: E402

INTERNALS = re.compile(r"Error\b|Exception|Traceback|NoneType|object has no attribute|"
                       r"iterchildren|\btr\b above|int\(\)")
ROOT_USER = os.geteuid() == 0       # permissions do not stop root from reading
MB = 1 << 20


def make_inputs(root: Path, n: int, seed: int, scale: float) -> tuple[list[H.Case], list[str]]:
    """The generated cases, and the sources of the unreadable folder and file (as root,
    where they can be read all the same, the two files in them are cases instead)."""
    cases = H.fuzz_corpus(root, n=n, seed=seed, scale=scale)
    locked = root / "locked"
    locked.mkdir()
    (locked / "kehoach.txt").write_text(H.plan_text([5]), encoding="utf-8")
    denied = root / "denied.txt"
    denied.write_text(H.plan_text([6]), encoding="utf-8")
    for dirpath, _dirs, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for f in filenames:
            os.chmod(os.path.join(dirpath, f), 0o644)
    if ROOT_USER:
        return cases + [H.Case(locked / "kehoach.txt", "unreadable (root reads it)", values=(5,)),
                        H.Case(denied, "unreadable (root reads it)", values=(6,))], []
    locked.chmod(0)
    denied.chmod(0)
    return cases, [display(locked), display(denied)]


class Watch:
    """Peak RSS of a process and of each of its descendants, and when records appear in
    the ``--resume`` file (their gaps show a document that held the batch back)."""

    def __init__(self, proc: subprocess.Popen, partial: Path) -> None:
        self.pid, self.partial = proc.pid, partial
        self.rss: dict[int, int] = collections.defaultdict(int)
        self.times: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        seen = 0
        while not self.stop.is_set():
            try:
                top = psutil.Process(self.pid)
                for p in [top] + top.children(recursive=True):
                    try:
                        self.rss[p.pid] = max(self.rss[p.pid], p.memory_info().rss)
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            try:
                with open(self.partial, "rb") as fh:
                    lines = fh.read().count(b"\n")
            except OSError:
                lines = seen
            now = time.monotonic()
            self.times.extend([now] * max(0, lines - seen))
            seen = max(seen, lines)
            time.sleep(0.2)

    def done(self) -> None:
        self.stop.set()
        self.thread.join(5)


def run_extract(inp: Path, out: Path, jobs: int, timeout: float, deadline: float):
    cmd = [sys.executable, "-m", "pipeline", "extract", str(inp), "-o", str(out), "--jobs",
           str(jobs), "--timeout", str(timeout), "--resume", "-q"]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    watch = Watch(proc, Path(str(out) + ".partial"))
    hung = False
    try:
        stdout, stderr = proc.communicate(timeout=deadline)
    except subprocess.TimeoutExpired:
        hung = True
        os.killpg(proc.pid, 9)
        stdout, stderr = proc.communicate()
    watch.done()
    return proc.returncode, stderr.decode("utf-8", "replace"), time.monotonic() - t0, hung, watch


def check_records(cases, locked, recs, timeout):
    """Per input: one record, its values, failure, warnings, plain messages."""
    by_source = collections.defaultdict(list)
    for r in recs:
        by_source[r["source"]].append(r)
    problems: list[str] = []
    kinds: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    expected = {display(c.path): c for c in cases}
    for src in locked:
        rs = by_source.get(src, [])
        if len(rs) != 1 or not rs[0]["errors"]:
            problems.append(f"unreadable {src}: {len(rs)} record(s), errors {rs and rs[0]['errors']}")
    for src, c in expected.items():
        rs = by_source.get(src, [])
        k = kinds[c.kind]
        k["inputs"] += 1
        if len(rs) != 1:
            problems.append(f"{c.kind}: {src}: {len(rs)} records")
            k["not one record"] += 1
            continue
        r = rs[0]
        k["failed"] += bool(r["errors"])
        k["warned"] += bool(r.get("warnings"))
        abandoned = any("abandoned after" in e for e in r["errors"])
        k["abandoned at the time limit"] += abandoned
        found = {t["value"] for t in r["targets"]}
        lost = [v for v in c.values if v not in found]
        if lost and not abandoned:
            k["silent loss"] += 1
            problems.append(f"{c.kind}: {src}: targets {lost} not in the record "
                            f"(errors {r['errors'][:1]}, warnings {r.get('warnings', [])[:1]})")
        if c.failed is not None and bool(r["errors"]) != c.failed and not abandoned:
            k["unexpected outcome"] += 1
            problems.append(f"{c.kind}: {src}: expected {'an error' if c.failed else 'no error'}, "
                            f"got {r['errors'][:1]}")
        for w in c.warns:
            if not any(w in x for x in r.get("warnings", []) + r["errors"]):
                k["warning missing"] += 1
                problems.append(f"{c.kind}: {src}: no warning with {w!r}: {r.get('warnings')}")
        for m in r["errors"] + r.get("warnings", []):
            if INTERNALS.search(m):
                k["not plain words"] += 1
                problems.append(f"{c.kind}: {src}: message not in plain words: {m[:200]}")
    extra = set(by_source) - set(expected) - set(locked)
    for src in sorted(extra):
        problems.append(f"a record for no generated input: {src}")
    return problems, kinds


def run_compare(out: Path, report: Path, deadline: float):
    t0 = time.monotonic()
    try:
        r = subprocess.run([sys.executable, "-m", "pipeline", "compare", str(out), "-o",
                            str(report), "-j", "1"], cwd=ROOT, capture_output=True, text=True,
                           timeout=deadline)
    except subprocess.TimeoutExpired:
        return None, "", time.monotonic() - t0, -1
    formulas = -1
    xlsx = report / "report.xlsx"
    if xlsx.exists():
        import openpyxl  # only here: a heavy import the generators do not need
        wb = openpyxl.load_workbook(xlsx)
        formulas = sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row
                       if c.data_type == "f")
    return r.returncode, r.stderr, time.monotonic() - t0, formulas


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="inputs (at least; default 1000)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--scale", type=float, default=1.0, help="size of the large inputs (1: the issue's)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60, help="time limit per document")
    ap.add_argument("--out", default=str(ROOT / "bench" / "fuzz.md"))
    ap.add_argument("--keep", default=None, help="keep the inputs and outputs in this folder")
    args = ap.parse_args()

    tmp = Path(args.keep or tempfile.mkdtemp(prefix="vnplan-fuzz-"))
    tmp.mkdir(parents=True, exist_ok=True)
    tmp.chmod(0o755)
    inp, outdir = tmp / "in", tmp / "out"
    try:
        t0 = time.monotonic()
        cases, locked = make_inputs(inp, args.n, args.seed, args.scale)
        made_s = time.monotonic() - t0
        in_bytes = sum(c.path.stat().st_size for c in cases)
        outdir.mkdir()
        outdir.chmod(0o777)
        out = outdir / "records.jsonl"
        deadline = 1800 + 4 * args.timeout
        rc, err, wall, hung, watch = run_extract(inp, out, args.jobs, args.timeout, deadline)
        recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] \
            if out.exists() else []
        problems, kinds = check_records(cases, locked, recs, args.timeout)
        crashed = rc not in (0, 1) or "Traceback" in err
        gaps = [b - a for a, b in zip(watch.times, watch.times[1:])]
        longest_gap = max(gaps, default=0.0)
        parent = watch.rss.get(watch.pid, 0)
        workers = {p: r for p, r in watch.rss.items() if p != watch.pid}
        peak_worker = max(workers.values(), default=0)
        crc, cerr, cwall, formulas = run_compare(out, outdir / "report", 900)
        compare_crash = crc not in (0, 1) or "Traceback" in cerr
        abandoned = sorted(Path(r["source"]).name for r in recs
                           if any("abandoned after" in e for e in r["errors"]))
        ok = (not crashed and not hung and not compare_crash and not problems
              and peak_worker < 1 << 30 and formulas == 0
              and longest_gap <= args.timeout + 30)
        report = render(args, cases, in_bytes, made_s, rc, err, wall, hung, crashed, recs,
                        problems, kinds, longest_gap, parent, workers, peak_worker,
                        crc, cerr, cwall, compare_crash, formulas, abandoned, ok)
        Path(args.out).write_text(report, encoding="utf-8")
        print(report)
        return 0 if ok else 1
    finally:
        for p in (inp / "locked", inp / "denied.txt"):
            if p.exists():
                p.chmod(0o755)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def render(args, cases, in_bytes, made_s, rc, err, wall, hung, crashed, recs, problems,
           kinds, longest_gap, parent, workers, peak_worker, crc, cerr, cwall,
           compare_crash, formulas, abandoned, ok) -> str:
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        "# Fuzz run (scripts/fuzz.py)", "",
        f"{stamp}; `python scripts/fuzz.py --n {args.n} --seed {args.seed} --scale {args.scale:g} "
        f"--jobs {args.jobs} --timeout {args.timeout:g}`; {os.cpu_count()} CPUs"
        + (", run as root: the unreadable folder and file are read all the same (their "
           "error records are tested in tests/test_bad_input.py)" if ROOT_USER else ""), "",
        f"- inputs: {len(cases)} generated (and an unreadable folder and file), "
        f"{in_bytes / MB:,.1f} MB on disk, made in {made_s:.0f} s",
        f"- `vnplan extract --jobs {args.jobs} --timeout {args.timeout:g} --resume`: exit {rc}, "
        f"{wall:.0f} s, {len(recs)} records; crashed: {'yes' if crashed else 'no'}; "
        f"hung past the deadline: {'yes' if hung else 'no'}",
        f"- documents abandoned at the time limit (each with its error record): {len(abandoned)}"
        + (f" ({', '.join(abandoned[:10])})" if abandoned else "")
        + f"; longest wait between two records: {longest_gap:.1f} s",
        f"- peak RSS: parent {parent / MB:.0f} MB; workers ({len(workers)} processes over the "
        f"run) max {peak_worker / MB:.0f} MB" + (", each: " + ", ".join(
            f"{r / MB:.0f}" for r in sorted(workers.values(), reverse=True)[:8]) + " MB"
            if workers else ""),
        f"- inputs without exactly one record, silent loss, wrong outcome or internal words: "
        f"{len(problems)}",
        f"- `vnplan compare` on the records: exit {crc}, {cwall:.0f} s, crashed: "
        f"{'yes' if compare_crash else 'no'}; formula cells in report.xlsx: {formulas}",
        f"- **{'all checks pass' if ok else 'CHECKS FAILED'}**", "",
        "| kind | inputs | failed (error record) | warned | abandoned | silent loss "
        "| not one record | other problems |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind, k in sorted(kinds.items(), key=lambda kv: -kv[1]["inputs"]):
        other = k["unexpected outcome"] + k["warning missing"] + k["not plain words"]
        lines.append(f"| {kind} | {k['inputs']} | {k['failed']} | {k['warned']} | "
                     f"{k['abandoned at the time limit']} | {k['silent loss']} | "
                     f"{k['not one record']} | {other} |")
    if problems:
        lines += ["", "## Problems", ""] + [f"- {p}" for p in problems[:50]]
    tail = [x for x in err.strip().splitlines() if x][-5:]
    if tail:
        lines += ["", "extract stderr (last lines):", "", "```"] + tail + ["```"]
    ctail = [x for x in cerr.strip().splitlines() if x][-5:]
    if ctail:
        lines += ["", "compare stderr (last lines):", "", "```"] + ctail + ["```"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
