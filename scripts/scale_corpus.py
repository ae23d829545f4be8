#!/usr/bin/env python
"""Generate N `vnplan extract` records (JSONL) for measuring `vnplan compare` at scale.

The records are variations of the bundled documents: corpus/seeds and corpus/public are
extracted once (or read from ``--base``, an extract JSONL), then copied with new numbers,
places, years, targets and citations, in *families* that chain across levels::

    national plan  <-parent-  province plans (2-8 provinces)  <-parent-  district/commune plans (0-5 each)

and documents without targets of their own (letters, decisions, reports) that cite a plan
as a reference: ``--others-per-plan`` of them per plan (default 9, so about 10 % of the
documents are plans with figures: in corpus/bulk and corpus/web, a real crawl, 7 % of the
documents have a target with a figure and 10 % cite a parent).  So every feature of the
comparison occurs in proportion to N:

* links: parent citations (some cited as basis) resolve inside the family; comparisons go
  two levels up (a commune plan against its province's plan and the national one);
* siblings: the provinces of a family implement the same national plan, the communes of a
  province the same province plan (groups stay the size of a family, as in a real country:
  a national plan has at most a few dozen provinces implementing it);
* divergences: a child restates most of its parent's targets, a figure kept, lowered,
  raised or due later (``equal``/``below_parent``/``above_parent``/``deadline_later``),
  drops some (``missing_in_child``) and adds its own (``only_in_child``);
* unresolved citations: every document keeps its base document's citations of laws and
  decrees (not in the corpus); some plans cite a parent that is not in the corpus (a
  ``cited:`` sibling group), a few reuse a number (``ambiguous``) or misquote a date
  (``date_conflicts``).

Citations of the bundled references (1629/QĐ-TTg) and the programmes of
``data/programmes.yaml`` would put every variant under one parent (one sibling group
growing with N): those citations are dropped, and families are dated after the
programmes' periods (2031-2045) so that no plan is put under a programme by inference.

    python scripts/scale_corpus.py 10000 -o /tmp/gen10k.jsonl
    python scripts/scale_corpus.py 100000 -o /tmp/gen100k.jsonl --base /tmp/base.jsonl

The same N, seed and base give the same file.  :func:`generate` is importable (tests).
"""
from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":          # run as a script: this checkout's package (imported: the caller's)
    sys.path.insert(0, str(ROOT))

from pipeline import data  # noqa: E402
from pipeline.text.folds import number_key  # noqa: E402

BASE_FOLDERS = ("seeds", "public")
FIRST_YEAR, LAST_YEAR = 2031, 2045      # after every programme period of data/programmes.yaml
OTHERS_PER_PLAN = 9.0                   # documents without targets per plan (mean)
P_BASIS = 0.2                           # parent cited as "basis" rather than "parent"
P_MISSING_PARENT = 0.1                  # a province plan also cites a parent not in the corpus
P_AMBIGUOUS = 0.03                      # a commune plan reuses its province plan's number
P_DATE_TYPO = 0.03                      # a parent citation gives a wrong date
_YEAR = re.compile(r"\b(19|20)\d\d\b")


# ---------------------------------------------------------------- base records

def base_records(base: str | None = None) -> list[dict[str, Any]]:
    """The records to vary: ``base`` (an extract JSONL) or corpus/seeds + corpus/public
    extracted now."""
    if base:
        with open(base, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    import pipeline
    paths = [p for f in BASE_FOLDERS for p in sorted((ROOT / "corpus" / f).iterdir())
             if p.suffix in (".txt", ".md")]
    return [pipeline.extract_document(p).to_dict() for p in paths]


def provinces() -> list[str]:
    """The 63 provinces of the three-tier gazetteer (the province names of the records
    when the gazetteer is not installed)."""
    try:
        from pipeline.stages.admin_units import _gazetteer
        names = sorted(set(_gazetteer(True)["province"].values()))
    except Exception:                                   # noqa: BLE001
        names = []
    return names


def _shielded_numbers() -> set[str]:
    """Numbers that must not be cited by the variants: the bundled references and the
    programmes (see the module docstring)."""
    out = {number_key(p["number"]) for p in data.load("programmes.yaml").get("programmes") or []}
    for f in data.path("references").glob("*.y*ml"):
        m = re.search(r"^number:\s*(.+)$", f.read_text(encoding="utf-8"), re.M)
        if m:
            out.add(number_key(m.group(1).strip().strip("'\"")))
    return {n for n in out if n}


# ---------------------------------------------------------------- variation

class Generator:
    def __init__(self, base: list[dict[str, Any]], seed: int = 0,
                 others_per_plan: float = OTHERS_PER_PLAN):
        self.rng = random.Random(seed)
        self.others_per_plan = others_per_plan
        self.base = [r for r in base if not r.get("errors")]
        self.themes = [r for r in self.base if len(_valued(r)) >= 3]
        if not self.themes:
            raise ValueError("no base record has three targets with a figure")
        self.provinces = provinces() or sorted({r["meta"].get("province") for r in self.base
                                                if r["meta"].get("province")}) or ["P"]
        self.shielded = _shielded_numbers()
        self.serial: dict[tuple[str, int, str], int] = {}
        self.n = 0

    # -- helpers
    def number(self, place: str, year: int, code: str) -> str:
        key = (place, year, code)
        self.serial[key] = self.serial.get(key, self.rng.randint(1, 60)) + self.rng.randint(1, 4)
        return f"{self.serial[key]}/{code}"

    def date(self, year: int) -> str:
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def laws(self, rec: dict[str, Any]) -> list[dict[str, Any]]:
        """The base document's citations that are not parents: laws, decrees, letters (not
        in the corpus), less those of the bundled references and programmes."""
        return [dict(c) for c in rec.get("citations") or []
                if c.get("role") != "parent" and number_key(c.get("number")) not in self.shielded]

    def record(self, body: dict[str, Any], level: str, province: str | None, issuer: str,
               number: str, year: int, period: list[int], targets: list[dict[str, Any]],
               citations: list[dict[str, Any]], doc_type: str | None = None) -> dict[str, Any]:
        self.n += 1
        doc_id = f"gen{self.n:07d}_{body['doc_id'][:24]}"
        meta = dict(body["meta"])
        shift = year - (meta.get("period") or [year])[0] if meta.get("period") else 0
        title = meta.get("title") or ""
        title = _YEAR.sub(lambda m: str(int(m.group(0)) + shift), title)
        for p in {body["meta"].get("province")} - {None, province}:
            title = title.replace(p, province or "")
        meta.update(doc_type=doc_type or meta.get("doc_type"), number=number, issuer=issuer,
                    level=level, province=province, date=self.date(year), period=period,
                    title=title)
        return {"doc_id": doc_id, "source": f"generated/{doc_id}.txt", "meta": meta,
                # the base's sections and agencies, shared (never changed, only written)
                "sections": body.get("sections") or [], "targets": targets,
                "agencies": body.get("agencies") or [],
                "citations": citations, "errors": []}

    def cite(self, parent: dict[str, Any], role: str) -> dict[str, Any]:
        m = parent["meta"]
        date = m["date"]
        if self.rng.random() < P_DATE_TYPO:
            date = f"{date[:4]}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        return {"doc_type": m.get("doc_type"), "number": m["number"], "date": date,
                "issuer": m["issuer"], "title": m.get("title"), "role": role,
                "quote": f"{m.get('doc_type') or ''} {m['number']} {m['issuer']}".strip(),
                "start": 0, "end": 0}

    def restate(self, targets: list[dict[str, Any]], shift: int) -> list[dict[str, Any]]:
        """A child's version of its parent's targets: most kept (equal, lowered, raised or
        due later), some dropped, plus the figures of another document."""
        out = []
        for t in targets:
            r = self.rng.random()
            if r < 0.25:
                continue                                      # missing_in_child
            t = copy.deepcopy(t)
            v = t.get("value")
            if isinstance(v, (int, float)) and r < 0.45:
                t["value"] = round(v * self.rng.choice((0.5, 0.8, 0.9)), 1)     # below
            elif isinstance(v, (int, float)) and r < 0.6:
                t["value"] = round(v * self.rng.choice((1.1, 1.2)), 1)          # above
            elif r < 0.7 and str(t.get("deadline") or "").isdigit():
                t["deadline"] = str(int(t["deadline"]) + self.rng.randint(1, 3))  # later
            out.append(t)
        other = self.rng.choice(self.base)
        own = [_shift(t, shift) for t in self.rng.sample(other.get("targets") or [],
                                                         min(3, len(other.get("targets") or [])))]
        return out + own

    # -- one family
    def family(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        theme = rng.choice(self.themes)
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        start = (theme["meta"].get("period") or [year])[0] or year
        shift = year - start
        span = rng.choice((0, 4, 5, 10))
        nat_targets = [_shift(t, shift) for t in theme.get("targets") or []]
        national = self.record(theme, "national", None, "Thủ tướng Chính phủ",
                               self.number("TTg", year, "QĐ-TTg"), year, [year, year + span],
                               nat_targets, self.laws(theme))
        yield national
        yield from self.others(national, year)
        missing = {"doc_type": "Chỉ thị", "number": self.number("TTg", year, "CT-TTg"),
                   "date": self.date(year), "issuer": "Thủ tướng Chính phủ", "role": "parent",
                   "title": None, "quote": "", "start": 0, "end": 0}
        for prov in rng.sample(self.provinces, min(len(self.provinces), rng.randint(2, 8))):
            body = rng.choice(self.base)
            pyear = year + rng.randint(0, 1)
            cits = [self.cite(national, "basis" if rng.random() < P_BASIS else "parent")]
            if rng.random() < P_MISSING_PARENT:
                cits.append(dict(missing))
            issuer = f"UBND tỉnh {prov}"
            plan = self.record(body, "province", prov, issuer, self.number(prov, pyear, "KH-UBND"),
                               pyear, [pyear, pyear + span], self.restate(nat_targets, shift),
                               cits + self.laws(body), doc_type="Kế hoạch")
            yield plan
            yield from self.others(plan, pyear)
            level = "district" if rng.random() < 0.5 else "commune"
            for k in range(rng.randint(0, 5)):
                body = rng.choice(self.base)
                cyear = pyear + rng.randint(0, 1)
                number = (plan["meta"]["number"] if rng.random() < P_AMBIGUOUS and cyear == pyear
                          else self.number(prov, cyear, "KH-UBND"))
                unit = "huyện" if level == "district" else "xã"
                child = self.record(body, level, prov, f"UBND {unit} {k + 1} tỉnh {prov}", number,
                                    cyear, [cyear, pyear + span],
                                    self.restate(plan["targets"], shift),
                                    [self.cite(plan, "parent")] + self.laws(body),
                                    doc_type="Kế hoạch")
                yield child
                yield from self.others(child, cyear)

    def others(self, plan: dict[str, Any], year: int) -> Iterator[dict[str, Any]]:
        """Documents without targets that cite ``plan`` as a reference (a link, no comparison)."""
        n = int(self.others_per_plan) + (self.rng.random() < self.others_per_plan % 1)
        for _ in range(n):
            body = self.rng.choice(self.base)
            m = plan["meta"]
            place = m.get("province") or "TTg"
            code = "BC-UBND" if m.get("province") else "CV-TTg"
            yield self.record(body, m["level"], m.get("province"), m["issuer"],
                              self.number(place, year, code), year, [year, year], [],
                              [self.cite(plan, "reference")] + self.laws(body),
                              doc_type="Báo cáo")


def _valued(rec: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in rec.get("targets") or [] if t.get("value") is not None
            and t.get("kind") != "deadline"]


def _shift(t: dict[str, Any], years: int) -> dict[str, Any]:
    t = copy.deepcopy(t)
    d = str(t.get("deadline") or "")
    if d[:4].isdigit():
        t["deadline"] = str(int(d[:4]) + years) + d[4:]
    return t


def generate(base: list[dict[str, Any]], n: int, seed: int = 0,
             others_per_plan: float = OTHERS_PER_PLAN) -> Iterator[dict[str, Any]]:
    """``n`` records varied from ``base`` (extract records), family after family."""
    g = Generator(base, seed, others_per_plan)
    made = 0
    while made < n:
        for rec in g.family():
            yield rec
            made += 1
            if made == n:
                return


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of records")
    ap.add_argument("-o", "--output", required=True, help="JSONL file to write")
    ap.add_argument("--base", help="an extract JSONL to vary (default: extract corpus/seeds "
                                   "and corpus/public now)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--others-per-plan", type=float, default=OTHERS_PER_PLAN, metavar="X",
                    help=f"documents without targets per plan (default {OTHERS_PER_PLAN:g})")
    ap.add_argument("--save-base", metavar="JSONL", help="also write the base records here")
    args = ap.parse_args(argv)
    base = base_records(args.base)
    if args.save_base:
        Path(args.save_base).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                                for r in base), encoding="utf-8")
    out = Path(args.output)
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        for rec in generate(base, args.n, args.seed, args.others_per_plan):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.replace(out)
    print(f"scale_corpus: {args.n} records from {len(base)} base documents -> {out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
