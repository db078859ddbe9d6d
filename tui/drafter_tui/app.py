"""The drafter app: outline, editor, diagnostics, preview and status, over the engine's API.

The app composes the widgets, holds the document (its :class:`SourceDocument`, the file's stamp,
whether it is modified) and the latest :class:`CheckResult`, and routes keys and messages. The
work is in mixins, one job each: :mod:`.document` (open, save, reload, recovery),
:mod:`.checking` (the debounced check worker), :mod:`.navigation` (diagnostics and sections),
:mod:`.editing` (fixes, ignores, insertions, find and replace). The engine does all the reading,
checking, inserting and saving.
"""

from __future__ import annotations

import os

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, TextArea

from drafter.api import CheckOptions, CheckResult
from drafter.outlines.definition import load_outline

from .builtins_zh import ChineseBuiltinsMixin
from .checking import CHECK_DELAY, CheckingMixin
from .commands import DrafterCommands
from .document import RECOVERY_DELAY, RECOVERY_MAX_WAIT, DocumentMixin, load_document
from .editing import EditingMixin
from .exporting import ExportMixin
from .keys import bindings, help_rows
from .messages import JumpToDiagnostic, SectionChosen
from .navigation import NavigationMixin
from .preview import preview_content
from .screens.help import HelpScreen
from .widgets.diagnostics_panel import DiagnosticsPanel, group_title
from .widgets.editor import ReportEditor
from .widgets.outline_panel import OutlinePanel
from .widgets.preview_panel import PreviewPanel
from .widgets.status_bar import Status, StatusBar


class DrafterApp(CheckingMixin, NavigationMixin, EditingMixin, ExportMixin, DocumentMixin, ChineseBuiltinsMixin,
                 App[int]):
    """Edit and check one report."""

    CSS_PATH = "app.tcss"
    TITLE = "drafter"
    COMMANDS = App.COMMANDS | {DrafterCommands}
    BINDINGS = bindings()
    """App actions as priority bindings (see :mod:`drafter_tui.keys`)."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (140, "-wide")]
    """Below 100 columns the outline folds away and panels stack (see app.tcss)."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """Below 32 rows the problem list shrinks so the text keeps most of the screen."""

    def __init__(self, path: str, options: CheckOptions | None = None, *,
                 check_delay: float = CHECK_DELAY, recovery_delay: float = RECOVERY_DELAY,
                 recovery_max_wait: float = RECOVERY_MAX_WAIT) -> None:
        super().__init__()
        self.options = options or CheckOptions()
        self.outline = load_outline(self.options.outline)
        self.check_delay = check_delay
        self.recovery_delay, self.recovery_max_wait = recovery_delay, recovery_max_wait
        self.source, self.stamp, self.is_new = load_document(path, self.outline)
        #: Unsaved changes in the buffer.
        self.modified = self.is_new
        #: Bumped on every change of the buffer; a result is fresh when its version matches.
        self.version = 0
        self.result: CheckResult | None = None
        self.result_version = -1
        self._recovery_version = -1
        self._recovery_first: float | None = None
        self._recovery_timer = None
        self._recovery_writing = self._recovery_again = False
        self.start_recovery_session(path)
        self._current: int | None = None
        self._find_query = ""
        self._loading = False
        #: Diagnostics ignored for this session only, in a document not yet on disk (see
        #: :func:`ignore_key`); other ignores go to the project file (F9) and last.
        self.ignored: set[tuple[str, str, str]] = set()
        #: The diagnostics the session ignores hid in the latest check.
        self.session_ignored: list = []
        self.status = Status(path=os.path.basename(path), encoding=self.source.encoding_label, newline=self.source.newline,
                             modified=self.modified, read_only=bool(self.source.meta.get("read_only")),
                             outline=self.outline.title)

    # ----------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        """Outline | editor over diagnostics | preview; status bar and keys at the bottom."""
        self.outline_panel = OutlinePanel(self.outline, id="outline")
        self.editor = ReportEditor(self.source.text, id="editor")
        self.diagnostics_panel = DiagnosticsPanel(id="diagnostics")
        self.preview_panel = PreviewPanel(id="preview")
        self.status_bar = StatusBar(id="status")
        with Horizontal(id="main"):
            yield self.outline_panel
            with Vertical(id="center"):
                yield self.editor
                yield self.diagnostics_panel
            yield self.preview_panel
        yield self.status_bar
        yield Footer()

    def on_mount(self) -> None:
        """Focus the editor, check at once, offer a recovery."""
        self.editor.focus()
        self.preview_panel.display = False
        self.editor.border_title = os.path.basename(self.source.path)
        self.refresh_status()
        self.schedule_check(0)
        self.warn_other_editors()
        self.offer_recovery()

    def on_unmount(self) -> None:
        """Release the recovery lock (a recovery of unsaved text stays)."""
        self.close_recovery_session()

    # ------------------------------------------------------------- routing
    @on(TextArea.Changed, "#editor")
    def on_editor_changed(self) -> None:
        """A keystroke: mark modified and restart the debounce (no O(document) work here)."""
        self.version += 1
        if self._loading:
            # load_text() reports a change too; a freshly loaded document is not modified.
            self._loading = False
        else:
            self.modified = True
            self.schedule_recovery()
        self.status.modified = self.modified
        self.schedule_check()
        self.refresh_status()

    @on(TextArea.SelectionChanged, "#editor")
    def on_editor_moved(self) -> None:
        """The cursor moved: update line:column and the current section."""
        self.refresh_status()

    def refresh_status(self) -> None:
        """Redraw the status bar (cheap: uses the last result's line index)."""
        row, column = self.editor.cursor_location
        self.status.line, self.status.column = row + 1, column + 1
        self.status.section = ""
        self.status.outline = self.outline.title
        if self.result is not None:
            date = self.result.date
            # An undated report is judged as of today: say so, with the date taken.
            self.status.period = (f"未注明日期，按 {date.value.isoformat()} 判断" if date is not None and date.assumed
                                  else self.result.report.period.label)
            index = self.result.report.index
            line = min(row + 1, index.line_count)
            offset = index.offset(line, 1) + column
            part, section = self.result.match.locate(offset)
            self.status.section = self.section_title(part, section)
            if part is not None:
                self.outline_panel.select_key(part, section)
        self.status_bar.show(self.status)

    def section_title(self, part: str | None, section: str | None) -> str:
        """“上半年工作总结 › 理论武装” for ids; "" outside the outline."""
        if part is None or self.result is None or self.outline.part(part) is None:
            return ""
        return group_title(self.result, part, section)

    @on(JumpToDiagnostic)
    def on_jump_to_diagnostic(self, message: JumpToDiagnostic) -> None:
        """Enter in the diagnostics panel: go there and edit."""
        if message.index < len(self.diagnostics):
            self.jump_to(message.index)
            self.editor.focus()

    @on(SectionChosen)
    def on_section_chosen(self, message: SectionChosen) -> None:
        """Enter on an outline node: move the editor there."""
        self.go_to_section(message.part, message.section)

    # ---------------------------------------------------------------- panels
    def action_toggle_outline(self) -> None:
        """ctrl+b: show or hide the outline panel."""
        self.outline_panel.display = not self.outline_panel.display

    def action_toggle_diagnostics(self) -> None:
        """ctrl+l: show or hide the diagnostics panel."""
        self.diagnostics_panel.display = not self.diagnostics_panel.display

    def action_toggle_preview(self) -> None:
        """ctrl+r: show or hide the preview of the final text."""
        self.preview_panel.display = not self.preview_panel.display
        if self.preview_panel.display:
            text = self.editor.text
            self.preview_panel.show(preview_content(text, self.result))

    def action_focus_editor(self) -> None:
        """ctrl+t: back to the editor."""
        self.editor.focus()

    def action_help(self) -> None:
        """F1: the help screen."""
        self.push_screen(HelpScreen(help_rows()))
