"""The period a report covers (year, half), from its front matter, its title or its own text.

Front matter (``period``, ``date``) and the title come first. When neither gives the year, the
text may: a dated signature line at the end (2020年7月10日, 二〇二〇年七月十日), or the lead's own
time frame (2020年以来, 2020年上半年, “2020年，我镇……”). Configuration (``--date``,
drafter.yaml) is applied by ``api.analyze`` and wins over the text.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING

from ..files.patterns import compile as re_compile
from .model import ReportDate, ReportPeriod

if TYPE_CHECKING:
    from .model import Report

_PERIOD_KEY = re_compile(r"^\s*(\d{4})\s*(?:[-_ ]?\s*(H[12]|Q[1-4]))?\s*$", re.I)
_TITLE = re_compile(r"(\d{4})\s*年(?:度)?\s*(上半年|下半年|第?[一二三四1-4]季度|前三季度|全年|度)?")
_HALF_WORD = re_compile(r"(上半年|下半年)")
#: A title that opens with a year written without 年 (“2023XX团委关于上半年工作总结”, “2022上半年…”).
_TITLE_BARE_YEAR = re_compile(r"^\s*((?:19|20)\d{2})(?![\d年])")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}
_SIGNED = re_compile(r"^[\s　]*([0-9〇○Ｏ零一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月"
                     r"\s*([0-9一二三四五六七八九十]{1,3})\s*日[\s　]*$")
#: The lead's own time frame: “2020年以来”, “2020年上半年，”, “2020年1-6月”, or a sentence opening “2020年，”.
_LEAD = re_compile(r"((?:19|20)\d{2})\s*年(?:(以来|上半年|下半年|1\s*[-—–至]\s*6\s*月|全年|度)|(?=[，,]))")
_HEAD_YEAR = re_compile(r"((?:19|20)\d{2})\s*年(?:度)?(上半年|下半年|1\s*[-—–至]\s*6\s*月|全年|度)?")
_LEAD_CHARS = 400   # only the lead's opening sentences speak of the report's own period


def parse_period(value: str) -> tuple[int | None, int | None]:
    """Parse ``2020-H1``, ``2020-H2``, ``2020-Q3``, ``2020`` into (year, half)."""
    m = _PERIOD_KEY.match(str(value))
    if not m:
        return None, None
    year = int(m.group(1))
    tag = (m.group(2) or "").upper()
    if tag in ("H1", "Q1", "Q2"):
        return year, 1
    if tag in ("H2", "Q3", "Q4"):
        return year, 2
    return year, None


def detect_period(report: "Report") -> ReportPeriod:
    """Take the period from front matter (``period``, ``date``), else the title, else the text."""
    scope = report.genre.scope
    fm = report.front_matter
    if "period" in fm:
        year, half = parse_period(str(fm["period"]))
        if year:
            return ReportPeriod(year, half, "front-matter", scope or ("half" if half else "year"))
    if "date" in fm:
        value = fm["date"]
        if isinstance(value, (_dt.date, _dt.datetime)):
            return ReportPeriod(value.year, 1 if value.month <= 7 else 2, "front-matter", scope)
    title = report.title or ""
    m = _TITLE.search(title)
    if m:
        word = m.group(2) or ""
        half = 1 if word.startswith("上") or "一" in word or "二" in word or "1" in word or "2" in word else None
        if word.startswith("下") or any(c in word for c in "三四34"):
            half = 2
        if half is None and word not in ("全年", "度"):
            half = report.genre.half   # 2023年某镇上半年…: the half is not next to the year
        return ReportPeriod(int(m.group(1)), half, "title", scope, written=_signed(report))
    half = report.genre.half
    if half is None:
        m = _HALF_WORD.search(title)
        if m:
            half = 1 if m.group(1) == "上半年" else 2
    m = _TITLE_BARE_YEAR.match(title)
    if m:
        return ReportPeriod(int(m.group(1)), half, "title", scope, written=_signed(report))
    return _from_text(report, half, scope)


def _from_text(report: "Report", half: int | None, scope: str | None) -> ReportPeriod:
    """The year (and half) the text gives: its signature date, else its lead's time frame."""
    signed = _signed(report)
    if signed is not None:
        if half is None and scope == "half":
            half = 1 if signed.month <= 8 else 2
        return ReportPeriod(signed.year, half, "text", scope, written=signed)
    lead = "".join(p.text for p in report.lead)[:_LEAD_CHARS]
    if not lead and report.paragraphs:
        lead = next((p.text for p in report.paragraphs if p.kind != "title"), "")[:_LEAD_CHARS]
    # The part headings name the period too: “一、2023年上半年工作完成情况”, “一、2022年工作总结”.
    heads = "".join(d.heading.text + "。" for d in report.divisions if d.level == 1)
    m = _LEAD.search(lead) or _HEAD_YEAR.search(heads)
    if m:
        word = m.group(2) or ""
        if word == "上半年" or "6" in word:
            half = half or 1
        elif word == "下半年":
            half = half or 2
        return ReportPeriod(int(m.group(1)), half, "text", scope)
    if half is not None:
        return ReportPeriod(None, half, "title", scope)
    return ReportPeriod(None, None, "unknown", scope)


def _signed(report: "Report") -> _dt.date | None:
    """The date of a signature line among the last lines of the text (2020年7月10日), or None."""
    for paragraph in report.paragraphs[-4:][::-1]:
        m = _SIGNED.match(paragraph.text)
        if m:
            try:
                return _dt.date(int(_digits(m.group(1))), _cn_number(m.group(2)), _cn_number(m.group(3)))
            except ValueError:
                return None
    return None


def _digits(text: str) -> str:
    return "".join(_CN_DIGITS.get(c, c) for c in text)


def _cn_number(text: str) -> int:
    """1–31 written in digits or in Chinese (七, 十, 十二, 二十一)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return int(_digits(tens) or "1") * 10 + (int(_digits(ones)) if ones else 0)
    return int(_digits(text))


def judged_date(report: "Report", option_date: _dt.date | None = None) -> ReportDate:
    """The date the report is judged as of: ``--date`` or the project file; else its front
    matter ``date``; else its signature line; else the end of the period it covers (title or
    text); else today, marked as assumed so that date-dependent messages say so."""
    if option_date:
        return ReportDate(option_date, "config")
    value = report.front_matter.get("date")
    if isinstance(value, _dt.datetime):
        return ReportDate(value.date(), "front-matter")
    if isinstance(value, _dt.date):
        return ReportDate(value, "front-matter")
    period = report.period
    if period.written is not None:
        return ReportDate(period.written, "text")
    if period.year:
        end = _dt.date(period.year, 6, 30) if period.half == 1 else _dt.date(period.year, 12, 31)
        return ReportDate(end, period.source)
    return ReportDate(_dt.date.today(), "today", assumed=True)
