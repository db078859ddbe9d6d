"""Incremental checking: re-run paragraph-local checks only on the lines an edit changed.

A check module declares its scope with ``SCOPE``: ``"paragraph"`` when its diagnostics for a line
depend only on that line's text and the report's settings (options, outline, period, date,
checklists), ``"document"`` (the default, always safe) when they depend on other lines too
(structure, numbering, consistency across the text, summaries). ``WHOLE_TEXT_CODES`` names codes a
paragraph-local check may still report about the whole text (a checklist regex that timed out):
an edit that makes one appear is checked in full.

:func:`drafter.api.analyze` asks a :class:`Reuse` for each paragraph-local check's diagnostics.
Without a previous analysis it runs the check on the whole text and files what it reports by
line; with one, it compares the two texts line by line (common head and tail), runs the check on
the changed lines only (as a small document of their own) and takes every other line's
diagnostics from the previous analysis, moved by the lines' new offsets. The protected spans
(names, places, titles) are kept by line the same way. The part and area of a reused diagnostic
are looked up again in the new outline match, as :meth:`CheckContext.diagnostic` does.
Document-wide checks always run on the whole new text. The diagnostics are the same as a full
analysis's (``tests/unit_tests/test_incremental.py`` compares both after random edits of real
text); where the two could differ, the analysis is a full one: an edit in the title block or
the first line, other settings, a check stopped at the diagnostics limit, and an edit that
touches a line where something spanning lines starts, ends or lies.

What spans lines is Markdown's: YAML front matter (from the first line's ``---`` to its closing
line; all of the text when it is never closed, as a ``---`` typed anywhere would close it) and
``<!-- … -->`` comments over more than one line (drafting notes: read as blank by the structure
parser, findings inside them dropped). Everything else a paragraph-local check sees of a
Markdown draft is read line by line — ``#`` heading marks, list marks, emphasis, one-line
comments and 【注：…】 notes (which never cross a line end) — so the changed lines checked as a
document of their own see what they see in the whole text. The line ranges of the spanning
constructs are kept in :class:`ReuseState` (``spanning``); the next analysis is a full one when
the changed lines meet one of the previous text's ranges (its changed lines) or of the new
text's. Otherwise the comments outside the changed lines are the same in both texts: the text
before the changed lines is the same and no comment is open where they start; none is open
where they end, and the text after them is the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .checks import Check, CheckContext
from .diagnostics import Diagnostic, Edit, Fix
from .files.document import SourceDocument
from .report.model import Report, Span, made
from .report.protected import ProtectedSpan, SpanList, protected_spans
from .report.structure import ParagraphMemo, parse_report

PARAGRAPH = "paragraph"
DOCUMENT = "document"

#: part/section placeholder: "not given by the check" (then looked up in the outline match).
_UNSET = object()


class FullAnalysisNeeded(Exception):
    """An incremental analysis cannot promise a full analysis's result: redo it in full."""


def scope_of(check: Check) -> str:
    """The check's declared scope: "paragraph" or "document" (the default)."""
    return check.scope


@dataclass(frozen=True)
class _Line:
    """What the last analysis found on one line, with where the line was then."""

    start: int                                   #: offset of the line's first character
    number: int                                  #: 1-based line number
    found: dict[str, tuple[list, ...]]   #: check → [diagnostic, located here, fingerprint]
    protected: tuple[ProtectedSpan, ...] = ()


_EMPTY = _Line(0, 0, {})


@dataclass
class ReuseState:
    """What an analysis keeps for the next one: its lines and what each held."""

    key: tuple
    lines: list[str]
    entries: list[_Line]
    checks: frozenset[str]                      #: the paragraph-local checks filed by line
    #: Lines whose findings this analysis took from the previous one (0: a full analysis).
    reused_lines: int = 0
    #: How each line was read by the structure parser (the next parse reads only new lines).
    memo: ParagraphMemo | None = None
    #: 0-based line ranges [first, last] of what spans lines (front matter, multi-line comments).
    spanning: tuple[tuple[int, int], ...] = ()


@dataclass
class Reuse:
    """One analysis's source of paragraph-local diagnostics (see the module's docstring)."""

    report: Report
    key: tuple
    previous: ReuseState | None
    lines: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    #: Changed lines [first, stop) of the new text; None: a full run.
    changed: tuple[int, int] | None = None
    sub: Report | None = None                    #: the changed lines as a document of their own
    sub_protected: list[ProtectedSpan] = field(default_factory=list)
    new_entries: dict[int, dict[str, list]] = field(default_factory=dict)
    new_protected: dict[int, list[ProtectedSpan]] = field(default_factory=dict)
    ran: set[str] = field(default_factory=set)
    valid: bool = True
    _by_check: dict | None = None
    #: id → (diagnostic handed out, its line's record): to keep its fingerprint for next time.
    origin: dict[int, tuple] = field(default_factory=dict)
    bases: dict[int, tuple] = field(default_factory=dict)

    memo: ParagraphMemo | None = None
    spanning: tuple[tuple[int, int], ...] = ()

    @classmethod
    def start(cls, report: Report, key: tuple, previous: ReuseState | None,
              memo: ParagraphMemo | None = None) -> "Reuse":
        """Compare ``report``'s text with the previous analysis's and decide what to re-run."""
        reuse = cls(report=report, key=key, previous=None, memo=memo)
        reuse.lines = report.text.split("\n")
        starts, at = [], 0
        for line in reuse.lines:
            starts.append(at)
            at += len(line) + 1
        reuse.starts = starts
        reuse.spanning = spanning_lines(report, len(reuse.lines))
        if previous is None or previous.key != key:
            return reuse
        old, new = previous.lines, reuse.lines
        head = 0
        limit = min(len(old), len(new))
        while head < limit and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        # The title block is read from the first lines together: an edit there is checked in full.
        title_end = max((p.line for p in report.title_lines), default=0)
        if head <= title_end or head == 0:
            return reuse
        if _meets(previous.spanning, head, len(old) - tail) or _meets(reuse.spanning, head, len(new) - tail):
            return reuse
        reuse.previous = previous
        reuse.changed = (head, len(new) - tail)
        return reuse

    # -- protected spans ------------------------------------------------------------------

    def protected(self, words: tuple[str, ...]) -> SpanList:
        """The protected spans of the whole text: by line from the previous analysis, the
        changed lines' found again."""
        if self.changed is None:
            spans = protected_spans(self.report.text, words)
            for span in spans:
                line = self._line_of(span.start)
                if span.end > self.starts[line] + len(self.lines[line]):
                    self.valid = False   # a protected word across a line end
                self.new_protected.setdefault(line, []).append(span)
            return spans
        first, stop = self.changed
        base = self.starts[first] - 1 if first < stop else 0
        if first < stop:
            self.sub = self._sub_report()
            self.sub_protected = protected_spans(self.sub.text, words)
        moved = [ProtectedSpan(s.start + base, s.end + base, s.kind) for s in self.sub_protected]
        out: list[ProtectedSpan] = []
        prev = self.previous
        tail_shift = len(self.lines) - len(prev.lines)
        for i in range(len(self.lines)):
            if first <= i < stop:
                if i == first:
                    out.extend(moved)
                continue
            entry = prev.entries[i if i < first else i - tail_shift]
            if entry.protected:
                delta = self.starts[i] - entry.start
                out.extend(_protected_at(s, delta) for s in entry.protected) if delta else out.extend(entry.protected)
        for span in moved:
            self.new_protected.setdefault(self._line_of(span.start), []).append(span)
        # In order already: line by line, and each line's in order (as protected_spans sorts them).
        return SpanList(out)

    # -- diagnostics ----------------------------------------------------------------------

    def run(self, check: Check, ctx: CheckContext, locate: Callable[[int], tuple]) -> Iterator[Diagnostic]:
        """The diagnostics of a paragraph-local ``check`` on the whole text, each a fresh copy."""
        self.ran.add(check.name)
        yield from self._paragraph_findings(check, ctx, locate)
        if check.run_document is not None:
            yield from check.run_document(ctx)

    def _paragraph_findings(self, check: Check, ctx: CheckContext, locate: Callable[[int], tuple]
                            ) -> Iterator[Diagnostic]:
        whole_text = set(check.whole_text_codes)
        run = check.run_paragraphs or check.run
        name = check.name
        if self.changed is None:
            unlocated = _unlocated(ctx, ctx.report, ctx.cache.get("protected"))
            for d in run(unlocated):
                if d.code in whole_text:
                    self.valid = False
                here = d.part is _UNSET
                if here:
                    d.part, d.section = locate(d.span.start)
                line = d.span.line - 1
                if not self._inside(d, line):
                    self.valid = False
                record = [_copy(d), here, None]
                self.new_entries.setdefault(line, {}).setdefault(name, []).append(record)
                self.origin[id(d)] = (d, record)
                yield d
            return
        if self.previous is None or name not in self.previous.checks:
            raise FullAnalysisNeeded
        first, stop = self.changed
        base = self.starts[first] - 1 if first < stop else 0
        fresh: dict[int, list] = {}
        unlocated = _unlocated(ctx, self.sub, self.sub_protected) if first < stop else None
        for d in run(unlocated) if unlocated is not None else ():
            if d.code in whole_text:
                raise FullAnalysisNeeded
            line = d.span.line - 2 + first
            moved = _moved(d, base, first - 1)
            here = moved.part is _UNSET
            if not first <= line < stop or not self._inside(moved, line):
                raise FullAnalysisNeeded
            fresh.setdefault(line, []).append([moved, here, None])   # kept as found: yielded as copies
        for line, found in fresh.items():
            self.new_entries.setdefault(line, {})[name] = found
        fresh_done = False
        for i, entry in self._reused().get(name, ()):
            if i >= stop and not fresh_done:
                fresh_done = True
                yield from self._fresh(fresh, locate)
            delta, lines = self.starts[i] - entry.start, i + 1 - entry.number
            for record in entry.found[name]:
                d = record[0]
                yield self._yielded(_moved(d, delta, lines) if delta or lines else _copy(d), record, locate)
        if not fresh_done:
            yield from self._fresh(fresh, locate)

    def _fresh(self, fresh: dict[int, list], locate: Callable[[int], tuple]) -> Iterator[Diagnostic]:
        for line in sorted(fresh):
            for record in fresh[line]:
                yield self._yielded(_copy(record[0]), record, locate)

    def _yielded(self, d: Diagnostic, record: list, locate: Callable[[int], tuple]) -> Diagnostic:
        """``d`` (a copy nothing else holds) with its part and area set, when the check left them
        to where the diagnostic lands; its fingerprint's base when known for that area."""
        if record[1]:
            d.part, d.section = locate(d.span.start)
        known = record[2]
        if known is not None and known[0] == d.part and known[1] == d.section:
            self.bases[id(d)] = (d, known[2])
        self.origin[id(d)] = (d, record)
        return d

    def _reused(self) -> dict[str, list[tuple[int, _Line]]]:
        """check → (line, what it held there) for every line the edit left alone, in order."""
        if self._by_check is None:
            first, stop = self.changed
            prev = self.previous
            shift = len(self.lines) - len(prev.lines)
            by: dict[str, list] = {}
            entries = prev.entries
            for i in range(len(self.lines)):
                if first <= i < stop:
                    continue
                entry = entries[i if i < first else i - shift]
                if entry.found:
                    for name in entry.found:
                        by.setdefault(name, []).append((i, entry))
            self._by_check = by
        return self._by_check

    def fingerprint_bases(self) -> dict[int, tuple[Diagnostic, str]]:
        """id → (diagnostic, its fingerprint before numbering) for the reused diagnostics whose
        part and area are those their fingerprint was made with (see assign_fingerprints)."""
        return self.bases

    def remember_fingerprints(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Keep each paragraph-local diagnostic's fingerprint (before numbering) with its line's
        record, for the next analysis."""
        origin = self.origin
        for d in diagnostics:
            found = origin.get(id(d))
            if found is not None and found[0] is d and d.fingerprint:
                found[1][2] = (d.part, d.section, d.fingerprint.split("-", 1)[0])

    def stopped(self) -> None:
        """A paragraph-local check reached the diagnostics limit: which of its findings are kept
        depends on their order, so only a full analysis gives the full analysis's result."""
        if self.changed is not None:
            raise FullAnalysisNeeded
        self.valid = False

    def state(self) -> ReuseState | None:
        """What the next analysis may reuse, or None when this one must not be reused."""
        if not self.valid:
            return ReuseState(self.key, [], [], frozenset(), 0, self.memo) if self.memo is not None else None
        count = len(self.lines)
        if self.changed is None:
            entries = [_EMPTY] * count
            touched = range(count)
            checks = frozenset(self.ran)
        else:
            first, stop = self.changed
            prev = self.previous
            tail_shift = count - len(prev.lines)
            entries = prev.entries[:first] + [_EMPTY] * (stop - first) + prev.entries[stop - tail_shift:]
            touched = range(first, stop)
            checks = prev.checks & frozenset(self.ran)
        for i in touched:
            found = self.new_entries.get(i)
            protected = self.new_protected.get(i)
            if found or protected:
                entries[i] = _Line(self.starts[i], i + 1,
                                                      {k: tuple(v) for k, v in (found or {}).items()},
                                   tuple(protected or ()))
        reused = 0 if self.changed is None else count - (self.changed[1] - self.changed[0])
        return ReuseState(self.key, self.lines, entries, checks, reused, self.memo, self.spanning)

    # -- helpers --------------------------------------------------------------------------

    def _line_of(self, offset: int) -> int:
        from bisect import bisect_right
        return bisect_right(self.starts, offset) - 1

    def _inside(self, d: Diagnostic, line: int) -> bool:
        """Whether ``d`` (its span and its fix) lies within line ``line`` (its end included)."""
        if not 0 <= line < len(self.lines):
            return False
        low, high = self.starts[line], self.starts[line] + len(self.lines[line])
        if not (low <= d.span.start and d.span.end <= high):
            return False
        return d.fix is None or all(low <= e.start and e.end <= high for e in d.fix.edits)

    def _sub_report(self) -> Report:
        """The changed lines as a document of their own, parsed like the whole one. A line end
        before and two after them make lookbehinds, ``^`` and ``$`` see what they see in the
        whole text; the report's period, title and genre are the whole text's."""
        first, stop = self.changed
        text = "\n" + "\n".join(self.lines[first:stop]) + ("\n\n" if stop < len(self.lines) else "")
        source = self.report.source
        sub = parse_report(SourceDocument(path=source.path, text=text, encoding=source.encoding,
                                          newline=source.newline, format=source.format,
                                          line_unit=source.line_unit, meta=source.meta))
        sub.period, sub.title, sub.genre = self.report.period, self.report.title, self.report.genre
        return sub


class _Unlocated:
    """An outline match whose ``locate`` leaves part and area unset (set from the real match,
    for the line where the diagnostic lands)."""

    def __init__(self, match: Any) -> None:
        self._match = match

    def __getattr__(self, name: str) -> Any:
        return getattr(self._match, name)

    def locate(self, offset: int) -> tuple:
        return _UNSET, _UNSET


def _unlocated(ctx: CheckContext, report: Report, protected) -> CheckContext:
    """A context for a paragraph-local check: ``report`` (the whole or the changed lines), the
    run's settings, a cache of its own (what the checks compute from the text)."""
    cache = {k: ctx.cache[k] for k in ("checklists", "date") if k in ctx.cache}
    cache["protected"] = protected if protected is not None else []
    return CheckContext(report=report, outline=ctx.outline, match=_Unlocated(ctx.match),
                        options=ctx.options, cache=cache)


def _copy(d: Diagnostic) -> Diagnostic:
    new = object.__new__(Diagnostic)
    new.__dict__.update(d.__dict__)
    if d.data:
        new.data = dict(d.data)
    return new


def _protected_at(s: ProtectedSpan, delta: int) -> ProtectedSpan:
    return made(ProtectedSpan, start=s.start + delta, end=s.end + delta, kind=s.kind)


def _moved(d: Diagnostic, delta: int, lines: int) -> Diagnostic:
    """A copy of ``d`` moved ``delta`` characters and ``lines`` lines on."""
    new = _copy(d)
    s = d.span
    new.span = made(Span, start=s.start + delta, end=s.end + delta, line=s.line + lines, column=s.column,
                       end_line=s.end_line + lines, end_column=s.end_column)
    if d.fix is not None:
        new.fix = Fix(tuple(Edit(e.start + delta, e.end + delta, e.replacement) for e in d.fix.edits), d.fix.safe)
    return new


def spanning_lines(report: Report, count: int) -> tuple[tuple[int, int], ...]:
    """The 0-based line ranges [first, last] of what the structure parser read across lines in
    ``report`` (``count`` lines): its front matter (all lines when it is never closed) and its
    drafting notes over more than one line (Markdown comments). Empty for a plain-text draft."""
    out = []
    if report.front_matter_span is not None:
        out.append((0, report.front_matter_span.end_line - 1))
    elif report.front_matter_error is not None:
        out.append((0, count - 1))   # unclosed: a ``---`` on any line would close it
    out.extend((n.line - 1, n.end_line - 1) for n in report.notes if n.end_line > n.line)
    return tuple(out)


def _meets(ranges: tuple[tuple[int, int], ...], first: int, stop: int) -> bool:
    """Whether changed lines [first, stop) meet one of ``ranges``; lines deleted outright (an
    empty range) meet a range that holds the lines on both sides of where they were."""
    if first == stop:
        return any(a < first <= b for a, b in ranges)
    return any(a < stop and first <= b for a, b in ranges)


def paragraph_memo(previous: ReuseState | None) -> ParagraphMemo:
    """A memo of how lines are read, seeded with the previous analysis's."""
    return ParagraphMemo(previous.memo if previous is not None else None)


def reuse_key(options: Any, outline: Any, report: Report, date: Any, checklists: Any,
              words: Iterable[str]) -> tuple:
    """What paragraph-local results depend on besides their line: equal keys, reusable results."""
    return (repr(options), outline.name, report.source.format, repr(report.period),
            report.title, repr(report.genre), repr(date), id(checklists), tuple(words))


def warm_up(options: Any = None) -> None:
    """Load what checking an edited line needs that checking a whole text may not have loaded:
    the typo detector's statistics. A check whose lines all come from the detector's findings
    cache never loads them, so the first edit's check would pay for it (~0.2 s); an editor
    calls this in a thread after its first check. Missing statistics are left to the check."""
    from .typos import results
    from .typos.detector import detector_for

    try:
        settings = getattr(options, "typo", None) or {}
        detector_for(float(settings.get("min_confidence", results.model()["threshold"])))
    except (results.StatsMissing, OSError, ValueError, KeyError):
        pass
