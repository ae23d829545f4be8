#!/usr/bin/env python3
"""Image-only PDFs that look like scans of real plans, for the OCR tests and the bench.

Each document's normalised text (what `vnplan extract` gives for the .txt) is typeset on
A4 with fpdf2 and the DejaVu font (the two-column header block on page 1, a running header
and page numbers as page furniture), each page rasterised with pypdfium2 at SCAN_DPI, then
degraded as a photocopy is: a small rotation, a slight blur, grain, and on one page a red
stamp-like circle over the signature area; pages are stored as JPEG images, so there is no
text layer at all.  ``make_mixed`` writes a typed body followed by a scanned annex.

    python scripts/make_scans.py OUT_DIR              # the 5 seeds + 2 public plans
    python scripts/make_scans.py OUT_DIR corpus/seeds/001_d52c853b74dbc7ea.txt

Generated when needed (tests cache them for the session; nothing is committed): the
output is deterministic for a given input and seed number.
"""
from __future__ import annotations

import argparse
import io
import math
import random
import sys
from pathlib import Path

from render_docs import typeset_pdf

ROOT = Path(__file__).resolve().parents[1]
SCAN_DPI = 200                       # what the portals' scans mostly are
PUBLIC = ["012_hcm-172-kh-ubnd-thi-hanh-luat-viec-lam.txt",
          "016_ttg-2623-qd-ke-hoach-thi-hanh-luat-bvdlcn.txt"]
RUNNING_HEADER = "Bản sao - tài liệu kiểm thử"


def document_lines(path: Path) -> list[str]:
    """The document's normalised text, one block per line (as the text reader gives it)."""
    sys.path.insert(0, str(ROOT))
    import pipeline
    return pipeline.extract_document(path).text.split("\n")


def typeset(lines: list[str], font_size: float = 11, header: tuple | None = None) -> bytes:
    """A born-digital A4 PDF of ``lines`` with this script's running header (see
    ``render_docs.typeset_pdf``); ``header`` = (left lines, right lines): the two-column
    header block on top."""
    return typeset_pdf(lines, font_size, header, running_header=RUNNING_HEADER)


def rasterise(pdf_bytes: bytes, pages: int | None = None, dpi: int = SCAN_DPI) -> list:
    """PIL images (RGB) of the pages (the first ``pages``, if given)."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB")
                for i in range(min(len(doc), pages or len(doc)))]
    finally:
        doc.close()


def stamp(img, rng: random.Random):
    """A red circle with a ring of dots and a star, half over the lower text (a seal)."""
    from PIL import Image, ImageDraw
    w, h = img.size
    r = int(w * 0.09)
    cx, cy = int(w * rng.uniform(0.6, 0.7)), int(h * rng.uniform(0.55, 0.75))
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (200, 30, 40, 150)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=max(3, r // 14))
    d.ellipse([cx - r * 0.72, cy - r * 0.72, cx + r * 0.72, cy + r * 0.72], outline=red,
              width=max(2, r // 30))
    for k in range(36):                       # the lettering of the ring, as dots
        a = 2 * math.pi * k / 36
        x, y = cx + r * 0.86 * math.cos(a), cy + r * 0.86 * math.sin(a)
        d.ellipse([x - 3, y - 3, x + 3, y + 3], fill=red)
    star = [(cx + r * 0.3 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
             cy - r * 0.3 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    d.polygon(star, fill=red)
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def degrade(img, rng: random.Random, with_stamp: bool = False):
    """A photocopy of ``img``: rotated a little, blurred a little, with grain."""
    from PIL import Image, ImageFilter
    if with_stamp:
        img = stamp(img, rng)
    img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, expand=False,
                     fillcolor=(255, 255, 255))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.7)))
    noise = Image.effect_noise(img.size, 18).convert("RGB")      # grey grain around 128
    img = Image.blend(img, noise, 0.08)
    return img.point(lambda v: min(255, int(v * 1.06)))           # paper back to near white


def image_pdf(images: list, dpi: int = SCAN_DPI, quality: int = 60) -> bytes:
    """A PDF whose pages are only these images (JPEG), one per page."""
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=dpi,
                   quality=quality)
    return buf.getvalue()


def scan_pages(lines: list[str], seed: int = 0, stamp_page: int | None = 0,
               pages: int | None = None, header: tuple | None = None) -> list:
    """Degraded page images of ``lines`` typeset (the stamp on page ``stamp_page``; the
    first ``pages`` pages only, if given; ``header``: see ``typeset``)."""
    rng = random.Random(seed)
    out = []
    for i, page in enumerate(rasterise(typeset(lines, header=header), pages)):
        img = degrade(page, rng, with_stamp=i == stamp_page)
        out.append(img if i == stamp_page else img.convert("L"))   # grey, but the stamp
    return out


def make_scan(lines: list[str], out: Path, seed: int = 0, pages: int | None = None,
              header: tuple | None = None) -> Path:
    """``out``: an image-only PDF of ``lines`` (the first ``pages`` pages only, if given;
    ``header``: the two-column header block, see ``typeset``)."""
    images = scan_pages(lines, seed, pages=pages, header=header)
    out.write_bytes(image_pdf(images))
    return out


def make_mixed(body: list[str], annex: list[str], out: Path, seed: int = 0) -> Path:
    """``out``: ``body`` typed (a text layer) followed by ``annex`` scanned (images only)."""
    import pypdfium2 as pdfium
    typed = pdfium.PdfDocument(typeset(body))
    scanned = pdfium.PdfDocument(image_pdf(scan_pages(annex, seed, stamp_page=None)))
    typed.import_pages(scanned)
    buf = io.BytesIO()
    typed.save(buf)
    typed.close()
    scanned.close()
    out.write_bytes(buf.getvalue())
    return out


def default_inputs() -> list[Path]:
    return sorted((ROOT / "corpus/seeds").glob("*.txt")) + [ROOT / "corpus/public" / p
                                                              for p in PUBLIC]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder for the PDFs (<stem>.pdf)")
    ap.add_argument("inputs", nargs="*", type=Path, help="documents (default: seeds + 2 plans)")
    ap.add_argument("--pages", type=int, default=None, help="keep only the first N pages")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(args.inputs or default_inputs()):
        out = make_scan(document_lines(path), args.out / f"{path.stem}.pdf", seed=i,
                        pages=args.pages)
        print(f"{out}  {out.stat().st_size // 1024} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
