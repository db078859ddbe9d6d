"""The renderer: a parsed draft (:class:`Report` + :class:`OutlineMatch`) → :class:`FinalDocument`.

What it does, in order: takes the title lines (or the front matter's ``title``), the lead, then
the divisions with parts and areas in the outline's order (see :mod:`.order`); regenerates
numbering per level (一、 （一） 1. （1）, and the 一是… of areas written as items) unless asked to
keep it as written; removes drafting notes and Markdown heading marks. Placeholders such as X次
are left exactly as written — the final text shows what is still unfilled.
"""

from __future__ import annotations

import re

from ..report.model import Division, Paragraph, Report
from ..report.numbering import standard_marker, with_number
from ..outlines.matching import OutlineMatch
from .model import Block, FinalDocument, Move
from .order import child_key, group_key, item_groups, ordered_top_level, part_of, slot_sort, top_level_key

from ..report.structure import _SPACE  # the same blank characters the parser trims
_MD_STRONG = re.compile(r"(\*\*|__)(.+?)\1")


def build_final(report: Report, match: OutlineMatch, keep_numbering: bool = False) -> FinalDocument:
    """Render ``report`` into the final-document model; never raises on any parsed report."""
    return _Builder(report, match, keep_numbering).build()


class _Builder:
    def __init__(self, report: Report, match: OutlineMatch, keep_numbering: bool) -> None:
        self.report = report
        self.match = match
        self.keep = keep_numbering
        self.counters = [0] * 6
        self.doc = FinalDocument(title_lines=[], notes_removed=len(report.notes),
                                 meta=dict(report.front_matter))

    def build(self) -> FinalDocument:
        report = self.report
        lines = [self.clean(p.content_start, p.span.end) for p in report.title_lines]
        self.doc.title_lines = [line for line in lines if line]
        if not self.doc.title_lines and report.title:
            self.doc.title_lines = [str(report.title)]
        for paragraph in report.lead:
            self.body(paragraph, "lead")
        top = ordered_top_level(report, self.match)
        self.note_moves(list(report.divisions), top, top_level_key(self.match))
        for division in top:
            self.division(division)
        return self.doc

    # -- text ---------------------------------------------------------------------------------
    def clean(self, start: int, end: int) -> str:
        """The draft's text in ``[start, end)`` without notes or Markdown emphasis, ends trimmed."""
        text = self.report.text
        pieces, pos = [], start
        for note in self.report.notes:
            if note.end <= pos or note.start >= end:
                continue
            pieces.append(text[pos:max(pos, note.start)])
            pos = max(pos, note.end)
        pieces.append(text[pos:end] if pos < end else "")
        out = "".join(pieces)
        if self.report.source.format == "md":
            out = _MD_STRONG.sub(r"\2", out)
        return out.strip(_SPACE)

    def body(self, paragraph: Paragraph, kind: str = "body", item_number: int | None = None) -> None:
        text = self.clean(paragraph.content_start, paragraph.span.end)
        if item_number is not None and not self.keep:
            first = next((i for i in paragraph.items if i.at_paragraph_start), None)
            if first is not None and text.startswith(first.marker):
                text = with_number(first.marker, 0, item_number) + text[len(first.marker):]
        if text:
            self.doc.blocks.append(Block(kind=kind, text=text, line=paragraph.line))

    # -- structure ----------------------------------------------------------------------------
    def division(self, division: Division) -> None:
        level = division.level
        self.counters[level] += 1
        for deeper in range(level + 1, len(self.counters)):
            self.counters[deeper] = 0
        heading = division.heading
        if self.keep:
            number = heading.marker.text if heading.marker else ""
        else:
            number = standard_marker(level, self.counters[level])
        marker_len = len(heading.marker.text) if heading.marker else 0
        own = division.paragraphs
        head_paragraph = own[0] if own and own[0].heading is heading else None
        rest = self.clean(heading.span.end, head_paragraph.span.end) if head_paragraph else ""
        self.doc.blocks.append(Block(
            kind="heading", level=level, number=number,
            heading=self.clean(heading.span.start + marker_len, heading.span.end), text=rest,
            line=heading.span.line,
        ))
        others = own[1:] if head_paragraph else own
        pm = part_of(self.match, division)
        groups = item_groups(pm, division) if pm is not None else None
        if groups is None:
            for paragraph in others:
                self.body(paragraph)
        else:
            prefix, units = groups
            ordered = slot_sort(units, group_key(pm))
            self.note_moves(units, ordered, group_key(pm), group=True)
            for paragraph in prefix:
                if paragraph is not head_paragraph:
                    self.body(paragraph)
            for number_, group in enumerate(ordered, 1):
                self.body(group[0], item_number=number_)
                for paragraph in group[1:]:
                    self.body(paragraph)
        children = division.children
        if pm is not None and any(u.kind == "division" for u in pm.units):
            children = slot_sort(children, child_key(pm))
            self.note_moves(division.children, children, child_key(pm))
        for child in children:
            self.division(child)

    def note_moves(self, before: list, after: list, key, group: bool = False) -> None:
        """Record the units that changed position (for the CLI's summary)."""
        for position, (was, now) in enumerate(zip(before, after), 1):
            if was is now or key(now) is None:
                continue
            if group:
                item = next(i for i in now[0].items if i.at_paragraph_start)
                self.doc.moves.append(Move(item.full_text.strip(_SPACE), now[0].line, position))
            else:
                self.doc.moves.append(Move(now.heading.full_text.strip(_SPACE), now.heading.span.line, position))
