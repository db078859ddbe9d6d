"""The genre of a report, read from its title: what period it covers and which parts it has.

Half-year reports (上半年/下半年…) and annual ones (年度、全年、年终, or a year with no half:
“2020年工作总结及2021年工作计划”); a summary and a plan, a summary only (…工作总结, …工作汇报)
or a plan only (…工作计划, …工作要点). The unit named in the title (宣传部, 统战部, 某某镇…)
chooses the outline (``outline_select``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..files.patterns import compile as re_compile

_HALF = re_compile(r"上半年|下半年|半年|前半年|1\s*[-—–至~]\s*6\s*月|[一二]季度|前三季度")
_YEAR_WORDS = re_compile(r"年度|全年|年终|一年来|下年|明年|来年")
_YEAR = re_compile(r"(?:(?:19|20)\d{2}|20[XxＸ×*]{2}|[XxＸ×*]{2})\s*年")
_SUMMARY = re_compile(r"总结|回顾|汇报|情况|综述|述职|成效|小结")
_PLAN = re_compile(r"计划|安排|打算|思路|要点|设想|谋划|规划|部署|重点工作|目标任务")

#: Where a title's unit ends at the latest: its period, “关于”, or the work it reports on.
_UNIT_STOP = re_compile(r"[0-9０-９〇一二三四五六七八九]{4}|20[0-9xX×*]{2}|上半年|下半年|半年|年度|全年|关于|工作|宣传思想|[（(：:，,]")
#: An organ's word a unit's name ends with.
_ORGAN = re_compile(r"委员会|局|厅|委|办|部|院|所|镇|乡|街道|社区|村|公司|集团|中心|学校|学院|大学|医院|馆|站|队"
                    r"|联合会|联|协|科")
#: A period a title may open with before its unit (2023XX团委…, 2022年度某局…).
_LEADING_PERIOD = re_compile(r"^(?:(?:19|20)[0-9]{2}|20[xX×*]{2})\s*(?:年度|年)?\s*(?:上半年|下半年)?")


@dataclass(frozen=True)
class Genre:
    """What the title says the report is."""

    scope: str | None = None   #: "half", "year", or None (the title does not say)
    #: "summary+plan", "summary", "plan", or "unknown" (the title names neither: a summary is
    #: expected, a plan is not demanded)
    parts: str = "summary+plan"
    half: int | None = None    #: 1 or 2 for a half-year report, when the title says which
    #: A document that is no work report at all (调研报告, 述职报告, 讲话…), as its title names it;
    #: no department's outline of areas applies to it.
    kind: str | None = None

    @property
    def wants_summary(self) -> bool:
        """Whether the report must have a summary part."""
        return self.parts != "plan"

    @property
    def wants_plan(self) -> bool:
        """Whether the report must have a plan part."""
        return self.parts in ("summary+plan", "plan")

    @property
    def id(self) -> str:
        """One word for the genre: h1, h2, annual, summary-only, plan-only, other (not a work
        report: ``kind`` says what it is), or unknown."""
        if self.kind:
            return "other"
        if self.parts == "summary":
            return "summary-only"
        if self.parts == "plan":
            return "plan-only"
        if self.scope == "year":
            return "annual"
        if self.scope == "half":
            return "h2" if self.half == 2 else "h1"
        return "unknown"

    @property
    def label(self) -> str:
        """E.g. 半年总结及计划, 年度总结, 调研报告."""
        if self.kind:
            return self.kind
        scope = {"half": "半年", "year": "年度"}.get(self.scope or "", "")
        parts = {"summary+plan": "总结及计划", "summary": "总结", "plan": "计划", "unknown": "报告"}[self.parts]
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
    parts = ("summary+plan" if summary and plan else "summary" if summary else "plan" if plan
             else "unknown" if title else "summary+plan")
    half = None
    if scope == "half":
        m = _HALF_OF.search(title)
        half = 2 if m and m.group(0).startswith(("下", "三", "后")) else 1
        if m and m.group(0).startswith("下") and parts == "summary+plan":
            summary_at = _SUMMARY.search(title)
            if title.find("上半年") != -1 or summary_at and summary_at.start() < m.start():
                # 上半年工作总结及下半年工作计划, 2021年半年工作总结及下半年工作思路: the summary
                # comes before the 下半年 its plan is for, so the report is on the first half.
                half = 1
    return Genre(scope=scope, parts=parts, half=half, kind=document_kind(title))


#: Documents writers also produce that are no work summary or plan of a department: a survey
#: report, a personal report on one's duties, a speech, notes of what one learnt.
_KIND = re_compile(r"调研报告|调查报告|述职述廉报告|述职述责报告|述责述廉报告|述职报告|述廉报告"
                   r"|讲话稿|讲话提纲|上的讲话|发言稿|发言材料|交流发言|心得体会|研讨材料")


def document_kind(title: str | None) -> str | None:
    """What a title says the document is when it is no work report (调研报告, 述职报告, 讲话…), else None."""
    m = _KIND.search(title or "")
    if not m:
        return None
    return "讲话" if m.group(0) == "上的讲话" else m.group(0)


_HALF_OF = re_compile(r"上半年|下半年|[三]季度|前三季度")


def with_parts(genre: Genre, summary: bool, plan: bool) -> Genre:
    """The genre once the report's parts are known: one whose title names one part but which
    has both written has both; a title that names neither takes both when both are there (a
    text with only a summary may be an opening: it stays unknown)."""
    if summary and plan and genre.parts != "summary+plan":
        return Genre(scope=genre.scope, parts="summary+plan", half=genre.half, kind=genre.kind)
    if genre.parts == "unknown" and plan and not summary:
        return Genre(scope=genre.scope, parts="plan", half=genre.half, kind=genre.kind)
    return genre


def with_scope(genre: Genre, half: int | None, year_known: bool) -> Genre:
    """The genre of a title that does not say its scope, once the text's period is known
    (its lead or part headings: 2025年上半年 → half-year; 2021年以来 → a year)."""
    if genre.scope is not None or not (half or year_known):
        return genre
    return Genre(scope="half" if half else "year", parts=genre.parts, half=half, kind=genre.kind)


#: The lead's announcement of what follows: “现将上半年工作总结及下半年工作计划汇报如下”.
_ANNOUNCE = re_compile(r"现将[^。；]{2,60}?(?:汇报|报告|总结)如下")


def announced(genre: Genre, lead: str) -> Genre:
    """The genre completed by the lead's announcement, when the title names one part only
    (or none) and the announcement names both."""
    m = _ANNOUNCE.search(lead)
    if not m or genre.parts == "summary+plan":
        return genre
    said = genre_of(m.group(0))
    if said.parts == "summary+plan":
        return Genre(scope=genre.scope or said.scope, parts="summary+plan", half=genre.half or said.half,
                     kind=genre.kind)
    return genre


def unit_of(title: str | None) -> str | None:
    """The unit a title names at its start (市委宣传部, XX镇, 县教育局…), or None: the longest
    opening of the title, before its period or subject, that ends with an organ's word."""
    title = _LEADING_PERIOD.sub("", (title or "").strip(), count=1)
    stop = _UNIT_STOP.search(title)
    head = title[:stop.start()] if stop else title[:20]
    ends = [m.end() for m in _ORGAN.finditer(head)]
    unit = head[:ends[-1]] if ends else None
    if unit and _PLACEHOLDER_UNIT.fullmatch(unit):
        return None   # a template's “XX部门”: no unit named yet
    return unit


_PLACEHOLDER_UNIT = re_compile(r"[XxＸ×*＊某]+(?:部门|单位|部)")

#: The words of a title that name its period, its genre or nothing in particular.
_PERIOD_WORDS = re_compile(r"(?:(?:19|20)[0-9]{2}|20[xX×*]{2}|[xX×*]{2})\s*(?:年度|年)?|上半年|下半年|半年|前三季度|年度|全年|年终")
_GENRE_WORD = re_compile(r"(?:工作)?(?:总结|计划|要点|安排|打算|思路|汇报|报告|综述|情况)")


def subject_of(title: str | None) -> str | None:
    """The work a title reports on when it names one (精神文明建设 in “XX区2023年精神文明建设工作
    总结”), else None: the words just before the first genre word, after the last period word."""
    title = (title or "").strip()
    m = _GENRE_WORD.search(title)
    if not m:
        return None
    head = _PERIOD_WORDS.split(title[:m.start()])[-1]
    head = _HEAD_TRIM.sub("", head)
    if _NO_SUBJECT.fullmatch(head) or _ORGAN_END.search(head):
        return None   # 某部门工作总结, 本单位…: a unit (or a template's stand-in for one), no work
    return head if len(_HAN.findall(head)) >= 2 else None


_HEAD_TRIM = re_compile(r"^(?:关于|的|及|和)+|(?:的|工作|开展|推进|进展)+$")
_HAN = re_compile(r"[\u4e00-\u9fff]")
_NO_SUBJECT = re_compile(r"[XxＸ×*＊某本我]*(?:部门|单位|机关|部|局|办)")
_ORGAN_END = re_compile(r"(?:委员会|局|厅|委|办|部|院|镇|乡|街道|社区|村|公司|集团|中心|部门|单位)$")
