"""The change report for reviewers: what a set of amendments does, paragraph by paragraph.

:mod:`revcop.review.model` holds the report as plain data (what the writers of
:mod:`revcop.writers.report` read); :mod:`revcop.review.build` makes it from one amendment document
(:func:`build_report`) or from two versions (:func:`build_comparison_report`).
"""

from revcop.review.build import build_comparison_report, build_report, word_diff
from revcop.review.model import (
    CHANGES,
    LETTERS,
    MOVE_SIMILARITY,
    PART_NAMES,
    PART_SINGULAR,
    PARTS,
    SCHEMA,
    Footnote,
    MarkedText,
    Reference,
    Renumbering,
    Report,
    ReportFinding,
    ReportParagraph,
    ReportVersion,
    generated_at,
)

__all__ = [
    "CHANGES", "LETTERS", "MOVE_SIMILARITY", "PARTS", "PART_NAMES", "PART_SINGULAR", "SCHEMA", "Footnote",
    "MarkedText", "Reference", "Renumbering", "Report", "ReportFinding", "ReportParagraph", "ReportVersion",
    "build_comparison_report", "build_report", "generated_at", "word_diff",
]
