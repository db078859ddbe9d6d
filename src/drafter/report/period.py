"""The period a report covers (year, half), from its front matter or title."""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING

from .model import ReportPeriod

if TYPE_CHECKING:
    from .model import Report

_PERIOD_KEY = re.compile(r"^\s*(\d{4})\s*(?:[-_ ]?\s*(H[12]|Q[1-4]))?\s*$", re.I)
_TITLE = re.compile(r"(\d{4})\s*年(?:度)?\s*(上半年|下半年|第?[一二三四1-4]季度|前三季度|全年|度)?")
_HALF_WORD = re.compile(r"(上半年|下半年)")


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
    """Take the period from front matter (``period``, ``date``) or else from the title."""
    fm = report.front_matter
    if "period" in fm:
        year, half = parse_period(str(fm["period"]))
        if year:
            return ReportPeriod(year, half, "front-matter")
    if "date" in fm:
        value = fm["date"]
        if isinstance(value, (_dt.date, _dt.datetime)):
            return ReportPeriod(value.year, 1 if value.month <= 7 else 2, "front-matter")
    title = report.title or ""
    m = _TITLE.search(title)
    if m:
        word = m.group(2) or ""
        half = 1 if word.startswith("上") or "一" in word or "二" in word or "1" in word or "2" in word else None
        if word.startswith("下") or any(c in word for c in "三四34"):
            half = 2
        return ReportPeriod(int(m.group(1)), half, "title")
    m = _HALF_WORD.search(title)
    if m:
        return ReportPeriod(None, 1 if m.group(1) == "上半年" else 2, "title")
    return ReportPeriod()
