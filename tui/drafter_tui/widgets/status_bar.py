"""The status bar: file, encoding, modified mark, counts by severity, line:column, section."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static


@dataclass
class Status:
    """What the status bar shows."""

    path: str = ""
    encoding: str = "utf-8"
    newline: str = "\n"
    modified: bool = False
    counts: dict | None = None
    line: int = 1
    column: int = 1
    section: str = ""
    checking: bool = False
    read_only: bool = False   #: a .docx: never saved over (save as .txt/.md)
    period: str = ""          #: when an undated report is judged as of today: “未注明日期，按 2026-12-02 判断”
    period_assumed: bool = False   #: no date in the report or the options: today was assumed


_NEWLINES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}


def status_text(s: Status) -> Text:
    """The status line as styled text."""
    t = Text()
    t.append(f" {s.path} ", style="bold")
    if s.modified:
        t.append("[已修改] ", style="bold yellow")
    if s.read_only:
        t.append("[只读] ", style="bold magenta")
    t.append(f"{s.encoding} {_NEWLINES.get(s.newline, 'LF')} ", style="dim")
    counts = s.counts or {}
    t.append(f"错误 {counts.get('error', 0)} ", style="red")
    t.append(f"警告 {counts.get('warning', 0)} ", style="yellow")
    t.append(f"提示 {counts.get('info', 0)} ", style="blue")
    if s.checking:
        t.append("检查中… ", style="dim")
    t.append(f"行 {s.line}:{s.column} ")
    if s.period:
        t.append(f"{s.period} ", style="bold magenta" if s.period_assumed else "dim")
    if s.section:
        t.append(f"§ {s.section}", style="cyan")
    return t


class StatusBar(Static):
    """One line at the bottom of the screen."""

    _shown: Text | None = None

    def show(self, status: Status) -> None:
        """Redraw from ``status`` (only when it changed; the bar's size never changes, so no
        layout pass, which would reflow the whole screen on every keystroke)."""
        text = status_text(status)
        if self._shown is not None and text == self._shown:
            return
        self._shown = text
        self.update(text, layout=False)
