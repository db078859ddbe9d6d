"""number.fixed-expression: fixed Chinese-numeral expressions written with digits (GB/T 15835-2011).

GB/T 15835-2011 §5.1.2: numbers that are part of a fixed word, phrase or name are written in
Chinese numerals: 十九大, 四中全会, “四个意识”, 三严三实, 一把手, 第一书记.
"""

from __future__ import annotations

import re

from ..diagnostics import Severity
from ..numbering import int_to_cn
from . import CheckContext, Rule
from ._support import body_start, replace_fix

RULES = [
    Rule("number.fixed-expression", Severity.WARNING, "固定词语中的数字应写汉字（19大、4中全会、4个意识）",
         "GB/T 15835-2011《出版物上数字用法》5.1.2：数字作为词语、惯用语、缩略语的语素时用汉字数字，"
         "如“十九大”“四中全会”“四个意识”“三严三实”“一把手”。修复改写为汉字数字。",
         bad="深入学习贯彻党的19大和19届4中全会精神", good="深入学习贯彻党的十九大和十九届四中全会精神", fixable=True),
]

_D = r"[0-9０-９]"
_PATTERNS = [
    # 党的19大, 19届4中全会, 4中全会, 2次党代会
    re.compile(rf"(?<!{_D})(?P<n>{_D}{{1,2}})(?=大(?:精神|报告|代表|以来|召开|胜利|重要|提出|作出|部署|和|、|，|。))"),
    re.compile(rf"(?<!{_D})(?P<n>{_D}{{1,2}})(?=届(?:{_D}|[一二三四五六七八九])中全会|届人大|届全国人大|届全国政协)"),
    re.compile(rf"(?<!{_D})(?P<n>{_D})(?=中全会)"),
    # “4个意识”“4个自信”“2个维护”“4个全面”“5位一体”“3严3实”“6稳6保”
    re.compile(rf"(?<!{_D})(?P<n>{_D})(?=个(?:意识|自信|维护|全面|伟大|确立|务必|代表|服务|着力|必须|坚持|统筹))"),
    re.compile(rf"(?<!{_D})(?P<n>{_D})(?=位一体)"),
    re.compile(rf"(?<!{_D})(?P<n>{_D})(?=严{_D}实|稳{_D}保|下乡)"),
    re.compile(rf"(?<=[严稳])(?P<n>{_D})(?=[实保])"),
    # 一把手, 第一书记
    re.compile(rf"(?<!{_D})(?P<n>1)(?=把手)"),
    re.compile(rf"(?<=第)(?P<n>1)(?=书记)"),
]
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def check(ctx: CheckContext):
    """Report digits inside fixed expressions, each with its Chinese-numeral form."""
    text = ctx.report.text
    start = body_start(ctx)
    seen: set[int] = set()
    for pattern in _PATTERNS:
        for m in pattern.finditer(text, start):
            if m.start("n") in seen:
                continue
            seen.add(m.start("n"))
            right = int_to_cn(int(m.group("n").translate(_FULLWIDTH)))
            context = text[m.start("n"):m.end("n") + 4]
            yield ctx.diagnostic("number.fixed-expression", f"固定词语“{context}”中的数字应写作汉字“{right}”",
                                 m.start("n"), m.end("n"), suggestion=right,
                                 fix=replace_fix(m.start("n"), m.end("n"), right))
