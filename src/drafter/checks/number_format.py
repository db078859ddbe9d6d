"""number.full-width and number.decimal-zero: how Arabic digits are written (GB/T 15835-2011
5.1.7.1, 5.1.2).

Arabic digits are set half a character wide (二分字身): full-width digits １２００ are a slip of
the input method and become 1200. A decimal below one keeps the 0 before its point (0.5, not .5).
"""

from __future__ import annotations

from ..diagnostics import Severity
from . import CheckContext, Rule
from ._numbers import to_half_width
from ._support import CJK, body_start, fast_pattern, replace_fix, wanted

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    Rule("number.full-width", Severity.WARNING, "阿拉伯数字写成了全角（１２００）",
         "GB/T 15835-2011 5.1.7.1：阿拉伯数字一般用正体二分字身，即占半个汉字位置。全角数字改为半角。",
         bad="全年培训１２００人次，占比１２．５%", good="全年培训1200人次，占比12.5%", fixable=True),
    Rule("number.decimal-zero", Severity.WARNING, "纯小数省略了小数点前的“0”（.5）",
         "GB/T 15835-2011 5.1.2：纯小数必须写出小数点前定位的“0”。修复补上“0”。",
         bad="降低.5个百分点", good="降低0.5个百分点", fixable=True),
]

_FULL = fast_pattern(r"[０-９](?:[０-９]|[．.](?=[０-９0-9]))*")
_NO_ZERO = fast_pattern(rf"(?<=[{CJK}，。、；：（])\.(?=[0-9])")


def check(ctx: CheckContext):
    """Report full-width digits and decimals without their leading 0."""
    text = ctx.report.text
    first = body_start(ctx)
    if wanted(ctx, "number.full-width"):
        for m in _FULL.finditer(text, first):
            right = to_half_width(m.group())
            yield ctx.diagnostic("number.full-width", f"全角数字“{m.group()}”应写作半角“{right}”",
                                 m.start(), m.end(), suggestion=right, fix=replace_fix(m.start(), m.end(), right))
    if wanted(ctx, "number.decimal-zero"):
        for m in _NO_ZERO.finditer(text, first):
            yield ctx.diagnostic("number.decimal-zero", "纯小数的小数点前要写“0”", m.start(), m.end() ,
                                 suggestion="0.", fix=replace_fix(m.start(), m.end(), "0."))
