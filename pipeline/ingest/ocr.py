"""OCR of PDF pages: rendered by pypdfium2, read by tesseract with the ``vie`` model.

A page is rendered in grey at ``Settings.dpi`` (200: on the scans we measured, as
accurate as 300 and faster; see README), a page that is blank is not sent to OCR, and the
tesseract program is run on the others (``OMP_THREAD_LIMIT=1``: tesseract's own threads
make a page several times slower when cores are shared) with its TSV output, whose
block/paragraph/line numbers and word boxes give the lines of the page in PDF points,
in the form :mod:`pipeline.ingest.pdf` rebuilds paragraphs from, and whose word
confidences give the page's mean confidence.

Results are cached by page content (:mod:`pipeline.ingest.ocrcache`); pages of one
document are OCR'd ``VNPLAN_OCR_JOBS`` at a time (threads, each waiting on a subprocess),
never more than that many on the machine at once, whatever the number of workers.
"""
from __future__ import annotations

import functools
import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from concurrent.futures import Future

from pipeline.ingest import ocrcache
from pipeline.ingest.ocrcache import Settings

LANG = "vie"
PSM = 3                      # automatic page segmentation (no orientation detection)
MAX_PIXELS = 40_000_000      # a page larger than this is rendered at a lower resolution
BLANK_INK = 0.0005           # fewer dark pixels than this share: a blank page
MIN_WORD_CONF = 20.0         # a word below this confidence without a letter or digit: noise
PAGE_TIMEOUT = 600           # seconds for tesseract on one page
INSTALL = "Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie"


class OcrError(Exception):
    """OCR cannot run (tesseract missing, no Vietnamese model); the message says why."""


@dataclass
class PageText:
    number: int
    lines: list[dict[str, Any]] = field(default_factory=list)   # as pdf._lines_of gives
    confidence: Optional[float] = None      # mean word confidence, 0-100
    words: int = 0
    blank: bool = False
    error: Optional[str] = None             # tesseract failed on this page


@functools.lru_cache(maxsize=8)
def _tesseract(program: str) -> tuple[Optional[str], str]:
    """(why OCR cannot run or None, the tesseract version)."""
    if not shutil.which(program):
        return (f"the tesseract OCR program is not installed ({INSTALL})", "")
    try:
        langs = subprocess.run([program, "--list-langs"], capture_output=True, text=True,
                               timeout=60)
        version = subprocess.run([program, "--version"], capture_output=True, text=True,
                                 timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return (f"the tesseract OCR program cannot be run ({exc})", "")
    if LANG not in (langs.stdout + langs.stderr).split():
        return (f"the Vietnamese model of tesseract is not installed ({INSTALL})", "")
    return None, (version.stdout or version.stderr).split("\n")[0].strip()


def unavailable(settings: Settings) -> Optional[str]:
    """Why OCR cannot run here, in plain words, or None."""
    return _tesseract(settings.program)[0]


def _render(page: Any, dpi: int) -> tuple[Any, float]:
    """(grey PIL image, dots per inch) of a pypdfium2 page.  The grey is the red channel:
    black text stays black, a red seal or red ink (on most signed plans) fades to light
    grey instead of covering the words under it."""
    w, h = page.get_size()
    scale = min(dpi / 72, (MAX_PIXELS / max(1.0, w * h)) ** 0.5)
    return page.render(scale=scale).to_pil().getchannel("R"), scale * 72


def _blank(img: Any) -> bool:
    dark = sum(img.histogram()[:128])
    return dark < BLANK_INK * img.width * img.height


def _run(program: str, img: Any, dpi: float, jobs: int) -> str:
    """Tesseract's TSV for ``img`` (a PGM on its standard input)."""
    import io
    buf = io.BytesIO()
    img.save(buf, "PPM")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with ocrcache.slot(jobs):
        done = subprocess.run([program, "stdin", "stdout", "-l", LANG, "--psm", str(PSM),
                               "--dpi", str(round(dpi)), "tsv"], input=buf.getvalue(),
                              capture_output=True, env=env, timeout=PAGE_TIMEOUT)
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(err[-1] if err else f"exit status {done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str) -> list[list[Any]]:
    """Words of tesseract's TSV: [block, paragraph, line, left, top, width, height, conf,
    text] (pixels), noise left out."""
    words = []
    for row in tsv.split("\n")[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        conf, text = float(cols[10]), cols[11].strip()
        if conf < MIN_WORD_CONF and not any(c.isalnum() for c in text):
            continue
        words.append([int(cols[2]), int(cols[3]), int(cols[4]), int(cols[6]), int(cols[7]),
                      int(cols[8]), int(cols[9]), conf, text])
    return words


def lines_of(words: list[list[Any]], dpi: float, column_gap: float) -> list[dict[str, Any]]:
    """Tesseract's lines as the PDF reader's lines (points): a tesseract line is kept
    whole, lines of side-by-side blocks at the same height (the two-column header) are one
    line with one segment each, and a gap wider than ``column_gap`` splits a segment.

    A line's box is made from its baseline (where most of its words end) and the usual
    line height of the page, not from its ink: a line of capitals and digits, without
    accents or descenders, is not set apart by a wider gap (a paragraph break)."""
    k = 72.0 / dpi
    by_line: dict[tuple[int, int, int], list[list[Any]]] = {}
    for w in words:
        by_line.setdefault((w[0], w[1], w[2]), []).append(w)
    tess = []
    for ws in by_line.values():
        ws.sort(key=lambda w: w[3])
        segs, cur = [], [ws[0]]
        for a, b in zip(ws, ws[1:]):
            if (b[3] - a[3] - a[5]) * k > column_gap:
                segs.append(cur)
                cur = []
            cur.append(b)
        segs.append(cur)
        base = statistics.median_low(w[4] + w[6] for w in ws)
        tess.append({"top": min(w[4] for w in ws) * k, "bottom": base * k,
                     "x0": ws[0][3] * k, "x1": max(w[3] + w[5] for w in ws) * k,
                     "segments": [(s[0][3] * k, " ".join(w[8] for w in s)) for s in segs]})
    if tess:
        height = statistics.median(ln["bottom"] - ln["top"] for ln in tess)
        for ln in tess:
            ln["top"] = ln["bottom"] - height
    tess.sort(key=lambda ln: (ln["top"] + ln["bottom"]) / 2)
    out: list[dict[str, Any]] = []
    for ln in tess:
        last = out[-1] if out else None
        mid = (ln["top"] + ln["bottom"]) / 2
        if (last is not None and abs(mid - (last["top"] + last["bottom"]) / 2)
                < 0.35 * min(ln["bottom"] - ln["top"], last["bottom"] - last["top"])
                and (ln["x0"] > last["x1"] or ln["x1"] < last["x0"])):
            last["segments"] = sorted(last["segments"] + ln["segments"])
            last["top"], last["bottom"] = min(last["top"], ln["top"]), max(last["bottom"],
                                                                            ln["bottom"])
            last["x0"], last["x1"] = min(last["x0"], ln["x0"]), max(last["x1"], ln["x1"])
        else:
            out.append(dict(ln))
    for ln in out:
        ln["text"] = " ".join(t for _, t in ln["segments"])
    return out


def _page_text(number: int, result: dict[str, Any], column_gap: float) -> PageText:
    words = result["words"]
    confs = [w[7] for w in words]
    return PageText(number, lines_of(words, result["dpi"], column_gap),
                    round(sum(confs) / len(confs), 1) if confs else None, len(words))


def ocr_pages(data: bytes, numbers: list[int], settings: Settings,
              column_gap: float) -> dict[int, PageText]:
    """OCR of pages ``numbers`` (1-based) of the PDF ``data``: {number: PageText}.

    Raises :class:`OcrError` when tesseract cannot run."""
    problem, version = _tesseract(settings.program)
    if problem:
        raise OcrError(problem)
    # the thread pool (concurrent.futures, with logging: ~5 ms at every start otherwise) and
    # rendering (pypdfium2, already a pdfplumber dependency) only on this path
    from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

    import pypdfium2 as pdfium
    out: dict[int, PageText] = {}
    pending: dict[Future[str], tuple[int, str, float]] = {}
    pool = ThreadPoolExecutor(settings.jobs) if settings.jobs > 1 else None

    def collect(fut: Future[str]) -> None:
        number, key, dpi = pending.pop(fut)
        try:
            tsv = fut.result()
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            out[number] = PageText(number, error=str(exc) or type(exc).__name__)
            return
        result = {"dpi": dpi, "words": parse_tsv(tsv)}
        ocrcache.store(settings.cache, key, result)
        out[number] = _page_text(number, result, column_gap)

    try:
        doc = pdfium.PdfDocument(data)
    except Exception:           # PDFium refuses what pdfminer read: no page can be rendered
        return {n: PageText(n, error="the PDF cannot be rendered") for n in numbers}
    try:
        for number in numbers:
            try:
                page = doc[number - 1]
                try:
                    img, dpi = _render(page, settings.dpi)
                finally:
                    page.close()
            except Exception:   # a page PDFium cannot draw: said, the others go on
                out[number] = PageText(number, error="the page cannot be rendered")
                continue
            if _blank(img):
                out[number] = PageText(number, blank=True)
                continue
            key = ocrcache.page_key(img.tobytes(), img.size, img.mode, round(dpi), LANG, PSM,
                                    MIN_WORD_CONF, version)
            cached = ocrcache.load(settings.cache, key)
            if cached is not None:
                out[number] = _page_text(number, cached, column_gap)
                continue
            ocrcache.page_started()
            fut: Future[str]
            if pool is None:
                fut = Future()
                try:
                    fut.set_result(_run(settings.program, img, dpi, settings.jobs))
                except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
                    fut.set_exception(exc)
            else:
                fut = pool.submit(_run, settings.program, img, dpi, settings.jobs)
            pending[fut] = (number, key, dpi)
            while len(pending) > (settings.jobs if pool else 0):    # bounded: images held
                for f in wait(list(pending), return_when=FIRST_COMPLETED).done:
                    collect(f)
        for f in list(pending):
            wait([f])
            collect(f)
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        doc.close()
    return out
