"""What one amendment document, or one comparison of two versions, yields: the files a legal officer
takes away. The desk offers them as downloads and ``revcop publish`` writes them all; both make them
here, through :mod:`revcop.desk.engine` (revcop's own functions).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Sequence

from revcop.cli.common import input_stem
from revcop.desk import engine
from revcop.model import Message
from revcop.records import dataclass

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA = {"docx": DOCX, "html": "text/html; charset=utf-8", "json": "application/json",
         "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8"}


@dataclass(frozen=True)
class Product:
    """One file a piece of work yields: ``key`` names it in URLs, ``tag`` in its file name."""

    key: str
    title: str  # what the desk's download link says
    tag: str  # <stem>-<tag>.<ext>
    ext: str
    make: Callable[[], str | bytes]

    @property
    def media_type(self) -> str:
        return MEDIA[self.ext]

    def name(self, stem: str) -> str:
        return f"{stem}-{self.tag}.{self.ext}"


def _ext(path: Path) -> str:
    return path.suffix.lower()


class _Annexed:
    """The annex of a piece of work's comparison, and the warnings met while making it."""

    comparison: Any

    @cached_property
    def _annex(self):
        return engine.annex(self.comparison)

    @property
    def annex(self):
        return self._annex.value

    @property
    def annex_messages(self) -> list[Message]:
        """What ``revcop diff`` warns about: the comparison's warnings and the annex's own."""
        return [m for m in self.comparison.messages if m.level != "info"] + self._annex.messages


class AmendmentWork(_Annexed):
    """One amendment document: read, consolidated, its original, its annex and its report.

    ``step`` is told what is being done (the desk shows it as progress). Reading and consolidating
    happen at once (they raise the input's errors); the rest when first asked for.
    """

    def __init__(self, path: str | Path, step: Callable[[str], None] = lambda _: None,
                 stem: str | None = None, *, encoding: str | None = None, tracked: str = "auto") -> None:
        self.path = Path(path)
        self.stem = stem or self.path.stem
        self.step = step
        step("Reading the document")
        self.read = engine.read(self.path, encoding=encoding, tracked=tracked)
        step("Consolidating: accepting the amendments, renumbering, rewriting cross-references")
        self.consolidated = engine.consolidate(self.read.value)
        self.original = engine.original(self.read.value)

    @property
    def doc(self):
        return self.read.value

    @property
    def has_marks(self) -> bool:
        """Whether the document carries amendment marks (else there is nothing to consolidate)."""
        return engine.carries_marks(self.doc)

    @property
    def messages(self) -> list[Message]:
        """The reader's and the consolidation's warnings (as ``revcop consolidate`` prints them)."""
        return self.read.messages + self.consolidated.messages

    @property
    def tag(self) -> str:
        meeting = self.consolidated.value.meta.meeting
        return f"Rev.{meeting}" if meeting else "consolidated"

    @property
    def is_docx(self) -> bool:
        return _ext(self.path) == ".docx" and self.path.read_bytes()[:4] == b"PK\x03\x04"

    @cached_property
    def report(self):
        self.step("Checking and writing the change report")
        return engine.amendment_report(self.doc, self.read.messages)

    @cached_property
    def comparison(self):
        self.step("Marking the changes for the annex")
        return engine.compare(self.original.value, self.consolidated.value)


    def _consolidated(self, fmt: str, **options):
        return engine.render(self.consolidated.value, fmt, messages=self.messages, **options)

    @cached_property
    def products(self) -> dict[str, Product]:
        items = [
            Product("consolidated-docx", "Consolidated text (Word, house style)", self.tag, "docx",
                    lambda: self._consolidated("docx")),
        ]
        if self.is_docx:
            items.append(Product("consolidated-source-docx", "Consolidated text (Word, the document's own styles)",
                                 f"{self.tag}-source-styles", "docx",
                                 lambda: self._consolidated("docx", template=str(self.path), source_styles=True)))
        items += [
            Product("original-docx", "Original text, before the amendments (Word)", "original", "docx",
                    lambda: engine.render(self.original.value, "docx", messages=self.messages)),
            *_annex_and_report(self),
            Product("consolidated-txt", "Consolidated text (plain text)", self.tag, "txt",
                    lambda: self._consolidated("txt")),
            Product("consolidated-json", "Consolidated text as data (JSON)", self.tag, "json",
                    lambda: self._consolidated("json")),
        ]
        return {p.key: p for p in items}

    def view(self, which: str) -> str:
        """The consolidated or original text as a web page (the HTML writer's, as ``--format html``)."""
        doc = self.consolidated.value if which == "consolidated" else self.original.value
        page = engine.render(doc, "html", messages=self.messages)
        return page if isinstance(page, str) else page.decode("utf-8")

    def summary(self) -> str:
        """What was done, in a few lines: the new title, renumbering, rewritten references, warnings."""
        return summary_text(self.report, self.annex_messages)


class ComparisonWork(_Annexed):
    """Two versions of one instrument compared: the annex, the report, the comparison as data."""

    def __init__(self, old: tuple, new: tuple, step: Callable[[str], None] = lambda _: None) -> None:
        """``old``/``new``: (read Result, display name)."""
        self.old_read, self.old_name = old
        self.new_read, self.new_name = new
        self.step = step
        step("Comparing the two versions paragraph by paragraph")
        self.comparison = engine.compare(self.old_read.value, self.new_read.value)
        step("Checking and writing the change report")
        self.report = engine.comparison_report(self.old_read.value, self.new_read.value, self.old_read.messages,
                                               self.new_read.messages)
        # as ``revcop diff`` names its output: <old>-vs-<new>
        self.stem = f"{_safe(input_stem(self.old_name))}-vs-{_safe(input_stem(self.new_name))}"


    @cached_property
    def products(self) -> dict[str, Product]:
        items = [
            *_annex_and_report(self),
            Product("diff-json", "The changes as data (JSON)", "changes", "json",
                    lambda: engine.comparison_data(self.comparison)),
        ]
        return {p.key: p for p in items}


def _annex_and_report(work) -> list[Product]:
    """The annex in both styles and the report, which every piece of work yields."""
    return [
        Product("annex-docx", "Amendment annex (Word, underline and strike-through)", "annex", "docx",
                lambda: engine.render(work.annex, "docx", marks="underline")),
        Product("annex-tracked-docx", "Amendment annex (Word, tracked changes)", "annex-tracked", "docx",
                lambda: engine.render(work.annex, "docx", marks="tracked")),
        Product("report-html", "Change report (web page)", "report", "html",
                lambda: engine.render_report(work.report, "html")),
    ]


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-@" else "-" for c in name)


def summary_text(report, annex_messages: Sequence[Message] = ()) -> str:
    """The summary ``revcop publish`` writes: title, renumbering, rewritten references, warnings."""
    lines = [report.new.name or report.title]
    if report.new.note:
        lines.append(f"From {report.new.note}.")
    counts = report.summary()["all"]
    changed = ", ".join(f"{counts[k]} {k}" for k in ("amended", "inserted", "deleted", "moved") if counts[k])
    lines.append(f"Paragraphs: {changed or 'none changed'} (+{counts['words_inserted']} / "
                 f"-{counts['words_deleted']} words).")
    lines.append("")
    if report.renumbering:
        lines.append(f"Renumbered ({len(report.renumbering)}): "
                     + ", ".join(f"{r.old} -> {r.new or '(deleted)'}" for r in report.renumbering))
    else:
        lines.append("Renumbered: none.")
    if report.references:
        lines.append(f"Cross-references rewritten ({len(report.references)}):")
        lines += [f"  {r.paragraph or r.source}: {r.old} -> {r.new} ({r.status})" for r in report.references]
    else:
        lines.append("Cross-references rewritten: none.")
    warnings = [f for f in report.findings if f.level != "info"]
    if warnings:
        lines.append(f"Warnings and findings ({len(warnings)}):")
        lines += [f"  {f.where + ': ' if f.where else ''}{f.text}" for f in warnings]
    else:
        lines.append("Warnings and findings: none.")
    if annex_messages:
        lines.append(f"While marking the annex ({len(annex_messages)}):")
        lines += [f"  {m}" for m in annex_messages]
    return "\n".join(lines) + "\n"
