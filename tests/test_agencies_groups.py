"""Bodies charged as a group: provinces and cities named together, the heads of a group of
bodies addressed by their titles, a dispatch's "Thủ tướng Chính phủ yêu cầu …" lead sentence,
a committee's departments and public service units (pipeline/stages/agencies/)."""

from conftest import ROOT

import pipeline
from pipeline.evaluate import fold_org
from pipeline.stages.agencies.lists import split_bodies


def _agencies(doc):
    return {fold_org(a.name): a for a in doc.agencies}


def test_provinces_charged_together(extracted):
    """627/TB-VPCP: "a) Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng khẩn trương …", "b) Thành phố Hà
    Nội và các tỉnh Bắc Ninh, Gia Lai đẩy nhanh …", "d) Ủy ban nhân dân các tỉnh, thành phố:
    Tuyên Quang, …, Đồng Tháp quyết liệt …": one agency each, named as printed."""
    got = _agencies(extracted(ROOT / "corpus/bulk/071_627-tb-vpcp.md"))
    for name in ("Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng", "Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai",
                 "Thành phố Hồ Chí Minh, tỉnh Lâm Đồng",
                 "Ủy ban nhân dân các tỉnh, thành phố: Tuyên Quang, Đồng Nai, Hồ Chí Minh, Đồng Tháp"):
        a = got.get(fold_org(name))
        assert a is not None, name
        assert a.role == "responsible" and a.sector == "local-government", name


NOTICE = """VĂN PHÒNG CHÍNH PHỦ
Số: 901/TB-VPCP
THÔNG BÁO
Kết luận của Thủ tướng Chính phủ
1. Về các dự án đường cao tốc
a) Các tỉnh Thái Nguyên, Bắc Kạn hoàn thành giải phóng mặt bằng trong năm 2025.
b) Thành phố Đà Nẵng và tỉnh Quảng Nam đẩy nhanh tiến độ thi công.
c) Ủy ban nhân dân Thành phố: Tổ chức tổng kết công tác năm.
"""


def test_provinces_charged_together_variant():
    """The same items in another notice; "Ủy ban nhân dân Thành phố: Tổ chức …" is one
    committee and its duty, no enumeration of places."""
    doc = pipeline.from_text(NOTICE)
    got = _agencies(doc)
    assert fold_org("Các tỉnh Thái Nguyên, Bắc Kạn") in got
    assert fold_org("Thành phố Đà Nẵng và tỉnh Quảng Nam") in got
    assert not any(k.endswith(": tổ") or "tổ chức" in k for k in got), sorted(got)


def test_heads_of_a_group_by_title(extracted):
    """380/NQ-CP "1. Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ tịch
    Ủy ban nhân dân các tỉnh …" and 09/CT-UBND "8. Giám đốc Sở, Thủ trưởng cơ quan, ban, ngành":
    named with their titles, canonical the group they head."""
    got = _agencies(extracted(ROOT / "corpus/bulk/144_380-nq-cp.md"))
    a = got.get(fold_org("Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ"))
    assert a is not None and a.role == "responsible"
    assert fold_org(a.canonical) == fold_org("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ")
    got = _agencies(extracted(ROOT / "corpus/bulk/035_09-ct-ubnd.md"))
    a = got.get(fold_org("Giám đốc Sở, Thủ trưởng cơ quan, ban, ngành"))
    assert a is not None and a.sector == "provincial-departments"


def test_heads_by_title_merge_with_their_group(extracted):
    """2623/QĐ-TTg names "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ" and
    "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ": one agency."""
    doc = extracted(ROOT / "corpus/public/016_ttg-2623-qd-ke-hoach-thi-hanh-luat-bvdlcn.txt")
    groups = [a for a in doc.agencies if "cơ quan ngang bộ" in a.canonical.lower()]
    assert len(groups) == 1, [a.name for a in groups]


def test_dispatch_lead_sentence(extracted):
    """229/CĐ-TTg "Thủ tướng Chính phủ yêu cầu Bộ trưởng, …, Chủ tịch Ủy ban nhân dân các tỉnh,
    thành phố trực thuộc Trung ương thực hiện …" and 380/NQ-CP "Chính phủ trân trọng đề nghị Ủy
    ban Trung ương Mặt trận Tổ quốc Việt Nam …, Hội Chữ thập đỏ Việt Nam, theo …" (requested)."""
    got = _agencies(extracted(ROOT / "corpus/web/018_229-cd-ttg.md"))
    assert got[fold_org("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương")].role == "responsible"
    got = _agencies(extracted(ROOT / "corpus/bulk/144_380-nq-cp.md"))
    for name in ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Hội Chữ thập đỏ Việt Nam"):
        assert got[fold_org(name)].role == "requested", name
    assert fold_org("các tổ chức thành viên") not in got      # (the Front's members, named with it)


def test_departments_and_units_given_tasks(extracted):
    """4240/UBND-VX "1. Giao người đứng đầu các cơ quan chuyên môn, cơ quan hành chính khác, các
    đơn vị sự nghiệp công lập …; Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu" and 2637/QĐ
    "2. Chánh Văn phòng Ủy ban nhân dân tỉnh; Chủ tịch Ủy ban nhân dân các xã, phường tổ chức …"."""
    got = _agencies(extracted(ROOT / "corpus/web/033_4240-ubnd-vx.md"))
    assert fold_org("các cơ quan chuyên môn, cơ quan hành chính khác") in got
    assert got[fold_org("Ủy ban nhân dân các xã, phường và đặc khu")].role == "responsible"
    units = next(a for k, a in got.items() if k.startswith(fold_org("các đơn vị sự nghiệp công lập")))
    assert units.sector == "public-service"
    got = _agencies(extracted(ROOT / "corpus/web/022_2637-qd-ubnd.md"))
    assert fold_org("Ủy ban nhân dân các xã, phường") in got


def test_distributed_head_ends_at_a_group():
    """"Giám đốc các Sở: Dân tộc và Tôn giáo, Nội vụ và các sở, ban, ngành": the head goes to its
    branches, not to the group after them (no "Sở các sở", "Sở ban")."""
    names = [n for n, _, _ in split_bodies("Giám đốc các Sở: Dân tộc và Tôn giáo, Nội vụ và các sở, ban, ngành")]
    assert names == ["Sở Dân tộc và Tôn giáo", "Sở Nội vụ", "các sở, ban, ngành"]
    names = [n for n, _, _ in split_bodies("các Sở: Tài chính, Xây dựng, các cơ quan chuyên môn")]
    assert names == ["Sở Tài chính", "Sở Xây dựng", "các cơ quan chuyên môn"]
