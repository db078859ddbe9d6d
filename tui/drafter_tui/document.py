"""The document's life: open, save, save as, reload, quit, and recovery after a crash.

Reading and writing are the engine's (:mod:`drafter.files`); this module asks the user what to do
when a save is not simple (the file changed on disk, a read-only file, another user's file, an
existing file on save-as, characters its encoding cannot hold, unsaved changes before open or
quit) and keeps the recovery file of unsaved edits.

Recovery is written after a pause in typing (:data:`RECOVERY_DELAY`), and at the latest
:data:`RECOVERY_MAX_WAIT` after the first unwritten change even while typing goes on, in a
thread, so a crash loses at most about a second of typing. It used to be a fixed 3-second tick
from start-up: killed within three seconds of typing, the editor brought the typed text back 6
times out of 100.
"""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import replace
from pathlib import Path

from textual import work

from drafter.errors import DrafterError, InputError
from drafter.files.document import SourceDocument
from drafter.files.recovery import RecoverySession, describe_difference
from drafter.files.save import (FileStamp, ProtectedFileError, SaveError, UnencodableError, changed_since,
                                file_stamp, protection, save_text)
from drafter.files.source import read_source
from drafter.outlines.definition import Outline
from drafter.outlines.skeleton import not_a_draft_name, template_text

from .screens.choice import ChoiceScreen
from .screens.prompt import PromptScreen
from .widgets.status_bar import Status

#: Seconds of no typing after which unsaved text is written to the recovery file.
RECOVERY_DELAY = 0.3
#: Most seconds an unsaved change waits for its recovery write while typing goes on.
RECOVERY_MAX_WAIT = 1.0


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
        replace_protected = False
        if not same_file and os.path.lexists(target):
            answer = await self.push_screen_wait(ChoiceScreen(
                f"{target} 已存在。用当前文档覆盖它吗？",
                [("overwrite", "覆盖"), ("cancel", "取消（不保存）")]))
            if answer != "overwrite":
                self.notify("未保存：目标文件已存在", severity="warning")
                return False
        reason = protection(target)
        if reason:
            keeps = "属主和权限保持不变" if os.geteuid() == 0 or "只读" in reason else "保存后文件将属于你"
            answer = await self.push_screen_wait(ChoiceScreen(
                f"{target}：{reason}。仍要覆盖吗？（{keeps}）",
                [("overwrite", "仍然覆盖"), ("cancel", "取消（不保存）")]))
            if answer != "overwrite":
                self.notify(f"未保存：{reason}；可另存为（shift+F2）其他文件", severity="warning", timeout=8)
                return False
            replace_protected = True
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
                saved = await asyncio.to_thread(save_text, source, text, target,
                                                replace_protected=replace_protected)
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
        self.recovery.remove()
        if os.path.abspath(old_path) != os.path.abspath(target):
            self.start_recovery_session(target)
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
        if os.path.abspath(source.path) != os.path.abspath(self.source.path):
            self.start_recovery_session(source.path)
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
                self.recovery.remove()
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
            self.recovery.remove()
            self.exit(0)

    # -------------------------------------------------------------- recovery
    def start_recovery_session(self, path: str) -> None:
        """Hold the recovery lock of ``path`` (releasing the previous document's) and warn when
        another editor has the same file open: its recovery is its own, never offered here."""
        old = getattr(self, "recovery", None)
        if old is not None:
            if not self.modified:
                old.remove()
            old.close()
        self.recovery = RecoverySession(path).open()
        if self.is_running:
            self.warn_other_editors()

    def warn_other_editors(self) -> None:
        """Say so when another drafter has this file open."""
        others = self.recovery.others()
        if others:
            path = self.recovery.document
            pids = "、".join(str(o.get("pid", "?")) for o in others)
            self.notify(f"{os.path.basename(path)} 已在另一个 drafter 中打开（进程 {pids}）：两边的修改互不可见，"
                        "后保存的一方会被询问是否覆盖；对方未保存的修改由对方保留",
                        title="文件已被打开", severity="warning", timeout=15)

    def close_recovery_session(self) -> None:
        """At exit: release the lock; a recovery of unsaved text stays for the next start."""
        if getattr(self, "recovery", None) is not None:
            if not self.modified:
                self.recovery.remove()
            self.recovery.close()

    def schedule_recovery(self) -> None:
        """After a change: write the recovery once typing pauses, and no later than
        :data:`RECOVERY_MAX_WAIT` after the first change not yet written. Cheap per key:
        it only moves a timer."""
        now = time.monotonic()
        if self._recovery_first is None:
            self._recovery_first = now
        due = min(now + self.recovery_delay, self._recovery_first + self.recovery_max_wait)
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
        self._recovery_timer = self.set_timer(max(0.01, due - now), self._recovery_due)

    def _recovery_due(self) -> None:
        self._recovery_timer = None
        self._recovery_first = None
        self.run_worker(self.write_recovery_now(), group="recovery-write")

    async def write_recovery_now(self) -> None:
        """Keep the unsaved text in this editor's recovery file (in a thread: typing goes on)."""
        if not self.modified or self._recovery_version == self.version:
            return
        if self._recovery_writing:
            self._recovery_again = True  # one write at a time; the newest text follows it
            return
        self._recovery_writing = True
        try:
            version, text, recovery = self.version, self.editor.text, self.recovery
            try:
                await asyncio.to_thread(recovery.write, text)
            except DrafterError as exc:
                self.notify(f"无法写入恢复文件：{exc}", severity="warning")
                return
            self._recovery_version = version
            if not self.modified:  # saved or undone while writing: the file is not needed
                recovery.remove()
        finally:
            self._recovery_writing = False
        if self._recovery_again:
            self._recovery_again = False
            self.schedule_recovery()

    @work(exclusive=True, group="recovery")
    async def offer_recovery(self) -> None:
        """If unsaved text of this file survived a crash, show what differs and offer it (each
        one left, newest first). Recoveries of editors still running are theirs, not offered."""
        for found in self.recovery.orphans():
            if found.text == self.source.text or found.text == self.editor.text:
                found.discard()
                continue
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
                # Written as this editor's own recovery at once, before the old one goes.
                await self.write_recovery_now()
                found.discard()
                return
            found.discard()
