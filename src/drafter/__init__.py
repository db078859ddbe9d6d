"""drafter: draft and check Chinese official work reports against a standard outline.

The engine (this package) never imports Textual. Its public API:

- :func:`read_source` / :func:`check_path` / :func:`check_text` / :func:`analyze`
- :class:`CheckOptions`, :class:`CheckResult`, :class:`Diagnostic`, :class:`Severity`
- :func:`load_outline`, :func:`match_outline`, :func:`parse_report`
"""

from __future__ import annotations

from .api import CheckOptions, CheckResult, analyze, check_many, check_path, check_text, parse
from .diagnostics import Diagnostic, Edit, Fix, Severity, apply_edits
from .errors import ChecklistError, DrafterError, InputError
from .outlines.definition import Outline, load_outline
from .outlines.matching import OutlineMatch, match_outline
from .files.document import SourceDocument
from .files.source import find_reports, read_source
from .report.structure import parse_report

from .version import __version__

__all__ = [
    "CheckOptions", "CheckResult", "ChecklistError", "Diagnostic", "DrafterError", "Edit", "Fix",
    "InputError", "Outline", "OutlineMatch", "Severity", "SourceDocument", "analyze", "apply_edits",
    "check_many", "check_path", "check_text", "find_reports", "load_outline", "match_outline",
    "parse", "parse_report", "read_source",
]
