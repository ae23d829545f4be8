"""Check that a refactoring changed no output: run `vnplan extract` and `vnplan compare` with
the code of an earlier commit and with the working tree, on the same inputs, and compare
every output file byte for byte.

Inputs: all of ``corpus/`` (as text) plus the seed documents rendered to DOCX and PDF
(``scripts/render_docs.py``).  The earlier commit is checked out into a temporary git worktree;
both runs use the same interpreter and the same absolute input paths.

    python scripts/check_identical.py --against 76d8fc9          # exit 0 when identical
    python scripts/check_identical.py --against HEAD~3 --keep out/identical
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import render_docs  # scripts/render_docs.py

ROOT = Path(__file__).resolve().parent.parent


def render_seeds(dest: Path) -> None:
    """The seeds as DOCX and PDF, rendered once and read by both runs."""
    dest.mkdir(parents=True)
    for seed in sorted((ROOT / "corpus" / "seeds").glob("*.txt")):
        lines = seed.read_text(encoding="utf-8").splitlines()
        render_docs.render_docx(lines, dest / f"{seed.stem}.docx")
        render_docs.render_pdf(lines, dest / f"{seed.stem}.pdf")


def run_outputs(checkout: Path, inputs: list, out: Path) -> None:
    """extract (JSONL) and compare (folder) with the package of ``checkout``."""
    out.mkdir(parents=True)
    # both runs start in ROOT (relative paths in outputs are then the same); the checkout's
    # package comes first on sys.path
    cmd = [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv.pop(1)); "
           "from pipeline.cli import main; sys.exit(main())", str(checkout)]
    subprocess.run(cmd + ["extract", *map(str, inputs), "-o", str(out / "extract.jsonl"),
                          "--jobs", "2", "-q"], cwd=ROOT, check=False)
    subprocess.run(cmd + ["compare", "corpus", "-o", str(out / "compare"), "--jobs", "2"],
                   cwd=ROOT, check=False)


SVG_IDS = re.compile(rb'\b[pm][0-9a-f]{10}\b')     # matplotlib's random clip-path ids
STAMP = re.compile(rb"Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC")     # the report's time stamp


def content(path: Path) -> list:
    """What a file says, less what changes on every run: an XLSX's creation time, the
    random ids of the SVG charts in report.html."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            return [(n, z.read(n)) for n in sorted(z.namelist()) if n != "docProps/core.xml"]
    data = path.read_bytes()
    if path.suffix == ".html":
        data = STAMP.sub(b"Generated", SVG_IDS.sub(b"id", data))
    return [data]


def differences(a: Path, b: Path) -> list:
    """Relative paths of files that differ or exist on one side only."""
    names = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    bad = []
    for rel in sorted(names):
        pa, pb = a / rel, b / rel
        if not (pa.is_file() and pb.is_file() and content(pa) == content(pb)):
            bad.append(str(rel))
    return bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", required=True, metavar="COMMIT",
                    help="the earlier commit whose outputs must be reproduced")
    ap.add_argument("--keep", metavar="DIR", help="keep both runs' outputs in DIR")
    args = ap.parse_args(argv)

    tmp = Path(args.keep or tempfile.mkdtemp(prefix="vnplan-identical-"))
    if args.keep and tmp.exists():
        shutil.rmtree(tmp)
    base = tmp / "base-checkout"
    subprocess.run(["git", "worktree", "add", "--detach", "-f", str(base), args.against],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    try:
        render_seeds(tmp / "rendered")
        inputs = [ROOT / "corpus", tmp / "rendered"]
        run_outputs(base, inputs, tmp / "before")
        run_outputs(ROOT, inputs, tmp / "after")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT,
                       check=False)
    bad = differences(tmp / "before", tmp / "after")
    n = sum(1 for p in (tmp / "before").rglob("*") if p.is_file())
    if bad:
        print(f"{len(bad)} of {n} output files differ from {args.against}:")
        for rel in bad:
            print("  " + rel)
    else:
        print(f"identical: {n} output files match {args.against} byte for byte")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
