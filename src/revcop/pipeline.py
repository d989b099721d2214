"""The hall: the one module that chains revcop's stages, and the public face of the library.

source -> reader -> structure -> transforms -> writer, with the versions library at either end:

- :func:`read` opens a path or a library reference (``cms/14.16@COP14``) and gives a Document;
  :func:`read_pair` reads the two versions of a comparison (in parallel where it pays);
- :func:`settle` is the one rule "a document that carries amendment marks stands for its consolidated
  text", decided from the marks themselves (:func:`revcop.marks.marked`);
- :func:`consolidate` / :func:`original` make the two views of an amendment document and
  :func:`publish` numbers its draft decisions and chooses the part to write;
- :func:`compare` aligns two versions (each settled first) and :func:`annex` makes the amendment annex;
- :func:`report` / :func:`compare_report` build the reviewers' change report, :func:`check` the
  editorial findings;
- :func:`render` writes a document in one output format (:mod:`revcop.writers`);
- :func:`open_library`, :func:`read_version`, :func:`record` and their neighbours reach the versions
  library (:mod:`revcop.versions` over the store :mod:`revcop.library`);
- :func:`use_convention` and :func:`use_pages` set what holds for a whole command (``--convention``,
  ``--profile``, ``--pages``).

Each step that can meet something worth saying returns it with its value: a
:class:`~revcop.model.Result` (``.value``, ``.messages``), or a Comparison whose ``messages`` say it.
Nothing here prints; the command line (and the desk) show the messages and choose the exit code.
The CLI and the desk call this module and the writers, nothing below them (tests/test_architecture.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from revcop.model import Document, Message, Result

if TYPE_CHECKING:
    from revcop.comparison import Comparison
    from revcop.library.manifest import Manifest, Version
    from revcop.library.refs import Ref
    from revcop.library.store import Library
    from revcop.review import Report

__all__ = [
    "read", "read_pair", "settle", "consolidate", "original", "publish", "compare", "annex", "report",
    "compare_report", "check", "render", "carries_marks", "parse_meeting", "parse_decision_number",
    "is_reference", "report_date", "require_marks", "use_convention", "describe_convention", "use_pages",
    "parse_number", "parse_reference", "open_library", "read_version",
    "count_marks", "stored_document", "instrument_of", "check_record", "record", "blame", "change_summary",
]


# -- sources -----------------------------------------------------------------------------------------------
def read(source: str | os.PathLike, *, encoding: str | None = None, tracked: str = "auto",
         pages: str | None = None) -> Result:
    """The Document in ``source`` — a file (.docx, text with CriticMarkup, Markdown, revcop JSON) or a
    library reference such as ``cms/14.16@Rev.COP15`` (``$REVCOP_LIBRARY``, else ``./resolutions``).

    ``encoding`` is that of a text input (default UTF-8); ``tracked`` says how Word tracked changes
    are read (``auto``, ``edits`` or ``amendments``: docs/docx.md); ``pages`` the pages of a PDF
    that are read (``"3-5,9"``; docs/pdf.md).
    """
    from revcop import readers

    path = str(source)
    if not os.path.isfile(path):
        from revcop.library.refs import looks_like_ref

        if looks_like_ref(path):  # a version in the library (docs/library.md)
            from revcop import versions

            return versions.read(path, encoding=encoding)
    return readers.read_document(path, encoding=encoding, tracked=tracked, pages=pages)


# Below this many bytes in all, reading in a second process costs more than it saves.
PARALLEL_MIN_BYTES = 256 * 1024


def read_pair(old: str | os.PathLike, new: str | os.PathLike, **options: Any) -> tuple[Result, Result]:
    """:func:`read` of the two versions of a comparison, OLD and NEW.

    On a machine with more than one core OLD is read in a forked process while this one reads NEW, so
    two versions take about the time of one (and this one then imports the comparison while the other
    sends OLD). Whatever goes wrong in the reading process, OLD is read again here, so errors and
    messages are exactly those of reading in turn. (Reading NEW in a second forked process too left this
    one only the two documents as unpickled, ~2 MiB less at the peak of a 500k-word pair's annex once
    structure no longer kept each paragraph's opening, and cost the unpickling of NEW: it was slower
    on both of benchmarks/read_pair.py's 500k-word pairs, and is gone.)
    """
    from revcop import forked

    paths = [str(old), str(new)]
    size = sum(os.path.getsize(p) for p in paths if os.path.isfile(p))
    if not forked.available() or size < PARALLEL_MIN_BYTES:
        return read(paths[0], **options), read(paths[1], **options)
    # Modules both processes need are imported once, here, rather than in each after the fork.
    from revcop import structure  # noqa: F401
    from revcop.readers import is_zip

    if any(is_zip(p) for p in paths):
        from revcop.readers import docx  # noqa: F401
    reader = forked.start(read, paths[0], **options)
    here: Result | None = None
    failed: Exception | None = None
    try:
        here = read(paths[1], **options)
        # What comes next, while the other process finishes reading (and pickling) its version.
        import revcop.comparison
        import revcop.consolidation  # noqa: F401 - the comparison settles marked versions

        revcop.comparison.preload()
    except Exception as e:  # noqa: BLE001 - raised once OLD is known to read: errors come in turn
        failed = e
    finally:
        sent = forked.received(*reader)
    first = sent if sent is not None else read(paths[0], **options)
    if failed is not None:
        raise failed
    return first, here  # type: ignore[return-value]  # read here, or failed above


# -- transforms --------------------------------------------------------------------------------------------
def carries_marks(doc: Document) -> bool:
    """Whether ``doc`` carries amendment marks (inserted or deleted text, labels included)."""
    from revcop.marks import marked

    return marked(doc)


def require_marks(doc: Document, path: str = "") -> None:
    """Refuse (InputError) a document that announces amendment marks (a legend, a ``PROPOSED
    AMENDMENTS TO`` heading) and carries none: its marks were lost (:func:`revcop.marks.require`).
    Every command that consolidates asks this first, unless the user said to take the text as it is."""
    from revcop.marks import require

    require(doc, path)


def settle(doc: Document, name: str = "") -> Result:
    """The text a version stands for: its consolidated text when it carries amendment marks, else
    itself. ``name`` (``OLD``, ``NEW``) names it in the message that says so."""
    from revcop.consolidation import settle as settled

    return settled(doc, name)


def consolidate(doc: Document, *, meeting: str | None = None, keep_bis: bool = False,
                adopted: str | None = None) -> Result:
    """The consolidated text: amendments accepted, renumbered, cross-references rewritten, the new
    title (``Resolution 14.16 (Rev.COP15)``) and adoption line. ``meeting`` is the amending meeting
    (default: from the document symbol), ``adopted`` the meeting of adoption (default: from the
    resolution number)."""
    from revcop import consolidation as c

    return c.consolidate(doc, meeting=meeting, keep_bis=keep_bis, adopted=adopted)


def original(doc: Document, *, adopted: str | None = None) -> Result:
    """The text before the amendments, labels as they stood, with its adoption line."""
    from revcop import consolidation as c

    return c.original(doc, adopted=adopted)


def publish(doc: Document, *, part: str = "resolution", decision_numbers: dict[str, str] | None = None) -> Result:
    """``doc`` ready to write ``part`` (resolution, decisions, all): draft decision placeholders
    (``15.AA``) replaced by the numbers given, everywhere they are cited."""
    if not decision_numbers and part == "resolution":
        return Result(doc, [])
    from revcop.decisions import assign_numbers

    return assign_numbers(doc, dict(decision_numbers or {}))


def compare(old: Document, new: Document, *, granularity: str = "word", processes: int = 1) -> Comparison:
    """``old`` and ``new`` compared paragraph by paragraph, then word by word; a version that carries
    amendment marks is compared in its consolidated form (:func:`settle`). The comparison's
    ``messages`` say what was settled and what alignment met. ``processes=2`` lets a long comparison
    diff words in a second, forked process where there are two cores (:mod:`revcop.forked`): only
    from a program with no other thread running, such as the command line."""
    from revcop.comparison import compare as compared

    return compared(old, new, granularity=granularity, processes=processes)


def annex(comparison: Comparison, *, style_labels: bool = True) -> Result:
    """The amendment annex of ``comparison``: OLD's numbering, new text underlined, deleted text
    struck through, new paragraphs labelled ``11 bis`` (or with their new label when
    ``style_labels`` is False); its messages are the annex's own."""
    return comparison.annex(style_labels=style_labels)


def report(doc: Document, messages: Iterable[Message] = (), *, generated: str = "",
           meeting: str | None = None) -> Report:
    """The change report of one amendment document (``messages``: the reader's, shown as findings)."""
    from revcop.review import build_report

    return build_report(doc, list(messages), generated=generated, meeting=meeting)


def compare_report(old: Document, new: Document, old_messages: Iterable[Message] = (),
                   new_messages: Iterable[Message] = (), *, generated: str = "", processes: int = 1) -> Report:
    """The change report of two versions, OLD and NEW (``processes`` as for :func:`compare`)."""
    from revcop.review import build_comparison_report

    return build_comparison_report(old, new, list(old_messages), list(new_messages), generated=generated,
                                   processes=processes)


def report_date(date: str | None = None, source_date_epoch: str | None = None) -> str:
    """The date a report prints as generated: ``date`` (``2026-03-29``), else ``SOURCE_DATE_EPOCH``,
    else now; ValueError for a date that is not one."""
    from revcop.review import generated_at

    return generated_at(date, source_date_epoch)


def check(doc: Document) -> Result:
    """Editorial findings on ``doc`` (a list of :class:`revcop.checks.Finding`), checked as it will be
    adopted when it carries amendment marks, else as written."""
    from revcop import checks as checking

    return checking.run(doc)


# -- writers -----------------------------------------------------------------------------------------------
def render(doc: Document, fmt: str, **options: Any) -> str | bytes:
    """``doc`` written as ``fmt`` (txt, md, json, html, docx, akn): see :func:`revcop.writers.render`."""
    from revcop.writers import render as rendered

    return rendered(doc, fmt, **options)


# -- values the user gives -----------------------------------------------------------------------------------
def parse_meeting(text: str) -> str:
    """``Rev. CoP19`` / ``cop 15`` -> ``COP19`` / ``COP15``; empty when ``text`` names no meeting."""
    from revcop.structure import normalise_meeting

    return normalise_meeting(text)


def parse_decision_number(text: str) -> tuple[str, str] | None:
    """``15.AA=15.123`` -> (``15.AA``, ``15.123``); None when ``text`` is not of that shape."""
    from revcop.decisions import parse_assignment

    return parse_assignment(text)


def parse_number(text: str) -> str:
    """An instrument number in its canonical form: ``12.07`` -> ``12.7``; ``XII.4`` is kept."""
    from revcop.structure import normalise_number

    return normalise_number(text)


# -- what holds for a whole command: the body's conventions, the pages of a PDF ---------------------------
def use_convention(name: str | None = None, profile_file: str | os.PathLike | None = None) -> Callable[[], None]:
    """Read, title and check with the convention profile ``name`` (``cites``) or the user's
    ``profile_file`` (docs/conventions.md) until the returned function is called; with neither the
    body is detected from each document. LookupError for an unknown name."""
    from revcop import conventions

    chosen = conventions.profile(name) if name else conventions.load(Path(profile_file)) if profile_file else None
    token = conventions.force(chosen)
    return lambda: conventions.release(token)


def describe_convention(doc: Document) -> str:
    """The body whose conventions ``doc`` follows and what that was detected from
    (``CMS (from symbol 'UNEP/CMS/COP15/Doc.28.2')``)."""
    from revcop import conventions

    return conventions.describe(doc)


def use_pages(spec: str) -> Callable[[], None]:
    """Read only the pages ``spec`` (``"6-14"``, ``"1,6-14"``) of a PDF input until the returned
    function is called (``--pages``); ValueError when ``spec`` names no pages."""
    from revcop.readers.pdf import PAGES, parse_pages

    parse_pages(spec)
    token = PAGES.set(spec)
    return lambda: PAGES.reset(token)


# -- the versions library (docs/library.md) ---------------------------------------------------------------
def is_reference(text: str) -> bool:
    """Whether ``text`` reads as a library reference (``cms/14.16@COP14``) rather than a file name."""
    if os.path.isfile(text):  # a file wins (and its name needs no rules of references: not imported)
        return False
    from revcop.library.refs import looks_like_ref

    return looks_like_ref(text)


def parse_reference(text: str) -> Ref | None:
    """``cms/14.16@COP14`` -> its :class:`~revcop.library.refs.Ref`; None when ``text`` is not one."""
    from revcop.library.refs import parse_ref

    return parse_ref(text)


def open_library(root: str | os.PathLike | None = None) -> Library:
    """The versions library at ``root`` (default ``$REVCOP_LIBRARY``, else ``./resolutions``): find,
    manifests, lock, verify (:class:`revcop.library.store.Library`)."""
    from revcop.library.store import Library

    return Library(root)


def read_version(ref: Ref | str, library: Library | None = None) -> tuple[Manifest, Version, Path, Result]:
    """The version ``ref`` names: its manifest, its entry, the stored file and the Document read."""
    from revcop import versions

    return versions.read_version(ref, library)


def count_marks(doc: Document) -> int:
    """Amendment marks in the resolution (or the whole document), each run counted once."""
    from revcop import versions

    return versions.marks(doc)


def stored_document(doc: Document) -> Document:
    """What a version of ``doc`` holds: its resolution when one is recognised, else the whole text."""
    from revcop import versions

    return versions.stored_document(doc)


def instrument_of(doc: Document) -> Ref:
    """The library reference of the instrument ``doc`` is (``cms/14.16``), from its designation."""
    from revcop import versions

    return versions.instrument_ref(doc)


def check_record(library: Library, ref: Ref, *, date: str = "", force: bool = False) -> None:
    """Whether ``ref`` can be recorded in ``library`` (InputError/OutputError if not); records nothing."""
    from revcop import versions

    versions.check_record(library, ref, date=date, force=force)


def record(library: Library, ref: Ref, doc: Document, **options: Any) -> tuple[Version, list[Message]]:
    """Record ``doc`` as the version ``ref`` names, all or nothing (options: see
    :func:`revcop.versions.record`); returns the manifest's entry and the messages."""
    from revcop import versions

    return versions.record(library, ref, doc, **options)


def blame(docs: list[tuple[str, Document]]) -> list:
    """Each paragraph of the last of ``docs`` (version id, Document; oldest first) with the version
    that introduced its wording (:func:`revcop.blame.blame`)."""
    from revcop import blame as history

    return history.blame(docs)


def change_summary(old: Document, new: Document) -> dict[str, int]:
    """Paragraphs amended, inserted, deleted ... from ``old`` to ``new`` (the library log's counts)."""
    from revcop import blame as history

    return history.summary(old, new)
