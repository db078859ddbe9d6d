"""Messages the panels send to the app: small dataclasses, one per user intent."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class JumpToOffset(Message):
    """Move the editor to text offset ``start`` (selecting up to ``end`` when given)."""

    start: int
    end: int | None = None


@dataclass
class JumpToDiagnostic(Message):
    """Move the editor to the diagnostic at ``index`` of the current result."""

    index: int


@dataclass
class SectionChosen(Message):
    """An outline node was chosen: ``part`` id and ``section`` id (None for the part itself)."""

    part: str
    section: str | None
