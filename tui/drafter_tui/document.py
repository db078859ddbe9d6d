"""The document's life: open, save, save as, reload, quit, and recovery after a crash.

Reading and writing are the engine's (:mod:`drafter.files`); this module asks the user what to do
when a save is not simple (the file changed on disk, characters its encoding cannot hold, unsaved
changes before open or quit) and keeps the recovery file of unsaved edits.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from pathlib import Path

from textual import work

from drafter.errors import DrafterError, InputError
from drafter.files.document import SourceDocument
from drafter.files.recovery import describe_difference, read_recovery, remove_recovery, write_recovery
from drafter.files.save import FileStamp, SaveError, UnencodableError, changed_since, file_stamp, save_text
from drafter.files.source import read_source
from drafter.outlines.definition import Outline
from drafter.outlines.skeleton import not_a_draft_name, template_text

from .screens.choice import ChoiceScreen
from .screens.prompt import PromptScreen
from .widgets.status_bar import Status

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


class DocumentMixin:
    """The document's life (mixed into :class:`~drafter_tui.app.DrafterApp`)."""

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
