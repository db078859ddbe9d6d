"""The app's actions and keys, in one table: bindings, the help screen and the command palette
all read it, so they cannot disagree.

TextArea owns ctrl+a/e/k/u/w/d/x/c/v/z/y and f5/f6/f7; app actions use other F-keys or
ctrl-keys it leaves free, as priority bindings so they work while the editor has focus.
Shift+F2, shift+F8 and shift+F9 arrive from most terminals as F14, F20 and F21.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class KeyAction:
    """One app action: its keys (Textual names), shown key, action name and Chinese label."""

    keys: str
    shown: str
    action: str
    label: str
    footer: bool = False


ACTIONS: tuple[KeyAction, ...] = (
    KeyAction("f1", "F1", "help", "帮助", footer=True),
    KeyAction("f2,ctrl+s", "F2 / ctrl+s", "save", "保存", footer=True),
    KeyAction("f14,shift+f2", "shift+F2", "save_as", "另存为"),
    KeyAction("ctrl+o", "ctrl+o", "open", "打开文件"),
    KeyAction("f8", "F8", "next_diagnostic", "下一个问题", footer=True),
    KeyAction("f20,shift+f8", "shift+F8", "previous_diagnostic", "上一个问题"),
    KeyAction("f4", "F4", "apply_fix", "应用修复", footer=True),
    KeyAction("f9", "F9", "ignore_diagnostic", "忽略此问题（本文档）", footer=True),
    KeyAction("f21,shift+f9", "shift+F9", "show_ignored", "已忽略的问题（查看、恢复）"),
    KeyAction("ctrl+g", "ctrl+g", "goto_section", "转到章节（提纲面板）"),
    KeyAction("f10", "F10", "insert_section", "插入缺失的方面", footer=True),
    KeyAction("ctrl+b", "ctrl+b", "toggle_outline", "显示/隐藏提纲面板"),
    KeyAction("ctrl+l", "ctrl+l", "toggle_diagnostics", "显示/隐藏问题面板"),
    KeyAction("ctrl+r", "ctrl+r", "toggle_preview", "显示/隐藏预览", footer=True),
    KeyAction("ctrl+f", "ctrl+f", "find", "查找和替换"),
    KeyAction("f12", "F12", "export", "导出成文（.docx/.md/.txt，列出带入的问题）"),
    KeyAction("ctrl+t", "ctrl+t", "focus_editor", "回到编辑区"),
    KeyAction("ctrl+q", "ctrl+q", "quit", "退出", footer=True),
)


#: The command palette's key (Textual adds it with the English label “palette” otherwise).
PALETTE = KeyAction("ctrl+p", "ctrl+p", "command_palette", "命令面板")


def bindings() -> list[Binding]:
    """The app's BINDINGS, built from :data:`ACTIONS`, plus the command palette's key."""
    return [Binding(a.keys, a.action, a.label, show=a.footer, priority=True, key_display=a.shown.split(" / ")[0])
            for a in ACTIONS] + [Binding(PALETTE.keys, PALETTE.action, PALETTE.label, show=False, priority=True,
                                         tooltip="打开命令面板")]


def help_rows() -> list[tuple[str, str]]:
    """(key, label) rows for the help screen."""
    return [(a.shown, a.label) for a in ACTIONS]
