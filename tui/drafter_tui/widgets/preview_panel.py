"""The preview panel: the final text (from :mod:`drafter_tui.preview`), read-only, scrollable."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from .line_breaking import ChineseText


class PreviewPanel(VerticalScroll):
    """A scrollable view of the delivered text."""

    BORDER_TITLE = "预览"

    def compose(self):
        """One static holding the preview text."""
        yield Static(id="preview-body")

    def show(self, content: Text) -> None:
        """Replace the preview text (wrapped by Chinese rules at the panel's width)."""
        self.query_one("#preview-body", Static).update(ChineseText(content))
