"""What must be settled before a draft becomes a final document, and what it still contains.

Rendering refuses (unless forced) while the engine reports an error, or an unfilled placeholder
figure (any code starting with ``placeholder.figure``). Other placeholders are only listed.
"""

from __future__ import annotations

from typing import Iterable

from ..diagnostics import Diagnostic, Severity

#: Codes (prefixes) that block rendering whatever their severity: figures still to be filled in.
BLOCKING_PREFIXES = ("placeholder.figure",)


def render_blockers(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that make ``drafter render`` ask for ``--force``, in document order."""
    return [d for d in diagnostics
            if d.severity is Severity.ERROR or d.code.startswith(BLOCKING_PREFIXES)]


def placeholders(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The unfilled placeholders the engine found (codes ``placeholder…``); they stay visible."""
    return [d for d in diagnostics if d.code.startswith("placeholder")]
