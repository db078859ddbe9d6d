"""What must be settled before a draft becomes a final document, and what it still contains.

Rendering refuses (unless forced) while the final text would carry a problem at or above the
*gate* severity — ``warning`` by default, so typos, outdated formulations and period slips stop
it as errors do; ``error``, ``info`` or ``off`` from ``--gate`` or the project file's
``render-gate`` — or an unfilled placeholder figure (any code starting with
``placeholder.figure``, whatever its severity, unless the gate is ``off``).

What the final text carries is found by checking it: the renderer reorders areas and renumbers
headings, so the draft's ``outline.order`` and heading-numbering slips do not reach the final
text, while a typo does. :func:`carried_over` keeps the draft's diagnostics (with the draft's
lines, where the writer fixes them) that the final text still has; :func:`kinds` groups them by
code for a listing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable

from ..config import RENDER_GATES as GATES
from ..diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from ..api import CheckResult
    from ..options import CheckOptions

#: Codes (prefixes) that block rendering whatever their severity: figures still to be filled in.
BLOCKING_PREFIXES = ("placeholder.figure",)
#: The gate when neither ``--gate`` nor the project file sets one.
DEFAULT_GATE = "warning"


def render_blockers(diagnostics: Iterable[Diagnostic], gate: str = DEFAULT_GATE) -> list[Diagnostic]:
    """The diagnostics that make ``drafter render`` ask for ``--force``, in document order:
    those at or above ``gate`` (error, warning, info; ``off`` blocks nothing) and unfilled
    placeholder figures."""
    if gate == "off":
        return []
    threshold = Severity(gate).rank
    return [d for d in diagnostics
            if d.severity.rank >= threshold or d.code.startswith(BLOCKING_PREFIXES)]


def placeholders(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The unfilled placeholders the engine found (codes ``placeholder…``); they stay visible."""
    return [d for d in diagnostics if d.code.startswith("placeholder")]


def carried_over(result: "CheckResult", final_text: str, options: "CheckOptions | None" = None) -> list[Diagnostic]:
    """The draft's diagnostics that its final text still has, in document order.

    ``final_text`` is checked as plain text with the same options (already completed from the
    project file) and the draft's date; a draft diagnostic is carried over when the final text
    has one with the same code over the same text (counted, so two typos need two).
    """
    from ..api import check_text
    from ..config import report_date
    from ..options import CheckOptions

    options = options or CheckOptions()
    codes = tuple(sorted({d.code for d in result.diagnostics}))
    if not codes:
        return []
    # Only the draft's codes can be carried over: the checks of no other code need to run again
    # (rendering 100,000 headings spent a third of its time re-running them).
    final_options = replace(options, date=report_date(result.report, options), project=False, select=codes)
    final = check_text(final_text, options=final_options)
    remaining = Counter((d.code, d.text) for d in final.diagnostics)
    kept = []
    for d in result.diagnostics:
        key = (d.code, d.text)
        if remaining[key] > 0:
            remaining[key] -= 1
            kept.append(d)
    return kept


@dataclass(frozen=True)
class Kind:
    """One kind of problem (a diagnostic code) and where it occurs."""

    code: str
    severity: Severity
    summary: str                 #: the rule's one-line description, "" for an unknown code
    count: int                   #: places (one placeholder.name stands for every XX name)
    lines: tuple[int, ...]       #: the lines, ascending, each once

    def describe(self, max_lines: int = 12) -> str:
        """“警告 typo.word 错别字… 3 处：第 8、9、10 行”."""
        shown = "、".join(str(n) for n in self.lines[:max_lines])
        more = f" 等 {len(self.lines)} 行" if len(self.lines) > max_lines else " 行"
        summary = f" {self.summary}" if self.summary else ""
        return f"{self.severity.label} {self.code}{summary} {self.count} 处：第 {shown}{more}"


def kinds(diagnostics: Iterable[Diagnostic]) -> list[Kind]:
    """The diagnostics grouped by code: most severe first, then by their first line."""
    from ..checks import rule_for

    groups: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        groups.setdefault(d.code, []).append(d)
    out = []
    for code, found in groups.items():
        rule = rule_for(code)
        out.append(Kind(
            code=code,
            severity=max((d.severity for d in found), key=lambda s: s.rank),
            summary=rule.summary if rule else "",
            count=sum(int(d.data.get("count", 1)) if d.code == "placeholder.name" else 1 for d in found),
            lines=tuple(sorted({d.span.line for d in found})),
        ))
    out.sort(key=lambda k: (-k.severity.rank, k.lines[0] if k.lines else 0, k.code))
    return out
