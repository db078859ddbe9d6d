"""front-matter.invalid: YAML front matter of a Markdown draft that cannot be read."""

from __future__ import annotations

from ..diagnostics import Severity
from . import CheckContext, Rule

RULES = [
    Rule("front-matter.invalid", Severity.ERROR, "Markdown 文件开头的 YAML 前言格式错误",
         "前言写在首行“---”与下一个“---”之间，为“键: 值”形式（title、unit、period、date）。"
         "格式错误时前言被忽略，报告日期等信息无法读取。",
         bad="---\ntitle: [未闭合\n---", good="---\ntitle: 市委宣传部上半年工作总结\nperiod: 2020-H1\n---"),
]


def check(ctx: CheckContext):
    """Report the front-matter error the parser recorded, at its line."""
    error = ctx.report.front_matter_error
    if error is None:
        return
    message, line = error
    line = min(line, ctx.report.index.line_count)
    start = ctx.report.index.line_start(line)
    end = ctx.report.text.find("\n", start)
    yield ctx.diagnostic("front-matter.invalid", message, start, end if end != -1 else len(ctx.report.text),
                         part=None, section=None)
