"""WordprocessingML names shared by the docx reader's modules (the only place namespaces are spelled)."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def attr(el, name: str, default: str | None = None) -> str | None:
    """A ``w:``-qualified attribute (Word always qualifies them)."""
    if el is None:
        return default
    value = el.get(f"{{{W_NS}}}{name}")
    return default if value is None else value


def child(el, tag: str):
    """The first child ``w:tag`` of ``el`` (lxml's iterchildren matches tags in C: ~2x find's speed)."""
    if el is None:
        return None
    for found in el.iterchildren(f"{{{W_NS}}}{tag}"):
        return found
    return None


def val(el, tag: str, default: str | None = None) -> str | None:
    """``w:val`` of the child ``tag`` of ``el``."""
    return attr(child(el, tag), "val", default)


def on(el) -> bool | None:
    """A boolean (toggle) property element: None when absent, else its w:val read as OOXML on/off."""
    if el is None:
        return None
    value = attr(el, "val", "true")
    return value.lower() not in ("0", "false", "off", "none")


_LOCAL: dict = {}


def local(tag) -> str:
    """``w:p`` style short name of an element tag (``{ns}p`` -> ``w:p``), memoised (it runs per element)."""
    try:
        return _LOCAL[tag]
    except KeyError:
        pass
    except TypeError:  # an unhashable tag (none is known): not memoised
        return _local(tag)
    name = _LOCAL[tag] = _local(tag)
    return name


def _local(tag) -> str:
    if not isinstance(tag, str):
        return "#comment"
    if tag.startswith(f"{{{W_NS}}}"):
        return "w:" + tag[len(W_NS) + 2 :]
    ns, _, name = tag[1:].partition("}")
    prefix = {
        "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
        MC_NS: "mc",
    }.get(ns)
    if prefix:
        return f"{prefix}:{name}"
    return name if not ns else f"{{{ns}}}{name}"
