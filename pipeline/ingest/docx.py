"""Word .docx: the document, then its footnotes and endnotes, as text blocks.

The .docx is opened as a zip; before any part is decompressed its size in the zip
directory is checked against ``max_docx_part_bytes`` (a zip bomb is refused in plain
words), and the part is decompressed in pieces that count the bytes again (a directory
that lies about sizes does not help either).  The XML is read by :mod:`wordml` in one
streaming pass.  Page headers and footers are not part of the text; what they say (other
than page numbers) is reported in the record's ``warnings``.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

from pipeline import data as package_data
from pipeline.ingest import limits as ingest_limits
from pipeline.ingest import readable
from pipeline.ingest.registry import IngestError, Source, digest, read_bytes, register
from pipeline.ingest.wordml import Full, Reader
from pipeline.text.templates import fill

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"    # old .doc, or an encrypted .docx
MAIN_TYPE = "/officeDocument"
NOTE_TYPES = ("/footnotes", "/endnotes")
PAGE_TYPES = ("/header", "/footer")
_DATA = package_data.load("ingest.yaml")["pdf"]          # the page-number line of a PDF
_PAGE_NUMBER = re.compile(fill(_DATA["page_number"], _DATA), re.I)
# lxml (~13 ms to import) is imported by the functions that parse XML, when a Word file is
# read: a run of text files does not pay for it


class _TooBig(Exception):
    pass


@register(".docx")
def read_docx_source(path: Path) -> Source:
    data = read_bytes(path)
    text, warnings, enc = read_docx(path, data)
    return Source(text=text, format="docx", sha1=digest(data), warnings=warnings,
                  reader="docx", encoding=enc)


def read_docx(path: Path, data: bytes) -> tuple[str, list[str], str | None]:
    """(text, warnings, legacy encodings converted): body blocks, then footnotes and
    endnotes, separated by blank lines (see :mod:`pipeline.ingest.wordml` for the blocks;
    runs in legacy Vietnamese fonts are converted there)."""
    name = path.name
    limits = ingest_limits.current()
    if data[:8] == OLE_MAGIC:
        raise IngestError(f"{name}: this is an old Word .doc file or a password-protected "
                          "document; save it as a normal .docx and try again")
    not_docx = f"{name}: not a valid .docx file (damaged, or not a Word document)"
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError) as exc:
        raise IngestError(not_docx) from exc
    with z:
        main = _main_part(z, limits)
        if main is None:
            raise IngestError(not_docx)
        rels = _relations(z, main, limits)
        notes = [t for kind, t in rels if kind.endswith(NOTE_TYPES)]
        pages = [t for kind, t in rels if kind.endswith(PAGE_TYPES)]
        for part in [main, *notes, *pages]:
            size = z.getinfo(part).file_size
            if size > limits.max_docx_part_bytes:
                raise IngestError(_bomb(name, part, size, limits))
        reader = Reader(limits)
        warnings: list[str] = []
        blocks: list[str] = []
        for part in [main, *notes]:
            try:
                blocks += _read_part(z, part, reader, limits, name)
            except Full:                      # read_source cuts the text and says so
                blocks += reader.partial.items
                break
        if reader.cells_dropped:
            warnings.append(f"{name}: {reader.cells_dropped:,} table cells beyond the limit of "
                            f"{limits.max_table_cells:,} are not read")
        for enc in sorted(reader.legacy):
            warnings.append(readable.converted_warning(
                name, enc, f"the text of {reader.legacy[enc]:,} runs (in legacy fonts)"))
        header_text = _page_text(z, pages, limits, name)
        if header_text:
            warnings.append(f"{name}: text in page headers or footers is not read: "
                            f"'{header_text}'")
    return "\n\n".join(blocks), warnings, "+".join(sorted(reader.legacy)) or None


def _read_part(z: zipfile.ZipFile, part: str, reader: Reader, limits: ingest_limits.Limits,
               name: str) -> list[str]:
    """The blocks of one XML part, decompressed under the size limit."""
    from lxml import etree
    try:
        with z.open(part) as raw:
            return reader.blocks(_Counted(raw, limits.max_docx_part_bytes))
    except _TooBig as exc:
        raise IngestError(_bomb(name, part, None, limits)) from exc
    except etree.XMLSyntaxError as exc:
        said = str(exc).lower()
        if "depth" in said:
            why = "is nested too deeply to be read"
        elif "amplification" in said or "entity" in said:
            why = "declares XML entities that expand without bound"
        else:
            line = getattr(exc, "lineno", None)
            why = "is not well-formed XML" + (f" near line {line}" if line else "")
        raise IngestError(f"{name}: the .docx file is damaged: its part {part} {why}") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
            NotImplementedError) as exc:
        # RuntimeError: an encrypted zip entry; NotImplementedError: an unknown compression
        raise IngestError(f"{name}: the .docx file is damaged: its part {part} cannot be "
                          "unpacked") from exc


def _bomb(name: str, part: str, size: int | None, limits: ingest_limits.Limits) -> str:
    limit = ingest_limits.size(limits.max_docx_part_bytes)
    said = f"would expand to {ingest_limits.size(size)}" if size else "expands beyond that"
    return (f"{name}: refused: its part {part} {said} when unpacked; the limit is {limit} "
            "(a zip bomb, or a damaged file)")


class _Counted(io.RawIOBase):
    """A part being decompressed, read in pieces; more than ``cap`` bytes raises."""

    def __init__(self, raw: IO[bytes], cap: int) -> None:
        self.raw, self.cap, self.total = raw, cap, 0

    def readable(self) -> bool:
        return True

    def read(self, n: int | None = -1, /) -> bytes:
        data = self.raw.read(n if n is not None and 0 <= n <= 1 << 20 else 1 << 20)
        self.total += len(data)
        if self.total > self.cap:
            raise _TooBig
        return data


def _small_xml(z: zipfile.ZipFile, part: str, limits: ingest_limits.Limits) -> etree._Element:
    """A small XML part (relationships) parsed whole, under the part size limit."""
    from lxml import etree
    if z.getinfo(part).file_size > limits.max_docx_part_bytes:
        raise _TooBig
    with z.open(part) as raw:
        data = _Counted(raw, limits.max_docx_part_bytes).readall()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


def _main_part(z: zipfile.ZipFile, limits: ingest_limits.Limits) -> str | None:
    """The main document part: the package relationship says where it is."""
    from lxml import etree
    names = set(z.namelist())
    try:
        root = _small_xml(z, "_rels/.rels", limits) if "_rels/.rels" in names else None
    except (_TooBig, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, OSError):
        root = None
    if root is not None:
        for rel in root:
            target = (rel.get("Target") or "").lstrip("/")
            if (rel.get("Type") or "").endswith(MAIN_TYPE) and target in names:
                return target
    return "word/document.xml" if "word/document.xml" in names else None


def _relations(z: zipfile.ZipFile, main: str, limits: ingest_limits.Limits) -> list[tuple[str, str]]:
    """(type, part) of the main part's internal relationships whose part exists."""
    from lxml import etree
    folder, base = posixpath.split(main)
    rels_part = posixpath.join(folder, "_rels", base + ".rels")
    names = set(z.namelist())
    if rels_part not in names:
        return []
    try:
        root = _small_xml(z, rels_part, limits)
    except (_TooBig, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, OSError):
        return []
    out = []
    for rel in root:
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(folder, target))
        if part in names:
            out.append((rel.get("Type") or "", part))
    return out


def _page_text(z: zipfile.ZipFile, parts: list[str], limits: ingest_limits.Limits,
               name: str) -> str:
    """The words of the page headers and footers other than page numbers (shortened)."""
    seen: list[str] = []
    for part in parts:
        try:
            blocks = _read_part(z, part, Reader(limits), limits, name)
        except (IngestError, Full):
            continue
        for block in blocks:
            for line in block.split("\n"):
                line = " ".join(line.split())
                if line and not _PAGE_NUMBER.match(line) and line not in seen:
                    seen.append(line)
    text = " / ".join(seen)
    return text if len(text) <= 120 else text[:117] + "..."
