"""period.mismatch: a part speaks of a time outside its own period, or a year contradicts the report's.

A half-year report has a summary of the half it covers and a plan for the next period (the other
half, or next year for a 下半年 report); an annual one summarises its year and plans the next.
A time reference that opens a sentence or clause is that clause's own time frame, whatever verb
follows: “三季度开展……” in a 上半年 summary, “二季度要抓好……” in a 下半年 plan, “3月，组织……” in a
下半年 plan, “2019年要抓好落实” in a 2020 plan — each was copied from another report or put in the
wrong part. Left alone:
- references inside a clause (“开展第二季度意识形态分析研判”, “报告上半年工作”);
- back references and comparisons (“上半年的基础上”, “上半年已完成……” in a plan, “与2019年相比”,
  “2019年以来”, “同期”);
- future target years in a plan (“2025年，基本建成……”);
- in an annual report, the year before the summary's and the plan's own (a report delivered early in the
  next year, titled with that year, reviews the year before it);
- months of a summary up to the report's own date (a report dated 7月10日 may tell of 7月1日).

Years anywhere in the text: “2019年上半年” or a quoted annual campaign “2020清朗” in a 2026 report,
except in comparisons.

The suggestion, where one is certain, is the part's own period (上半年/下半年/明年, the plan's or the
report's year); it is never applied without asking.
"""

from __future__ import annotations

import re

from ..diagnostics import Severity
from ..files.patterns import compile as re_compile
from ..report.numbering import cn_to_int
from . import CheckContext, Rule
from ._support import body_start, date, replace_fix, year

RULES = [
    Rule("period.mismatch", Severity.WARNING, "时间与所在部分的期间或报告年份不符（上半年总结里写“三季度开展……”）",
         "以句首或分句首的时间词作为本句的时间范围时，它须在所在部分的期间之内：上半年总结中的“三季度开展”“下半年将”，"
         "下半年计划中的“二季度要”“3月，组织”，2020年计划中的“2019年要抓好”，多为套用旧稿或写错了部分。"
         "比较、回顾（与2019年相比、2019年以来、上半年的基础上、计划中“上半年已完成”）和计划中的远期目标年份不报。"
         "正文中“某年上半年”或年度专项行动“2020清朗”的年份与报告年份不符，比较语境除外。"
         "能确定时给出本部分的期间作为建议（非安全修复，请确认）。",
         bad="市委宣传部2020年上半年工作总结及下半年工作计划\n一、上半年工作总结\n下半年，开展专题宣讲。\n"
             "二、下半年工作安排\n围绕这个思路，二季度要抓好5个方面的重点工作。2019年要抓好落实。",
         good="市委宣传部2020年上半年工作总结及下半年工作计划\n一、上半年工作总结\n上半年，开展专题宣讲。\n"
              "二、下半年工作安排\n围绕这个思路，下半年要抓好5个方面的重点工作。2020年要抓好落实。",
         fixable=True),
]

_H1 = "上半年|第?[一二12][、，]?[一二12]?季度|前两个季度"
_H2 = "下半年|第?[三四34][、，]?[三四34]?季度|后两个季度"
_MONTH = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
# The opening of a sentence or clause, an item mark (一是), and words that may stand before the
# time word without changing whose time it is.
_OPEN = r"(?:^|(?<=[。；！？：\n，,]))[\s　]*(?:[一二三四五六七八九十]+是)?(?:今年|本年度?|年内|在|于|从)?"
# What must not follow: a back reference, a comparison, or the name of a part.
_NOT_OWN = r"(?!的|以来|来|同期|相比|比|基础|工作(?:总结|计划|安排|打算|要点|思路))"
_OWN = re_compile(rf"{_OPEN}(?P<word>{_H1}|{_H2}){_NOT_OWN}", re.M)
_OWN_MONTH = re_compile(rf"{_OPEN}(?P<word>(?P<m1>{_MONTH})(?:[-—～至到](?P<m2>{_MONTH}))?月)(?:份)?(?![0-9]){_NOT_OWN}", re.M)
_OWN_YEAR = re_compile(rf"{_OPEN}(?P<word>(?P<year>(?:19|20)[0-9]{{2}})年)(?![0-9]){_NOT_OWN}(?!度|底以来|末以来)", re.M)
# In a plan, a look back at the period just summarised is fine: 上半年已完成……, 上半年累计……
_PAST = re_compile(r"[，,]?\s*(?:已|已经|累计|共|完成了|取得|实现了|全市共)")
_H1_RE = re_compile(rf"^(?:{_H1})$")
# Starts with a literal (fast scan); the character before the year is checked in Python.
_YEAR = re_compile(r"(?P<year>(?:19|20)[0-9]{2})(?:(?P<suffix>年)(?=上半年|下半年|第?[一二三四1-4]季度|前三季度|全年|年底|年末|度)"
                   r"|(?=[^”0-9年\n]{1,12}”))")
_COMPARE_BEFORE = re_compile(r"(?:比|较|与|和|同|自|从|到|至|截至|截止)[^，。；]{0,3}$")
_COMPARE_AFTER = re_compile(r"^[^，。；]{0,14}(?:相比|同期|以来|比较|对比|增长|下降)")


def check(ctx: CheckContext):
    """Report time references that do not fit the part, and years that do not fit the report."""
    seen: set[int] = set()
    for diagnostic in _own_periods(ctx):
        seen.add(diagnostic.span.start)
        yield diagnostic
    for diagnostic in _years(ctx):
        if diagnostic.span.start not in seen:
            yield diagnostic


def _annual(ctx: CheckContext) -> bool:
    """Whether the report covers a whole year (its genre, where the model knows it)."""
    genre = getattr(ctx.report, "genre", None)
    return getattr(genre, "scope", None) == "year" or ctx.report.period.half is None


def _parts(ctx: CheckContext):
    """Each found part with what it covers: (match, plan?, year, half or None, label)."""
    period = ctx.report.period
    report_year, half = period.year, period.half
    annual = _annual(ctx)
    # A plan-only report (…下半年工作思路) plans the period its title names, not the one after.
    plan_only = getattr(getattr(ctx.match, "genre", None), "parts", None) == "plan"
    for pm in ctx.match.parts:
        if not pm.found or pm.end <= pm.start:
            continue
        plan = pm.part.period == "next"
        if plan and plan_only:
            if report_year is None:
                continue
            part_year, part_half = report_year, (None if annual else half)
            when = f"{part_year}年" + ({1: "上半年", 2: "下半年"}.get(part_half or 0, ""))
            yield pm, plan, part_year, part_half, when + "计划"
            continue
        if annual:
            if report_year is None:
                continue
            part_year, part_half = (report_year + 1 if plan else report_year), None
        elif half == 1:
            part_year, part_half = report_year, (2 if plan else 1)
        else:
            # A 下半年 report plans next year; a bare 下半年 there is still this year's.
            part_year, part_half = ((report_year + 1) if report_year else None, 1 if plan else 2)
        if plan and not annual and half == 2:
            label = f"{part_year}年计划" if part_year else "明年计划"
        else:
            when = f"{part_year}年" if part_year else ""
            label = when + ({1: "上半年", 2: "下半年"}.get(part_half or 0, "")) + ("计划" if plan else "总结")
        yield pm, plan, part_year, part_half, label


def _own_periods(ctx: CheckContext):
    text = ctx.report.text
    half = ctx.report.period.half
    annual = _annual(ctx)
    today = date(ctx)
    for pm, plan, part_year, part_half, label in _parts(ctx):
        if not annual:
            right = "上半年" if part_half == 1 else "下半年"
            if plan and half == 2:
                right = "明年"  # a 下半年 report plans next year (its part: 明年工作安排)
            for m in _OWN.finditer(text, pm.start, pm.end):
                word = m.group("word")
                said = 1 if _H1_RE.match(word) else 2
                if said == part_half or plan and _PAST.match(text, m.end()):
                    continue
                # A half has one counterpart, and a plan's own frame is its half; a quarter in a
                # summary could have meant either quarter of the half: no suggestion then.
                certain = plan or "半年" in word or "两个季度" in word
                yield _slip(ctx, m, label, right if certain else None)
            for m in _OWN_MONTH.finditer(text, pm.start, pm.end):
                months = [cn_to_int(m.group(g)) for g in ("m1", "m2") if m.group(g)]
                if any(mo is None for mo in months) or plan and _PAST.match(text, m.end()):
                    continue
                if plan and half == 2:
                    continue  # next year's months are all its own
                lo, hi = (1, 6) if part_half == 1 else (7, 12)
                if not plan and part_year == today.year:
                    hi = max(hi, today.month)  # a summary may tell of its own month
                if all(lo <= mo <= hi for mo in months):
                    continue
                yield _slip(ctx, m, label, None)
        if part_year is None or ctx.report.period.source in ("today", "unknown"):
            continue  # a year taken from today's date is a guess: no year is wrong against it
        # An annual report may be written at the end of its year (summary Y, plan Y+1) or early in
        # the next (政府工作报告 of March Y+1: summary Y, plan Y+1, titled Y+1): both fit.
        fits = {part_year - 1, part_year} if annual else {part_year}
        for m in _OWN_YEAR.finditer(text, pm.start, pm.end):
            said = int(m.group("year"))
            if said in fits or plan and (said > part_year or _PAST.match(text, m.end())):
                continue  # a plan may name its target years
            if not plan and said > max(fits):
                continue  # a summary's look ahead is the plan's business, not a wrong year
            yield _slip(ctx, m, label, f"{part_year}年", start=m.start("year"), end=m.end("year"),
                        right_text=str(part_year))


def _slip(ctx: CheckContext, m: re.Match, label: str, right: str | None, start: int | None = None,
          end: int | None = None, right_text: str | None = None):
    """A period.mismatch at the time word of ``m``, suggesting ``right`` when it is certain."""
    word = m.group("word")
    start = m.start("word") if start is None else start
    end = m.end("word") if end is None else end
    if right is None:
        advice = "请核对时间或移到相应部分" if label.endswith("总结") else "已过去的时间不作计划的时间范围，请核对"
        return ctx.diagnostic("period.mismatch", f"本部分是{label}，“{word}”不在本期之内，{advice}", start, end)
    replacement = right_text or right
    return ctx.diagnostic("period.mismatch", f"本部分是{label}，却以“{word}”为时间范围，应为“{right}”",
                          start, end, suggestion=replacement, fix=replace_fix(start, end, replacement, safe=False))


def _years(ctx: CheckContext):
    report_year = year(ctx)
    if report_year is None:
        return
    text = ctx.report.text
    half = ctx.report.period.half
    annual = _annual(ctx)
    for m in _YEAR.finditer(text, body_start(ctx)):
        before = text[m.start() - 1] if m.start() else ""
        if before.isdigit() or m.group("suffix") is None and before != "“":
            continue  # part of a longer number, or a year in quotes that is not a campaign name
        said = int(m.group("year"))
        allowed = {report_year}
        part, _ = ctx.match.locate(m.start())
        pm = ctx.match.part(part) if part else None
        if pm is not None and pm.part.period == "next" and (half == 2 or annual):
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
