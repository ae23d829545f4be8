"""The report writers made for 100,000-document comparisons write what the plain ones
wrote: divergences.csv is ``DataFrame.to_csv`` byte for byte (escaped cells, quoting,
missing values, numbers) on the real comparison of generated records and on a frame of
every awkward cell."""
from __future__ import annotations

import io
import json
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

from pipeline.cli.compare import read_inputs
from pipeline.linking.compare import compare_records
from pipeline.linking.references import BUNDLED_DIR
from pipeline.output import csv as csv_out

sys.path.insert(0, str(ROOT / "scripts"))
import scale_corpus  # noqa: E402

AWKWARD = ["=HYPERLINK(\"x\")", "'=quoted", "''twice", "'", "-5 %", "+84", "@a", "\tx", "\rx",
           "a,b", 'say "hi"', "line\nbreak", "car\rret", "", None, "Tỷ trọng kinh tế số ≥ 30%",
           " lead", "trail ", "'plain"]


@pytest.fixture(scope="module")
def result(tmp_path_factory, seed_records):
    path = tmp_path_factory.mktemp("gen") / "gen.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for rec in scale_corpus.generate(seed_records, 300):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return compare_records(read_inputs([path]), [BUNDLED_DIR])


def plain_csv(df: pd.DataFrame) -> bytes:
    """What the writer wrote before: the escaped frame through ``to_csv``."""
    buf = io.StringIO()
    csv_out.safe_frame(df).to_csv(buf, index=False)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def awkward_frame(n: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    text = [AWKWARD[i % len(AWKWARD)] for i in range(n)]
    floats = rng.choice([np.nan, 70.0, 0.5, 1e-05, 1e16, 123456789.125, -3.0], n)
    return pd.DataFrame({
        "text": pd.array(text, dtype="str"),
        "value": floats,
        "rank": np.arange(n) - 3,
        "flag": np.arange(n) % 3 == 0,
        "mixed": pd.Series([[1, "a"], None, 2.5, "=x", float("nan"), ("t",), 7, pd.NA] * (n // 8),
                           dtype=object),
        "more": pd.array(list(reversed(text)), dtype="str"),
    })


def test_csv_is_to_csv_byte_for_byte_on_awkward_cells(tmp_path):
    df = awkward_frame()
    raw = io.BytesIO()
    fh = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    assert csv_out.write_rows(df, fh, chunk=7)          # several chunks, a short last one
    fh.flush()
    assert raw.getvalue() == plain_csv(df)
    path = csv_out.write_frame(df, tmp_path / "a.csv")
    assert path.read_bytes() == plain_csv(df)
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert back["text"].tolist()[:3] == ["'=HYPERLINK(\"x\")", "''=quoted", "'''twice"]
    # no BOM for pipelines; an empty frame is its header
    no_bom = csv_out.write_frame(df, tmp_path / "b.csv", bom=False).read_bytes()
    assert no_bom == plain_csv(df)[3:]
    empty = csv_out.write_frame(df.iloc[:0], tmp_path / "c.csv").read_bytes()
    assert empty == plain_csv(df.iloc[:0]) and empty.count(b"\n") == 1


def test_a_column_of_another_kind_goes_through_to_csv(tmp_path):
    df = awkward_frame(8).assign(when=pd.date_range("2025-01-01", periods=8),
                                 count=pd.array([1, None] * 4, dtype="Int64"))
    assert csv_out.write_frame(df, tmp_path / "d.csv").read_bytes() == plain_csv(df)


def test_report_csvs_are_to_csv_byte_for_byte(result, tmp_path):
    assert len(result.divergences) > 200 and len(result.siblings) > 50
    assert csv_out.write(result, tmp_path).read_bytes() == plain_csv(result.divergences)
    assert csv_out.write_siblings(result, tmp_path).read_bytes() == plain_csv(result.siblings)
