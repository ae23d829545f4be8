"""Document types: the type heading that opens a document ("KẾ HOẠCH", "QUYẾT ĐỊNH") and the
type names and abbreviations of ``data/doc_types.yaml``.  Used by the metadata stage (the
document's type and title) and the citations stage (the document's own title)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline import data
from pipeline.stages.patterns import fill


def types() -> dict[str, Any]:
    """The parsed ``doc_types.yaml`` (not to be mutated)."""
    return data.load("doc_types.yaml")


@lru_cache(maxsize=1)
def heading_re() -> re.Pattern[str]:
    """A type heading in capitals ("KẾ HOẠCH"), group 1."""
    names = sorted(types()["headings"], key=len, reverse=True)
    alt = "|".join(re.escape(n.upper()) for n in names)
    # a heading on a line of its own, or glued to the end of the place/date line
    return re.compile(rf"(?m)(?:^|(?<=\d{{4}})[ \t])[ \t]*({alt})[ \t]*$")


@lru_cache(maxsize=1)
def inline_heading_re() -> re.Pattern[str]:
    """A type heading with its title on the same line, group 1: "HƯỚNG DẪN: Thực hiện …" at
    the start of a line, or "QUYẾT ĐỊNH PHÊ DUYỆT …" glued to the end of the date line."""
    names = sorted(types()["headings"], key=len, reverse=True)
    return re.compile(fill(types()["patterns"]["inline_heading"], headings=[n.upper() for n in names]))

