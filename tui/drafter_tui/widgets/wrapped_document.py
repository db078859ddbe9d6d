"""The editor's wrapped view of the document: rows broken by Chinese rules, height in O(1).

Textual 8.2.8's ``WrappedDocument`` breaks rows at spaces and folds the rest at the width, so a
Chinese row can start with ，、 or end with “, and a quoted name breaks at its space. This subclass
keeps Textual's data layout (the TextArea, its cursor navigation and drawing read
``_wrap_offsets``, ``_offset_to_line_info``, ``_line_index_to_offsets`` and
``_tab_width_cache``: private API of the pinned version) and fills it from
:func:`~drafter_tui.widgets.line_breaking.break_offsets`. Cursor, selection, clicks and marks map
through the same offsets, so they land on the characters as drawn.

Two costs of the original are avoided as well: ``height`` summed the offsets of every line and
the TextArea asks for it once per drawn line (60 ms per keystroke on a 2.7 MB report); here it
is the number of rows, which ``wrap``/``wrap_range`` keep.
"""

from __future__ import annotations

from textual._wrap import compute_wrap_offsets
from textual.document._document import Location
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths
from textual.geometry import clamp

from .line_breaking import break_offsets


def _wrap_line(line: str, width: int, tab_width: int) -> tuple[list[int], list[int]]:
    """(break offsets, tab widths) of one line. A line with tabs keeps Textual's own wrapping,
    whose tab stops depend on the row (official reports rarely contain tabs)."""
    if "\t" not in line:
        return break_offsets(line, width), ([0] if line else [])
    sections = get_tab_widths(line, tab_width)
    offsets = compute_wrap_offsets(line, width, tab_width, precomputed_tab_sections=sections) if width else []
    return offsets, [w for _, w in sections]


class ChineseWrappedDocument(WrappedDocument):
    """A ``WrappedDocument`` whose rows follow Chinese line-breaking rules."""

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """Wrap every line at ``width`` cells (0: no wrapping)."""
        self._width = width
        if tab_width:
            self._tab_width = tab_width
        wrap_offsets: list[list[int]] = []
        tab_widths: list[list[int]] = []
        row_info: list[tuple[int, int]] = []
        line_rows: list[list[int]] = []
        tab = self._tab_width
        for line_index, line in enumerate(self.document.lines):
            offsets, tabs = _wrap_line(line, width, tab)
            wrap_offsets.append(offsets)
            tab_widths.append(tabs)
            first = len(row_info)
            count = len(offsets) + 1
            line_rows.append(list(range(first, first + count)))
            row_info.extend((line_index, section) for section in range(count))
        self._wrap_offsets = wrap_offsets
        self._tab_width_cache = tab_widths
        self._offset_to_line_info = row_info
        self._line_index_to_offsets = line_rows

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        """Rewrap the lines an edit touched (called after the document was edited); the rows
        below shift by the change in rows and lines."""
        old_max = len(self._line_index_to_offsets) - 1
        new_max = self.document.line_count - 1
        start_line = clamp(start[0], 0, min(old_max, new_max))
        old_end_line = clamp(old_end[0], 0, old_max)
        new_end_line = clamp(new_end[0], 0, new_max)
        top, old_bottom = sorted((start_line, old_end_line))
        new_bottom = max(start_line, new_end_line)

        top_row = self._line_index_to_offsets[top][0]
        old_bottom_row = self._line_index_to_offsets[old_bottom][-1]

        wrap_offsets: list[list[int]] = []
        tab_widths: list[list[int]] = []
        row_info: list[tuple[int, int]] = []
        line_rows: list[list[int]] = []
        width, tab = self._width, self._tab_width
        row = top_row
        for line_index in range(top, new_bottom + 1):
            offsets, tabs = _wrap_line(self.document[line_index], width, tab)
            wrap_offsets.append(offsets)
            tab_widths.append(tabs)
            count = len(offsets) + 1
            line_rows.append(list(range(row, row + count)))
            row_info.extend((line_index, section) for section in range(count))
            row += count

        row_shift = len(row_info) - (old_bottom_row - top_row + 1)
        line_shift = new_bottom - old_bottom
        if line_shift:
            below = self._offset_to_line_info[old_bottom_row + 1:]
            self._offset_to_line_info[top_row:] = row_info + [(line + line_shift, s) for line, s in below]
        else:
            self._offset_to_line_info[top_row:old_bottom_row + 1] = row_info
        if row_shift:
            below_lines = self._line_index_to_offsets[old_bottom + 1:]
            self._line_index_to_offsets[top:] = line_rows + [[r + row_shift for r in rows] for rows in below_lines]
        else:
            self._line_index_to_offsets[top:old_bottom + 1] = line_rows
        self._wrap_offsets[top:old_bottom + 1] = wrap_offsets
        self._tab_width_cache[top:old_bottom + 1] = tab_widths

    @property
    def height(self) -> int:
        """The number of rows (Textual's sums every line's offsets on each call)."""
        return len(self._offset_to_line_info)
