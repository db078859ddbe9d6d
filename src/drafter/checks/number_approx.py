"""number.approx-doubled and number.approx-digits: how estimates are written (GB/T 15835-2011
3.3, 4.2.2, 5.3).

- An estimate is said once: 约, 余/多 and 左右/上下 each make a number approximate, so “约120余篇”
  and “3倍多左右” say it twice. The fix drops the extra word (120余篇, 3倍多).
- An estimate made with 几 is written in Chinese numerals (4.2.2): “10几项” → 十几项,
  “几10个” → 几十个.
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..files.patterns import compile as re_compile
from ..report.numbering import int_to_cn
from . import CheckContext, Rule
from ._numbers import to_half_width
from ._support import body_start, lines_with, replace_fix, wanted

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    Rule("number.approx-doubled", Severity.WARNING, "约数重复表达（约120余篇、3倍多左右）",
         "GB/T 15835-2011 3.3：概数是用于模糊计量的数字。“约”“余/多”“左右/上下”都表示约数，一个数只用一个。"
         "修复删去多余的一个：“约120余篇”→“120余篇”，“3倍多左右”→“3倍多”，“约100人左右”→“约100人”。",
         bad="编发稿件约120余篇，增长3倍多左右", good="编发稿件120余篇，增长3倍多", fixable=True),
    Rule("number.approx-digits", Severity.WARNING, "用“几”表示的概数写成了阿拉伯数字（10几项）",
         "GB/T 15835-2011 4.2.2：概数用汉字数字（十几、几十、二十几）；5.3：阿拉伯数字不与汉字混写。修复改为汉字数字。",
         bad="开展10几项专题活动，覆盖几10个村", good="开展十几项专题活动，覆盖几十个村", fixable=True),
]

_NUM = r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[一二三四五六七八九十百千两]+)"
_SCALE = r"(?:万|亿|千|百)?"
# 约 that is part of a word (节约3万多元 is about saving, not about an estimate) does not count.
_YUE = r"(?<![制节签公预邀相特契条履违婉简集隐缔守失])(?P<yue>大约|大概|大致|约)"
# None of these patterns matches across a line end, and each needs a word that the lines it is
# searched in hold (lines_with): 约/大概/大致, 左右/上下, 几.
_YUE_WORDS = ("约", "大概", "大致")
_YUE_TAIL = re_compile(rf"{_YUE}{_NUM}{_SCALE}[^\W\d_]?(?:余|多)")
_LEFT_RIGHT = re_compile(rf"(?:{_YUE}{_NUM}{_SCALE}[^\W\d_]{{0,3}}?|{_NUM}{_SCALE}[^\W\d_]?(?:余|多)[^\W\d_]{{0,3}}?)"
                         r"(?P<lr>左右|上下)")
_JI = re_compile(r"(?<![0-9０-９.])(?:(?P<n>[0-9０-９]{2,3})几|几(?P<m>[0-9０-９]{2,3}))(?![0-9０-９])")


def check(ctx: CheckContext):
    """Report doubled estimates and 几 with Arabic digits."""
    text = ctx.report.text
    first = body_start(ctx)
    if wanted(ctx, "number.approx-doubled"):
        seen: set[int] = set()
        for m in _in_lines(_LEFT_RIGHT, text, lines_with(text, first, ("左右", "上下"))):
            lr = m.group("lr")
            said = m.group("yue") or ("余" if "余" in m.group() else "多")
            seen.add(m.start())
            yield ctx.diagnostic("number.approx-doubled",
                                 f"“{said}”与“{lr}”都表示约数，重复，删去“{lr}”", m.start(), m.end(),
                                 suggestion=m.group()[:-2], fix=replace_fix(m.start("lr"), m.end("lr"), ""))
        for m in _in_lines(_YUE_TAIL, text, lines_with(text, first, _YUE_WORDS)):
            if m.start() in seen:
                continue
            tail = m.group()[-1]
            yue = m.group("yue")
            yield ctx.diagnostic("number.approx-doubled",
                                 f"“{yue}”与“{tail}”都表示约数，重复，删去“{yue}”", m.start(), m.end(),
                                 suggestion=m.group()[len(yue):], fix=replace_fix(m.start("yue"), m.end("yue"), ""))
    if wanted(ctx, "number.approx-digits"):
        for m in _in_lines(_JI, text, lines_with(text, first, ("几",))):
            digits = to_half_width(m.group("n") or m.group("m"))
            value = int(digits)
            if value % 10 or value >= 1000:
                continue  # 12几 is no estimate anyone writes; leave odd cases to the reader
            cn = int_to_cn(value)
            if m.group("m"):
                right = "几" + cn.lstrip("一") if value in (10, 100) else "几" + cn
            else:
                right = cn + "几"
            yield ctx.diagnostic("number.approx-digits", f"概数“{m.group()}”应写汉字“{right}”",
                                 m.start(), m.end(), suggestion=right, fix=replace_fix(m.start(), m.end(), right))


def _in_lines(pattern, text: str, lines: list[tuple[int, int]]):
    for start, end in lines:
        yield from pattern.finditer(text, start, end)
