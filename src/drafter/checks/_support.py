"""Helpers shared by the content checks: loaded checklists, the report's date, fixes, text spans.

A module whose name starts with ``_`` is not a check; the registry skips it.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

from ..checklists.cache import load_checklists
from ..checklists.matching import ChecklistSet
from ..diagnostics import Edit, Fix
from ..files.patterns import FAST_PATTERNS, fast  # noqa: F401 - FAST_PATTERNS for the tests
from ..report.model import ReportDate, made
from ..report.period import judged_date
from . import CheckContext, code_selected


def checklists(ctx: CheckContext) -> ChecklistSet:
    """The bundled checklists plus those the options name, loaded once per run.

    Raises:
        ChecklistError: a malformed checklist (file:line).
    """
    if "checklists" not in ctx.cache:
        ctx.cache["checklists"] = checklists_for(ctx.options)
    return ctx.cache["checklists"]


def checklists_for(options: Any) -> ChecklistSet:
    """The bundled checklists plus those ``options`` name (see :func:`checklists`)."""
    return load_checklists(tuple(getattr(options, "checklists", ()) or ()))


def date_info(ctx: CheckContext) -> ReportDate:
    """The date the report is judged as of, where it came from, and whether it was assumed."""
    if "date" not in ctx.cache:
        ctx.cache["date"] = judged_date(ctx.report, getattr(ctx.options, "date", None))
    return ctx.cache["date"]


def date(ctx: CheckContext) -> _dt.date:
    """The date the report is judged as of."""
    return date_info(ctx).value


def date_note(ctx: CheckContext) -> str:
    """What a date-dependent message adds when no date was given (today was assumed), else ""."""
    return date_info(ctx).note


def year(ctx: CheckContext) -> int | None:
    """The year the report covers, when known: its period, which ``api.analyze`` completes from
    ``--date`` or the project file when the text does not say."""
    return ctx.report.period.year


def wanted(ctx: CheckContext, code: str) -> bool:
    """Whether ``code`` passes the options' --select/--ignore."""
    options = ctx.options
    return code_selected(code, getattr(options, "select", ()), getattr(options, "ignore", ()))


def replace_fix(start: int, end: int, replacement: str, safe: bool = True) -> Fix:
    """A fix replacing ``[start, end)`` with ``replacement``."""
    return made(Fix, edits=(made(Edit, start=start, end=end, replacement=replacement),), safe=safe)


def body_start(ctx: CheckContext) -> int:
    """Offset where the checkable text starts (after Markdown front matter)."""
    span = ctx.report.front_matter_span
    return span.end if span is not None else 0


def lines_with(text: str, start: int, needles: Iterable[str] = (), core: Any = None) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text`` from ``start`` on that holds one of ``needles``
    (found by ``str.find``) or a match of the pattern ``core``, in text order; a line's end is its
    ``\n`` (or the text's end).

    A check whose pattern never matches across a line end and always contains a needle (or a
    core match) searches only these lines, with ``finditer(text, line_start, line_end)``: the same
    matches as one pass over the whole text (lookbehinds still see the character before a line,
    lookaheads a line end as the text's end, which no such pattern tells from ``\n``), without
    trying the pattern at every position of a long report (≈ 40 ms a pattern at 2.7 MB).
    """
    find, rfind = text.find, text.rfind
    starts: set[int] = set()
    for needle in needles:
        at = find(needle, start)
        while at != -1:
            starts.add(rfind("\n", 0, at) + 1)
            line_end = find("\n", at)
            if line_end == -1:
                break
            at = find(needle, line_end)
    if core is not None:
        at = start
        while True:
            m = core.search(text, at)
            if m is None:
                break
            starts.add(rfind("\n", 0, m.start()) + 1)
            line_end = find("\n", m.start())
            if line_end == -1:
                break
            at = line_end
    out = []
    for line_start in sorted(starts):
        line_end = find("\n", line_start)
        out.append((max(line_start, start), len(text) if line_end == -1 else line_end))
    return out


#: A character class body for CJK ideographs (Extension A and the basic block).
CJK = "\u3400-\u9fff"


def heading_marks(ctx: CheckContext) -> set[int]:
    """Offsets inside headings' numbering marks and the character after them (punct.numbering
    reports the marks there; other punctuation checks leave those offsets alone)."""
    if "heading_marks" not in ctx.cache:
        out: set[int] = set()
        for paragraph in ctx.report.paragraphs:
            heading = paragraph.heading
            if heading is not None and heading.marker is not None:
                out.update(range(heading.span.start, heading.span.start + len(heading.marker.text) + 1))
        ctx.cache["heading_marks"] = out
    return ctx.cache["heading_marks"]


#: ``fast_pattern(pattern, flags)``: a pattern that opens with a lookbehind or an alternation,
#: run by the ``regex`` package on long texts (see :mod:`drafter.files.patterns`).
fast_pattern = fast
