"""Bad inputs get a record with a plain-words error; the batch goes on; output is atomic."""
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from render import dejavu_font, render_pdf

import pipeline
from pipeline import ingest

SEED = ROOT / "corpus/seeds/001_d52c853b74dbc7ea.txt"


def make_bad_files(d: Path) -> dict:
    """{file name: words its error must contain}."""
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.md").write_text("  \n\n\t\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    # Vietnamese in an 8-bit encoding that no table reads (TCVN3 bytes moved about)
    legacy = "K\u00d5 ho\u00b9ch ph\u00dfng ch\u00e8ng ma t\u00f3y n\u00a8m 2025\n".encode("cp1252")
    (d / "tcvn3.txt").write_bytes(bytes(b ^ 0x1f if b >= 0xa0 else b for b in legacy) * 30)
    pdf = render_pdf(["KẾ HOẠCH", "Phòng, chống ma túy trên địa bàn tỉnh năm 2025."] * 60,
                     d / "whole.pdf")
    data = pdf.read_bytes()
    (d / "truncated.pdf").write_bytes(data[: len(data) // 2])
    pdf.unlink()
    (d / "not-a.pdf").write_text("Kế hoạch số 12/KH-UBND", encoding="utf-8")
    from fpdf import FPDF
    enc = FPDF()
    enc.add_font("DejaVu", "", str(dejavu_font()))
    enc.add_page()
    enc.set_font("DejaVu", size=11)
    enc.multi_cell(0, 6, "Kế hoạch phòng, chống ma túy năm 2025 trên địa bàn tỉnh.")
    enc.set_encryption(owner_password="owner", user_password="secret")
    enc.output(str(d / "encrypted.pdf"))
    (d / "corrupt.docx").write_bytes(b"PK\x03\x04" + os.urandom(300))
    with zipfile.ZipFile(d / "other-zip.docx", "w") as z:
        z.writestr("readme.txt", "not a Word document")
    (d / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (d / "table.xlsx").write_bytes(b"PK\x03\x04")
    (d / "folder.txt").mkdir()
    return {
        "empty.txt": "empty", "blank.md": "empty", "binary.txt": "binary file",
        "tcvn3.txt": "not UTF-8", "truncated.pdf": "damaged or truncated",
        "not-a.pdf": "not a PDF", "encrypted.pdf": "password-protected",
        "corrupt.docx": "not a valid .docx", "other-zip.docx": "not a valid .docx",
        "legacy.doc": "convert it to .docx", "table.xlsx": "unsupported file type",
        "folder.txt": "folder", "missing.txt": "not found",
    }


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    return d, make_bad_files(d)


def test_each_bad_input_gets_a_plain_error(bad):
    d, expected = bad
    for name, words in expected.items():
        doc = pipeline.extract_document(d / name)
        assert doc.text == "" and len(doc.errors) == 1, (name, doc.errors)
        msg = doc.errors[0]
        assert words in msg and msg.startswith(name), (name, msg)
        assert "Traceback" not in msg and "Error:" not in msg and len(msg) < 200, msg


def test_read_source_raises_ingest_error(bad):
    d, expected = bad
    for name in expected:
        with pytest.raises(ingest.IngestError):
            ingest.read_source(d / name)


@pytest.mark.slow
def test_unknown_extension_lists_supported_types(bad):
    d, _ = bad
    msg = pipeline.extract_document(d / "table.xlsx").errors[0]
    for ext in sorted(ingest.SUPPORTED):
        assert ext in msg


def vnplan(*args, **kw):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, **kw)


@pytest.mark.slow
def test_batch_goes_on_and_exit_status(bad, tmp_path):
    d, expected = bad
    # (a missing input is a usage error of the command line: tests/test_cli_errors.py)
    names = ["empty.txt", "truncated.pdf", "corrupt.docx", "legacy.doc"]
    inputs = [str(SEED)] + [str(d / n) for n in names] + [str(SEED)]
    out = tmp_path / "mixed.jsonl"
    r = vnplan("extract", *inputs, "-o", str(out), "-j", "1", "-q")
    assert r.returncode == 1, r.stderr
    recs = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [rec["source"] for rec in recs] == inputs
    assert recs[0]["errors"] == [] and recs[-1]["errors"] == []
    assert recs[0]["sections"] and recs[0]["chars"] > 5000
    for rec, n in zip(recs[1:-1], names):
        assert rec["errors"] and expected[n] in rec["errors"][0], rec["errors"]
        assert rec["sections"] == [] and rec["targets"] == []

    good = tmp_path / "good.jsonl"
    r = vnplan("extract", str(SEED), "-o", str(good), "-j", "1", "-q")
    assert r.returncode == 0, r.stderr
    assert len(good.read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.slow
def test_killed_run_leaves_no_half_written_output(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("OLD\n", encoding="utf-8")
    inputs = ["corpus/public", "corpus/seeds", "corpus/bulk"]   # ~10 s: time to kill it
    p = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", *inputs, "-o", str(out),
                          "-j", "1", "-q"], cwd=ROOT, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        started = False
        while time.time() < deadline and p.poll() is None:   # wait until it is writing
            if any(f.name != out.name for f in tmp_path.iterdir()):
                started = True
                time.sleep(1.0)
                break
            time.sleep(0.05)
        assert p.poll() is None, "the run ended before it could be killed"
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
    assert started
    assert out.read_text(encoding="utf-8") == "OLD\n"
    assert [f.name for f in tmp_path.iterdir() if f.name.endswith(".jsonl")] == ["out.jsonl"]


# ---- walking folders (issue 13): nothing skipped in silence, any file name ----------------

def extract_here(*args):
    """`vnplan ARGS` in this process (-j 1: monkeypatches reach the extraction)."""
    import contextlib
    import io

    from pipeline import cli
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        rc = cli.main(list(args))
    return rc, err.getvalue()


def test_every_document_file_is_walked_whatever_the_case_of_its_name(tmp_path):
    names = ["KEHOACH.txt", "UBND.md", "plan.TXT", "Plan.Md", "QD.DOCX", "scan.PDF"]
    docs = ["README.md", "readme.txt", "CONTRACT.md", "ANNOTATION.md", "LOG.md", "Changelog.md"]
    for name in names + docs + [".hidden.txt", "notes.xyz"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert sorted(p.name for p in pipeline.iter_inputs([tmp_path])) == sorted(names)
    # a project doc named explicitly is read all the same
    assert [p.name for p in pipeline.iter_inputs([tmp_path / "README.md"])] == ["README.md"]


@pytest.fixture
def locked(tmp_path, monkeypatch):
    """A sub-folder and a file that cannot be read (chmod 000; as root, where permissions do
    not stop reading, opening them fails the same way)."""
    good = tmp_path / "a.txt"
    good.write_bytes(SEED.read_bytes())
    sub = tmp_path / "private"
    sub.mkdir()
    (sub / "secret.txt").write_bytes(SEED.read_bytes())
    denied = tmp_path / "denied.txt"
    denied.write_bytes(SEED.read_bytes())
    for p in (sub, denied):
        p.chmod(0)

    def refuse(real, which):
        def call(p, *a, **kw):
            if Path(os.fsdecode(p)).resolve() in which:
                raise PermissionError(13, "Permission denied", os.fsdecode(p))
            return real(p, *a, **kw)
        return call

    if os.geteuid() == 0:
        monkeypatch.setattr(os, "scandir", refuse(os.scandir, {sub.resolve()}))
        monkeypatch.setattr(os, "listdir", refuse(os.listdir, {sub.resolve()}))
        monkeypatch.setattr(Path, "read_bytes", refuse(Path.read_bytes, {denied.resolve()}))
    yield tmp_path
    for p in (sub, denied):
        p.chmod(0o755)


def test_unreadable_folder_and_file_are_reported(locked, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "o.jsonl"
    rc, err = extract_here("extract", str(locked), "-o", str(out), "-j", "1")
    assert rc == 1, err
    recs = {Path(r["source"]).name: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert sorted(recs) == ["a.txt", "denied.txt", "private"]
    assert not recs["a.txt"]["errors"]
    assert recs["private"]["errors"] == ["private: the folder cannot be read (Permission denied)"]
    assert recs["denied.txt"]["errors"][0].startswith("denied.txt: the file cannot be opened")
    assert "2 inputs failed" in err and "private: the folder cannot be read" in err


def test_a_file_name_that_is_not_utf8(tmp_path):
    """A byte of a file name that is not UTF-8 made extract (JSONL, CSV, --resume) and
    compare (below) crash with UnicodeEncodeError, losing every record."""
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/k\xe9hoach.txt", "wb") as fh:   # Latin-1 'é'
        fh.write(SEED.read_bytes())
    (folder / "b.txt").write_bytes(SEED.read_bytes() + b"\n")
    out = tmp_path / "o.jsonl"
    rc, err = extract_here("extract", str(folder), "-o", str(out), "-j", "1")
    assert rc == 0, err
    recs = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [Path(r["source"]).name for r in recs] == ["b.txt", "k\\xe9hoach.txt"]
    assert recs[1]["doc_id"].startswith("k\\xe9hoach.txt@") and recs[1]["targets"]
    rc, err = extract_here("extract", str(folder), "-o", str(out), "-j", "1", "--resume")
    assert rc == 0 and "2 input(s) already done" in err, err
    assert out.read_text("utf-8").splitlines() == [json.dumps(r, ensure_ascii=False) for r in recs]
    rc, err = extract_here("extract", str(folder), "-o", str(tmp_path / "csv"), "--format", "csv",
                           "-j", "1")
    assert rc == 0, err
    assert "k\\xe9hoach.txt" in (tmp_path / "csv" / "documents.csv").read_text("utf-8")


@pytest.mark.slow
def test_compare_with_a_file_name_that_is_not_utf8(tmp_path):
    with open(os.fsencode(tmp_path) + b"/k\xe9hoach.txt", "wb") as fh:
        fh.write(SEED.read_bytes())
    rc, err = extract_here("compare", str(tmp_path), "-o", str(tmp_path / "cmp"), "-j", "1")
    assert rc == 0, err
    assert "k\\xe9hoach.txt" in (tmp_path / "cmp" / "report.html").read_text("utf-8")
