"""revcop: parse, consolidate and compare amended resolutions of treaty bodies."""

__version__ = "0.1.0"
