#!/usr/bin/env python
"""Benchmark `vnplan extract`: documents/s, MB/s per core, peak RSS per worker, scaling.

Every run is a subprocess timed from its start to its exit (imports and model loading
included) and its peak RSS read from ``getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper
process, i.e. the largest process of the run (the main process or one worker).

Measured on corpus/seeds, public, bulk, web, chains and blind (texts) and the seeds rendered to
DOCX and PDF (tests/render.py):

* extract with 1 and 2 workers (2 workers should be >= 1.7x one);
* the corpus given twice and four times (peak RSS must not grow: memory flat in corpus
  size; ×4 against ×2 shows that what ×2 adds over ×1 is bounded caches filling up, not growth);
* one underthesea ``word_tokenize`` pass over the same texts (extract should be >= 10x faster);
* a regex floor: each file read once and five compiled scans run over it (percentages,
  document numbers, Roman headings, dates, articles): extract should be within 3x of it;
* pdfplumber's own ``extract_text`` over the same PDFs (extract within 1.3x of it).

Each timed pair (1 and 2 workers; extract PDF and pdfplumber) runs ``--repeat`` times,
the two sides interleaved so that a slow spell of a shared host hits both; the figures
are the median wall and CPU time of the repeats and their largest peak RSS (every
repeat's wall time is kept in the JSON).  The underthesea pass (about a minute) and the
doubled and quadrupled corpus run once.

Writes bench/results.json and bench/results.md.  Usage::

    .venv/bin/python scripts/bench.py              # full corpus, about 4 minutes on 2 cores
    .venv/bin/python scripts/bench.py --quick      # seeds + public only
    .venv/bin/python scripts/bench.py --repeat 5   # more repeats on a noisy host
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
TARGETS = {"vs_underthesea": 10.0, "vs_regex_floor": 3.0, "pdf_vs_pdfplumber": 1.3, "rss_mb": 400.0,
           "speedup_2_workers": 1.7, "rss_growth_x2": 1.10,
           "rss_growth_x4_vs_x2": 1.10}

UNDERTHESEA_PASS = """
import sys
from pathlib import Path
from underthesea import word_tokenize
for p in open(sys.argv[1], encoding="utf-8").read().split("\\n"):
    if p:
        word_tokenize(Path(p).read_text(encoding="utf-8"))
"""
PDFPLUMBER_PASS = """
import sys
import pdfplumber
for p in open(sys.argv[1], encoding="utf-8").read().split("\\n"):
    if p:
        with pdfplumber.open(p) as pdf:
            "\\n".join(page.extract_text() or "" for page in pdf.pages)
"""
# The floor any extractor pays: read each file once and run a handful of compiled scans
# (percentages, document numbers, Roman headings, dates, "Điều" articles) over it.
REGEX_FLOOR = r"""
import re, sys
from pathlib import Path
SCANS = [re.compile(p, re.M) for p in (
    r"\d+(?:[.,]\d+)?\s*%",                                        # percentages
    r"\b\d+(?:/\d{4})?/[A-ZĐ]{1,6}(?:-[A-ZĐ0-9]{1,10})*",           # document numbers
    r"^[ \t*#]*[IVXLC]{1,5}\s*[.)]\s+\S",                              # Roman headings
    r"\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b",                           # dates
    r"^[ \t*#]*Điều\s+\d+",                                          # articles
)]
n = 0
for p in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if p:
        text = Path(p).read_bytes().decode("utf-8", "replace")
        for rx in SCANS:
            n += sum(1 for _ in rx.finditer(text))
print(n)
"""
# The machine's own ceiling for 2 processes: the same pure-Python loop run twice in one
# process, then once in each of 2 processes.  Virtual cores that share a physical core
# (or a busy host) cap any program's speed-up below 2.
CPU_CEILING = """
import multiprocessing as mp, time
def burn(n):
    s = 0
    for i in range(n):
        s += i * i
    return s
N = 20_000_000
t = time.perf_counter(); burn(N); burn(N); one = time.perf_counter() - t
with mp.Pool(2) as pool:
    t = time.perf_counter(); pool.map(burn, [N, N]); two = time.perf_counter() - t
print(round(one / two, 2))
"""


def cpu_ceiling() -> float:
    """Speed-up of 2 processes over 1 on a pure CPU loop: what this machine allows."""
    res = subprocess.run([PY, "-c", CPU_CEILING], capture_output=True, text=True, check=True)
    return float(res.stdout.strip().splitlines()[-1])


def measure(cmd: list) -> dict:
    """Run ``cmd`` in a fresh wrapper; wall seconds from start to exit and peak RSS (MB)."""
    wrapper = ("import json, resource, subprocess, sys, time\n"
               "t = time.perf_counter()\n"
               "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
               "wall = time.perf_counter() - t\n"
               "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
               "print(json.dumps({'rc': rc, 'wall': wall, 'rss_mb': ru.ru_maxrss / 1024,\n"
               "                  'cpu': ru.ru_utime + ru.ru_stime}))\n")
    res = subprocess.run([PY, "-c", wrapper, *cmd], cwd=ROOT, capture_output=True, text=True)
    if res.returncode:
        raise RuntimeError(res.stderr)
    out = json.loads(res.stdout.strip().splitlines()[-1])
    out["wall"] = round(out["wall"], 2)
    out["cpu"] = round(out["cpu"], 2)
    out["rss_mb"] = round(out["rss_mb"], 1)
    return out


def median_run(runs: list) -> dict:
    """One figure for repeats of the same command: median wall and CPU, largest RSS."""
    out = dict(runs[-1])
    out["wall"] = round(statistics.median(r["wall"] for r in runs), 2)
    out["cpu"] = round(statistics.median(r["cpu"] for r in runs), 2)
    out["rss_mb"] = max(r["rss_mb"] for r in runs)
    out["rc"] = max(r["rc"] for r in runs)
    if len(runs) > 1:
        out["walls"] = [r["wall"] for r in runs]
    return out


def measure_pair(a: list, b: list, repeat: int) -> tuple:
    """``a`` and ``b`` run ``repeat`` times each, interleaved; their ``median_run``s."""
    runs_a, runs_b = [], []
    for _ in range(max(1, repeat)):
        runs_a.append(measure(a))
        runs_b.append(measure(b))
    return median_run(runs_a), median_run(runs_b)


def extract_cmd(inputs: list, out: Path, jobs: int) -> list:
    return [PY, "-m", "pipeline", "extract", *map(str, inputs), "-o", str(out),
            "--jobs", str(jobs), "--quiet"]


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    ram = None
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = round(kb / 1024 / 1024, 1)
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": ram,
            "python": platform.python_version(), "platform": platform.platform(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z")}


def text_inputs(quick: bool) -> list:
    folders = ["seeds", "public"] + ([] if quick else ["bulk", "web", "chains", "blind"])
    files = []
    for f in folders:
        files += sorted(p for p in (ROOT / "corpus" / f).iterdir()
                        if p.suffix in (".txt", ".md") and not p.name.startswith("."))
    return files


def render_seeds(tmp: Path) -> tuple:
    """The seeds as DOCX and PDF files (tests/render.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from render import render_docx, render_pdf
    docx, pdf = [], []
    for p in sorted((ROOT / "corpus/seeds").glob("*.txt")):
        lines = [line.strip() for line in p.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        docx.append(render_docx(lines, tmp / f"{p.stem}.docx"))
        pdf.append(render_pdf(lines, tmp / f"{p.stem}.pdf"))
    return docx, pdf


def failed(out: Path) -> int:
    """Records with errors in an extract output (a broken stage makes a run look fast)."""
    with open(out, encoding="utf-8") as fh:
        return sum(bool(json.loads(line)["errors"]) for line in fh if line.strip())


def rate(n: int, size: int, run: dict, jobs: int = 1, out: Path | None = None) -> dict:
    if out is not None:
        run["failed"] = failed(out)
    return {**run, "docs": n, "mb": round(size / 1e6, 3),
            "docs_per_s": round(n / run["wall"], 2),
            "mb_per_s_per_core": round(size / 1e6 / run["wall"] / jobs, 3)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="seeds and public texts only")
    ap.add_argument("--repeat", type=int, default=3, metavar="N",
                    help="runs of each timed pair; the median is reported (default 3)")
    ap.add_argument("--out", default=str(ROOT / "bench"), help="folder for results.json/.md")
    args = ap.parse_args(argv)
    info = machine()
    texts = text_inputs(args.quick)
    size = sum(p.stat().st_size for p in texts)
    results = {"machine": info, "corpus": {"texts": len(texts), "mb": round(size / 1e6, 3),
                                           "quick": args.quick},
               "repeat": max(1, args.repeat)}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        docx, pdf = render_seeds(tmp)
        listing = tmp / "texts.lst"
        listing.write_text("\n".join(map(str, texts)), encoding="utf-8")
        pdf_list = tmp / "pdf.lst"
        pdf_list.write_text("\n".join(map(str, pdf)), encoding="utf-8")
        step = lambda name: print(f"bench: {name} ...", file=sys.stderr, flush=True)

        step("warm-up (untimed): file cache and compiled modules")
        # byte-compiled as by a regular install (PYTHONDONTWRITEBYTECODE would otherwise
        # make every timed run compile the package from source)
        subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "pipeline")], check=True)
        measure(extract_cmd(texts, tmp / "warm.jsonl", 1))
        step(f"extract texts, 1 and 2 workers (x{args.repeat})")
        one, two = measure_pair(extract_cmd(texts, tmp / "a.jsonl", 1),
                                extract_cmd(texts, tmp / "b.jsonl", 2), args.repeat)
        one = rate(len(texts), size, one, out=tmp / "a.jsonl")
        two = rate(len(texts), size, two, jobs=2, out=tmp / "b.jsonl")
        step("extract texts twice over, 1 worker")
        double = rate(2 * len(texts), 2 * size,
                      measure(extract_cmd(texts + texts, tmp / "c.jsonl", 1)),
                      out=tmp / "c.jsonl")
        step("extract texts four times over, 1 worker")
        quad = rate(4 * len(texts), 4 * size,
                    measure(extract_cmd(texts * 4, tmp / "q.jsonl", 1)), out=tmp / "q.jsonl")
        step("underthesea word_tokenize pass")
        utt = measure([PY, "-c", UNDERTHESEA_PASS, str(listing)])
        step(f"regex floor: read each file once, five compiled scans (x{args.repeat})")
        floor = median_run([measure([PY, "-c", REGEX_FLOOR, str(listing)])
                            for _ in range(max(1, args.repeat))])
        step("extract DOCX")
        dsize = sum(p.stat().st_size for p in docx)
        ext_docx = rate(len(docx), dsize,
                        median_run([measure(extract_cmd(docx, tmp / "d.jsonl", 1))
                                    for _ in range(max(1, args.repeat))]),
                        out=tmp / "d.jsonl")
        step(f"extract PDF and pdfplumber extract_text (x{args.repeat})")
        psize = sum(p.stat().st_size for p in pdf)
        ext_pdf, plumber = measure_pair(extract_cmd(pdf, tmp / "p.jsonl", 1),
                                        [PY, "-c", PDFPLUMBER_PASS, str(pdf_list)], args.repeat)
        ext_pdf = rate(len(pdf), psize, ext_pdf, out=tmp / "p.jsonl")

    info["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["runs"] = {"texts_1_worker": one, "texts_2_workers": two, "texts_x2_1_worker": double,
                       "texts_x4_1_worker": quad,
                       "underthesea_word_tokenize": utt, "regex_floor": floor,
                       "docx_1_worker": ext_docx,
                       "pdf_1_worker": ext_pdf, "pdfplumber_extract_text": plumber}
    peak = max(r["rss_mb"] for r in (one, two, double, quad, ext_docx, ext_pdf))
    ratios = {
        "vs_underthesea": round(utt["wall"] / one["wall"], 2),
        "vs_regex_floor": round(one["wall"] / floor["wall"], 2),
        "pdf_vs_pdfplumber": round(ext_pdf["wall"] / plumber["wall"], 2),
        "rss_mb": peak,
        "speedup_2_workers": round(one["wall"] / two["wall"], 2),
        "rss_growth_x2": round(double["rss_mb"] / one["rss_mb"], 3),
        "rss_growth_x4_vs_x2": round(quad["rss_mb"] / double["rss_mb"], 3),
    }
    # the same ratios on CPU seconds: less noisy when other jobs share the cores
    info_ratios = {
        "vs_underthesea_cpu": round(utt["cpu"] / one["cpu"], 2),
        "vs_regex_floor_cpu": round(one["cpu"] / floor["cpu"], 2),
        "pdf_vs_pdfplumber_cpu": round(ext_pdf["cpu"] / plumber["cpu"], 2),
        "docs_per_cpu_s": round(one["docs"] / one["cpu"], 2),
        "mb_per_cpu_s": round(one["mb"] / one["cpu"], 3),
        "cpu_loop_speedup_2_processes": cpu_ceiling(),
    }
    ok = {
        "vs_underthesea": ratios["vs_underthesea"] >= TARGETS["vs_underthesea"],
        "vs_regex_floor": ratios["vs_regex_floor"] <= TARGETS["vs_regex_floor"],
        "pdf_vs_pdfplumber": ratios["pdf_vs_pdfplumber"] <= TARGETS["pdf_vs_pdfplumber"],
        "rss_mb": peak < TARGETS["rss_mb"],
        "speedup_2_workers": ratios["speedup_2_workers"] >= TARGETS["speedup_2_workers"],
        "rss_growth_x2": ratios["rss_growth_x2"] <= TARGETS["rss_growth_x2"],
        "rss_growth_x4_vs_x2": ratios["rss_growth_x4_vs_x2"] <= TARGETS["rss_growth_x4_vs_x2"],
    }
    results["ratios"], results["targets"], results["met"] = ratios, TARGETS, ok
    results["cpu_ratios"] = info_ratios
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
    (out / "results.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0 if all(r["rc"] in (0, 1) for r in results["runs"].values()) else 1


def markdown(r: dict) -> str:
    m = r["machine"]
    lines = [
        "# vnplan extract benchmark", "",
        f"{m['date']} — {m['nproc']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, "
        f"Python {m['python']}, load average at start {m['load_avg_at_start']}, "
        f"at end {m.get('load_avg_at_end')}.",
        "Wall times are from process start to exit (imports and model loading included); "
        f"timed pairs are the median of {r.get('repeat', 1)} interleaved runs; "
        "figures taken while other jobs share the cores are noisy.", "",
        f"Corpus: {r['corpus']['texts']} texts, {r['corpus']['mb']} MB"
        + (" (quick: seeds + public)" if r["corpus"]["quick"] else " (seeds, public, bulk, web, chains, blind)")
        + "; the 5 seeds rendered to DOCX and PDF.", "",
        "| run | docs | with errors | MB | wall s | CPU s | docs/s | MB/s per core | peak RSS MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, x in r["runs"].items():
        lines.append(f"| {name} | {x.get('docs', '')} | {x.get('failed', '')} | "
                     f"{x.get('mb', '')} | {x['wall']} | "
                     f"{x['cpu']} | {x.get('docs_per_s', '')} | {x.get('mb_per_s_per_core', '')} | "
                     f"{x['rss_mb']} |")
    walls = [f"{name} {' / '.join(map(str, x['walls']))}" for name, x in r["runs"].items()
             if x.get("walls")]
    if walls:
        lines += ["", "Wall seconds of each repeat: " + "; ".join(walls) + "."]
    lines += ["", "| check | value | target | met |", "| --- | ---: | ---: | :---: |"]
    labels = {"vs_underthesea": ("underthesea pass time / extract time", "≥"),
              "vs_regex_floor": ("extract time / regex-floor time", "≤"),
              "pdf_vs_pdfplumber": ("extract PDF time / pdfplumber time", "≤"),
              "rss_mb": ("peak RSS per process, MB", "<"),
              "speedup_2_workers": ("1 worker time / 2 workers time", "≥"),
              "rss_growth_x2": ("peak RSS corpus ×2 / corpus ×1", "≤"),
              "rss_growth_x4_vs_x2": ("peak RSS corpus ×4 / corpus ×2", "≤")}
    for k, (label, op) in labels.items():
        lines.append(f"| {label} | {r['ratios'][k]} | {op} {r['targets'][k]} | "
                     f"{'yes' if r['met'][k] else 'NO'} |")
    c = r["cpu_ratios"]
    lines += ["", "On CPU seconds (less sensitive to other load): underthesea / extract "
              f"{c['vs_underthesea_cpu']}, extract / regex floor {c['vs_regex_floor_cpu']}, "
              f"extract PDF / pdfplumber {c['pdf_vs_pdfplumber_cpu']}, "
              f"{c['docs_per_cpu_s']} docs and {c['mb_per_cpu_s']} MB per CPU second (1 worker).",
              "", "Machine ceiling for the 2-worker figure: a pure-Python CPU loop runs "
              f"{c['cpu_loop_speedup_2_processes']}x faster in 2 processes than in 1 here."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
