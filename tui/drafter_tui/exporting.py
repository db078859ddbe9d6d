"""Exporting the final text from the editor (F12): the same gate and listing as ``drafter render``.

The buffer is checked, rendered (:func:`drafter.render.build_final`) and its final text checked
again in a thread; what the final text would carry is listed by kind with the draft's lines.
When something reaches the gate (``render-gate`` in drafter.yaml, warning by default) or a
placeholder figure is unfilled, the editor asks before writing. Diagnostics ignored with F9 are
not counted. The file is written atomically; the draft is never its target.
"""

from __future__ import annotations

import asyncio
import os

from textual import work

from drafter.api import check_text
from drafter.config import options_for
from drafter.errors import DrafterError
from drafter.files.save import SaveError
from drafter.render import FORMATS, build_final, carried_over, kinds, render_blockers, to_txt, write_final
from drafter.render.gate import DEFAULT_GATE

from .checking import ignore_key
from .screens.choice import ChoiceScreen
from .screens.prompt import PromptScreen


def export_target(draft: str) -> str:
    """The suggested file: the draft's name as .docx (…-成文.docx beside a .docx draft)."""
    stem, suffix = os.path.splitext(draft)
    return stem + ("-成文.docx" if suffix.lower() == ".docx" else ".docx")


class ExportMixin:
    """F12: export the final text (mixed into :class:`~drafter_tui.app.DrafterApp`)."""

    def action_export(self) -> None:
        """F12: ask for a file, list what the final text carries, ask at the gate, write."""
        self.export_flow()

    @work(exclusive=True, group="dialog")
    async def export_flow(self) -> None:
        """The export dialog (a worker: it asks questions)."""
        path = await self.push_screen_wait(PromptScreen(
            f"导出成文（按后缀：{'、'.join(FORMATS)}）：", export_target(self.source.path)))
        if not path:
            return
        suffix = os.path.splitext(path)[1].lower()
        if suffix not in FORMATS:
            self.notify(f"不支持的输出格式“{suffix or path}”；请用 {'、'.join(FORMATS)} 作后缀",
                        title="未导出", severity="error", timeout=10)
            return
        if os.path.abspath(path) == os.path.abspath(self.source.path):
            self.notify("输出文件与草稿是同一个文件；请另选路径", title="未导出", severity="error", timeout=10)
            return
        text, source, options, ignored = self.editor.text, self.source, self.options, frozenset(self.ignored)

        def prepare():
            result = check_text(text, path=source.path, options=options, like=source)
            result.diagnostics = [d for d in result.diagnostics if ignore_key(d) not in ignored]
            completed = options_for(options, source.path)
            doc = build_final(result.report, result.match)
            carried = carried_over(result, to_txt(doc), completed)
            return doc, carried, render_blockers(carried, completed.render_gate or DEFAULT_GATE)

        try:
            doc, carried, blockers = await asyncio.to_thread(prepare)
        except DrafterError as exc:
            self.notify(str(exc), title="未导出", severity="error", timeout=10)
            return
        listing = "\n".join(kind.describe() for kind in kinds(carried))
        if blockers:
            answer = await self.push_screen_wait(ChoiceScreen(
                f"成文将带入 {len(blockers)} 处须先处理的问题（按类别如下，行号为草稿的行）。仍要导出吗？",
                [("cancel", "取消，先处理（F8 逐个查看）"), ("export", "仍然导出")], detail=listing))
            if answer != "export":
                self.notify("未导出", severity="warning")
                return
        try:
            await asyncio.to_thread(write_final, doc, path)
        except (SaveError, OSError, DrafterError) as exc:
            self.notify(f"{exc}", title="导出失败", severity="error", timeout=12)
            return
        carried_note = f"；成文中带入 {len(kinds(carried))} 类问题" if carried else "；成文中没有带入检查发现的问题"
        self.notify(f"已导出 {path}（{len(doc.blocks)} 段）{carried_note}", timeout=8)
