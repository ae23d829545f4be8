"""spaCy plumbing: the syllable tokenizer, the Doc with span groups, the cue matcher."""
from pathlib import Path

import pytest

import pipeline
from pipeline.api import nlp

SEED = Path(__file__).resolve().parents[1] / "corpus" / "seeds" / "000_c3abb955b2b52a40.txt"


@pytest.fixture(scope="module")
def seed_doc():
    document = pipeline.extract_document(SEED)
    return document, nlp.make_doc(document)


def test_tokenizer_keeps_offsets_and_vietnamese_numbers():
    text = "Quyết định  số 2060/QĐ-UBND\n\nngày 01/11/2021; 2.700 cuốn/năm, 1,5 lần"
    doc = nlp.tokens(text)
    assert doc.text == text
    words = [t.text for t in doc]
    assert "2.700" in words and "01/11/2021" in words and "1,5" in words
    for t in doc:
        assert text[t.idx:t.idx + len(t.text)] == t.text


def test_doc_carries_the_extraction(seed_doc):
    document, doc = seed_doc
    assert doc._.vnplan is document
    assert len(doc.spans["targets"]) == len(document.targets) > 0
    for span in doc.spans["targets"]:
        assert span._.record.quote.strip()[:10] in span.text
    assert {s.label_ for s in doc.spans["citations"]} == {c.role for c in document.citations}
    assert [s.label_ for s in doc.spans["sections"]][:2] == ["I", "I.1"]


def test_cue_spans_follow_the_rules_reading(seed_doc):
    _, doc = seed_doc
    by_label = {}
    for span in doc.spans["cues"]:
        by_label.setdefault(span.label_, []).append(span)
    # comparators only before a number: "Ít nhất 40% xã", never "trên địa bàn"
    assert all(any(t.text[:1].isdigit() for t in doc[s.end:s.end + 4])
               for s in by_label["at_least"])
    assert "more_than" not in by_label
    # openers only at a block start: the preamble's "Thực hiện Quyết định số 2060/QĐ-UBND"
    assert any(doc[s.end:s.end + 3].text.startswith("Quyết định số") for s in by_label["parent"])
    assert len(by_label["requested"]) == 2          # "Đề nghị Viện Kiểm sát …", "Đề nghị Ủy ban MTTQ …"
    assert by_label["lead"] and by_label["coordinate"]
