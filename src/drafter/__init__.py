"""drafter: draft and check Chinese official work reports against a standard outline.

The engine (this package) never imports Textual. Its public API:

- :func:`read_source` / :func:`check_path` / :func:`check_text` / :func:`analyze`
- :class:`CheckOptions`, :class:`CheckResult`, :class:`Diagnostic`, :class:`Severity`
- :func:`load_outline`, :func:`match_outline`, :func:`parse_report`

The names are imported on first use (PEP 562), so that ``drafter --version`` and the command
line's start-up import only what the command needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .version import __version__

#: Public name → the module that defines it.
_PUBLIC = {
    "CheckOptions": "api", "CheckResult": "api", "analyze": "api", "check_many": "api",
    "check_path": "api", "check_text": "api", "parse": "api",
    "Diagnostic": "diagnostics", "Edit": "diagnostics", "Fix": "diagnostics", "Severity": "diagnostics",
    "apply_edits": "diagnostics",
    "ChecklistError": "errors", "DrafterError": "errors", "InputError": "errors",
    "Outline": "outlines.definition", "load_outline": "outlines.definition",
    "OutlineMatch": "outlines.matching", "match_outline": "outlines.matching",
    "SourceDocument": "files.document",
    "find_reports": "files.source", "read_source": "files.source",
    "parse_report": "report.structure",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'drafter' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))


if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ imports on first use
    from .api import CheckOptions, CheckResult, analyze, check_many, check_path, check_text, parse
    from .diagnostics import Diagnostic, Edit, Fix, Severity, apply_edits
    from .errors import ChecklistError, DrafterError, InputError
    from .files.document import SourceDocument
    from .files.source import find_reports, read_source
    from .outlines.definition import Outline, load_outline
    from .outlines.matching import OutlineMatch, match_outline
    from .report.structure import parse_report
