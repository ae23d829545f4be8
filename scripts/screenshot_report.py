#!/usr/bin/env python3
"""Save a PNG screenshot of a report.html with headless Chromium (offline, fresh profile).

    .venv/bin/python scripts/screenshot_report.py out/report/report.html -o out/report/report.png

Also importable: ``chromium()`` finds the browser, ``run_chromium(args, ...)`` runs it with
the flags the browser test uses, ``dump_dom(html)`` returns the rendered DOM.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio"]
OFFLINE = ["--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
           "--host-resolver-rules=MAP * ~NOTFOUND"]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(args, timeout: int = 90) -> subprocess.CompletedProcess:
    """Run Chromium with the standard flags, network disabled, in a throw-away profile."""
    exe = chromium()
    if not exe:
        raise FileNotFoundError("chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="vnplan-chromium-") as profile:
        cmd = [exe, *FLAGS, *OFFLINE, f"--user-data-dir={profile}", *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def dump_dom(html: Path) -> str:
    proc = run_chromium(["--virtual-time-budget=3000", "--dump-dom", Path(html).resolve().as_uri()])
    return proc.stdout


def screenshot(html: Path, png: Path, width: int = 1400, height: int = 2200) -> Path:
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    run_chromium([f"--screenshot={png}", f"--window-size={width},{height}",
                  "--virtual-time-budget=3000", Path(html).resolve().as_uri()])
    if not png.exists():
        raise RuntimeError(f"chromium wrote no screenshot to {png}")
    return png


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", help="report.html")
    ap.add_argument("-o", "--output", help="PNG path (default: beside the html)")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=2200)
    a = ap.parse_args(argv)
    out = a.output or str(Path(a.html).with_suffix(".png"))
    print(screenshot(Path(a.html), Path(out), a.width, a.height))
    return 0


if __name__ == "__main__":
    sys.exit(main())
