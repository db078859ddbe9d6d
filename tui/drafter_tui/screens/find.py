"""Find and replace: a small modal that asks the app to search and replace in the editor."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class FindScreen(ModalScreen[None]):
    """Find (Enter = next), replace one, replace all; Escape closes."""

    BINDINGS = [Binding("escape", "dismiss(None)", "关闭")]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query

    def compose(self) -> ComposeResult:
        """Two inputs and the buttons."""
        with Vertical(id="dialog"):
            yield Label("查找和替换（Enter 查找下一个，Esc 关闭）", id="question")
            yield Input(self.initial, placeholder="查找", id="find")
            yield Input(placeholder="替换为", id="replace")
            yield Label("", id="find-result")
            with Horizontal(id="buttons"):
                yield Button("查找下一个", id="next", variant="primary")
                yield Button("替换", id="one")
                yield Button("全部替换", id="all")

    def _run(self, what: str) -> None:
        query = self.query_one("#find", Input).value
        replacement = self.query_one("#replace", Input).value
        message = self.app.find_replace(what, query, replacement)  # type: ignore[attr-defined]
        self.query_one("#find-result", Label).update(message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in either input finds the next match."""
        event.stop()
        self._run("next")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Buttons: next, replace one, replace all."""
        event.stop()
        self._run(event.button.id or "next")
