"""consistency.variant: one slogan, brand or programme name written two ways in one document.

Quoted names (“…”, 《…》) that differ only in their separators — a space, a 顿号, a comma, a
middle dot, a dash — are the same name: “百姓百团 百人百讲” and “百姓百团、百人百讲”. The form the
document uses most wins (on a tie, the one without spaces, then the first); the others are
flagged with it as the fix. Checklists add declared sets of variants (type: consistency).
"""

from __future__ import annotations

import re

from ..diagnostics import Severity
from ..files.patterns import compile as re_compile
from . import CheckContext, Rule
from ._support import body_start, replace_fix

RULES = [
    Rule("consistency.variant", Severity.WARNING, "同一口号、品牌或项目名称前后写法不一致",
         "引号或书名号内的名称只在分隔符（空格、顿号、逗号、间隔号、连接号）上不同，视为同一名称的不同写法；"
         "以全文最常用的写法为准（相同时取不含空格者）。检查清单也可用 type: consistency 声明变体。",
         bad="发挥“百姓百团 百人百讲”的作用……发挥“百姓百团、百人百讲”的牵引作用",
         good="发挥“百姓百团、百人百讲”的作用……发挥“百姓百团、百人百讲”的牵引作用", fixable=True),
]

_QUOTED = re_compile(r"“([^“”\n]{2,40})”|《([^《》\n]{2,40})》")
_SEPARATORS = re_compile(r"[\s\u3000、，,·•・\-—_/／]+")


def check(ctx: CheckContext):
    """Flag every quoted name written differently from its most common form."""
    text = ctx.report.text
    groups: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for m in _QUOTED.finditer(text, body_start(ctx)):
        group = 1 if m.group(1) is not None else 2
        name = m.group(group)
        key = _SEPARATORS.sub("", name)
        if len(key) < 3:
            continue
        groups.setdefault(key, {}).setdefault(name, []).append((m.start(group), m.end(group)))
    for forms in groups.values():
        if len(forms) < 2:
            continue
        preferred = min(forms, key=lambda f: (-len(forms[f]), bool(re.search(r"\s", f)), forms[f][0][0]))
        for form, spans in forms.items():
            if form == preferred:
                continue
            for start, end in spans:
                yield ctx.diagnostic("consistency.variant",
                                     f"同一名称写法不一致：“{form}”与“{preferred}”混用，宜统一为“{preferred}”",
                                     start, end, suggestion=preferred, fix=replace_fix(start, end, preferred),
                                     data={"variants": sorted(forms)})
