"""The versions library: every version of every instrument, with its lineage (docs/library.md).

Layout: ``LIBRARY/<convention>/<number>/manifest.toml`` lists the versions of one instrument; each
version is stored in a canonical, diff-friendly form (the txt writer's output, one paragraph per line)
beside the source document it came from. A reference ``cms/14.16@Rev.COP15`` names one version;
``cms/14.16`` or ``cms/14.16@latest`` the latest. Writes hold a lock on the library (``fcntl.flock``)
around every read-modify-write of a manifest, and every file is written by atomic rename, so commands
run at once never lose a version nor leave a half-written file.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from revcop.errors import InputError, OutputError
from revcop.model import Document, Message, Result

SCHEMA = "revcop/library/1"
ENV = "REVCOP_LIBRARY"
DEFAULT = "resolutions"
MANIFEST = "manifest.toml"
LOCK = ".revcop.lock"

_REF = re.compile(
    r"^(?P<convention>[A-Za-z][A-Za-z0-9-]*)/(?P<number>[0-9IVXLC]+(?:\.[0-9]+)+)"
    r"(?:@(?P<version>[A-Za-z0-9][A-Za-z0-9._-]*))?$"
)
_VERSION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MEETING_NUMBER = re.compile(r"(\d+)$")
_UMASK = os.umask(0o022)
os.umask(_UMASK)


# -- references ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Ref:
    """``cms/14.16@Rev.COP15``: an instrument (convention and number) and a version ('' = latest)."""

    convention: str
    number: str
    version: str = ""

    @property
    def key(self) -> str:
        return f"{self.convention}/{self.number}"

    def __str__(self) -> str:
        return f"{self.key}@{self.version}" if self.version else self.key


def parse_ref(text: str) -> Ref | None:
    """The reference ``text`` names, or None when it is not one. ``@latest`` is the same as none."""
    m = _REF.match(text.strip())
    if m is None:
        return None
    version = m.group("version") or ""
    if version.lower() == "latest":
        version = ""
    number = ".".join(str(int(x)) if x.isdigit() else x for x in m.group("number").split("."))
    return Ref(m.group("convention").lower(), number, version)


def looks_like_ref(text: str) -> bool:
    return parse_ref(str(text)) is not None


def location(library: str | os.PathLike | None = None) -> Path:
    """The library folder: ``--library``, else ``$REVCOP_LIBRARY``, else ``./resolutions``."""
    return Path(library or os.environ.get(ENV) or DEFAULT)


# -- the manifest --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Version:
    """One version of an instrument as the manifest lists it."""

    id: str
    file: str
    sha256: str
    format: str = "txt"  # txt (canonical text) or json (exact model, when the text cannot hold it)
    meeting: str = ""
    date: str = ""
    symbol: str = ""  # the source document's symbol
    origin: str = "import"  # import | consolidate
    source_file: str = ""  # the source document, stored beside the version
    source_sha256: str = ""
    source_symbol: str = ""
    amendments: int = 0  # number of amendment marks consolidated (consolidate only)
    revcop: str = ""

    @property
    def order(self) -> tuple:
        m = _MEETING_NUMBER.search(self.meeting)
        return (int(m.group(1)) if m else 10**6, self.date or "9999", self.id)


@dataclass(frozen=True)
class Manifest:
    """An instrument in the library: what it is, its lineage and its versions (``manifest.toml``)."""

    key: str  # cms/14.16
    instrument: str = ""  # Resolution 14.16
    convention: str = ""  # CMS
    title: str = ""
    replaces: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()
    repealed_by: str = ""
    external: tuple[str, ...] = ()  # lineage links to instruments kept outside this library
    versions: tuple[Version, ...] = ()

    def version(self, vid: str = "") -> Version | None:
        if not self.versions:
            return None
        if not vid:
            return self.versions[-1]
        return next((v for v in self.versions if v.id == vid), None) or next(
            (v for v in self.versions if v.id.lower() == vid.lower()), None
        )

    def previous(self, vid: str) -> Version | None:
        ids = [v.id for v in self.versions]
        i = ids.index(vid)
        return self.versions[i - 1] if i > 0 else None


_VERSION_FIELDS = [f for f in Version.__dataclass_fields__]


def _toml_string(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return _toml_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def dump_manifest(m: Manifest) -> str:
    """The manifest as TOML, deterministically: fixed key order, versions in version order."""
    lines = [
        "# The versions of one instrument, written by revcop (docs/library.md); `revcop verify` checks it.",
        f"schema = {_toml_value(SCHEMA)}",
        f"instrument = {_toml_value(m.instrument)}",
        f"convention = {_toml_value(m.convention)}",
        f"title = {_toml_value(m.title)}",
        "",
        "[lineage]",
        f"replaces = {_toml_value(list(m.replaces))}",
        f"replaced_by = {_toml_value(list(m.replaced_by))}",
        f"repealed_by = {_toml_value(m.repealed_by)}",
        "# instruments named above that are not kept in this library",
        f"external = {_toml_value(list(m.external))}",
    ]
    for v in sorted(m.versions, key=lambda v: v.order):
        lines += ["", "[[version]]"]
        for name in _VERSION_FIELDS:
            value = getattr(v, name)
            if name in ("id", "file", "sha256", "format") or value not in ("", 0):
                lines.append(f"{name} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def load_manifest(path: Path, key: str) -> Manifest:
    """Read one manifest; InputError naming the file for anything malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no manifest (not an instrument of the library)", str(path)) from None
    except UnicodeDecodeError as e:
        raise InputError(f"not valid UTF-8 ({e})", str(path)) from None
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror or e})", str(path)) from None
    return load_manifest_text(text, key, str(path))


def load_manifest_text(text: str, key: str, path: str = MANIFEST) -> Manifest:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"not valid TOML ({e})", path) from None
    if data.get("schema") != SCHEMA:
        raise InputError(f"not a revcop manifest (schema {data.get('schema')!r}, expected {SCHEMA!r})", path)
    lineage = data.get("lineage", {})
    versions = []
    for i, entry in enumerate(data.get("version", []), start=1):
        unknown = set(entry) - set(_VERSION_FIELDS)
        missing = {"id", "file", "sha256"} - set(entry)
        if unknown or missing:
            what = f"unknown keys {sorted(unknown)}" if unknown else f"missing keys {sorted(missing)}"
            raise InputError(f"version entry {i}: {what}", path)
        versions.append(Version(**entry))
    try:
        return Manifest(
            key=key, instrument=data.get("instrument", ""), convention=data.get("convention", ""),
            title=data.get("title", ""), replaces=tuple(lineage.get("replaces", ())),
            replaced_by=tuple(lineage.get("replaced_by", ())), repealed_by=lineage.get("repealed_by", ""),
            external=tuple(lineage.get("external", ())),
            versions=tuple(sorted(versions, key=lambda v: v.order)),
        )
    except TypeError as e:
        raise InputError(f"malformed manifest ({e})", path) from None


# -- files -----------------------------------------------------------------------------------------------
def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` by renaming a complete temporary file over it (readers never see half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; a library is shared like any git checkout
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise OutputError(f"cannot be written ({e.strerror or e})", str(path)) from None
        raise


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
    text = render(stored, "txt")
    back = _read_canonical_text(text, "canonical")
    if _shape(back) == _shape(stored):
        # written from what was read back, so the stored text is exactly what show prints
        return "txt", render(back, "txt").encode("utf-8")
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


# -- the library -------------------------------------------------------------------------------------------
class Library:
    def __init__(self, root: str | os.PathLike | None = None) -> None:
        self.root = location(root)

    def folder(self, key: str) -> Path:
        return self.root / key

    def manifest_path(self, key: str) -> Path:
        return self.folder(key) / MANIFEST

    def has(self, key: str) -> bool:
        return self.manifest_path(key).is_file()

    def manifest(self, key: str) -> Manifest:
        return load_manifest(self.manifest_path(key), key)

    def keys(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(
            f"{p.parent.parent.name}/{p.parent.name}" for p in self.root.glob(f"*/*/{MANIFEST}")
        )

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive lock on the whole library (lineage links touch two manifests at once)."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            f = open(self.root / LOCK, "a+b")
        except OSError as e:
            raise OutputError(f"cannot lock the library ({e.strerror or e})", str(self.root)) from None
        with f:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)

    # -- resolving -------------------------------------------------------------------------------------------
    def find(self, ref: Ref | str) -> tuple[Manifest, Version, Path]:
        """The manifest, version and stored file a reference names; InputError if there is none."""
        if isinstance(ref, str):
            parsed = parse_ref(ref)
            if parsed is None:
                raise InputError("not a library reference such as cms/14.16@COP14", ref)
            ref = parsed
        if not self.has(ref.key):
            raise InputError(f"no such instrument in the library {self.root}", ref.key)
        manifest = self.manifest(ref.key)
        version = manifest.version(ref.version)
        if version is None:
            known = ", ".join(v.id for v in manifest.versions) or "none"
            raise InputError(f"no version {ref.version or 'at all'} in the library {self.root} "
                             f"(versions: {known})", ref.key)
        return manifest, version, self.folder(ref.key) / version.file

    def read(self, ref: Ref | str, encoding: str | None = None) -> Result:
        """The Document a reference names, with the manifest's metadata (symbol, meeting, convention)."""
        manifest, version, path = self.find(ref)
        data = path.read_bytes() if path.is_file() else None
        if data is None:
            raise InputError("the stored file of this version is missing", str(path))
        messages: list[Message] = []
        if sha256(data) != version.sha256:
            messages.append(Message(f"stored file {version.file} does not match its hash; run revcop verify",
                                    f"{manifest.key}@{version.id}"))
        if version.format == "json":
            import json

            from revcop import serialize

            try:
                doc = serialize.from_data(json.loads(data.decode("utf-8")))
            except (ValueError, KeyError, TypeError) as e:
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
        return Result(replace(doc, meta=meta, source=f"{manifest.key}@{version.id}"), messages)

    # -- writing -----------------------------------------------------------------------------------------
    def add(self, ref: Ref, doc: Document, *, meeting: str = "", date: str = "", symbol: str = "",
            origin: str = "import", source: Path | None = None, source_symbol: str = "",
            amendments: int = 0, replaces: tuple[str, ...] = (), force: bool = False) -> tuple[Version, list[Message]]:
        """Record ``doc`` as version ``ref.version`` of ``ref.key`` (under the lock); returns it."""
        from revcop import __version__
        from revcop.structure import normalise_meeting

        messages: list[Message] = []
        vid = ref.version
        if not vid or not _VERSION_ID.match(vid) or vid.lower() == "latest":
            raise InputError("give the version to record, e.g. cms/14.16@COP14", str(ref))
        if date and not _DATE.match(date):
            raise InputError(f"date {date!r} is not YYYY-MM-DD", str(ref))
        for link in replaces:
            if parse_ref(link) is None or "@" in link:
                raise InputError(f"lineage link {link!r} is not an instrument such as cms/12.7", str(ref))
            if parse_ref(link).key == ref.key:
                raise InputError("an instrument cannot replace itself", str(ref))
        replaces = tuple(dict.fromkeys(parse_ref(link).key for link in replaces))
        meeting = meeting or normalise_meeting(vid)
        if not date and meeting:
            date = self._closing_day(doc.meta.convention or ref.convention.upper(), meeting, str(ref), messages)
        fmt, data = canonical(doc)
        folder = self.folder(ref.key)
        with self.lock():
            manifest = self.manifest(ref.key) if self.has(ref.key) else Manifest(ref.key)
            existing = manifest.version(vid)
            if existing is not None and not force:
                raise OutputError(f"version {existing.id} is already in the library; give --force to replace it",
                                  ref.key)
            others = tuple(v for v in manifest.versions if existing is None or v.id != existing.id)
            file = f"{vid}.{fmt}"
            if any(v.file == file for v in others):
                raise OutputError(f"file {file} already belongs to another version", ref.key)
            source_file = source_sha = ""
            if source is not None:
                source_bytes = source.read_bytes()
                source_sha = sha256(source_bytes)
                if source_bytes == data:
                    source_file = file  # the file imported is already in canonical form
                else:
                    source_file = self._store_source(folder, source.name, source_bytes, vid, others)
            write_atomic(folder / file, data)
            stale = existing.file if existing is not None and existing.file != file else ""
            version = Version(
                id=vid, file=file, sha256=sha256(data), format=fmt, meeting=meeting, date=date,
                symbol=symbol or doc.meta.symbol, origin=origin, source_file=source_file,
                source_sha256=source_sha if source_file != file else "", source_symbol=source_symbol,
                amendments=amendments, revcop=__version__,
            )
            instrument = manifest.instrument or doc.meta.instrument or f"Resolution {ref.number}"
            convention = manifest.convention or doc.meta.convention or ref.convention.upper()
            manifest = replace(
                manifest, instrument=instrument, convention=convention,
                title=manifest.title or doc.meta.title,
                replaces=tuple(dict.fromkeys((*manifest.replaces, *replaces))),
                versions=tuple(sorted((*others, version), key=lambda v: v.order)),
            )
            for link in replaces:
                key = link
                if self.has(key):
                    other = self.manifest(key)
                    if ref.key not in other.replaced_by:
                        other = replace(other, replaced_by=(*other.replaced_by, ref.key))
                        write_atomic(self.manifest_path(key), dump_manifest(other).encode("utf-8"))
                elif key not in manifest.external:
                    messages.append(Message(f"{key} is not in the library; recorded as external", str(ref)))
                    manifest = replace(manifest, external=(*manifest.external, key))
            if existing is None and not others:
                manifest = self._adopt_links(ref.key, manifest)
            write_atomic(self.manifest_path(ref.key), dump_manifest(manifest).encode("utf-8"))
            if stale and not any(v.file == stale or v.source_file == stale for v in manifest.versions):
                with contextlib.suppress(OSError):
                    (folder / stale).unlink()
        return version, messages

    def _closing_day(self, convention: str, meeting: str, where: str, messages: list[Message]) -> str:
        """The closing day of ``meeting`` (resolutions are adopted in the closing plenary) when the
        meetings table knows it from checked material; else no date rather than a guess."""
        from revcop import meetings

        number = meetings.meeting_number(meeting)
        row = meetings.load(self.root).get((convention.upper(), number)) if number is not None else None
        if row is None or row.end is None or not row.verified:
            return ""
        date = row.end.isoformat()
        messages.append(Message(f"date {date}: the closing day of {row.name} (meetings table); give --date "
                                "to record another", where, level="info"))
        return date

    def _adopt_links(self, key: str, manifest: Manifest) -> Manifest:
        """A new instrument that others name as external: it is now in the library, link both ways."""
        for other_key in self.keys():
            if other_key == key:
                continue
            other = self.manifest(other_key)
            if key not in other.external:
                continue
            other = replace(other, external=tuple(x for x in other.external if x != key))
            write_atomic(self.manifest_path(other_key), dump_manifest(other).encode("utf-8"))
            if key in other.replaces and other_key not in manifest.replaced_by:
                manifest = replace(manifest, replaced_by=(*manifest.replaced_by, other_key))
            if key in other.replaced_by and other_key not in manifest.replaces:
                manifest = replace(manifest, replaces=(*manifest.replaces, other_key))
        return manifest

    def _store_source(self, folder: Path, name: str, data: bytes, vid: str, others) -> str:
        """Keep the source document beside the version; a different file of the same name is not touched."""
        target = folder / name
        if target.is_file() and target.read_bytes() == data:
            return name
        taken = {v.file for v in others}
        if target.exists() or name in taken:
            stem, dot, suffix = name.partition(".")
            name = f"{stem}.{vid}.{suffix}" if dot else f"{name}.{vid}"
            target = folder / name
        write_atomic(target, data)
        return name

    # -- checking ------------------------------------------------------------------------------------------
    def verify(self) -> tuple[list[str], int]:
        """(problems, versions checked): every hash and every lineage link, one line per problem."""
        problems: list[str] = []
        count = 0
        if not self.root.is_dir():
            return [f"{self.root}: no such library folder"], 0
        stray = sorted(p for p in self.root.glob(f"**/{MANIFEST}") if p.parent.parent.parent != self.root)
        problems += [f"{p}: manifest not at <convention>/<number>/{MANIFEST}" for p in stray]
        manifests: dict[str, Manifest] = {}
        for key in self.keys():
            path = self.manifest_path(key)
            if parse_ref(key) is None or parse_ref(key).key != key:
                problems.append(f"{path}: folder {key} is not an instrument such as cms/14.16")
                continue
            try:
                manifests[key] = self.manifest(key)
            except InputError as e:
                problems.append(str(e))
        for key, m in manifests.items():
            where = self.manifest_path(key)
            seen: set[str] = set()
            for v in m.versions:
                count += 1
                if v.id in seen:
                    problems.append(f"{where}: version {v.id} is listed twice")
                seen.add(v.id)
                problems += self._check_file(where, v.id, v.file, v.sha256)
                if v.source_file and v.source_file != v.file:
                    problems += self._check_file(where, v.id, v.source_file, v.source_sha256, "source ")
            links = [("replaces", x) for x in m.replaces] + [("replaced_by", x) for x in m.replaced_by]
            if m.repealed_by:
                links.append(("repealed_by", m.repealed_by))
            for relation, link in links:
                ref = parse_ref(link)
                if ref is None or ref.key != link:
                    problems.append(f"{where}: {relation} {link!r} is not an instrument such as cms/12.7")
                    continue
                if link in manifests:
                    if link in m.external:
                        problems.append(f"{where}: {link} is marked external but is in the library")
                    back = manifests[link]
                    reciprocal = {
                        "replaces": key in back.replaced_by,
                        "replaced_by": key in back.replaces,
                        "repealed_by": True,
                    }[relation]
                    if not reciprocal:
                        other = "replaced_by" if relation == "replaces" else "replaces"
                        problems.append(f"{where}: {relation} {link}, but {link} does not list {key} in {other}")
                elif link not in m.external:
                    problems.append(f"{where}: {relation} {link}, which is not in the library and not marked external")
            for link in m.external:
                if link not in m.replaces and link not in m.replaced_by and link != m.repealed_by:
                    problems.append(f"{where}: external {link} is not named in the lineage")
        return problems, count

    def _check_file(self, where: Path, vid: str, name: str, expected: str, what: str = "") -> list[str]:
        path = where.parent / name
        if "/" in name or "\\" in name or name.startswith("."):
            return [f"{where}: version {vid}: {what}file name {name!r} must be a plain name in the folder"]
        if not path.is_file():
            return [f"{where}: version {vid}: {what}file {name} is missing"]
        if not expected:
            return [f"{where}: version {vid}: {what}file {name} has no sha256"]
        got = sha256(path.read_bytes())
        if got != expected:
            return [f"{where}: version {vid}: {what}file {name} has sha256 {got[:12]}…, manifest says {expected[:12]}…"]
        return []


def resolve(ref_or_path: str | os.PathLike, library: str | os.PathLike | None = None) -> Path:
    """The file a path or a library reference names (a path that exists wins)."""
    path = Path(ref_or_path)
    if path.is_file() or not looks_like_ref(str(ref_or_path)):
        return path
    return Library(library).find(str(ref_or_path))[2]


def read(ref: str, library: str | os.PathLike | None = None, encoding: str | None = None) -> Result:
    return Library(library).read(ref, encoding)


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
