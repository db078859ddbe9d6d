"""The editor: a soft-wrapped TextArea that marks diagnostics in the text by severity.

Rows break by Chinese rules (:mod:`.wrapped_document`, :mod:`.line_breaking`): no ，、。” at a
row's start, no “（《 at its end.

Marks are kept per line as (start column, end column, style); ``get_line`` stylizes only the
line being drawn, so a long document costs nothing per keystroke. Columns are code points, so
wide (CJK) characters are marked exactly; Textual maps them to cells when it draws.
"""

from __future__ import annotations

from typing import Iterable

from rich.text import Text
from textual.strip import Strip
from textual.widgets import TextArea

from drafter.diagnostics import Diagnostic, Severity

from .wrapped_document import ChineseWrappedDocument

#: Style of a diagnostic's range, by severity name.
SEVERITY_STYLES = {
    "error": "underline #ff5f5f on #4a1010",
    "warning": "underline #ffd75f on #3a3410",
    "info": "underline #87afff",
}


def marks_by_line(diagnostics: Iterable[Diagnostic]) -> dict[int, list[tuple[int, int, str]]]:
    """0-based line → [(start column, end column, style)], splitting ranges that span lines.

    Lower severities first so that an error drawn over a warning wins.
    """
    marks: dict[int, list[tuple[int, int, str]]] = {}
    # (Severity.rank and .value per diagnostic cost more than the rest: 7,000 findings of a
    # 2.7 MB draft are marked after every check.)
    rank = {s: s.rank for s in Severity}
    styles = {s: SEVERITY_STYLES[s.value] for s in Severity}
    ordered = sorted(diagnostics, key=lambda d: rank[d.severity])
    for d in ordered:
        style = styles[d.severity]
        span = d.span
        first, last = span.line - 1, span.end_line - 1
        if first == last:
            start, end = span.column - 1, span.end_column - 1
            if end <= start:
                end = start + 1  # an empty range is still shown, on one character
            found = marks.get(first)
            if found is None:
                marks[first] = [(start, end, style)]
            else:
                found.append((start, end, style))
            continue
        for line in range(first, last + 1):
            start = span.column - 1 if line == first else 0
            end = span.end_column - 1 if line == last else 1 << 30
            if end <= start:
                end = start + 1
            marks.setdefault(line, []).append((start, end, style))
    return marks


class ReportEditor(TextArea):
    """The report's text, soft-wrapped by Chinese rules, with diagnostics marked."""

    DEFAULT_CSS = """
    ReportEditor { border: none; }
    """

    BLINK = True
    """Whether the cursor blinks (tests turn it off so screenshots are stable)."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", show_line_numbers=True, **kwargs)
        self.cursor_blink = self.BLINK
        self.wrapped_document.__class__ = ChineseWrappedDocument

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        self.wrapped_document.__class__ = ChineseWrappedDocument
        self._marks: dict[int, list[tuple[int, int, str]]] = {}

    def set_marks(self, marks: dict[int, list[tuple[int, int, str]]]) -> None:
        """Replace the diagnostic marks and redraw (the line cache must be dropped)."""
        self._marks = marks
        self.notify_style_update()
        self.refresh()

    @property
    def marks(self) -> dict[int, list[tuple[int, int, str]]]:
        """The marks drawn now (the check thread compares its new ones with these)."""
        return self._marks

    def marks_on(self, line_index: int) -> list[tuple[int, int, str]]:
        """The marks drawn on a 0-based line."""
        return list(self._marks.get(line_index, ()))

    def render_line(self, y: int) -> Strip:
        """TextArea.render_line of Textual 8.2.8 with a cache that survives typing.

        Textual's keys a drawn row by its place on screen and, with soft wrapping, by the
        selection, and empties the cache at every edit: each keystroke drew every visible row
        again. Here a row is keyed by what it shows — its line's text, number and wrap offsets,
        which of its wrapped rows it is — and by the selection and cursor only where they touch
        its line; an edit (no syntax highlighting here) keeps the cache (see
        :meth:`_build_highlight_map`), so a keystroke draws the rows of its own line again and
        those that moved. It also skips the placeholder test, which reads ``self.text`` (joining
        the whole document) for every line drawn."""
        document = self.document
        if self.placeholder and document.line_count == 1 and not document.get_line(0):
            return super().render_line(y)
        scroll_x, scroll_y = self.scroll_offset
        absolute_y = scroll_y + y
        wrapped = self.wrapped_document
        info = None
        if absolute_y < wrapped.height:
            try:
                info = wrapped._offset_to_line_info[absolute_y]
            except IndexError:
                info = None
        if info is None:
            return super().render_line(y)
        line_index, section = info
        selection = self.selection
        top, bottom = sorted(selection)
        touches = top[0] <= line_index <= bottom[0]
        bracket = self._matching_bracket_location
        cache_key = (
            self.size,
            scroll_x,
            line_index,
            section,
            document.get_line(line_index),
            tuple(wrapped.get_offsets(line_index)),
            self.gutter_width,
            (selection, self._cursor_visible and self.cursor_blink, self.suggestion,
             self.has_focus) if touches else None,
            bracket if touches or (bracket is not None and bracket[0] == line_index) else None,
            self.theme,
            self.match_cursor_bracket,
            self.soft_wrap,
            self.show_line_numbers,
            self.read_only,
            self.show_cursor,
        )
        if (cached_line := self._line_cache.get(cache_key)) is not None:
            return cached_line
        line = self._render_line(y)
        self._line_cache[cache_key] = line
        return line

    def _build_highlight_map(self) -> None:
        """After an edit Textual rebuilds the syntax highlights and empties the row cache; the
        editor highlights no syntax, and its rows are keyed by their text (:meth:`render_line`),
        so the cache stays."""
        if self._highlight_query:
            super()._build_highlight_map()
        else:
            self._highlights.clear()

    def get_line(self, line_index: int) -> Text:
        """The line as TextArea draws it, with diagnostic ranges stylized."""
        line = super().get_line(line_index)
        for start, end, style in self._marks.get(line_index, ()):
            line.stylize(style, start, min(end, len(line.plain)))
        return line
