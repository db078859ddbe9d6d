"""Errors the engine raises for bad input: each carries the file and, where known, the line."""

from __future__ import annotations


class DrafterError(Exception):
    """A problem the user can act on; printed as one line, never as a traceback."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(DrafterError):
    """A document that cannot be read: missing, binary, undecodable, unreadable."""


class ChecklistError(DrafterError):
    """A checklist or outline file that is malformed; it does not load."""
