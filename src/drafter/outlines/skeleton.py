"""Report skeletons: the outline's template text, and where and how to insert a missing area.

``template_text`` is what ``drafter new FILE`` writes and what the editor starts from when FILE
does not exist. ``insertion_for`` tells the editor how to add one missing area (or a missing part)
to a report: at the right place in the standard order, numbered like its neighbours — a
（N） heading in a part whose areas are headings, an “N是……” item where they are items — and
renumbers the siblings that follow so the sequence stays unbroken.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..diagnostics import Edit
from ..files.patterns import compile as re_compile
from ..report.numbering import int_to_cn, standard_marker, with_number
from .definition import Outline, OutlinePart, OutlineSection
from .matching import OutlineMatch, PartMatch, Unit

#: Placeholder the writer replaces; the placeholder check flags what is left of it.
FILL = "……"


@dataclass(frozen=True)
class Insertion:
    """Edits that add a missing area or part; ``cursor`` is where its heading text begins."""

    edits: tuple[Edit, ...]
    cursor: int
    heading: str


def area_sentence(part: OutlinePart, section: OutlineSection) -> str:
    """The heading sentence of ``section`` in ``part``, from the outline's skeleton."""
    sentence = section.skeleton.get(part.id) or f"{section.title}工作{FILL}。"
    return sentence if sentence.endswith(("。", "；", "：")) else sentence + "。"


def _uses_items(part: OutlinePart, pm: PartMatch | None) -> bool:
    """Whether the part's areas are “一是……” items (else （一） headings)."""
    if pm is not None and pm.units:
        return pm.units[0].kind == "item"
    # The genre's habit (and the seed's): the summary uses headings, the plan uses items.
    return part.period == "next"


def _part_lines(part: OutlinePart, number: int, half=None) -> list[str]:
    """A part's lines; ``half`` is the report's half, or its ``ReportPeriod`` (an annual report's
    parts are 全年工作总结 / 明年工作计划)."""
    lines = [f"{standard_marker(1, number)}{part.title_for(half)}"]
    scope = getattr(half, "scope", None)
    half = getattr(half, "half", half)
    if _uses_items(part, None):
        if scope == "year":
            period = "明年" if part.period == "next" else "今年"
        elif half == 2:
            period = "明年" if part.period == "next" else "下半年"
        else:
            period = "下半年" if part.period == "next" else "上半年"
        if not part.sections:   # a parts-only outline: the part's text is the writer's
            lines.append(f"{period}，{FILL}。")
            return lines
        lines.append(f"{period}，{FILL}。围绕这个思路，要抓好以下{len(part.sections)}个方面的重点工作。")
        for i, section in enumerate(part.sections, 1):
            lines.append(f"{int_to_cn(i)}是{area_sentence(part, section)}{FILL}")
    else:
        for i, section in enumerate(part.sections, 1):
            lines.append(f"{standard_marker(2, i)}{area_sentence(part, section)}一是{FILL}。二是{FILL}。")
        if not part.sections:
            lines.append(f"{FILL}。")
    return lines


#: What a new draft may be named: text (a .docx is the final text, made by ``drafter render``).
DRAFT_SUFFIXES = ("", ".txt", ".md", ".markdown")


def not_a_draft_name(path: str) -> str | None:
    """Why ``path`` cannot be a new draft started from the template (its suffix), or None."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in DRAFT_SUFFIXES:
        return None
    return (f"草稿只能是 .txt 或 .md 文件（{suffix} 会被写成纯文本而无法打开）；"
            f"成文的 .docx 请用 drafter render 草稿 -o 文件.docx 生成")


def template_text(outline: Outline, title: str | None = None) -> str:
    """The outline's template: title, lead, every part and area with placeholder text (an
    annual outline's parts are 全年工作总结 / 明年工作计划; optional parts are left out)."""
    annual = _Scope("year") if outline.scope == "year" else None
    lines = [title or outline.title, "", f"{'今年' if annual else '上半年'}，{FILL}。"]
    for number, part in enumerate((p for p in outline.parts if not p.optional), 1):
        # A half-year template is a 上半年 report (its title and lead say so).
        lines.extend(_part_lines(part, number, annual or 1))
    return "\n".join(lines) + "\n"


class _Scope:
    """A report period that only says its scope (for the template of an annual outline)."""

    half = None

    def __init__(self, scope: str) -> None:
        self.scope = scope


def _line_edit(text: str, offset: int, line: str, gap: str = "\n") -> tuple[Edit, int]:
    """An edit putting ``line`` on a line of its own at ``offset`` (a line start or a line end),
    ``gap`` (one line end, or two for a blank line) between it and its neighbour."""
    if offset == 0 or text[offset - 1] == "\n":
        return Edit(offset, offset, line + gap), offset
    return Edit(offset, offset, gap + line), offset + len(gap)


_MD_HEADING = re_compile(r"#{1,6}[ \t]+")


def _layout(text: str, unit: Unit) -> tuple[str, str]:
    """How a neighbouring unit is laid out: its Markdown heading marks (``"### "``, or "") and
    the break after it (``"\n\n"`` when units are separated by a blank line, as in Markdown,
    where adjacent lines would join into one paragraph)."""
    line_start = text.rfind("\n", 0, unit.start) + 1
    marks = text[line_start:unit.start]
    prefix = marks if _MD_HEADING.fullmatch(marks) else ""
    # A unit ends at its line end (a heading's division) or at the next unit (an item): count
    # the line ends around that point.
    last = unit.end
    while last > unit.start and text[last - 1] == "\n":
        last -= 1
    after = last
    while after < len(text) and text[after] == "\n":
        after += 1
    return prefix, "\n\n" if after - last >= 2 else "\n"


def _renumber(units: list[Unit], first_number: int, level: int) -> list[Edit]:
    """Edits that renumber ``units`` from ``first_number`` on, keeping each mark's style."""
    edits = []
    for n, unit in enumerate(units, first_number):
        if unit.number is not None and unit.number != n and unit.marker:
            edits.append(Edit(unit.start, unit.start + len(unit.marker), with_number(unit.marker, level, n)))
    return edits


def insertion_for(text: str, match: OutlineMatch, part_id: str, section_id: str | None = None,
                  half=None) -> Insertion | None:
    """How to insert the missing area ``section_id`` of ``part_id`` (or the whole part when
    ``section_id`` is None) into ``text``, which ``match`` was computed from; ``half`` is the
    report's half or its ``ReportPeriod`` (a 下半年 report's missing plan is 明年工作安排, an annual
    report's 明年工作计划).

    Returns None when the area (or part) is already present or unknown.
    """
    pm = match.part(part_id)
    if pm is None:
        return None
    part = pm.part
    if section_id is None:
        return None if pm.found else _insert_part(text, match, pm, half)
    ids = [s.id for s in part.sections]
    if section_id not in ids or not pm.found:
        return None
    if any(sm.found for sm in pm.sections if sm.section.id == section_id):
        return None
    section = part.sections[ids.index(section_id)]
    rank = ids.index(section_id)
    units = list(pm.units)
    before = [u for u in units if u.area in ids and ids.index(u.area) < rank]
    if before:
        anchor = max(before, key=lambda u: u.start)
        position = units.index(anchor) + 1
        offset = anchor.end
    elif units:
        position, offset = 0, units[0].start
    else:
        position, offset = 0, pm.end
    number = position + 1
    following = units[position:]
    neighbour = (before[-1] if before else units[0]) if units else None
    prefix, gap = _layout(text, neighbour) if neighbour else ("", "\n")
    if not before and units:
        offset -= len(prefix)  # before the first unit: before its "### " too
    if _uses_items(part, pm):
        mark = f"{int_to_cn(number)}是"
        body = heading = f"{mark}{area_sentence(part, section)}{FILL}"
        inline = bool(units) and units[0].item is not None and not units[0].item.at_paragraph_start
        if inline:
            # Items run inside a paragraph: insert the item in the same paragraph.
            edit, cursor = Edit(offset, offset, body), offset
        else:
            edit, cursor = _line_edit(text, offset, body, gap)
        renumber = _renumber(following, number + 1, 0)
    else:
        mark = (with_number(neighbour.marker, 2, number) if neighbour and neighbour.marker
                else standard_marker(2, number))
        heading = f"{prefix}{mark}{area_sentence(part, section)}"
        # A Markdown heading is a line of its own, its text a paragraph below it; else run-in.
        body = f"{heading}{gap}一是{FILL}。" if prefix else f"{heading}一是{FILL}。"
        heading = heading if prefix else body
        edit, cursor = _line_edit(text, offset, body, gap)
        renumber = _renumber(following, number + 1, 2)
    return Insertion(edits=tuple(sorted([edit, *renumber], key=lambda e: e.start)), cursor=cursor, heading=heading)


def _insert_part(text: str, match: OutlineMatch, pm: PartMatch, half=None) -> Insertion:
    """Insert a missing part with all its areas, before the next part that is present."""
    order = [p.part.id for p in match.parts]
    rank = order.index(pm.part.id)
    later = [p for p in match.parts if p.found and order.index(p.part.id) > rank]
    earlier = [p for p in match.parts if p.found and order.index(p.part.id) < rank]
    number = len(earlier) + 1
    prefix, gap = _part_layout(text, match)
    lines = _part_lines(pm.part, number, half)
    lines[0] = prefix + lines[0]
    block = gap.join(lines)
    if later:
        first = min(p.start for p in later)
        edit, cursor = _line_edit(text, text.rfind("\n", 0, first) + 1, block, gap)  # before its "## " too
    else:
        end = len(text.rstrip("\n"))
        edit, cursor = _line_edit(text, end, block, gap)
    edits = [edit]
    for n, p in enumerate(sorted(later, key=lambda p: p.start), number + 1):
        if p.division is not None and p.division.heading.marker is not None:
            marker = p.division.heading.marker
            if marker.number != n:
                edits.append(Edit(p.start, p.start + len(marker.text), with_number(marker.text, 1, n)))
    return Insertion(edits=tuple(sorted(edits, key=lambda e: e.start)), cursor=cursor, heading=block.split("\n")[0])


def _part_layout(text: str, match: OutlineMatch) -> tuple[str, str]:
    """The layout of the parts present: their Markdown heading marks (``"## "``) and whether a
    blank line follows the heading (Markdown paragraphs), so an inserted part looks the same."""
    for p in match.parts:
        if p.found and p.division is not None:
            start = p.division.heading.span.start
            marks = text[text.rfind("\n", 0, start) + 1:start]
            line_end = text.find("\n", start)
            blank = line_end != -1 and text.startswith("\n\n", line_end)
            return (marks if _MD_HEADING.fullmatch(marks) else ""), ("\n\n" if blank else "\n")
    return "", "\n"
