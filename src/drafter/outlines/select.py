"""Which outline a report is checked against: ``--outline`` or drafter.yaml, else its title.

The unit the title (or front matter ``unit``) names picks the outline family: 宣传部、宣传办、
宣传中心 → propaganda; 统战部 → united front; and so on, each bundled outline listing its ``units`` and
title words (``applies_to``). Within a family the report's scope (half-year or annual, from the
title) and a township unit (镇、乡、街道) choose the variant. A title that names a unit no bundled
outline is for (妇联, 民政局, 文明办…), or a work none is for (精神文明建设工作总结), gets the generic
parts-only outline, and the choice says so; so does a document that is no work report (调研报告,
述职报告, 讲话). A title naming no unit and no work keeps the default outline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ChecklistError
from ..files.patterns import compile as re_compile
from ..report.genre import subject_of, unit_of
from ..report.model import Report
from .definition import DEFAULT_OUTLINE, Outline, available_outlines, load_outline

GENERIC_OUTLINE = "generic"
_TOWNSHIP = re_compile(r"镇|乡|街道|社区")
#: Units that are no party or government organ: their 宣传 report is not a 宣传部's.
_ENTERPRISE = re_compile(r"公司|集团|企业|银行|医院|学校|学院|大学|协会")
#: An enterprise speaking of itself in the lead of a report with no title.
_ENTERPRISE_LEAD = re_compile(r"集团公司|集团党委|公司党委|本公司|我公司|本集团|我集团")


@dataclass(frozen=True)
class OutlineChoice:
    """The outline chosen for a report, and why."""

    name: str
    reason: str          #: "option" (--outline / drafter.yaml), "title", "headings", "default", "generic"
    unit: str | None = None   #: the unit the title names, when it decided
    #: What the document is when it is no work report (调研报告, 述职报告…): the generic outline,
    #: advisory, is all that applies to it.
    kind: str | None = None
    #: The work the title names when no bundled outline is for it (精神文明建设…).
    subject: str | None = None

    @property
    def fallback(self) -> bool:
        """True when the report's unit has no outline of its own (generic outline taken)."""
        return self.reason == "generic"


@lru_cache(maxsize=1)
def _bundled() -> tuple[Outline, ...]:
    out = []
    for name in available_outlines():
        try:
            out.append(load_outline(name))
        except ChecklistError:
            continue   # a broken bundled outline is reported when it is asked for by name
    return tuple(out)


def choose_outline(report: Report, requested: str | None = None) -> OutlineChoice:
    """The outline for ``report``: ``requested`` if given, else the one its title's unit picks;
    with no title to go by, the part headings' words (一、2025年上半年统战工作总结), an enterprise
    named in the lead, or the outline whose areas the headings name."""
    if requested:
        return OutlineChoice(requested, "option")
    title = report.title or str(report.front_matter.get("title") or "")
    unit = str(report.front_matter.get("unit") or "") or unit_of(title)
    if report.genre.kind:
        # A survey, a duty report, a speech: no department's areas are asked of it.
        return OutlineChoice(GENERIC_OUTLINE, "generic", unit, kind=report.genre.kind)
    subject = subject_of(title)
    if not unit:
        lead = "".join(p.text for p in report.lead)[:200]
        m = _ENTERPRISE_LEAD.search(lead)
        if m:
            unit = m.group(0)
        # A title naming no work (“【提纲】”, none at all): the part headings say whose report it is.
        title += "".join(d.heading.text for d in report.divisions if d.level == 1)[:120]
    words = (unit or "") + title
    enterprise = bool(unit and _ENTERPRISE.search(unit))
    scored = []
    for outline in _bundled():
        by_unit = max((len(u) for u in outline.units if u in words), default=0)
        by_title = 0 if enterprise else max((len(w) for w in outline.title_words if w in title), default=0)
        if by_unit or by_title:
            scored.append((by_unit, by_title, outline))
    if scored:
        best_unit = max(s[0] for s in scored)
        family = [o for u, t, o in scored if u == best_unit] if best_unit else [o for _, _, o in scored]
        township = bool(_TOWNSHIP.search(unit or "") or _TOWNSHIP.search(title))
        scope = report.genre.scope

        def fit(outline: Outline) -> tuple:
            return (outline.township == township, outline.scope == scope or outline.scope is None and scope is None,
                    outline.scope is None, outline.name == DEFAULT_OUTLINE)

        chosen = max(family, key=fit)
        return OutlineChoice(chosen.name, "title", unit)
    if unit:
        return OutlineChoice(GENERIC_OUTLINE, "generic", unit)
    if subject:
        # The title names a work no outline is for (精神文明建设工作总结, 党建工作总结).
        return OutlineChoice(GENERIC_OUTLINE, "generic", None, subject=subject)
    voted = _by_headings(report)
    if voted is not None:
        return OutlineChoice(voted, "headings")
    return OutlineChoice(DEFAULT_OUTLINE, "default")


def _by_headings(report: Report) -> str | None:
    """The bundled outline whose areas the report's headings name most (at least three
    headings, and more than the default outline's), for a report whose title says nothing."""
    from .matching import match_area

    headings = [d.heading.title for d in report.walk()][:60]
    counts = {}
    for outline in _bundled():
        sections = tuple(outline.sections.values())
        if sections and not outline.township and outline.scope in (None, "half"):
            counts[outline.name] = sum(1 for h in headings if match_area(h, sections))
    if not counts:
        return None
    best = max(counts, key=lambda n: (counts[n], n == DEFAULT_OUTLINE))
    if best != DEFAULT_OUTLINE and counts[best] >= 3 and counts[best] > counts.get(DEFAULT_OUTLINE, 0):
        return best
    return None
