"""punct.dunhao-*: where a 顿号 does not belong (GB/T 15834-2011 4.5.3.4, 4.5.3.5, 4.5.3.1).

- between quoted or titled items in a row: “A”“B”, 《A》《B》 (4.5.3.5), unless a note in
  brackets stands between them;
- before 等/等等 closing a list: “A、B等” — 等 is not an item of the list (4.5.3.1 puts 顿号
  between the items only).

Two neighbouring numerals for an estimate (三四个) are the checklist's punct.dunhao-approx.
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..files.patterns import compile as re_compile
from . import CheckContext, Rule
from ._support import body_start, replace_fix, wanted

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    # Info, not a warning: the standard says 通常不用, and government work reports up to the 2020s
    # still write “一国两制”、“港人治港” (102 of 129 hits in 10,000 corpus paragraphs).
    Rule("punct.dunhao-between-quotes", Severity.INFO, "并列的引号或书名号之间用了顿号（“A”、“B”）",
         "GB/T 15834-2011 4.5.3.5：标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号（中间有括注时"
         "才用）。修复删去顿号。",
         bad="报送《舆情信息专报》、《舆情信息反馈意见表》", good="报送《舆情信息专报》《舆情信息反馈意见表》", fixable=True),
    Rule("punct.dunhao-before-deng", Severity.WARNING, "“等”前用了顿号（A、B、等）",
         "GB/T 15834-2011 4.5.3.1：顿号用于并列词语之间；“等”“等等”不是并列的一项，前面不用顿号。修复删去顿号。",
         bad="开展宣讲、展演、培训、等活动", good="开展宣讲、展演、培训等活动", fixable=True),
]

_BETWEEN = re_compile(r"[”》](、)(?=[“《])")
# 等级、等次、等同… are words of their own, and may begin the next item.
_BEFORE_DENG = re_compile(r"、(?=等(?![级次同待量价额效高距候身于腰第外]))")


def check(ctx: CheckContext):
    """Report a 顿号 between quoted or titled items and a 顿号 before 等."""
    text = ctx.report.text
    first = body_start(ctx)
    if wanted(ctx, "punct.dunhao-between-quotes"):
        for m in _BETWEEN.finditer(text, first):
            kind = "书名号" if text[m.start()] == "》" else "引号"
            yield ctx.diagnostic("punct.dunhao-between-quotes", f"并列的{kind}之间通常不用顿号，可删去",
                                 m.start(1), m.end(1), suggestion="", fix=replace_fix(m.start(1), m.end(1), ""))
    if wanted(ctx, "punct.dunhao-before-deng"):
        for m in _BEFORE_DENG.finditer(text, first):
            yield ctx.diagnostic("punct.dunhao-before-deng", "“等”不是并列的一项，前面不用顿号，应删去",
                                 m.start(), m.end(), suggestion="", fix=replace_fix(m.start(), m.end(), ""))
