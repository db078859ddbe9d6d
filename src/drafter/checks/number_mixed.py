"""number.mixed-numerals: Arabic and Chinese numerals mixed in one number (GB/T 15835-2011 5.3,
5.2.5).

Only 万 and 亿 may join Arabic digits (3.45亿, 10亿零817万5288). Anything else mixed is a slip:
“二0二0年” (an Arabic 0 among Chinese numerals: a year is written 二〇二〇年), “1千多人”, “4千”,
“1万2千条” (千/百/十 after Arabic digits: 1000多人, 4000, 1.2万条), “一百08”. Units of measure
that begin with 千 or 百 (千米, 千克, 千瓦, 百分点) are not numerals.
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..files.patterns import compile as re_compile
from . import CheckContext, Rule
from ._numbers import read_value, to_half_width, write_value
from ._support import body_start, heading_marks, replace_fix, wanted

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    Rule("number.mixed-numerals", Severity.WARNING, "一个数里混用阿拉伯数字和汉字数字（二0二0年、1千多人、1万2千条）",
         "GB/T 15835-2011 5.3：除“万”“亿”可与阿拉伯数字合用（3.45亿）外，一个数值不能同时用阿拉伯数字和汉字数字"
         "（4000不写作“4千”，108不写作“一百08”）；5.2.5：用作编号的“0”汉字写作“〇”（二〇二〇年）。"
         "修复：统计数字改为阿拉伯数字（1000多人、1.2万条），汉字年份中的“0”改为“〇”。",
         bad="二0二0年，全年发稿1万2千条，培训1千多人", good="二〇二〇年，全年发稿1.2万条，培训1000多人",
         fixable=True),
]

_D = "0-9０-９"
_CN = "〇零一二三四五六七八九两"
# A run of digits and numeral characters (a leading character class keeps the scan fast) that
# holds both an Arabic digit and a Chinese numeral or 十/百/千/万/亿: from a digit, more digits (a
# decimal point belongs to a run only before a digit) up to a numeral; from a numeral, more
# numerals and at most a point up to a digit. A run without both never matches, not even from
# inside it, so the runs found are whole: 二〇二〇, 万 and 2020 are skipped in the scan, not in
# Python (all that 5.3 allows or forbids is in runs that mix).
_RUN = re_compile(rf"[{_D}{_CN}十百千万亿]"
                  rf"(?:(?<=[{_D}])(?=(?:[{_D}]|[.．](?=[{_D}]))*[{_CN}十百千万亿])"
                  rf"|(?<=[{_CN}十百千万亿])(?=[{_CN}十百千万亿]*[.．]?[{_D}]))"
                  rf"(?:[{_D}{_CN}十百千万亿]|[.．](?=[{_D}]))*")
_HAS_CN_DIGIT = re_compile(rf"[{_CN}]")
_LOW_UNIT_AFTER_ARABIC = re_compile(rf"[{_D}][十百千]")
# 千米 千克 千瓦 千帕 千伏 千卡 千兆 百分点 百分比 百分之 十分 …: units and words, not numerals.
_UNIT_WORD = re_compile(r"千(?:米|克|瓦|帕|伏|卡|兆|焦|赫|字节)|百(?:分|米|强|家|姓|年|花|货|科)|十(?:分|足|佳|强|大)")
_SCALE_AFTER_ESTIMATE = re_compile(r"[多余][万亿]")
_DIGIT_THEN_CN_DIGIT = re_compile(rf"[{_D}][{_CN}]")
_JOINING_ZERO = re_compile(r"(?<=[万亿])零")
_YEAR = re_compile(rf"^[{_D}〇零一二三四五六七八九]{{4}}$")


def check(ctx: CheckContext):
    """Report numbers mixing Arabic and Chinese numerals, with the form the standard asks for."""
    if not wanted(ctx, "number.mixed-numerals"):
        return
    text = ctx.report.text
    for m in _RUN.finditer(text, body_start(ctx)):
        run = m.group().rstrip(".．")
        start, end = m.start(), m.start() + len(run)
        # Trim a trailing unit word (3千米 is 3 kilometres) before judging.
        unit = _UNIT_WORD.search(text, start, end + 2)
        if unit and unit.start() < end:
            run = text[start:unit.start()]
            end = unit.start()
        # 零 right after 万/亿 joins sections of a large number (10亿零817万): allowed by 5.3.
        if not (_HAS_CN_DIGIT.search(_JOINING_ZERO.sub("", run)) or _LOW_UNIT_AFTER_ARABIC.search(run)):
            continue  # digits alone, or digits with 万/亿 only: allowed
        if start in heading_marks(ctx):
            continue  # “3.五金制品行业”: a heading number before a word
        is_year = text.startswith("年", end) and _YEAR.match(run)
        if not is_year and _DIGIT_THEN_CN_DIGIT.search(run):
            continue  # “14五”, 3一: not one number (number.fixed-expression reads “14五”)
        if is_year:
            right = "".join("〇一二三四五六七八九"[int(c)] if c.isdigit() else c
                            for c in to_half_width(run)).replace("零", "〇")
            message = f"年份“{run}年”中混用了阿拉伯数字，汉字年份应写作“{right}年”"
        else:
            value = read_value(run)
            if value is None:
                continue
            right = write_value(value)
            message = f"“{run}”混用了阿拉伯数字和汉字数字，应写作“{right}”"
            if _SCALE_AFTER_ESTIMATE.match(text, end):
                # 1亿3千多万: the 万 after 多 scales 3千 only; a reader must rewrite it (1.3亿多).
                yield ctx.diagnostic("number.mixed-numerals",
                                     f"“{run}{text[end:end + 2]}”混用了阿拉伯数字和汉字数字，应全部写成阿拉伯数字加“万”“亿”",
                                     start, end + 2)
                continue
        yield ctx.diagnostic("number.mixed-numerals", message, start, end, suggestion=right,
                             fix=replace_fix(start, end, right))
