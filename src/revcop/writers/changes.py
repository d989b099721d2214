"""The diff's JSON: a comparison's summary and every paragraph change (docs/json-schema.md, ``revcop diff``)."""

from __future__ import annotations

from revcop.model import Span

SCHEMA = "revcop-diff/1"


def span_data(s: Span) -> dict:
    d: dict[str, object] = {"text": s.text, "change": s.change.value}
    if s.note is not None:
        d["note"] = {"marker": s.note.marker, "text": s.note.text}
    if s.move:
        d["move"] = s.move
    return d


def to_data(comparison) -> dict:
    return {
        "schema": SCHEMA,
        "old": comparison.old.source,
        "new": comparison.new.source,
        "granularity": comparison.granularity,
        "summary": dict(comparison.summary),
        "changes": [
            {
                "kind": c.kind,
                "part": c.part,
                "old_label": c.old_label,
                "new_label": c.new_label,
                "depth": c.depth,
                "move": c.move,
                "spans": [span_data(s) for s in c.spans],
            }
            for c in comparison.changes
        ],
        "messages": [{"level": m.level, "where": m.where, "text": m.text} for m in comparison.messages],
    }
