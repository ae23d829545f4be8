"""The report writers made for 100,000-document comparisons write what the plain ones
wrote: divergences.csv is ``DataFrame.to_csv`` byte for byte (escaped cells, quoting,
missing values, numbers) on the real comparison of generated records and on a frame of
every awkward cell; report.html's level tree is the level graph's, and a page cut short
says what it left out and where every row is (the CSV and XLSX files stay complete); the
sheets made a block of rows at a time are the per-cell writer's, byte for byte."""
from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from pipeline.linking.compare import compare_records
from pipeline.linking.references import BUNDLED_DIR
from pipeline.output import csv as csv_out
from pipeline.output import html, xlsx
from pipeline.output import xlsxstream as xs
from pipeline.output.report import write_report

AWKWARD = ["=HYPERLINK(\"x\")", "'=quoted", "''twice", "'", "-5 %", "+84", "@a", "\tx", "\rx",
           "a,b", 'say "hi"', "line\nbreak", "car\rret", "", None, "Tỷ trọng kinh tế số ≥ 30%",
           " lead", "trail ", "'plain"]


@pytest.fixture(scope="module")
def seeds(seed_records):
    return compare_records(seed_records, [BUNDLED_DIR])


@pytest.fixture
def result(generated_result):
    return generated_result


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


def tree_edges_shown(nodes, parent=None) -> set:
    out = set()
    for n in nodes:
        if parent is not None:
            out.add((n["id"], parent, n["link"], n["reason"]))
        out |= tree_edges_shown(n["children"], n["id"])
    return out


def test_level_tree_is_the_graphs_without_building_it(result, seeds):
    """The tree read from the links and unresolved citations shows the level graph's edges
    (parent and basis links, unresolved parents), each once, with the graph's attributes."""
    links = set()
    for res in (result, seeds):
        tree, more = html.level_tree(res, nodes=10**6, per_node=10**6, trees=10**6)
        assert more == 0 and html.count_more(tree) == 0
        g = res.graph
        want = {(c, p, e["link"], e["reason"]) for c, p, e in g.edges(data=True)
                if e["role"] == "parent" or (e["role"] == "basis" and e["link"] != "unresolved")}
        assert tree_edges_shown(tree) == want
        labels = {n["id"]: n["label"] for n in tree}
        assert labels and all(labels[r] == (g.nodes[r].get("number") or r) for r in labels)
        links |= {e[2] for e in want}
    assert links == {"direct", "inferred", "unresolved"}


def test_level_tree_cap_counts_what_it_leaves_out(result):
    full, _ = html.level_tree(result, nodes=10**6, per_node=10**6, trees=10**6)

    def size(nodes):
        return sum(1 + size(n["children"]) for n in nodes)
    cut, roots_left = html.level_tree(result, nodes=25, per_node=3, trees=10**6)
    assert size(cut) <= 25 and roots_left + len(cut) == len(full)
    assert html.count_more(cut) > 0
    assert all(len(n["children"]) <= 3 for n in cut)


def test_capped_page_says_so_and_the_files_stay_complete(result, seeds, tmp_path):
    """A page cut to 40 rows a table says what it left out and where every row is; the CSV
    and XLSX files written beside it hold every row."""
    page = html.render_html(result, limit=40)
    note = re.search(r'<p class="refbanner" id="page-cut">(.*?)</p>', page, re.S).group(1)
    for name in ("report.xlsx", "divergences.csv", "siblings.csv"):
        assert name in note
    parent_rows = (result.divergences["link"] != "sibling").sum()
    assert f"Left out here: {parent_rows - 40} parent findings" in note
    assert 'id="page-cut"' not in html.render_html(seeds)           # nothing cut, no note
    write_report(result, tmp_path, ["csv", "siblings", "xlsx"])
    assert len(pd.read_csv(tmp_path / "divergences.csv", encoding="utf-8-sig")) == len(result.divergences)
    assert len(pd.read_csv(tmp_path / "siblings.csv", encoding="utf-8-sig")) == len(result.siblings)
    wb = load_workbook(tmp_path / "report.xlsx", read_only=True)
    assert wb["findings"].max_row == len(result.divergences) + 1
    assert wb["unresolved"].max_row == len(result.unresolved) + 1


def test_conflicting_dates_list_a_few_citing_plans_each(result):
    rows = html.conflict_rows(result.conflicts, limit=2)
    assert rows and all(len(r["citing"]) <= 2 for r in rows)
    assert sum(len(r["citing"]) + r["more"] for r in rows) == \
        sum(len(v) for c in result.conflicts for v in c["dates"].values())


def per_cell_rows(columns, letters, nrows) -> tuple[str, dict]:
    """The sheet rows as the per-cell writer made them (one cell at a time, texts numbered
    chunk by chunk, column by column) and its shared strings."""
    shared: dict = {}
    out = []
    for start in range(0, nrows, xs.CHUNK):
        stop = min(start + xs.CHUNK, nrows)
        numbers = [str(n) for n in range(start + 2, stop + 2)]
        cells = [xs.column_cells(letter, numbers, col[start:stop], shared)
                 for letter, col in zip(letters, columns)]
        out += [f'<row r="{n}">' + "".join(cs) + "</row>" for n, *cs in zip(numbers, *cells)]
    return "".join(out), shared


@pytest.mark.parametrize("nrows", [5, 4500, 2 * xs.CHUNK * xs.BLOCK + 7])
def test_sheet_xml_is_the_per_cell_writers(nrows):
    """Rows made a block at a time with Arrow kernels are the per-cell writer's, byte for
    byte, shared strings numbered in the same order, for every kind of cell."""
    rng = np.random.default_rng(nrows)
    words = np.array(["a", "b & c", "<x>", "", " lead", "Tỷ trọng", "=f", "d\x01e"], dtype=object)
    text = words[rng.integers(0, len(words), nrows)].tolist()
    text = [None if i % 7 == 3 else t for i, t in enumerate(text)]
    df = pd.DataFrame({
        "text": pd.array(text, dtype="str"),
        "n": rng.integers(-5, 5, nrows),
        "x": rng.choice([np.nan, 0.1 + 0.2, 70.0, np.inf, -1e-7, 1e16], nrows),
        "flag": rng.integers(0, 2, nrows).astype(bool),
        "obj": pd.Series([[1, "a"], None, "w", 3, 2.5, {"k": 1}, ("t",), ""] * (nrows // 8 + 1),
                         dtype=object).iloc[:nrows].reset_index(drop=True),
        "ids": pd.array([f"doc{i % 97}" for i in range(nrows)], dtype="str"),
    })
    dicts = [{"k": t, "v": i if i % 5 else None, **({"z": "later"} if i > 3 else {})}
             for i, t in enumerate(text)]
    for name, table in (("frame", df), ("dicts", dicts)):
        _, header, columns, widths = xlsx.table(name, table)
        letters = [get_column_letter(i) for i in range(1, len(header) + 1)]
        shared: dict = {}
        buf = io.BytesIO()
        xs.sheet_xml(buf, header, columns, widths, shared)
        page = buf.getvalue().decode("utf-8")
        rows = page[page.index("</row>") + len("</row>"):page.index("</sheetData>")]
        want, want_shared = per_cell_rows(columns, letters, len(table))
        assert rows == want and list(shared.items()) == list(want_shared.items())
