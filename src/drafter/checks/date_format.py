"""number.date: how dates are written (GB/T 15835-2011 5.1.4).

Years, months and days go in their natural order with 年/月/日 (2020年6月1日); a complete date
may use the hyphen of GB/T 7408 (2020-6-1), but not dots or slashes (2020.6.1, 2020/6/1), and an
incomplete one may not use the hyphen at all (2020年6月, not 2020-6). A four-digit year is not
cut to two (2020年6月, not 20年6月); the suggestion then takes the century from the report's year
and is not applied without asking.
"""

from __future__ import annotations

from ..diagnostics import Severity
from . import CheckContext, Rule
from ._support import body_start, fast_pattern, replace_fix, wanted, year

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    Rule("number.date", Severity.WARNING, "日期写法不规范（2020.6.1、2020/6/1、2020-6、20年6月）",
         "GB/T 15835-2011 5.1.4：年月日按“2020年6月1日”书写；完整日期可用“-”（2020-6-1），不用“.”或“/”；"
         "年月不完整时不能用“-”替代（2020年6月，不写为2020-6）；四位年份不简写为两位（“2020年”不写为“20年”）。"
         "修复改为“年月日”写法；简写年份的修复按报告年份补全，须确认。",
         bad="于2020.6.1召开会议，2020-6完成部署", good="于2020年6月1日召开会议，2020年6月完成部署",
         fixable=True),
]

_DOTTED = fast_pattern(r"(?<![0-9.．/])((?:19|20)[0-9]{2})([./．])([0-9]{1,2})\2([0-9]{1,2})(?![0-9.．/%])")
_YEAR_MONTH = fast_pattern(r"(?<![0-9.\-/])((?:19|20)[0-9]{2})-([0-9]{1,2})(?![0-9\-.%])(?![年月])")
_SHORT_YEAR = fast_pattern(r"(?<![0-9０-９.近前后每第多余这那两几])([0-9]{2})年([0-9]{1,2})月")


def check(ctx: CheckContext):
    """Report dotted, slashed, half-hyphenated and two-digit-year dates."""
    if not wanted(ctx, "number.date"):
        return
    text = ctx.report.text
    first = body_start(ctx)
    for m in _DOTTED.finditer(text, first):
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        right = f"{y}年{mo}月{d}日"
        yield ctx.diagnostic("number.date", f"日期“{m.group()}”应写作“{right}”（不用“{m.group(2)}”分隔）",
                             m.start(), m.end(), suggestion=right, fix=replace_fix(m.start(), m.end(), right))
    for m in _YEAR_MONTH.finditer(text, first):
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            continue
        right = f"{y}年{mo}月"
        yield ctx.diagnostic("number.date", f"年月不完整时不用“-”：“{m.group()}”应写作“{right}”",
                             m.start(), m.end(), suggestion=right, fix=replace_fix(m.start(), m.end(), right))
    report_year = year(ctx)
    for m in _SHORT_YEAR.finditer(text, first):
        if not 1 <= int(m.group(2)) <= 12:
            continue
        short = int(m.group(1))
        full = None
        if report_year is not None:
            century = report_year - report_year % 100
            candidates = [c + short for c in (century - 100, century) if c + short <= report_year + 1]
            full = max(candidates) if candidates else None
        if full is None:
            yield ctx.diagnostic("number.date", f"年份不简写为两位：“{m.group(1)}年”应写全四位年份",
                                 m.start(1), m.end(1))
            continue
        yield ctx.diagnostic("number.date", f"年份不简写为两位：“{m.group(1)}年”应写作“{full}年”",
                             m.start(1), m.end(1), suggestion=str(full),
                             fix=replace_fix(m.start(1), m.end(1), str(full), safe=False))
