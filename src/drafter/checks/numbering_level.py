"""numbering.level: a heading level skipped, e.g. 六、 followed directly by （1）."""

from __future__ import annotations

from ..diagnostics import Edit, Fix, Severity
from ..report.numbering import standard_marker
from . import CheckContext, Rule

RULES = [
    Rule("numbering.level", Severity.WARNING, "标题层级跳跃（如“六、”之下直接出现“（1）”）",
         "GB/T 9704-2012 规定结构层次序数依次为“一、”“（一）”“1.”“（1）”，不可越级使用。",
         bad="六、下半年工作思路\n（1）深化理论武装……", good="六、下半年工作思路\n（一）深化理论武装……", fixable=True),
]

_NAMES = {1: "第一层“一、”", 2: "第二层“（一）”", 3: "第三层“1.”", 4: "第四层“（1）”"}


def check(ctx: CheckContext):
    """Flag each division whose level is more than one below its parent's."""
    for division in ctx.report.walk():
        parent = division.parent
        if parent is None or division.level <= parent.level + 1:
            continue
        missing = parent.level + 1
        span = division.heading.span
        mark = division.heading.marker.text if division.heading.marker else "#" * (division.heading.md_level or 1)
        parent_mark = parent.heading.marker.text if parent.heading.marker else parent.heading.title[:10]
        fix = None
        if division.heading.marker:
            start, end = span.start, span.start + len(mark)
            # Unsafe: the writer may rather have meant a missing heading above this one.
            fix = Fix((Edit(start, end, standard_marker(missing, division.heading.marker.number)),), safe=False)
        else:  # a Markdown heading: its '#' marks stand before the heading's span, on its own line
            line = division.paragraphs[0].span
            start, end = line.start, line.end
        yield ctx.diagnostic(
            "numbering.level",
            f"层级跳跃：“{parent_mark}”之下直接使用“{mark}”，缺少{_NAMES[missing]}",
            start, end,
            suggestion=standard_marker(missing, division.heading.marker.number) if division.heading.marker else None,
            fix=fix)
