"""Score a filled hand-audit sheet (``vnplan audit --score SHEET``).

A row is *fully right* when ``pairing_ok``, ``status_ok`` and ``link_ok`` are all yes (or
``n/a``) and it is not a duplicate.  A duplicate — ``duplicate`` = yes, or ``duplicate``
left empty on a row whose ``same_as`` names an earlier row — counts wrong whatever its other
judgements.  A row with an empty judgement column (and not a duplicate) is *not judged*:
counted apart, not in the percentages.  Judgements read: yes / y / ok / true / 1 / x,
no / n / wrong / false / 0, n/a / na / - (case and spaces ignored; XLSX booleans and
numbers too); any other value is listed in ``problems`` and the row left unjudged.
Figures: overall, per judgement column (ok, wrong, n/a), per status and per kind.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from pipeline.output.audit import JUDGEMENTS

YES = frozenset({"yes", "y", "ok", "true", "1", "x", "\u2713", "\u2714"})
NO = frozenset({"no", "n", "wrong", "false", "0", "\u2717", "\u2718"})
NA = frozenset({"n/a", "na", "-"})


def judgement(value: Any) -> str | None:
    """``"yes"``, ``"no"``, ``"n/a"``, ``""`` (empty) or None (not a judgement)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        value = str(int(value)) if float(value).is_integer() else str(value)
    text = str(value or "").strip().lower()
    if not text:
        return ""
    if text in YES:
        return "yes"
    if text in NO:
        return "no"
    if text in NA:
        return "n/a"
    return None


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _group(counts: Counter[str]) -> dict[str, Any]:
    judged = counts["right"] + counts["wrong"]
    return {"rows": judged + counts["unjudged"], "judged": judged, "right": counts["right"],
            "pct": _pct(counts["right"], judged)}


def score_rows(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The audit figures of filled sheet rows (dicts with the sheet's columns)."""
    total: Counter[str] = Counter()
    columns: dict[str, Counter[str]] = {c: Counter() for c in JUDGEMENTS}
    by_status: dict[str, Counter[str]] = {}
    by_kind: dict[str, Counter[str]] = {}
    problems: list[str] = []
    wrong_rows: list[str] = []
    n = 0
    for n, row in enumerate(rows, 1):
        rid = str(row.get("row_id") or f"line {n + 1}")
        marks = {}
        for col in JUDGEMENTS + ["duplicate"]:
            mark = judgement(row.get(col, ""))
            if mark is None:
                problems.append(f"{rid}: {col} = {row.get(col)!r} is not yes, no or n/a")
            marks[col] = mark
        dup = marks["duplicate"] == "yes" or (marks["duplicate"] == "" and bool(row.get("same_as")))
        for col in JUDGEMENTS:
            mark = marks[col]
            if mark:
                columns[col][mark] += 1
        if dup:
            verdict = "wrong"
            total["duplicates"] += 1
        elif any(marks[c] in ("", None) for c in JUDGEMENTS):
            verdict = "unjudged"
        else:
            verdict = "wrong" if any(marks[c] == "no" for c in JUDGEMENTS) else "right"
        if verdict == "wrong":
            wrong_rows.append(rid)
        total[verdict] += 1
        by_status.setdefault(str(row.get("status") or ""), Counter())[verdict] += 1
        by_kind.setdefault(str(row.get("kind") or ""), Counter())[verdict] += 1
    out = _group(total)
    out.update({
        "rows": n, "unjudged": total["unjudged"], "duplicates": total["duplicates"],
        "columns": {c: {"ok": k["yes"], "wrong": k["no"], "n/a": k["n/a"],
                        "pct": _pct(k["yes"], k["yes"] + k["no"])} for c, k in columns.items()},
        "by_status": {s: _group(k) for s, k in sorted(by_status.items())},
        "by_kind": {s: _group(k) for s, k in sorted(by_kind.items())},
        "wrong_rows": wrong_rows, "problems": problems,
    })
    return out


def _fmt(pct: float | None) -> str:
    return "-" if pct is None else f"{pct:.1f} %"


def format_score(score: dict[str, Any], name: str = "the sheet") -> str:
    """The figures of :func:`score_rows` as a plain-text table."""
    lines = [f"audit of {name}: {score['rows']} rows, {score['judged']} judged, "
             f"{score['unjudged']} not judged, {score['duplicates']} duplicate(s)",
             f"fully right: {score['right']} of {score['judged']} ({_fmt(score['pct'])})", "",
             f"{'column':<12} {'ok':>6} {'wrong':>6} {'n/a':>6} {'% ok':>8}"]
    for col, c in score["columns"].items():
        lines.append(f"{col:<12} {c['ok']:>6} {c['wrong']:>6} {c['n/a']:>6} {_fmt(c['pct']):>8}")
    for title, groups in (("status", score["by_status"]), ("kind", score["by_kind"])):
        width = max([len(title)] + [len(s) for s in groups])
        lines += ["", f"{title:<{width}} {'rows':>6} {'judged':>6} {'right':>6} {'% right':>8}"]
        for s, g in groups.items():
            lines.append(f"{s:<{width}} {g['rows']:>6} {g['judged']:>6} {g['right']:>6} "
                         f"{_fmt(g['pct']):>8}")
    return "\n".join(lines)
