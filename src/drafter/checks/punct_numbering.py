"""punct.numbering and punct.item-colon: the marks after ordinals (GB/T 15834-2011 appendix B.2;
GB/T 9704-2012 7.3.3).

Heading marks go 一、 （一） 1. （1）: a bracketed ordinal takes no mark after it (B.2.4), an
Arabic numeral takes the 下脚点 “.” (B.2.3), a Chinese numeral the 顿号 (B.2.2). Inline ordinals
一是、二是… run straight into their sentence: “一是：” has a colon where there is no pause
(appendix A.6: no colon where there is no pause), and the fix removes it.
"""

from __future__ import annotations

import re

from ..diagnostics import Severity
from . import CheckContext, Rule
from ._support import fast_pattern, lines_with, replace_fix, wanted

RULES = [
    Rule("punct.numbering", Severity.WARNING, "序号标点不规范（（一）、 或 1、）",
         "GB/T 15834-2011 附录B.2.2—B.2.4、B.2.8 与 GB/T 9704-2012：“一、”“（一）”“1.”“（1）”。括号序号后不再加标点，"
         "阿拉伯数字序号后用下脚点而不用顿号。",
         bad="一、上半年工作总结\n（一）、着眼“培根铸魂”\n1、理论学习扎实有效",
         good="一、上半年工作总结\n（一）着眼“培根铸魂”\n1.理论学习扎实有效", fixable=True),
    Rule("punct.item-colon", Severity.WARNING, "“一是”“二是”后用了冒号",
         "GB/T 15834-2011 附录A.6：冒号用在有停顿处，无停顿处不用冒号。“一是”“二是”……与后面的话连成一句，"
         "直接接内容，不加冒号。修复删去冒号。",
         bad="一是：理论学习扎实有效。二是:理论宣讲手段新颖。", good="一是理论学习扎实有效。二是理论宣讲手段新颖。",
         fixable=True),
]

_AFTER_MARK = "、，,.．:："
_ITEM_COLON = fast_pattern(r"(?:(?<=^)|(?<=[。；;！？\s　]))((?:[一二三四五六七八九十]|十[一二三四五六七八九])是)([：:])", re.M)


def check(ctx: CheckContext):
    """Report marks after heading ordinals and colons after 一是/二是."""
    if wanted(ctx, "punct.numbering"):
        yield from _numbering(ctx)
    if wanted(ctx, "punct.item-colon"):
        text = ctx.report.text
        # Only the lines holding 是： or 是: (every match does) are searched: the pattern opens
        # with a lookbehind, which no engine can skip ahead for.
        for m in (m for start, end in lines_with(text, 0, ("是：", "是:"))
                  for m in _ITEM_COLON.finditer(text, start, end)):
            yield ctx.diagnostic("punct.item-colon", f"“{m.group(1)}”后不用冒号，直接接内容", m.start(2), m.end(2),
                                 suggestion="", fix=replace_fix(m.start(2), m.end(2), ""))


def _numbering(ctx: CheckContext):
    text = ctx.report.text
    # A mark one level too deep (1、 directly under 一、) is numbering.level's: its fix is （一）,
    # and “1.” here would only trade one slip for another.
    skipped = {d.heading.span.start for d in ctx.report.walk()
               if d.parent is not None and d.level > d.parent.level + 1}
    for paragraph in ctx.report.paragraphs:
        heading = paragraph.heading
        if heading is None or heading.marker is None or heading.span.start in skipped:
            continue
        marker = heading.marker
        start = heading.span.start
        end = start + len(marker.text)
        extra = end
        while extra < len(text) and text[extra] in _AFTER_MARK:
            extra += 1
        if marker.style == "standard" and extra == end:
            continue
        if marker.style == "standard":
            message = f"序号“{marker.text}”后不再加标点“{text[end:extra]}”"
        else:
            message = f"序号“{marker.text}”不规范，应为“{marker.standard}”"
        yield ctx.diagnostic("punct.numbering", message, start, extra, suggestion=marker.standard,
                             fix=replace_fix(start, extra, marker.standard))
