"""The status bar: file, modified mark, counts by severity (or 检查中…), line:column, section,
the report's period, the outline, encoding.

It tells the truth from the first frame: until the first check has run it says 检查中…, never
“错误 0”. When the terminal is narrow the least needed parts are left out first (encoding, then
the outline, the period, the file name); the counts, the position and [已修改] stay.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual.widget import Widget


@dataclass
class Status:
    """What the status bar shows."""

    path: str = ""
    encoding: str = "utf-8"
    newline: str = "\n"
    modified: bool = False
    counts: dict | None = None   #: None until the first check has run
    line: int = 1
    column: int = 1
    section: str = ""
    checking: bool = True        #: a check is pending or running (true until the first result)
    read_only: bool = False      #: a .docx: never saved over (save as .txt/.md)
    period: str = ""             #: the period the report covers, e.g. 2020年上半年
    outline: str = ""            #: the standard outline's title


_NEWLINES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
_GAP = "  "


def _segments(s: Status) -> list[tuple[int, Text]]:
    """(priority, text) in display order; the lowest priority is left out first."""
    out: list[tuple[int, Text]] = [(3, Text(s.path, style="bold"))]
    if s.modified:
        out.append((10, Text("[已修改]", style="bold yellow")))
    if s.read_only:
        out.append((9, Text("[只读]", style="bold magenta")))
    if s.counts is None:
        out.append((10, Text("检查中…", style="bold")))
    else:
        counts = Text()
        counts.append(f"错误 {s.counts.get('error', 0)}", style="red")
        counts.append(f" 警告 {s.counts.get('warning', 0)}", style="yellow")
        counts.append(f" 提示 {s.counts.get('info', 0)}", style="blue")
        if s.checking:
            counts.append(" 检查中…", style="dim")
        out.append((10, counts))
    out.append((10, Text(f"行 {s.line}:{s.column}")))
    if s.section:
        out.append((7, Text(f"§ {s.section}", style="cyan")))
    if s.period:
        out.append((5, Text(s.period, style="green")))
    if s.outline:
        out.append((2, Text(f"提纲：{s.outline}", style="dim")))
    out.append((1, Text(f"{s.encoding} {_NEWLINES.get(s.newline, 'LF')}", style="dim")))
    return out


def status_text(s: Status, width: int | None = None) -> Text:
    """The status line as styled text, fitted to ``width`` cells when given."""
    segments = _segments(s)
    if width is not None:
        while len(segments) > 1 and sum(t.cell_len for _, t in segments) + len(_GAP) * len(segments) > width:
            lowest = min(range(len(segments)), key=lambda i: segments[i][0])
            if segments[lowest][0] >= 10:
                break
            del segments[lowest]
    text = Text(" ")
    text.append_text(Text(_GAP).join(t for _, t in segments))
    if width is not None and text.cell_len > width:
        text.truncate(width, overflow="ellipsis")
    return text


class StatusBar(Widget):
    """One line at the bottom of the screen."""

    DEFAULT_CSS = """
    StatusBar { height: 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._status = Status()

    def show(self, status: Status) -> None:
        """Redraw from ``status`` when it changed (a repaint only: the bar's size never changes,
        and a layout pass would reflow the whole screen on every keystroke)."""
        if status == self._status:
            return
        self._status = replace(status)
        self.refresh()

    @property
    def shown(self) -> Text:
        """The line as drawn at the bar's current width."""
        return status_text(self._status, self.size.width or None)

    def render(self) -> Text:
        """The status line, fitted to the bar's width."""
        return self.shown
