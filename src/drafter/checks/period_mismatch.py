"""period.mismatch: a part speaks of another period as its own, or a year contradicts the report's.

A half-year report has a summary of the half it covers and a plan for the next. A plan for 下半年
that says “二季度要抓好……” (or a summary of 上半年 that opens “下半年，……”) was copied from another
report. Only a period word used as the sentence's own time frame counts: at the start of a
sentence or clause and followed by a comma or a planning verb. “开展第二季度意识形态分析研判” or
“报告上半年工作” in a 下半年 plan are fine.

Years: “2019年上半年” or a quoted annual campaign “2020清朗” in a 2026 report, except in
comparisons (比/较/与…相比/同期/以来).

The periods follow the genre: an annual report has no half of its own (its plan is for next
year, and may name that year); a plan-only report (…下半年工作思路) plans the period its title
names.
"""

from __future__ import annotations

import re

from ..diagnostics import Severity
from . import CheckContext, Rule
from ._support import body_start, replace_fix, year

RULES = [
    Rule("period.mismatch", Severity.WARNING, "时间范围与所在部分或报告年份不符（下半年计划里写“二季度要……”）",
         "下半年工作安排中以“一季度、二季度、上半年”作为自身时间范围（或上半年总结中以“下半年、三季度”作为自身"
         "时间范围），多为套用旧稿；正文中“某年上半年”或年度专项行动““2020清朗””的年份与报告年份不符，"
         "同比、以来等比较语境除外。修复把时间词改为所在部分的期间（非安全修复，请确认）。",
         bad="下半年工作安排……围绕这个思路，二季度要抓好以下5个方面的重点工作。",
         good="下半年工作安排……围绕这个思路，下半年要抓好以下5个方面的重点工作。", fixable=True),
]

_H1 = "上半年|第?[一二12][、，]?[一二12]?季度|前两个季度"
_H2 = "下半年|第?[三四34][、，]?[三四34]?季度|后两个季度"
_OWN = re.compile(
    rf"(?:^|(?<=[。；！？：\n，,]))[\s　]*(?:今年|本年度?|年内)?(?P<word>{_H1}|{_H2})"
    r"(?=[，,]|要|将|计划|拟|重点|着力|主要|力争|继续|全面|共|累计|已|完成|需|须|应)", re.M)
_H1_RE = re.compile(rf"^(?:{_H1})$")
# Starts with a literal (fast scan); the character before the year is checked in Python.
_YEAR = re.compile(r"(?P<year>(?:19|20)[0-9]{2})(?:(?P<suffix>年)(?=上半年|下半年|第?[一二三四1-4]季度|前三季度|全年|年底|年末|度)"
                   r"|(?=[^”0-9年\n]{1,12}”))")
_COMPARE_BEFORE = re.compile(r"(?:比|较|与|和|同|自|从)[^，。；]{0,3}$")
_COMPARE_AFTER = re.compile(r"^[^，。；]{0,14}(?:相比|同期|以来|比较|对比|增长|下降)")


def check(ctx: CheckContext):
    """Report period words and years that do not fit the part or the report."""
    yield from _own_periods(ctx)
    yield from _years(ctx)


def _own_periods(ctx: CheckContext):
    half = ctx.report.period.half
    if half not in (1, 2):
        return
    text = ctx.report.text
    plan_only = ctx.match.genre.parts == "plan"
    for pm in ctx.match.parts:
        if not pm.found or pm.end <= pm.start:
            continue
        ahead = pm.part.period == "next" and not plan_only
        own = 3 - half if ahead else half
        right = "上半年" if own == 1 else "下半年"
        if half == 2 and ahead:
            right = "明年"  # a 下半年 report plans next year (its part: 明年工作安排)
        for m in _OWN.finditer(text, pm.start, pm.end):
            word = m.group("word")
            said = 1 if _H1_RE.match(word) else 2
            if said == own:
                continue
            yield ctx.diagnostic("period.mismatch",
                                 f"本部分是{right}{'计划' if ahead or plan_only else '总结'}，"
                                 f"却以“{word}”为时间范围，应为“{right}”",
                                 m.start("word"), m.end("word"), suggestion=right,
                                 fix=replace_fix(m.start("word"), m.end("word"), right, safe=False))


def _years(ctx: CheckContext):
    report_year = year(ctx)
    if report_year is None:
        return
    text = ctx.report.text
    half = ctx.report.period.half
    # Whose plan is for the next year: a 下半年 report's, and an annual report's.
    next_year_plan = (half == 2 or ctx.match.genre.scope == "year") and ctx.match.genre.parts != "plan"
    for m in _YEAR.finditer(text, body_start(ctx)):
        before = text[m.start() - 1] if m.start() else ""
        if before.isdigit() or m.group("suffix") is None and before != "“":
            continue  # part of a longer number, or a year in quotes that is not a campaign name
        said = int(m.group("year"))
        allowed = {report_year}
        part, _ = ctx.match.locate(m.start())
        pm = ctx.match.part(part) if part else None
        if pm is not None and pm.part.period == "next" and next_year_plan:
            allowed = {report_year + 1}
        if said in allowed:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _COMPARE_BEFORE.search(text, line_start, m.start()) or _COMPARE_AFTER.match(text[m.end():m.end() + 16]):
            continue
        right = str(min(allowed))
        # The plan of a 下半年 report is for next year: name the year the suggestion gives.
        whose = "报告年份" if report_year in allowed else "计划年份"
        yield ctx.diagnostic("period.mismatch", f"年份“{said}”与{whose} {right} 不符",
                             m.start("year"), m.end("year"), suggestion=right,
                             fix=replace_fix(m.start("year"), m.end("year"), right, safe=False))
