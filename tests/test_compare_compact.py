"""`vnplan compare` holds what it keeps compact: unresolved citations column by column, the
texts of its tables as the records' own strings (each text the rows make once), and it
resolves citations as a scan of every document would.  Memory is checked as ratios of
sizes, never as time."""
from __future__ import annotations

import sys
from collections import Counter

import pytest
from conftest import ROOT

from pipeline.linking import link as lk
from pipeline.linking.compare import COLUMNS, compare_records
from pipeline.linking.keys import is_local, norm_number, number_year, province_named, year_of
from pipeline.linking.references import BUNDLED_DIR, load_references
from pipeline.linking.rows import Rows, values
from pipeline.text.folds import fold

sys.path.insert(0, str(ROOT / "scripts"))
import scale_corpus  # noqa: E402


@pytest.fixture(scope="module")
def records(seed_records):
    """Generated plans (families, siblings, shared and ambiguous numbers) and the seeds."""
    return list(scale_corpus.generate(seed_records, 500, others_per_plan=3)) + list(seed_records)


@pytest.fixture(scope="module")
def result(records):
    return compare_records(records)


def naive_resolve(cit, child, records, refs, provinces):
    """What link.resolve says, by scanning every record (as it did before its index)."""
    num = norm_number(cit.get("number"))
    if not num:
        return "unresolved", None
    year = number_year(num) or year_of(cit.get("date"))
    cands = []
    for rec in records:
        if norm_number(rec["meta"].get("number")) != num or rec["doc_id"] == child["doc_id"]:
            continue
        ryear = year_of(rec["meta"].get("date"))
        if year and ryear and year != ryear:
            continue
        if is_local(num):
            want = province_named(cit.get("issuer"), provinces) or child["meta"].get("province")
            if want and rec["meta"].get("province") and fold(want) != fold(rec["meta"]["province"]):
                continue
        cands.append(rec["doc_id"])
    if len(cands) == 1:
        return "document", cands[0]
    if len(cands) > 1:
        return "ambiguous", cands
    if num in refs:
        ryear = year_of(refs[num]["meta"].get("date"))
        if not (year and ryear and year != ryear):
            return "reference", refs[num]["doc_id"]
    return "unresolved", None


def test_citations_resolve_as_a_scan_of_every_document(records):
    refs = {norm_number(r["meta"]["number"]): r for r in load_references([BUNDLED_DIR])}
    index: dict = {}
    for r in records:
        n = norm_number(r["meta"].get("number"))
        if n:
            index.setdefault(n, []).append(r)
    refs = {n: r for n, r in refs.items() if n not in index}
    provinces = frozenset(r["meta"].get("province") for r in records if r["meta"].get("province"))
    resolver = lk.Resolver(index, refs, provinces)
    seen = Counter()
    for r in records:
        for cit in r.get("citations") or []:
            want = naive_resolve(cit, r, records, refs, provinces)
            assert resolver(cit, r) == want == lk.resolve(cit, r, index, refs, provinces), cit
            seen[want[0]] += 1
    assert seen["document"] and seen["ambiguous"] and seen["unresolved"], seen


def test_unresolved_rows_read_as_dicts(result):
    rows = result.unresolved
    assert isinstance(rows, Rows) and len(rows) > 100
    dicts = list(rows)
    assert all(list(d) == list(lk.UNRESOLVED_KEYS) for d in dicts)
    assert {d["status"] for d in dicts} == {"not_in_corpus", "ambiguous"}
    amb = next(d for d in dicts if d["status"] == "ambiguous")
    assert len(amb["candidates"]) > 1
    plain = next(d for d in dicts if d["status"] == "not_in_corpus")
    assert plain["candidates"] == []
    plain["candidates"].append("x")                  # a row read is the reader's own dict
    assert rows[dicts.index(plain)]["candidates"] == []
    plain["candidates"].clear()
    assert rows == dicts and rows == rows
    assert rows[3] == dicts[3] and rows[-1] == dicts[-1] and rows[2:9] == dicts[2:9]
    assert rows[2:9] == rows[2:9] and rows[2:9] is not rows[2:9]
    assert list(values(rows, "child_doc", "role")) == [(d["child_doc"], d["role"]) for d in dicts]
    assert list(values(dicts, "child_doc", "role")) == [(d["child_doc"], d["role"]) for d in dicts]
    # the rows of one document, as its scan gives them
    some = dicts[len(dicts) // 2]["child_doc"]
    assert result.linked.unresolved_of(some) == [d for d in dicts if d["child_doc"] == some]


def test_rows_refuse_rows_of_another_shape():
    rows = Rows(("a", "b"), lists=("b",))
    rows.append({"b": [1], "a": 0})
    rows.add(2, [])
    assert list(rows) == [{"a": 0, "b": [1]}, {"a": 2, "b": []}]
    for bad in ({"a": 1}, {"a": 1, "b": 2, "c": 3}):
        with pytest.raises(ValueError):
            rows.append(bad)
    with pytest.raises(ValueError):
        rows.add(1)


def _bytes_of_dicts(dicts) -> int:
    return sum(sys.getsizeof(d) + sum(sys.getsizeof(v) for v in d.values()
                                      if isinstance(v, list)) for d in dicts)


def test_unresolved_rows_take_a_fraction_of_dicts(result):
    """The columns (lists of references to the citations' own strings) against the same
    rows as dicts (the dict and its candidates list; the strings shared in both)."""
    rows = result.unresolved
    columns = sum(sys.getsizeof(rows.column(k)) for k in rows.keys)
    assert columns * 3 < _bytes_of_dicts(list(rows)), (columns, _bytes_of_dicts(list(rows)))


def test_tables_hold_the_records_strings_once(result):
    df = result.divergences
    assert list(df.columns) == COLUMNS and len(df) > 100
    for name in ("child_quote", "parent_quote", "reason", "status_reason", "indicator"):
        assert df[name].dtype == object, name
    # a quote in the table is the target's own string, not a copy
    quotes = {id(t.get("quote")) for r in result.records.values() for t in r.get("targets") or []}
    assert all(id(q) in quotes for q in df["parent_quote"] if isinstance(q, str) and q)
    # the texts the rows make: as many objects as distinct texts
    for name in ("reason", "status_reason", "link_reason"):
        texts = [v for v in df[name] if isinstance(v, str)]
        assert len({id(v) for v in texts}) == len(set(texts)) < len(texts), name
    sib = result.siblings
    assert len(sib) and sib["quote_a"].dtype == object and sib["value_a_num"].dtype.kind == "f"
    reasons = list(sib["reason"])
    assert len({id(v) for v in reasons}) == len(set(reasons)) < len(reasons)
    # numbers stay numbers
    assert df["severity_rank"].dtype.kind == "i" and df["child_value_num"].dtype.kind == "f"
    assert result.documents["targets"].dtype.kind == "i"
