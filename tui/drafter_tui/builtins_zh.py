"""Textual's own screens and messages in Chinese: the command palette's prompt, its system
commands, the theme picker, and the hint shown when ctrl+c is pressed outside the editor.

Textual 8.2.8 writes these in English inside ``App``; the app overrides the methods that show
them (public API: ``get_system_commands``, ``action_command_palette``, ``search_themes``,
``action_help_quit``). Textual's key-help side panel (TextArea's bindings, in English) is left
out of the palette: F1 lists every key in Chinese.
"""

from __future__ import annotations

from typing import Iterable

from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

#: The command palette's prompt (Textual's: “Search for commands…”).
PALETTE_PLACEHOLDER = "搜索命令…（输入关键字，如 保存、转到、插入）"
THEME_PLACEHOLDER = "搜索配色方案…"


class ChineseBuiltinsMixin:
    """Chinese for the parts of the screen Textual draws itself (mixed into the app)."""

    def action_command_palette(self) -> None:
        """ctrl+p: the command palette, prompting in Chinese."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=PALETTE_PLACEHOLDER, id="--command-palette"))

    def search_themes(self) -> None:
        """The theme picker, prompting in Chinese."""
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=THEME_PLACEHOLDER))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's system commands that make sense here, named in Chinese (quitting is the
        app's own ctrl+q, which asks about unsaved changes)."""
        yield SystemCommand("切换配色方案", "更改界面配色", self.action_change_theme)
        if screen.maximized is not None:
            yield SystemCommand("还原面板", "恢复各面板的正常大小", screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand("最大化当前面板", "让有焦点的面板占满屏幕", screen.action_maximize)

    def action_help_quit(self) -> None:
        """ctrl+c outside the editor: say how to quit, in Chinese."""
        self.notify("退出请按 ctrl+q", title="要退出吗？")
