"""number.fixed-expression: fixed Chinese-numeral expressions written with digits (GB/T 15835-2011).

GB/T 15835-2011 §5.1.2: numbers that are part of a fixed word, phrase or name are written in
Chinese numerals: 十九大, 四中全会, “四个意识”, “十四五”, 三严三实, 一把手, 第一书记.
"""

from __future__ import annotations

import re

from ..diagnostics import Severity
from ..files.patterns import compile as re_compile
from ..report.numbering import cn_to_int, int_to_cn
from . import CheckContext, Rule
from ._support import body_start, replace_fix

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    Rule("number.fixed-expression", Severity.WARNING, "固定词语中的数字应写汉字（19大、4中全会、4个意识）",
         "GB/T 15835-2011《出版物上数字用法》5.1.2：数字作为词语、惯用语、缩略语的语素时用汉字数字，"
         "如“十九大”“四中全会”“四个意识”“三严三实”“一把手”。修复改写为汉字数字。",
         bad="深入学习贯彻党的19大和19届4中全会精神", good="深入学习贯彻党的十九大和十九届四中全会精神", fixable=True),
]

_D = r"[0-9０-９]"
_AFTER_ONE_OR_TWO = (
    rf"大(?:精神|报告|代表|以来|召开|胜利|重要|提出|作出|部署|和|、|，|。)"
    rf"|届(?:{_D}|[一二三四五六七八九])中全会|届人大|届全国人大|届全国政协")
_AFTER_ONE = (
    rf"中全会|位一体|严{_D}实|稳{_D}保|下乡|个(?:意识|自信|维护|全面|伟大|确立|务必|代表|服务(?!业)|着力|必须|坚持|统筹)")
#: The first one or two digits of a run of digits (2020 is read as 20 and 20, and only the first
#: pair can start a fixed expression), then what makes them one: “14五” for the 十四五 plan
#: period; 19大, 19届4中全会 after one or two digits; 4个意识, 3严3实, 1把手, 第1书记 after one.
#: One pattern led by a character class (``re`` skips to digits), not a Python test per run.
_FIXED = re_compile(
    rf"{_D}(?<!{_D}{_D})(?:{_D}|(?!{_D}))"
    rf"(?:(?<=“{_D}{_D})(?=五”)"
    rf"|(?={_AFTER_ONE_OR_TWO})"
    rf"|(?<!{_D}{_D})(?:(?={_AFTER_ONE})|(?<=[严稳]{_D})(?=[实保])|(?<=1)(?=把手)|(?<=第1)(?=书记)))")


def _fixed_expressions(text: str, start: int):
    """Offsets ``(start, end)`` of digit runs that belong to a fixed expression."""
    return (m.span() for m in _FIXED.finditer(text, start))


def check(ctx: CheckContext):
    """Report digits inside fixed expressions, each with its Chinese-numeral form."""
    text = ctx.report.text
    start = body_start(ctx)
    for s, e in _fixed_expressions(text, start):
        right = int_to_cn(cn_to_int(text[s:e]))  # cn_to_int reads full-width digits too
        context = re.split(r"[\n”，。；、]", text[s:e + 4])[0]
        yield ctx.diagnostic("number.fixed-expression", f"固定词语“{context}”中的数字应写作汉字“{right}”",
                             s, e, suggestion=right, fix=replace_fix(s, e, right))
