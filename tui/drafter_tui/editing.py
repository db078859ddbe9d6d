"""Changing the text from the engine's side: fixes (F4), ignores (F9, shift+F9), inserting a
missing section (F10), find and replace (ctrl+f). Each change is one undo step.

An ignore lasts: F9 writes it to the project file (:mod:`drafter.review.ignore_file`), where
``drafter check`` and the language server honour it too; shift+F9 lists what is ignored — by the
project file, by a marker in the text, or for this session — and restores the chosen one.
"""

from __future__ import annotations

import os

from textual.widgets.text_area import Selection

from drafter.diagnostics import Edit, apply_edits
from drafter.outlines.skeleton import insertion_for
from drafter.report.textpos import LineIndex

from .checking import ignore_key
from .screens.find import FindScreen
from .screens.ignored import IgnoredRow, IgnoredScreen


class EditingMixin:
    """Editing actions (mixed into :class:`~drafter_tui.app.DrafterApp`)."""

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

    def _action_target(self, key: str):
        """The diagnostic F4/F9 (``key``) applies to, or None after telling the user why not: the
        result is stale, or nothing is under the cursor."""
        if not self.fresh:
            self.notify(f"正在重新检查，请稍后再按 {key}", severity="warning")
            return None
        index = self.target_diagnostic()
        if index is None:
            self.notify("光标处没有问题；按 F8 转到下一个问题", severity="warning")
            return None
        return self.diagnostics[index]

    def action_apply_fix(self) -> None:
        """F4: apply the target diagnostic's fix as one undo step."""
        d = self._action_target("F4")
        if d is None:
            return
        if d.fix is None or not d.fix.edits:
            self.notify(f"此问题没有自动修复：{d.message}", severity="warning")
            return
        self.replace_with_edits(d.fix.edits, self.result.report.text)  # type: ignore[union-attr]
        self._current = None
        self.editor.focus()
        self.notify(f"已修复：{d.message}（ctrl+z 撤销）")
        self.schedule_check(0.05)

    def action_ignore_diagnostic(self) -> None:
        """F9: ignore the target diagnostic in the project file (by fingerprint), so that it stays
        ignored after closing and in ``drafter check``; a document not yet saved keeps it for
        this session only."""
        d = self._action_target("F9")
        if d is None:
            return
        self._current = None
        if self.is_new or not os.path.isfile(self.source.path):
            self.ignored.add(ignore_key(d))
            self.notify(f"已忽略（文档尚未保存，仅本次有效）：{d.message}")
        else:
            from drafter.errors import DrafterError
            from drafter.review.ignore_file import add_ignore

            try:
                written = add_ignore(self.source.path, d)
            except (DrafterError, OSError) as exc:
                self.ignored.add(ignore_key(d))
                self.notify(f"无法写入项目配置，仅本次忽略：{exc}", severity="warning")
            else:
                self.notify(f"已忽略：{d.message}（记入 {os.path.basename(written)}；shift+F9 查看和恢复）")
        self.schedule_check(0)

    def ignored_rows(self) -> list[tuple[IgnoredRow, object]]:
        """Every ignored problem of the latest check with what restoring it takes."""
        rows: list[tuple[IgnoredRow, object]] = []
        if self.result is not None:
            for item in self.result.ignored:
                d = item.diagnostic
                rows.append((IgnoredRow(d.span.line, d.code, d.message, item.reason.describe()), item.reason))
        for d in self.session_ignored:
            rows.append((IgnoredRow(d.span.line, d.code, d.message, "仅本次"), ignore_key(d)))
        rows.sort(key=lambda row: row[0].line)
        return rows

    def action_show_ignored(self) -> None:
        """shift+F9: list the ignored problems; Enter restores one."""
        rows = self.ignored_rows()

        def chosen(index: int | None) -> None:
            if index is not None:
                self.restore_ignored(rows[index][1])

        self.push_screen(IgnoredScreen([row for row, _ in rows]), chosen)

    def restore_ignored(self, how: object) -> None:
        """Report an ignored problem again: remove its project file entry, its marker in the
        text (one undo step) or its session ignore."""
        from drafter.errors import DrafterError
        from drafter.review.ignore_file import remove_ignore
        from drafter.review.ignores import IgnoreReason

        if isinstance(how, IgnoreReason) and how.entry is not None:
            try:
                removed = remove_ignore(how.entry)
            except (DrafterError, OSError) as exc:
                self.notify(f"无法修改项目配置：{exc}", severity="error")
                return
            self.notify("已恢复（已从项目配置中删除）" if removed else "项目配置中已没有这一项", )
        elif isinstance(how, IgnoreReason) and how.marker is not None:
            if not self.fresh:
                self.notify("正在重新检查，请稍后再试", severity="warning")
                return
            marker = how.marker
            self.replace_with_edits([Edit(marker.start, marker.end, "")], self.result.report.text)  # type: ignore[union-attr]
            self.notify("已恢复：删除了正文中的忽略标记（ctrl+z 撤销）")
        else:
            self.ignored.discard(how)  # type: ignore[arg-type]
            self.notify("已恢复")
        self.schedule_check(0)

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
                                  half=self.result.report.period)  # type: ignore[union-attr]
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
