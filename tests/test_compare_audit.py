"""The comparison-side classes of the hand audit (corpus/audits/): several child targets
pairing with one parent target, restatements folded, no_figure for an indicator measured
"mỗi năm", and the parent's milestone at the child's deadline.  Each on the real rows the
audit names and on a constructed variant."""
from __future__ import annotations

import pytest
from conftest import CORPUS

import pipeline
from pipeline.linking.compare import compare_records
from pipeline.linking.figures import comparable_targets, fold_restatements
from pipeline.linking.parents import compare_pair

CHAIN = {
    "57": CORPUS / "chains" / "57-nq-tw-khcn-dmst-cds.md",
    "201": CORPUS / "bulk" / "201_179-kh-ubnd.md",            # Đồng Nai, cites 57 as basis
    "014": CORPUS / "public" / "014_dongthap-552-kh-ubnd-doi-moi-cong-nghe-2035.txt",
}


def record(text: str) -> dict:
    """A record of a constructed text, with the text kept (for no_figure)."""
    doc = pipeline.from_text(text)
    rec = doc.to_dict()
    rec["text"] = doc.text
    return rec


@pytest.fixture(scope="module")
def chain():
    recs = [pipeline.extract_document(p).to_dict() for p in CHAIN.values()]
    df = compare_records(recs, references=[]).divergences
    return df[(df["parent_number"] == "57-NQ/TW") & (df["link"] != "sibling")]


@pytest.fixture(scope="module")
def seed003(seed_records):
    df = compare_records(seed_records).divergences
    return df[df["child_doc"].str.startswith("003") & (df["parent_doc"] == "ref:1629/QĐ-TTg")]


def of(df, key):
    return df[df["child_doc"].str.startswith(CHAIN[key].name)]


PARENT = ("CHƯƠNG TRÌNH\nPhòng, chống ma túy giai đoạn 2021-2025\nI. MỤC TIÊU\n2. Chỉ tiêu\n"
          "- 100% tỉnh, thành phố xây dựng kế hoạch và tổ chức thực hiện công tác phòng, "
          "chống ma túy.\n"
          "- Ít nhất 70% số xã, phường tổ chức được ít nhất một hình thức tuyên truyền về "
          "phòng, chống ma túy.\n"
          "- Ít nhất 20% số cơ sở kinh doanh dịch vụ karaoke, vũ trường được kiểm tra hằng năm.\n")
CHILD = ("KẾ HOẠCH\nThực hiện phòng, chống ma túy năm 2024\nI. MỤC TIÊU, CHỈ TIÊU\n2. Chỉ tiêu\n"
         "- 100% huyện, thị xã và 100% xã, phường xây dựng kế hoạch và tổ chức thực hiện công "
         "tác phòng, chống ma túy.\n"
         "- 100% xã, phường tổ chức ít nhất một hình thức tuyên truyền về phòng, chống ma túy.\n"
         "- Tổ chức kiểm tra các cơ sở kinh doanh dịch vụ karaoke, vũ trường trên địa bàn.\n"
         "II. NHIỆM VỤ\n1. Tuyên truyền\n"
         "- Mỗi xã, phường phải tổ chức ít nhất một hình thức tuyên truyền về phòng, chống "
         "ma túy trong năm 2024.\n")


@pytest.fixture(scope="module")
def constructed():
    return compare_pair(record(CHILD), record(PARENT), "direct", "cited as parent")


# (a) one sentence, one figure, several units -------------------------------------------

def test_split_sentence_pairs_every_unit_real(seed003):
    """003: "100% huyện, thị xã, thành phố và 100% xã, phường, thị trấn xây dựng kế hoạch":
    both figures pair with the programme's "100% tỉnh ... xây dựng kế hoạch", each row
    naming its scope; neither is only_in_child."""
    r = seed003[seed003["child_quote"].str.startswith("100% huyện, thị xã, thành phố và")]
    assert len(r) == 2 and set(r["status"]) == {"equal"}
    assert r["parent_indicator"].str.startswith("tỉnh, thành phố trực thuộc trung ương xây").all()
    assert set(r["indicator"].str.split(",").str[0]) == {"huyện", "xã"}
    split = r[r["scope_note"].str.contains("same sentence")]
    assert len(split) == 1 and "child counts huyện" in split.iloc[0]["scope_note"]


def test_split_sentence_pairs_every_unit_constructed(constructed):
    rows = [r for r in constructed if "100% huyện, thị xã và" in r["child_quote"]]
    assert len(rows) == 2 and {r["status"] for r in rows} == {"equal"}
    assert {r["parent_indicator"] for r in rows} == {
        "tỉnh, thành phố xây dựng kế hoạch và tổ chức thực hiện công tác phòng, chống ma túy"}
    assert not any(r["status"] == "only_in_child" for r in constructed)


def test_split_sentence_needs_units_or_score():
    """Two figures of one sentence over things that are not administrative units
    (offences and establishments) do not share a parent target."""
    child = record("KẾ HOẠCH\nI. MỤC TIÊU\n2. Chỉ tiêu\n- 100% tố giác về ma túy được xử lý "
                   "kịp thời; 100% cơ sở karaoke được kiểm tra ít nhất một lần.\n")
    parent = record("CHƯƠNG TRÌNH\nI. MỤC TIÊU\n2. Chỉ tiêu\n- 100% cơ sở karaoke được "
                    "kiểm tra ít nhất một lần.\n")
    rows = compare_pair(child, parent, "direct", "cited")
    assert [r["status"] for r in rows if "tố giác" in r["indicator"]] == ["only_in_child"]


def test_same_indicator_other_population_real(chain):
    """Đồng Nai: people's use of online public services (≥80%) pairs, like the firms'
    share, with the national "người dân và doanh nghiệp ... trên 80%"."""
    r = of(chain, "201")
    r = r[r["indicator"].str.contains("người dân trên 15 tuổi", regex=False)]
    assert list(r["status"]) == ["below_parent"]
    assert "dịch vụ công trực tuyến" in r.iloc[0]["parent_quote"]
    assert "same indicator and figure" in r.iloc[0]["scope_note"]


def test_same_indicator_other_population_constructed():
    child = record("KẾ HOẠCH\nI. MỤC TIÊU\n2. Chỉ tiêu\n"
                   "- Tỷ lệ doanh nghiệp sử dụng dịch vụ công trực tuyến đạt 90%.\n"
                   "- Tỷ lệ người dân sử dụng dịch vụ công trực tuyến đạt 90%.\n")
    parent = record("CHƯƠNG TRÌNH\nI. MỤC TIÊU\n2. Chỉ tiêu\n- Tỷ lệ người dân và doanh "
                    "nghiệp sử dụng dịch vụ công trực tuyến đạt trên 80%.\n")
    rows = compare_pair(child, parent, "direct", "cited")
    assert [r["status"] for r in rows] == ["above_parent", "above_parent"]


# (b) and (e) a plan restating its own target ------------------------------------------

def test_restatement_folded_real(seed003, chain):
    """003 restates "ít nhất một hình thức tuyên truyền" for every commune in its tasks
    (V.13); Đồng Tháp 552 restates two targets in its roadmap (III): one row each, the
    restatement named on it."""
    r = seed003[seed003["child_quote"].str.contains("một hình thức tuyên truyền", regex=False)]
    assert list(r["status"]) == ["above_parent"] and r.iloc[0]["child_restated"].startswith("V.")
    assert not seed003["child_quote"].str.contains("mỗi xã, phường, thị trấn", regex=False).any()
    d = of(chain, "014")
    for phrase, value in (("khu công nghiệp, cụm công nghiệp", "100%"),
                          ("công nghệ tiên tiến", "≥80%")):
        said = (d["child_quote"] + d["child_restated"]).str.contains(phrase, regex=False)
        r = d[said & (d["child_value"] == value)]
        assert len(r) == 1 and r.iloc[0]["child_restated"].startswith("III.")


def test_restatement_folded_constructed(constructed):
    rows = [r for r in constructed if "hình thức tuyên truyền" in r["child_quote"]]
    assert len(rows) == 1 and rows[0]["status"] == "above_parent"
    assert rows[0]["child_restated"].startswith("II.1: ")
    targets = comparable_targets(record(CHILD)["targets"])
    assert len(fold_restatements(targets)) == len(targets) - 1


def test_restatement_needs_same_figure():
    """The same words with another figure (a milestone, a new figure) are not folded."""
    rec = record("KẾ HOẠCH\nI. MỤC TIÊU\n- 100% xã tổ chức tuyên truyền về phòng, chống ma túy.\n"
                 "II. LỘ TRÌNH\n- 80% xã tổ chức tuyên truyền về phòng, chống ma túy.\n")
    targets = comparable_targets(rec["targets"])
    assert len(targets) == 2 and fold_restatements(targets) == targets


# (c) named without a figure, measured "mỗi năm" ----------------------------------------

def test_named_per_year_indicator_no_figure(seed003, constructed):
    """The programme's "20% cơ sở ... được kiểm tra mỗi năm": 003 names inspecting those
    establishments in its targets without a share (no_figure, not missing_in_child)."""
    r = seed003[seed003["parent_indicator"].str.contains("kiểm tra mỗi năm", regex=False)]
    assert list(r["status"]) == ["no_figure"]
    assert "kiểm tra các cơ sở kinh doanh dịch vụ" in r.iloc[0]["child_quote"]
    r = [x for x in constructed if "hằng năm" in x["parent_indicator"]]
    assert [x["status"] for x in r] == ["no_figure"]
    assert "karaoke" in r[0]["child_quote"]


# (d) the parent's milestone at the child's deadline -----------------------------------

def test_parent_milestone_at_child_deadline_real(chain):
    """Đồng Nai's "tối thiểu 10 doanh nghiệp công nghệ số mới" (2030) is set against the
    resolution's 2030 figure (≥5), its 2045 vision (≥10) shown beside it."""
    r = of(chain, "201")
    r = r[r["child_quote"].str.contains("10 doanh nghiệp công nghệ số", regex=False)]
    assert len(r) == 1 and r.iloc[0]["parent_deadline"] == "2030"
    assert r.iloc[0]["parent_value"].startswith("≥5 ")
    assert r.iloc[0]["parent_milestones"].startswith("2045: ≥10")


def test_parent_milestone_at_child_deadline_constructed():
    parent = record("NGHỊ QUYẾT\nI. MỤC TIÊU\n"
                    "- Đến năm 2030, có ít nhất 5 doanh nghiệp công nghệ số ngang tầm khu vực.\n"
                    "- Đến năm 2045, có ít nhất 10 doanh nghiệp công nghệ số ngang tầm khu vực.\n")
    child = record("KẾ HOẠCH\nI. MỤC TIÊU\n- Đến năm 2030, phát triển ít nhất 10 doanh nghiệp "
                   "công nghệ số ngang tầm khu vực.\n")
    rows = compare_pair(child, parent, "direct", "cited")
    assert len(rows) == 1
    assert rows[0]["parent_deadline"] == "2030" and rows[0]["status"] == "above_parent"
    assert rows[0]["parent_milestones"].startswith("2045: ≥10")
