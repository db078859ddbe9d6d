"""The options of one check: outline, code selection, severity overrides, the report's date.

The CLI builds them from its arguments, the editor from its command line; :mod:`drafter.config`
completes them from the project file. A type of its own so that the config and the API share it
without importing each other.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass
class CheckOptions:
    """What to check and how: outline, code selection, severity overrides, the report's date."""

    outline: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    date: _dt.date | None = None
    checklists: tuple[str, ...] = ()
    #: Diagnostics the user chose to ignore in this document: (code, text) pairs.
    ignored: frozenset[tuple[str, str]] = frozenset()
    #: Words no fix may change (names the user protects; drafter.yaml ``protected:``).
    protected: tuple[str, ...] = ()
    #: Typo detector settings (drafter.yaml ``typo:``): ``min_confidence``, ``safe_confidence``.
    typo: dict[str, float] = field(default_factory=dict)
    #: Whether to complete these options from the project file (drafter.yaml) above the document.
    project: bool = True
