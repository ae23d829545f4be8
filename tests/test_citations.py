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


# --- issue 11: citations on documents nobody tuned to -------------------------------------
# Each class: a named real document, and a constructed variant through from_text.

BULK, WEB, CHAINS = ROOT / "corpus" / "bulk", ROOT / "corpus" / "web", ROOT / "corpus" / "chains"
DECISION = ("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 2001/QĐ-UBND\n"
            "Đồng Nai, ngày 20 tháng 11 năm 2025\nQUYẾT ĐỊNH\nVề việc ban hành Quy định mẫu\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI\n{body}\nQUYẾT ĐỊNH:\nĐiều 1. {later}\n")


def _acts(doc):
    return [c for c in doc.citations if c.number is None]


def test_numbers_that_lost_a_dash_or_a_space(extracted):
    # 1505/QĐ-UBND prints "193/2025/NĐCP", "37/2025/TTBNN MT"; 35/2025/NQ-HĐND glues "của" on
    # "35/2025/QĐ-TTg" and prints a Cyrillic "Р" in "58/2024/NĐ-CР"
    web = _by_number(extracted(WEB / "050_1505-qd-ubnd.md"))
    assert {"193/2025/NĐ-CP", "37/2025/TT-BNNMT", "40/2025/TT-BNNMT", "10/2024/TT-BTC"} <= set(web)
    assert not any(n.endswith(("NĐCP", "TTBNN", "TTBTC")) for n in web)
    bulk = _by_number(extracted(BULK / "197_35-2025-nq-hdnd.md"))
    assert "35/2025/QĐ-TTG" in bulk and bulk["35/2025/QĐ-TTG"].number == "35/2025/QĐ-TTg"
    assert bulk["58/2024/NĐ-CP"].number == "58/2024/NĐ-CP"


def test_numbers_that_lost_a_dash_or_a_space_variant():
    doc = from_text(DECISION.format(
        body=("Căn cứ Nghị định số 12/2024/NĐCP ngày 05/02/2024 của Chính phủ;\n"
              "Căn cứ Thông tư số 5/2025/TTBTC ngày 10/3/2025 của Bộ Tài chính;\n"
              "Căn cứ Quyết định số 7/2025/QĐ-TTgvề việc thí điểm;\n"
              "Căn cứ Thông tư số 8/2025/TT-BNNMТ ngày 01/4/2025;"),   # a Cyrillic "Т"
        later="Ban hành kèm theo Quyết định này Quy định mẫu."))
    assert {"12/2024/NĐ-CP", "5/2025/TT-BTC", "7/2025/QĐ-TTg", "8/2025/TT-BNNMT"} <= {
        c.number for c in doc.citations}


def test_decimal_serials_and_a_space_after_the_dash(extracted):
    # the Government's 66.x resolutions ("66.7/2025/NQ-CP"); "Kết luận số 99- TB/TW"
    assert "66.7/2025/NQ-CP" in _by_number(extracted(WEB / "011_220-cd-ttg.md"))


def test_decimal_serials_and_a_space_after_the_dash_variant():
    doc = from_text(DECISION.format(
        body="Căn cứ Nghị quyết số 66.3/2025/NQ-CP ngày 01/7/2025 của Chính phủ;\n"
             "Căn cứ Kết luận số 132- KL/TW ngày 18/3/2025 của Bộ Chính trị;",
        later="Ban hành kèm theo Quyết định này Quy định mẫu."))
    cites = _by_number(doc)
    assert "66.3/2025/NQ-CP" in cites and "132-KL/TW" in cites
    assert cites["132-KL/TW"].issuer == "Bộ Chính trị"


def test_own_number_however_printed(extracted):
    # 57-NQ/TW prints "Số 57-NQ/TW" (no colon); a portal prints "Số hiệu: 2530/QĐ-TTg" and
    # the summary "Quyết định 2530/QĐ-TTg" before the header
    assert "57-NQ/TW" not in _by_number(extracted(CHAINS / "57-nq-tw-khcn-dmst-cds.md"))
    assert "2530/QĐ-TTG" not in _by_number(extracted(WEB / "020_2530-qd-ttg.md"))


def test_own_number_however_printed_variant():
    doc = from_text("BAN THƯỜNG VỤ TỈNH ỦY\nSố 45-KH/TU\nĐồng Nai, ngày 20 tháng 11 năm 2025\n"
                    "KẾ HOẠCH\nThực hiện Kết luận số 12-KL/TW ngày 01/02/2025 của Bộ Chính trị\n"
                    "I. MỤC ĐÍCH\n1. Kế hoạch 45-KH/TU được quán triệt đến chi bộ.\n")
    assert "45-KH/TU" not in _by_number(doc) and "12-KL/TW" in _by_number(doc)


def test_amending_act_is_one_citation(extracted):
    # "Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức số
    # 52/2019/QH14": one citation (52/2019/QH14), not "Luật Cán bộ, công chức" again
    doc = extracted(BULK / "073_212-2025-qd-ubnd.md")
    assert [c.title for c in _acts(doc)] == []
    c = _by_number(doc)["52/2019/QH14"]
    assert c.role == "basis" and c.title.startswith("Luật sửa đổi, bổ sung một số điều của Luật Cán bộ")
    # "… của Luật Quy hoạch, Luật Đầu tư, … và Luật Đấu thầu ngày 29/11/2024": the date is
    # the amending act's, and no act of its list is cited on its own
    acts = {c.title: c for c in _acts(extracted(BULK / "058_4385-qd-bvhttdl.md"))}
    amending = [t for t in acts if t.endswith("và Luật Đấu thầu")]
    assert len(amending) == 1 and acts[amending[0]].date == "2024-11-29"
    assert "Luật Đầu tư" not in acts and "Luật Đấu thầu" not in acts


def test_amending_act_is_one_citation_variant():
    doc = from_text(DECISION.format(
        body=("Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024; Luật sửa đổi, bổ sung một số điều của "
              "Luật Đất đai, Luật Nhà ở và Luật Kinh doanh bất động sản ngày 29 tháng 6 năm 2024;\n"
              "Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Doanh nghiệp số 76/2025/QH15;"),
        later="Ban hành kèm theo Quyết định này Quy định mẫu."))
    assert {(c.title, c.date) for c in _acts(doc)} == {
        ("Luật Đất đai", "2024-01-18"),
        ("Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở và Luật Kinh doanh bất động sản",
         "2024-06-29")}
    c = _by_number(doc)["76/2025/QH15"]
    assert c.role == "basis" and c.title == "Luật Sửa đổi, bổ sung một số điều của Luật Doanh nghiệp"


def test_acts_named_inside_another_citation_are_nested(extracted):
    # 22/2025/NĐ-CP "Luật số 97/2025/QH15 … sửa đổi, bổ sung một số điều của Luật Mặt trận Tổ
    # quốc Việt Nam, Luật Công đoàn, …"; 212/2025/QĐ-UBND a decree "hướng dẫn thi hành Luật …"
    titles = {c.title for c in _acts(extracted(BULK / "022_2579-qd-ubnd.md"))}
    assert not titles & {"Luật Mặt trận Tổ quốc Việt Nam", "Luật Công đoàn", "Luật Thanh niên"}
    assert not _acts(extracted(BULK / "073_212-2025-qd-ubnd.md"))


def test_acts_named_inside_another_citation_are_nested_variant():
    doc = from_text(DECISION.format(
        body="Căn cứ Nghị định số 31/2021/NĐ-CP ngày 26 tháng 3 năm 2021 của Chính phủ quy định chi tiết "
             "và hướng dẫn thi hành một số điều của Luật Đầu tư;",
        later="Ban hành kèm theo Quyết định này Quy định mẫu."))
    assert _acts(doc) == [] and _by_number(doc)["31/2021/NĐ-CP"].role == "basis"


def test_act_names_hold_va(extracted):
    # "Luật Quản lý và Đầu tư vốn Nhà nước tại doanh nghiệp số 68/2025/QH15" is one act
    doc = extracted(BULK / "061_87-2025-qd-ubnd.md")
    assert "Luật Quản lý" not in {c.title for c in _acts(doc)}
    assert _by_number(doc)["68/2025/QH15"].title == "Luật Quản lý và Đầu tư vốn Nhà nước tại doanh nghiệp"


def test_act_names_hold_va_variant():
    doc = from_text(DECISION.format(
        body="Căn cứ Luật Bảo vệ và Kiểm dịch thực vật ngày 25 tháng 11 năm 2013; "
             "Luật Phòng, chống thiên tai và Luật Đê điều;",
        later="Ban hành kèm theo Quyết định này Quy định mẫu."))
    assert [c.title for c in _acts(doc)] == [
        "Luật Bảo vệ và Kiểm dịch thực vật", "Luật Phòng, chống thiên tai", "Luật Đê điều"]


def test_parent_opener_led_by_de_tiep_tuc(extracted):
    # 06/CT-UBND: "Để tiếp tục thực hiện nghiêm Chỉ thị số 05/CT-TTg …"
    assert _by_number(extracted(BULK / "068_06-ct-ubnd.md"))["05/CT-TTG"].role == "parent"


def test_parent_opener_led_by_de_tiep_tuc_variant():
    doc = from_text(PREAMBLE.format(
        body="Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
             "Nhằm tiếp tục triển khai Kế hoạch số 64/KH-UBND ngày 05/3/2025 của UBND tỉnh;",
        later="Thực hiện tốt các nhiệm vụ."))
    assert _by_number(doc)["64/KH-UBND"].role == "parent"


def test_basis_chain_whatever_the_layout(extracted):
    # a portal export that lost its line breaks: "… TỈNH CAO BẰNG Căn cứ Luật …; Căn cứ Nghị
    # định số 63/2010/NĐ-CP …; Nghị định số 48/2013/NĐ-CP …; … Theo đề nghị của … Tờ trình số …"
    cites = _by_number(extracted(WEB / "015_1949-qd-ubnd.md"))
    assert all(cites[n].role == "basis" for n in ("63/2010/NĐ-CP", "48/2013/NĐ-CP", "92/2017/NĐ-CP",
                                                  "642/QĐ-BNNMT"))
    assert cites["5546/TTR-SNNMT"].role == "reference"


def test_basis_chain_whatever_the_layout_variant():
    grounds = ("Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ;{sep}Nghị định số "
               "92/2017/NĐ-CP ngày 07/8/2017 của Chính phủ;{sep}Theo đề nghị của Sở Tư pháp tại Tờ "
               "trình số 12/TTr-STP ngày 01/11/2025.")
    for sep in (" ", "\n"):                 # on one line, or the list's items on lines of their own
        doc = from_text(DECISION.format(body=grounds.format(sep=sep), later="Ban hành Quy định mẫu."))
        cites = _by_number(doc)
        assert (cites["63/2010/NĐ-CP"].role, cites["92/2017/NĐ-CP"].role, cites["12/TTR-STP"].role) == (
            "basis", "basis", "reference"), sep
    doc = from_text("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI Số: 2001/QĐ-UBND QUYẾT ĐỊNH Về việc ban hành Quy "
                    "định mẫu CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI Căn cứ Nghị định số 63/2010/NĐ-CP "
                    "ngày 08/6/2010 của Chính phủ; Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15;")
    assert {c.role for c in doc.citations} == {"basis"}


def test_a_new_sentence_ends_the_parent_cue(extracted):
    # 220/CĐ-TTg: "Thực hiện Nghị quyết số 66/NQ-CP …, các bộ … đã triển khai …. Chính phủ đã ban
    # hành Nghị quyết số 66.7/2025/NQ-CP …": only the first is the parent
    cites = _by_number(extracted(WEB / "011_220-cd-ttg.md"))
    assert (cites["66/NQ-CP"].role, cites["66.7/2025/NQ-CP"].role) == ("parent", "reference")


def test_a_new_sentence_ends_the_parent_cue_variant():
    doc = from_text(PREAMBLE.format(
        body="Thực hiện Kế hoạch số 64/KH-UBND ngày 05/3/2025 của UBND tỉnh, các sở đã triển khai. "
             "Bộ Công an đã ban hành Quyết định số 7619/QĐ-BCA ngày 08/9/2025.",
        later="Thực hiện tốt các nhiệm vụ."))
    cites = _by_number(doc)
    assert (cites["64/KH-UBND"].role, cites["7619/QĐ-BCA"].role) == ("parent", "reference")


def test_replaces_only_when_this_document_replaces(extracted):
    # 1026/KH-UBND: "tham mưu UBND tỉnh sửa đổi, bổ sung hoặc thay thế Quyết định số
    # 15/2021/QĐ-UBND" is a task; 87/2025/QĐ-UBND: "Quyết định này thay thế …" is the act itself;
    # 37/2025/NQ-HĐND: "Căn cứ Luật sửa đổi, bổ sung … số 51/2024/QH15" is a ground
    assert _by_number(extracted(BULK / "009_1026-kh-ubnd.md"))["15/2021/QĐ-UBND"].role == "reference"
    assert _by_number(extracted(BULK / "003_87-2025-qd-ubnd.md"))["15/2014/QĐ-UBND"].role == "replaces"
    assert _by_number(extracted(BULK / "010_37-2025-nq-hdnd.md"))["51/2024/QH15"].role == "basis"


def test_replaces_only_when_this_document_replaces_variant():
    doc = from_text(DECISION.format(
        body="Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ;",
        later=("Ban hành Quy định mẫu.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế "
               "Quyết định số 12/QĐ-UBND ngày 10/01/2024 của UBND tỉnh.\nĐiều 3. Bãi bỏ Quyết định số "
               "13/QĐ-UBND ngày 11/01/2024.\nĐiều 4. Sở Tư pháp tham mưu thay thế Quyết định số "
               "14/QĐ-UBND ngày 12/01/2024; khi có Thông tư mới thay thế Thông tư số 15/2020/TT-BTC.")))
    cites = _by_number(doc)
    assert [cites[n].role for n in ("12/QĐ-UBND", "13/QĐ-UBND", "14/QĐ-UBND", "15/2020/TT-BTC")] == [
        "replaces", "replaces", "reference", "reference"]


def test_title_that_amends(extracted):
    # 35/2025/NQ-HĐND: "NGHỊ QUYẾT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA QUY ĐỊNH KÈM THEO NGHỊ QUYẾT
    # SỐ 11/2022/NQ-HĐND …": what the title amends is not the parent
    cites = _by_number(extracted(BULK / "197_35-2025-nq-hdnd.md"))
    assert cites["11/2022/NQ-HĐND"].role == cites["22/2023/NQ-HĐND"].role == "amends"


def test_title_that_amends_variant():
    doc = from_text("HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG NAI\nSố: 40/2025/NQ-HĐND\nĐồng Nai, ngày 20 tháng 11 "
                    "năm 2025\nNGHỊ QUYẾT\nSửa đổi Điều 3 của Quy định ban hành kèm theo Nghị quyết số "
                    "12/2023/NQ-HĐND ngày 10/7/2023 của HĐND tỉnh\nCăn cứ Luật Tổ chức chính quyền địa "
                    "phương số 72/2025/QH15;\nQUYẾT NGHỊ:\nĐiều 1. Sửa đổi Điều 3.\n")
    assert _by_number(doc)["12/2023/NQ-HĐND"].role == "amends"


def test_document_joined_to_a_nested_one_is_nested(extracted):
    # 144/KH-UBND: "Căn cứ Kế hoạch số 17/KH-UBND … về thực hiện Nghị quyết số 71/NQ-CP … của
    # Chính phủ và Kế hoạch số 07-KH/TU … của Ban thường vụ Tỉnh ủy về thực hiện …"
    cites = _by_number(extracted(ROOT / "corpus" / "blind" / "102_144-kh-ubnd.md"))
    assert cites["17/KH-UBND"].role == "parent" and cites["07-KH/TU"].role == "reference"


def test_document_joined_to_a_nested_one_is_nested_variant():
    doc = from_text(PREAMBLE.format(
        body=("Thực hiện Kế hoạch số 64/KH-UBND ngày 05/3/2025 của UBND tỉnh về triển khai Nghị quyết "
              "số 50/NQ-CP ngày 13/3/2025 của Chính phủ, Chỉ thị số 27/CT-TTg ngày 15/8/2024 của Thủ "
              "tướng Chính phủ và Kế hoạch số 10-KH/TU ngày 13/8/2025 của Tỉnh ủy;\n"
              "Căn cứ Quyết định số 7619/QĐ-BCA ngày 08/9/2025 của Bộ Công an;"),
        later="Thực hiện tốt các nhiệm vụ."))
    cites = _by_number(doc)
    assert [cites[n].role for n in ("64/KH-UBND", "50/NQ-CP", "27/CT-TTG", "10-KH/TU", "7619/QĐ-BCA")] == [
        "parent", "reference", "reference", "reference", "basis"]


# --- issuers and dates of cited documents ---------------------------------------------------

PROVINCE_DOC = ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1200/KH-UBND\n"
                "Nghệ An, ngày 20 tháng 11 năm 2025\nKẾ HOẠCH\nTriển khai công tác năm 2026\n{body}\n"
                "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n{later}\n")


def test_officials_who_sign_for_a_body(extracted):
    # 1949/QĐ-UBND: "Thông tư số 02/2017/TT-VPCP … của Bộ trưởng, Chủ nhiệm Văn phòng Chính
    # phủ"; "Quyết định số 927/QĐ-UBND … của Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng" (the
    # chairman issues in his own name)
    cites = _by_number(extracted(WEB / "015_1949-qd-ubnd.md"))
    assert cites["02/2017/TT-VPCP"].issuer == cites["03/2025/TT-VPCP"].issuer == "Văn phòng Chính phủ"
    assert cites["927/QĐ-UBND"].issuer == "Chủ tịch UBND tỉnh Cao Bằng"


def test_officials_who_sign_for_a_body_variant():
    doc = from_text(PROVINCE_DOC.format(
        body=("Căn cứ Thông tư số 02/2024/TT-UBDT ngày 01/3/2024 của Bộ trưởng, Chủ nhiệm Ủy ban Dân "
              "tộc hướng dẫn thực hiện;\nCăn cứ Quyết định số 77/QĐ-UBND ngày 02/02/2025 của Chủ "
              "tịch Ủy ban nhân dân tỉnh Nghệ An về việc giao nhiệm vụ;"),
        later="Triển khai đồng bộ."))
    cites = _by_number(doc)
    assert cites["02/2024/TT-UBDT"].issuer == "Ủy ban Dân tộc"
    assert cites["77/QĐ-UBND"].issuer == "Chủ tịch UBND tỉnh Nghệ An"


def test_department_without_its_place(extracted):
    # 212/2025/QĐ-UBND (Hải Phòng): "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số
    # 394/TTr-SNV …"; 144/KH-UBND (Bắc Ninh): "… của Sở Khoa học và Công nghệ tại Tờ trình số"
    cites = _by_number(extracted(BULK / "073_212-2025-qd-ubnd.md"))
    assert cites["394/TTR-SNV"].issuer == "Sở Nội vụ thành phố Hải Phòng"
    assert cites["441/BC-STP"].issuer == "Sở Tư pháp thành phố Hải Phòng"
    cites = _by_number(extracted(ROOT / "corpus" / "blind" / "102_144-kh-ubnd.md"))
    assert cites["133/TTR-SKHCN"].issuer == "Sở Khoa học và Công nghệ tỉnh Bắc Ninh"
    # 2954/QĐ-UBND: "Theo đề nghị của Sở Công Thương tại Tờ trình số 298/TTr-SCT … và Công
    # văn số 2679/SCT-QLTM …": both the department's
    cites = _by_number(extracted(BULK / "203_2954-qd-ubnd.md"))
    assert cites["2679/SCT-QLTM"].issuer == "Sở Công Thương tỉnh Sơn La"


def test_department_without_its_place_variant():
    doc = from_text(PROVINCE_DOC.format(
        body=("Theo đề nghị của Chánh Văn phòng UBND tỉnh và Giám đốc Sở Văn hóa, Thể thao và Du lịch "
              "tại Tờ trình số 538/TTr-SVHTTDL ngày 05/11/2025 và Báo cáo số 77/BC-SVHTTDL ngày "
              "06/11/2025;"),
        later="Triển khai đồng bộ."))
    cites = _by_number(doc)
    assert cites["538/TTR-SVHTTDL"].issuer == "Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An"
    assert cites["77/BC-SVHTTDL"].issuer == "Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An"


def test_national_body_misspelt_or_abbreviated(extracted):
    # 0134/KH-UBND: "Thủ tưởng Chính phủ", "Bộ Nông nghiệp và PTNT", "Bộ Tài nguyên Môi trường"
    cites = _by_number(extracted(BULK / "176_0134-kh-ubnd.md"))
    assert cites["1746/QĐ-TTG"].issuer == "Thủ tướng Chính phủ"
    assert cites["32/2014/TT-BNNPTNT"].issuer == "Bộ Nông nghiệp và Phát triển nông thôn"
    assert cites["10/2021/TT-BTNMT"].issuer == "Bộ Tài nguyên và Môi trường"


def test_national_body_misspelt_or_abbreviated_variant():
    doc = from_text(PROVINCE_DOC.format(
        body=("Căn cứ Thông tư số 01/2024/TT-BGDĐT ngày 05/01/2024 của Bộ Giáo dục Đào tạo;\n"
              "Căn cứ Thông tư số 02/2024/TT-BLĐTBXH ngày 06/01/2024 của Bộ LĐTBXH;\n"
              "Căn cứ Quyết định số 3/QĐ-TTg ngày 07/01/2024 của Thủ tuớng Chính phủ;"),
        later="Triển khai đồng bộ."))
    cites = _by_number(doc)
    assert cites["01/2024/TT-BGDĐT"].issuer == "Bộ Giáo dục và Đào tạo"
    assert cites["02/2024/TT-BLĐTBXH"].issuer == "Bộ Lao động - Thương binh và Xã hội"
    assert cites["3/QĐ-TTG"].issuer == "Thủ tướng Chính phủ"


def test_binding_code_names_the_issuer(extracted):
    # 1949/QĐ-UBND prints "Nghị định số 131/2025/NĐ-CP … của Bộ Nông nghiệp và Môi trường" once
    # (a decree is the Government's); 3361/QĐ-BCT prints "Thông tư số 44/2023/TT-BTC … của Bộ
    # trưởng Bộ Công Thương" (a ministry's code does not overrule the text)
    assert _by_number(extracted(WEB / "015_1949-qd-ubnd.md"))["131/2025/NĐ-CP"].issuer == "Chính phủ"
    assert _by_number(extracted(BULK / "033_3361-qd-bct.md"))["44/2023/TT-BTC"].issuer == "Bộ Công Thương"


def test_binding_code_names_the_issuer_variant():
    doc = from_text(PROVINCE_DOC.format(
        body="Căn cứ Nghị định số 45/2025/NĐ-CP ngày 01/3/2025 của Bộ Tài chính về quản lý;",
        later="Triển khai đồng bộ theo Thông tư số 9/2025/TT-BTC ngày 02/3/2025 của Bộ Nội vụ."))
    cites = _by_number(doc)
    assert cites["45/2025/NĐ-CP"].issuer == "Chính phủ" and cites["9/2025/TT-BTC"].issuer == "Bộ Nội vụ"


def test_issuer_left_unprinted(extracted):
    # 0129/KH-UBND of UBND tỉnh Đắk Lắk: "Các Công điện: số 007/CĐ-UBND ngày 17/11/2025, số
    # 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025; …" (its own code, a shared date);
    # 0124/KH-UBND: "Kết luận số 01-KL/TW … của Bộ Chính trị khóa XIII về tiếp tục thực hiện
    # Chỉ thị số 05-CT/TW" (the body of the citation it is named in, same code)
    cites = _by_number(extracted(BULK / "090_0129-kh-ubnd.md"))
    assert cites["007/CĐ-UBND"].issuer == cites["008/CĐ-UBND"].issuer == "UBND tỉnh Đắk Lắk"
    assert cites["008/CĐ-UBND"].date == "2025-11-19"
    assert _by_number(extracted(BULK / "075_0124-kh-ubnd.md"))["05-CT/TW"].issuer == "Bộ Chính trị"


def test_issuer_left_unprinted_variant():
    doc = from_text(PROVINCE_DOC.format(
        body=("Thực hiện các Kế hoạch: số 10/KH-UBND ngày 05/01/2025 và số 11/KH-UBND ngày 06/01/2025;\n"
              "Căn cứ Kết luận số 09-KL/TW ngày 01/02/2025 của Ban Bí thư về tiếp tục thực hiện Chỉ "
              "thị số 12-CT/TW về công tác dân vận;"),
        later="Triển khai đồng bộ."))
    cites = _by_number(doc)
    assert cites["10/KH-UBND"].issuer == cites["11/KH-UBND"].issuer == "UBND tỉnh Nghệ An"
    assert cites["12-CT/TW"].issuer == "Ban Bí thư"


def test_issuer_after_a_list_of_documents(extracted):
    # 35/2025/NQ-HĐND: "Nghị quyết số 11/2022/NQ-HĐND ngày … và Nghị quyết số 22/2023/NQ-HĐND
    # ngày … của Hội đồng nhân dân tỉnh Thừa Thiên Huế": both its, the old name kept
    cites = _by_number(extracted(BULK / "197_35-2025-nq-hdnd.md"))
    assert fold_org(cites["11/2022/NQ-HĐND"].issuer) == fold_org("HĐND tỉnh Thừa Thiên Huế")


def test_issuer_after_a_list_of_documents_variant():
    doc = from_text(PROVINCE_DOC.format(
        body=("Căn cứ Quyết định số 5/QĐ-UBND ngày 05/01/2020 và Quyết định số 6/QĐ-UBND ngày "
              "06/01/2020 của UBND tỉnh Hà Tĩnh;\nCăn cứ Luật Đầu tư số 61/2020/QH14 và Nghị định số "
              "31/2021/NĐ-CP ngày 26/3/2021 của Chính phủ;"),
        later="Triển khai đồng bộ."))
    cites = _by_number(doc)
    assert cites["5/QĐ-UBND"].issuer == "UBND tỉnh Hà Tĩnh"
    assert cites["61/2020/QH14"].issuer == "Quốc hội"


def test_place_of_a_local_issuer(extracted):
    # 157/KH-UBND (Cần Thơ): "… của Ủy ban nhân dân thành phố Quy định về công tác thi đua …"
    cites = _by_number(extracted(ROOT / "corpus" / "blind" / "101_157-kh-ubnd.md"))
    assert cites["10/2024/QĐ-UBND"].issuer == "UBND thành phố Cần Thơ"


def test_place_of_a_local_issuer_variant():
    doc = from_text(PROVINCE_DOC.format(
        body=("Căn cứ Quyết định số 8/QĐ-UBND ngày 05/01/2024 của UBND tỉnh công bố danh mục thủ tục;\n"
              "Căn cứ Quyết định số 9/QĐ-UBND ngày 06/01/2024 của UBND tỉnh Hà Tây;"),
        later="Triển khai đồng bộ."))
    cites = _by_number(doc)
    assert cites["8/QĐ-UBND"].issuer == "UBND tỉnh Nghệ An"
    assert cites["9/QĐ-UBND"].issuer == "UBND tỉnh Hà Tây"


def test_bodies_with_long_names(extracted):
    # 220/CĐ-TTg: "… của Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng
    # tạo và chuyển đổi số, bảo đảm …"; 552/KH-UBND: "… của Tổ giúp việc Ban chỉ đạo Trung ương
    # về phát triển …"
    long_name = "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
    assert _by_number(extracted(WEB / "011_220-cd-ttg.md"))["02-KH/BCĐTW"].issuer == long_name
    doc = extracted(ROOT / "corpus" / "public" / "014_dongthap-552-kh-ubnd-doi-moi-cong-nghe-2035.txt")
    assert fold_org(_by_number(doc)["30-TB/TGV"].issuer) == fold_org("Tổ giúp việc " + long_name)


def test_bodies_with_long_names_variant():
    doc = from_text(PROVINCE_DOC.format(
        body=("Thực hiện Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025 của Ban Chỉ đạo Trung ương về phát triển "
              "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số về thúc đẩy chuyển đổi số;"),
        later="Triển khai đồng bộ."))
    c = _by_number(doc)["02-KH/BCĐTW"]
    assert c.issuer.endswith("đổi mới sáng tạo và chuyển đổi số") and c.title.startswith("về thúc đẩy")


def test_dates_printed_elsewhere(extracted):
    # 179/KH-UBND: "Quyết định số 411/QĐ-TTg của Thủ tướng Chính phủ ngày 31/3/2022", "Quyết
    # định số 1002/QĐ-TTg ngày 24-5-2025"; 220/CĐ-TTg: "(Ngày 23/10/2025, Ngân hàng Nhà nước
    # Việt Nam tiếp tục ban hành Quyết định số 3539/QĐ-NHNN …"
    cites = _by_number(extracted(BULK / "201_179-kh-ubnd.md"))
    assert (cites["411/QĐ-TTG"].date, cites["1002/QĐ-TTG"].date) == ("2022-03-31", "2025-05-24")
    c = _by_number(extracted(WEB / "011_220-cd-ttg.md"))["3539/QĐ-NHNN"]
    assert (c.date, c.issuer) == ("2025-10-23", "Ngân hàng Nhà nước Việt Nam")


def test_dates_printed_elsewhere_variant():
    doc = from_text(PROVINCE_DOC.format(
        body=("Căn cứ Quyết định số 12/QĐ-TTg của Thủ tướng Chính phủ ngày 05/02/2024;\n"
              "Căn cứ Chỉ thị số 13/CT-TTg ngày 6-3-2024 của Thủ tướng Chính phủ;"),
        later=("Ngày 07/4/2024, Bộ Y tế đã ban hành Thông tư số 14/2024/TT-BYT hướng dẫn. "
               "Ngày 08/4/2024, Bộ Tài chính ban hành Công văn số 15/BTC-NSNN.")))
    cites = _by_number(doc)
    assert [cites[n].date for n in ("12/QĐ-TTG", "13/CT-TTG", "14/2024/TT-BYT", "15/BTC-NSNN")] == [
        "2024-02-05", "2024-03-06", "2024-04-07", "2024-04-08"]
    assert cites["15/BTC-NSNN"].issuer == "Bộ Tài chính"
