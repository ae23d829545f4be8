"""Dated tasks due in a year, a month or a span, not on a day (issue 11, round 5): "sớm bàn
giao trong năm 2025", "Trình Thủ tướng Chính phủ trong năm 2026", "thông xe kỹ thuật năm
2025", and dated tasks beside numbers that are no targets."""

from conftest import CORPUS, NOTICE_HEAD

from pipeline import from_text


def _tasks(doc):
    """(deadline, quote) of the dated tasks of ``doc``."""
    return [(t.deadline, " ".join(t.quote.split())) for t in doc.targets if t.kind == "deadline"]


def _due(doc, deadline, phrase):
    return any(d == deadline and phrase in q for d, q in _tasks(doc))


NOTICE = NOTICE_HEAD + """Kết luận của Phó Thủ tướng tại buổi làm việc với tỉnh Hòa Bình
I. ĐÁNH GIÁ CHUNG
Tăng trưởng kinh tế 10 tháng ước đạt 7,5%.
II. NHIỆM VỤ THỜI GIAN TỚI
1. Về cảng Hòa Bình: Bộ Xây dựng sớm bàn giao trong năm 2026 dự án nạo vét luồng cho tỉnh.
2. Về cầu Hòa Bình: Sở Xây dựng bảo đảm thông xe kỹ thuật năm 2026, góp phần hoàn thành mục tiêu chung.
3. Về biên chế của chính quyền địa phương 02 cấp: tăng từ 2 lên 3 phó trưởng phòng, giao Bộ Nội vụ báo cáo Chính phủ trước ngày 15 tháng 12 năm 2025.
4. Về đề án: Nếu không tập trung thực hiện thì không thể hoàn thành mục tiêu trong năm 2026.
"""


def test_year_after_a_due_verb_real(extracted):
    """634/TB-VPCP "sớm bàn giao trong năm 2025 dự án …" (beside "trước ngày 31 tháng 12"),
    653/TB-VPCP "hoàn thành đưa dự án vào vận hành trong năm 2027", 627/TB-VPCP "bảo đảm
    thông xe kỹ thuật năm 2025"."""
    d634 = extracted(CORPUS / "bulk/030_634-tb-vpcp.md")
    assert _due(d634, "2025", "sớm bàn giao trong năm 2025")
    assert _due(d634, "2025-12-31", "sớm bàn giao trong năm 2025")
    assert _due(extracted(CORPUS / "web/034_653-tb-vpcp.md"), "2027", "vào vận hành trong năm 2027")
    assert _due(extracted(CORPUS / "bulk/071_627-tb-vpcp.md"), "2025", "thông xe kỹ thuật năm 2025")


def test_numbers_a_notice_drops_leave_its_dated_task(extracted):
    """634/TB-VPCP: "… chính quyền địa phương 02 cấp: tăng … từ 2 lên 3 phó trưởng phòng …:
    giao Bộ Nội vụ … báo cáo Chính phủ trước ngày 30 tháng 11 năm 2025" and "phủ sóng 19 thôn,
    bản … hoàn thành trong tháng 12 năm 2025": the numbers are no aims, the tasks are."""
    doc = extracted(CORPUS / "bulk/030_634-tb-vpcp.md")
    assert _due(doc, "2025-11-30", "báo cáo Chính phủ trước ngày 30 tháng 11 năm 2025")
    assert _due(doc, "2025-12", "hoàn thành trong tháng 12 năm 2025")
    assert not any(t.value in (2, 3) for t in doc.targets)


def test_constructed_notice_due_years():
    """The same classes in a constructed notice; a denied verb ("không thể hoàn thành … trong
    năm 2026") gives no due date."""
    doc = from_text(NOTICE)
    assert _due(doc, "2026", "sớm bàn giao trong năm 2026")
    assert _due(doc, "2026", "thông xe kỹ thuật năm 2026")
    assert _due(doc, "2025-12-15", "báo cáo Chính phủ trước ngày 15 tháng 12 năm 2025")
    assert not any("không thể hoàn thành" in q for _, q in _tasks(doc))
    assert not any(t.value in (2, 3) for t in doc.targets)


PLAN = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: 77/KH-UBND
Hòa Bình, ngày 10 tháng 12 năm 2025
KẾ HOẠCH
Khắc phục ô nhiễm không khí giai đoạn 2026 - 2030
I. MỤC TIÊU
Cải thiện chất lượng không khí trên địa bàn tỉnh.
II. NHIỆM VỤ
Chi tiết tại Phụ lục kèm theo.
PHỤ LỤC
BẢNG PHÂN CÔNG NHIỆM VỤ

| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời hạn hoàn thành |
|---|---|---|---|
| 1 | Xây dựng quy chế phối hợp liên huyện về chất lượng không khí | Sở Nông nghiệp và Môi trường | Ban hành trong năm 2026. Thực hiện rà soát, điều chỉnh (nếu có) |
| 2 | Xây dựng bộ công cụ kiểm kê khí thải của tỉnh | Sở Nông nghiệp và Môi trường | Giai đoạn 2026 - 2027. Cập nhật định kỳ |
| 3 | Thí điểm vùng phát thải thấp tại thành phố Hòa Bình | Ủy ban nhân dân thành phố | Thí điểm trong giai đoạn 2026 - 2028, mở rộng sau thí điểm |
| 4 | Triển khai hệ thống quan trắc tự động tại các khu công nghiệp | Sở Công Thương | Triển khai từ năm 2026 |
| 5 | Tuyên truyền nâng cao nhận thức cộng đồng về ô nhiễm không khí | Sở Văn hóa, Thể thao và Du lịch | Giai đoạn 2026 - 2030 |
"""


def _row_due(doc, phrase):
    return {t.deadline for t in doc.targets if t.kind == "deadline" and phrase in t.quote}


def test_time_cells_of_task_tables_real(extracted):
    """2530/QĐ-TTg, its appendix of tasks: a time cell opening with its due time ("Giai đoạn
    2026 - 2027. Thực hiện rà soát …", "Ban hành trong năm 2026. …", "Thí điểm trong giai đoạn
    2026 - 2028, …", "Trình Thủ tướng Chính phủ trong năm 2026 và …") dates the row's task; a
    cell of the plan's whole period ("Giai đoạn 2026 - 2030") or a start ("Triển khai từ năm
    2026") does not.  980/KH-UBND: a bare year cell ("2025") still dates its row's count."""
    doc = extracted(CORPUS / "web/020_2530-qd-ttg.md")
    assert _row_due(doc, "Rà soát, cập nhật các hướng dẫn kỹ thuật về hệ số phát thải") == {"2027"}
    assert _row_due(doc, "Quy chế phối hợp liên vùng, liên tỉnh được ban hành") == {"2026"}
    assert _row_due(doc, "Xây dựng trình Thủ tướng Chính phủ hồ sơ thành lập Ban Chỉ đạo") == {"2026"}
    assert "2028" in {t.deadline for t in doc.targets if t.kind == "deadline"}
    assert not _row_due(doc, "Đề tài/nhiệm vụ về phân tích nguồn gốc bụi PM2.5")       # 2026 - 2030
    assert not _row_due(doc, "Dự án thí điểm công nghệ xử lý khí thải tiên tiến")     # từ năm 2026
    d980 = extracted(CORPUS / "web/047_980-kh-ubnd.md")
    assert {t.deadline for t in d980.targets
            if "Xây dựng Quy chế về công tác trực ban, họp và ban hành công điện" in t.quote} == {"2025"}


def test_time_cells_constructed():
    doc = from_text(PLAN)
    assert _row_due(doc, "Xây dựng quy chế phối hợp liên huyện") == {"2026"}
    assert _row_due(doc, "Xây dựng bộ công cụ kiểm kê khí thải") == {"2027"}
    assert _row_due(doc, "Thí điểm vùng phát thải thấp") == {"2028"}
    assert not _row_due(doc, "Triển khai hệ thống quan trắc tự động")
    assert not _row_due(doc, "Tuyên truyền nâng cao nhận thức cộng đồng")


DECISION = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: 88/QĐ-UBND
Hòa Bình, ngày 05 tháng 11 năm 2025
KẾ HOẠCH
Tổng kiểm kê tài sản công trên địa bàn tỉnh
I. NHIỆM VỤ
1. Sở Tài chính
- Tham mưu phân công nhiệm vụ cho các thành viên Ban Chỉ đạo tổng kiểm kê.
Thời gian hoàn thành: Tháng 11 - 12/2025.
- Tổng hợp kết quả kiểm kê, báo cáo Ủy ban nhân dân tỉnh. Thời gian hoàn thành: Trước ngày 30/4/2026.
2. Các cơ quan, đơn vị
- Thực hiện kiểm kê tài sản do mình trực tiếp quản lý.
Thời hạn hoàn thành: Từ ngày 01/01/2026 đến ngày 31/3/2026.
II. THỜI GIAN TỔ CHỨC
Đợt cao điểm được triển khai thực hiện từ tháng 12 năm 2025 đến hết tháng 3 năm 2026. Tổng kết vào tháng 4 năm 2026.
Tháng hành động: Từ ngày 15/11/2025 đến ngày 15/12/2025.
"""


def _quoted(doc, phrase):
    return {t.deadline for t in doc.targets if t.kind == "deadline" and phrase in " ".join(t.quote.split())}


def test_spans_of_dates_and_trailing_due_lines_real(extracted):
    """1627/QĐ-UBND: "Thời gian hoàn thành: Tháng 11 - 12/2025" is due in December; "Thời hạn
    hoàn thành: Từ ngày 01/01/2026 đến ngày 31/3/2026" at its end; "- Tổng hợp …, báo cáo kết
    quả kiểm kê gửi Bộ Tài chính. Thời gian hoàn thành: Trước ngày 31/5/2026." dates (and
    quotes) the sentence before it.  0125/KH-UBND: a campaign's window ("… từ tháng 10 năm
    2025 đến hết tháng 3 năm 2026") is a schedule; "Tổng kết vào tháng 4 năm 2026" is due."""
    doc = extracted(CORPUS / "bulk/065_1627-qd-ubnd.md")
    assert "2025-12" in {t.deadline for t in doc.targets
                         if "Tham mưu triển khai thực hiện kế hoạch kiểm kê" in t.indicator}
    assert "2026-03-31" in {t.deadline for t in doc.targets
                            if t.indicator.startswith("Thực hiện kiểm kê tài sản thuộc phạm vi")}
    assert _quoted(doc, "báo cáo kết quả kiểm kê gửi Bộ Tài chính. Thời gian hoàn thành") == {"2026-05-31"}
    d0125 = extracted(CORPUS / "bulk/037_0125-kh-ubnd.md")
    assert _quoted(d0125, "Tổng kết vào tháng 4 năm 2026") == {"2026-04"}
    assert not _quoted(d0125, "đến hết tháng 3 năm 2026")


def test_spans_of_dates_and_trailing_due_lines_constructed():
    doc = from_text(DECISION)
    assert "2025-12" in {t.deadline for t in doc.targets if "Tham mưu phân công" in t.indicator}
    assert _quoted(doc, "báo cáo Ủy ban nhân dân tỉnh. Thời gian hoàn thành") == {"2026-04-30"}
    assert "2026-03-31" in {t.deadline for t in doc.targets if "Thực hiện kiểm kê tài sản" in t.indicator}
    assert not _quoted(doc, "đến hết tháng 3 năm 2026")
    assert not _quoted(doc, "Tháng hành động")                 # "Từ ngày … đến ngày …": a schedule


ROADMAP = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: 99/KH-UBND
Hòa Bình, ngày 15 tháng 12 năm 2025
KẾ HOẠCH
Xây dựng cơ sở dữ liệu đất đai của tỉnh
I. NHIỆM VỤ TRỌNG TÂM
Lộ trình chung:
1. Hoàn thiện hạ tầng và phần mềm quản lý dữ liệu đất đai của tỉnh (2026 - 2027).
2. Kết nối dữ liệu đất đai với hệ thống quốc gia, mở rộng khai thác (2026 trở đi).
3. Tiếp tục thực hiện các nhiệm vụ của Kế hoạch 5 năm (2021 - 2025).
"""


def test_a_bracketed_span_of_years_closing_a_task(extracted):
    """2820/QĐ-UBND "1. Hoàn thiện hạ tầng … tiến tới thí điểm (2025 - 2026)." is due in 2026,
    "4. Rà soát, cải cách thủ tục hành chính … (2027 - 2030)." in 2030; "(2026 trở đi)" and a
    window opened before the plan ("Kế hoạch 5 năm (2021 - 2025)") are no due dates."""
    doc = extracted(CORPUS / "bulk/001_2820-qd-ubnd.md")
    assert _quoted(doc, "tiến tới thí điểm (2025 - 2026)") == {"2026"}
    assert _quoted(doc, "đảm bảo cung cấp dịch vụ công trực tuyến (2027 - 2030)") == {"2030"}
    assert not _quoted(doc, "(2026 trở đi)")
    made = from_text(ROADMAP)
    assert _quoted(made, "phần mềm quản lý dữ liệu đất đai của tỉnh (2026 - 2027)") == {"2027"}
    assert not _quoted(made, "(2026 trở đi)") and not _quoted(made, "(2021 - 2025)")
