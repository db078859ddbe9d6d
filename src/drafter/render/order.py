"""Outline order: which parts and areas the renderer moves, and where to.

"Parts and sections in the outline's order" means: among siblings (the report's top-level
divisions; the areas of one part), the units matched to the outline are put in the outline's
order, into the positions that matched units held; units the outline does not know keep their
position. Units matched to the same part or area keep their relative order. Areas written as
items 一是… are moved only when each begins its own paragraph (paragraphs are never split).
"""

from __future__ import annotations

from typing import Callable, TypeVar

from ..report.model import Division, Paragraph, Report
from ..outlines.matching import OutlineMatch, PartMatch

T = TypeVar("T")


def slot_sort(items: list[T], key: Callable[[T], tuple | None]) -> list[T]:
    """``items`` with those whose key is not None sorted (stably) into the slots they occupy."""
    ranked = sorted((x for x in items if key(x) is not None), key=key)  # type: ignore[arg-type]
    it = iter(ranked)
    return [next(it) if key(x) is not None else x for x in items]


def top_level_key(match: OutlineMatch) -> Callable[[Division], tuple | None]:
    """Sort key of a top-level division: (part index, area index) or None if outside the outline."""
    keys: dict[int, tuple] = {}
    part_index = {part.id: i for i, part in enumerate(match.outline.parts)}
    for pm in list(match.parts) + list(match.duplicate_parts):
        if not pm.found:
            continue
        index = part_index[pm.part.id]
        if pm.division is not None:
            keys.setdefault(id(pm.division), (index, -1))
        else:  # implicit part: its areas are top-level divisions
            for unit in pm.units:
                if unit.division is not None:
                    keys[id(unit.division)] = (index, _area_index(pm, unit.area))
    return lambda division: keys.get(id(division))


def _area_index(pm: PartMatch, area: str | None) -> int:
    ids = [s.id for s in pm.part.sections]
    return ids.index(area) if area in ids else len(ids)


def part_of(match: OutlineMatch, division: Division) -> PartMatch | None:
    """The part match whose heading is ``division`` (not for implicit parts)."""
    for pm in list(match.parts) + list(match.duplicate_parts):
        if pm.division is division:
            return pm
    return None


def child_key(pm: PartMatch) -> Callable[[Division], tuple | None]:
    """Sort key of a part's sub-divisions: the area's index in the outline, None if unmatched."""
    keys = {id(u.division): (_area_index(pm, u.area),) for u in pm.units
            if u.kind == "division" and u.area is not None}
    return lambda division: keys.get(id(division))


def item_groups(pm: PartMatch, division: Division) -> tuple[list[Paragraph], list[list[Paragraph]]] | None:
    """A part's own paragraphs split into (prefix, one group per item area) when its areas are
    items that each begin a paragraph; None when they are not (then nothing is moved)."""
    units = [u for u in pm.units if u.kind == "item"]
    if not units or not all(u.item is not None and u.item.at_paragraph_start for u in units):
        return None
    starts = {u.item.span.start: u for u in units}  # type: ignore[union-attr]
    prefix: list[Paragraph] = []
    groups: list[list[Paragraph]] = []
    seen = 0
    for paragraph in division.paragraphs:
        item_here = [i for i in paragraph.items if i.span.start in starts]
        if len(item_here) > 1:
            return None  # two areas in one paragraph: it cannot be moved apart
        if item_here:
            groups.append([paragraph])
            seen += 1
        elif groups:
            groups[-1].append(paragraph)
        else:
            prefix.append(paragraph)
    return (prefix, groups) if seen == len(units) else None


def group_key(pm: PartMatch) -> Callable[[list[Paragraph]], tuple | None]:
    """Sort key of an item group: the index of the area its first item names."""
    by_start = {u.item.span.start: u for u in pm.units if u.item is not None}

    def key(group: list[Paragraph]) -> tuple | None:
        for item in group[0].items:
            unit = by_start.get(item.span.start)
            if unit is not None and unit.area is not None:
                return (_area_index(pm, unit.area),)
        return None

    return key


def ordered_top_level(report: Report, match: OutlineMatch) -> list[Division]:
    """The report's top-level divisions in outline order."""
    return slot_sort(list(report.divisions), top_level_key(match))
