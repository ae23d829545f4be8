"""A PDF read page by page under limits (pdfplumber on pdfminer.six).

What a hostile PDF can do to pdfminer, and what stops it here:

- an object that is a reference to itself (``3 0 obj 3 0 R endobj``) sends
  ``resolve1`` round forever: such a chain is treated as a missing object;
- a Flate stream is decompressed in one call, whatever it expands to: pdfminer is given a
  ``zlib`` whose ``decompress`` stops at ``max_pdf_stream_bytes`` (the page is then not
  read);
- one text operator can show millions of glyphs, each kept as an object: the page's
  glyphs and drawing operations are counted as they are drawn, and a page past
  ``max_pdf_page_chars`` / ``max_pdf_page_objects`` is abandoned (paths and images, which
  text extraction does not use, are counted but not kept);
- a 2,000-page PDF kept every page's objects: each page is released once its words are
  taken, and pages after ``max_pdf_pages`` are not read.

Each problem is said in the warnings, with the page numbers.  The two patches to
pdfminer (``PDFDocument.getobj`` and ``pdftypes.zlib``) change nothing for a sound PDF.
"""
from __future__ import annotations

import itertools
import zlib
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Callable

from pipeline.ingest import limits as ingest_limits
from pipeline.ingest.registry import IngestError

Words = list[dict[str, Any]]
Page = tuple[int, float, float, Any]      # (page number, width, height, what convert made of its words)
COUNT_PAGES_BEYOND = 100_000      # pages past the limit are counted up to this many
# byte 0xAD of a one-byte font: pdfminer reads it as a space (WinAnsiEncoding's glyph
# name for it), but it is the soft hyphen of Latin-1, and the letter u with horn in a TCVN3
# (.VnTime) font, which pipeline.ingest.legacy converts: kept as U+00AD
SOFT_HYPHEN_CODE = 0xAD
# streams that did not decode and objects not found, counted for the PDF being read (a
# context variable: readers in threads of one process count apart)
_FAILURES: ContextVar[list[int] | None] = ContextVar("pdf_failures", default=None)


class TooBig(Exception):
    """A page or stream past a limit (the message says which)."""


# ---- patches to pdfminer, applied once ------------------------------------------------------

class _BoundedDecompressor:
    """``zlib.decompressobj()`` that counts what it gives out."""

    def __init__(self, *args: Any) -> None:
        self._d = zlib.decompressobj(*args)
        self._n = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._d.decompress(data, max_length)
        self._n += len(out)
        _check(self._n)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._d, name)


def _failed() -> None:
    count = _FAILURES.get()
    if count is not None:
        count[0] += 1


def _check(n: int) -> None:
    limit = ingest_limits.current().max_pdf_stream_bytes
    if n > limit:
        raise TooBig(f"a compressed stream expands to more than {ingest_limits.size(limit)}")


class _BoundedZlib:
    """What pdfminer.pdftypes uses of ``zlib``, with decompression bounded."""
    error = zlib.error
    decompressobj = _BoundedDecompressor

    @staticmethod
    def decompress(data: bytes, *args: Any) -> bytes:
        limit = ingest_limits.current().max_pdf_stream_bytes
        d = zlib.decompressobj(*args[:1])       # (data, wbits, bufsize)
        try:
            out = d.decompress(data, limit + 1)
        except zlib.error:
            _failed()
            raise
        _check(len(out))
        if not d.eof:                   # as zlib.decompress: a stream cut short is an error
            _failed()
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


def harden() -> None:
    """Patch pdfminer once (idempotent)."""
    from pdfminer import pdfdocument, pdftypes  # heavy: loaded with pdfplumber, on first PDF
    doc_cls: Any = pdfdocument.PDFDocument
    if getattr(doc_cls, "_vnplan_hardened", False):
        return
    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]
    getobj = doc_cls.getobj
    not_found = pdftypes.PDFObjectNotFound
    ref = pdftypes.PDFObjRef

    def guarded_getobj(self: Any, objid: int) -> Any:
        try:
            obj = getobj(self, objid)
        except not_found:
            _failed()
            raise
        x, seen = obj, {objid}
        while isinstance(x, ref):        # an object that is only a reference: follow it
            if x.objid in seen or len(seen) > 64:
                _failed()
                raise not_found(f"object {objid} refers back to itself")
            seen.add(x.objid)
            x = getobj(self, x.objid)
        return obj

    doc_cls.getobj = guarded_getobj
    doc_cls._vnplan_hardened = True


# ---- page by page --------------------------------------------------------------------------

def _counting_device(base: Any, limits: ingest_limits.Limits) -> Any:
    """A pdfplumber layout device that counts what a page draws (and raises past a limit)."""

    class Counting(base):
        chars = ops = images = 0

        def _tick(self) -> None:
            self.ops += 1
            if self.ops > limits.max_pdf_page_objects:
                raise TooBig(f"more than {limits.max_pdf_page_objects:,} drawing operations")

        def render_char(self, matrix: Any, font: Any, fontsize: float, scaling: float,
                        rise: float, cid: int, *args: Any) -> float:
            self.chars += 1
            if self.chars > limits.max_pdf_page_chars:
                raise TooBig(f"more than {limits.max_pdf_page_chars:,} characters")
            self._tick()
            adv = float(super().render_char(matrix, font, fontsize, scaling, rise, cid, *args))
            if cid == SOFT_HYPHEN_CODE and not font.is_multibyte():
                char = self.cur_item._objs[-1]
                if getattr(char, "_text", None) in (" ", "-"):
                    char._text = "\u00ad"
            return adv

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            self._tick()                 # not kept: words need only the characters

        def render_image(self, *args: Any, **kwargs: Any) -> None:
            self.images += 1
            self._tick()

        def begin_figure(self, *args: Any, **kwargs: Any) -> None:
            self._tick()
            super().begin_figure(*args, **kwargs)

    return Counting


def read_pages(path: Path, on_error: Callable[[Exception], str],
               convert: Callable[[Words], Any],
               images: dict[int, int] | None = None,
               damaged: list[int] | None = None) -> tuple[list[Page], list[str]]:
    """``convert(words)`` of each page read (the words themselves are let go page by page;
    a page without words is there too), and warnings about the pages that could not be
    read.  ``images``, if given, gets the number of images each page draws, ``damaged``
    the numbers of the pages read in spite of damage.

    ``on_error(exc) -> str`` words a failure to open the file (raised as ``IngestError``).
    """
    failed = [0]
    token = _FAILURES.set(failed)
    try:
        return _read_pages(path, on_error, convert, failed, {} if images is None else images,
                           [] if damaged is None else damaged)
    finally:
        _FAILURES.reset(token)


def _read_pages(path: Path, on_error: Callable[[Exception], str],
                convert: Callable[[Words], Any], failed: list[int],
                images: dict[int, int], damaged: list[int]) -> tuple[list[Page], list[str]]:
    import pdfplumber  # ~70 ms to import: loaded only when a PDF is read
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page as PlumberPage
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent
    harden()
    name, limits = path.name, ingest_limits.current()
    device_cls = _counting_device(PDFPageAggregatorWithMarkedContent, limits)
    pages: list[Page] = []
    too_big: dict[str, list[int]] = {}
    warnings: list[str] = []
    # the file is opened here, not by pdfplumber: closing a pdfplumber PDF builds every page
    with open(path, "rb") as fh:
        try:
            pdf = pdfplumber.open(fh)
        except Exception as exc:
            raise IngestError(_refused(name, exc) or on_error(exc)) from exc
        tree = PDFPage.create_pages(pdf.doc)
        doctop = 0.0
        for number in itertools.count(1):
            failures = failed[0]
            try:
                page_obj = next(tree)
            except StopIteration:
                break
            except Exception as exc:
                if number == 1:
                    raise IngestError(_refused(name, exc) or on_error(exc)) from exc
                warnings.append(f"{name}: the list of pages is damaged after page {number - 1}; "
                                "later pages are not read")
                break
            if number > limits.max_pdf_pages:
                more = 1 + sum(1 for _ in itertools.islice(_safe(tree), COUNT_PAGES_BEYOND))
                last = f"{number + more - 1:,}" if more <= COUNT_PAGES_BEYOND else "the end"
                warnings.append(f"{name}: only the first {limits.max_pdf_pages:,} pages are read; "
                                f"pages {number:,} to {last} are not")
                break
            page = None
            try:
                page = PlumberPage(pdf, page_obj, page_number=number, initial_doctop=doctop)
                device = device_cls(pdf.rsrcmgr, pageno=number, laparams=pdf.laparams)
                PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page_obj)
                page._layout = device.get_result()    # pdfplumber's cache of the page layout
                words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
                if device.images:
                    images[number] = device.images
                width, height = float(page.width), float(page.height)
                doctop += height
            except TooBig as exc:
                too_big.setdefault(str(exc), []).append(number)
                continue
            except Exception:
                damaged.append(number)
                continue
            finally:
                if page is not None:
                    page.close()
            if failed[0] > failures:
                damaged.append(number)
            pages.append((number, width, height, convert(words)))
    if not pages and damaged:
        raise IngestError(f"{name}: no page of the PDF can be read; it may be damaged or "
                          "truncated")
    if not pages and too_big:
        raise IngestError(f"{name}: refused: no page can be read within the limits "
                          f"({'; '.join(too_big)})")
    if damaged:
        warnings.append(f"{name}: damaged pages (text may be missing there): {page_list(damaged)}")
    for why, numbers in too_big.items():
        warnings.append(f"{name}: pages not read, {why} (the limit): {page_list(numbers)}")
    return pages, warnings


def _refused(name: str, exc: BaseException) -> str | None:
    """The words of a limit hit while opening the file, if that is what ``exc`` is."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return None
        if isinstance(seen, TooBig):
            return f"{name}: refused: {seen} (the limit)"
        seen = seen.__cause__ or seen.__context__
    return None


def _safe(tree: Any) -> Any:
    """The rest of a page iterator, ending quietly at a damaged place."""
    while True:
        try:
            yield next(tree)
        except Exception:
            return


def page_list(numbers: list[int]) -> str:
    """'3, 5-7, 12'."""
    spans: list[str] = []
    for _, grp in itertools.groupby(enumerate(numbers), lambda t: t[1] - t[0]):
        run = [n for _, n in grp]
        spans.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ", ".join(spans)
