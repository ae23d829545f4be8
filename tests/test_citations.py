"""Citations (pipeline.citations) against the seed gold and on small real-looking snippets."""

import pytest
from conftest import ROOT, SEED_PATHS

from pipeline import from_text
from pipeline.evaluate import fold_number, fold_org
from pipeline.evaluate.gold import load_gold
from pipeline.stages.citations import normalise_number
from pipeline.text.folds import number_key

SEEDS = SEED_PATHS


def _by_number(doc):
    return {fold_number(c.number): c for c in doc.citations if c.number}


@pytest.mark.parametrize("seed", [p.stem for p in SEEDS])
def test_seed_citations_match_gold(seed, seed_docs):
    doc = seed_docs[seed]
    gold = load_gold(ROOT / "corpus" / "gold" / f"{seed}.yaml")["citations"]
    found = _by_number(doc)
    wanted = {fold_number(g["number"]) for g in gold if g.get("number")}
    optional_titles = [g["title"].lower() for g in gold if not g.get("number") and g.get("title")]
    for g in gold:
        if not g.get("number"):
            continue
        c = found.get(fold_number(g["number"]))
        assert c is not None, f"missing {g['number']}"
        roles = g["role"] if isinstance(g["role"], list) else [g["role"]]
        assert c.role in roles, (g["number"], c.role)
        assert c.date == g.get("date"), (g["number"], c.date)
        assert fold_org(c.issuer) == fold_org(g.get("issuer")), (g["number"], c.issuer)
        assert c.doc_type == g["doc_type"]
    # nothing beyond the gold, except the optional named acts
    for c in doc.citations:
        if c.number:
            assert fold_number(c.number) in wanted, f"extra {c.number}"
        else:
            assert c.title and c.title.lower() in optional_titles, f"extra {c.title}"


def test_quotes_point_into_text(seed_docs):
    for doc in seed_docs.values():
        for c in doc.citations:
            assert doc.text[c.start:c.end] == c.quote
            if c.number:
                assert c.number.split("/")[0] in c.quote


def test_own_number_is_not_a_citation(seed_docs):
    # "(Ban hành kèm theo Quyết định số 629/QĐ-LĐTBXH …)" and "… số 1241/QĐ-UBND …"
    assert "629/QĐ-LĐTBXH" not in _by_number(seed_docs["001_d52c853b74dbc7ea"])
    assert "1241/QĐ-UBND" not in _by_number(seed_docs["004_14e5e5d2c5264b72"])


def test_duplicate_is_merged(seed_docs):
    doc = seed_docs["000_c3abb955b2b52a40"]
    same = [c for c in doc.citations if c.number == "178/2004/NĐ-CP"]
    assert len(same) == 1
    assert len(same[0].quotes) == 2
    assert same[0].quote == same[0].quotes[0]


def test_odd_number_spacing_normalised(seed_docs):
    c = _by_number(seed_docs["001_d52c853b74dbc7ea"])["242/VPCP-KGVX"]
    assert c.number == "242/VPCP-KGVX"
    assert c.issuer == "Văn phòng Chính phủ"
    assert c.date == "2020-03-28"


@pytest.mark.parametrize("raw, number", [
    ("242/VPCP- KGVX", "242/VPCP-KGVX"),
    ("12/QD-UBND", "12/QĐ-UBND"),
    ("27/CT-TTG", "27/CT-TTg"),
    ("178/2004/NĐ–CP", "178/2004/NĐ-CP"),
    ("21-NQ/TW", "21-NQ/TW"),
])
def test_normalise_number(raw, number):
    assert normalise_number(raw) == number


def test_named_act_with_date(seed_docs):
    acts = [c for c in seed_docs["004_14e5e5d2c5264b72"].citations if c.number is None]
    assert [(c.doc_type, c.title, c.date, c.role) for c in acts] == [
        ("Luật", "Luật Tổ chức chính quyền địa phương", "2015-06-19", "basis")]


PREAMBLE = ("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 182/KH-UBND\n"
            "Đồng Nai, ngày 20 tháng 11 năm 2025\nKẾ HOẠCH\nPhòng, chống ma túy năm 2025\n{body}\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n{later}\n")


def test_cue_word_without_number_gives_nothing():
    doc = from_text(PREAMBLE.format(
        body="Thực hiện Kế hoạch của UBND tỉnh về phòng, chống ma túy; căn cứ Quyết định của Chính phủ,",
        later="Thực hiện tốt các chương trình, kế hoạch, quyết định đã ban hành."))
    assert doc.citations == []


def test_roles_parent_basis_reference_replaces():
    doc = from_text(PREAMBLE.format(
        body=("Căn cứ Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội;\n"
              "Thực hiện Kế hoạch số 64/KH-UBND ngày 05/3/2025 của Ủy ban nhân dân tỉnh về triển khai "
              "Nghị quyết số 50/NQ-CP ngày 13/3/2025 của Chính phủ; Ủy ban nhân dân tỉnh ban hành Kế "
              "hoạch như sau:"),
        later=("Kế hoạch này thay thế Kế hoạch số 12/KH-UBND ngày 10/01/2024 của UBND tỉnh. Thực hiện "
               "theo Quyết định số 7619/QĐ-BCA ngày 08 tháng 9 năm 2025 của Bộ Công an.")))
    cites = _by_number(doc)
    assert "182/KH-UBND" not in cites
    assert cites["163/2024/QH15"].role == "basis"
    assert cites["163/2024/QH15"].issuer == "Quốc hội"
    assert cites["64/KH-UBND"].role == "parent"
    assert cites["64/KH-UBND"].issuer == "UBND tỉnh Đồng Nai"
    assert cites["64/KH-UBND"].date == "2025-03-05"
    assert cites["50/NQ-CP"].role == "reference"          # named inside the parent's title
    assert cites["12/KH-UBND"].role == "replaces"
    assert cites["7619/QĐ-BCA"].role == "reference"
    assert cites["7619/QĐ-BCA"].date == "2025-09-08"
    assert cites["7619/QĐ-BCA"].issuer == "Bộ Công an"


def test_party_documents_and_title_citation():
    doc = from_text(PREAMBLE.format(
        body="Triển khai Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025 của Ban Chỉ đạo Trung ương và "
             "Chương trình hành động số 10-CTr/TU ngày 13/8/2025 của Ban Thường vụ Tỉnh ủy;",
        later="Quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị."))
    cites = _by_number(doc)
    assert cites["02-KH/BCĐTW"].role == "parent"
    assert cites["10-CTR/TU"].number == "10-CTr/TU"
    assert cites["10-CTR/TU"].doc_type == "Chương trình"
    assert cites["10-CTR/TU"].issuer == "Ban Thường vụ Tỉnh ủy Đồng Nai"
    assert cites["57-NQ/TW"].role == "reference"
    assert cites["57-NQ/TW"].issuer == "Bộ Chính trị"


def test_one_citation_per_number_key():
    # "0178" is how some gazettes print 178; "Ð" (U+00D0, Latin Eth) is a misprint of "Đ"
    doc = from_text(PREAMBLE.format(
        body="Căn cứ Nghị định số 0178/2004/NĐ-CP ngày 15/10/2004 của Chính phủ;",
        later=("Thực hiện theo Nghị định số 178/2004/NĐ-CP ngày 15/10/2004 của Chính phủ và "
               "Nghị định số 09/2025/N\u00d0-CP ngày 10/01/2025 của Chính phủ; Nghị định số "
               "09/2025/NĐ-CP quy định chi tiết.")))
    numbers = [c.number for c in doc.citations if c.number]
    assert len(numbers) == 2, numbers
    first = next(c for c in doc.citations if c.number == "0178/2004/NĐ-CP")
    assert len(first.quotes) == 2 and first.role == "basis"
    eth = next(c for c in doc.citations if c.number == "09/2025/N\u00d0-CP")
    assert len(eth.quotes) == 2


@pytest.mark.parametrize("a, b", [
    ("0178/2004/NĐ-CP", "178/2004/NĐ-CP"),
    ("09/2025/N\u00d0-CP", "09/2025/NĐ-CP"),
    ("12/Qd-UBND", "12/QD-UBND"),
    ("12/UBND-QD:", "12 / UBND–QD"),
])
def test_display_form_keeps_the_number_key(a, b):
    # normalise_number never tells apart two printings that number_key takes as one
    assert number_key(a) == number_key(b)
    assert number_key(normalise_number(a)) == number_key(normalise_number(b))
