"""Text output without rich, for output that is not a terminal (a pipe, a file, CI logs).

Importing and running rich costs more than checking a short report, and without a terminal it
draws no colour: this module writes the same bytes as :class:`drafter.cli.output.TextOutput`
does then — diagnostic lines, the outline table, the summary — from plain strings. Where the
table holds something whose look rich decides by rules of its own (markup brackets, emoji
codes, characters whose cell width is not plainly 1 or 2, a table wider than the page), that
table is drawn by rich after all, so the output never differs (tests/unit_tests/test_plain_output.py).
"""

from __future__ import annotations

import os
import sys
import unicodedata

from ..api import CheckResult
from .common import Tally
from .outline_table import LINE_UNIT_NOTE, outline_rows

#: Marks that are not East Asian wide but one cell in rich: Chinese text's quotes and dashes,
#: the table's ✓ ✗ ↪.
_NARROW = frozenset("“”‘’…—–·✓✗↪")
#: Environment variables with which rich would colour or size output that is not a terminal.
_RICH_ENV = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES")


def plain_possible(file=None) -> bool:
    """Whether output to ``file`` (default stdout) needs no rich: not a terminal, and nothing
    in the environment asks rich for colour."""
    stream = file or sys.stdout
    try:
        if stream.isatty():
            return False
    except (AttributeError, ValueError):
        return False
    return not any(os.environ.get(name) for name in _RICH_ENV)


def text_output(show_outline: bool = True, file=None):
    """The text writer for ``file``: plain when that is possible, else rich's."""
    if plain_possible(file):
        return PlainTextOutput(show_outline=show_outline, file=file)
    from .output import TextOutput

    return TextOutput(show_outline=show_outline, file=file)


def _cells(text: str) -> int | None:
    """Terminal cells of ``text`` as rich counts them, or None when unsure."""
    if text.isascii():
        return len(text) if text.isprintable() else None
    width = 0
    for char in text:
        if char.isascii():
            if not char.isprintable():
                return None
            width += 1
        elif char in _NARROW:
            width += 1
        elif unicodedata.east_asian_width(char) in ("W", "F") and char < "\U0001f000" \
                and not unicodedata.combining(char):
            width += 2
        else:
            return None
    return width


def _plain_cell(text: str) -> bool:
    """Whether rich shows ``text`` as it is (no markup, no emoji codes)."""
    return "[" not in text and ":" not in text


class PlainTextOutput:
    """Writes check results for people and for grep, byte for byte as rich would without a
    terminal."""

    def __init__(self, show_outline: bool = True, file=None) -> None:
        self.file_ = file or sys.stdout
        self.show_outline = show_outline
        columns = os.environ.get("COLUMNS", "")
        #: rich's page width off a terminal: $COLUMNS or 80, and drafter asks for at least 200.
        self.width = max(int(columns) if columns.isdigit() and int(columns) > 0 else 80, 200)

    def file(self, result: CheckResult) -> None:
        """Diagnostic lines ``path:line:col: severity code message``, then the outline table."""
        path = result.source.path
        out = []
        note = LINE_UNIT_NOTE.get(result.source.line_unit)
        if note:
            out.append(f"{path}: {note}\n")
        out.extend(f"{path}:{d.span.line}:{d.span.column}: {d.severity._value_} {d.code} {d.message}"
                   + (f"（建议：{d.suggestion or '删除'}）" if d.suggestion is not None else "") + "\n"
                   for d in result.diagnostics)
        if result.truncated is not None:
            out.append(f"{path}: {result.truncated.summary()}\n")
        self.file_.write("".join(out))
        if self.show_outline:
            table = self.table(result)
            if table is None:
                from .output import TextOutput  # rich decides this table's look

                rich_output = TextOutput(file=self.file_)
                rich_output.console.print(rich_output._table(result))
            else:
                self.file_.write(table)

    def table(self, result: CheckResult) -> str | None:
        """The outline table as rich draws it without colour, or None where rich must draw it."""
        headers, styled_rows = outline_rows(result)
        rows = [[text for text, _ in row] for row in styled_rows]
        plain_cells = [text for row in styled_rows for text, style in row if style is None]
        title = f"{result.source.path} · 提纲 {result.outline.name}"
        cells = [headers] + [list(row) for row in rows]
        widths_of = [[_cells(c) for c in row] for row in cells]
        if not _plain_cell(title) or _cells(title) is None or any(
                w is None for row in widths_of for w in row) or not all(map(_plain_cell, headers + plain_cells)):
            return None
        widths = [max(row[i] for row in widths_of) for i in range(len(headers))]
        # Cells are padded one space each side, except at the table's outer edges.
        if sum(widths) + 2 * len(widths) - 2 + len(widths) - 1 > self.width:
            return None  # rich would wrap the 匹配词 column

        def line(row_cells, row_widths, bar: str) -> str:
            parts = []
            last = len(row_cells) - 1
            for i, (text, width) in enumerate(zip(row_cells, row_widths)):
                padded = text + " " * (widths[i] - width)
                parts.append(("" if i == 0 else " ") + padded + ("" if i == last else " "))
            return bar.join(parts) + "\n"

        out = [title + "\n", line(cells[0], widths_of[0], "┃")]
        out.append("╇".join("━" * (w + (1 if i in (0, len(widths) - 1) else 2))
                            for i, w in enumerate(widths)) + "\n")
        out.extend(line(row, row_widths, "│") for row, row_widths in zip(cells[1:], widths_of[1:]))
        return "".join(out)

    def summary(self, tally: Tally, errors: list, config_problems: int = 0,
                baseline: str | None = None) -> None:
        """The closing line: files, counts by severity, unreadable files; then, apart, the
        configuration's problems and the baseline's counts."""
        totals = tally.counts
        line = (f"共 {tally.files} 个文件：{totals['error']} 个错误，{totals['warning']} 个警告，"
                f"{totals['info']} 个提示")
        if tally.truncated:
            line += f"（{tally.truncated} 个文件问题过多，未全部列出）"
        if errors:
            line += f"；{len(errors)} 个文件无法读取"
        if baseline:
            line += f"（新问题；{baseline}）"
        out = [line + "\n"]
        if config_problems:
            out.append(f"配置：检查清单有 {config_problems} 处问题，相关条目已停用，报告照常检查"
                       "（drafter checklists test 查看）\n")
        self.file_.write("".join(out))
