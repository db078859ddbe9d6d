"""``drafter check --format github``: GitHub Actions workflow commands, one annotation per finding.

``::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` — the runner shows them
on the pull request's changed lines. Severities map to ``error``, ``warning`` and ``notice``;
unreadable files and checklist problems are annotations too (on the file and line concerned).
Values are escaped as the runner's toolkit does (``%``, CR, LF; also ``:`` and ``,`` in
properties).
"""

from __future__ import annotations

from typing import Iterable

from ..api import CheckResult
from ..errors import DrafterError

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command's property value."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, message: str, **props: object) -> str:
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items() if value is not None)
    return f"::{level} {fields}::{escape_data(message)}" if fields else f"::{level}::{escape_data(message)}"


def annotations(result: CheckResult) -> Iterable[str]:
    """One workflow command per diagnostic of ``result``."""
    for d in result.diagnostics:
        message = d.message + (f"（建议：{d.suggestion or '删除'}）" if d.suggestion is not None else "")
        yield _command(_LEVEL[d.severity._value_], message, file=result.source.path, line=d.span.line,
                       col=d.span.column, endLine=d.span.end_line, endColumn=d.span.end_column,
                       title=f"drafter {d.code}")


def error_annotation(error: DrafterError, level: str = "error") -> str:
    """A workflow command for an unreadable file or a checklist problem."""
    return _command(level, error.message, file=error.path, line=error.line, title="drafter")
