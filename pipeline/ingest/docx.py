"""Word .docx: paragraphs and tables in document order (python-docx)."""
from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.ingest.registry import IngestError, Source, digest, read_bytes, register

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"    # old .doc, or an encrypted .docx


@register(".docx")
def read_docx_source(path: Path) -> Source:
    data = read_bytes(path)
    return Source(text=read_docx(path, data), format="docx", sha1=digest(data))


def read_docx(path: Path, data: bytes) -> str:
    """Paragraphs and tables in document order.

    Blocks are separated by blank lines; a layout table (one or two columns: header block,
    signature) gives one block per cell with the cell's paragraphs on separate lines; a
    content table gives one line per row, cells separated by tabs.
    """
    name = path.name
    if data[:8] == OLE_MAGIC:
        raise IngestError(f"{name}: this is an old Word .doc file or a password-protected "
                          "document; save it as a normal .docx and try again")
    if not zipfile.is_zipfile(path):
        raise IngestError(f"{name}: not a valid .docx file (damaged, or not a Word document)")
    try:
        # python-docx (~50 ms to import) is loaded only when a .docx is read, so that
        # `import pipeline` and text-only runs do not pay for it
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        document = docx.Document(str(path))
    except Exception as exc:
        raise IngestError(f"{name}: not a valid .docx file (damaged, or not a Word document: "
                          f"{type(exc).__name__})") from exc

    blocks: list[str] = []

    def para_text(p) -> str:
        return p.text.replace("\t", " ")

    def table_blocks(tbl) -> None:
        rows = []
        for row in tbl.rows:
            seen, cells = set(), []
            for cell in row.cells:
                if id(cell._tc) in seen:              # merged cells repeat
                    continue
                seen.add(id(cell._tc))
                cells.append([para_text(p) for p in cell.paragraphs if p.text.strip()])
            rows.append(cells)
        if max((len(r) for r in rows), default=0) <= 2:
            for cells in rows:
                blocks.extend("\n".join(c) for c in cells if c)
        else:
            for cells in rows:
                line = "\t".join(" ".join(c).replace("\n", " ") for c in cells)
                if line.strip():
                    blocks.append(line)

    def walk(parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                text = para_text(Paragraph(child, document))
                if text.strip():
                    blocks.append(text)
            elif tag == "tbl":
                table_blocks(Table(child, document))
            elif tag in ("sdt", "sdtContent", "customXml"):
                walk(child)

    try:
        walk(document.element.body)
    except Exception as exc:
        raise IngestError(f"{name}: the .docx file could not be read "
                          f"({type(exc).__name__}: {exc})") from exc
    return "\n\n".join(blocks)
