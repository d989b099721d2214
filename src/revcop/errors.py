"""Exceptions that the command line turns into one-line errors with meaningful exit codes."""

from __future__ import annotations


class RevcopError(Exception):
    """A problem with what the user gave revcop; exit code 1."""

    exit_code = 1

    def __init__(self, message: str, path: str = "") -> None:
        # one line, always: messages quoting a parser (lxml, zlib) may carry line breaks
        message = " ".join(str(message).split())
        super().__init__(message)
        self.message = message
        self.path = str(path) if path else ""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(RevcopError):
    """An input file cannot be read or makes no sense."""


class OutputError(RevcopError):
    """An output cannot be written (exists without --force, is the input, is not writable)."""


class InvariantError(Exception):
    """revcop's own result broke a guarantee (a character lost or misplaced): a bug to report."""
