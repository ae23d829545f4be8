"""Portal exports (corpus/web): the document cut out of the page, its layout table read,
the site's metadata kept as a fallback, nothing of the site's furniture extracted."""
import re

import pytest
from conftest import ROOT

import pipeline
from pipeline import normalise
from pipeline.stages.metadata.site import site_fields

WEB = sorted((ROOT / "corpus" / "web").glob("*.md"))
#: words only the portal prints (notices, sidebars, login text, comparison help)
FURNITURE = ("THƯ VIỆN PHÁP LUẬT", "Văn bản liên quan", "Đang tải văn bản",
             "Văn bản này chưa cập nhật", "Đăng xuất", "Click vào",
             "NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN", "Xem chi tiết tại")
HEADING = re.compile(r"(?m)^(?:[IVX]{1,4}[.\-] |Điều \d+\. )")


@pytest.fixture(scope="module")
def web():
    return {p.name[:3]: pipeline.extract_document(p) for p in WEB}


def _fields_start(doc):
    i = doc.text.find("\nSố hiệu: ")
    assert i > 0, doc.doc_id
    return i


# ---------------------------------------------------------------- every web export

def test_every_web_export_is_cut_out_of_its_page(web):
    assert len(web) == 60
    for name, doc in web.items():
        first = doc.text.split("\n", 1)[0]
        assert first == first.upper() and len(first.split()) >= 2, (name, first)
        for word in FURNITURE:
            assert word not in doc.text, (name, word)
        # the layout table is read: no line is a whole page flattened into one row
        assert max(len(line) for line in doc.text.split("\n")) < 2500, name


def test_every_web_export_gives_meta_and_its_section_tree(web):
    for name, doc in web.items():
        m = doc.meta
        assert m.doc_type and m.number and m.issuer and m.date and m.level, (name, m)
        # a document with numbered headings or articles gives its tree; the others are
        # letters and announcements without any
        if HEADING.search(doc.text):
            assert doc.sections, name
    assert sum(bool(d.sections) for d in web.values()) >= 50


def test_no_citation_or_target_from_site_furniture(web):
    for name, doc in web.items():
        end = _fields_start(doc)
        for x in doc.citations + doc.targets + doc.agencies:
            assert x.end <= end, (name, x)
        for c in doc.citations:              # the page's own title line and sidebar are gone
            assert c.number != doc.meta.number, (name, c)


# ---------------------------------------------------------------- named real documents

def test_decision_3617_reads_as_a_clean_export(web):
    doc = web["002"]
    lines = doc.text.split("\n")
    assert lines[:8] == [
        "ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Số: 3617/QĐ-UBND",
        "Thanh Hóa, ngày 20 tháng 11 năm 2025", "QUYẾT ĐỊNH",
        "VỀ VIỆC ỦY QUYỀN CHO CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH CÔNG BỐ THỦ TỤC HÀNH "
        "CHÍNH, DANH MỤC THỦ TỤC HÀNH CHÍNH",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THANH HÓA"]
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in lines
    assert [s.path for s in doc.sections] == ["Điều 1", "Điều 2", "Điều 3"]
    assert lines[-4:] == ["Số hiệu: 3617/QĐ-UBND", "Loại văn bản: Quyết định",
                          "Nơi ban hành: Tỉnh Thanh Hóa", "Ngày ban hành: 20/11/2025"]
    assert site_fields(doc.text) == {"number": "3617/QĐ-UBND", "doc_type": "Quyết định",
                                     "issuer": "Tỉnh Thanh Hóa", "date": "20/11/2025"}
    # enacted by the chairman ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THANH HÓA"), as the blind gold writes it
    assert (doc.meta.issuer, doc.meta.level) == ("Chủ tịch UBND tỉnh Thanh Hóa", "province")


def test_plan_2530_drops_the_site_summary_and_keeps_its_plan(web):
    doc = web["020"]
    assert not doc.text.startswith("Nghiên cứu ứng dụng")          # the site's summary
    paths = [s.path for s in doc.sections]
    assert {"I", "II", "III", "PL.I", "PL.II"} <= set(paths)
    assert doc.meta.number == "2530/QĐ-TTg" and doc.meta.level == "national"
    assert len(doc.targets) >= 30 and doc.agencies


def test_circular_110_drops_the_english_translation(web):
    doc = web["013"]
    for word in ("CIRCULAR", "Pursuant to", "MINISTRY OF FINANCE", "Circular No."):
        assert word not in doc.text
    assert doc.sections and doc.sections[0].path == "Điều 1"


def test_resolution_22_keeps_its_appendices_and_their_tables(web):
    doc = web["053"]
    paths = [s.path for s in doc.sections]
    assert paths[:4] == ["Điều 1", "Điều 2", "Điều 3", "Điều 4"]
    assert {"PL.I", "PL.II", "PL.III", "PL.IV"} <= set(paths)
    rows = [line for line in doc.text.split("\n") if line.count("\t") >= 3]
    assert rows and rows[0].startswith("Số TT\tTên kỳ thi\tNội dung chi")


# ---------------------------------------------------------------- constructed variants

PAGE = """|
|
Nội dung này thuộc bản quyền của cổng thông tin. Không sao chép khi chưa được phép.
Đăng nhập để xem bản gốc.
|
|
**Số hiệu:**
|
15/KH-UBND
|
|
**Loại văn bản:**
|
Kế hoạch
|
**Ngày ban hành:**
|
05/01/2026
|
|
**Tình trạng:**
|
Đã biết
|
{header}**KẾ HOẠCH**
PHÒNG, CHỐNG DỊCH BỆNH TRÊN ĐỊA BÀN
XÃ AN PHÚ NĂM 2026
Thực hiện Kế hoạch số 10/KH-UBND ngày 02/01/2026 của
Ủy ban nhân dân tỉnh, Ủy ban nhân dân xã ban hành Kế hoạch như sau:
**I. MỤC TIÊU**
1. Mục tiêu cụ thể
- Phấn đấu 95% hộ gia đình được tuyên truyền về phòng,
chống dịch bệnh.
- Có ít nhất 2 đợt ra quân vệ sinh môi trường.
**II. TỔ CHỨC THỰC HIỆN**
**1. Trạm Y tế xã**
Chủ trì triển khai Kế hoạch; báo cáo kết quả về
Ủy ban nhân dân xã.
**2. Công an xã**
Phối hợp thực hiện Kế hoạch.
|
Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
|
**TM. ỦY BAN NHÂN DÂN**
CHỦ TỊCH
Nguyễn Văn An
|
** **
Kế hoạch 15/KH-UBND năm 2026 phòng, chống dịch bệnh do xã An Phú ban hành
## Văn bản liên quan
Quyết định 99/QĐ-UBND năm 2020 về phòng, chống dịch bệnh đạt 100% tiêm chủng
Ban hành:
02/03/2020
|
Tài khoản của Quý khách đã đăng nhập trên nhiều thiết bị.
|
|
"""

HEADER = """**ỦY BAN NHÂN DÂN**
XÃ AN PHÚ
-------
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
|
Số: 15/KH-UBND
|
*An Phú, ngày 05 tháng 01
năm 2026*
|
"""


def test_constructed_portal_page_reads_as_its_document():
    doc = pipeline.from_text(PAGE.format(header=HEADER))
    lines = doc.text.split("\n")
    assert lines[:7] == ["ỦY BAN NHÂN DÂN XÃ AN PHÚ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Số: 15/KH-UBND",
                         "An Phú, ngày 05 tháng 01 năm 2026", "KẾ HOẠCH",
                         "PHÒNG, CHỐNG DỊCH BỆNH TRÊN ĐỊA BÀN XÃ AN PHÚ NĂM 2026"]
    for word in ("bản quyền", "Đăng nhập", "Văn bản liên quan", "99/QĐ-UBND", "Tài khoản",
                 "Tình trạng"):
        assert word not in doc.text
    assert [s.path for s in doc.sections] == ["I", "I.1", "II", "II.1", "II.2"]
    assert [t.value for t in doc.targets] == [95.0, 2.0]
    assert [c.number for c in doc.citations] == ["10/KH-UBND"]
    assert "Trạm Y tế xã" in [a.name for a in doc.agencies]
    assert lines[-3:] == ["Số hiệu: 15/KH-UBND", "Loại văn bản: Kế hoạch",
                          "Ngày ban hành: 05/01/2026"]
    assert (doc.meta.number, doc.meta.doc_type, doc.meta.date) == (
        "15/KH-UBND", "Kế hoạch", "2026-01-05")


def test_site_fields_fill_what_the_header_leaves_empty():
    # the same page, its header without a number line and a place-date line
    header = "**ỦY BAN NHÂN DÂN**\nXÃ AN PHÚ\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n"
    doc = pipeline.from_text(PAGE.format(header=header))
    assert doc.text.startswith("ỦY BAN NHÂN DÂN XÃ AN PHÚ\nCỘNG HÒA")
    assert (doc.meta.number, doc.meta.date) == ("15/KH-UBND", "2026-01-05")
    assert [s.path for s in doc.sections] == ["I", "I.1", "II", "II.1", "II.2"]
    # a header that gives them wins over the site's fields
    other = PAGE.format(header=HEADER).replace("Số: 15/KH-UBND", "Số: 16/KH-UBND")
    assert pipeline.from_text(other).meta.number == "16/KH-UBND"


def test_constructed_page_with_a_translation_after_the_document():
    english = """|
** **
Plan No. 15/KH-UBND dated January 05, 2026 on disease prevention
|
**PEOPLE'S COMMITTEE OF AN PHU COMMUNE**
|
**SOCIALIST REPUBLIC OF VIETNAM**
Independence - Freedom - Happiness
|
|
**PLAN**
Aim: 90% of households informed.
## Văn bản liên quan
"""
    page = PAGE.format(header=HEADER)
    page = page[:page.index("|\n** **")] + english
    doc = pipeline.from_text(page)
    assert "SOCIALIST" not in doc.text and "households" not in doc.text
    assert [t.value for t in doc.targets] == [95.0, 2.0]
    assert doc.text.split("\n")[-4:-3] == ["Nguyễn Văn An"]


def test_a_dense_crawl_table_ends_where_its_cell_turns_into_paragraphs():
    """Without any portal: a header table with no blank line after it."""
    text = ("|\n**SỞ Y TẾ**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\n"
            "Số: 7/KH-SYT\n|\n*Bình Phước, ngày 3 tháng 2 năm 2026*\n|\n"
            "**KẾ HOẠCH**\nTIÊM CHỦNG MỞ RỘNG NĂM 2026\n**I. MỤC TIÊU**\n"
            "Đạt tỷ lệ tiêm chủng đầy đủ trên 95% trẻ em dưới 1 tuổi.\n"
            "**II. GIẢI PHÁP**\nTăng cường truyền thông.\n|\nNơi nhận:\n- Lưu: VT.\n|\n"
            "**GIÁM ĐỐC**\nTrần B\n|\n")
    doc = pipeline.from_text(text)
    lines = doc.text.split("\n")
    assert lines[:7] == ["SỞ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 7/KH-SYT",
                         "Bình Phước, ngày 3 tháng 2 năm 2026", "KẾ HOẠCH",
                         "TIÊM CHỦNG MỞ RỘNG NĂM 2026", "I. MỤC TIÊU"]
    assert [s.path for s in doc.sections] == ["I", "II"]
    assert "\t" not in doc.text
    assert lines[-2:] == ["GIÁM ĐỐC", "Trần B"]


def test_page_without_metadata_table_is_left_as_it_is():
    """One label cell is no portal page: nothing is cut."""
    text = "Mở đầu của văn bản.\n|\n**Số hiệu:**\n|\n1/KH\n|\nCăn cứ Luật Đầu tư công.\n"
    assert not normalise.site.is_site_page(text)
    out, _ = normalise.normalise(text)
    assert out.startswith("Mở đầu của văn bản.") and "Căn cứ Luật Đầu tư công." in out
