#!/usr/bin/env bash
# One-command install on a fresh Debian machine: system packages, a virtualenv in .venv,
# vnplan in editable mode with the test extras.  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

# System packages: tesseract + its Vietnamese model (OCR), LibreOffice Writer (.doc/.rtf/.odt),
# DejaVu fonts (Vietnamese glyphs for rendering test PDFs) and Chromium (the report test
# opens report.html headless).  Skipped when not root or no apt.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  need=()
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  # LibreOffice headless converts .doc/.rtf/.odt to .docx (pipeline/ingest/doc.py)
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
  # OCR of scanned PDF pages: tesseract and its Vietnamese model
  command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
  [ -n "$(find /usr/share/tesseract-ocr -name vie.traineddata 2>/dev/null)" ] || need+=(tesseract-ocr-vie)
  if ((${#need[@]})); then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# versions pinned to the ones the test suite last passed with (constraints.txt)
.venv/bin/python -m pip install -q -c constraints.txt -e ".[dev]"
# byte-compile the package as a regular install does (an editable one does not, and with
# PYTHONDONTWRITEBYTECODE set every run would compile it again: ~0.1 s per process start)
.venv/bin/python -m compileall -q pipeline
echo "vnplan installed in .venv — activate with: source .venv/bin/activate"
