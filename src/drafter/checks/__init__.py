"""The check registry: every module in this package is one check, found without a central list.

A check module defines ``RULES`` (the codes it reports, with their documentation) and a function
``check(ctx) -> Iterable[Diagnostic]``. Adding a check is adding a module (plus checklist data);
nothing else changes. ``drafter rules`` reads ``RULES``.

A module may declare ``SCOPE = "paragraph"`` when its diagnostics for a line depend only on that
line's text and the report's settings: the editor's incremental checking then re-runs it on the
changed lines only (``drafter.incremental``). Without it a check is document-wide (always safe).
Such a module whose findings also include some about the whole text (a summary, a consistency
across lines) splits them: ``check_paragraphs(ctx)`` yields the line-local ones,
``check_document(ctx)`` the rest, and ``check`` yields both, those of ``check_paragraphs`` first.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import Any, Callable, Iterable

from ..diagnostics import Diagnostic, Severity
from ..report.model import Report, Span
from ..outlines.definition import Outline
from ..outlines.matching import OutlineMatch


_SEVERITY_OF = {s.value: s for s in Severity}


@dataclass(frozen=True)
class Rule:
    """A diagnostic code and its documentation."""

    code: str
    severity: Severity
    summary: str                 #: one line, Chinese, for `drafter rules`
    explanation: str = ""        #: a paragraph for `drafter rules CODE`
    bad: str = ""                #: an example that triggers it
    good: str = ""               #: the same example, corrected
    fixable: bool = False


@dataclass
class CheckContext:
    """What every check may read: the report, the outline and its match, and options."""

    report: Report
    outline: Outline
    match: OutlineMatch
    options: Any = None
    #: Results shared between checks within one run (e.g. compiled checklists).
    cache: dict[str, Any] = field(default_factory=dict)

    def diagnostic(self, code: str, message: str, start: int, end: int, *,
                   severity: Severity | str | None = None, **kwargs: Any) -> Diagnostic:
        """Build a diagnostic at offsets ``[start, end)``; severity defaults to the rule's,
        and the part/section default to where ``start`` falls in the outline."""
        # A long report's checks build thousands: the rule's severity remembered by code, the
        # position found with one search, no keywords where the check passes none.
        if severity is None:
            sev = _SEVERITY_BY_CODE.get(code) or _rule_severity(code)
        elif isinstance(severity, Severity):
            sev = severity
        else:
            sev = _SEVERITY_OF.get(severity) or Severity(severity)
        report = self.report
        span = Span.of(report.index, start, end)
        if not kwargs:
            part, section = self.match.locate(start)
            return Diagnostic(code, sev, message, span, report.source.text[start:end], None, None, part, section)
        if "part" not in kwargs and "section" not in kwargs:
            kwargs["part"], kwargs["section"] = self.match.locate(start)
        return Diagnostic(code=code, severity=sev, message=message, span=span, text=report.source.text[start:end],
                          **kwargs)


#: Rule code → its severity (the rules never change within a run).
_SEVERITY_BY_CODE: dict[str, Severity] = {}


def _rule_severity(code: str) -> Severity:
    """The severity of ``code``'s rule, WARNING for a code of no rule (a checklist's)."""
    try:
        return _SEVERITY_BY_CODE[code]
    except KeyError:
        rule = rule_for(code)
        sev = _SEVERITY_BY_CODE[code] = rule.severity if rule else Severity.WARNING
        return sev


@dataclass(frozen=True)
class Check:
    """A registered check: its module name, its rules and its function."""

    name: str
    rules: tuple[Rule, ...]
    run: Callable[[CheckContext], Iterable[Diagnostic]]
    #: The check reports codes declared by data (checklists) besides its RULES; never skipped
    #: by --select/--ignore up front (it filters its own diagnostics).
    dynamic: bool = False
    #: "paragraph" (re-run on changed lines only by an incremental analysis) or "document".
    scope: str = "document"
    #: Codes a paragraph-local check reports about the whole text (an incremental analysis that
    #: meets one is redone in full).
    whole_text_codes: tuple[str, ...] = ()
    #: For a paragraph-local check that also reports about the whole text: its two halves.
    run_paragraphs: Callable[[CheckContext], Iterable[Diagnostic]] | None = None
    run_document: Callable[[CheckContext], Iterable[Diagnostic]] | None = None


def _load(module: ModuleType) -> Check | None:
    rules = getattr(module, "RULES", None)
    run = getattr(module, "check", None)
    if rules is None or run is None:
        return None
    return Check(name=module.__name__.rsplit(".", 1)[-1], rules=tuple(rules), run=run,
                 dynamic=bool(getattr(module, "DYNAMIC_CODES", False)),
                 scope=getattr(module, "SCOPE", "document"),
                 whole_text_codes=tuple(getattr(module, "WHOLE_TEXT_CODES", ())),
                 run_paragraphs=getattr(module, "check_paragraphs", None),
                 run_document=getattr(module, "check_document", None))


@lru_cache(maxsize=1)
def all_checks() -> tuple[Check, ...]:
    """Every check module in this package, sorted by name."""
    checks = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        check = _load(importlib.import_module(f"{__name__}.{info.name}"))
        if check is not None:
            checks.append(check)
    return tuple(checks)


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    """Every rule code → its :class:`Rule`, sorted by code."""
    rules = {rule.code: rule for check in all_checks() for rule in check.rules}
    return dict(sorted(rules.items()))


def rule_for(code: str) -> Rule | None:
    """The rule for ``code``, or None."""
    return all_rules().get(code)


def code_selected(code: str, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    """Whether ``code`` passes ``--select``/``--ignore`` (each a code or a prefix like ``typo``)."""

    def hits(patterns: Iterable[str]) -> bool:
        return any(code == p or code.startswith(p.rstrip(".*") + ".") for p in patterns)

    if select and not hits(select):
        return False
    return not (ignore and hits(ignore))
