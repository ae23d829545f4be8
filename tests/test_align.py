"""Alignment of child targets with parent targets (TF-IDF + scope nouns + units, one-to-one)."""
from __future__ import annotations

import pytest
from conftest import ROOT

from pipeline.linking import align
from pipeline.linking.references import BUNDLED_DIR, load_references, records_from_gold

# Hand-judged pairs (ANNOTATION.md rules: the same indicator, possibly at another scope):
# seed prefix -> [(phrase of the child's gold anchor, phrase of the 1629 reference indicator)].
TRUE_PAIRS = {
    "000": [("số cơ sở kinh doanh dịch vụ dễ phát sinh", "được kiểm tra mỗi năm"),
            ("các cơ sở được kiểm tra ít nhất một lần", "được kiểm tra ít nhất một lần"),
            ("số xã, phường, tổ chức ít nhất", "số xã, phường, thị trấn tổ chức"),
            ("học sinh các trường", "học sinh, sinh viên"),
            ("xã, phường lồng ghép nhiệm vụ", "lồng ghép nhiệm vụ")],
    "003": [("tổ chức được ít nhất là một hình thức tuyên truyền", "số xã, phường, thị trấn tổ chức"),
            ("xây dựng kế hoạch và tổ chức thực hiện", "xây dựng kế hoạch và tổ chức thực hiện")],
}
# Pairs a reader rejects: they must not be aligned.
WRONG_PAIRS = {
    "000": [("mô hình thí điểm", "xây dựng kế hoạch"), ("cấp thành phố", "khu công nghiệp"),
            ("người bán dâm", "học sinh")],
    "003": [("người bán dâm", "học sinh"), ("người làm công tác", "người lao động")],
}


@pytest.fixture(scope="module")
def ref_targets():
    return align.valued(load_references([BUNDLED_DIR])[0]["targets"])


@pytest.fixture(scope="module")
def gold():
    seeds = {p.stem for p in (ROOT / "corpus" / "seeds").glob("*.txt")}
    public = {p.stem for p in (ROOT / "corpus" / "public").glob("*.txt")}
    recs = records_from_gold(ROOT / "corpus" / "gold", ROOT / "corpus" / "seeds")
    out = {r["doc_id"][:3]: r for r in recs if r["doc_id"] in seeds}
    out.update({"pub" + r["doc_id"][:3]: r for r in recs if r["doc_id"] in public})
    return out


def test_scope_nouns():
    assert align.scope_of("70% số xã, phường tổ chức …").group == "xã"
    assert align.scope_of("tỉnh, thành phố trực thuộc trung ương xây dựng kế hoạch").group == "tỉnh"
    assert align.scope_of("người làm công tác phòng, chống tệ nạn xã hội").group == "cán bộ"
    assert align.scope_of("giảm tệ nạn xã hội").group is None       # "xã hội" is not a commune
    assert align.scope_of("người lao động tại các cơ sở kinh doanh").group == "người lao động"
    s, conflict, note = align.scope_score(align.scope_of("40% xã"), align.scope_of("40% tỉnh"))
    assert not conflict and "another scope" in note and "tỉnh" in note
    s, conflict, _ = align.scope_score(align.scope_of("học sinh"), align.scope_of("người lao động"))
    assert conflict and s == 0


def test_units():
    pct = {"kind": "percent", "unit": "%", "value": 70}
    cnt = {"kind": "count", "unit": "lượt người bán dâm", "value": 50}
    freq = {"kind": "frequency", "unit": "lần/tháng", "value": 1}
    assert align.comparable(pct, dict(pct, value=100))
    assert not align.comparable(pct, cnt) and not align.comparable(freq, pct)
    assert align.comparable(freq, {"kind": "frequency", "unit": "lần/tháng", "value": 2})
    assert align.unit_factor(pct, cnt) < align.unit_factor(pct, pct)


def _find(targets, phrase):
    hits = [i for i, t in enumerate(targets) if phrase in t["indicator"]]
    assert hits, phrase
    return hits[0]


@pytest.mark.parametrize("seed", sorted(TRUE_PAIRS))
def test_gold_pairs_found_and_wrong_pairs_rejected(seed, gold, ref_targets):
    child = align.valued(gold[seed]["targets"])
    pairs = {(i, j): s for i, j, s, _ in align.align(child, ref_targets)}
    for cp, pp in TRUE_PAIRS[seed]:
        i, j = _find(child, cp), _find(ref_targets, pp)
        assert (i, j) in pairs, f"{seed}: '{cp}' should pair with '{pp}'"
        assert pairs[(i, j)] >= align.THRESHOLD
    for cp, pp in WRONG_PAIRS[seed]:
        i, j = _find(child, cp), _find(ref_targets, pp)
        assert (i, j) not in pairs, f"{seed}: '{cp}' must not pair with '{pp}'"


def test_threshold_separates_true_from_unrelated(gold, ref_targets):
    """Gold plans on other topics (gender equality, legal staff) pair with nothing of the
    prostitution programme, while every hand-judged true pair clears the threshold."""
    true_scores = []
    for seed, pairs in TRUE_PAIRS.items():
        child = align.valued(gold[seed]["targets"])
        scores, _ = align.score_matrix(child, ref_targets)
        true_scores += [scores[_find(child, c), _find(ref_targets, p)] for c, p in pairs]
    unrelated = [k for k in ("pub005", "pub013") if k in gold]
    assert unrelated, "gold for 005/013 is part of corpus/gold"
    worst_wrong = max(align.score_matrix(align.valued(gold[k]["targets"]), ref_targets)[0].max()
                      for k in unrelated)
    assert min(true_scores) >= align.THRESHOLD > worst_wrong


def test_one_to_one(gold, ref_targets):
    child = align.valued(gold["000"]["targets"])
    pairs = align.align(child, ref_targets)
    assert len({i for i, *_ in pairs}) == len(pairs) == len({j for _, j, *_ in pairs})
    assert align.align([], ref_targets) == [] and align.align(child, []) == []
