"""OOXML names: every namespace, relationship type and content type revcop reads or writes, and the
qualified-name helpers of WordprocessingML. The only place they are spelled (the docx reader, the
docx writer and ``--template`` all take them from here).
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_NS = "http://www.w3.org/XML/1998/namespace"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
#: The prefixes revcop writes WordprocessingML parts with.
NSMAP = {"w": W_NS, "r": R_NS}

#: Relationship types: ``REL_TYPE + "styles"`` etc.; the package's core properties have their own.
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CORE_PROPERTIES_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
#: Content types of WordprocessingML parts: ``WML_CONTENT_TYPE + "document.main+xml"`` etc.
WML_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml."
#: The URI of Word's compatibility settings (w:compatSetting).
WORD_COMPAT_URI = "http://schemas.microsoft.com/office/word"
RELS_CONTENT_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
CORE_CONTENT_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"


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
    value = attr(el, "val", "true") or "true"
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
    prefix = {M_NS: "m", MC_NS: "mc"}.get(ns)
    if prefix:
        return f"{prefix}:{name}"
    return name if not ns else f"{{{ns}}}{name}"
