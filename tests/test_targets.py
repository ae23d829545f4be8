"""Target extraction (pipeline/stages/targets/) on the real seeds, public plans and snippets.

Rules: corpus/ANNOTATION.md.  Each hard negative of the annotation rules has a test of its own.
"""
import re

import pytest
from conftest import ROOT, SEED_PATHS

from pipeline import extract_document, from_text
from pipeline.evaluate import score_list
from pipeline.evaluate.gold import load_gold_dir
from pipeline.stages.targets import comparator_before, unit_after
from pipeline.stages.targets.patterns import alt, cues, fill, regexes
from pipeline.stages.targets.view import view

SEEDS = SEED_PATHS
PUBLIC = ["005_hcm-174-kh-ubnd-binh-dang-gioi-2025", "009_nghean-987-kh-ubnd-5g-iot-kcn",
          "016_ttg-2623-qd-ke-hoach-thi-hanh-luat-bvdlcn", "011_hanoi-310-kh-ubnd-5g-iot-kcn"]
HEAD = ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\n\nSố: 12/KH-UBND\n\nQuảng Trị, ngày 10 tháng 3 năm 2022\n\n"
        "KẾ HOẠCH\n\nPhòng, chống mại dâm trên địa bàn tỉnh năm 2022\n\n")


@pytest.fixture(scope="module")
def docs(seed_docs):
    out = dict(seed_docs)
    for stem in PUBLIC:
        p = ROOT / "corpus" / "public" / f"{stem}.txt"
        if p.exists():
            out[stem] = extract_document(p)
    return out


@pytest.fixture(scope="module")
def gold():
    return load_gold_dir(ROOT / "corpus" / "gold")


def seed(docs, prefix):
    return next(d for k, d in docs.items() if k.startswith(prefix) and len(k) == 20)


def snippet(body: str):
    return from_text(HEAD + body)


def targets_with(doc, value=None, unit=None, kind=None):
    return [t for t in doc.targets if (value is None or t.value == value)
            and (unit is None or t.unit == unit) and (kind is None or t.kind == kind)]


# ---------------------------------------------------------------- scores against the gold

def test_seed_scores_meet_floors(docs, gold):
    tp = fp = fn = 0
    attrs = {}
    for doc_id, doc in docs.items():
        if doc_id not in gold:
            continue
        r = score_list("targets", gold[doc_id]["targets"], [t.to_dict() for t in doc.targets])
        tp, fp, fn = tp + r["tp"], fp + r["fp"], fn + r["fn"]
        for a, v in r["attributes"].items():
            c, n = attrs.get(a, (0, 0))
            attrs[a] = (c + v["correct"], n + v["total"])
    p, r = tp / (tp + fp), tp / (tp + fn)
    assert 2 * p * r / (p + r) >= 0.97, (tp, fp, fn)
    for a in ("comparator", "deadline", "unit", "kind"):
        c, n = attrs[a]
        assert c / n >= 0.95, (a, c, n)


def test_every_target_points_into_the_text(docs):
    for doc in docs.values():
        for t in doc.targets:
            assert 0 <= t.start < t.end <= len(doc.text)
            assert t.quote and t.indicator
            span = " ".join(doc.text[t.start:t.end].split())
            assert t.quote.replace(" ", "")[:20] in span.replace(" ", "").replace("*", "")


# ---------------------------------------------------------------- kinds and values

def test_percent_with_indicator_after(docs):
    t = targets_with(seed(docs, "000"), 70, "%")[0]
    assert t.comparator == "bare" and t.indicator.startswith("số xã, phường, tổ chức")
    assert "duy trì" not in t.indicator


def test_indicator_before_the_number(docs):
    doc = docs["005_hcm-174-kh-ubnd-binh-dang-gioi-2025"]
    t = next(t for t in targets_with(doc, 27, "%"))
    assert t.comparator == "at_least" and "nữ giám đốc" in t.indicator


def test_two_percentages_share_the_comparator(docs):
    doc = seed(docs, "000")
    sixty, fifty = targets_with(doc, 60, "%")[0], targets_with(doc, 50, "%")[0]
    assert sixty.comparator == fifty.comparator == "at_least"
    assert sixty.quote == fifty.quote


def test_hundred_and_hundred_are_two_targets(docs):
    doc = seed(docs, "003")
    both = [t for t in doc.targets if "100% huyện, thị xã, thành phố và 100% xã" in t.quote]
    assert len(both) == 2


def test_number_defining_the_indicator_is_not_a_second_target(docs):
    doc = seed(docs, "000")
    # (the quote is the sentence: the clause's targets are those whose indicator is in it)
    clause = [t for t in doc.targets if "100% các cơ sở được kiểm tra ít nhất một lần" in t.quote
              and "kiểm tra" in t.indicator]
    assert [t.value for t in clause] == [100]
    doc3 = seed(docs, "003")
    first = [t for t in doc3.targets if "tổ chức được ít nhất là một hình thức" in t.quote
             and "hình thức" in t.indicator]
    assert [t.value for t in first] == [100]


def test_rate_pair(docs):
    doc = seed(docs, "004")
    assert targets_with(doc, 2, "lớp/năm") and targets_with(doc, 70, "người/lớp")
    assert targets_with(doc, 2700, "cuốn/năm")[0].comparator == "bare"


def test_frequency_at_least_once_a_month(docs):
    t = targets_with(seed(docs, "000"), 1, "lần/tháng", "frequency")[0]
    assert t.comparator == "at_least"


def test_frequency_range(docs):
    t = targets_with(seed(docs, "003"), 1, "lần/tháng", "frequency")[0]
    assert (t.value, t.value_max, t.comparator) == (1, 2, "range")


def test_count_in_a_target_section(docs):
    t = targets_with(seed(docs, "003"), 50)[0]
    assert t.kind == "count" and t.unit == "lượt người bán dâm" and t.deadline == "2022"


def test_more_than_and_less_than(docs):
    doc = docs["005_hcm-174-kh-ubnd-binh-dang-gioi-2025"]
    assert targets_with(doc, 30, "%") and any(t.comparator == "less_than" for t in targets_with(doc, 30, "%"))
    assert targets_with(seed(docs, "002"), 95, "%")[0].comparator == "more_than"


def test_phan_dau_is_bare(docs):
    t = targets_with(seed(docs, "002"), 80, "%")[0]
    assert t.comparator == "bare"


def test_snippet_multi_target_and_comparators():
    doc = snippet("I. CHỈ TIÊU\n\nÍt nhất 60% cán bộ cấp tỉnh và 50% ở cấp xã được tập huấn.\n\n"
                  "- Không quá 5% hồ sơ trễ hạn.\n\n- Dưới 3% số hộ tái nghèo.\n\n"
                  "- Tổ chức từ 2 đến 3 hội nghị.\n")
    got = {(t.value, t.comparator) for t in doc.targets}
    assert {(60, "at_least"), (50, "at_least"), (5, "at_most"), (3, "less_than")} <= got
    assert any(t.comparator == "range" and t.value_max == 3 for t in doc.targets)


# ---------------------------------------------------------------- deadlines

def test_deadline_from_heading(docs):
    t = targets_with(seed(docs, "000"), 70, "%")[0]
    assert (t.deadline, t.deadline_source) == ("2025", "heading")


def test_deadline_from_lead_in(docs):
    t = targets_with(seed(docs, "004"), 90, "%")[0]
    assert (t.deadline, t.deadline_source) == ("2025", "lead-in")


def test_deadline_from_item_period(docs):
    t = targets_with(seed(docs, "004"), 4, "phóng sự/năm")[0]
    assert (t.deadline, t.deadline_source) == ("2025", "item")


def test_annual_deadline(docs):
    t = targets_with(seed(docs, "002"), 80, "%")[0]
    assert t.deadline == "annual"


def test_heading_year_beats_plan_period(docs):
    assert targets_with(seed(docs, "002"), 95, "%")[0].deadline == "2030"


def test_plan_year_of_an_annual_plan(docs):
    t = targets_with(seed(docs, "003"), 60, "%")[0]
    assert (t.deadline, t.deadline_source) == ("2022", "plan-year")


def test_own_year_in_the_clause(docs):
    doc = docs["005_hcm-174-kh-ubnd-binh-dang-gioi-2025"]
    assert all(t.deadline == "2025" for t in targets_with(doc, kind="percent"))


def test_report_dates_take_the_plan_year(docs):
    dl = sorted(t.deadline for t in seed(docs, "003").targets if t.kind == "deadline")
    assert dl == ["2022-06-15", "2022-12-15"]


def test_quarter_deadline_tasks(docs):
    doc = seed(docs, "001")
    tasks = [t for t in doc.targets if t.kind == "deadline"]
    assert sorted(t.deadline for t in tasks) == ["2020-Q2", "2020-Q3", "2020-Q3"]
    assert all(t.value is None and t.unit is None and t.comparator is None for t in tasks)
    assert targets_with(doc, 2, "miền")[0].deadline == "2020-Q4"


def test_deadline_lines_of_tasks(docs):
    doc = docs["016_ttg-2623-qd-ke-hoach-thi-hanh-luat-bvdlcn"]
    got = sorted(t.deadline for t in doc.targets if t.kind == "deadline")
    assert got == ["2025-12-15", "2025-12-31", "2026-01-01", "2026-12-31", "2027"]


def test_snippet_deadlines():
    doc = snippet("I. CHẾ ĐỘ BÁO CÁO\n\n1. Các đơn vị báo cáo 6 tháng (trước ngày 15/6), năm (trước ngày 15/12).\n\n"
                  "2. Thành lập Ban soạn thảo (hoàn thành Quý II/2022).\n\n"
                  "3. Ban hành quy chế xong trong tháng 9/2022.\n")
    got = sorted(t.deadline for t in doc.targets)
    assert got == ["2022-06-15", "2022-09", "2022-12-15", "2022-Q2"]
    assert not targets_with(doc, 6)


# ---------------------------------------------------------------- hard negatives

def test_scope_facts_are_not_targets(docs):
    doc = seed(docs, "004")
    for v in (108, 8, 67, 648):
        assert not targets_with(doc, v), v


def test_document_numbers_and_dates_are_not_targets(docs):
    for doc in docs.values():
        for t in doc.targets:
            assert t.value not in (2060, 2021, 2004, 1241, 1629, 2623), (doc.doc_id, t.quote)
            assert not (t.unit or "").startswith(("/KH", "/QĐ", "KH-", "QĐ-"))


def test_doi_kiem_tra_178_and_decree_178(docs):
    for prefix in ("000", "001", "003"):
        assert not targets_with(seed(docs, prefix), 178)


def test_past_results_and_baselines_are_not_targets(docs):
    assert not targets_with(docs["009_nghean-987-kh-ubnd-5g-iot-kcn"], 87)
    assert not targets_with(docs["009_nghean-987-kh-ubnd-5g-iot-kcn"], 28)
    assert not targets_with(docs["011_hanoi-310-kh-ubnd-5g-iot-kcn"], 180)
    doc = snippet("I. CHỈ TIÊU\n\n- Năm 2021 tỷ lệ xã đạt chuẩn đã đạt 85%.\n\n"
                  "- Hiện nay có 87 trạm BTS trên địa bàn.\n\n- 100% xã được tuyên truyền.\n")
    assert [t.value for t in doc.targets] == [100]


def test_numbers_in_cited_titles_are_not_targets():
    doc = snippet("I. NHIỆM VỤ\n\n1. Tuyên truyền\n\n- Thực hiện Kế hoạch số 22/KH-UBND ngày 11/02/2022 về "
                  "Chương trình phòng, chống mại dâm giai đoạn 2021-2025.\n\n"
                  "- Tổng kết 05 năm thực hiện Chương trình 2016 - 2020.\n")
    assert doc.targets == []


def test_five_years_and_five_year_plans_are_not_targets(docs):
    assert not targets_with(seed(docs, "001"), 5)          # "Tổng kết 05 năm thực hiện"
    assert not targets_with(seed(docs, "002"), 5)          # "Kế hoạch … 5 năm, hàng năm"


def test_article_and_phone_numbers_are_not_targets():
    doc = snippet("I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tư pháp\n\n- Thực hiện theo Điều 5, khoản 3 Nghị định số 144/2021/NĐ-CP.\n\n"
                  "- Liên hệ: Điện thoại 0233 3852 123; đường dây nóng 1900 1234.\n")
    assert doc.targets == []


def test_money_in_budget_sections_is_not_a_target():
    doc = snippet("I. CHỈ TIÊU\n\n- 100% xã được tuyên truyền.\n\nII. KINH PHÍ\n\n"
                  "Tổng kinh phí 500 triệu đồng, trong đó 30% từ ngân sách tỉnh.\n")
    assert [t.value for t in doc.targets] == [100]


def test_objectives_are_not_targets_beside_a_chi_tieu_section(docs):
    doc = seed(docs, "003")
    assert not [t for t in doc.targets if "Triệt xóa 100%" in t.quote]


def test_objectives_are_targets_without_a_chi_tieu_section(docs):
    assert len(targets_with(seed(docs, "004"), 90, "%")) == 2      # I.2 "Mục tiêu cụ thể"


def test_report_cycles_are_not_targets(docs):
    assert not targets_with(seed(docs, "003"), 6)                  # "báo cáo định kỳ 6 tháng"
    assert not targets_with(seed(docs, "004"), 6)                  # "(06 tháng và 01 năm)"


def test_day_and_month_numbers_are_not_counts():
    doc = snippet("I. NHIỆM VỤ\n\n- Báo cáo định kỳ 06 tháng (trước ngày 20 tháng 6 hằng năm).\n")
    assert all(t.kind == "deadline" for t in doc.targets)


def test_ongoing_task_periods_are_not_deadlines():
    doc = snippet("I. NHIỆM VỤ\n\n1. Tập huấn nghiệp vụ\n\n- Cơ quan chủ trì: Sở Nội vụ.\n\n"
                  "- Thời gian thực hiện: Năm 2022 và các năm tiếp theo.\n")
    assert doc.targets == []


# ---------------------------------------------------------------- parts

@pytest.mark.parametrize("before, cmp", [
    ("Ít nhất", "at_least"), ("phấn đấu ít nhất", "at_least"), ("tối thiểu là", "at_least"),
    ("không dưới", "at_least"), ("Trên", "more_than"), ("đạt trên", "more_than"),
    ("không quá", "at_most"), ("tối đa", "at_most"), ("xuống dưới", "less_than"),
    ("các cấp ít nhất vào năm 2025 đạt", "at_least"), ("Có ≥", "at_least"),
    ("Phấn đấu", None), ("trên địa bàn có", None), ("", None),
])
def test_comparator_before(before, cmp):
    assert comparator_before(before) == cmp


@pytest.mark.parametrize("after, unit", [
    (" phóng sự/năm.", "phóng sự/năm"), (" người/01 lớp)", "người/lớp"),
    (" lượt người bán dâm.", "lượt người bán dâm"), (" miền (dự kiến", "miền"),
    (" tập thể hoặc cá nhân (ưu tiên", "tập thể hoặc cá nhân"),
    (" ca sinh/1.000 phụ nữ xuống", "ca sinh/1.000 phụ nữ"), (" tin, bài về", "tin, bài"),
])
def test_unit_after(after, unit):
    assert unit_after(after)[0] == unit


def test_non_plan_documents_give_few_targets():
    p = ROOT / "corpus" / "bulk" / "098_58-2025-tt-bct.md"
    doc = extract_document(p)
    assert doc.meta.doc_type == "Thông tư"
    assert doc.targets == []


# ---------------------------------------------------------------- later rules

PLAIN_HEAD = ("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\n\nSố: 597/KH-UBND\n\nĐồng Tháp, ngày 27 tháng 11 năm 2025\n\n"
              "KẾ HOẠCH\n\nChuyển đổi số trong quản lý hạ tầng giao thông\n\n")


def test_plan_horizon_from_the_objectives_heading():
    doc = from_text(PLAIN_HEAD + "I. MỤC TIÊU\n\n1. Mục tiêu cụ thể đến năm 2030\n\n"
                    "- 100% hồ sơ được quản lý trên môi trường số.\n\nII. NHIỆM VỤ\n\n1. Dịch vụ công\n\n"
                    "- Nâng cấp dịch vụ công; bảo đảm 100% thủ tục hành chính trả kết quả điện tử.\n")
    assert [(t.deadline, t.deadline_source) for t in doc.targets] == [("2030", "heading"), ("2030", "plan-horizon")]


def test_annual_after_the_number_does_not_replace_the_heading_year():
    doc = from_text(PLAIN_HEAD + "I. CHỈ TIÊU ĐẾN NĂM 2030\n\n- 100% cán bộ được bồi dưỡng hằng năm.\n\n"
                    "- Hằng năm, số vụ vi phạm được phát hiện tăng trên 3%.\n")
    assert [t.deadline for t in doc.targets] == ["2030", "annual"]


def test_a_range_of_quarters_is_due_at_its_end():
    doc = from_text(PLAIN_HEAD + "PHỤ LỤC\n\n| TT | Nhiệm vụ | Chủ trì | Thời gian |\n|---|---|---|---|\n"
                    "| 1 | Khảo sát, đánh giá thực trạng hạ tầng viễn thông | Sở Khoa học và Công nghệ | Quý IV/2025 - Quý II/2026 |\n"
                    "| 2 | Tổ chức triển khai các dự án | Sở Tài chính | Thường xuyên |\n")
    assert [(t.kind, t.deadline) for t in doc.targets] == [("deadline", "2026-Q2")]
    assert doc.targets[0].indicator.startswith("Khảo sát, đánh giá thực trạng")


def test_count_indicator_is_the_phrase_before_a_rate():
    doc = from_text(PLAIN_HEAD + "I. CHỈ TIÊU\n\n- Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ; "
                    "tỷ số giới tính khi sinh dưới 109 bé trai/100 bé gái.\n")
    got = [(t.value, t.unit, t.comparator, t.indicator) for t in doc.targets]
    assert got == [(2.1, "con/phụ nữ", "bare", "tổng tỷ suất sinh"),
                   (109, "bé trai/100 bé gái", "less_than", "tỷ số giới tính khi sinh")]


def test_baseline_year_after_so_voi_is_not_the_deadline():
    doc = from_text(PLAIN_HEAD.replace("Chuyển đổi số trong quản lý hạ tầng giao thông",
                                       "Phòng, chống ma túy giai đoạn 2026 - 2030")
                    + "I. CHỈ TIÊU\n\n- Giảm 10% số người nghiện so với năm 2025.\n\n"
                    "- Tối thiểu 70% số xã có mô hình; phấn đấu đến năm 2028 đạt 85%.\n")
    got = [(t.value, t.comparator, t.deadline, t.indicator) for t in doc.targets]
    assert got == [(10, "bare", "2030", "số người nghiện"), (70, "at_least", "2030", "số xã có mô hình"),
                   (85, "bare", "2028", "số xã có mô hình")]


# ---------------------------------------------------------------- bulk plans (no gold)

def bulk(name):
    return extract_document(ROOT / "corpus" / "bulk" / name)


def test_a_share_with_a_strong_comparator_is_a_target():
    """"… chiếm tối thiểu 20%" commits to a share; "chiếm 30% dân số" states one."""
    doc = bulk("201_179-kh-ubnd.md")
    shares = [t for t in doc.targets if "chiếm" in t.quote and t.kind == "percent"]
    assert {(t.value, t.comparator) for t in shares} >= {(20, "at_least"), (80, "at_least")}
    fact = from_text(PLAIN_HEAD + "I. MỤC TIÊU\n\n- Dân số đô thị chiếm 30% dân số toàn tỉnh.\n")
    assert fact.targets == []


def test_indicator_keeps_a_closed_parenthesis_and_drops_the_list_marker():
    doc = bulk("201_179-kh-ubnd.md")
    indicators = {t.indicator for t in doc.targets if t.kind == "percent"}
    assert "Tỷ lệ nhà máy sử dụng nền tảng số phục vụ sản xuất (MES)" in indicators
    assert not [i for i in indicators if i[:1].isdigit() or i.startswith("(")]


def test_ownership_percent_is_not_a_target():
    doc = bulk("162_302-2025-nd-cp.md")
    assert not [t for t in doc.targets if "vốn điều lệ" in t.quote]


def test_due_date_of_a_task_field_item_names_the_task():
    """"a) Nhiệm vụ: … b) Cơ quan thực hiện: … c) Thời gian thực hiện: …"."""
    doc = bulk("122_308-kh-ubnd.md")
    tasks = [t for t in doc.targets if t.kind == "deadline"]
    assert tasks and all(not t.indicator.endswith(":") for t in tasks)
    assert tasks[0].indicator.startswith("Tham mưu UBND Thành phố phối hợp với Bộ Công an")


def test_a_date_inside_a_condition_is_no_due_date():
    """"Trường hợp cá nhân nhận được … trước ngày 19/02/2025 … thì …": the date bounds a
    case of the rule, it is not a task's deadline (the numeric targets skip such clauses too)."""
    doc = bulk("190_5680-ct-cs.md")
    assert "trước ngày 19/02/2025" in doc.text
    assert not [t for t in doc.targets if t.kind == "deadline" and "19/02/2025" in t.quote]
    kept = bulk("065_1627-qd-ubnd.md")             # plain task fields keep their due dates
    assert len([t for t in kept.targets if t.kind == "deadline"]) >= 9


def test_every_pattern_of_the_yaml_fills_and_compiles():
    """targets.yaml: each {name} of a template is a piece, a fixed fragment or a word list."""
    c = cues()
    for name, template in c["patterns"].items():
        filled = fill(template, comparator="x")
        assert not re.search(r"\{[a-z_]", filled), name
        re.compile(filled)
    assert fill("{comparators.at_most}") == alt(c["comparators"]["at_most"])
    assert fill("(?:{share_cues+share_nouns})") == f"(?:{alt(c['share_cues'] + c['share_nouns'])})"
    assert regexes()["at_most"].fullmatch("Không  vượt quá")


def test_the_view_spells_qui_as_quy():
    assert view("Quí II/2025, quí 3") == "Quý II/2025, quý 3"


@pytest.mark.parametrize("line, value", [
    ("- Phấn đấu thành lập mới 05 tổ chức", 5),
    ("- Phấn đấu thành lập mới 05 tổ chức; hỗ trợ 12 hoạt động", 12),
])
def test_count_of_a_noun_stop_at_the_clause_end(line, value):
    """A count whose counted noun is a stop phrase ("tổ chức") at the very end of its
    clause: once an IndexError that failed the whole targets stage."""
    doc = from_text(f"KẾ HOẠCH\nThực hiện năm 2025\nI. MỤC TIÊU\n1. Chỉ tiêu\n{line}\n")
    assert not doc.errors
    units = {t.value: t.unit for t in doc.targets}
    assert units[value] in ("tổ chức", "hoạt động")
