"""The document model: what vnplan reads out of one plan.

Every class has ``to_dict()`` giving exactly the record of ``CONTRACT.md``; extra fields
are allowed there, renamed or dropped ones are not.  Offsets (``start``/``end``) are
character offsets into ``Document.text``, the normalised text.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from pipeline.text.spans import OffsetMap


@dataclass
class Meta:
    doc_type: Optional[str] = None      # Kế hoạch | Quyết định | Chương trình | Chỉ thị | ...
    number: Optional[str] = None        # "1241/QĐ-UBND"; None when the source leaves it blank
    issuer: Optional[str] = None        # "UBND tỉnh Bắc Kạn"
    level: Optional[str] = None         # national | province | district | commune
    province: Optional[str] = None      # "Bắc Kạn"
    date: Optional[str] = None          # ISO, as precise as printed: "2022", "2022-02", "2022-07-11"
    period: Optional[list[int]] = None  # [2022, 2025]
    title: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        # (written out: ``asdict``'s deep copy of every field is slow; the same dict)
        return {"doc_type": self.doc_type, "number": self.number, "issuer": self.issuer,
                "level": self.level, "province": self.province, "date": self.date,
                "period": None if self.period is None else list(self.period),
                "title": self.title}


@dataclass
class Section:
    path: str                           # "II.3", "III.1.2", "Điều 1", "PL.I"
    heading: str                        # heading text without its number
    level: int                          # 1 for "I.", 2 for "1.", 3 for "1.1."
    start: int                          # offset of the heading line
    end: int                            # end of the section's body (before the next sibling or ancestor)
    number: str = ""                    # the number as printed ("7." twice -> path says 8)
    heading_end: int = 0                # offset where the heading text ends
    kind: str = ""                      # roman | arabic | decimal | article | part | appendix | markdown

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "heading": self.heading, "level": self.level,
                "start": self.start, "end": self.end, "number": self.number, "kind": self.kind}


@dataclass
class Item:
    """A lettered item ("a)", "đ)") or a bullet ("-", "+", "•") inside a section."""
    marker: str                         # "a)", "-", "+"
    kind: str                           # letter | bullet
    section: Optional[str]              # path of the enclosing numbered section
    start: int                          # offset of the marker
    end: int                            # end of the item's text (its line/paragraph)
    depth: int = 0                      # nesting among items (a) -> "-" -> "+")
    parent: Optional[int] = None        # index in Document.items of the enclosing item

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Target:
    section: Optional[str]
    kind: str                           # percent | count | frequency | deadline
    value: Optional[float]
    value_max: Optional[float] = None   # set for ranges
    unit: Optional[str] = None          # "%", "phóng sự/năm", "lần/tháng"; None for deadline tasks
    comparator: Optional[str] = None    # bare | at_least | more_than | at_most | less_than | range
    deadline: Optional[str] = None      # "2025" | "2020-Q2" | "2026-03" | "2022-06-15" | "annual"
    indicator: str = ""
    quote: str = ""
    start: int = 0
    end: int = 0
    deadline_source: Optional[str] = None   # "own" | "heading" | "lead-in" | "plan-year" | ...

    def to_dict(self) -> dict[str, Any]:
        d = {"section": self.section, "kind": self.kind, "value": self.value,
             "value_max": self.value_max, "unit": self.unit, "comparator": self.comparator,
             "deadline": self.deadline, "indicator": self.indicator, "quote": self.quote,
             "start": self.start, "end": self.end, "deadline_source": self.deadline_source}
        for k in ("value", "value_max"):
            v = d[k]
            if isinstance(v, float) and v.is_integer():
                d[k] = int(v)
        return d


@dataclass
class Agency:
    name: str                           # as written
    canonical: str                      # abbreviations expanded, "UBND" -> "Ủy ban nhân dân"
    sector: Optional[str]               # labour-social, police, health, ...
    role: str                           # lead | coordinate | responsible | requested
    section: Optional[str] = None
    quote: str = ""
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "canonical": self.canonical, "sector": self.sector,
                "role": self.role, "section": self.section, "quote": self.quote,
                "start": self.start, "end": self.end}


@dataclass
class Citation:
    doc_type: Optional[str]
    number: Optional[str]               # normalised: "242/VPCP-KGVX"
    date: Optional[str] = None          # ISO
    issuer: Optional[str] = None
    title: Optional[str] = None
    role: str = "reference"             # parent | basis | reference | amends | replaces
    quote: str = ""
    start: int = 0
    end: int = 0
    # every place the document is cited: the quoted strings ((start, end) view spans while
    # the citation stage runs)
    quotes: list[Any] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"doc_type": self.doc_type, "number": self.number, "date": self.date,
                "issuer": self.issuer, "title": self.title, "role": self.role,
                "quote": self.quote, "start": self.start, "end": self.end,
                "quotes": list(self.quotes)}     # (strings: a copy is enough)


@dataclass(repr=False)
class Document:
    doc_id: str
    source: str
    text: str = ""                      # the normalised text every offset points into
    meta: Meta = field(default_factory=Meta)
    sections: list[Section] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)   # letters and bullets (not in the contract)
    targets: list[Target] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # non-fatal problems: pages without text, text cut at a limit, bytes replaced, ...
    warnings: list[str] = field(default_factory=list)
    format: Optional[str] = None        # txt | md | docx | pdf
    pages: list[tuple[int, int, int]] = field(default_factory=list)   # PDF: [(start, end, page_no)] into text
    offsets: Optional[OffsetMap] = None   # normalised <-> source offsets
    sha1: Optional[str] = None          # content hash of the source bytes
    text_key: Optional[str] = None      # hash of the text's words: the same text in any format
    duplicate_of: Optional[str] = None  # doc_id of the first record of a batch with that text
    reader: Optional[str] = None        # the reader used: txt, docx, doc+libreoffice, html, pdf+ocr ...
    encoding_converted: Optional[str] = None   # legacy encoding converted: tcvn3 | vni | cp1258
    ocr_pages: list[int] = field(default_factory=list)     # pages read by OCR
    ocr_page_confidence: list[Optional[float]] = field(default_factory=list)
    ocr_confidence: Optional[float] = None   # mean word confidence of OCR (0-100)

    def __repr__(self) -> str:
        """One line: id, number, counts, errors and warnings (the text and its offsets are
        left out)."""
        counts = ", ".join(f"{len(getattr(self, k))} {k}" for k in
                           ("sections", "targets", "agencies", "citations"))
        number = f" {self.meta.number}" if self.meta.number else ""
        errors = f", {len(self.errors)} errors" if self.errors else ""
        warnings = f", {len(self.warnings)} warnings" if self.warnings else ""
        return (f"<Document {self.doc_id!r}{number}: {len(self.text)} chars, {counts}{errors}"
                f"{warnings}>")

    def section_at(self, offset: int) -> Optional[Section]:
        """The deepest section whose span contains ``offset``."""
        best = None
        for s in self.sections:
            if s.start <= offset < s.end and (best is None or s.level >= best.level):
                best = s
        return best

    def page_at(self, offset: int) -> Optional[int]:
        for start, end, page in self.pages:
            if start <= offset < end:
                return page
        return None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "doc_id": self.doc_id,
            "source": self.source,
            "meta": self.meta.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "targets": [t.to_dict() for t in self.targets],
            "agencies": [a.to_dict() for a in self.agencies],
            "citations": [c.to_dict() for c in self.citations],
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "format": self.format,
            "sha1": self.sha1,
            "chars": len(self.text),
            "text_key": self.text_key,
            "duplicate_of": self.duplicate_of,
            "reader": self.reader,
            "encoding_converted": self.encoding_converted,
            "ocr_pages": list(self.ocr_pages),
            "ocr_page_confidence": list(self.ocr_page_confidence),
            "ocr_confidence": self.ocr_confidence,
        }
        if self.pages:
            d["pages"] = [list(p) for p in self.pages]
        return d
