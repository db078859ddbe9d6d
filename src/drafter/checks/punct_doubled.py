"""punct.doubled: one mark typed twice, or two stops in a row (GB/T 15834-2011 4.2.3.3, 4.3.3.3).

。。 ，， 、、 ；； ：： are slips; ？？ and ！！ are allowed by the standard only for an
exceptionally strong feeling, which a work report does not express. Two different stops in a
row (“，。” “；。”) keep the sentence-final one. 。。。 is an ellipsis written with full stops —
punct.ellipsis's business, not this one's.
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..files.patterns import compile as re_compile
from . import CheckContext, Rule
from ._support import body_start, replace_fix, wanted

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    Rule("punct.doubled", Severity.WARNING, "标点重复或连用（。。 ！！ ，。）",
         "GB/T 15834-2011 4.2.3.3、4.3.3.3：问号、叹号只在表达异常强烈的感情时才可叠用，工作报告中不叠用；"
         "其他点号重复多为误触。两个不同的点号相连（“，。”“；。”）时保留句末点号。修复只保留一个。",
         bad="持续提升网络安全保障能力。。坚决打赢这场硬仗！！取得明显成效，。",
         good="持续提升网络安全保障能力。坚决打赢这场硬仗！取得明显成效。", fixable=True),
]

_SAME = re_compile(r"([。，、；：！？])\1+")
# [x][x]* rather than [x]+: a pattern that opens with a character class lets re skip ahead.
_MIXED = re_compile(r"[，、；：][，、；：]*(?=[。！？])")


def check(ctx: CheckContext):
    """Report repeated marks and a pause mark right before a sentence-final one."""
    if not wanted(ctx, "punct.doubled"):
        return
    text = ctx.report.text
    first = body_start(ctx)
    for m in _SAME.finditer(text, first):
        mark = m.group(1)
        if mark == "。" and len(m.group()) > 2:
            continue  # 。。。 stands for an ellipsis: a different slip, with a different fix
        message = f"“{mark}”不叠用，保留一个" if mark in "！？" else f"标点“{mark}”重复，保留一个"
        yield ctx.diagnostic("punct.doubled", message, m.start(), m.end(),
                             suggestion=mark, fix=replace_fix(m.start(), m.end(), mark))
    for m in _MIXED.finditer(text, first):
        end_mark = text[m.end()]
        yield ctx.diagnostic("punct.doubled", f"“{m.group()}”与句末的“{end_mark}”连用，删去“{m.group()}”",
                             m.start(), m.end() + 1, suggestion=end_mark,
                             fix=replace_fix(m.start(), m.end(), ""))
