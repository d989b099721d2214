"""``manifest.toml``: what an instrument is, its lineage and its versions (docs/library.md).

Read with :mod:`revcop.toml` and checked once against the schema below: every key of its type, every
stored file a plain name inside the instrument folder. Anything else is an InputError of one line
naming the file and the key, so no command goes on with a manifest it misreads. Written with
``tomli-w``, deterministically (fixed key order, versions in version order).
"""

from __future__ import annotations

from pathlib import Path

from revcop.errors import InputError
from revcop.library.refs import VERSION_ID
from revcop.patterns import compiled
from revcop.records import dataclass

SCHEMA = "revcop/library/1"
MANIFEST = "manifest.toml"
FORMATS = ("txt", "json")
HEADER = "# The versions of one instrument, written by revcop (docs/library.md); `revcop verify` checks it.\n"

_MEETING_NUMBER = compiled(r"(\d+)$")
_SHA256 = compiled(r"^[0-9a-f]{64}$")
_UNSAFE = compiled(r"[\x00-\x1f\x7f/\\]")


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

    def files(self) -> set[str]:
        """Every file of the instrument folder a version names (stored texts and sources)."""
        return {name for v in self.versions for name in (v.file, v.source_file) if name}


VERSION_FIELDS = tuple(Version.__dataclass_fields__)
_TOP = ("schema", "instrument", "convention", "title", "lineage", "version")
_LINEAGE = ("replaces", "replaced_by", "repealed_by", "external")


def plain_name(name: str) -> bool:
    """A stored file's name: one plain name inside the instrument folder, never a path, a hidden
    file or the manifest itself (``../x``, ``/etc/x``, ``.x``, ``a\\b`` are not)."""
    return (bool(name) and not _UNSAFE.search(name) and not name.startswith(".")
            and name.lower() != MANIFEST and len(name.encode("utf-8", "surrogatepass")) <= 255)


def _type(value) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array",
            dict: "a table"}.get(type(value), type(value).__name__)


def _string(value, key: str, path: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"key {key} must be a string, not {_type(value)}", path)
    return value


def _strings(value, key: str, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        what = _type(value) if not isinstance(value, list) else "an array holding " + next(
            _type(x) for x in value if not isinstance(x, str))
        raise InputError(f"key {key} must be an array of strings, not {what}", path)
    return tuple(value)


def _table(value, key: str, path: str, known: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise InputError(f"key {key} must be a table, not {_type(value)}", path)
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise InputError(f"unknown key {key + '.' if key else ''}{unknown[0]}", path)
    return value


def _version(entry, i: int, path: str) -> Version:
    where = f"version {i}"
    if not isinstance(entry, dict):
        raise InputError(f"{where} must be a table, not {_type(entry)}", path)
    unknown = sorted(set(entry) - set(VERSION_FIELDS))
    missing = [k for k in ("id", "file", "sha256") if k not in entry]
    if unknown or missing:
        what = f"unknown keys {unknown}" if unknown else f"missing keys {missing}"
        raise InputError(f"{where}: {what}", path)
    values = {}
    for name, value in entry.items():
        if name == "amendments":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InputError(f"{where}: key amendments must be a whole number, not {value!r}", path)
        else:
            _string(value, f"version.{name} (entry {i})", path)
        values[name] = value
    if not VERSION_ID.match(values["id"]):
        raise InputError(f"{where}: id {values['id']!r} is not a version id such as COP14", path)
    where = f"version {values['id']}"
    for name in ("file", "source_file"):
        value = values.get(name, "")
        if (value or name == "file") and not plain_name(value):
            raise InputError(f"{where}: {name} {value!r} is not a plain file name in the instrument folder", path)
    for name in ("sha256", "source_sha256"):
        value = values.get(name, "")
        if value and not _SHA256.match(value):
            raise InputError(f"{where}: {name} {value!r} is not a sha256 (64 hexadecimal digits)", path)
    if values.get("format", "txt") not in FORMATS:
        raise InputError(f"{where}: format {values['format']!r} is not one of {', '.join(FORMATS)}", path)
    return Version(**values)


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
    """The manifest ``text`` holds, checked against the schema (see the module docstring)."""
    from revcop import toml  # the standard library's parser, or the same compiled (revcop/toml.py)

    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError as e:
        raise InputError(f"not valid TOML ({e})", path) from None
    if data.get("schema") != SCHEMA:
        raise InputError(f"not a revcop manifest (schema {data.get('schema')!r}, expected {SCHEMA!r})", path)
    _table(data, "", path, _TOP)
    lineage = _table(data.get("lineage", {}), "lineage", path, _LINEAGE)
    entries = data.get("version", [])
    if not isinstance(entries, list):
        raise InputError(f"key version must be an array of tables ([[version]]), not {_type(entries)}", path)
    versions = [_version(entry, i, path) for i, entry in enumerate(entries, start=1)]
    return Manifest(
        key=key,
        instrument=_string(data.get("instrument", ""), "instrument", path),
        convention=_string(data.get("convention", ""), "convention", path),
        title=_string(data.get("title", ""), "title", path),
        replaces=_strings(lineage.get("replaces", []), "lineage.replaces", path),
        replaced_by=_strings(lineage.get("replaced_by", []), "lineage.replaced_by", path),
        repealed_by=_string(lineage.get("repealed_by", ""), "lineage.repealed_by", path),
        external=_strings(lineage.get("external", []), "lineage.external", path),
        versions=tuple(sorted(versions, key=lambda v: v.order)),
    )


def dump_manifest(m: Manifest) -> str:
    """The manifest as TOML (``tomli-w``), deterministically: fixed key order, versions in version order,
    empty optional fields of a version left out."""
    import tomli_w

    data: dict[str, object] = {
        "schema": SCHEMA, "instrument": m.instrument, "convention": m.convention, "title": m.title,
        "lineage": {"replaces": list(m.replaces), "replaced_by": list(m.replaced_by),
                    "repealed_by": m.repealed_by, "external": list(m.external)},
    }
    versions: list[dict[str, object]] = []
    for v in sorted(m.versions, key=lambda v: v.order):
        versions.append({name: getattr(v, name) for name in VERSION_FIELDS
                         if name in ("id", "file", "sha256", "format") or getattr(v, name) not in ("", 0)})
    if versions:
        data["version"] = versions
    return HEADER + tomli_w.dumps(data)
