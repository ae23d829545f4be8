#!/usr/bin/env python
"""Benchmark OCR (`vnplan extract` on image-only PDFs): seconds per page with 1 and 2
workers, and word accuracy against the text at two rendering resolutions.

The scans are two seeds made by ``scripts/make_scans.py`` (200 dpi, rotation, blur,
grain, a red seal).  Every run starts with an empty OCR cache, so each page is OCR'd.
Measured:

* both documents with ``--jobs 1`` and ``--jobs 2`` (documents spread over the workers,
  and pages over the cores: at most ``--jobs`` tesseract processes at once);
* the larger document alone with ``--jobs 1`` and ``--jobs 2`` (pages of one document
  spread over the cores);
* pages rendered at 200 and 300 dpi (``VNPLAN_OCR_DPI``), one worker: seconds per page
  and the share of the text's words that OCR gives back in order (difflib on words).

Writes bench/ocr.json and bench/ocr.md.  Run by ``scripts/bench.py --ocr`` (not by
default: about 10 CPU-minutes) or directly::

    .venv/bin/python scripts/bench_ocr.py [--out bench]
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import make_scans  # noqa: E402

SEEDS = ["001_d52c853b74dbc7ea.txt", "004_14e5e5d2c5264b72.txt"]


def word_accuracy(text: str, ocr: str) -> float:
    """Words of ``text`` found, in order, in ``ocr`` (difflib matching blocks)."""
    a, b = re.findall(r"\w+", text.lower()), re.findall(r"\w+", ocr.lower())
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in sm.get_matching_blocks()) / max(1, len(a))


def run(measure, docs: list[Path], out: Path, jobs: int, dpi: int = 200) -> dict:
    """``vnplan extract`` of ``docs`` into ``out``, its OCR cache (empty) beside it."""
    cmd = ["env", f"VNPLAN_OCR_DPI={dpi}", sys.executable, "-m", "pipeline", "extract",
           *map(str, docs), "-o", str(out), "--jobs", str(jobs), "--quiet", "--ocr", "auto",
           "--ocr-cache", str(out.with_suffix(".cache")), "--timeout", "0"]
    r = measure(cmd)
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    pages = sum(len(rec["ocr_pages"]) for rec in recs)
    r.update({"jobs": jobs, "dpi": dpi, "docs": len(docs), "pages": pages,
              "failed": sum(bool(rec["errors"]) for rec in recs),
              "s_per_page": round(r["wall"] / max(1, pages), 2),
              "cpu_s_per_page": round(r["cpu"] / max(1, pages), 2),
              "confidence": [rec["ocr_confidence"] for rec in recs]})
    return r


def main(argv=None, measure=None, info=None, ceiling=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "bench"), help="folder for ocr.json/.md")
    args = ap.parse_args(argv)
    if measure is None:
        import bench
        measure, info, ceiling = bench.measure, bench.machine(), bench.cpu_ceiling
    sys.path.insert(0, str(ROOT))
    import pipeline
    results: dict = {"machine": info, "runs": {}}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        docs, texts = [], {}
        for i, name in enumerate(SEEDS):
            src = ROOT / "corpus/seeds" / name
            texts[src.stem] = pipeline.extract_document(src).text
            docs.append(make_scans.make_scan(make_scans.document_lines(src),
                                             tmp / f"{src.stem}.pdf", seed=i))
        big = max(docs, key=lambda p: p.stat().st_size)
        runs = results["runs"]
        for jobs in (1, 2):
            print(f"bench_ocr: {len(docs)} scans, {jobs} worker(s) ...", file=sys.stderr)
            runs[f"scans_{jobs}_worker"] = run(measure, docs, tmp / f"a{jobs}.jsonl", jobs)
            print(f"bench_ocr: one scan, {jobs} worker(s) ...", file=sys.stderr)
            runs[f"one_scan_{jobs}_worker"] = run(measure, [big], tmp / f"b{jobs}.jsonl", jobs)
        for dpi in (200, 300):
            print(f"bench_ocr: {dpi} dpi, 1 worker ...", file=sys.stderr)
            out = tmp / f"d{dpi}.jsonl"
            r = runs[f"dpi_{dpi}"] = run(measure, docs, out, 1, dpi)
            # the texts, from the run's cache (no page OCR'd again)
            os.environ.update(VNPLAN_OCR_DPI=str(dpi), VNPLAN_OCR="auto",
                              VNPLAN_OCR_CACHE=str(out.with_suffix(".cache")))
            r["word_accuracy"] = round(sum(word_accuracy(texts[pdf.stem],
                                                         pipeline.extract_document(pdf).text)
                                           for pdf in docs) / len(docs), 4)
    results["speedup_2_workers"] = round(runs["scans_1_worker"]["wall"]
                                         / runs["scans_2_worker"]["wall"], 2)
    results["speedup_2_workers_one_doc"] = round(runs["one_scan_1_worker"]["wall"]
                                                 / runs["one_scan_2_worker"]["wall"], 2)
    if ceiling is not None:     # what 2 processes get here now (other load shares the cores)
        results["cpu_loop_speedup_2_processes"] = ceiling()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "ocr.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
    (out_dir / "ocr.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0 if all(r["rc"] in (0, 1) for r in runs.values()) else 1


def markdown(r: dict) -> str:
    runs = r["runs"]
    lines = ["# OCR benchmark", "", f"Machine: {r['machine']}", "",
             "| run | docs | pages | workers | dpi | wall s | s/page | CPU s/page | "
             "word accuracy | mean confidence | failed |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, x in runs.items():
        lines.append(f"| {name} | {x['docs']} | {x['pages']} | {x['jobs']} | {x['dpi']} | "
                     f"{x['wall']} | {x['s_per_page']} | {x['cpu_s_per_page']} | "
                     f"{x.get('word_accuracy', '')} | {x['confidence']} | {x['failed']} |")
    lines += ["", f"Speed-up of 2 workers: {r['speedup_2_workers']} (two documents), "
              f"{r['speedup_2_workers_one_doc']} (one document, pages spread over the cores); "
              f"a pure CPU loop got {r.get('cpu_loop_speedup_2_processes', '?')} from 2 "
              "processes on this host at the time."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
