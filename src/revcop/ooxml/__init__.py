"""The OOXML ground floor: names (:mod:`revcop.ooxml.names`) and the safe zip package reader
(:mod:`revcop.ooxml.package`), shared by the docx reader, the docx writer and ``--template``.

Nothing here is imported at start-up: the modules import lxml.
"""
