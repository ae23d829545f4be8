"""`vnplan evaluate`: score extraction records against gold files (``corpus/ANNOTATION.md``).

Matching rules:
- targets: equal value (a range ``[low, high]`` against ``value``/``value_max``) and the gold
  anchor found in the predicted quote or indicator (white space, case, Markdown marks and
  tone-mark placement folded); one-to-one, greedy on the number of agreeing attributes.
- agencies: folded names equal, or one contained in the other (name or canonical).
- citations: normalised number; numberless acts by title (with their doc_type).
- sections: equal path and the gold heading a prefix of the predicted heading.
- ``optional: true`` gold items are neutral: a prediction matching one is neither TP nor FP,
  missing one is not FN.  Predicted sections deeper than level 2 that the gold does not
  list are neutral too (gold lists level 3 only by sample).

Text is compared through the scorer's own folds (:mod:`pipeline.evaluate.folds`), on
purpose not the shared :mod:`pipeline.text.folds`: the scorer must not share the code it
scores.  Modules: ``folds``, ``match`` (per-kind rules, labels), ``score`` (documents and
runs), ``format`` (text output, diffs), ``gold`` (reading gold files).
"""
from __future__ import annotations

from pipeline.evaluate.folds import fold, fold_number, fold_org
from pipeline.evaluate.format import diff_reports, format_details, format_diff, format_report
from pipeline.evaluate.match import (
                                     ATTRIBUTES,
                                     KINDS,
                                     MATCHERS,
                                     label,
                                     match_agency,
                                     match_citation,
                                     match_section,
                                     match_target,
)
from pipeline.evaluate.score import META_FIELDS, Report, evaluate, score_list, score_meta

__all__ = ["ATTRIBUTES", "KINDS", "MATCHERS", "META_FIELDS", "Report", "diff_reports",
           "evaluate", "fold", "fold_number", "fold_org", "format_details", "format_diff",
           "format_report", "label", "match_agency", "match_citation", "match_section",
           "match_target", "score_list", "score_meta"]
