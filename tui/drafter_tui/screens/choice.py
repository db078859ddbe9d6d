"""A modal question with a few answers as buttons (confirm quit, overwrite, re-encode…)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from rich.text import Text
from textual.widgets import Button, Label, Static

from ..widgets.line_breaking import ChineseText


class ChoiceScreen(ModalScreen[str]):
    """Ask ``question``; dismiss with the id of the chosen answer (``cancel`` on Escape)."""

    #: ← and → move between the answers, as in a desktop dialog (Tab still works).
    BINDINGS = [Binding("escape", "dismiss('cancel')", "取消"),
                Binding("left", "app.focus_previous", show=False),
                Binding("right", "app.focus_next", show=False)]

    def __init__(self, question: str, choices: list[tuple[str, str]], detail: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.choices = choices
        self.detail = detail

    def compose(self) -> ComposeResult:
        """Question, optional detail (e.g. a diff), buttons."""
        with Vertical(id="dialog"):
            yield Label(ChineseText(Text(self.question)), id="question")
            if self.detail:
                with VerticalScroll(id="detail"):
                    yield Static(ChineseText(Text(self.detail)))
            with Horizontal(id="buttons"):
                for i, (key, label) in enumerate(self.choices):
                    yield Button(label, id=f"choice-{key}", variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        """Focus the first answer."""
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button's key."""
        event.stop()
        self.dismiss(event.button.id.removeprefix("choice-"))
