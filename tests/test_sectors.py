"""Sectors: gazetteer, 2025 reorganisation, learned fallback (pipeline/sectors.py)."""
import json

import joblib
import pytest
import yaml
from conftest import ROOT

from pipeline.stages.agencies import sectors

GOLD = ROOT / "corpus" / "gold"


@pytest.mark.parametrize("branch,sector", [
    ("Lao động - Thương binh và Xã hội", "labour-social"),
    ("Y tế", "health"),
    ("Tư pháp", "justice"),
    ("Giáo dục và Đào tạo", "education"),
    ("Tài chính", "finance"),
    ("Văn hóa, Thể thao và Du lịch", "culture-information"),
    ("Nội vụ", "home-affairs"),
    ("Khoa học và Công nghệ", "science-technology"),
    ("Nông nghiệp và Môi trường", "agriculture-environment"),
    ("Công Thương", "industry-trade"),
    ("Xây dựng", "construction"),
])
def test_branch_aligned_across_levels(branch, sector):
    """Bộ / Sở / Phòng of one branch share a sector."""
    assert {sectors.sector_of(f"{kind} {branch}") for kind in ("Bộ", "Sở", "Phòng")} == {sector}


@pytest.mark.parametrize("name,sector", [
    ("Sở LĐ-TB&XH", "labour-social"),
    ("Sở LĐTBXH tỉnh Bắc Kạn", "labour-social"),
    ("Công an tỉnh", "police"),
    ("Công an các xã, phường", "police"),
    ("Trung tâm Y tế huyện Ba Bể", "health"),
    ("Phòng Tài chính - Kế hoạch", "finance"),
    ("Phòng Văn hoá và Thông tin", "culture-information"),
    ("Trung tâm Văn hóa, Thể thao và Truyền thông", "culture-information"),
    ("Sở TT&TT", "culture-information"),
    ("UBND các xã, phường", "local-government"),
    ("Văn phòng HĐND và UBND", "local-government"),
    ("Viện Kiểm sát nhân dân tỉnh", "procuracy"),
    ("Tòa án nhân dân huyện", "court"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "mass-organisation"),
    ("Hội LHPN tỉnh", "mass-organisation"),
    ("Thành đoàn", "mass-organisation"),
    ("Báo Bắc Kạn", "media"),
    ("Đài Phát thanh - Truyền hình Quảng Trị", "media"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "military"),
    ("Ban Chỉ huy Quân sự phường", "military"),
    ("Ban Dân tộc tỉnh", "ethnic-affairs"),
    ("Ủy ban Dân tộc", "ethnic-affairs"),
    ("Phòng Văn hóa - Xã hội", "culture-social"),
    ("Trung tâm Dịch vụ sự nghiệp công phường", "public-service"),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", "economy-infrastructure"),
    ("Các Tổ dân phố", "residential-group"),
    ("các bộ, ngành, cơ quan Trung ương", "central-government"),
    ("Sở TN&MT", "agriculture-environment"),
    ("Thông tấn xã Việt Nam", "media"),          # not "thôn" (residential group)
])
def test_gazetteer(name, sector):
    assert sectors.gazetteer_sector(name) == sector


def test_gazetteer_agrees_with_gold():
    """The gazetteer alone gives the gold sector of (nearly) every gold agency."""
    total = right = 0
    for path in sorted(GOLD.glob("*.yaml")):
        for a in yaml.safe_load(path.read_text(encoding="utf-8")).get("agencies") or []:
            if a.get("sector"):
                total += 1
                right += sectors.gazetteer_sector(a["name"]) == a["sector"]
    assert total >= 30
    assert right / total >= 0.95


# ---------------------------------------------------------------- reorganisation

def test_successor_splits_labour_portfolio():
    """Seed 002 (2026) reports to "Sở Y tế" for social evils, formerly Sở LĐTBXH."""
    assert sectors.successor("Sở LĐTBXH", "2026-05-23", "social-evils") == "Sở Y tế"
    assert sectors.successor("Sở Lao động - Thương binh và Xã hội", "2025-03-01") == "Sở Nội vụ"
    assert sectors.successor("Bộ Lao động - Thương binh và Xã hội", "2025-06-01", "poverty") \
        == "Bộ Nông nghiệp và Môi trường"
    assert sectors.successor("Sở Lao động - Thương binh và Xã hội", "2024-12-31") \
        == "Sở Lao động - Thương binh và Xã hội"


@pytest.mark.parametrize("old,date,function,new", [
    ("Sở Thông tin và Truyền thông", "2025-04-01", None, "Sở Khoa học và Công nghệ"),
    ("Sở Thông tin và Truyền thông", "2025-04-01", "press", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở Kế hoạch và Đầu tư", "2025-04-01", None, "Sở Tài chính"),
    ("Sở Tài nguyên và Môi trường", "2025-04-01", None, "Sở Nông nghiệp và Môi trường"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "2025-04-01", None, "Sở Nông nghiệp và Môi trường"),
    ("Ban Dân tộc tỉnh", "2025-04-01", None, "Sở Dân tộc và Tôn giáo tỉnh"),
    ("Sở Y tế", "2026-01-01", None, "Sở Y tế"),
])
def test_successor_merged_departments(old, date, function, new):
    assert sectors.successor(old, date, function) == new


def test_district_offices_after_july_2025():
    """No district tier from 1 July 2025: a district Phòng maps to the ward office."""
    assert sectors.successor("Phòng Lao động - Thương binh và Xã hội", "2026-05-23", "social-evils") \
        == "Phòng Văn hóa - Xã hội"
    assert sectors.successor("Phòng Tài chính - Kế hoạch", "2026-01-01") == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert sectors.successor("Phòng Tài chính - Kế hoạch", "2024-01-01") == "Phòng Tài chính - Kế hoạch"
    assert sectors.successor("Phòng Văn hóa - Xã hội", "2026-01-01") == "Phòng Văn hóa - Xã hội"


def test_aligned_across_reorganisation():
    """Seed 003's Sở LĐTBXH (2022) and seed 002's Sở Y tế (2026) hold the social-evils duty."""
    assert sectors.aligned("Sở LĐTBXH", "2022", "Sở Y tế", "2026-05-23", "social-evils")
    assert not sectors.aligned("Sở LĐTBXH", "2022", "Sở Y tế", "2026-05-23")      # labour -> Nội vụ
    assert sectors.aligned("Phòng Lao động - Thương binh và Xã hội", "2022-02",
                           "Sở Lao động - Thương binh và Xã hội", "2022")


# ---------------------------------------------------------------- learned fallback

PROBE = ["Phòng Y tế huyện Chợ Đồn", "Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam",
         "Hội Cựu giáo chức tỉnh", "Phòng Giáo dục huyện Na Rì", "Đội Cảnh sát giao thông Công an huyện",
         "Chi cục Thuế khu vực II", "Trạm Y tế phường Đức Xuân", "Phòng Tư pháp quận 1"]


@pytest.mark.slow
def test_model_is_reproducible(tmp_path):
    """Retraining into a temp dir gives the shipped model's predictions."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("train_sector_model",
                                                  ROOT / "scripts" / "train_sector_model.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    meta = mod.train(tmp_path)
    shipped_meta = json.loads(sectors.MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["training_data_sha1"] == shipped_meta["training_data_sha1"], (
        "gazetteer or gold changed since models/sector_model.* was built: "
        "rerun scripts/train_sector_model.py")
    fresh = joblib.load(tmp_path / "sector_model.joblib")
    shipped = joblib.load(sectors.MODEL)
    texts = [sectors.fold(n) for n in PROBE]
    assert list(fresh.predict(texts)) == list(shipped.predict(texts))
    assert fresh.predict_proba(texts).round(6).tolist() == shipped.predict_proba(texts).round(6).tolist()


def test_plain_python_scorer_equals_scikit_learn():
    """The run-time scorer (plain Python, exported weights read without numpy) gives
    scikit-learn's probabilities."""
    shipped = joblib.load(sectors.MODEL)
    scorer = sectors.SectorModel(sectors.WEIGHTS)
    texts = [sectors.fold(n) for n in PROBE] + ["ủy ban nhân dân xã x", "a", "zzz qqq"]
    expected = shipped.predict_proba(texts)
    assert scorer.classes == list(shipped.classes_)
    for text, row in zip(texts, expected):
        got = scorer.predict_proba(text)
        assert max(abs(a - b) for a, b in zip(got, row)) < 1e-9, text


@pytest.mark.parametrize("name,sector", [
    ("Phòng Giáo dục huyện Na Rì", "education"),          # not "Giáo dục và Đào tạo"
    ("Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam", "culture-information"),
    ("Hội Cựu giáo chức tỉnh", "mass-organisation"),
    ("Trạm Y tế phường Đức Xuân", "health"),
])
def test_model_guesses_variants(name, sector):
    """Names the gazetteer's phrases do not cover get a plausible sector from the model."""
    guess, conf = sectors.predict_sector(name)
    assert guess == sector and conf > 0


def test_lookup_uses_model_only_without_gazetteer_match():
    assert sectors.lookup("Sở Y tế")[1] == "gazetteer"
    sector, source, conf = sectors.lookup("Phòng Giáo dục huyện Na Rì")
    assert (sector, source) == ("education", "model") and conf >= sectors.MIN_CONFIDENCE
    assert sectors.lookup("xyz qwv")[0] is None          # below the threshold: no sector


def test_numpy_never_imported_by_extraction():
    """Neither the gazetteer nor the model imports numpy (the weights are read by
    ``weights.read_npz``): a process pays no numpy import for a few unknown names."""
    import subprocess
    import sys
    code = ("import sys, pipeline\n"
            "doc = pipeline.from_text('KẾ HOẠCH\\nII. TỔ CHỨC THỰC HIỆN\\n1. Sở Y tế chủ trì, phối hợp với "
            "Công an tỉnh triển khai.\\n')\n"
            "assert [a.sector for a in doc.agencies] == ['health', 'police'], doc.agencies\n"
            "assert 'numpy' not in sys.modules\n"
            "from pipeline.stages.agencies import sectors\n"
            "assert sectors.predict_sector('Phòng Giáo dục huyện Na Rì')[0] == 'education'\n"
            "assert 'numpy' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


@pytest.mark.parametrize("name,sector", [
    # Party bodies, whatever branch word follows (57-NQ/TW, 009_1026-kh-ubnd, 075_0124-kh-ubnd)
    ("Đảng đoàn Quốc hội", "party-committee"),
    ("Ban cán sự đảng Chính phủ", "party-committee"),
    ("Văn phòng Trung ương Đảng", "party-committee"),
    ("các Ban Xây dựng Đảng", "party-committee"),
    ("các cấp ủy Đảng", "party-committee"),
    ("Đảng ủy các cơ quan tỉnh", "party-committee"),
    # producers and service providers before their trade (111, 176, 101)
    ("Các cơ sở nuôi trồng thủy sản", "enterprise"),
    ("Các cơ sở sản xuất giống, NTTS thương phẩm", "enterprise"),
    ("các tổ chức cung cấp dịch vụ chi trả", "enterprise"),
    ("Các đơn vị cung cấp dịch vụ viễn thông", "enterprise"),
    # training institutions, broadcast networks, emulation councils, trade promotion
    ("Các cơ sở đào tạo đại học, sau đại học", "education"),
    ("Các trường đại học, viện nghiên cứu", "education"),
    ("hệ thống truyền thanh cơ sở", "media"),
    ("Các cơ quan thông tin, truyền thông của tỉnh", "media"),
    ("Hội đồng Thi đua - Khen thưởng các cấp", "home-affairs"),
    ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch", "industry-trade"),
])
def test_body_types_of_the_blind_documents(name, sector):
    assert sectors.gazetteer_sector(name) == sector


@pytest.mark.parametrize("name,sector", [
    # 980/KH-UBND (corpus/web/047): the civil-defence command and its office, the military command
    ("Ban Chỉ huy Phòng thủ dân sự tỉnh", "steering-committee"),
    ("Ban Chỉ huy PTDS tỉnh", "steering-committee"),
    ("Văn phòng Ban Chỉ huy", "steering-committee"),
    ("Bộ CHQS tỉnh", "military"),
])
def test_civil_defence_commands(name, sector):
    assert sectors.sector_of(name) == sector


def test_weights_read_without_numpy_equal_numpy_load(tmp_path):
    """``weights.read_npz`` gives what ``numpy.load`` gives: the shipped model (its coef in
    Fortran order) and arrays in C and Fortran order, strings and integers."""
    import numpy as np

    from pipeline.stages.agencies.weights import read_npz
    a = np.arange(12.0).reshape(3, 4) / 7
    np.savez(tmp_path / "t.npz", c=a, f=np.asfortranarray(a), s=np.array(["ab", "xyz"]),
             i=np.array([2, 5]))
    for path in (sectors.WEIGHTS, tmp_path / "t.npz"):
        got = read_npz(path)
        with np.load(path) as z:
            assert set(got) == set(z.files)
            for k in z.files:
                assert got[k] == (z[k].shape, z[k].ravel().tolist()), (path, k)
