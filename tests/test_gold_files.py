"""Check every gold file in corpus/gold against ANNOTATION.md and its source text.

Schema, allowed kinds/comparators/roles/sectors, date and deadline formats, anchors and
section headings found in the source (after folding white space, case and Markdown marks),
headings in document order, target sections that exist.  The anchors must also survive the
pipeline's own normalisation (ingest + normalise), since scoring matches them there.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

GOLD = ROOT / "corpus" / "gold"
SOURCE_DIRS = [ROOT / "corpus" / "seeds", ROOT / "corpus" / "public"]
GOLD_FILES = sorted(GOLD.glob("*.yaml"))

LEVELS = {"national", "province", "district", "commune", None}
KINDS = {"percent", "count", "frequency", "deadline"}
COMPARATORS = {"bare", "at_least", "more_than", "at_most", "less_than", "range"}
CITATION_ROLES = {"parent", "basis", "reference", "amends", "replaces"}
AGENCY_ROLES = {"lead", "coordinate", "responsible", "requested"}
SECTORS = {
    "labour-social", "police", "health", "finance", "culture-information", "education",
    "justice", "local-government", "procuracy", "court", "mass-organisation", "media",
    "military", "ethnic-affairs", "culture-social", "public-service",
    "economy-infrastructure", "residential-group", "central-government",
    "science-technology", "home-affairs", "construction", "agriculture-environment",
    "industry-trade", "transport", "planning-investment", "tourism", "natural-resources",
    "provincial-departments", "foreign-affairs", "inspection", "border-guard",
    "social-insurance", "banking", "customs", "party-committee", "economic-zones",
    "enterprise", "business-association",
}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DEADLINE = re.compile(r"^(\d{4}|\d{4}-Q[1-4]|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|annual)$")
PATH = re.compile(r"^(?:[IVXLC]+|\d+|PL\.[IVXLC]+(?:\.[IVXLC]+)?|Điều \d+)(?:\.\d+)*$")
MARKS = re.compile(r"\*\*|[*\\#|]")


def fold(text: str) -> str:
    """NFC, drop Markdown marks (** * \\ # |), fold white space and case."""
    text = MARKS.sub("", unicodedata.normalize("NFC", text))
    return re.sub(r"\s+", " ", text).strip().casefold()


def source_of(doc_id: str) -> Path:
    for d in SOURCE_DIRS:
        p = d / f"{doc_id}.txt"
        if p.is_file():
            return p
    raise FileNotFoundError(doc_id)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=GOLD_FILES, ids=lambda p: p.stem)
def case(request):
    path = request.param
    gold = load(path)
    src = source_of(path.stem)
    return path, gold, fold(src.read_text(encoding="utf-8"))


def test_there_are_public_gold_files():
    public = {p.stem for p in (ROOT / "corpus" / "public").glob("*.txt")}
    assert len([p for p in GOLD_FILES if p.stem in public]) >= 6


def test_top_level_and_meta(case):
    path, gold, _ = case
    assert gold["doc_id"] == path.stem
    assert {"meta", "sections", "citations", "targets", "agencies"} <= set(gold)
    meta = gold["meta"]
    for key in ("doc_type", "number", "issuer", "level", "province", "date", "period", "topic"):
        assert key in meta, key
    assert meta["level"] in LEVELS
    assert meta["issuer"]
    assert ISO_DATE.match(str(meta["date"])), meta["date"]
    if meta["period"] is not None:       # null: no span or horizon of its own (ANNOTATION.md)
        start, end = meta["period"]
        assert isinstance(start, int) and isinstance(end, int) and 1990 < start <= end < 2100


def test_number_printed_in_source(case):
    _, gold, text = case
    number = gold["meta"]["number"]
    if number is not None:
        assert fold(number) in text.replace(" ", ""), number


def test_sections_paths_and_order(case):
    _, gold, text = case
    paths = [s["path"] for s in gold["sections"]]
    assert len(paths) == len(set(paths)), "duplicate section path"
    pos = 0
    for s in gold["sections"]:
        assert PATH.match(s["path"]), s["path"]
        parent = s["path"].rsplit(".", 1)[0]
        depth = s["path"].count(".") - s["path"].startswith("PL.")
        if depth > 0:
            assert parent in paths[: paths.index(s["path"])], f"{s['path']} before its parent"
        heading = fold(s["heading"])
        found = text.find(heading, pos)
        assert found >= 0, f"heading {s['path']} {s['heading']!r} not found after offset {pos}"
        pos = found + 1


TARGET_KEYS = {"section", "kind", "value", "unit", "comparator", "deadline", "anchor", "optional"}
CITATION_KEYS = {"doc_type", "number", "date", "issuer", "title", "role", "optional"}
AGENCY_KEYS = {"name", "sector", "role", "optional"}


def test_item_keys(case):
    _, gold, _ = case
    for key, allowed in (("targets", TARGET_KEYS), ("citations", CITATION_KEYS),
                         ("agencies", AGENCY_KEYS)):
        for item in gold[key]:
            assert set(item) <= allowed, f"unknown keys in {key}: {set(item) - allowed}"
            assert item.get("optional", False) in (True, False), item


def test_targets(case):
    _, gold, text = case
    paths = {s["path"] for s in gold["sections"]}
    for t in gold["targets"]:
        assert t["kind"] in KINDS, t
        assert str(t["section"]) in paths, f"target section {t['section']} not a section"
        assert fold(t["anchor"]) in text, f"anchor not in source: {t['anchor']!r}"
        assert t["deadline"] is None or DEADLINE.match(str(t["deadline"])), t
        if t["kind"] == "deadline":
            assert t["value"] is None and t["comparator"] is None and t["deadline"], t
            continue
        assert t["comparator"] in COMPARATORS, t
        value = t["value"]
        if t["comparator"] == "range":
            assert isinstance(value, list) and len(value) == 2 and value[0] < value[1], t
        else:
            assert isinstance(value, (int, float)) and not isinstance(value, bool), t
        assert t["unit"] and t["unit"] != "null", t
        if t["kind"] == "percent":
            assert t["unit"] == "%", t
        if t["kind"] == "frequency":
            assert "/" in t["unit"], t


def test_citations(case):
    _, gold, text = case
    seen = set()
    for c in gold["citations"]:
        assert c.get("doc_type"), c
        assert c.get("number") or c.get("title"), c
        roles = c["role"] if isinstance(c["role"], list) else [c["role"]]
        assert roles and set(roles) <= CITATION_ROLES, c
        assert c.get("date") is None or ISO_DATE.match(str(c["date"])), c
        key = c.get("number") or c.get("title")
        assert key not in seen, f"citation listed twice: {key}"
        seen.add(key)
        if c.get("number"):
            assert fold(c["number"]).replace(" ", "") in text.replace(" ", ""), c["number"]
        if c.get("number"):
            assert c["number"] != gold["meta"]["number"], "own number is not a citation"


def test_agencies(case):
    path, gold, text = case
    names = [a["name"] for a in gold["agencies"]]
    assert len(names) == len(set(names)), "agency listed twice"
    for a in gold["agencies"]:
        assert a["role"] in AGENCY_ROLES, a
        assert a["sector"] in SECTORS, a
        if (ROOT / "corpus" / "public" / f"{path.stem}.txt").is_file():
            assert fold(a["name"]) in text, f"agency name not in source: {a['name']!r}"


def test_same_agency_same_sector_everywhere():
    seen = {}
    for path in GOLD_FILES:
        for a in load(path)["agencies"]:
            key = fold(a["name"])
            seen.setdefault(key, set()).add(a["sector"])
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    assert not clashes, clashes


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_anchors_survive_normalisation(path):
    from pipeline import ingest, normalise  # here, so the schema checks run on their own
    gold = load(path)
    src = ingest.read_source(source_of(path.stem))
    text, _ = normalise.normalise(src.text, src.format)
    folded = fold(text)
    missing = [t["anchor"] for t in gold["targets"] if fold(t["anchor"]) not in folded]
    assert not missing, f"anchors lost by normalise: {missing}"
