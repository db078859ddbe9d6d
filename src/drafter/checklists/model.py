"""The data of a loaded checklist: a :class:`Checklist`, its :class:`Entry` items and their
:class:`Example` pairs (format: docs/checklists.md).

Plain data with no parsing and no matching, so that both the matcher
(:mod:`drafter.checklists.matching`) and the parser, which runs every entry's examples through the
matcher (:mod:`drafter.checklists.format`), build on it without an import cycle. Instances are pickled in
the checklist cache: moving or reshaping these classes needs a new cache version
(:data:`drafter.checklists.cache._CACHE_VERSION`).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import MISSING, dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Example:
    """A bad/good pair that doubles as the entry's test."""

    bad: str | None
    good: str | None
    date: _dt.date | None
    line: int


@dataclass
class Entry:
    """One checklist entry, validated and compiled."""

    checklist: str
    path: str
    line: int
    id: str
    type: str
    code: str
    severity: str
    message: str | None
    source: str
    wrong: tuple[str, ...] = ()
    pattern: Any = None                     #: compiled ``regex`` pattern, or None
    pattern_line: int = 0                   #: line of ``pattern`` in the file
    right: str | None = None
    context: Any = None                     #: compiled ``regex`` pattern, or None
    unless: tuple[str, ...] = ()
    safe: bool = True
    valid_from: _dt.date | None = None
    valid_until: _dt.date | None = None
    replaced_by: str | None = None
    #: formulation only: what to say once the formulation itself is outdated (``message`` speaks
    #: of the wrong forms while it is current, and would blame a correct text past the date).
    outdated_message: str | None = None
    variants: tuple[str, ...] = ()
    prefer: str | None = None
    examples: tuple[Example, ...] = ()

    def __getstate__(self) -> dict:
        # Only what differs from the defaults (the class supplies the rest): a 2,000-entry
        # checklist comes back from the cache a third faster.
        return {k: v for k, v in self.__dict__.items() if k not in _ENTRY_DEFAULTS or _ENTRY_DEFAULTS[k] != v}

    @property
    def where(self) -> str:
        """``file:line`` of the entry (of its regex, when it has one), for messages."""
        return f"{self.path}:{self.pattern_line or self.line}"

    def applies(self, date: _dt.date) -> bool:
        """Whether the entry is in force on ``date`` (before ``valid_from`` it is not)."""
        return self.valid_from is None or date >= self.valid_from

    def outdated(self, date: _dt.date) -> bool:
        """Whether the right form itself is outdated on ``date``."""
        return self.valid_until is not None and date > self.valid_until


_ENTRY_DEFAULTS = {f.name: f.default for f in fields(Entry) if f.default is not MISSING}


@dataclass
class Checklist:
    """A loaded checklist file."""

    name: str
    path: str
    description: str
    entries: list[Entry] = field(default_factory=list)
    #: Words no fix may change while this checklist is loaded (names of the writer's own
    #: organisation, people, places), like drafter.yaml ``protected:``.
    protected: tuple[str, ...] = ()
    #: Entries left out because they fail their own examples or are malformed (loading leniently):
    #: one ChecklistError each, naming file:line and the entry.
    problems: list = field(default_factory=list)
