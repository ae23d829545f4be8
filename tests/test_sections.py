"""The section tree on real corpus text, scored against the gold files' ``sections``."""

import pytest
from conftest import ROOT, SEED_PATHS

from pipeline.evaluate import fold, score_list
from pipeline.evaluate.gold import load_gold_dir
from pipeline.run.document import extract_document
from pipeline.stages.sections import roman_value, to_roman

SEEDS = SEED_PATHS
PUBLIC = ROOT / "corpus" / "public"


@pytest.fixture(scope="module")
def golds():
    return load_gold_dir(ROOT / "corpus" / "gold")


@pytest.fixture(scope="module")
def seeds(seed_docs):
    return seed_docs


@pytest.fixture(scope="module")
def public():
    names = ("006_dongnai-182-kh-ubnd-ctmtqg-phong-chong-ma-tuy",
             "014_dongthap-552-kh-ubnd-doi-moi-cong-nghe-2035",
             "016_ttg-2623-qd-ke-hoach-thi-hanh-luat-bvdlcn",
             "002_daklak-012-ct-ubnd-cai-cach-tthc")
    return {n: extract_document(PUBLIC / f"{n}.txt") for n in names}


def _paths(doc):
    return [s.path for s in doc.sections]


def test_seed_section_recall(seeds, golds):
    tp = fn = 0
    for doc_id, doc in seeds.items():
        res = score_list("sections", golds[doc_id]["sections"], [s.to_dict() for s in doc.sections])
        tp, fn = tp + res["tp"], fn + res["fn"]
    assert tp / (tp + fn) >= 0.98, (tp, fn)


def test_no_false_roman_sections_on_seeds(seeds, golds):
    for doc_id, doc in seeds.items():
        gold = {s["path"] for s in golds[doc_id]["sections"] if "." not in s["path"]}
        mine = {s.path for s in doc.sections if s.level == 1}
        assert mine <= gold, (doc_id, mine - gold)
        assert gold <= mine, (doc_id, gold - mine)


def test_order_wins_over_a_repeated_number(seeds):
    doc = seeds["002_607df22881132d47"]
    last = [s for s in doc.sections if s.path.startswith("IV.")][-1]
    assert last.path == "IV.8" and last.number == "7."
    assert fold(last.heading).startswith("các tổ dân phố")


def test_decision_with_attached_plan_gives_the_plan_tree(seeds):
    doc = seeds["004_14e5e5d2c5264b72"]
    assert not any(s.kind == "article" for s in doc.sections)
    assert _paths(doc)[:3] == ["I", "I.1", "I.2"]
    assert "III.1.2" in _paths(doc)


def test_offsets_and_spans(seeds):
    doc = seeds["000_c3abb955b2b52a40"]
    text = doc.text
    for s in doc.sections:
        assert s.start <= s.heading_end <= s.end <= len(text)
        first_word = s.heading.split()[0]
        assert first_word in text[s.start:s.heading_end]
    v = next(s for s in doc.sections if s.path == "V")
    children = [s for s in doc.sections if s.path.startswith("V.")]
    assert all(v.start < c.start and c.end <= v.end for c in children)
    # the recipients block is outside every section
    sig = text.index("Nơi nhận")
    assert all(s.end <= sig for s in doc.sections)
    assert doc.section_at(text.index("Phòng Tư pháp")).path == "V.8"


def test_items_letters_and_bullets_nest(seeds):
    doc = seeds["003_01cad460861d4b6f"]
    letters = [i for i in doc.items if i.kind == "letter"]
    assert letters and {i.section for i in letters} >= {"III.1", "III.2"}
    assert all(doc.text[i.start:i.end].lstrip("*_ ").startswith(i.marker) for i in letters)
    nested = [i for i in doc.items if i.parent is not None]
    assert nested
    for i in nested:
        parent = doc.items[i.parent]
        assert parent.depth < i.depth and parent.start < i.start
    # no item is also a section heading
    starts = {s.start for s in doc.sections}
    assert not any(i.start in starts for i in doc.items)


def test_public_006_decimal_subsections(public):
    doc = public["006_dongnai-182-kh-ubnd-ctmtqg-phong-chong-ma-tuy"]
    top = [s.path for s in doc.sections if s.level == 1]
    assert top == ["I", "II", "III", "IV"]
    dec = [s for s in doc.sections if s.kind == "decimal"]
    assert {"I.1.1", "I.2.4", "II.6.9"} <= {s.path for s in dec}
    assert all(s.level == 3 for s in dec)
    assert not any("*" in s.heading for s in doc.sections)


def test_public_014_duplicate_roman_heading(public):
    doc = public["014_dongthap-552-kh-ubnd-doi-moi-cong-nghe-2035"]
    top = [s for s in doc.sections if s.level == 1 and s.kind == "roman"]
    assert [s.path for s in top] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    iv = next(s for s in top if s.path == "IV")
    assert iv.number == "III." and fold(iv.heading).startswith("nhiệm vụ và giải pháp")
    appendix = [s for s in doc.sections if s.kind == "appendix"]
    assert [s.path for s in appendix] == ["PL.I"]
    assert appendix[0].start > doc.text.index("Nơi nhận")


def test_public_016_decision_then_plan(public):
    doc = public["016_ttg-2623-qd-ke-hoach-thi-hanh-luat-bvdlcn"]
    assert not any(s.path.startswith("Điều") for s in doc.sections)
    assert [s.path for s in doc.sections if s.level == 1] == ["I", "II", "III", "IV"]


def test_arabic_top_level_without_roman(public):
    doc = public["002_daklak-012-ct-ubnd-cai-cach-tthc"]
    assert doc.sections and all(s.kind == "arabic" for s in doc.sections)
    assert [s.path for s in doc.sections][:3] == ["1", "2", "3"]
    assert all(s.level == 1 for s in doc.sections)


def test_roman_numerals():
    assert [roman_value(x) for x in ("I", "IV", "IX", "XIV")] == [1, 4, 9, 14]
    assert roman_value("IIII") is None and roman_value("IC") is None
    assert to_roman(19) == "XIX"


BULK = ROOT / "corpus" / "bulk"


def test_decision_without_plan_is_divided_by_articles():
    doc = extract_document(BULK / "128_1667-nq-ubtvqh15.md")
    top = [s.path for s in doc.sections if s.level == 1]
    assert top[:3] == ["Điều 1", "Điều 2", "Điều 3"]
    assert all(s.kind == "article" for s in doc.sections if s.level == 1)
    assert all(s.path.startswith("Điều 1.") for s in doc.sections
               if s.level == 2 and s.start < doc.sections[1].start)


def test_decision_with_attached_regulation_gives_its_articles():
    doc = extract_document(BULK / "130_95-2025-qd-ubnd.md")
    sig = doc.text.index("Nơi nhận")
    # the decision's own "Điều 1. Ban hành kèm theo …" is not a section
    assert all(s.start > sig for s in doc.sections)
    first = doc.sections[0]
    assert first.kind == "part" and first.path == "Chương I"
    art = next(s for s in doc.sections if s.path == "Điều 1")
    # an article's heading keeps its label, as annotated ("Điều 1. Phạm vi điều chỉnh")
    assert art.level == 2 and fold(art.heading).startswith("điều 1. phạm vi điều chỉnh")
    assert len({s.path for s in doc.sections}) == len(doc.sections)


def test_paths_unique_and_nested(public, seeds):
    for doc in list(public.values()) + list(seeds.values()):
        paths = [s.path for s in doc.sections]
        assert len(paths) == len(set(paths)), doc.doc_id
        by_path = {s.path: s for s in doc.sections}
        for s in doc.sections:
            parent = by_path.get(s.path.rsplit(".", 1)[0]) if "." in s.path else None
            if parent is not None and s.kind != "appendix":
                assert parent.level == s.level - 1
                assert parent.start < s.start and s.end <= parent.end, (doc.doc_id, s.path)


def test_numbered_paragraphs_as_items_reproduce_the_seed_gold(seeds, golds):
    from pipeline.stages import sections as mod
    c = mod.cues()
    saved = c.get("numbered_paragraphs")
    c["numbered_paragraphs"] = "items"
    try:
        tp = fp = fn = 0
        for doc_id, doc in seeds.items():
            secs, items = mod.parse_sections(doc)
            res = score_list("sections", golds[doc_id]["sections"], [s.to_dict() for s in secs])
            tp, fp, fn = tp + res["tp"], fp + res["fp"], fn + res["fn"]
            if doc_id == "002_607df22881132d47":
                funds = [i for i in items if i.section == "III" and i.kind == "number"]
                assert [i.marker for i in funds] == ["1.", "2.", "3."]
        assert fn == 0 and fp == 0, (tp, fp, fn)
    finally:
        c["numbered_paragraphs"] = saved


def test_heading_cues_from_data_are_consistent():
    from pipeline.stages.sections import cues
    c = cues()
    for word in c["words"]["part"]:          # every part word has a rank
        m = c["part"].match(f"{word} II")
        assert m and m.group("word").capitalize() in c["part_rank"], word
    assert c["article_label"].format(num="3") == "Điều 3"
    assert "thứ nhất" in c["first_numbers"] and "1" in c["first_numbers"]
    assert c["roman_not_heading"].match("Đ. Nguyễn") and not c["roman_not_heading"].match("MỤC TIÊU")
