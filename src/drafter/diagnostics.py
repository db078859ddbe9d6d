"""Diagnostics: what a check reports, where, how bad, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .report.model import Span


class Severity(str, Enum):
    """How serious a diagnostic is; ``--fail-on`` compares by :attr:`rank`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    @property
    def label(self) -> str:
        """The Chinese word shown to users."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Edit:
    """Replace text ``[start, end)`` (offsets) with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """One or more edits that resolve a diagnostic; ``safe`` fixes are applied by ``--fix``."""

    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass
class Diagnostic:
    """A problem found in a report, with its exact place and, where known, its fix."""

    code: str
    severity: Severity
    message: str
    span: Span
    text: str = ""
    suggestion: str | None = None
    fix: Fix | None = None
    part: str | None = None
    section: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    #: Stable identity of the finding (code, text, near context, outline area; not its line):
    #: set by :func:`drafter.review.fingerprint.assign_fingerprints` when a document is checked.
    fingerprint: str = ""

    @property
    def line(self) -> int:
        """1-based line of the start."""
        return self.span.line

    @property
    def column(self) -> int:
        """1-based code-point column of the start."""
        return self.span.column

    @property
    def end_line(self) -> int:
        """1-based line of the end."""
        return self.span.end_line

    @property
    def end_column(self) -> int:
        """1-based code-point column just past the end (exclusive)."""
        return self.span.end_column

    def sort_key(self) -> tuple:
        """Document order, then code."""
        return (self.span.start, self.span.end, self.code)

    def to_json(self) -> dict[str, Any]:
        """The diagnostic as in the JSON contract (docs/json-contract.md)."""
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity._value_,  # the plain attribute: .value is a descriptor call
            "message": self.message,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "text": self.text,
            "suggestion": self.suggestion,
            "fixable": self.fix is not None,
            "part": self.part,
            "section": self.section,
        }
        if self.data:
            out["data"] = self.data
        if self.fingerprint:
            out["fingerprint"] = self.fingerprint
        return out


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits to ``text``; later overlapping edits are skipped."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            continue
        out.append(text[pos:edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)
