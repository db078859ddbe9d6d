"""punct.space: a space before a mark that follows the text, or after one that opens it
(GB/T 15834-2011 5.1.1, 5.1.2).

Pause and stop marks (， 。 、 ； ： ？ ！) and the closing halves of pairs (” ’ ） 》 】) stand
right after the character they follow; the opening halves (“ ‘ （ 《 【) right before the one they
precede. A space there — half-width, full-width or several — is a typing slip; the fix removes it.
Indentation at the start of a line is not touched.
"""

from __future__ import annotations

from ..diagnostics import Severity
from . import CheckContext, Rule
from ._support import body_start, fast_pattern, replace_fix, wanted

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    Rule("punct.space", Severity.WARNING, "标点前后多了空格（“成效 。”“（ 一）”）",
         "GB/T 15834-2011 5.1.1、5.1.2：句号、逗号、顿号、分号、冒号、问号、叹号及后引号、后括号、后书名号"
         "紧跟在前一个字之后；前引号、前括号、前书名号紧挨后一个字。其间的空格（半角、全角）删去；行首缩进不动。",
         bad="取得明显成效 。召开座谈会 ，报送《 舆情专报》", good="取得明显成效。召开座谈会，报送《舆情专报》",
         fixable=True),
]

# A space between a character and a following closing mark (not at a line start).
_BEFORE = fast_pattern(r"(?<=[^\s　])[ \t　]+(?=[，。、；：？！”’）》】])")
# A space between an opening mark and what it opens.
_AFTER = fast_pattern(r"(?<=[“‘（《【])[ \t　]+(?=[^\s　])")


def check(ctx: CheckContext):
    """Report spaces before closing marks and after opening marks."""
    if not wanted(ctx, "punct.space"):
        return
    text = ctx.report.text
    first = body_start(ctx)
    for regex, where in ((_BEFORE, "前"), (_AFTER, "后")):
        for m in regex.finditer(text, first):
            mark = text[m.end()] if where == "前" else text[m.start() - 1]
            yield ctx.diagnostic("punct.space", f"“{mark}”{where}多了空格，应删去", m.start(), m.end(),
                                 suggestion="", fix=replace_fix(m.start(), m.end(), ""))
