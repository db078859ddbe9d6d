"""The engine's public entry points: read → model → checks → diagnostics.

The CLI, the TUI and the renderer call these; none of them reaches into the modules below.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, Callable, Iterable

from .checks import CheckContext, all_checks, code_selected
from .checks._forked import Background, can_fork, run_checks as run_forked, worth_forking
from .checks._support import checklists, checklists_for
from .config import options_for
from .diagnostics import Diagnostic, Edit, Severity, apply_edits
from .review.fingerprint import assign_fingerprints
from .review.ignores import IgnoredDiagnostic, split_ignored
from .options import MAX_DIAGNOSTICS, CheckOptions
from .report.model import Report, ReportDate, ReportPeriod
from .report.protected import ProtectedSpan, overlaps, protected_spans
from .outlines.definition import Outline, load_outline
from .outlines.matching import OutlineMatch, match_outline
from .outlines.select import OutlineChoice, choose_outline
from .report.period import judged_date
from .files.document import SourceDocument
from .files.source import read_source, source_from_bytes
from .report.structure import parse_report

if TYPE_CHECKING:  # drafter.incremental is imported by the editor's analyses only
    from .incremental import ReuseState


_SEVERITY_VALUE_OF = attrgetter("severity._value_")
_PLACE_OF = attrgetter("part", "section")
#: ``Diagnostic.sort_key`` (document order, then code) without a method call per diagnostic.
_SORT_KEY = attrgetter("span.start", "span.end", "code")


class AnalysisCancelled(Exception):
    """The caller of :func:`analyze` said (through ``cancelled``) that it no longer needs the result."""


@dataclass(frozen=True)
class Truncation:
    """What was cut from a file's diagnostics: ``omitted`` found but not kept, and the checks
    that stopped at the limit (``stopped``: they may have had more)."""

    limit: int
    omitted: int
    stopped: tuple[str, ...]

    def summary(self) -> str:
        """One line of Chinese saying what was cut."""
        more = "至少 " if self.stopped else " "
        text = f"问题过多：只列出 {self.limit:,} 条，另有{more}{self.omitted:,} 条未列出"
        if self.stopped:
            text += f"（{'、'.join(self.stopped)} 检查达到上限后停止）"
        return text + "；请先处理已列出的问题"


@dataclass
class CheckResult:
    """Everything known about one document after checking it."""

    source: SourceDocument
    report: Report
    outline: Outline
    match: OutlineMatch
    diagnostics: list[Diagnostic]
    #: Set when the file had more findings than :data:`MAX_DIAGNOSTICS`: what was cut.
    truncated: Truncation | None = None
    #: Findings set aside by the project file's ``ignore`` entries or the draft's markers.
    ignored: list[IgnoredDiagnostic] = field(default_factory=list)
    #: Problems of the configuration, not of the report: checklist entries and files left out
    #: because they fail their examples or are malformed (ChecklistError, naming file:line).
    config_problems: list = field(default_factory=list)
    #: Which outline was taken and why (the report's unit, --outline, drafter.yaml…).
    choice: OutlineChoice | None = None
    #: The date the report was judged as of, and where it came from.
    date: ReportDate | None = None
    #: What the next analysis of an edited text may reuse (set by ``analyze(incremental=True)``).
    reuse: ReuseState | None = field(default=None, repr=False, compare=False)

    def counts(self) -> dict[str, int]:
        """Number of diagnostics by severity name."""
        # Counted by the members' values (plain strings): an enum member hashes in Python code.
        by_value = Counter(map(_SEVERITY_VALUE_OF, self.diagnostics))
        return {s.value: by_value.get(s.value, 0) for s in Severity}

    def counts_by_section(self) -> dict[tuple[str, str | None], int]:
        """Number of diagnostics per (part id, area id), and per (part id, None) for the whole
        part; diagnostics outside the parts are not counted. The CLI's outline table and the
        editor's outline panel show these."""
        places = Counter(map(_PLACE_OF, self.diagnostics))
        counts: dict[tuple[str, str | None], int] = {}
        for (part, section), count in places.items():  # in order of first occurrence, as before
            if part is None:
                continue
            counts[(part, None)] = counts.get((part, None), 0) + count
            if section is not None:
                counts[(part, section)] = counts.get((part, section), 0) + count
        return counts

    def fails(self, fail_on: str) -> bool:
        """Whether any diagnostic is at or above ``fail_on`` (error, warning, info; never)."""
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(d.severity.rank >= threshold for d in self.diagnostics)


def parse(source: SourceDocument) -> Report:
    """Parse a source document into the report model."""
    return parse_report(source)


def analyze(source: SourceDocument, options: CheckOptions | None = None,
            outline: Outline | None = None, previous: CheckResult | None = None,
            incremental: bool = False, cancelled: Callable[[], bool] | None = None,
            cores: int = 1) -> CheckResult:
    """Parse and check one document with every registered check.

    With ``incremental``, the result keeps what the next analysis may reuse, and ``previous``
    (the result of an earlier ``incremental`` analysis of this document before an edit) lends
    its paragraph-local checks' findings on the lines the edit left alone
    (:mod:`drafter.incremental`); the diagnostics are the same as without it. ``cancelled`` is
    asked between checks: when it says yes the analysis stops (an editor whose buffer changed
    again does not wait for a result it will not show). ``cores`` > 1 lets a long report's checks
    run in that many processes (:mod:`drafter.checks._forked`; not with ``incremental`` or
    ``cancelled``): the same diagnostics, sooner.

    Raises:
        AnalysisCancelled: ``cancelled()`` returned true.
        ChecklistError: the outline or a checklist is malformed.
    """
    # The cyclic garbage collector would walk every live object again and again while a long
    # report's model and diagnostics are built (7 % of the time at 2.7 MB, 26 % at 11 MB,
    # growing faster than the text); nothing built here is a cycle that must be collected early.
    enabled = gc.isenabled()
    gc.disable()
    try:
        if not incremental:
            return _analyze(source, options, outline, None, cancelled=cancelled, cores=cores)
        from .incremental import FullAnalysisNeeded

        state = previous.reuse if previous is not None else None
        try:
            return _analyze(source, options, outline, state, True, cancelled)
        except FullAnalysisNeeded:
            return _analyze(source, options, outline, None, True, cancelled)
    finally:
        if enabled:
            gc.enable()


def _analyze(source: SourceDocument, options: CheckOptions | None, outline: Outline | None,
             previous: ReuseState | None, incremental: bool = False,
             cancelled: Callable[[], bool] | None = None, cores: int = 1) -> CheckResult:
    options = options_for(options or CheckOptions(), source.path)
    memo = None
    if incremental:
        from .incremental import PARAGRAPH, Reuse, paragraph_memo, reuse_key

        memo = paragraph_memo(previous)
    # A long text on idle CPUs: the protected text and then the checks are shared with workers.
    forking = not incremental and cancelled is None and worth_forking(len(source.text), cores)
    background = None
    if forking:
        # The protected text needs only the text and the checklists' words: a worker finds it
        # while this process parses (the same spans, sooner).
        loaded = checklists_for(options)
        background = Background(protected_spans, source.text, options.protected + loaded.protected)
    report = parse_report(source, memo)
    if outline is not None:
        choice = OutlineChoice(outline.name, "option")
    else:
        choice = choose_outline(report, options.outline)
        outline = load_outline(choice.name)
    period = report.period
    if options.date is not None and (period.year is None or period.source in ("text", "unknown")):
        # Neither front matter nor title says the year; --date or the project file does, and
        # wins over what the text suggests (the half stays the title's).
        report.period = ReportPeriod(options.date.year, period.half if period.source == "title" or
                                     period.source == "text" else period.half, "config", period.scope)
    date = judged_date(report, options.date)
    match = match_outline(report, outline)
    match.choice = choice
    ctx = CheckContext(report=report, outline=outline, match=match, options=options)
    ctx.cache["date"] = date
    if forking:
        ctx.cache["checklists"] = loaded
    words = options.protected + _checklist_protected(ctx)
    reuse = None
    if incremental:
        reuse = Reuse.start(report, reuse_key(options, outline, report, date, ctx.cache.get("checklists"), words),
                            previous, memo)
        protected = reuse.protected(words)
    else:
        protected = background.result() if forking else protected_spans(report.text, words)
    ctx.cache["protected"] = protected
    diagnostics: list[Diagnostic] = []
    limit = options.max_diagnostics
    stopped: list[str] = []
    select, ignore, ignored, overrides = options.select, options.ignore, options.ignored, options.severity
    checks = [check for check in all_checks() if check.dynamic or
              any(code_selected(r.code, select, ignore) for r in check.rules)]
    forked = run_forked(checks, ctx, 4 * limit + 1, cores) if forking else None  # the loop reads no further
    selected: dict[str, bool] = {}  # code → whether it passes --select/--ignore (asked once a code)
    for number, check in enumerate(checks):
        if cancelled is not None and cancelled():
            raise AnalysisCancelled
        kept = 0
        local = reuse is not None and check.scope == PARAGRAPH
        if forked is not None:
            produced = forked[number]
        else:
            produced = reuse.run(check, ctx, match.locate) if local else check.run(ctx)
        for seen, diagnostic in enumerate(produced, 1):
            if kept >= limit or seen > 4 * limit:
                if local:
                    reuse.stopped()  # which ones are kept depends on the order they come in
                stopped.append(check.name)  # a runaway check: stop building what nobody reads
                break
            code = diagnostic.code
            passes = selected.get(code)
            if passes is None:
                passes = selected[code] = code_selected(code, select, ignore)
            if not passes:
                continue
            if ignored and (code, diagnostic.text) in ignored:
                continue
            if report.notes and report.in_note(diagnostic.span.start, diagnostic.span.end):
                continue  # drafting notes are not part of the report (docs/render.md)
            if diagnostic.fix is not None and not _respect_protected(diagnostic, protected):
                continue
            if overrides:
                override = overrides.get(code)
                if override:
                    diagnostic.severity = Severity(override)
            diagnostics.append(diagnostic)
            kept += 1
        if local and kept >= limit:
            reuse.stopped()
    truncated = None
    if len(diagnostics) > limit or stopped:
        # Keep the most severe (then the earliest) ones: errors survive a flood of warnings.
        diagnostics.sort(key=lambda d: (-d.severity.rank, d.sort_key()))
        truncated = Truncation(limit, max(0, len(diagnostics) - limit) + (1 if stopped else 0),
                               tuple(stopped))
        del diagnostics[limit:]
    diagnostics.sort(key=_SORT_KEY)
    diagnostics = _drop_overlapping_duplicates(diagnostics, report.text)
    assign_fingerprints(diagnostics, report.text, reuse.fingerprint_bases() if reuse is not None else None)
    if reuse is not None:
        reuse.remember_fingerprints(diagnostics)
    diagnostics, ignored = split_ignored(diagnostics, report, options, source.path)
    loaded = ctx.cache.get("checklists")
    return CheckResult(source=source, report=report, outline=outline, match=match, diagnostics=diagnostics,
                       ignored=ignored, config_problems=list(getattr(loaded, "problems", ())),
                       choice=choice, date=date, truncated=truncated,
                       reuse=reuse.state() if reuse is not None else None)


def _checklist_protected(ctx: CheckContext) -> tuple[str, ...]:
    """The ``protected:`` words of the loaded checklists. Loading them here costs nothing extra:
    the checklist check (never skipped up front) loads them anyway, once per run."""
    return checklists(ctx).protected


def _respect_protected(diagnostic: Diagnostic, protected: list[ProtectedSpan]) -> bool:
    """The one gate every fix passes: a fix that would change a name, a place, an organisation, a
    quoted title or a word the user protects is removed (safe or not). A diagnostic that only
    proposes to replace text inside a person's or place's name (an 异形词 entry matching 余辉) is
    not a finding at all: returns False to drop it."""
    if diagnostic.fix is None or not protected:
        return True
    hit = next((s for e in diagnostic.fix.edits if (s := overlaps(protected, e.start, e.end))), None)
    if hit is None:
        return True
    span = diagnostic.span
    if hit.kind in ("person", "place", "user", "organization") and hit.start <= span.start and span.end <= hit.end:
        return False
    diagnostic.fix = None
    diagnostic.data = {**diagnostic.data, "protected": hit.kind}
    return True


def _drop_overlapping_duplicates(diagnostics: list[Diagnostic], text: str) -> list[Diagnostic]:
    """One diagnostic per slip: over overlapping text, a second diagnostic whose fix makes exactly
    the same change is dropped (“》、《” found by punct.* and by a checklist entry, a slogan found by
    consistency.variant and by a declared set)."""
    kept: list[Diagnostic] = []
    active: list[Diagnostic] = []     # kept diagnostics that may still overlap what follows
    for d in diagnostics:  # sorted by start
        if active:
            active = [k for k in active if k.span.end > d.span.start]
        if d.fix is not None and active and any(_same_change(k, d, text) for k in active
                                                if k.span.start < d.span.end):
            continue
        kept.append(d)
        active.append(d)
    return kept


def _same_change(a: Diagnostic, b: Diagnostic, text: str) -> bool:
    """Whether two fixes turn the stretch of text they cover into the same text."""
    if a.fix is None or b.fix is None:
        return False
    edits = a.fix.edits + b.fix.edits
    lo, hi = min(e.start for e in edits), max(e.end for e in edits)
    window = text[lo:hi]

    def effect(fix) -> str:
        return apply_edits(window, [Edit(e.start - lo, e.end - lo, e.replacement) for e in fix.edits])

    return effect(a.fix) == effect(b.fix)


def check_path(path: str | os.PathLike[str], options: CheckOptions | None = None, cores: int = 1) -> CheckResult:
    """Read and check one file (``-`` for standard input); ``cores``: see :func:`analyze`.

    Raises:
        InputError: the file cannot be read.
        ChecklistError: the outline or a checklist is malformed.
    """
    return analyze(read_source(path), options, cores=cores)


def check_text(text: str, path: str = "<buffer>", fmt: str = "txt",
               options: CheckOptions | None = None, like: SourceDocument | None = None,
               previous: CheckResult | None = None, incremental: bool = False,
               cancelled: Callable[[], bool] | None = None) -> CheckResult:
    """Check text held in memory (the editor's buffer); ``like`` supplies encoding and newline.
    ``previous``, ``incremental`` and ``cancelled``: see :func:`analyze`."""
    if like is not None:
        source = SourceDocument(path=like.path, text=text.replace("\r\n", "\n").replace("\r", "\n"),
                                encoding=like.encoding, newline=like.newline, bom=like.bom,
                                format=like.format, line_unit=like.line_unit, meta=like.meta)
    else:
        source = source_from_bytes(text.encode("utf-8"), path, fmt)
    if previous is None and not incremental and cancelled is None:
        return analyze(source, options)
    return analyze(source, options, previous=previous, incremental=incremental, cancelled=cancelled)


def check_many(paths: Iterable[str], options: CheckOptions | None = None, jobs: int = 1):
    """Yield (path, CheckResult | DrafterError) for each path, in the order given, never
    stopping on a bad file.

    With ``jobs`` > 1 (and several files, on a system that can fork) the files are checked in
    up to ``jobs`` worker processes. The first file is checked here first, so that the workers
    start with the checks imported and the checklists and outline loaded. One or two files are
    checked here, a long one's checks shared among ``jobs`` processes.
    """
    if jobs <= 1 or not can_fork():
        for path in paths:
            yield path, _check_or_error(path, options)
        return
    paths = list(paths)
    if len(paths) < 3:
        for path in paths:
            yield path, _check_or_error(path, options, cores=jobs)
        return
    yield paths[0], _check_or_error(paths[0], options)
    yield from _check_in_workers(paths[1:], options, min(jobs, len(paths) - 1))


def _check_or_error(path: str, options: CheckOptions | None, cores: int = 1):
    """A file's CheckResult, or the DrafterError that stopped it (returned, not raised, so that
    it crosses from a worker process like a result)."""
    from .errors import DrafterError

    try:
        return check_path(path, options, cores)
    except DrafterError as exc:
        return exc


def _ignore_interrupts() -> None:
    """Workers leave Ctrl+C to the parent, which stops the pool (no traceback per worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_in_workers(paths: list[str], options: CheckOptions | None, workers: int):
    """(path, result) for ``paths`` checked by ``workers`` forked processes, in order."""
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    for stream in (sys.stdout, sys.stderr):  # nothing buffered may be written twice
        stream.flush()
    # Fork: a worker starts as a copy of this process, checklists loaded, in milliseconds.
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_ignore_interrupts)
    try:
        chunk = max(1, min(8, len(paths) // (workers * 4)))
        results = pool.map(partial(_check_or_error, options=options), paths, chunksize=chunk)
        yield from zip(paths, results)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
