"""`vnplan compare` scales linearly: no per-record scan of all links, citations or rows.

The corpora are made at test time by scripts/scale_corpus.py from the extracted seeds:
families of national, province and district/commune plans with links, siblings, unresolved
and ambiguous citations and divergences in proportion to their size.
"""
from __future__ import annotations

import gc
import random
import sys
import time
from collections import Counter

import numpy as np
import pytest
from conftest import ROOT
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from pipeline.linking import align as al
from pipeline.linking import link as lk
from pipeline.linking.compare import compare_records
from pipeline.linking.references import BUNDLED_DIR, load_references

sys.path.insert(0, str(ROOT / "scripts"))
import scale_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(seed_records):
    """``corpus(n)``: n generated records (the same n, the same records)."""
    return lambda n, **kw: list(scale_corpus.generate(seed_records, n, **kw))


def cpu_seconds(fn, *args, repeat=1):
    best = None
    for _ in range(repeat):
        gc.collect()
        t = time.process_time()
        fn(*args)
        spent = time.process_time() - t
        best = spent if best is None else min(best, spent)
    return best


def citing_laws(records, k=16):
    """Each record also cites ``k`` decrees that are not in the corpus (real documents cite
    many: 10.5 on average in corpus/bulk and corpus/web, 29 in public/001)."""
    for i, r in enumerate(records):
        r["citations"] = r["citations"] + [
            {"doc_type": "Decree", "number": f"{(7 * i + j) % 500 + 1}/2020/NĐ-CP",
             "date": "2020-01-01", "issuer": "Government", "title": None, "role": "basis",
             "quote": "Decree"} for j in range(k)]
    return records


@pytest.mark.slow
def test_time_per_document_does_not_grow(corpus):
    """10x the documents cost at most ~2x the time per document.  Linear: ~1.1-1.4x here;
    the per-record scans of every link, unresolved citation and row that compare and its
    documents table made it 2.9x (400 -> 4,000 documents, most of them letters and
    reports citing laws, as in a real collection)."""
    small = citing_laws(corpus(400, others_per_plan=30))
    large = citing_laws(corpus(4000, others_per_plan=30))
    compare_records(small)                       # warm-up: models, caches, lazy imports
    t_small = cpu_seconds(compare_records, small, repeat=3) / len(small)
    t_large = cpu_seconds(compare_records, large) / len(large)
    assert t_large <= 2.0 * t_small, (t_small, t_large)


@pytest.mark.slow
def test_generated_corpus_has_every_feature(corpus):
    """Links, siblings, unresolved and ambiguous citations, date conflicts and every
    divergence status occur, and grow with the corpus (not with its square)."""
    counts = {}
    for n in (300, 900):
        res = compare_records(corpus(n, others_per_plan=3))
        df = res.divergences
        statuses = Counter(df.loc[df["link"] != "sibling", "status"])
        for s in ("equal", "below_parent", "above_parent", "deadline_later", "missing_in_child",
                  "only_in_child"):
            assert statuses[s], (n, s, statuses)
        assert {"parent", "basis", "reference"} <= {l["role"] for l in res.links}
        assert {"not_in_corpus", "ambiguous"} <= {u["status"] for u in res.unresolved}
        assert res.conflicts and len(res.siblings)
        assert df["link_reason"].str.startswith("ancestor at 2 levels").any()
        counts[n] = (len(res.links), len(res.unresolved), len(df))
    for a, b in zip(counts[300], counts[900]):
        assert 1.5 * a < b < 6 * a, counts


def naive_documents(res, df, sib):
    """The documents table's link columns and counts, by scanning everything per record
    (what compare.documents_table did before it indexed them)."""
    out = {}
    for rid in res.records:
        mine = df[(df["child_doc"] == rid) & (df["link"] != "sibling")]
        parents = sorted({l["parent_number"] for l in res.links if l["child_doc"] == rid
                          and lk.is_parent_link(l, res)})
        siblings = set(sib.loc[sib["doc_a"] == rid, "doc_b"]) | set(sib.loc[sib["doc_b"] == rid, "doc_a"])
        out[rid] = {
            "parents": ", ".join(p for p in parents if p),
            "link_reasons": "; ".join(f"inferred: {l['reason']}" for l in res.links
                                      if l["child_doc"] == rid and l["link"] == "inferred"),
            "siblings": ", ".join(sorted(siblings)),
            "unresolved": ", ".join(sorted({u["number"] or "" for u in res.unresolved
                                            if u["child_doc"] == rid and u["role"] == "parent"})),
            **{s: int((mine["status"] == s).sum()) for s in ("below_parent", "equal", "missing_in_child")}}
    return out


def naive_ancestors(doc_id, res):
    out, seen, frontier = [], {doc_id}, [(doc_id, 1)]
    while frontier:
        cur, depth = frontier.pop(0)
        for l in res.links:
            if l["child_doc"] == cur and lk.is_parent_link(l, res) and l["parent_doc"] not in seen:
                seen.add(l["parent_doc"])
                out.append((l, depth))
                frontier.append((l["parent_doc"], depth + 1))
    return out


@pytest.mark.slow
def test_indexes_give_what_the_scans_gave(corpus, seed_records):
    """The documents table, ancestors and the links of a record, read from the indexes,
    equal a scan of every link, unresolved citation and row (on a generated corpus with
    the seeds, whose plans are put under 1629/QĐ-TTg by inference)."""
    records = corpus(400, others_per_plan=3) + list(seed_records)
    res = compare_records(records)
    docs = res.documents.set_index("doc_id")
    naive = naive_documents(res, res.divergences, res.siblings)
    assert any(v["link_reasons"] for v in naive.values())
    for rid, want in naive.items():
        got = docs.loc[rid]
        assert {k: got[k] for k in want} == want, rid
    link = lk.link_records(records, load_references([BUNDLED_DIR]))
    for rid in list(link.records)[::7]:
        assert lk.ancestors(rid, link) == naive_ancestors(rid, link)
    # the index follows links added after it was built
    some = next(iter(link.records))
    before = len(link.links_of(some))
    link.links.append({**link.links[0], "child_doc": some})
    assert len(link.links_of(some)) == before + 1


def sklearn_cosine(docs, n_child):
    vec = TfidfVectorizer(token_pattern=r"(?u)[^\s]+", ngram_range=(1, 2), sublinear_tf=True,
                          lowercase=False)
    try:
        m = vec.fit_transform(docs)
    except ValueError:                       # empty vocabulary
        return np.zeros((n_child, len(docs) - n_child))
    return cosine_similarity(m[:n_child], m[n_child:])


def test_tfidf_cosine_is_scikit_learns_bit_for_bit(seed_records):
    """align.tfidf_cosine gives exactly the floats of TfidfVectorizer + cosine_similarity
    (so scores, pairs and their rounding are unchanged): on the seeds' indicators and on
    random texts with repeated words, empty texts and no words at all."""
    texts = [al.segment(al._text(t)) for r in seed_records for t in al.valued(r["targets"])]
    rng = random.Random(7)
    words = ["xã", "phường", "tỷ_lệ", "người", "học_sinh", "được", "a", "a", "b", "tuyên_truyền"]
    cases = [(texts[i:i + 6], texts[j:j + 9]) for i in range(0, len(texts), 6)
             for j in range(0, len(texts), 9)]
    for _ in range(120):
        cases.append(tuple([" ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
                            for _ in range(rng.randint(1, 7))] for _side in "ab"))
    cases += [([""], ["", ""]), (["a\u00a0b", "a b"], ["b\u2003a"])]
    for child, parent in cases:
        docs = list(child) + list(parent)
        want = sklearn_cosine(docs, len(child))
        got = al.tfidf_cosine(docs, len(child))
        assert got.shape == want.shape and np.array_equal(got, want), docs
