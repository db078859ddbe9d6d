"""The drafter app: outline, editor, diagnostics, preview and status, over the engine's API.

The app holds the document (its :class:`SourceDocument`, the file's stamp, whether it is
modified) and the latest :class:`CheckResult`; the engine does all the reading, checking,
inserting and saving. Checking is debounced and runs in a thread, so typing never waits for it.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, TextArea
from textual.widgets.text_area import Selection

from drafter.api import CheckOptions, CheckResult, check_text
from drafter.diagnostics import Diagnostic, Edit, apply_edits
from drafter.errors import DrafterError, InputError
from drafter.files.save import FileStamp, SaveError, UnencodableError, changed_since, file_stamp, save_text
from drafter.outlines.definition import Outline, load_outline
from drafter.files.recovery import describe_difference, read_recovery, remove_recovery, write_recovery
from drafter.outlines.skeleton import insertion_for, not_a_draft_name, template_text
from drafter.files.source import SourceDocument, read_source
from drafter.report.textpos import LineIndex

from .commands import DrafterCommands
from .keys import bindings, help_rows
from .messages import JumpToDiagnostic, SectionChosen
from .preview import preview_content
from .screens.choice import ChoiceScreen
from .screens.find import FindScreen
from .screens.help import HelpScreen
from .screens.prompt import PromptScreen
from .widgets.diagnostics_panel import DiagnosticsPanel, build_options, group_title
from .widgets.editor import ReportEditor, marks_by_line
from .widgets.outline_panel import OutlinePanel
from .widgets.preview_panel import PreviewPanel
from .widgets.status_bar import Status, StatusBar

#: Seconds of quiet after the last keystroke before the document is checked again.
CHECK_DELAY = 0.3
#: Seconds between recovery writes while there are unsaved changes.
RECOVERY_INTERVAL = 3.0


def load_document(path: str, outline: Outline) -> tuple[SourceDocument, FileStamp | None, bool]:
    """Read ``path``, or start from the outline's template if it does not exist.

    Returns (source, stamp, is_new).

    Raises:
        InputError: the file exists but cannot be read as a report.
    """
    if not os.path.exists(path):
        reason = not_a_draft_name(path)
        if reason:
            raise InputError(reason, path)
        fmt = "md" if path.lower().endswith((".md", ".markdown")) else "txt"
        return SourceDocument(path=path, text=template_text(outline), format=fmt), None, True
    source = read_source(path)
    return source, file_stamp(path), False


def ignore_key(d: Diagnostic) -> tuple[str, str, str]:
    """What identifies an ignored diagnostic: code, text and message. The engine's
    ``CheckOptions.ignored`` uses (code, text), which for a placeholder “X” would hide every
    placeholder; the message quotes the words around it, so one ignore hides one problem
    (and its repeats with the same words)."""
    return d.code, d.text, d.message


class DrafterApp(App[int]):
    """Edit and check one report."""

    CSS_PATH = "app.tcss"
    TITLE = "drafter"
    COMMANDS = App.COMMANDS | {DrafterCommands}
    BINDINGS = bindings()
    """App actions as priority bindings (see :mod:`drafter_tui.keys`)."""

    def __init__(self, path: str, options: CheckOptions | None = None, *,
                 check_delay: float = CHECK_DELAY, recovery_interval: float = RECOVERY_INTERVAL) -> None:
        super().__init__()
        self.options = options or CheckOptions()
        self.outline = load_outline(self.options.outline)
        self.check_delay = check_delay
        self.recovery_interval = recovery_interval
        self.source, self.stamp, self.is_new = load_document(path, self.outline)
        #: Unsaved changes in the buffer.
        self.modified = self.is_new
        #: Bumped on every change of the buffer; a result is fresh when its version matches.
        self.version = 0
        self.result: CheckResult | None = None
        self.result_version = -1
        self._recovery_version = -1
        self._current: int | None = None
        self._find_query = ""
        self._loading = False
        #: Diagnostics ignored in this document (see :func:`ignore_key`).
        self.ignored: set[tuple[str, str, str]] = set()
        self.status = Status(path=os.path.basename(path), encoding=self.source.encoding_label, newline=self.source.newline,
                             modified=self.modified, read_only=bool(self.source.meta.get("read_only")))

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
        """Focus the editor, check at once, start the recovery timer, offer a recovery."""
        self.editor.focus()
        self.preview_panel.display = False
        self.editor.border_title = os.path.basename(self.source.path)
        self.refresh_status()
        self.schedule_check(0)
        self.set_interval(self.recovery_interval, self.write_recovery_now)
        self.offer_recovery()

    # ------------------------------------------------------------- checking
    def schedule_check(self, delay: float | None = None) -> None:
        """(Re)start the debounced check; an earlier pending check is cancelled."""
        self.status.checking = True
        self.run_check(self.check_delay if delay is None else delay)

    @work(exclusive=True, group="check")
    async def run_check(self, delay: float) -> None:
        """Wait for typing to pause, then check the buffer in a thread."""
        if delay:
            await asyncio.sleep(delay)
        version = self.version
        text = self.editor.text
        source, options, ignored = self.source, self.options, frozenset(self.ignored)
        want_preview = self.preview_panel.display

        def check():
            result = check_text(text, path=source.path, options=options, like=source)
            if ignored:
                result.diagnostics = [d for d in result.diagnostics if ignore_key(d) not in ignored]
            preview = preview_content(text, result) if want_preview else None
            return result, marks_by_line(result.diagnostics), build_options(result), preview

        result, marks, options, preview = await asyncio.to_thread(check)
        if version == self.version and self.modified and not self.is_new and text == self.source.text:
            # Undone back to the text as loaded or saved: nothing to save (compared here, after
            # the pause in typing, not per keystroke).
            self.modified = self.status.modified = False
            remove_recovery(self.source.path)  # else the next start offers the undone edits back
        self.apply_result(result, marks, version, options, preview)

    def apply_result(self, result: CheckResult, marks: dict, version: int, options=None, preview=None) -> None:
        """Show a check's result in the outline, the editor, the diagnostics and the status."""
        self.result, self.result_version = result, version
        self.status.checking = version != self.version
        self.editor.set_marks(marks)
        self.outline_panel.show_result(result)
        self.diagnostics_panel.show_result(result, options)
        self.status.counts = result.counts()
        if preview is not None and self.preview_panel.display:
            self.preview_panel.show(preview)
        self.refresh_status()

    @property
    def fresh(self) -> bool:
        """Whether the latest result describes the buffer as it is now."""
        return self.result is not None and self.result_version == self.version

    # --------------------------------------------------------------- editing
    @on(TextArea.Changed, "#editor")
    def on_editor_changed(self) -> None:
        """A keystroke: mark modified and restart the debounce (no O(document) work here)."""
        self.version += 1
        if self._loading:
            # load_text() reports a change too; a freshly loaded document is not modified.
            self._loading = False
        else:
            self.modified = True
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
        if self.result is not None:
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

    def replace_with_edits(self, edits: list[Edit] | tuple[Edit, ...], text: str) -> None:
        """Apply ``edits`` (offsets into ``text``, the buffer as last checked) as one undo step."""
        lo = min(e.start for e in edits)
        hi = max(e.end for e in edits)
        shifted = [Edit(e.start - lo, e.end - lo, e.replacement) for e in edits]
        replacement = apply_edits(text[lo:hi], shifted)
        index = self.result.report.index  # type: ignore[union-attr]
        self.editor.history.checkpoint()
        self.editor.replace(replacement, self.location_of(lo, index), self.location_of(hi, index))
        self.editor.history.checkpoint()

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

    def action_apply_fix(self) -> None:
        """F4: apply the target diagnostic's fix as one undo step."""
        if not self.fresh:
            self.notify("正在重新检查，请稍后再按 F4", severity="warning")
            return
        index = self.target_diagnostic()
        if index is None:
            self.notify("光标处没有问题；按 F8 转到下一个问题", severity="warning")
            return
        d = self.diagnostics[index]
        if d.fix is None or not d.fix.edits:
            self.notify(f"此问题没有自动修复：{d.message}", severity="warning")
            return
        self.replace_with_edits(d.fix.edits, self.result.report.text)  # type: ignore[union-attr]
        self._current = None
        self.editor.focus()
        self.notify(f"已修复：{d.message}（ctrl+z 撤销）")
        self.schedule_check(0.05)

    def action_ignore_diagnostic(self) -> None:
        """F9: ignore the target diagnostic (same code and text) for this document."""
        index = self.target_diagnostic()
        if index is None:
            self.notify("光标处没有问题；按 F8 转到下一个问题", severity="warning")
            return
        d = self.diagnostics[index]
        self.ignored.add(ignore_key(d))
        self._current = None
        self.notify(f"已忽略：{d.message}")
        self.schedule_check(0)

    @on(JumpToDiagnostic)
    def on_jump_to_diagnostic(self, message: JumpToDiagnostic) -> None:
        """Enter in the diagnostics panel: go there and edit."""
        if message.index < len(self.diagnostics):
            self.jump_to(message.index)
            self.editor.focus()

    # --------------------------------------------------------------- outline
    @on(SectionChosen)
    def on_section_chosen(self, message: SectionChosen) -> None:
        """Enter on an outline node: move the editor there."""
        self.go_to_section(message.part, message.section)

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

    def action_insert_section(self) -> None:
        """F10: insert the missing area selected in the outline (else the first missing one)."""
        node = self.outline_panel.cursor_node
        key = node.data if node is not None else None
        if key is not None and self.outline_panel.present.get(key) is False:
            self.insert_section(*key)
            return
        missing = [k for k, present in self.outline_panel.present.items() if present is False]
        # Prefer a missing area over a missing part, in outline order.
        areas = [k for k in missing if k[1] is not None]
        if areas or missing:
            self.insert_section(*(areas or missing)[0])
        else:
            self.notify("提纲中的各部分和方面都已具备")

    def insert_section(self, part: str, section: str | None) -> None:
        """Insert a missing area's heading skeleton (or a whole part) at the right place."""
        if not self.fresh:
            self.notify("正在重新检查，请稍后再按 F10", severity="warning")
            return
        text = self.result.report.text  # type: ignore[union-attr]
        insertion = insertion_for(text, self.result.match, part, section,  # type: ignore[union-attr]
                                  half=self.result.report.period.half)  # type: ignore[union-attr]
        if insertion is None:
            self.notify("该方面已存在，无需插入")
            return
        self.replace_with_edits(insertion.edits, text)
        # The insertion comes first (renumbering edits follow it), so its row is the same in the
        # new text as computed on the old; leading newlines put the heading on a later row.
        first = insertion.edits[0]
        row, _ = self.location_of(first.start)
        row += len(first.replacement) - len(first.replacement.lstrip("\n"))  # a blank line too in Markdown
        self.editor.selection = Selection.cursor((row, len(insertion.heading.split("\n")[0])))
        self.editor.scroll_cursor_visible(center=True)
        self.editor.focus()
        self.notify(f"已插入：{insertion.heading}（ctrl+z 撤销）")
        self.schedule_check(0.05)

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

    def action_find(self) -> None:
        """ctrl+f: find and replace."""
        selected = self.editor.selected_text
        self.push_screen(FindScreen(selected if selected and "\n" not in selected else self._find_query))

    def find_replace(self, what: str, query: str, replacement: str) -> str:
        """Find the next ``query`` after the cursor, replace the selected match, or replace all.

        Returns a message for the find screen.
        """
        if not query:
            return "请输入要查找的文字"
        self._find_query = query
        text = self.editor.text
        index = LineIndex(text)
        if what == "all":
            count = text.count(query)
            if count:
                self.editor.history.checkpoint()
                self.editor.replace(text.replace(query, replacement), (0, 0), self.editor.document.end)
                self.editor.history.checkpoint()
            return f"已替换 {count} 处"
        start_loc, end_loc = sorted((self.editor.selection.start, self.editor.selection.end))
        sel_start = index.offset(start_loc[0] + 1, start_loc[1] + 1)
        sel_end = index.offset(end_loc[0] + 1, end_loc[1] + 1)
        done = ""
        if what == "one" and text[sel_start:sel_end] == query:
            done = "已替换 1 处；"
            self.editor.history.checkpoint()
            self.editor.replace(replacement, start_loc, end_loc)
            self.editor.history.checkpoint()
            text = self.editor.text
            index = LineIndex(text)
            sel_end = sel_start + len(replacement)
        found = text.find(query, sel_end)
        wrapped = found == -1
        if wrapped:
            found = text.find(query)
        if found == -1:
            return f"{done}未找到“{query}”"
        line, column = index.position(found)
        end_line, end_column = index.position(found + len(query))
        self.editor.selection = Selection((line - 1, column - 1), (end_line - 1, end_column - 1))
        self.editor.scroll_cursor_visible(center=True)
        return f"{done}第 {line} 行第 {column} 列" + ("（已从头查找）" if wrapped else "")

    # ----------------------------------------------------------------- files
    def action_save(self) -> None:
        """F2 / ctrl+s: save in the file's own encoding and line ends."""
        self.save_flow(None)

    def action_save_as(self) -> None:
        """Shift+F2: save under a new name."""
        self.save_as_flow()

    @work(exclusive=True, group="dialog")
    async def save_as_flow(self) -> None:
        """Ask for a path, then save there."""
        suggested = self.source.path
        if self.source.meta.get("read_only"):  # a .docx is never written as text: offer a .txt beside it
            suggested = os.path.splitext(suggested)[0] + ".txt"
        path = await self.push_screen_wait(PromptScreen("另存为（文件路径）：", suggested))
        if not path:
            return
        reason = not_a_draft_name(path)  # x.pdf would get plain text that nothing can open
        if reason:
            self.notify(f"{path}：{reason}", title="未保存", severity="error", timeout=10)
            return
        await self.save(path)

    @work(exclusive=True, group="dialog")
    async def save_flow(self, path: str | None) -> None:
        """Save (a worker, because it may ask questions)."""
        await self.save(path)

    async def save(self, path: str | None = None) -> bool:
        """Save the buffer; ask before overwriting a file changed on disk; offer UTF-8 for
        characters the encoding cannot hold. A failed save keeps the buffer and says why."""
        target = path or self.source.path
        same_file = os.path.abspath(target) == os.path.abspath(self.source.path)
        if same_file and changed_since(target, self.stamp):
            answer = await self.push_screen_wait(ChoiceScreen(
                f"{target} 在打开后已被其他程序修改。覆盖磁盘上的版本吗？",
                [("overwrite", "覆盖保存"), ("reload", "放弃我的修改，重新载入"), ("cancel", "取消")]))
            if answer == "reload":
                self.reload_from_disk()
                return False
            if answer != "overwrite":
                self.notify("未保存", severity="warning")
                return False
        text = self.editor.text
        source = self.source
        while True:
            try:
                saved = await asyncio.to_thread(save_text, source, text, target)
                break
            except UnencodableError as exc:
                answer = await self.push_screen_wait(ChoiceScreen(
                    exc.message, [("utf8", "改存为 UTF-8"), ("cancel", "取消（不保存）")]))
                if answer != "utf8":
                    self.notify("未保存：编码无法容纳部分字符，缓冲区内容保留", severity="warning", timeout=8)
                    return False
                source = replace(source, encoding="utf-8", bom=b"")
            except SaveError as exc:
                self.notify(f"{exc}\n缓冲区内容已保留，可另存为（shift+F2）其他位置", title="保存失败",
                            severity="error", timeout=12)
                return False
        old_path = self.source.path
        self.source = saved
        self.stamp = file_stamp(target)
        self.modified = self.is_new = False
        remove_recovery(old_path)
        remove_recovery(target)
        self.status.path = os.path.basename(target)
        self.status.encoding, self.status.newline = saved.encoding_label, saved.newline
        self.status.modified = False
        self.status.read_only = bool(saved.meta.get("read_only"))
        self.editor.border_title = os.path.basename(target)
        self.refresh_status()
        self.notify(f"已保存 {target}（{saved.encoding_label}）")
        return True

    def reload_from_disk(self) -> None:
        """Replace the buffer with the file on disk (after the user chose to)."""
        try:
            source = read_source(self.source.path)
        except DrafterError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.load(source, file_stamp(source.path))
        self.notify("已重新载入磁盘上的版本")

    def load(self, source: SourceDocument, stamp: FileStamp | None, modified: bool = False) -> None:
        """Show ``source`` in the editor as the current document."""
        self.source, self.stamp = source, stamp
        self._loading = not modified
        self.editor.load_text(source.text)
        self.modified = modified
        self.version += 1
        self._current = None
        self.status = Status(path=os.path.basename(source.path), encoding=source.encoding_label, newline=source.newline,
                             modified=modified, counts=self.status.counts,
                             read_only=bool(source.meta.get("read_only")))
        self.editor.border_title = os.path.basename(source.path)
        self.schedule_check(0)
        self.refresh_status()

    def action_open(self) -> None:
        """ctrl+o: open another file (asks first when there are unsaved changes)."""
        self.open_flow()

    @work(exclusive=True, group="dialog")
    async def open_flow(self) -> None:
        """Ask for a path and open it."""
        if self.modified:
            answer = await self.push_screen_wait(ChoiceScreen(
                "当前文档有未保存的修改。", [("save", "保存后打开"), ("discard", "不保存"), ("cancel", "取消")]))
            if answer == "cancel" or (answer == "save" and not await self.save()):
                return
            if answer == "discard":
                remove_recovery(self.source.path)
        path = await self.push_screen_wait(PromptScreen("打开文件（路径；不存在则按提纲模板新建）：",
                                                        str(Path(self.source.path).parent) + os.sep))
        if not path:
            return
        try:
            source, stamp, is_new = load_document(path, self.outline)
        except DrafterError as exc:
            self.notify(str(exc), title="无法打开", severity="error", timeout=10)
            return
        self.is_new = is_new
        self.load(source, stamp, modified=is_new)
        self.offer_recovery()

    async def action_quit(self) -> None:
        """ctrl+q: quit, asking first when there are unsaved changes."""
        if not self.modified:
            self.exit(0)
            return
        self.quit_flow()

    @work(exclusive=True, group="dialog")
    async def quit_flow(self) -> None:
        """Ask whether to save, discard or stay."""
        answer = await self.push_screen_wait(ChoiceScreen(
            "有未保存的修改。退出前要保存吗？",
            [("save", "保存并退出"), ("discard", "不保存，退出"), ("cancel", "取消")]))
        if answer == "save":
            if await self.save():
                self.exit(0)
        elif answer == "discard":
            remove_recovery(self.source.path)
            self.exit(0)

    # -------------------------------------------------------------- recovery
    async def write_recovery_now(self) -> None:
        """Every few seconds: keep unsaved text in the recovery file."""
        if not self.modified or self._recovery_version == self.version:
            return
        version, text, path = self.version, self.editor.text, self.source.path
        try:
            await asyncio.to_thread(write_recovery, path, text)
        except DrafterError as exc:
            self.notify(f"无法写入恢复文件：{exc}", severity="warning")
            return
        self._recovery_version = version

    @work(exclusive=True, group="recovery")
    async def offer_recovery(self) -> None:
        """If unsaved text of this file survived a crash, show what differs and offer it."""
        found = read_recovery(self.source.path)
        if found is None:
            return
        if found.text == self.source.text:
            remove_recovery(self.source.path)
            return
        diff = await asyncio.to_thread(describe_difference, self.source.text, found.text)
        answer = await self.push_screen_wait(ChoiceScreen(
            "发现上次未保存的修改（程序异常退出时留下）。恢复吗？",
            [("restore", "恢复未保存的修改"), ("discard", "丢弃，使用磁盘上的版本")], detail=diff))
        if answer == "restore":
            self.editor.load_text(found.text)
            self.modified = True
            self.version += 1
            self.status.modified = True
            self.schedule_check(0)
            self.notify("已恢复未保存的修改；保存后生效")
        remove_recovery(self.source.path)
