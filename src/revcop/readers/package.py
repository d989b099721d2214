"""Moved to :mod:`revcop.ooxml.package` (the OOXML ground floor); this name is kept for code written
against it. Limits are module constants of :mod:`revcop.ooxml.package`: assign them there."""

from revcop.ooxml.package import Package, check_entities, check_parsed_entities, xml_parser  # noqa: F401
