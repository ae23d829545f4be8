"""The section tree on real corpus text, scored against the gold files' ``sections``."""

import re

import pytest
from conftest import ROOT, SEED_PATHS

from pipeline.evaluate import fold, score_list
from pipeline.evaluate.gold import load_gold_dir
from pipeline.run.document import extract_document, from_text
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
    # its chapters group the articles: no sections of their own (corpus/ANNOTATION.md)
    assert not any(s.kind == "part" for s in doc.sections)
    art = doc.sections[0]
    # an article's heading keeps its label, as annotated ("Điều 1. Phạm vi điều chỉnh")
    assert art.path == "Điều 1" and art.level == 1
    assert fold(art.heading).startswith("điều 1. phạm vi điều chỉnh")
    assert len({s.path for s in doc.sections}) == len(doc.sections)


@pytest.mark.parametrize("name, articles", [
    ("204_57-2025-nq-hdnd.md", 13),      # a council resolution in five chapters
    ("197_35-2025-nq-hdnd.md", 5),       # an amending resolution in three chapters
    ("074_308-2025-nd-cp.md", 30),       # a decree with chapters and "Mục" divisions
])
def test_chapters_that_group_articles_are_not_sections(name, articles):
    doc = extract_document(BULK / name)
    paths = [s.path for s in doc.sections if s.kind == "article"]
    assert paths[:articles] == [f"Điều {n}" for n in range(1, articles + 1)]
    assert not any(s.kind == "part" for s in doc.sections)
    assert all(s.level == 1 for s in doc.sections if s.kind == "article")
    # an article ends before the next chapter's heading
    chapter = re.compile(r"^\W*Chương\s+[IVX]+\b", re.M)
    assert all(not chapter.search(doc.text, s.start, s.end) for s in doc.sections)


def test_chapter_and_section_above_articles_constructed():
    text = ("QUY ĐỊNH\n\nChương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi\n\nQuy định này áp dụng.\n\n"
            "Chương II\n\nQUY ĐỊNH CỤ THỂ\n\nMục 1. PHỐI HỢP LẬP HỒ SƠ\n\n"
            "Điều 2. Trách nhiệm của Sở Xây dựng\n\n1. Chủ trì lập hồ sơ.\n\n2. Báo cáo.\n\n"
            "Mục 2. PHỐI HỢP CUNG CẤP DỮ LIỆU\n\nĐiều 3. Trách nhiệm của Ủy ban nhân dân cấp xã\n\n"
            "Cung cấp dữ liệu.\n")
    doc = from_text(text)
    top = [s.path for s in doc.sections if s.level == 1]
    assert top == ["Điều 1", "Điều 2", "Điều 3"]
    art2 = next(s for s in doc.sections if s.path == "Điều 2")
    assert "Mục 2" not in doc.text[art2.start:art2.end]
    # a "Phần" or "Chương" with Roman headings under it (no articles) stays a section
    plan = from_text("KẾ HOẠCH\n\nPhần I\n\nMỤC TIÊU\n\nI. Mục tiêu chung\n\nNâng cao.\n\n"
                     "II. Nhiệm vụ\n\nTriển khai.\n")
    assert [s.path for s in plan.sections][:1] == ["Phần I"]


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


# ---------------------------------------------------------------- issue 11: web exports, attachments

WEB = ROOT / "corpus" / "web"
DECISION = ["QUYẾT ĐỊNH:", "Điều 1. Công bố kèm theo Quyết định này danh mục 02 thủ tục hành chính.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. Chánh Văn phòng và các cơ quan liên quan chịu trách nhiệm thi hành.",
            "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.", "CHỦ TỊCH", "Nguyễn Văn A"]


def paras(*lines):
    """A clean export: one paragraph per line, blank lines between them."""
    return "\n\n".join(lines) + "\n"


def test_list_of_procedures_keeps_the_decisions_articles():
    doc = extract_document(WEB / "015_1949-qd-ubnd.md")
    paths = [s.path for s in doc.sections]
    assert paths[:4] == ["Điều 1", "Điều 2", "Điều 3", "Điều 4"]
    assert {"PL.I", "PL.I.I", "PL.I.II"} <= set(paths)
    # constructed: the Roman groups of the list are table rows
    doc = from_text(paras(*DECISION, "PHỤ LỤC", "DANH MỤC THỦ TỤC HÀNH CHÍNH") +
                    "\n| STT | Tên thủ tục | Thời hạn |\n|---|---|---|\n"
                    "| I. | THỦ TỤC CẤP TỈNH | |\n| 1 | Cấp phép | 10 ngày |\n"
                    "| II. | THỦ TỤC CẤP XÃ | |\n| 1 | Cấp lại | 5 ngày |\n")
    assert [s.path for s in doc.sections] == ["Điều 1", "Điều 2", "Điều 3", "PL.I",
                                              "PL.I.I", "PL.I.II"]


def test_titled_attachment_without_the_word_appendix_is_an_appendix():
    doc = extract_document(WEB / "038_01763-qd-ubnd.md")
    pl = [(s.path, s.heading) for s in doc.sections if s.kind == "appendix"]
    assert [p for p, _ in pl] == ["PL.I", "PL.II"]
    assert pl[0][1].startswith("DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH")
    assert pl[1][1].startswith("QUY TRÌNH NỘI BỘ, LIÊN THÔNG")
    doc = from_text(paras(*DECISION, "DANH MỤC", "THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH",
                          "(Kèm theo Quyết định số 12/QĐ-UBND ngày 01/02/2026 của Chủ tịch UBND tỉnh)",
                          "Danh sách gồm 02 thủ tục."))
    pl = [s for s in doc.sections if s.kind == "appendix"]
    assert [(s.path, s.heading) for s in pl] == [
        ("PL.I", "DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH")]
    assert [s.path for s in doc.sections][:3] == ["Điều 1", "Điều 2", "Điều 3"]
    # a form's blank "(Kèm theo Tờ trình số …)" and an attached plan's title are not
    form = from_text(paras(*DECISION, "BÁO CÁO TÌNH HÌNH", "(Kèm theo Tờ trình số …. ngày …)",
                           "Nội dung báo cáo."))
    assert not any(s.kind == "appendix" for s in form.sections)
    plan = from_text(paras(*DECISION, "KẾ HOẠCH", "TRIỂN KHAI THI HÀNH LUẬT",
                           "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 01/02/2026)",
                           "I. MỤC ĐÍCH", "Nội dung.", "II. NHIỆM VỤ", "Nội dung."))
    assert [s.path for s in plan.sections] == ["I", "II"]


def test_roman_headings_numbered_with_a_dash():
    doc = extract_document(ROOT / "corpus" / "chains" / "57-nq-tw-khcn-dmst-cds.md")
    top = [(s.path, s.heading) for s in doc.sections if s.level == 1]
    assert top == [("I", "QUAN ĐIỂM CHỈ ĐẠO"), ("II", "MỤC TIÊU"),
                   ("III", "NHIỆM VỤ, GIẢI PHÁP"), ("IV", "TỔ CHỨC THỰC HIỆN")]
    assert "II.1" in {t.section for t in doc.targets}
    doc = from_text(paras("NGHỊ QUYẾT", "**I - MỤC TIÊU**", "1. Đến năm 2030",
                          "- Đạt 50% doanh nghiệp số.", "**II – NHIỆM VỤ**",
                          "1. Hoàn thiện thể chế", "Nội dung."))
    assert [s.path for s in doc.sections] == ["I", "I.1", "II", "II.1"]


def test_roman_sequence_printed_from_two_keeps_its_numbers():
    doc = extract_document(ROOT / "corpus" / "bulk" / "141_0130-kh-ubnd.md")
    top = [s.path for s in doc.sections if s.level == 1]
    assert top == ["II", "III", "IV", "V", "VI"]
    doc = from_text(paras("KẾ HOẠCH", "II. MỤC ĐÍCH", "1. Mục đích", "Nội dung.", "III. NHIỆM VỤ",
                          "1. Tuyên truyền", "Nội dung.", "IV. TỔ CHỨC THỰC HIỆN", "Nội dung."))
    assert [s.path for s in doc.sections] == ["II", "II.1", "III", "III.1", "IV"]


def test_article_heading_keeps_its_label():
    doc = extract_document(WEB / "051_78-2025-nq-hdnd.md")
    arts = [s.heading for s in doc.sections if s.kind == "article"]
    assert arts[:2] == ["Điều 1. Phạm vi điều chỉnh", "Điều 2. Đối tượng áp dụng"]
    doc = from_text(paras("QUYẾT ĐỊNH:", "Điều 1: Ban hành Quy chế làm việc.",
                          "**Điều 2.** Quyết định có hiệu lực kể từ ngày ký."))
    assert [s.heading for s in doc.sections] == ["Điều 1. Ban hành Quy chế làm việc",
                                                 "Điều 2. Quyết định có hiệu lực kể từ ngày ký"]


def test_named_entries_of_an_implementation_section_are_headings():
    """"1. Sở Nội vụ: Tham mưu …" under a Roman heading: a body named before its duties."""
    doc = extract_document(ROOT / "corpus" / "bulk" / "037_0125-kh-ubnd.md")
    vi = [(s.path, s.heading) for s in doc.sections if s.path.startswith("VI.")]
    assert [p for p, _ in vi] == ["VI.1", "VI.2", "VI.3", "VI.4", "VI.5", "VI.6"]
    assert vi[5][1].startswith("Sở Nội vụ")
    doc = from_text(paras("KẾ HOẠCH", "I. MỤC ĐÍCH", "Nội dung.", "II. TỔ CHỨC THỰC HIỆN",
                          "1. Trung tâm Y tế khu vực: Chủ trì tổ chức tiêm chủng.",
                          "2. Ủy ban nhân dân các xã: Phối hợp tuyên truyền.",
                          "QUYẾT ĐỊNH:", "Điều 1. Phạm vi",
                          "1. Quy định này áp dụng cho các cơ quan nhà nước: Sở, ban, ngành.",
                          "2. Các tổ chức khác tham khảo."))
    paths = [s.path for s in doc.sections]
    assert paths[:4] == ["I", "II", "II.1", "II.2"]
    assert "Điều 1.1" not in paths          # an article's clauses stay clauses


def test_lettered_groups_continue_through_letters_that_read_as_roman_numerals():
    doc = extract_document(WEB / "020_2530-qd-ttg.md")
    groups = [s.path for s in doc.sections if s.path.startswith("PL.I.")]
    assert groups == ["PL.I." + x for x in "A B C D E G H I K L M N O P".split()]
    doc = from_text(paras("PHỤ LỤC I", "NHIỆM VỤ CỦA CÁC CƠ QUAN", "A. BỘ XÂY DỰNG", "Nội dung.",
                          "B. BỘ Y TẾ", "Nội dung.", "C. BỘ CÔNG AN", "Nội dung.",
                          "D. BỘ TÀI CHÍNH", "Nội dung.", "PHỤ LỤC II", "DANH MỤC",
                          "I. NHÓM GIẢI PHÁP", "Nội dung.", "II. NHÓM DỰ ÁN", "Nội dung."))
    assert [s.path for s in doc.sections] == ["PL.I", "PL.I.A", "PL.I.B", "PL.I.C", "PL.I.D",
                                              "PL.II", "PL.II.I", "PL.II.II"]


def test_an_articles_numbered_clauses_are_items():
    """"Điều 1. …" then "1. Sửa đổi, bổ sung Điều 5 như sau: …": clauses (khoản), not sections."""
    doc = extract_document(BULK / "197_35-2025-nq-hdnd.md")
    paths = [s.path for s in doc.sections]
    assert {"Điều 1", "Điều 2", "Điều 3", "Điều 4", "Điều 5"} <= set(paths)
    assert not any(p.startswith("Điều") and "." in p for p in paths)
    doc = from_text(paras("NGHỊ QUYẾT:", "Điều 1. Sửa đổi, bổ sung một số điều của Quy định",
                          "1. Sửa đổi khoản 2 Điều 5 như sau:", "“2. Mức hỗ trợ là 70%.”",
                          "2. Bổ sung Điều 7a như sau:", "Nội dung bổ sung.",
                          "Điều 2. Hiệu lực thi hành", "Nghị quyết có hiệu lực từ ngày ký."))
    assert [s.path for s in doc.sections] == ["Điều 1", "Điều 2"]
    assert [i.marker for i in doc.items if i.kind == "number"][:2] == ["1.", "2."]
