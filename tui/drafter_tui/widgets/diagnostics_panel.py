"""The diagnostics panel: problems grouped by section, each with message and suggestion."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from drafter.api import CheckResult
from drafter.diagnostics import Diagnostic

from ..messages import JumpToDiagnostic
from .line_breaking import ChineseText

SEVERITY_MARK = {"error": ("●", "bold red"), "warning": ("▲", "bold yellow"), "info": ("ℹ", "bold blue")}


def group_title(result: CheckResult, part: str | None, section: str | None) -> str:
    """“上半年工作总结 › 理论武装”, or “全文” for diagnostics outside the outline."""
    if part is None:
        return "全文"
    op = result.outline.part(part)
    if op is None:
        return part
    part_title = op.title_for(result.report.period)  # 下半年工作总结 in a 下半年 report
    if section is None:
        return part_title
    title = next((s.title for s in op.sections if s.id == section), section)
    return f"{part_title} › {title}"


def grouped(result: CheckResult) -> list[tuple[str, list[tuple[int, Diagnostic]]]]:
    """Diagnostics (with their index in the result) grouped by section, in outline order."""
    order: list[tuple[str | None, str | None]] = [(None, None)]
    for part in result.outline.parts:
        order.append((part.id, None))
        order.extend((part.id, s.id) for s in part.sections)
    groups: dict[tuple[str | None, str | None], list[tuple[int, Diagnostic]]] = {}
    for i, d in enumerate(result.diagnostics):
        groups.setdefault((d.part, d.section), []).append((i, d))
    keys = [k for k in order if k in groups] + [k for k in groups if k not in order]
    return [(group_title(result, *k), groups[k]) for k in keys]


def diagnostic_prompt(d: Diagnostic) -> Text:
    """One entry: mark, line:column, message, and the suggestion if any."""
    mark, style = SEVERITY_MARK[d.severity.value]
    text = Text("  ")
    text.append(mark + " ", style=style)
    text.append(f"{d.line}:{d.column} ", style="dim")
    text.append(d.message)
    if d.suggestion:
        text.append(f" → {d.suggestion}", style="green")
    if d.fix is not None:
        text.append(" [F4 修复]", style="dim cyan")
    return text


#: Most entries the panel lists: rebuilding an OptionList costs about 0.2 ms per entry on the UI
#: thread, and a 2.7 MB draft can have 7,000 problems. F8 still walks all of them.
MAX_LISTED = 400


def build_options(result: CheckResult, limit: int = MAX_LISTED) -> list[Option]:
    """The panel's entries: a title per section (with its full count), then its problems, at
    most ``limit`` problems in all. Pure: the app builds them in its check thread."""
    options: list[Option] = []
    listed = 0
    for title, items in grouped(result):
        if listed >= limit:
            break
        options.append(Option(Text(f"{title}（{len(items)}）", style="bold"), disabled=True))
        for i, d in items[: limit - listed]:
            options.append(Option(ChineseText(diagnostic_prompt(d)), id=f"d{i}"))
            listed += 1
    hidden = len(result.diagnostics) - listed
    if hidden > 0:
        options.append(Option(Text(f"……另有 {hidden} 个问题未列出（F8 可逐个查看）", style="dim"), disabled=True))
    if not options:
        options.append(Option(Text("没有发现问题", style="green"), disabled=True))
    return options


def _option_key(option: Option) -> tuple:
    """What an entry shows: its id, whether it can be chosen, and its text (the styles follow
    from the text: the mark names the severity, “→” the suggestion)."""
    prompt = option.prompt
    return option.id, option.disabled, getattr(prompt, "plain", None) or str(prompt)


class DiagnosticsPanel(OptionList):
    """The list of problems; Enter jumps to one."""

    BORDER_TITLE = "问题"

    def show_result(self, result: CheckResult, options: list[Option] | None = None) -> None:
        """Rebuild the list from ``result`` (or from ``options`` built by :func:`build_options`),
        keeping the highlighted diagnostic if it remains."""
        options = options if options is not None else build_options(result)
        self.border_subtitle = f"{len(result.diagnostics)} 个"
        shown = [_option_key(option) for option in options]
        if shown == getattr(self, "_shown", None):
            # Typing far from the listed problems changes none of the entries: skip laying out
            # hundreds of entries again on the UI thread (≈ 0.2 ms each).
            return
        self._shown = shown
        keep = self.highlighted_index()
        self.clear_options()
        self.add_options(options)
        if keep is not None:
            self.highlight_index(min(keep, len(result.diagnostics) - 1))

    def highlighted_index(self) -> int | None:
        """Index (in the result) of the highlighted diagnostic, or None."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id[1:]) if option.id else None

    def highlight_index(self, index: int) -> None:
        """Highlight the entry of diagnostic ``index``."""
        if index < 0:
            return
        try:
            self.highlighted = self.get_option_index(f"d{index}")
        except Exception:  # the option is gone (list rebuilt); nothing to highlight
            pass

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an entry: ask the app to jump there."""
        event.stop()
        if event.option.id:
            self.post_message(JumpToDiagnostic(int(event.option.id[1:])))
