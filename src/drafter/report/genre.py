"""The genre of a report, read from its title: what period it covers and which parts it has.

Half-year reports (上半年/下半年…) and annual ones (年度、全年、年终, or a year with no half:
“2020年工作总结及2021年工作计划”); a summary and a plan, a summary only (…工作总结, …工作汇报)
or a plan only (…工作计划, …工作要点). The unit named in the title (宣传部, 统战部, 某某镇…)
chooses the outline (``outline_select``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HALF = re.compile(r"上半年|下半年|半年|前半年|1\s*[-—–至~]\s*6\s*月|[一二]季度|前三季度")
_YEAR_WORDS = re.compile(r"年度|全年|年终|一年来")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_SUMMARY = re.compile(r"总结|回顾|汇报|情况|综述|述职|成效|小结")
_PLAN = re.compile(r"计划|安排|打算|思路|要点|设想|谋划|规划|部署|重点工作|目标任务")

#: Where a title's unit ends at the latest: its period, “关于”, or the work it reports on.
_UNIT_STOP = re.compile(r"[0-9０-９〇一二三四五六七八九]{4}|20[0-9xX×*]{2}|上半年|下半年|半年|年度|全年|关于|工作|宣传思想|[（(：:，,]")
#: An organ's word a unit's name ends with.
_ORGAN = re.compile(r"委员会|局|厅|委|办|部|院|所|镇|乡|街道|社区|村|公司|集团|中心|学校|学院|大学|医院|馆|站|队")


@dataclass(frozen=True)
class Genre:
    """What the title says the report is."""

    scope: str | None = None   #: "half", "year", or None (the title does not say)
    parts: str = "summary+plan"   #: "summary+plan", "summary" or "plan"

    @property
    def wants_summary(self) -> bool:
        """Whether the report must have a summary part."""
        return self.parts != "plan"

    @property
    def wants_plan(self) -> bool:
        """Whether the report must have a plan part."""
        return self.parts != "summary"

    @property
    def label(self) -> str:
        """E.g. 半年总结及计划, 年度总结."""
        scope = {"half": "半年", "year": "年度"}.get(self.scope or "", "")
        parts = {"summary+plan": "总结及计划", "summary": "总结", "plan": "计划"}[self.parts]
        return scope + parts


def genre_of(title: str | None) -> Genre:
    """The genre a title announces; an empty or silent title gives the default (both parts)."""
    title = title or ""
    scope = None
    if _HALF.search(title):
        scope = "half"
    elif _YEAR_WORDS.search(title) or _YEAR.search(title):
        scope = "year"
    summary, plan = bool(_SUMMARY.search(title)), bool(_PLAN.search(title))
    parts = "summary" if summary and not plan else "plan" if plan and not summary else "summary+plan"
    return Genre(scope=scope, parts=parts)


def unit_of(title: str | None) -> str | None:
    """The unit a title names at its start (市委宣传部, XX镇, 县教育局…), or None: the longest
    opening of the title, before its period or subject, that ends with an organ's word."""
    title = (title or "").strip()
    stop = _UNIT_STOP.search(title)
    head = title[:stop.start()] if stop else title[:20]
    ends = [m.end() for m in _ORGAN.finditer(head)]
    unit = head[:ends[-1]] if ends else None
    if unit and _PLACEHOLDER_UNIT.fullmatch(unit):
        return None   # a template's “XX部门”: no unit named yet
    return unit


_PLACEHOLDER_UNIT = re.compile(r"[XxＸ×*＊某]+(?:部门|单位|部)")
