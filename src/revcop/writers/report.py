"""Writers of a change report (:class:`revcop.review.Report`): HTML and Markdown from Jinja2
templates (``templates/report/``, overridable one file at a time with a template folder), JSON as data.
"""

from __future__ import annotations

import json
from pathlib import Path

from revcop.patterns import compiled
from revcop.resources import templates_dir
from revcop.review import CHANGES, LETTERS, PART_NAMES, SCHEMA, Report

FORMATS = ("html", "json", "md")
TEMPLATES = {"html": "report.html.j2", "md": "report.md.j2"}
_MD_SPECIAL = compiled(r"([\\`*_\[\]<>#|])")


def _environment(template_dir: str | Path | None, fmt: str):
    import jinja2

    folders = [str(template_dir)] if template_dir else []
    folders.append(str(templates_dir() / "report"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=fmt == "html",  # every text of the report is escaped in HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = lambda text: _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    env.filters["excerpt"] = _excerpt
    return env


def _excerpt(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_report(report: Report, fmt: str, template_dir: str | Path | None = None) -> str:
    """The report as ``html``, ``md`` or ``json`` text."""
    if fmt == "json":
        return json.dumps(to_data(report), ensure_ascii=False, indent=1) + "\n"
    if fmt not in TEMPLATES:
        raise ValueError(f"unknown report format {fmt!r}")
    import jinja2

    env = _environment(template_dir, fmt)
    try:
        template = env.get_template(TEMPLATES[fmt])
        text = template.render(
            report=report, summary=report.summary(), changes=CHANGES, letters=LETTERS,
            part_names=PART_NAMES,
        )
    except jinja2.TemplateError as e:
        from revcop.errors import InputError

        where = getattr(e, "filename", None) or TEMPLATES[fmt]
        line = getattr(e, "lineno", None)
        raise InputError(f"template error: {e.message or e}" + (f" (line {line})" if line else ""), where) from None
    return text if text.endswith("\n") else text + "\n"


def to_data(report: Report) -> dict:
    """The report as JSON-ready data (schema ``revcop/report/1``, docs/json-schema.md)."""

    def pieces(ps):
        return [{"text": p.text, "change": p.change, **({"note": p.note} if p.note else {})} for p in ps]

    def version(v):
        return {"name": v.name, "symbol": v.symbol, "meeting": v.meeting, "source": v.source, "note": v.note}

    return {
        "schema": SCHEMA,
        "revcop": report.revcop,
        "mode": report.mode,
        "generated": report.generated,
        "instrument": report.instrument,
        "title": report.title,
        "old": version(report.old),
        "new": version(report.new),
        "summary": report.summary(),
        "renumbering": [{"old": r.old, "new": r.new, "paragraph": r.target} for r in report.renumbering],
        "references": [
            {"paragraph": r.paragraph, "old": r.old, "new": r.new, "status": r.status, "target": r.target,
             "source": r.source}
            for r in report.references
        ],
        "findings": [
            {"level": f.level, "code": f.code, "text": f.text, "where": f.where, "origin": f.origin,
             "paragraph": f.target}
            for f in report.findings
        ],
        "notes": list(report.notes),
        "paragraphs": [
            {
                "id": e.id, "number": e.number, "part": e.part, "kind": e.kind, "change": e.change,
                "old_label": e.old_label, "new_label": e.new_label, "old_name": e.old_name,
                "new_name": e.new_name, "renumbered": e.renumbered, "depth": e.depth,
                "partner": list(e.partner), "move_role": e.move_role, "similarity": e.similarity,
                "words_inserted": e.words_inserted, "words_deleted": e.words_deleted,
                "source": e.source, "pieces": pieces(e.pieces),
                "notes": [{"marker": n.marker, "pieces": pieces(n.pieces)} for n in e.notes],
                **({"comments": [{"id": c.id, "author": c.author, "initials": c.initials, "date": c.date,
                                  "anchor": c.anchor, "text": c.text} for c in e.comments]} if e.comments else {}),
            }
            for e in report.entries
        ],
    }
