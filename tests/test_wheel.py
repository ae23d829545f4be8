"""A regular (non-editable) install works from any folder: build the wheel, install it into a
fresh virtual environment outside the repository, run `vnplan extract` and `vnplan compare`
on the seeds from another directory, and get what the development tree gives."""
from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


def run(*cmd, cwd) -> subprocess.CompletedProcess:
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr[-2000:]
    return r


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv holding only the vnplan wheel; its dependencies come from the test's own
    environment through a .pth line (no download)."""
    tmp = tmp_path_factory.mktemp("wheel")
    build = tmp / "build"
    shutil.copytree(ROOT, build, ignore=shutil.ignore_patterns(
        ".venv", ".git", "out", "build", "*.egg-info", "__pycache__", ".pytest_cache"),
        symlinks=True)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
        "-w", tmp / "dist", ".", cwd=build)
    wheel = next((tmp / "dist").glob("vnplan-*.whl"))
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp)
    site = Path(subprocess.check_output(
        [venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True).strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(venv / "bin" / "python", "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel,
        cwd=tmp)
    return venv



def test_installed_wheel_matches_the_tree(installed, tmp_path):
    py = installed / "bin" / "python"
    where = subprocess.check_output([py, "-c", "import pipeline; print(pipeline.__file__)"],
                                    cwd=tmp_path, text=True).strip()
    assert str(installed) in where and str(ROOT) not in where
    names = zipfile.ZipFile(next(installed.parent.glob("dist/*.whl"))).namelist()
    for must in ("pipeline/data/targets.yaml", "pipeline/data/models/sector_model.npz",
                 "pipeline/data/templates/report.html.j2", "pipeline/data/references/1629-QD-TTg.yaml", "pipeline/py.typed"):
        assert must in names, must

    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "corpus" / "seeds", seeds)
    work = tmp_path / "elsewhere"
    work.mkdir()
    run(installed / "bin" / "vnplan", "extract", seeds, "-o", "wheel.jsonl", "-j", "1", "-q", cwd=work)
    run(sys.executable, "-m", "pipeline", "extract", seeds, "-o", tmp_path / "tree.jsonl", "-j", "1",
        "-q", cwd=ROOT)
    assert (work / "wheel.jsonl").read_bytes() == (tmp_path / "tree.jsonl").read_bytes()

    run(installed / "bin" / "vnplan", "compare", "wheel.jsonl", "-o", "report", cwd=work)
    run(sys.executable, "-m", "pipeline", "compare", tmp_path / "tree.jsonl", "-o",
        tmp_path / "tree-report", cwd=ROOT)
    wheel_rows = (work / "report" / "divergences.csv").read_text(encoding="utf-8")
    tree_rows = (tmp_path / "tree-report" / "divergences.csv").read_text(encoding="utf-8")
    assert wheel_rows.count("\n") > 10
    assert wheel_rows == tree_rows
