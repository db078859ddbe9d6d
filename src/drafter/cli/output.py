"""Text output of the CLI: diagnostic lines, the outline table and tree, the summary.

The only engine-side module that imports rich. Colour only on a terminal; NO_COLOR is honoured
(rich reads it). Diagnostic lines never wrap, so that ``path:line:col:`` stays parseable.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..api import CheckResult
from .common import Tally
from .outline_table import LINE_UNIT_NOTE, LINE_WORD, outline_rows

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


class TextOutput:
    """Writes check results for people (and for grep)."""

    def __init__(self, show_outline: bool = True, file=None) -> None:
        self.console = Console(file=file or sys.stdout, highlight=False, soft_wrap=True)
        if not self.console.is_terminal:
            # Piped output is read by people in a pager or by tools: never crop it at 80 cells.
            self.console.width = max(self.console.width, 200)
        self.show_outline = show_outline

    def file(self, result: CheckResult) -> None:
        """Diagnostic lines ``path:line:col: severity code message``, then the outline table."""
        path = result.source.path
        note = LINE_UNIT_NOTE.get(result.source.line_unit)
        if note:
            self.console.print(Text(f"{path}: {note}", style="dim"))
        if self.console.color_system is None:
            # No colour (piped, NO_COLOR): plain lines, written at once; rich costs ~0.2 ms a line.
            self.console.file.write("".join(
                f"{path}:{d.span.line}:{d.span.column}: {d.severity.value} {d.code} {d.message}"
                + (f"（建议：{d.suggestion or '删除'}）" if d.suggestion is not None else "") + "\n"
                for d in result.diagnostics))
        for d in (result.diagnostics if self.console.color_system is not None else ()):
            line = Text()
            line.append(f"{path}:{d.span.line}:{d.span.column}: ", style="bold")
            line.append(d.severity.value, style=_STYLE[d.severity.value])
            line.append(f" {d.code} ", style="dim")
            line.append(d.message)
            if d.suggestion is not None:
                line.append(f"（建议：{d.suggestion or '删除'}）", style="green")
            self.console.print(line)
        if result.truncated is not None:
            self.console.print(Text(f"{path}: {result.truncated.summary()}", style="bold"))
        if self.show_outline:
            self.console.print(self._table(result))

    def _table(self, result: CheckResult) -> Table:
        table = Table(title=f"{result.source.path} · 提纲 {result.outline.name}", title_justify="left",
                      show_edge=False, pad_edge=False)
        headers, rows = outline_rows(result)
        for label in headers:
            table.add_column(label, no_wrap=label != "匹配词")
        for row in rows:
            table.add_row(*(text if style is None else Text(text, style=style) for text, style in row))
        return table

    def tree(self, result: CheckResult) -> None:
        """The recognised outline as a tree: part → area ← what decided it (a heading phrase, an
        umbrella section's item, or the body's terms) and how sure; misplaced areas; and a header
        saying which outline, genre and date the report was judged by."""
        title = result.report.title or result.source.path
        unit_word = LINE_WORD.get(result.source.line_unit, "行")
        note = LINE_UNIT_NOTE.get(result.source.line_unit)
        if note:
            self.console.print(Text(f"{result.source.path}: {note}", style="dim"))
        root = Tree(Text(f"{title}（提纲：{result.outline.name}）", style="bold"))
        self.console.print(Text(judged_by(result), style="dim"))
        half = result.report.period
        for pm in result.match.parts:
            if not pm.found:
                if pm.required:
                    root.add(Text(f"✗ {pm.part.title_for(half)}：未找到", style="bold red"))
                else:
                    root.add(Text(f"— {pm.part.title_for(half)}：未写（{result.match.genre.label}不要求）", style="dim"))
                continue
            heading = pm.division.heading.full_text if pm.division else "（无部分标题，按方面标题推断）"
            label = Text(f"✓ {pm.part.title_for(half)}", style="bold green")
            line = pm.span.line if pm.span else result.report.span(pm.start, pm.start).line
            label.append(f"  第{line}{unit_word} {heading}", style="")
            if pm.matched:
                label.append(f"  ← “{pm.matched}”", style="cyan")
            branch = root.add(label)
            for sm in pm.sections:
                if sm.unit is None:
                    if sm.elsewhere is not None:
                        branch.add(Text(f"↪ {sm.section.title}：写在了别的部分（第{sm.elsewhere.span.line}{unit_word}）",
                                        style="yellow"))
                    elif sm.required:
                        branch.add(Text(f"✗ {sm.section.title}：未找到", style="bold red"))
                    else:
                        branch.add(Text(f"— {sm.section.title}：未写（可选）", style="dim"))
                    continue
                unit = sm.unit
                node = Text(f"✓ {sm.section.title}", style="green")
                node.append(f"  第{unit.span.line}{unit_word} {_clip(unit.heading)}")
                node.append(f"  ← {decided(unit)}", style="cyan")
                if sm.via is not None:
                    node.append(f"（由“{sm.via.title}”一节代替）", style="dim")
                branch.add(node)
            for unit in pm.units:
                if unit.umbrella:
                    areas = "、".join(s.title for sub in pm.sub_units if sub.parent is unit
                                     for s in pm.part.sections if s.id == sub.area)
                    branch.add(Text(f"☂ 第{unit.span.line}{unit_word} {_clip(unit.heading)}：总括一节，其条目分属{areas}",
                                    style="cyan"))
                elif unit.misplaced:
                    branch.add(Text(f"↪ 第{unit.span.line}{unit_word} {_clip(unit.heading)}：应在另一部分", style="yellow"))
                elif unit.area is None and not pm.part.sections:
                    # A parts-only outline (generic) names no areas: its sections are simply listed.
                    branch.add(Text(f"· 第{unit.span.line}{unit_word} {_clip(unit.heading)}", style="dim"))
                elif unit.area is None:
                    branch.add(Text(f"？ 第{unit.span.line}{unit_word} {_clip(unit.heading)}：不在标准提纲内", style="yellow"))
        for division in result.match.problems:
            root.add(Text(f"· 第{division.heading.span.line}{unit_word} {_clip(division.heading.full_text)}：存在问题部分（可选）",
                          style="dim"))
        for division in result.match.extra_parts:
            root.add(Text(f"？ 第{division.heading.span.line}{unit_word} {_clip(division.heading.full_text)}：不在标准提纲内",
                          style="yellow"))
        self.console.print(root)

    def summary(self, tally: Tally, errors: list, config_problems: int = 0,
                baseline: str | None = None) -> None:
        """The closing line: files, counts by severity, unreadable files; then, apart, the
        configuration's problems and the baseline's counts."""
        totals = tally.counts
        line = Text(f"共 {tally.files} 个文件：")
        line.append(f"{totals['error']} 个错误", style=_STYLE["error"] if totals["error"] else "")
        line.append("，")
        line.append(f"{totals['warning']} 个警告", style=_STYLE["warning"] if totals["warning"] else "")
        line.append(f"，{totals['info']} 个提示")
        if tally.truncated:
            line.append(f"（{tally.truncated} 个文件问题过多，未全部列出）")
        if errors:
            line.append(f"；{len(errors)} 个文件无法读取", style="bold red")
        if baseline:
            line.append(f"（新问题；{baseline}）")
        self.console.print(line)
        if config_problems:
            # Not the reports' fault: said on a line of its own.
            self.console.print(Text(f"配置：检查清单有 {config_problems} 处问题，相关条目已停用，报告照常检查"
                                    "（drafter checklists test 查看）", style="yellow"))


class ProgressBar:
    """A progress bar for long folder runs, on stderr (the caller checks it is a terminal)."""

    def __init__(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                  TextColumn("{task.description}"), console=Console(stderr=True),
                                  transient=True)
        self._progress.start()
        self._task = self._progress.add_task("", total=total)

    def advance(self, path: str) -> None:
        """One more file done."""
        self._progress.update(self._task, advance=1, description=_clip(path, 30))

    def close(self) -> None:
        """Remove the bar."""
        self._progress.stop()


_REASON = {"option": "按 --outline 或 drafter.yaml 指定", "title": "按标题", "headings": "按各节标题的用语",
           "default": "标题未注明单位，用默认提纲", "generic": "该单位没有专用提纲，用通用提纲"}
_DATE_SOURCE = {"config": "--date 或 drafter.yaml", "front-matter": "前言", "title": "标题", "text": "正文",
                "today": "今天"}


def judged_by(result: CheckResult) -> str:
    """One line: the outline and why, the genre, the period and the date the report was judged by."""
    choice, date, period = result.choice, result.date, result.report.period
    parts = []
    if choice is not None:
        unit = f"（{choice.unit or choice.subject}）" if choice.unit or choice.subject else ""
        reason = _REASON.get(choice.reason, choice.reason)
        if choice.kind:
            reason, unit = f"本文是{choice.kind}，不是部门工作报告，用通用提纲", ""
        parts.append(f"提纲 {result.outline.name}：{reason}{unit}")
    parts.append(f"体裁：{result.match.genre.label}")
    if date is not None:
        when = f"期间：{period.label}；日期 {date.value.isoformat()}（{_DATE_SOURCE.get(date.source, date.source)}）"
        parts.append(when + ("——报告未注明日期，可用 --date 或 drafter.yaml 指定" if date.assumed else ""))
    return "；".join(parts)


def decided(unit) -> str:
    """What decided a unit's area, for people: the heading phrase, or the body's terms; and how sure."""
    if unit.decided_by == "body":
        terms = "、".join(f"{t}×{n}" for t, n in unit.terms[:4])
        return f"正文用语 {terms}（把握：{unit.certainty}）"
    if unit.decided_by == "item":
        return f"条目用语“{unit.matched}”（把握：{unit.certainty}）"
    if unit.decided_by == "word":
        return f"“{unit.matched}”（标题中的泛称，把握：{unit.certainty}）"
    return f"“{unit.matched}”（标题用语，把握：{unit.certainty}）"


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
