"""Moving around the report: to a diagnostic (F8, shift+F8, the problem list) or a section.

Offsets come from the last check's text; (row, column) in the editor are 0-based code points.
"""

from __future__ import annotations

from textual.widgets.text_area import Selection

from drafter.diagnostics import Diagnostic
from drafter.report.textpos import LineIndex


class NavigationMixin:
    """Navigation actions (mixed into :class:`~drafter_tui.app.DrafterApp`)."""

    def location_of(self, offset: int, index: LineIndex | None = None) -> tuple[int, int]:
        """Editor location (0-based row, column) of a text offset of the last checked text."""
        index = index or self.result.report.index  # type: ignore[union-attr]
        line, column = index.position(offset)
        return line - 1, column - 1

    def select_range(self, start: int, end: int | None = None, index: LineIndex | None = None) -> None:
        """Select ``[start, end)`` (offsets) in the editor and scroll it into view."""
        begin = self.location_of(start, index)
        finish = self.location_of(end if end is not None else start, index)
        self.editor.selection = Selection(begin, finish)
        self.editor.scroll_cursor_visible(center=True)

    # ----------------------------------------------------------- diagnostics
    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The latest result's diagnostics (document order)."""
        return self.result.diagnostics if self.result else []

    def jump_to(self, index: int) -> None:
        """Select diagnostic ``index`` in the editor and highlight it in the panel."""
        d = self.diagnostics[index]
        self._current = index
        self.select_range(d.span.start, d.span.end)
        self.diagnostics_panel.highlight_index(index)
        self.notify_diagnostic(d)

    def notify_diagnostic(self, d: Diagnostic) -> None:
        """Show the current diagnostic briefly."""
        hint = f"；建议：{d.suggestion}" if d.suggestion else ""
        fix = "（F4 修复）" if d.fix else ""
        self.notify(f"{d.severity.label}：{d.message}{hint}{fix}", timeout=4,
                    severity="error" if d.severity.value == "error" else "warning" if d.severity.value == "warning" else "information")

    def cursor_offset(self) -> int:
        """Offset of the cursor in the last checked text (start of the selection)."""
        if self.result is None:
            return 0
        start = min(self.editor.selection.start, self.editor.selection.end)
        index = self.result.report.index
        row = min(start[0] + 1, index.line_count)
        return index.offset(row, 1) + start[1]

    def action_next_diagnostic(self) -> None:
        """F8: the next diagnostic after the cursor, in document order (wraps around)."""
        self._walk(1)

    def action_previous_diagnostic(self) -> None:
        """Shift+F8: the previous diagnostic before the cursor."""
        self._walk(-1)

    def _walk(self, step: int) -> None:
        items = self.diagnostics
        if not items:
            self.notify("没有发现问题")
            return
        here = self.cursor_offset()
        current = self._current
        if current is not None and current < len(items) and items[current].span.start == here:
            target = (current + step) % len(items)
        elif step > 0:
            target = next((i for i, d in enumerate(items) if d.span.start >= here), 0)
        else:
            target = next((i for i in range(len(items) - 1, -1, -1) if items[i].span.start < here), len(items) - 1)
        self.jump_to(target)

    def target_diagnostic(self) -> int | None:
        """The diagnostic an action applies to: the panel's highlighted one when the panel has
        focus, else the current one (last jumped to) if the cursor is still on it, else the one
        under the cursor."""
        if self.diagnostics_panel.has_focus:
            return self.diagnostics_panel.highlighted_index()
        items = self.diagnostics
        here = self.cursor_offset()
        if self._current is not None and self._current < len(items):
            span = items[self._current].span
            if span.start <= here <= span.end:
                return self._current
        return next((i for i, d in enumerate(items) if d.span.start <= here <= d.span.end), None)

    def go_to_section(self, part: str, section: str | None) -> None:
        """Move the editor to a part or area; for a missing area, to its part (F10 inserts it)."""
        if self.result is None:
            return
        pm = self.result.match.part(part)
        if pm is None or not pm.found:
            self.notify("该部分缺失；按 F10 插入", severity="warning")
            return
        offset = pm.span.start if pm.span else pm.start
        if section is not None:
            sm = next((s for s in pm.sections if s.section.id == section), None)
            if sm is not None and sm.unit is not None:
                offset = sm.unit.start
            else:
                self.notify("该方面缺失；在提纲面板选中它后按 F10 插入", severity="warning")
        self.select_range(offset)
        self.editor.focus()

    def action_goto_section(self) -> None:
        """ctrl+g: show and focus the outline panel to pick a section."""
        self.outline_panel.display = True
        self.outline_panel.focus()
