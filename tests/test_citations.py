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
