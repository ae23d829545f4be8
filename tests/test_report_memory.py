"""The report writers' memory work changes no output: report.html written piece by piece
is the page :func:`render_html` makes; the unresolved citations it lists, read column by
column, are the rows a list of every citation gives; a writer leaves Arrow's default pool
as it found it; and memory a writer frees is not kept (growth ratio, never a timing)."""
from __future__ import annotations

import os
import re
import sys

import pyarrow as pa
import pytest

from pipeline.output import html, memory
from pipeline.output.report import write_report

_STAMP = re.compile(r"Generated [0-9-]+ [0-9:]+ UTC|\b[pm][0-9a-f]{10}\b")


@pytest.fixture
def result(generated_result):
    return generated_result


def test_page_written_in_pieces_is_the_rendered_page(result, tmp_path):
    write_report(result, tmp_path, ["html"])
    written = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert _STAMP.sub("", written) == _STAMP.sub("", html.render_html(result))


@pytest.mark.parametrize("limit", [5, 40, 10**6])
def test_unresolved_tables_are_the_lists_of_every_row(result, limit):
    rows = list(result.unresolved)
    assert len(rows) > 40
    main = [u for u in rows if u["role"] == "parent"] + \
           [u for u in rows if u["role"] != "parent" and u.get("status") == "ambiguous"]
    other = [u for u in rows if u["role"] != "parent" and u.get("status") != "ambiguous"]
    got_main, got_other = html.unresolved_tables(result.unresolved, limit)
    assert got_main == html.capped(main, limit)
    assert got_other == html.capped(other, limit)
    assert html.unresolved_tables(rows, limit) == (got_main, got_other)    # a plain list too


def test_a_writer_leaves_arrows_pool_as_it_was(result, tmp_path):
    before = pa.default_memory_pool().backend_name
    with memory.writing():
        assert pa.default_memory_pool().backend_name == "system"
    write_report(result, tmp_path, ["csv", "siblings"])
    assert pa.default_memory_pool().backend_name == before


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_writing_a_report_again_keeps_no_more_memory(result, tmp_path):
    """The second and third reports of one result keep (almost) nothing more than the first:
    what a writer frees is given back or reused."""
    write_report(result, tmp_path)
    first = _rss_mb()
    for _ in range(2):
        write_report(result, tmp_path)
    assert _rss_mb() - first < 0.05 * first
