"""A rule's explanation for a finding, as SARIF's ``help`` and the language server's hover show it.

The check modules' :class:`~drafter.checks.Rule` documents built-in codes; codes that checklists
declare (``typo.*``, ``term.*``…) carry their checklist, entry and source in the diagnostic's
``data``. Both become one short line and a Markdown paragraph, in Chinese, like ``drafter rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..checks import rule_for


@dataclass(frozen=True)
class RuleHelp:
    """What to tell a reader about a code: one line, a paragraph, examples, as text and Markdown."""

    code: str
    summary: str
    text: str
    markdown: str


def rule_help(code: str, data: dict[str, Any] | None = None) -> RuleHelp:
    """The help of ``code``; ``data`` (a diagnostic's) adds the checklist entry and its source."""
    rule = rule_for(code)
    lines: list[str] = []
    if rule is not None:
        summary = rule.summary
        if rule.explanation:
            lines.append(rule.explanation)
        if rule.bad:
            lines.append(f"错误示例：{rule.bad}")
        if rule.good:
            lines.append(f"正确示例：{rule.good}")
        if rule.fixable:
            lines.append("可自动修复（drafter check --fix 应用安全修复）。")
    else:
        summary = f"检查清单声明的代码 {code}"
    if data and data.get("entry"):
        lines.append(f"检查清单条目：{data.get('checklist', '')} / {data['entry']}")
        if data.get("source"):
            lines.append(f"出处：{data['source']}")
    lines.append(f"详见 drafter rules {code}")
    text = "\n".join([summary, *lines])
    markdown = "\n\n".join([f"**{code}** {summary}", *lines[:-1], f"详见 `drafter rules {code}`"])
    return RuleHelp(code=code, summary=summary, text=text, markdown=markdown)
