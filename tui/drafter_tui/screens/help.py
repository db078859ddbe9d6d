"""The help screen (F1): every key and what it does, from the app's own binding table."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def keys_table(rows: list[tuple[str, str]]) -> Table:
    """A two-column table: key, action."""
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    table.add_column("按键")
    table.add_column("功能")
    for key, label in rows:
        table.add_row(key, label)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the app's keys; Escape or F1 closes."""

    BINDINGS = [Binding("escape,f1,q", "dismiss(None)", "关闭")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        """The keys table and a note on the editor's own keys."""
        with VerticalScroll(id="dialog"):
            yield Static("[b]drafter 帮助[/b]（Esc 关闭）\n", id="question")
            yield Static(keys_table(self.rows))
            yield Static(
                "\n编辑区自身的按键：方向键、Home/End、PageUp/PageDown、ctrl+z 撤销、ctrl+y 重做、"
                "ctrl+x/c/v 剪切/复制/粘贴、F5/F6/F7 选词/选行/全选。\nctrl+p 打开命令面板，所有操作都可在其中搜索。"
                "\n终端需将“模糊宽度字符”（“ ” … —）设为窄宽度（单格）。")
