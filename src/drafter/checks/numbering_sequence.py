"""numbering.sequence: headings （一）（二）（四） or items 一是 二是 四是 that skip or repeat a number."""

from __future__ import annotations

from ..diagnostics import Edit, Fix, Severity
from ..report.numbering import with_number
from . import CheckContext, Rule

RULES = [
    Rule("numbering.sequence", Severity.WARNING, "编号不连续（如（一）（二）（四）、一是 二是 四是）",
         "同级标题从一开始依次编号；“一是、二是……”同样依次编号（新段落可从“一是”重新开始）。"
         "修复会把其后的同级编号依次顺延（非安全修复：也可能是漏写了一节，请先确认）。",
         bad="（一）……\n（二）……\n（四）……", good="（一）……\n（二）……\n（三）……", fixable=True),
]


def check(ctx: CheckContext):
    """Walk every list of sibling headings, and every division's items."""
    report = ctx.report
    divisions = list(report.walk())  # walked once: the tree is a recursion of generators
    yield from _headings(ctx, report.divisions)
    for division in divisions:
        if division.children:
            yield from _headings(ctx, division.children)
    yield from _items(ctx, [i for p in report.lead for i in p.items])
    for division in divisions:
        yield from _items(ctx, division.items)


def _headings(ctx: CheckContext, siblings):
    by_level: dict[int, list] = {}
    for division in siblings:
        if division.heading.marker is not None:
            by_level.setdefault(division.level, []).append(division)
    for level, run in by_level.items():
        numbers = [d.heading.marker.number for d in run]
        if _in_order(numbers):
            continue
        marks = [(d.heading.marker.text, d.heading.span.start) for d in run]
        yield from _sequence(ctx, level, numbers, marks, restart_ok=False)


def _items(ctx: CheckContext, items):
    if not items:
        return
    numbers = [i.number for i in items]
    if _in_order(numbers):
        return
    marks = [(i.marker, i.span.start) for i in items]
    yield from _sequence(ctx, 0, numbers, marks, restart_ok=True)


def _in_order(numbers: list[int]) -> bool:
    """Whether a run is numbered 1, 2, 3… (the usual case: no break to look for, compared in one
    step before the marks are gathered)."""
    return numbers == list(range(1, len(numbers) + 1))


def _sequence(ctx, level, numbers, marks, *, restart_ok):
    """One diagnostic at each break; its fix renumbers the rest of the run."""
    expected = 1
    i = 0
    while i < len(numbers):
        number = numbers[i]
        if number == expected or (restart_ok and number == 1):
            expected = number + 1
            i += 1
            continue
        # Renumber from here to the end of this run (items: up to the next restart at 一).
        edits = []
        j, want = i, expected
        while j < len(numbers) and not (restart_ok and j > i and numbers[j] == 1):
            text, start = marks[j]
            if numbers[j] != want:
                edits.append(Edit(start, start + len(text), with_number(text, level, want)))
            j += 1
            want += 1
        text, start = marks[i]
        right = with_number(text, level, expected)
        previous = f"“{marks[i - 1][0]}”之后" if i else "第一项"
        yield ctx.diagnostic("numbering.sequence", f"编号不连续：{previous}应为“{right}”，此处为“{text}”",
                             start, start + len(text), suggestion=right,
                             fix=Fix(tuple(edits), safe=False))
        # Continue as if fixed, so that one slip gives one diagnostic.
        expected = want
        i = j
