"""punct.half-width: half-width punctuation inside Chinese text (GB/T 15834-2011, chapter 5).

Chinese text takes full-width marks, each one character wide: ， ； ： ？ ！ （ ） “ ” ‘ ’.
A half-width , ; : ? ! next to a Chinese character, a pair of half-width brackets around or
beside Chinese words, and straight quotes "…" '…' around Chinese words are flagged and replaced.
Between digits (10:30, 1,200) and in Latin text the half-width forms stay.
"""

from __future__ import annotations

from ..diagnostics import Edit, Fix, Severity
from ..files.patterns import compile as re_compile
from . import CheckContext, Rule
from ._support import CJK, body_start, fast_pattern, heading_marks, replace_fix, wanted

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    Rule("punct.half-width", Severity.WARNING, "中文文本中使用了半角标点（, ; : ? ! ( ) \" '）",
         "GB/T 15834-2011 第5章：中文标点各占一个字的位置，即全角形式。与汉字相邻的半角逗号、分号、冒号、"
         "问号、叹号，包着或紧挨汉字的半角括号，以及包着汉字的直引号\"…\"'…'，改为对应的全角标点；"
         "数字之间（10:30、1,200）和外文中的半角标点不动。",
         bad="组织开展专项检查,抓好\"软件正版化\"工作!", good="组织开展专项检查，抓好“软件正版化”工作！",
         fixable=True),
]

_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# Scanned by a leading character class (fast); the neighbours are checked in Python.
_HALF_RE = re_compile(r"[,;:?!]")
_CJK_BEFORE = re_compile(rf"[{CJK}”’）》】]")
_CJK_AFTER = re_compile(rf"[{CJK}“‘（《【]")
_PAREN_RE = re_compile(r"\(([^()\n]{1,120})\)")
_HAS_CJK = re_compile(rf"[{CJK}]")
_DOUBLE_QUOTED = re_compile(r'"([^"\n]{1,200})"')
_SINGLE_QUOTED = fast_pattern(r"(?<![A-Za-z])'([^'\n]{1,120})'(?![A-Za-z])")


def check(ctx: CheckContext):
    """Report half-width marks beside or around Chinese text, each with its full-width form."""
    if not wanted(ctx, "punct.half-width"):
        return
    text = ctx.report.text
    first = body_start(ctx)
    marks = heading_marks(ctx)
    for m in _HALF_RE.finditer(text, first):
        pos = m.start()
        if pos in marks or not (_CJK_BEFORE.match(text, pos - 1, pos) if pos else None
                                or _CJK_AFTER.match(text, pos + 1)):
            continue
        right = _HALF[m.group()]
        yield ctx.diagnostic("punct.half-width", f"中文文本中的半角“{m.group()}”应为全角“{right}”",
                             m.start(), m.end(), suggestion=right, fix=replace_fix(m.start(), m.end(), right))
    for m in _PAREN_RE.finditer(text, first):
        inner = m.group(1)
        if m.start() in marks or not (_HAS_CJK.search(inner) or _CJK_BEFORE.match(text, m.start() - 1)):
            continue
        right = f"（{inner}）"
        yield ctx.diagnostic("punct.half-width", "中文文本中的半角括号“()”应为全角“（）”", m.start(), m.end(),
                             suggestion=right, fix=replace_fix(m.start(), m.end(), right))
    for regex, pair in ((_DOUBLE_QUOTED, "“”"), (_SINGLE_QUOTED, "‘’")):
        for m in regex.finditer(text, first):
            if not _HAS_CJK.search(m.group(1)):
                continue
            right = pair[0] + m.group(1) + pair[1]
            yield ctx.diagnostic("punct.half-width", f"中文文本中的直引号应为全角引号：{right}",
                                 m.start(), m.end(), suggestion=right,
                                 fix=_quote_fix(m.start(), m.end(), pair))


def _quote_fix(start: int, end: int, pair: str):
    """Replace only the two quote marks, so that a fix elsewhere inside the quote can coexist."""
    return Fix(edits=(Edit(start, start + 1, pair[0]), Edit(end - 1, end, pair[1])), safe=True)
