"""number.range: the connector between the two ends of a range (GB/T 15835-2011 5.1.3; GB/T
15834-2011 4.13.3.2).

A short hyphen “-” joins parts of one name or code (4.13.3.1: 010-88842603, WZ-10); between two
numbers that bound a range it is a slip:
- a range of values takes the wavy “～” (or “—”): 3～5次, 10%～15%;
- the start and end of a time or of a sequence take the dash “—”: 2021—2025年, 1—6月, 第3—5批.
When the end carries 万/亿 and the start does not, the start needs it too (9亿～16亿, not 9～16亿).
Complete dates written 2020-6-1 are allowed by 5.1.4 and left alone.
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..files.patterns import compile as re_compile
from . import CheckContext, Rule
from ._support import CJK, body_start, lines_with, replace_fix, wanted

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    Rule("number.range", Severity.WARNING, "数值范围、起止用了短横线或缺了单位（3-5次、2021-2025年、9～16亿）",
         "GB/T 15835-2011 5.1.3：数值范围用浪纹线“～”或一字线“—”（3～5次），后一数有“万”“亿”时前一数也要写"
         "（9亿～16亿，不写为9～16亿）；GB/T 15834-2011 4.13.3：时间、序数的起止用一字线（2021—2025年、1—6月、"
         "第3—5批），短横线只用于号码、型号等。修复换用正确的连接号或补上单位。",
         bad="每季度开展3-5次，实施2021-2025年规划，1-6月投入9～16亿元",
         good="每季度开展3～5次，实施2021—2025年规划，1—6月投入9亿～16亿元", fixable=True),
]

_N = r"[0-9]+(?:\.[0-9]+)?"
_RANGE = re_compile(
    rf"(?<![0-9A-Za-z.\-/:#＃])(?P<ord>第)?(?P<a>{_N})(?P<ua>%|万|亿)?(?P<sep>[-－–~〜～—])(?P<b>{_N})(?P<ub>%|万|亿)?"
    rf"(?![0-9.\-/:])(?P<after>[{CJK}]?)")
# Words after the second number that make the range one of time or of sequence (一字线).
_TIME_OR_ORDER = re_compile(r"[年月日时号届期批次季周代]|点|世纪|年代|学年|轮|级|版|章|条|款|项目")
_YEAR = re_compile(r"^(?:19|20)[0-9]{2}$")
_CODE_BEFORE = re_compile(r"[A-Za-z/][A-Za-z/ ]*\s*$")
#: What every range holds: a digit, perhaps 万/亿/%, a connector, a digit. _RANGE never crosses a
#: line end, so it is searched only in the lines where this occurs (lines_with).
_CORE = re_compile(r"[0-9](?:%|万|亿)?[-－–~〜～—][0-9]")


def check(ctx: CheckContext):
    """Report range connectors that do not fit the range, and a missing 万/亿 on its start."""
    if not wanted(ctx, "number.range"):
        return
    text = ctx.report.text
    for m in (m for start, end in lines_with(text, body_start(ctx), core=_CORE)
              for m in _RANGE.finditer(text, start, end)):
        sep, a, b, ua, ub = m.group("sep"), m.group("a"), m.group("b"), m.group("ua"), m.group("ub")
        # (on its own line: what ends the line above is no part of this one)
        if _CODE_BEFORE.search(text, max(0, m.start() - 12, text.rfind("\n", max(0, m.start() - 12), m.start()) + 1), m.start()):
            continue  # GB/T 9387.1-1998, ISO 9001-2015: a standard's number and year
        after = m.group("after")
        if not after and not ub and not ua:
            continue  # 3-5 with nothing after: a code, a score or a reference, not a range in text
        if sep in "-－–" and _YEAR.match(a) and not _YEAR.match(b):
            continue  # 2020-6: a date written with a hyphen, number.date's business
        is_time = bool(m.group("ord")) or (_YEAR.match(a) and _YEAR.match(b)) or \
            (not ub and after and _TIME_OR_ORDER.match(text, m.end("b")) and after not in "次项条")
        right_sep = "—" if is_time else ("～" if sep in "-－–~〜" else sep)
        missing_unit = ub in ("万", "亿") and not ua
        if right_sep == sep and not missing_unit:
            continue
        if sep == "～" and is_time:
            continue  # 4.13.3.2 also allows ～ for the range of a sequence: leave it
        new_a = a + (ub if missing_unit else (ua or ""))
        right = f"{new_a}{right_sep}{b}{ub or ''}"
        start = m.start("a")
        end = m.end("ub") if ub else m.end("b")
        shown = right + (after if not ub and after else "")   # 3～5次 reads better than 3～5
        if missing_unit and right_sep == sep:
            message = f"后一数带“{ub}”，前一数也要带：应为“{shown}”"
        elif is_time:
            message = f"时间或序数的起止用一字线“—”，应为“{shown}”"
        else:
            message = f"数值范围用浪纹线“～”，应为“{shown}”"
        yield ctx.diagnostic("number.range", message, start, end, suggestion=right,
                             fix=replace_fix(start, end, right))
