"""Writers: a document (or a view of it) -> bytes or text in one output format.

:func:`render` is the one dispatcher every command uses; a new format is added here.
"""

from __future__ import annotations

from revcop.model import Document, Message

TEXT_FORMATS = ("txt", "md", "json")


def render(doc: Document, fmt: str, *, messages: list[Message] | None = None, part: str = "resolution",
           **options) -> str | bytes:
    """Render ``doc`` as ``fmt``. ``part`` chooses what txt/md print: resolution, decisions or all."""
    if fmt == "json":
        import json

        from revcop.serialize import to_data

        return json.dumps(to_data(doc, messages), ensure_ascii=False, indent=1) + "\n"
    if fmt in ("txt", "md"):
        from revcop.writers import text

        return text.render(doc, markdown=fmt == "md", part=part)
    if fmt == "akn":
        from revcop.writers import akn

        return akn.render(doc, work_date=options.get("work_date", ""), date=options.get("date", ""))
    raise ValueError(f"unknown output format {fmt!r}")
