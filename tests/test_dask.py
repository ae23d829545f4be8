"""The dask.distributed engine gives the local engine's output, record for record."""
import json
import subprocess
import sys

import distributed
import pytest
from conftest import ROOT

from pipeline.run import batch

pytestmark = pytest.mark.slow

INPUTS = ["corpus/seeds"] + sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "corpus/public").glob("*.txt"))[:3]


@pytest.fixture(scope="module")
def local():
    return [json.loads(batch._jsonl_line(r)) for r in batch.records(INPUTS, jobs=1)]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


def test_cli_on_a_scheduler_equals_local(tmp_path, cluster, local):
    """`vnplan extract --scheduler tcp://...` against a running 2-worker cluster."""
    out = tmp_path / "dask.jsonl"
    res = subprocess.run([sys.executable, "-m", "pipeline", "extract", *INPUTS, "-o", str(out),
                          "--scheduler", cluster.scheduler_address, "--chunk", "2"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == len(local) == 5 + 3
    for got, want in zip(recs, local):
        assert got == want, got["source"]


def test_api_on_a_scheduler_equals_local(cluster, local):
    import pipeline
    corpus = pipeline.extract(INPUTS, scheduler=cluster.scheduler_address)
    assert corpus.records == local
    assert len(cluster.workers) == 2
