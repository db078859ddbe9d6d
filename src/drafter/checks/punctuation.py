"""punct.*: punctuation slips under GB/T 15834-2011 《标点符号用法》.

punct.unpaired (“” ‘’ 《》 （） 【】 left open or closed twice, per paragraph), punct.half-width
(, ; : ? ! ( ) inside Chinese text), punct.doubled (。。 ，，), punct.dunhao-between-quotes
(“A”、“B”), punct.numbering (（一）、 and 1、 instead of （一） and 1.).
"""

from __future__ import annotations

import re

from ..diagnostics import Severity
from . import CheckContext, Rule
from ._support import body_start, replace_fix, wanted

RULES = [
    Rule("punct.unpaired", Severity.WARNING, "成对标点不配对（“” ‘’ 《》 （） 【】）",
         "GB/T 15834-2011：引号、书名号、括号须成对使用。按段落检查：缺少的另一半须补上。",
         bad="开设“战疫情特别报道等专题专栏。", good="开设“战疫情特别报道”等专题专栏。"),
    Rule("punct.half-width", Severity.WARNING, "中文文本中使用了半角标点（, ; : ? ! ( )）",
         "GB/T 15834-2011：中文文本使用全角标点。修复把半角标点换成对应的全角标点。",
         bad="组织开展专项检查,抓好软件正版化工作", good="组织开展专项检查，抓好软件正版化工作", fixable=True),
    Rule("punct.doubled", Severity.WARNING, "标点重复（。。 ，，）",
         "同一标点连用多为误触。修复保留一个。", bad="持续提升网络安全保障能力。。",
         good="持续提升网络安全保障能力。", fixable=True),
    Rule("punct.dunhao-between-quotes", Severity.WARNING, "并列的引号或书名号之间用了顿号（“A”、“B”）",
         "GB/T 15834-2011 4.5.3.5：标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号。修复删去顿号。",
         bad="报送《舆情信息专报》、《舆情信息反馈意见表》", good="报送《舆情信息专报》《舆情信息反馈意见表》", fixable=True),
    Rule("punct.numbering", Severity.WARNING, "序号标点不规范（（一）、 或 1、）",
         "GB/T 15834-2011 与 GB/T 9704-2012：“一、”“（一）”“1.”“（1）”。括号序号后不再加标点，"
         "阿拉伯数字序号后用下脚点而不用顿号。", bad="（一）、着眼“培根铸魂”\n1、理论学习扎实有效",
         good="（一）着眼“培根铸魂”\n1.理论学习扎实有效", fixable=True),
]

_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_BRACKET_RUNS = re.compile("“+|”+|‘+|’+|《+|》+|（+|）+|【+|】+")
_CJK = r"\u3400-\u9fff"
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# Scanned by a leading character class (fast); the neighbours are checked in Python.
_HALF_RE = re.compile(r"[,;:?!]")
_CJK_BEFORE = re.compile(rf"[{_CJK}”’）》】]")
_CJK_AFTER = re.compile(rf"[{_CJK}“‘（《【]")
_PAREN_RE = re.compile(r"\(([^()\n]{1,120})\)")
_HAS_CJK = re.compile(rf"[{_CJK}]")
_DOUBLED_RE = re.compile(r"([。，、；：])\1+")
_DUNHAO_RE = re.compile(r"[”》](、)(?=[“《])")
_AFTER_MARK = "、，,.．:："


def check(ctx: CheckContext):
    """Report every punctuation slip; pairs are matched paragraph by paragraph."""
    report = ctx.report
    text = report.text
    first = body_start(ctx)
    heading_marks = _heading_marks(ctx)
    if wanted(ctx, "punct.unpaired"):
        for paragraph in report.paragraphs:
            # Counting is C-fast; only a paragraph whose counts differ is walked mark by mark.
            line = paragraph.text
            if paragraph.span.end > first and any(line.count(o) != line.count(c) for o, c in _PAIRS.items()):
                yield from _unpaired(ctx, text, paragraph.span.start, paragraph.span.end)
    if wanted(ctx, "punct.half-width"):
        for m in _HALF_RE.finditer(text, first):
            pos = m.start()
            if pos in heading_marks or not (_CJK_BEFORE.match(text, pos - 1, pos) if pos else None
                                            or _CJK_AFTER.match(text, pos + 1)):
                continue
            right = _HALF[m.group()]
            yield ctx.diagnostic("punct.half-width", f"中文文本中应使用全角“{right}”", m.start(), m.end(),
                                 suggestion=right, fix=replace_fix(m.start(), m.end(), right))
        for m in _PAREN_RE.finditer(text, first):
            inner = m.group(1)
            if m.start() in heading_marks or not (_HAS_CJK.search(inner) or _CJK_BEFORE.match(text, m.start() - 1)):
                continue
            right = f"（{inner}）"
            yield ctx.diagnostic("punct.half-width", "中文文本中应使用全角括号“（）”", m.start(), m.end(),
                                 suggestion=right, fix=replace_fix(m.start(), m.end(), right))
    if wanted(ctx, "punct.doubled"):
        for m in _DOUBLED_RE.finditer(text, first):
            if m.group(1) == "。" and len(m.group()) > 2:
                continue  # 。。。 stands for an ellipsis: a different slip, with a different fix
            yield ctx.diagnostic("punct.doubled", f"标点“{m.group(1)}”重复", m.start(), m.end(),
                                 suggestion=m.group(1), fix=replace_fix(m.start(), m.end(), m.group(1)))
    if wanted(ctx, "punct.dunhao-between-quotes"):
        for m in _DUNHAO_RE.finditer(text, first):
            yield ctx.diagnostic("punct.dunhao-between-quotes", "并列的引号或书名号之间不用顿号",
                                 m.start(1), m.end(1), suggestion="", fix=replace_fix(m.start(1), m.end(1), ""))
    if wanted(ctx, "punct.numbering"):
        yield from _numbering(ctx)


def _unpaired(ctx: CheckContext, text: str, start: int, end: int):
    # Linear in the paragraph, and a run of one mark (“““…) is one step: the stack holds runs
    # [mark, start, how many still open]; an open count per kind replaces searching the stack
    # (a closer with none of its kind open used to scan the whole stack: quadratic).
    stack: list[list] = []
    open_count = dict.fromkeys(_PAIRS, 0)
    unpaired: list[int] = []
    for m in _BRACKET_RUNS.finditer(text, start, end):
        pos, n = m.start(), m.end() - m.start()
        char = text[pos]
        if char in open_count:
            stack.append([char, pos, n])
            open_count[char] += n
            continue
        opener = _CLOSERS[char]
        while n:
            if not open_count[opener]:
                unpaired.extend(range(pos, pos + n))
                break
            while stack[-1][0] != opener:  # inner openers that were never closed
                o, p, k = stack.pop()
                open_count[o] -= k
                unpaired.extend(range(p, p + k))
            top = stack[-1]
            take = min(n, top[2])  # the innermost (last) openers of the run close first
            top[2] -= take
            open_count[opener] -= take
            n -= take
            pos += take
            if not top[2]:
                stack.pop()
    for _, p, k in stack:
        unpaired.extend(range(p, p + k))
    unpaired.sort()
    for p in unpaired:
        char = text[p]
        if char in _PAIRS:
            yield ctx.diagnostic("punct.unpaired", f"“{char}”缺少配对的“{_PAIRS[char]}”", p, p + 1)
        else:
            yield ctx.diagnostic("punct.unpaired", f"“{char}”缺少配对的“{_CLOSERS[char]}”", p, p + 1)


def _heading_marks(ctx: CheckContext) -> set[int]:
    """Offsets inside headings' numbering marks (punct.numbering reports those)."""
    out: set[int] = set()
    for paragraph in ctx.report.paragraphs:
        heading = paragraph.heading
        if heading is not None and heading.marker is not None:
            out.update(range(heading.span.start, heading.span.start + len(heading.marker.text) + 1))
    return out


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
            message = f"序号“{marker.text}”后不再加标点"
        else:
            message = f"序号“{marker.text}”不规范，应为“{marker.standard}”"
        yield ctx.diagnostic("punct.numbering", message, start, extra, suggestion=marker.standard,
                             fix=replace_fix(start, extra, marker.standard))
