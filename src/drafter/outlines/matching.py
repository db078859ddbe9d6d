"""Matching a report against an outline: which part and which area each section is.

Parts are level-1 headings (上半年工作总结, 2020年工作亮点, 下一步打算…); areas numbered
一、…五、 before any part heading form the first part implicitly; a part's last sub-heading that
names the plan (（六）下一步工作打算) is the plan. A level-1 heading naming 存在问题/不足 is the
optional problems part of any outline.

A section's area is decided, in this order, and a section matches at most one area:

1. **its heading** names it — by the area's title (理论武装), else by the alias that occurs
   first, an alias being a phrase or words with a gap (``主流…舆论`` in 壮大主流思想舆论);
2. **an umbrella section** whose heading names no area but whose items or sub-headings name two
   or more gives each of those areas, through those items;
3. **its own body**, by each area's weighted vocabulary (``terms`` in the outline file): the
   area whose terms weigh most, when they weigh at least ``BODY_MIN``, come from at least two
   different terms and beat the runner-up by half again — never by one incidental word. An area a
   heading already claimed is not given again by a body.

The lead never counts, however many areas it names. An area missing from one part but found a
second time in another is *misplaced* there (one finding, not a missing area plus a duplicate).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from ..files.patterns import compile as re_compile
from ..report.genre import Genre, with_parts
from ..report.model import Division, Item, Report, Span
from .definition import Outline, OutlinePart, OutlineSection

# Words that make a level-1 heading a part (a time frame) rather than an area.
_PERIOD_WORDS = re_compile(r"上半年|下半年|今年|明年|全年|下一步|下步|年度|季度|\d{4}年|以来|近年|今后")
#: A level-1 heading of the optional problems part (any outline): 存在的问题和不足, 短板弱项…
_PROBLEMS = re_compile(r"问题|不足|短板|差距|困难|薄弱|形势与挑战|面临的形势|挑战")
_PROBLEMS_TITLE = "存在的问题和不足"

BODY_MIN = 6          #: least total weight of body terms that decides an area
BODY_MARGIN = 1.5     #: the winner's weight against the runner-up's
BODY_CAP = 3          #: a term counts at most this many times (a long section is not surer)

CONFIDENCE = {"title": 1.0, "alias": 0.9, "gapped": 0.8, "item": 0.8, "word": 0.7}


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
    matched: str | None = None  #: the phrase that matched (for a body decision: its weightiest term)
    #: What decided: "title", "alias" (a heading phrase), "body" (the body's terms), "item" (an
    #: item of an umbrella section), or None
    decided_by: str | None = None
    confidence: float = 0.0     #: 0–1: how sure the decision is
    terms: tuple[tuple[str, int], ...] = ()   #: body decision: (term, count), weightiest first
    umbrella: bool = False      #: its items give several areas (the unit itself none)
    parent: "Unit | None" = field(default=None, repr=False)   #: the umbrella unit of an item
    misplaced: bool = False     #: belongs to another part (see OutlineMatch.misplaced)

    @property
    def start(self) -> int:
        """Offset of the unit's first character."""
        return self.span.start

    @property
    def body_start(self) -> int:
        """Offset where the unit's body (after its heading) starts."""
        return self.span.end

    @property
    def certainty(self) -> str:
        """高, 中 or 低, for people."""
        return "高" if self.confidence >= 0.8 else "中" if self.confidence >= 0.65 else "低"


@dataclass
class SectionMatch:
    """An expected area of a part and the unit (if any) that covers it."""

    section: OutlineSection
    unit: Unit | None = None
    #: The optional area whose unit stands in for this one (a township's 网信 for 意识形态).
    via: OutlineSection | None = None
    #: Where this area was found instead, in another part: the misplaced unit there.
    elsewhere: Unit | None = None

    @property
    def found(self) -> bool:
        """True when a unit of the part matched this area."""
        return self.unit is not None

    @property
    def required(self) -> bool:
        """Whether leaving this area out is a finding."""
        return not self.section.optional


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
    required: bool = True       #: the genre wants it (a summary-only report needs no plan)
    sub_units: list[Unit] = field(default_factory=list)   #: items of umbrella units

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

    def unit_for(self, area: str) -> Unit | None:
        """The (first) unit of this part that matched ``area``."""
        return next((u for u in self.units + self.sub_units if u.area == area), None)


@dataclass
class Misplaced:
    """An area written in the wrong part: ``unit`` in ``found_in`` belongs in ``belongs_to``."""

    unit: Unit
    section: OutlineSection
    found_in: PartMatch
    belongs_to: PartMatch


@dataclass
class OutlineMatch:
    """The result of matching a report against an outline."""

    outline: Outline
    parts: list[PartMatch]
    extra_parts: list[Division] = field(default_factory=list)   #: level-1 headings outside the outline
    duplicate_parts: list[PartMatch] = field(default_factory=list)
    problems: list[Division] = field(default_factory=list)   #: 存在问题/不足 parts (optional)
    misplaced: list[Misplaced] = field(default_factory=list)
    genre: Genre = field(default_factory=Genre)
    #: How the outline was chosen (``outline_select.OutlineChoice``), set by ``api.analyze``.
    choice: object | None = None

    def part(self, part_id: str) -> PartMatch | None:
        """The match of ``part_id``."""
        return next((p for p in self.parts if p.part.id == part_id), None)

    def locate(self, offset: int) -> tuple[str | None, str | None]:
        """(part id, area id) of the text at ``offset``; None where it is outside them.
        (Every diagnostic asks: a binary search over each part's units, not a scan. The units'
        starts are listed on the first call: a match is asked once it is complete.)"""
        tables = self.__dict__.get("_locate_tables")   # not a field: no part of what a match says
        if tables is None:
            tables = self.__dict__["_locate_tables"] = [
                (pm.start, pm.end, pm.part.id, [([u.start for u in units], units)
                                                for units in (pm.sub_units, pm.units)])
                for pm in self.parts if pm.found]
        for start, end, part_id, unit_lists in tables:
            if start <= offset < end:
                for starts, units in unit_lists:
                    unit = _unit_at(units, offset, starts)
                    if unit is not None:
                        return part_id, unit.area
                return part_id, None
        return None, None


def _unit_at(units: list[Unit], offset: int, starts: list[int]) -> Unit | None:
    """The unit of ``units`` (in text order, not overlapping; ``starts`` their starts) that
    contains ``offset``."""
    i = bisect_right(starts, offset) - 1
    if i >= 0 and units[i].start <= offset < units[i].end:
        return units[i]
    # Units are in text order but a unit's end may run past the next's start (an item's end is
    # the next item's start; a part's first items precede its sub-headings): look back a little.
    for unit in units[max(0, i - 3):i]:
        if unit.start <= offset < unit.end:
            return unit
    return None


def find_phrase(text: str, phrases: tuple[str, ...]) -> tuple[int, str] | None:
    """The earliest occurrence of any phrase in ``text`` (longest on ties): (position, phrase)."""
    best: tuple[int, int, str] | None = None
    for phrase in phrases:
        pos = text.find(phrase)
        if pos != -1 and (best is None or (pos, -len(phrase)) < (best[0], best[1])):
            best = (pos, -len(phrase), phrase)
    return (best[0], best[2]) if best else None


def match_area(text: str, sections, broad: bool = True) -> tuple[OutlineSection, str] | None:
    """The area a heading sentence names: by title first, else by the earliest alias (a gapped
    alias reports the words it spans, e.g. 主流思想舆论), else (with ``broad``) by an area's
    broad word."""
    hit = _heading_hit(text, sections, broad)
    return (hit[0], hit[1]) if hit else None


def _heading_hit(text: str, sections, broad: bool = True) -> tuple[OutlineSection, str, str] | None:
    """(area, matched text, "title" | "alias" | "gapped" | "word") for a heading sentence, or None."""
    titled = [(text.find(s.title), s) for s in sections if s.title in text]
    if titled:
        _, section = min(titled, key=lambda pair: pair[0])
        return section, section.title, "title"
    best = None
    for section in sections:
        hit = section.find(text)
        if hit and (best is None or (hit[0], -len(hit[2])) < (best[0], -len(best[2]))):
            best = (hit[0], hit[1], hit[2], section)
    if best is None:
        if not broad:
            return None
        for section in sections:
            hit = section.find(text, broad=True)
            if hit and (best is None or (hit[0], -len(hit[2])) < (best[0], -len(best[2]))):
                best = (hit[0], hit[1], hit[2], section)
        return (best[3], best[2], "word") if best else None
    return best[3], best[2], "gapped" if "…" in best[1] else "alias"


def match_part(text: str, parts) -> tuple[OutlinePart, str] | None:
    """The part a level-1 heading names, by the earliest part alias or title; a required part
    before an optional one (“存在问题和下一步打算” introduces the plan)."""
    best = None
    for part in parts:
        hit = find_phrase(text, (part.title,) + part.aliases)
        if hit and (best is None or (part.optional, hit[0]) < (best[2].optional, best[0])):
            best = (hit[0], hit[1], part)
    return (best[2], best[1]) if best else None


def _division_unit(division: Division) -> Unit:
    heading = division.heading
    return Unit(kind="division", number=heading.marker.number if heading.marker else None,
                marker=heading.marker.text if heading.marker else "", heading=heading.full_text,
                title=heading.title, span=heading.span, end=division.end, division=division)


def _item_units(items: list[Item], end: int) -> list[Unit]:
    units = []
    for i, item in enumerate(items):
        item_end = items[i + 1].span.start if i + 1 < len(items) else end
        units.append(Unit(kind="item", number=item.number, marker=item.marker, heading=item.full_text,
                          title=item.title, span=item.span, end=item_end, item=item))
    return units


def units_of(division: Division) -> list[Unit]:
    """The units a division lists: its sub-headings, else its items (paragraph-initial first).
    (``numbering.count`` compares these with the number the text promises.)"""
    if division.children:
        return [_division_unit(child) for child in division.children]
    items = [i for i in division.items if i.at_paragraph_start] or division.items
    return _item_units(items, division.end)


def _item_run(division: Division) -> list[Item]:
    """The items that list a part's areas: those that begin a paragraph, and the ones that carry
    their run on inside the same paragraph (“一是……。二是……。” in one paragraph); with none at a
    paragraph's start, all of them."""
    items = division.items
    starts = [i for i in items if i.at_paragraph_start]
    if not starts:
        return items
    run: list[Item] = []
    for item in items:
        if item.at_paragraph_start or run and item.number == run[-1].number + 1 \
                and item.span.line == run[-1].span.line:
            run.append(item)
    return run


def area_units(division: Division) -> list[Unit]:
    """The area units of a part: its sub-headings and the items that begin its own paragraphs;
    with no sub-headings, its items (paragraph-initial first).

    A heading moved into a plan of items (（五）深耕……。一是……二是…… put just after
    “二、下半年工作安排”) swallows, by the numbering, the plan's own items 一是…五是 that follow
    it. A run of paragraph-initial items starting again at 一是 after a sub-heading whose own
    paragraph already had items is given back to the part."""
    if not division.children:
        return _item_units(_item_run(division), division.end)
    first_child = division.children[0].start
    own = [i for i in division.items if i.at_paragraph_start and i.span.start < first_child]
    units = _item_units(own, first_child)
    for child in division.children:
        unit = _division_unit(child)
        returned = _returned_items(child)
        if returned:
            unit.end = returned[0].span.start
            units.append(unit)
            units.extend(_item_units(returned, child.end))
        else:
            units.append(unit)
    return units


def _returned_items(child: Division) -> list[Item]:
    """The plan items a moved sub-heading swallowed (see ``area_units``), or []."""
    if child.children or len(child.paragraphs) < 3 or not child.paragraphs[0].items:
        return []
    later = [i for p in child.paragraphs[1:] for i in p.items if i.at_paragraph_start]
    if len(later) < 2 or later[0].number != 1:
        return []
    return later


def _sub_units(unit: Unit) -> list[Unit]:
    """The items or sub-headings of a division unit (what an umbrella section lists)."""
    if unit.division is None:
        return []
    subs = area_units(unit.division)
    for sub in subs:
        sub.parent = unit
    return subs


@lru_cache(maxsize=64)
def _vocabulary(sections: tuple[OutlineSection, ...]) -> tuple[re.Pattern[str] | None, dict[str, list[tuple[str, int]]]]:
    """One regex over every body term of these areas (longest first), and term → [(area, weight)]."""
    owners: dict[str, list[tuple[str, int]]] = {}
    for section in sections:
        for term, weight in section.terms.items():
            owners.setdefault(term, []).append((section.id, weight))
    if not owners:
        return None, owners
    pattern = re_compile("|".join(re.escape(t) for t in sorted(owners, key=len, reverse=True)))
    return pattern, owners


def body_scores(text: str, sections: tuple[OutlineSection, ...]) -> dict[str, tuple[int, dict[str, int]]]:
    """Area id → (weight, {term: count}) of the body ``text``, by the areas' vocabularies."""
    pattern, owners = _vocabulary(tuple(sections))
    scores: dict[str, tuple[int, dict[str, int]]] = {}
    if pattern is None:
        return scores
    counts: dict[str, int] = {}
    for m in pattern.finditer(text):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    for term, count in counts.items():
        for area, weight in owners[term]:
            total, found = scores.get(area, (0, {}))
            found[term] = count
            scores[area] = (total + weight * min(count, BODY_CAP), found)
    return scores


def _body_choice(scores, claimed: set[str]) -> tuple[str, float, dict[str, int]] | None:
    """The area a body decides (not one already claimed), its confidence and its terms, or None."""
    ranked = sorted(scores.items(), key=lambda kv: -kv[1][0])
    for i, (area, (weight, found)) in enumerate(ranked):
        if weight < BODY_MIN:
            return None
        if area in claimed:
            continue
        if len(found) < 2:
            continue   # one word, however often, is an incidental mention
        runner = max((w for a, (w, _) in ranked if a != area and a not in claimed), default=0)
        if weight < BODY_MARGIN * runner:
            return None
        confidence = round(min(0.75, weight / (weight + runner) * 0.75 + 0.05 * min(len(found), 3)), 2)
        return area, confidence, found
    return None


def _part_level_division(division: Division) -> bool:
    return division.level == 1


def match_outline(report: Report, outline: Outline) -> OutlineMatch:
    """Match ``report`` against ``outline``: parts, their units, and the area of each unit."""
    all_sections = tuple(outline.sections.values())
    found: list[PartMatch] = []
    extras: list[Division] = []
    problems: list[Division] = []
    implicit: PartMatch | None = None
    has_problems_part = outline.part("problems") is not None
    genre = report.genre
    # The part areas numbered 一、… with no part heading belong to: the first the genre wants.
    first = next((p for p in outline.parts if not p.optional and
                  (genre.wants_summary if p.period == "current" else genre.parts == "plan")), outline.parts[0])
    hits = {}
    for division in report.divisions:
        text = division.heading.text
        part_hit = match_part(text, outline.parts) if _part_level_division(division) else None
        # A broad word (宣传, 文化) never makes a part heading an area: only a title or an alias does.
        hits[id(division)] = part_hit, match_area(text, all_sections, broad=not part_hit)
    headed = any(_is_part_heading(d, outline, *hits[id(d)]) for d in report.divisions)
    for division in report.divisions:
        text = division.heading.text
        part_hit, area_hit = hits[id(division)]
        if not headed and not (not has_problems_part and _part_level_division(division) and not area_hit
                               and _PROBLEMS.search(text)):
            # No part heading anywhere: the top-level sections are the areas of one part.
            if implicit is None:
                implicit = PartMatch(part=first, implicit=True, start=division.start)
                found.append(implicit)
            implicit.units.append(_division_unit(division))
            implicit.end = division.end
        elif part_hit and not (area_hit and not _PERIOD_WORDS.search(text)):
            found.append(PartMatch(part=part_hit[0], division=division, matched=part_hit[1],
                                   units=area_units(division), start=division.start, end=division.end))
            implicit = None
        elif (not has_problems_part and _part_level_division(division) and not area_hit
              and _PROBLEMS.search(text)):
            problems.append(division)
        elif (area_hit or _implicit_member(division, implicit)) and not any(not pm.implicit for pm in found):
            # Areas numbered 一、…五、 before any part heading: the first part, implied.
            if implicit is None:
                implicit = PartMatch(part=first, implicit=True, start=division.start)
                found.append(implicit)
            implicit.units.append(_division_unit(division))
            implicit.end = division.end
        else:
            extras.append(division)

    _plan_as_last_item(found, outline)
    result = OutlineMatch(outline=outline, parts=[], extra_parts=extras, problems=problems,
                          genre=with_parts(genre, any(pm.part.period == "current" for pm in found),
                                           any(pm.part.period == "next" for pm in found)))
    by_id: dict[str, PartMatch] = {}
    for pm in found:
        if pm.part.id in by_id:
            result.duplicate_parts.append(pm)
        else:
            by_id[pm.part.id] = pm
    text = report.text
    for part in outline.parts:
        pm = by_id.get(part.id) or PartMatch(part=part)
        pm.required = not part.optional and (genre.wants_summary if part.period == "current" else genre.wants_plan)
        _decide_areas(pm, text)
        result.parts.append(pm)
    _find_misplaced(result)
    for pm in result.parts:
        _collect_sections(pm)
    for mp in result.misplaced:
        for sm in mp.belongs_to.sections:
            if sm.section.id == mp.section.id:
                sm.elsewhere = mp.unit
    return result


def _is_part_heading(division: Division, outline: Outline, part_hit, area_hit) -> bool:
    """Whether a top-level heading names a part (or the problems part) rather than an area,
    given what its heading names (``area_hit`` is strict — no broad word — when it names a part)."""
    if not _part_level_division(division):
        return False
    text = division.heading.text
    if part_hit:
        return not (area_hit and not _PERIOD_WORDS.search(text))
    return outline.part("problems") is None and bool(_PROBLEMS.search(text)) and not area_hit


def _implicit_member(division: Division, implicit: PartMatch | None) -> bool:
    """Whether a level-1 heading naming no area still belongs to an implicit run of areas: it
    follows them and does not name a part (its area may come from its body)."""
    return implicit is not None and _part_level_division(division)


def _plan_as_last_item(found: list[PartMatch], outline: Outline) -> None:
    """When no level-1 heading is the plan, the last sub-heading of the last part may be:
    “（六）下一步工作打算” closing the summary. Move it into a plan part of its own."""
    plans = [p for p in outline.parts if p.period == "next"]
    if not plans or not found or any(pm.part.period == "next" for pm in found):
        return
    last = found[-1]
    if len(last.units) < 2 or last.units[-1].division is None:
        return   # a part is never emptied: its only section stays its own
    unit = last.units[-1]
    hit = match_part(unit.title, plans)
    if not hit or not _PERIOD_WORDS.search(unit.title) or match_area(unit.title, tuple(outline.sections.values())):
        return
    last.units.pop()
    last.end = unit.start
    division = unit.division
    found.append(PartMatch(part=hit[0], division=division, matched=hit[1], units=area_units(division),
                           start=division.start, end=division.end))


def _decide_areas(pm: PartMatch, text: str) -> None:
    """Give each unit of a part its area: heading first, then umbrella items, then body terms."""
    sections = pm.part.sections
    if not sections:
        return
    for unit in pm.units:
        hit = _heading_hit(unit.title, sections)
        if hit:
            unit.area, unit.matched, unit.decided_by = hit[0].id, hit[1], hit[2] if hit[2] != "gapped" else "alias"
            unit.confidence = CONFIDENCE[hit[2]]
    claimed = {u.area for u in pm.units if u.area}
    for unit in pm.units:
        if unit.area is not None:
            continue
        subs = _sub_units(unit)
        hits = []
        for sub in subs:
            hit = _heading_hit(sub.title, sections)
            if hit and hit[0].id not in claimed and hit[0].id not in {h[1][0].id for h in hits}:
                hits.append((sub, hit))
        if len(hits) >= 2:
            unit.umbrella = True
            for sub, hit in hits:
                sub.area, sub.matched, sub.decided_by, sub.confidence = hit[0].id, hit[1], "item", CONFIDENCE["item"]
                pm.sub_units.append(sub)
                claimed.add(sub.area)
    pending = []
    for unit in pm.units:
        if unit.area is None and not unit.umbrella:
            scores = body_scores(text[unit.body_start:unit.end], sections)
            best = max((w for w, _ in scores.values()), default=0)
            pending.append((best, unit, scores))
    for _, unit, scores in sorted(pending, key=lambda t: -t[0]):
        choice = _body_choice(scores, claimed)
        if choice is None:
            continue
        area, confidence, terms = choice
        ranked = sorted(terms.items(), key=lambda kv: (-_weight(sections, area, kv[0]) * min(kv[1], BODY_CAP), -kv[1]))
        unit.area, unit.decided_by, unit.confidence = area, "body", confidence
        unit.terms = tuple(ranked)
        unit.matched = ranked[0][0]
        claimed.add(area)


def _weight(sections, area: str, term: str) -> int:
    section = next(s for s in sections if s.id == area)
    return section.terms.get(term, 0)


def _find_misplaced(result: OutlineMatch) -> None:
    """An area missing from one part and written twice in another: the extra one is misplaced."""
    present = [pm for pm in result.parts if pm.found]
    for pm_a in present:
        have = {u.area for u in pm_a.units + pm_a.sub_units if u.area}
        for section in pm_a.part.sections:
            if section.id in have or section.optional:
                continue
            for pm_b in present:
                if pm_b is pm_a or section not in pm_b.part.sections:
                    continue
                twice = [u for u in pm_b.units if u.area == section.id]
                if len(twice) < 2:
                    continue
                unit = _odd_one(pm_b, twice, before=pm_a.start < pm_b.start)
                unit.misplaced = True
                result.misplaced.append(Misplaced(unit=unit, section=section, found_in=pm_b, belongs_to=pm_a))
                break


def _odd_one(pm: PartMatch, twice: list[Unit], before: bool) -> Unit:
    """Which of two units of one area is the stray: the one laid out unlike the part's other
    units (a （五） heading among items 一是…), else the one nearest the part it belongs to."""
    kinds = [u.kind for u in pm.units]
    for unit in twice:
        if kinds.count(unit.kind) * 2 < len(kinds):
            return unit
    return twice[0] if before else twice[-1]


def _collect_sections(pm: PartMatch) -> None:
    """One SectionMatch per area of the part, standing-in optional areas included."""
    units = [u for u in pm.units + pm.sub_units if not u.misplaced]
    first = {}
    for unit in sorted(units, key=lambda u: u.start):
        if unit.area is not None:
            first.setdefault(unit.area, unit)
    matches = []
    for section in pm.part.sections:
        sm = SectionMatch(section=section, unit=first.get(section.id))
        if sm.unit is None:
            stand_in = next((s for s in pm.part.sections if s.within == section.id and s.id in first), None)
            if stand_in is not None:
                sm.unit, sm.via = first[stand_in.id], stand_in
        matches.append(sm)
    pm.sections = matches
