"""Matching a report against an outline: which part and which area each heading is.

Recognition goes by headings only: a division's heading (for a run-in heading, its heading
sentence) or an item's opening sentence. The lead and body text never count, however many areas
they name. A unit matches at most one area: the one whose title it contains, else the one whose
alias occurs first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..report.model import Division, Item, Report, Span
from .definition import Outline, OutlinePart, OutlineSection

# Words that make a level-1 heading a part (a time frame) rather than an area.
_PERIOD_WORDS = re.compile(r"上半年|下半年|今年|明年|全年|下一步|年度|季度|\d{4}年|以来")


@dataclass
class Unit:
    """A candidate area inside a part: a division （一）… or an item 一是…."""

    kind: str                   #: "division" or "item"
    number: int | None
    marker: str                 #: the numbering mark as written ("（一）", "三是", "")
    heading: str                #: mark + heading sentence
    title: str                  #: heading sentence without mark and closing punctuation
    span: Span                  #: the heading's span
    end: int                    #: offset just past the unit's content
    division: Division | None = None
    item: Item | None = None
    area: str | None = None     #: id of the matched area
    matched: str | None = None  #: the phrase that matched

    @property
    def start(self) -> int:
        """Offset of the unit's first character."""
        return self.span.start


@dataclass
class SectionMatch:
    """An expected area of a part and the unit (if any) that covers it."""

    section: OutlineSection
    unit: Unit | None = None

    @property
    def found(self) -> bool:
        """True when a unit of the part matched this area."""
        return self.unit is not None


@dataclass
class PartMatch:
    """An expected part and the division (or implicit run of areas) that covers it."""

    part: OutlinePart
    division: Division | None = None
    implicit: bool = False      #: areas numbered 一、…五、 with no part heading of their own
    matched: str | None = None
    units: list[Unit] = field(default_factory=list)
    sections: list[SectionMatch] = field(default_factory=list)
    start: int = 0
    end: int = 0

    @property
    def found(self) -> bool:
        """True when the report has this part."""
        return self.division is not None or self.implicit

    @property
    def span(self) -> Span | None:
        """The part heading's span, or the first unit's for an implicit part."""
        if self.division is not None:
            return self.division.heading.span
        if self.units:
            return self.units[0].span
        return None


@dataclass
class OutlineMatch:
    """The result of matching a report against an outline."""

    outline: Outline
    parts: list[PartMatch]
    extra_parts: list[Division] = field(default_factory=list)   #: level-1 headings outside the outline
    duplicate_parts: list[PartMatch] = field(default_factory=list)

    def part(self, part_id: str) -> PartMatch | None:
        """The match of ``part_id``."""
        return next((p for p in self.parts if p.part.id == part_id), None)

    def locate(self, offset: int) -> tuple[str | None, str | None]:
        """(part id, area id) of the text at ``offset``; None where it is outside them."""
        for pm in self.parts:
            if pm.found and pm.start <= offset < pm.end:
                for unit in pm.units:
                    if unit.start <= offset < unit.end:
                        return pm.part.id, unit.area
                return pm.part.id, None
        return None, None


def find_phrase(text: str, phrases: tuple[str, ...]) -> tuple[int, str] | None:
    """The earliest occurrence of any phrase in ``text`` (longest on ties): (position, phrase)."""
    best: tuple[int, int, str] | None = None
    for phrase in phrases:
        pos = text.find(phrase)
        if pos != -1 and (best is None or (pos, -len(phrase)) < (best[0], best[1])):
            best = (pos, -len(phrase), phrase)
    return (best[0], best[2]) if best else None


def match_area(text: str, sections) -> tuple[OutlineSection, str] | None:
    """The area a heading sentence names: by title first, else by the earliest alias."""
    titled = [(text.find(s.title), s) for s in sections if s.title in text]
    if titled:
        _, section = min(titled, key=lambda pair: pair[0])
        return section, section.title
    best = None
    for section in sections:
        hit = find_phrase(text, section.phrases)
        if hit and (best is None or (hit[0], -len(hit[1])) < (best[0], -len(best[1]))):
            best = (hit[0], hit[1], section)
    return (best[2], best[1]) if best else None


def match_part(text: str, parts) -> tuple[OutlinePart, str] | None:
    """The part a level-1 heading names, by the earliest part alias or title."""
    best = None
    for part in parts:
        hit = find_phrase(text, (part.title,) + part.aliases)
        if hit and (best is None or hit[0] < best[0]):
            best = (hit[0], hit[1], part)
    return (best[2], best[1]) if best else None


def _division_unit(division: Division) -> Unit:
    heading = division.heading
    return Unit(kind="division", number=heading.marker.number if heading.marker else None,
                marker=heading.marker.text if heading.marker else "", heading=heading.full_text,
                title=heading.title, span=heading.span, end=division.end, division=division)


def units_of(division: Division) -> list[Unit]:
    """The area units of a part: its sub-headings, else its items (paragraph-initial first)."""
    if division.children:
        return [_division_unit(child) for child in division.children]
    items = [i for i in division.items if i.at_paragraph_start] or division.items
    units = []
    for i, item in enumerate(items):
        end = items[i + 1].span.start if i + 1 < len(items) else division.end
        units.append(Unit(kind="item", number=item.number, marker=item.marker, heading=item.full_text,
                          title=item.title, span=item.span, end=end, item=item))
    return units


def match_outline(report: Report, outline: Outline) -> OutlineMatch:
    """Match ``report`` against ``outline``: parts, their units, and the area of each unit."""
    all_sections = tuple(outline.sections.values())
    found: list[PartMatch] = []
    extras: list[Division] = []
    implicit: PartMatch | None = None
    for division in report.divisions:
        text = division.heading.text
        part_hit = match_part(text, outline.parts) if division.level == 1 else None
        area_hit = match_area(text, all_sections)
        if part_hit and not (area_hit and not _PERIOD_WORDS.search(text)):
            found.append(PartMatch(part=part_hit[0], division=division, matched=part_hit[1],
                                   units=units_of(division), start=division.start, end=division.end))
            implicit = None
        elif area_hit and not any(not pm.implicit for pm in found):
            # Areas numbered 一、…五、 before any part heading: the first part, implied.
            if implicit is None:
                implicit = PartMatch(part=outline.parts[0], implicit=True, start=division.start)
                found.append(implicit)
            implicit.units.append(_division_unit(division))
            implicit.end = division.end
        else:
            extras.append(division)

    result = OutlineMatch(outline=outline, parts=[], extra_parts=extras)
    by_id: dict[str, PartMatch] = {}
    for pm in found:
        if pm.part.id in by_id:
            result.duplicate_parts.append(pm)
        else:
            by_id[pm.part.id] = pm
    for part in outline.parts:
        pm = by_id.get(part.id) or PartMatch(part=part)
        for unit in pm.units:
            hit = match_area(unit.title, part.sections)
            if hit:
                unit.area, unit.matched = hit[0].id, hit[1]
        pm.sections = [SectionMatch(section=s, unit=next((u for u in pm.units if u.area == s.id), None))
                       for s in part.sections]
        result.parts.append(pm)
    return result
