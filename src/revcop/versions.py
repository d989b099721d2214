"""Documents in the versions library: reading a version into a Document, and recording a Document as
a version (docs/library.md).

The store beneath (:mod:`revcop.library`) keeps bytes and manifests; this module gives them meaning:
the canonical form a version is stored in (:func:`canonical`), what of a document is stored
(:func:`stored_document`), its amendment marks (:func:`marks`), the instrument it is about
(:func:`instrument_ref`), :func:`read` and :func:`record`.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from revcop.errors import InputError
from revcop.library.manifest import Manifest, Version
from revcop.library.refs import Ref, parse_ref
from revcop.library.store import Library
from revcop.model import Document, Message, Result


def _library(library: Library | str | os.PathLike | None) -> Library:
    return library if isinstance(library, Library) else Library(library)


# -- canonical form ----------------------------------------------------------------------------------------
def stored_document(doc: Document) -> Document:
    """What a version holds: the resolution part when one is recognised, else the whole text."""
    part = doc.resolution
    parts = (part,) if part is not None else doc.parts
    # the renumbering and rewritten references describe the consolidation, not the version
    return replace(doc, parts=parts, renumbering=(), references=())


def _shape(doc: Document) -> list:
    """What the canonical text must keep: kinds, labels, nesting and every character with its mark.

    Not kept, by the text contract: where one run of equally marked text is cut into spans, a line
    break inside a paragraph (it reads as a space) and white space at the ends of a paragraph.
    """

    def spans(ss):
        out: list[list] = []
        for s in ss:
            text = s.text.replace("\n", " ")
            if s.note is None and out and out[-1][2] is None and out[-1][1] is s.change:
                out[-1][0] += text
            else:
                out.append([text, s.change, s.note.marker if s.note else None, s.note.text if s.note else None])
        if out and out[0][2] is None:
            out[0][0] = out[0][0].lstrip()
        if out and out[-1][2] is None:
            out[-1][0] = out[-1][0].rstrip()
        return tuple(tuple(x) for x in out if x[0] or x[2] is not None)

    def para(p):
        return (p.kind, p.label, p.old_label, spans(p.label_spans), spans(p.spans),
                tuple(para(c) for c in p.children))

    return [(part.kind, tuple(para(p) for p in part.paragraphs)) for part in doc.parts]


def _read_canonical_text(text: str, name: str) -> Document:
    from revcop import structure
    from revcop.readers import critic

    blocks = critic.read_text(text, name)
    return structure.build(blocks.value, name).value


def canonical(doc: Document) -> tuple[str, bytes]:
    """(format, bytes) of the stored form of ``doc``: the txt writer's output when reading it back
    gives the same paragraph tree, else the exact JSON model (a footnote, say, the text cannot hold)."""
    from revcop.writers import render

    stored = stored_document(doc)
    text = str(render(stored, "txt"))
    back = _read_canonical_text(text, "canonical")
    if _shape(back) == _shape(stored):
        # written from what was read back, so the stored text is exactly what show prints
        return "txt", str(render(back, "txt")).encode("utf-8")
    import json

    from revcop.serialize import to_data

    return "json", (json.dumps(to_data(stored), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def marks(doc: Document) -> int:
    """Amendment marks in the resolution (or the whole document): each run of inserted or of deleted
    text counts once, label included (a whole new ``11 bis`` paragraph is one mark)."""
    from revcop.comparison import count_marks

    part = doc.resolution
    paragraphs = part.walk() if part is not None else doc.walk()
    return sum(count_marks((*p.label_spans, *p.spans)) for p in paragraphs)


def instrument_ref(doc: Document) -> Ref:
    """``cms/14.16`` for a document about Resolution 14.16 of CMS (its Meta.instrument and convention)."""
    meta = doc.meta
    if not meta.instrument or not meta.instrument.lower().startswith(("resolution", "résolution", "resolución")):
        raise InputError(f"names no resolution (instrument {meta.instrument or 'unknown'}); "
                         "only resolutions are kept in the library", doc.source)
    if not meta.convention:
        raise InputError("the convention is not known (no CMS/CITES symbol found)", doc.source)
    ref = parse_ref(f"{meta.convention.lower()}/{meta.instrument_number}")
    if ref is None:
        raise InputError(f"instrument number {meta.instrument_number!r} cannot name a library folder", doc.source)
    return ref


# -- reading -------------------------------------------------------------------------------------------------
def read(ref: Ref | str, library: Library | str | os.PathLike | None = None, encoding: str | None = None) -> Result:
    """The Document a reference names (``cms/14.16@COP14``; no version: the latest), with the manifest's
    metadata (symbol, meeting, convention); ``library`` a Library or its folder (default: the usual
    place, see :func:`revcop.library.refs.location`). Result(document, messages)."""
    return read_version(ref, library, encoding)[3]


def read_version(ref: Ref | str, library: Library | str | os.PathLike | None = None,
                 encoding: str | None = None) -> tuple[Manifest, Version, Path, Result]:
    """:func:`read`, with the manifest, the version and the stored file it read (at one moment)."""
    manifest, version, path, data, messages = _library(library).read_bytes(ref)
    if version.format == "json":
        import json

        from revcop import serialize

        try:
            doc = serialize.from_data(json.loads(data.decode("utf-8")))
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
            raise InputError(f"not a revcop JSON document ({e})", str(path)) from None
    else:
        from revcop.readers import decode_text

        doc = _read_canonical_text(decode_text(data, str(path), encoding), version.file)
    revision = version.meeting if version.id.lower().startswith("rev") else doc.meta.revision
    meta = replace(
        doc.meta, instrument=manifest.instrument or doc.meta.instrument, revision=revision,
        meeting=version.meeting, convention=manifest.convention or doc.meta.convention,
        symbol=version.symbol or doc.meta.symbol, title=doc.meta.title or manifest.title,
    )
    return manifest, version, path, Result(replace(doc, meta=meta, source=f"{manifest.key}@{version.id}"), messages)


# -- recording -----------------------------------------------------------------------------------------------
def check_record(library: Library | str | os.PathLike | None, ref: Ref, *, date: str = "",
                 replaces: tuple[str, ...] = (), force: bool = False) -> None:
    """Refuse now what :func:`record` would refuse later (a command checks before its other steps)."""
    _library(library).check_add(ref, date=date, replaces=replaces, force=force)


def record(library: Library | str | os.PathLike | None, ref: Ref, doc: Document, *, meeting: str = "",
           date: str = "", symbol: str = "", origin: str = "import", source: Path | None = None,
           source_symbol: str = "", amendments: int = 0, replaces: tuple[str, ...] = (),
           force: bool = False) -> tuple[Version, list[Message]]:
    """Record ``doc`` as version ``ref.version`` of ``ref.key``, in its canonical form, all or nothing;
    ``source`` (the file it was read from) is kept beside it. Returns the version and the messages."""
    from revcop import __version__
    from revcop.readers import read_bytes
    from revcop.structure import normalise_meeting

    lib = _library(library)
    lib.check_add(ref, date=date, replaces=replaces, force=force)
    messages: list[Message] = []
    meeting = meeting or normalise_meeting(ref.version)
    if not date and meeting:
        date = _closing_day(lib, doc.meta.convention or ref.convention.upper(), meeting, str(ref), messages)
    fmt, data = canonical(doc)
    fields = {"meeting": meeting, "date": date, "symbol": symbol or doc.meta.symbol, "origin": origin,
              "source_symbol": source_symbol, "amendments": amendments, "revcop": __version__}
    version, more = lib.add(
        ref, data, fmt, fields=fields, source=(source.name, read_bytes(source)) if source is not None else None,
        instrument=doc.meta.instrument or f"Resolution {ref.number}",
        convention=doc.meta.convention or ref.convention.upper(), title=doc.meta.title, replaces=replaces,
        force=force,
    )
    return version, messages + more


def _closing_day(lib: Library, convention: str, meeting: str, where: str, messages: list[Message]) -> str:
    """The closing day of ``meeting`` (resolutions are adopted in the closing plenary) when the
    meetings table knows it from checked material; else no date rather than a guess."""
    from revcop import meetings

    number = meetings.meeting_number(meeting)
    row = meetings.load(lib.root).get((convention.upper(), number)) if number is not None else None
    if row is None or row.end is None or not row.verified:
        return ""
    date = row.end.isoformat()
    messages.append(Message(f"date {date}: the closing day of {row.name} (meetings table); give --date "
                            "to record another", where, level="info"))
    return date
