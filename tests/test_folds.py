"""The one text fold and the one document-number key (pipeline.text.folds)."""
import pytest

from pipeline.evaluate.folds import fold as scorer_fold
from pipeline.text.folds import fold, new_tones, number_key


@pytest.mark.parametrize("old, new", [("hoá", "hóa"), ("Uỷ ban", "Ủy ban"), ("thuỷ lợi", "thủy lợi"),
                                      ("khoẻ", "khỏe")])
def test_old_tone_placement_moves(old, new):
    assert new_tones(old) == new
    assert fold(old) == new.lower() == scorer_fold(old)


@pytest.mark.parametrize("word", ["luật", "thuận", "hoặc", "quý", "Quý", "hoàng", "khuyến", "Quốc"])
def test_words_already_in_new_style_are_kept(word):
    assert new_tones(word) == word
    assert fold(word) == word.lower() == scorer_fold(word)


def test_fold_marks_dashes_and_space():
    assert fold("**Sở  Lao động–Thương binh**") == "sở lao động - thương binh"
    assert fold("  Luật  Đầu tư\n2021–2025 ") == fold("luật đầu tư 2021-2025") == "luật đầu tư 2021 - 2025"
    assert fold(None) == ""


@pytest.mark.parametrize("printed", ["0178/2004/NĐ-CP", "178/2004/ nđ-cp", "178/2004/NÐ-CP",
                                     "178/2004/NĐ–CP.", " 178 / 2004 / NĐ-CP"])
def test_number_key_one_key_per_document(printed):
    assert number_key(printed) == "178/2004/NĐ-CP"


def test_number_key_keeps_what_tells_documents_apart():
    assert number_key("57-NQ/TW") != number_key("57/NQ-TW")
    assert number_key("1629/QĐ-TTg") == "1629/QĐ-TTG" and number_key("") is None
