"""The list of ignored problems (shift+F9): what is set aside, where that is written, and Enter
to restore one."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class IgnoredRow:
    """One ignored problem as the list shows it: where in the text, what, and where it is kept."""

    line: int
    code: str
    message: str
    where: str


class IgnoredScreen(ModalScreen[int | None]):
    """Lists ignored problems; Enter dismisses with the chosen row's index, Escape with None."""

    BINDINGS = [Binding("escape,f21,shift+f9", "dismiss(None)", "关闭")]

    def __init__(self, rows: list[IgnoredRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        """A title and the rows (or a line saying there are none)."""
        with Vertical(id="dialog"):
            if not self.rows:
                yield Label("没有已忽略的问题（F9 忽略光标处的问题）。Esc 关闭", id="question")
                return
            yield Label(f"已忽略 {len(self.rows)} 个问题：Enter 恢复所选问题，Esc 关闭", id="question")
            yield OptionList(*[Option(f"第 {r.line} 行  {r.code}  {r.message}  —  {r.where}", id=str(i))
                               for i, r in enumerate(self.rows)], id="ignored-list")

    def on_mount(self) -> None:
        """Focus the list."""
        for widget in self.query(OptionList):
            widget.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: restore this one."""
        event.stop()
        self.dismiss(int(event.option.id))
