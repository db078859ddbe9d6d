"""The outline table of ``drafter check``'s text output, as data: its headers and rows.

Both text writers draw it from here — :mod:`drafter.cli.output` with rich on a terminal,
:mod:`drafter.cli.plain_output` without rich elsewhere — so that they always show the same.
"""

from __future__ import annotations

from ..api import CheckResult

#: A note printed before a file's lines when they are not text lines.
LINE_UNIT_NOTE = {"paragraph": "（.docx 文件：“行号”是 Word 正文的段落序号，从 1 起，空段落不计，"
                                "表格内文字不读；列号是段落内第几个字）"}
#: What a line number counts, as the outline table and tree name it.
LINE_WORD = {"paragraph": "段"}


def outline_rows(result: CheckResult) -> tuple[list[str], list[list[tuple[str, str | None]]]]:
    """The outline table's column headers and rows, each cell (text, style); a cell whose style
    is None is plain text (rich reads markup in it), the others are styled text."""
    headers = ["部分", "方面", "状态", LINE_WORD.get(result.source.line_unit, "行"), "匹配词", "问题"]
    per_section = result.counts_by_section()
    half = result.report.period
    rows: list[list[tuple[str, str | None]]] = []
    for pm in result.match.parts:
        if not pm.found:
            status = ("缺失", "bold red") if pm.required else ("不要求", "dim")
            rows.append([(pm.part.title_for(half), None), ("—", None), status, ("", None), ("", None), ("", None)])
            continue
        for i, sm in enumerate(pm.sections):
            unit = sm.unit
            status = (("✓ 有", "green") if sm.found else ("↪ 错位", "yellow") if sm.elsewhere
                      else ("— 无", "dim") if not sm.required else ("✗ 缺", "bold red"))
            rows.append([(pm.part.title_for(half) if i == 0 else "", None), (sm.section.title, None), status,
                         (str(unit.span.line) if unit else "", None), (unit.matched if unit else "", None),
                         (str(per_section.get((pm.part.id, sm.section.id), "")), None)])
    return headers, rows
