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
    (d / "tcvn3.txt").write_bytes("Kª ho¹ch phßng chèng ma tóy n¨m 2025\n".encode("cp1252") * 30)
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
