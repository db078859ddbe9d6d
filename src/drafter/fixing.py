"""Applying fixes: the safe fixes of a check, repeated until the text settles, and a diff.

``drafter check --fix`` and the TUI's “fix all” use :func:`fix_document`; writing the result
goes through :mod:`drafter.files.save` (atomic, in the file's own encoding and line ends).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .api import CheckOptions, CheckResult, analyze
from .diagnostics import Diagnostic, apply_edits
from .files.document import SourceDocument

#: Fixes can uncover or overlap other fixes; a few rounds settle every realistic text.
MAX_ROUNDS = 4


@dataclass
class FixOutcome:
    """The text after fixing, the diagnostics whose fixes were applied, and the final check."""

    text: str
    applied: list[Diagnostic] = field(default_factory=list)
    result: CheckResult | None = None

    @property
    def changed(self) -> bool:
        """Whether any fix was applied."""
        return bool(self.applied)


def safe_fixes(result: CheckResult) -> list[Diagnostic]:
    """The diagnostics of ``result`` whose fix is safe to apply without asking."""
    return [d for d in result.diagnostics if d.fix is not None and d.fix.safe]


def fix_document(source: SourceDocument, options: CheckOptions | None = None,
                 result: CheckResult | None = None) -> FixOutcome:
    """Apply every safe fix, re-checking between rounds, and return the final text and check."""
    result = result or analyze(source, options)
    outcome = FixOutcome(text=source.text, result=result)
    for _ in range(MAX_ROUNDS):
        fixes = safe_fixes(result)
        if not fixes:
            break
        edits = [edit for d in fixes for edit in d.fix.edits]
        text = apply_edits(result.source.text, edits)
        if text == result.source.text:
            break
        outcome.applied.extend(fixes)
        source = _with_text(result.source, text)
        result = analyze(source, options)
        outcome.text, outcome.result = text, result
    return outcome


def _with_text(source: SourceDocument, text: str) -> SourceDocument:
    from dataclasses import replace

    return replace(source, text=text)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of ``before`` → ``after`` labelled with ``path``."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"{path}（原文）", tofile=f"{path}（修复后）")
    out = "".join(lines)
    return out if out.endswith("\n") or not out else out + "\n"
