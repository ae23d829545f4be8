"""Parent-finding on real chains: 57-NQ/TW and the plans that implement it, applicability
(not_applicable), named without a figure (no_figure), scope, sizes and milestones."""
from __future__ import annotations

import pytest
from conftest import CORPUS

import pipeline
from pipeline.linking import link as lk
from pipeline.linking.compare import compare_records
from pipeline.linking.figures import comparable_targets, is_size
from pipeline.linking.parents import compare_pair

CHAIN = {
    "57": CORPUS / "chains" / "57-nq-tw-khcn-dmst-cds.md",
    "201": CORPUS / "bulk" / "201_179-kh-ubnd.md",            # Đồng Nai, cites 57 as basis
    "102": CORPUS / "blind" / "102_144-kh-ubnd.md",           # Bắc Ninh, cites 57 as basis
    "014": CORPUS / "public" / "014_dongthap-552-kh-ubnd-doi-moi-cong-nghe-2035.txt",
    "011": CORPUS / "public" / "011_hanoi-310-kh-ubnd-5g-iot-kcn.txt",   # cites 57 as parent
    "009": CORPUS / "public" / "009_nghean-987-kh-ubnd-5g-iot-kcn.txt",  # 57 named via 328-KH/TU
    "008": CORPUS / "public" / "008_dongthap-597-kh-ubnd-cds-ha-tang-giao-thong.txt",
    "018": CORPUS / "public" / "018_ttg-2597-qd-de-an-cds-ket-cau-ha-tang-xay-dung.txt",
}


@pytest.fixture(scope="module")
def chain_records():
    return {k: pipeline.extract_document(p).to_dict() for k, p in CHAIN.items()}


@pytest.fixture(scope="module")
def chain(chain_records):
    res = compare_records(list(chain_records.values()), references=[])
    df = res.divergences
    return res, df[(df["parent_number"] == "57-NQ/TW") & (df["link"] != "sibling")]


def rows_of(df, key, phrase=None, status=None):
    r = df[df["child_doc"].str.startswith(CHAIN[key].name)]
    if phrase:
        r = r[r["child_quote"].str.contains(phrase, regex=False)]
    if status:
        r = r[r["status"] == status]
    return r


def test_57_links_however_cited(chain_records):
    """Every plan is linked to 57-NQ/TW: as parent (011), as basis at a lower level (201,
    102, 014, 008), as basis at the same (national) level (018), and named only inside the
    description of the provincial action plan it implements (009, via 328-KH/TU)."""
    res = lk.link_records(list(chain_records.values()))
    rel = {}
    for l in res.links:
        if l["parent_number"] == "57-NQ/TW" and lk.relation(l, res):
            rel[l["child_doc"].split("@")[0]] = (lk.relation(l, res), l.get("via"))
    want = {"011": "parent", "201": "basis", "102": "basis", "014": "basis", "008": "basis",
            "018": "basis", "009": "via"}
    for key, relation in want.items():
        assert rel[CHAIN[key].name][0] == relation, key
    assert rel[CHAIN["009"].name][1] == "328-KH/TU"


def test_57_pairs_with_scope_and_comparator(chain):
    _, df = chain
    # Đồng Nai restates "tối thiểu 30% GRDP" against the national "tối thiểu 30% GDP"
    r = rows_of(df, "201", "30% GRDP")
    assert list(r["status"]) == ["equal"] and list(r["value_scope"]) == ["GRDP vs GDP"]
    assert "GRDP" in r.iloc[0]["scope_note"] and "Quy mô kinh tế số" in r.iloc[0]["parent_quote"]
    assert (r["relation"] == "basis").all()
    # Bắc Ninh: 45% GRDP above the national 30% GDP
    r = rows_of(df, "102", "45% GRDP")
    assert list(r["status"]) == ["above_parent"] and list(r["value_scope"]) == ["GRDP vs GDP"]
    # Bắc Ninh "tối thiểu 40%" innovating firms against the national "trên 40%": weaker wording
    r = rows_of(df, "102", "đổi mới sáng tạo đạt tối thiểu 40%")
    assert list(r["status"]) == ["below_parent"]
    assert "weaker wording" in r.iloc[0]["status_reason"]
    assert r.iloc[0]["parent_comparator"] == "more_than"
    # Đồng Tháp 552: 40% GRDP by 2035, above the parent's figure but due after 2030
    r = rows_of(df, "014", "40% GRDP")
    assert list(r["status"]) == ["deadline_later"] and list(r["value_scope"]) == ["GRDP vs GDP"]


def test_57_targets_a_province_cannot_carry(chain):
    _, df = chain
    assert not (df["status"] == "missing_in_child").any()
    na = df[df["status"] == "not_applicable"]
    assert (na["status_reason"].str.len() > 0).all()
    # a national count ("Tối thiểu có 5 doanh nghiệp công nghệ số ...")
    r = rows_of(na, "008")
    assert r["status_reason"].str.contains("national count").any()
    # a 2045 vision figure against a plan to 2030: not asked of it (when the parent gives
    # the indicator's 2030 milestone too, the 2045 figure is shown beside the compared one)
    vision = df[df["parent_deadline"] == "2045"]
    assert (vision["status"] == "not_applicable").all()
    assert not rows_of(vision, "201")["child_value"].astype(bool).any()
    assert rows_of(df, "201")["parent_milestones"].str.startswith("2045: ").any()
    # 011 cites 57 as its parent but is a plan on 5G/IoT: the rest lies outside its topic
    assert rows_of(na, "011")["status_reason"].str.contains("narrower topic").any()
    # cited only as basis: said so
    assert rows_of(na, "018")["status_reason"].str.contains("legal basis").any()


@pytest.fixture(scope="module")
def seeds(seed_records):
    return compare_records(seed_records).divergences


def seed_rows(df, prefix, status=None):
    r = df[df["child_doc"].str.startswith(prefix) & (df["link"] != "sibling")]
    return r if status is None else r[r["status"] == status]


def test_district_not_asked_for_provinces(seeds):
    """000 (a district plan) is not flagged for "100% tỉnh, thành phố ... xây dựng kế hoạch"."""
    r = seed_rows(seeds, "000")
    r = r[r["parent_indicator"].str.startswith("tỉnh, thành phố trực thuộc trung ương xây dựng")]
    assert list(r["status"]) == ["not_applicable"]
    assert "district cannot carry" in r.iloc[0]["status_reason"]


def test_basis_only_plan_not_flagged(seeds):
    """004 cites 1629/QĐ-TTg only as "Căn cứ" and plans for ethnic-minority areas: none of
    the programme's targets is missing_in_child."""
    r = seed_rows(seeds, "004")
    parents = r[r["parent_quote"] != ""]
    assert len(parents) == 9 and (parents["status"] == "not_applicable").all()
    assert parents["status_reason"].str.contains("legal basis").all()
    assert (parents["relation"] == "basis").all() and (parents["severity"] == "info").all()


def test_named_without_figure(seeds):
    """003 names the students and workers to be reached in its targets, without a number."""
    r = seed_rows(seeds, "003", "no_figure")
    students = r[r["parent_indicator"].str.startswith("học sinh")]
    assert len(students) == 1 and "học sinh" in students.iloc[0]["child_quote"]
    assert students.iloc[0]["child_value"] == ""
    assert not seed_rows(seeds, "003", "missing_in_child")["parent_indicator"].str.startswith(
        "học sinh").any()


def test_narrower_target_pairs(seeds):
    """003's "các cơ sở có biểu hiện phức tạp ... phải kiểm tra ít nhất một lần" pairs with
    the programme's "100% cơ sở ... được kiểm tra ít nhất một lần", noted narrower_scope."""
    r = seed_rows(seeds, "003")
    r = r[r["child_quote"].str.contains("biểu hiện phức tạp", regex=False)]
    assert len(r) == 1 and r.iloc[0]["status"] == "equal"
    assert r.iloc[0]["scope_note"].startswith("narrower_scope")
    assert "ít nhất một lần" in r.iloc[0]["parent_indicator"]


def test_size_is_not_a_target(seeds, seed_records):
    """"02 lớp/năm (70 người/01 lớp)": the class size gives no row."""
    assert not seed_rows(seeds, "004")["child_value"].str.contains("người/lớp").any()
    rec = next(r for r in seed_records if r["doc_id"].startswith("004"))
    assert any(t["unit"] == "người/lớp" for t in rec["targets"])        # still extracted


def test_severity_follows_relation(seeds):
    """A programme the child does not cite (inferred) gives at most medium findings."""
    inferred = seeds[(seeds["relation"] == "inferred")]
    assert len(inferred) and not (inferred["severity"] == "high").any()
    assert (inferred[inferred["status"] == "missing_in_child"]["severity"] == "medium").all()


def test_figures_variants():
    """Constructed variants of the every-unit and size readings."""
    doc = pipeline.from_text(
        "KẾ HOẠCH\nI. MỤC TIÊU\n2. Chỉ tiêu\n"
        "- Mỗi huyện, thị xã phải tổ chức ít nhất 01 hội nghị tập huấn về phòng, chống ma túy.\n"
        "- Tổ chức 03 lớp/năm (40 học viên/lớp) cho cán bộ cơ sở.\n"
        "- Xây dựng ít nhất 01 sàn giao dịch dữ liệu của tỉnh.\n").to_dict()
    units = {t["unit"]: t for t in doc["targets"]}
    assert is_size(units["học viên/lớp"]) and not is_size(units["lớp/năm"])
    read = comparable_targets(doc["targets"])
    assert not any(t["unit"] == "học viên/lớp" for t in read)
    every = [t for t in read if t.get("read_as")]
    assert len(every) == 1 and every[0]["value"] == 100 and "huyện" in every[0]["indicator"]
    assert any(t["value"] == 1 and "sàn giao dịch" in (t["indicator"] or "") for t in read)


def test_milestones_compare_at_parent_deadline():
    child = pipeline.from_text(
        "KẾ HOẠCH\nI. MỤC TIÊU\n2. Chỉ tiêu\n"
        "- Đến năm 2027, tỷ lệ hộ gia đình được tiếp cận Internet cáp quang đạt 60%.\n"
        "- Đến năm 2030, tỷ lệ hộ gia đình được tiếp cận Internet cáp quang đạt 90%.\n").to_dict()
    parent = pipeline.from_text(
        "CHƯƠNG TRÌNH\nI. MỤC TIÊU\n2. Chỉ tiêu\n"
        "- Đến năm 2030, tỷ lệ hộ gia đình được tiếp cận Internet cáp quang đạt 100%.\n").to_dict()
    assert len(child["targets"]) == 2
    rows = compare_pair(child, parent, "direct", "cited as parent")
    paired = [r for r in rows if r["parent_value"] and r["child_value"]]
    assert len(paired) == 1 and paired[0]["child_deadline"] == "2030"
    assert paired[0]["child_value"] == "90%" and paired[0]["status"] == "below_parent"
    assert paired[0]["child_milestones"] == "2027: 60%"
    assert not any(r["status"] == "only_in_child" for r in rows)
