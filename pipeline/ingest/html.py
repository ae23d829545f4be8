"""Saved web pages (.html, .htm): the document's body cut out of the page by trafilatura,
as Markdown (tables as pipe rows), then normalised as a Markdown export is.

trafilatura (a maintained main-content extractor) drops the site's furniture: banner,
menu, search box, breadcrumbs, sidebars of related documents, share buttons, footer,
scripts.  It was chosen over selectolax with rules kept as data (README, "Reading other
formats"): on the portal-like fixtures both keep the body, but rules have to name each
portal's furniture, trafilatura needs none.  The page's bytes are decoded as its BOM,
its ``<meta charset>`` or UTF-8 say; a legacy encoding is then the business of
:mod:`pipeline.ingest.readable`, as for any reader.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from pipeline.ingest.registry import IngestError, Source, digest, read_bytes, register

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
READER = "html"


@register(".html", ".htm")
def read_html_source(path: Path) -> Source:
    data = read_bytes(path)
    text = page_text(decode_page(data), path.name)
    return Source(text=text, format="md", sha1=digest(data), reader=READER)


def decode_page(data: bytes) -> str:
    """The page's characters: its BOM, else its ``<meta charset>``, else UTF-8 (bytes that
    are not UTF-8 then as Windows-1252: a legacy-font page is judged afterwards)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def page_text(page: str, name: str) -> str:
    """The main content of a page as Markdown; ``IngestError`` when there is none."""
    # trafilatura takes ~0.4 s to import: only when a web page is read
    import trafilatura

    text = trafilatura.extract(page, output_format="markdown", include_tables=True,
                               include_links=False, include_images=False,
                               include_comments=False, include_formatting=False,
                               favor_recall=True, deduplicate=False, with_metadata=False)
    if not text or not text.strip():
        raise IngestError(f"{name}: no document text found in the web page (an empty "
                          "page, a page made by scripts, or not a web page)")
    return text
