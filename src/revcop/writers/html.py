"""The HTML writer: a Document -> one self-contained HTML page (inline CSS, no external fetches).

The page layout lives in the Jinja2 templates ``templates/html/document.html.j2`` and
``templates/html/style.css``, which a user may replace with ``template_dir`` (a folder holding
``html/document.html.j2`` and/or ``html/style.css``, or those files directly). This module renders
the text itself: spans with their marks (``<ins>``/``<del>``), labels, italic leading words, footnote
references and the note list with back-links. The output is XHTML-compatible (every element closed)
so that it parses as XML.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from markupsafe import Markup, escape

from revcop.errors import InputError
from revcop.model import Change, Document, Kind, Note, Paragraph, Span, status_of
from revcop.patterns import compiled
from revcop.records import dataclass
from revcop.resources import templates_dir
from revcop.writers import house
from revcop.writers.text import parts_to_write

TEMPLATE = "document.html.j2"
_LINES = compiled(r"\r\n|[\n\v\r\f]")  # line breaks, Word's manual ones (\v) included
_UNPRINTABLE = compiled(r"[\x00-\x08\x0e-\x1f\ufffe\uffff]")  # not allowed in XML; they print nothing


@dataclass
class _Notes:
    """The page's footnotes, numbered in the order they are met."""

    items: list[dict] = field(default_factory=list)

    def add(self, note: Note) -> int:
        self.items.append({"number": len(self.items) + 1, "note": note})
        return len(self.items)


def write_html(doc: Document, *, template_dir: str | Path | None = None, part: str = "resolution") -> str:
    """The parts of ``doc`` chosen by ``part`` as one HTML page; marks as ``<ins>``/``<del>``."""
    env = _environment(template_dir)
    notes = _Notes()
    sections = []
    for chosen in parts_to_write(doc, part):
        paragraphs = house.with_masthead(doc, chosen)
        masthead = [_spans(p.spans, notes) for p in paragraphs if p.kind is Kind.MASTHEAD]
        rows = [_paragraph(p, depth, notes) for p, depth in house.walk(paragraphs)
                if p.kind is not Kind.MASTHEAD and (p.spans or p.label_spans)]
        sections.append({"kind": chosen.kind.value, "heading": chosen.heading, "masthead": masthead,
                         "paragraphs": rows})
    note_rows = [{"number": item["number"], "marker": item["note"].marker,
                  "html": _spans(item["note"].spans, notes)} for item in notes.items]
    title = house.designation(doc) or doc.meta.title or doc.meta.symbol or "revcop"
    try:
        template = env.get_template(TEMPLATE)
        css = env.loader.get_source(env, "style.css")[0]
        return template.render(title=title, lang="en", sections=sections, notes=note_rows,
                               style=Markup(css), meta=doc.meta)
    except Exception as e:  # a user's template: report it on one line
        import jinja2

        if isinstance(e, jinja2.TemplateError):
            raise InputError(f"HTML template error: {e}", str(template_dir or templates_dir() / "html")) from None
        raise


def _environment(template_dir: str | Path | None):
    import jinja2

    searched = []
    if template_dir is not None:
        root = Path(template_dir)
        if not root.is_dir():
            raise InputError("template folder not found", str(root))
        searched += [str(root / "html"), str(root)]
    searched.append(str(templates_dir() / "html"))
    return jinja2.Environment(loader=jinja2.FileSystemLoader(searched), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def _paragraph(p: Paragraph, depth: int, notes: _Notes) -> dict:
    if p.kind is Kind.TITLE:
        css = "designation" if house.is_designation(p.text) else "title"
    else:
        css = p.kind.value
    head, tail = house.split_at(p.spans, house.leading_length(p))
    body = _spans(head, notes)
    if body:
        body = Markup('<em class="lead">') + body + Markup("</em>")
    body += _spans(tail, notes)
    status = status_of((*p.label_spans, *p.spans)).value
    return {"kind": p.kind.value, "css": css, "depth": depth, "status": status,
            "label": _spans(p.label_spans, notes) if p.label_spans else "", "html": body}


def _spans(spans: tuple[Span, ...], notes: _Notes) -> Markup:
    out = Markup("")
    for span in spans:
        if span.note is not None:
            n = notes.add(span.note)
            piece = Markup('<sup class="noteref" id="fnref-{0}"><a href="#fn-{0}">{1}</a></sup>').format(
                n, span.note.marker)
        else:
            piece = Markup("<br/>").join(escape(line) for line in _LINES.split(_UNPRINTABLE.sub("", span.text)))
        if span.change is Change.INSERTED:
            piece = Markup("<ins>") + piece + Markup("</ins>")
        elif span.change is Change.DELETED:
            piece = Markup("<del>") + piece + Markup("</del>")
        out += piece
    return out
