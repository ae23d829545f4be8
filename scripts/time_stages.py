#!/usr/bin/env python
"""CPU seconds of extraction in one process, stage by stage, for speed work.

Extracts the bench corpus (corpus/seeds, public, bulk, web, chains, blind) with the package
of the current directory, imports and a warm-up document left out, ``--repeat`` times, and
prints the median CPU seconds of the whole extraction and of each stage (normalise, sections,
metadata, citations, targets, agencies, everything else).  CPU seconds, not wall: a shared
host changes wall time far more.  Compare two packages by running it from each checkout in
turn (``scripts/check_identical.py`` checks that their outputs are the same)::

    .venv/bin/python scripts/time_stages.py               # median of 3
    .venv/bin/python scripts/time_stages.py --repeat 5 --profile   # and a cProfile listing
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.getcwd())

import pipeline.normalise as normalise_room  # noqa: E402
import pipeline.run.batch as batch  # noqa: E402
import pipeline.stages as stages_room  # noqa: E402

ROOTS = ["corpus/seeds", "corpus/public", "corpus/bulk", "corpus/web", "corpus/chains",
         "corpus/blind"]
SPENT: dict[str, float] = defaultdict(float)


def timed(fn, label):
    def wrapper(*args, **kwargs):
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[label] += time.process_time() - t
    return wrapper


def install() -> None:
    """Wrap each registered stage (``pipeline.stages.STAGES``) and normalise."""
    stages_room.STAGES[:] = [(name, timed(fn, name)) for name, fn in stages_room.STAGES]
    normalise_room.normalise = timed(normalise_room.normalise, "normalise")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="also print a cProfile listing")
    args = ap.parse_args()
    inputs = batch._walked(ROOTS)
    list(batch.raw_records(inputs[:3], jobs=1))
    install()
    totals, stages = [], defaultdict(list)
    for _ in range(args.repeat):
        SPENT.clear()
        t = time.process_time()
        list(batch.raw_records(inputs, jobs=1))
        totals.append(time.process_time() - t)
        for label, s in SPENT.items():
            stages[label].append(s)
    whole = statistics.median(totals)
    print(f"extract CPU s over {len(inputs)} documents: median {whole:.3f} "
          f"(runs {', '.join(f'{x:.3f}' for x in totals)})")
    named = 0.0
    for label, values in stages.items():
        named += statistics.median(values)
        print(f"  {label:<10} {statistics.median(values):.3f}")
    print(f"  {'other':<10} {whole - named:.3f}  (reading, record, offsets)")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        list(batch.raw_records(inputs, jobs=1))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
