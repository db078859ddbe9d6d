"""A modal one-line prompt (a file path for open and save as)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class PromptScreen(ModalScreen["str | None"]):
    """Ask for one line of text; Enter answers, Escape cancels (None)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        """The question and the input."""
        with Vertical(id="dialog"):
            yield Label(self.question, id="question")
            yield Input(self.value, id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: answer with the text (None when empty)."""
        event.stop()
        self.dismiss(event.value.strip() or None)
