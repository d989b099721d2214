"""Writers: a document (or a view of it) -> bytes or text in one output format.

:func:`render` is the one dispatcher every command uses; a new format is added here.
"""

from __future__ import annotations

from revcop.model import Document, Message

TEXT_FORMATS = ("txt", "md", "json")
FORMATS = (*TEXT_FORMATS, "docx", "html", "akn")
PARTS = ("resolution", "decisions", "all")


def render(doc: Document, fmt: str, *, messages: list[Message] | None = None, part: str = "resolution",
           **options) -> str | bytes:
    """Render ``doc`` as ``fmt``: str for txt/md/json/html, bytes for docx and akn.

    ``part`` chooses what txt/md/html/docx/akn print: resolution, decisions or all. Options: for docx
    those of :func:`revcop.writers.docx.write_docx` (``marks``, ``author``, ``date``, ``template``,
    ``source_styles``); for html ``template_dir``; for akn ``work_date`` and ``date`` (the FRBR work and
    expression dates).
    """
    if fmt == "docx":
        from revcop.writers.docx import write_docx

        return write_docx(doc, part=part, **options)
    if fmt == "html":
        from revcop.writers.html import write_html

        return write_html(doc, part=part, **options)
    if fmt == "json":
        import json

        from revcop.serialize import to_data

        return json.dumps(to_data(doc, messages), ensure_ascii=False, indent=1) + "\n"
    if fmt in ("txt", "md"):
        from revcop.writers import text

        return text.render(doc, markdown=fmt == "md", part=part)
    if fmt == "akn":
        from revcop.writers import akn

        return akn.render(doc, part=part, work_date=options.get("work_date", ""), date=options.get("date", ""))
    raise ValueError(f"unknown output format {fmt!r}")
