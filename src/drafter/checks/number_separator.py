"""number.thousands: the separators in long numbers (GB/T 15835-2011 5.1.1, 4.3).

Integers of more than four digits may be grouped in threes with the thousands comma “,” (or a
thin space); numbers up to four digits need none. Flagged:
- a Chinese comma used as the separator (1，200，000): it reads as a pause between two numbers;
  the fix writes the thousands comma;
- groups that are not of three digits (12,00, 1,2345): no fix, the figure must be checked;
- one document grouping some long numbers and not others (12,000 beside 15000): the numbers of
  the same kind are written the same way (4.3); the minority form is flagged, with the majority
  form as its fix.
"""

from __future__ import annotations

import re

from ..diagnostics import Severity
from . import CheckContext, Rule
from ._support import body_start, fast_pattern, replace_fix, wanted

RULES = [
    Rule("number.thousands", Severity.WARNING, "多位数分节不规范（1，200、12,00、分节与不分节混用）",
         "GB/T 15835-2011 5.1.1：四位以上的整数可用千分撇“,”每三位分节，四位以内可不分节；不用中文逗号分节，"
         "每节须为三位。4.3：同一文中同类数字写法一致，不要有的分节、有的不分节。修复：中文逗号改为千分撇；"
         "混用时按文中多数的写法统一。",
         bad="全年接待游客1，200，000人次", good="全年接待游客1,200,000人次", fixable=True),
]

_CN_COMMA = fast_pattern(r"(?<![0-9，,.])[0-9]{1,3}(?:，[0-9]{3})+(?![0-9])(?=[^，0-9]|$)")
_BAD_GROUP = fast_pattern(r"(?<![0-9,.])[0-9]{1,3}(?:,[0-9]{3})*,(?:[0-9]{1,2}|[0-9]{4,})(?![0-9])")
_GROUPED = fast_pattern(r"(?<![0-9,.A-Za-z\-])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,]|\.[0-9])")
# Five or more digits in a row, not a year, a code, a phone number or a decimal's tail.
_LONG = fast_pattern(r"(?<![0-9,.A-Za-z\-/:#＃])[0-9]{5,}(?![0-9,.A-Za-z\-/])")


def check(ctx: CheckContext):
    """Report Chinese commas as separators, wrong groups, and grouped beside ungrouped numbers."""
    if not wanted(ctx, "number.thousands"):
        return
    text = ctx.report.text
    first = body_start(ctx)
    for m in _CN_COMMA.finditer(text, first):
        right = m.group().replace("，", ",")
        yield ctx.diagnostic("number.thousands", f"多位数分节不用中文逗号：“{m.group()}”应写作“{right}”",
                             m.start(), m.end(), suggestion=right, fix=replace_fix(m.start(), m.end(), right, safe=False))
    for m in _BAD_GROUP.finditer(text, first):
        yield ctx.diagnostic("number.thousands", f"“{m.group()}”的分节不是每三位一节，请核对数字", m.start(), m.end())
    grouped = list(_GROUPED.finditer(text, first))
    if not grouped:
        return  # nothing to compare with: the long plain numbers need not be looked for
    plain = [m for m in _LONG.finditer(text, first) if not _code_like(text, m)]
    if not plain:
        return
    minority = grouped if len(grouped) <= len(plain) else plain
    for m in minority:
        if minority is grouped:
            right = m.group().replace(",", "")
            message = f"文中多位数多不分节，“{m.group()}”宜统一写作“{right}”"
        else:
            right = f"{int(m.group()):,}"
            message = f"文中多位数多用千分撇分节，“{m.group()}”宜统一写作“{right}”"
        yield ctx.diagnostic("number.thousands", message, m.start(), m.end(), suggestion=right,
                             severity=Severity.INFO, fix=replace_fix(m.start(), m.end(), right))


def _code_like(text: str, m: re.Match) -> bool:
    """Numbers that are names, not quantities: 文号, 电话, 邮编, 账号 (a 号/电话 nearby)."""
    before = text[max(0, m.start() - 6):m.start()]
    after = text[m.end():m.end() + 2]
    return any(w in before for w in ("电话", "热线", "邮编", "号码", "账号", "编号", "代码", "QQ")) or after.startswith("号")
