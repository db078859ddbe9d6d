"""punct.unpaired and punct.quote-order: paired marks, paragraph by paragraph (GB/T 15834-2011
4.8 引号, 4.9 括号, 4.15 书名号; 5.1.2: the two halves stand at the two ends of what they mark).

A mark left open or closed twice is punct.unpaired. A pair written the wrong way round, ”…“
(a closing quote before the text and an opening one after it, as some input methods type), is
punct.quote-order, with the two marks swapped as the fix.
"""

from __future__ import annotations

import heapq

from ..diagnostics import Edit, Fix, Severity
from ..files.patterns import compile as re_compile
from . import CheckContext, Rule
from ._support import body_start, wanted

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    Rule("punct.unpaired", Severity.WARNING, "成对标点不配对（“” ‘’ 《》 （） 【】）",
         "GB/T 15834-2011 4.8、4.9、4.15、5.1.2：引号、括号、书名号的前后两半须成对使用。按段落检查，"
         "指出缺少另一半的那个标点。",
         bad="开设“战疫情特别报道等专题专栏。", good="开设“战疫情特别报道”等专题专栏。"),
    Rule("punct.quote-order", Severity.WARNING, "引号方向颠倒（”…“）",
         "GB/T 15834-2011 4.8、5.1.2：前引号“在前、后引号”在后。写成”…“的，修复把两个引号对调。",
         bad="开设”战疫情特别报道“专栏。", good="开设“战疫情特别报道”专栏。", fixable=True),
]

_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_BRACKET_RUNS = re_compile("“+|”+|‘+|’+|《+|》+|（+|）+|【+|】+")
# A reversed pair: a closing quote, a short term (no other paired mark, no pause), an opening
# quote. A longer stretch between them is two unpaired quotes, not one reversed pair.
_TERM = "[^“”‘’《》（）【】\n，。；！？、：]{1,30}"
_REVERSED = {"”": re_compile(f"”({_TERM})“"), "’": re_compile(f"’({_TERM})‘")}


def check(ctx: CheckContext):
    """Report reversed quote pairs, then marks without their other half."""
    text = ctx.report.text
    first = body_start(ctx)
    want_order, want_unpaired = wanted(ctx, "punct.quote-order"), wanted(ctx, "punct.unpaired")
    for paragraph in ctx.report.paragraphs:
        line = paragraph.text
        start, end = paragraph.span.start, paragraph.span.end
        if end <= first or _balanced(line) and not _reversed_first(line):
            continue  # counting is C-fast; only a suspicious paragraph is walked mark by mark
        reversed_at = set()
        for closer, regex in _REVERSED.items():
            opener = _CLOSERS[closer]
            waiting = _Waiting(text, start, opener, closer)
            for m in regex.finditer(text, start, end):
                if waiting.at(m.start()):
                    continue
                reversed_at.update((m.start(), m.end() - 1))
                if want_order:
                    yield ctx.diagnostic(
                        "punct.quote-order", f"引号方向颠倒，前后引号应对调：{opener}{m.group(1)}{closer}",
                        m.start(), m.end(), suggestion=f"{opener}{m.group(1)}{closer}",
                        fix=Fix(edits=(Edit(m.start(), m.start() + 1, opener), Edit(m.end() - 1, m.end(), closer)),
                                safe=True))
        if want_unpaired:
            yield from _unpaired(ctx, text, start, end, reversed_at)


def _balanced(line: str) -> bool:
    """Whether each paired mark occurs as often as its other half (:data:`_PAIRS`, written out:
    a generator over the pairs cost more than the counting, paragraph after paragraph)."""
    count = line.count
    return (count("“") == count("”") and count("‘") == count("’") and count("《") == count("》")
            and count("（") == count("）") and count("【") == count("】"))


def _reversed_first(line: str) -> bool:
    """Whether a closing quote comes before any opening one (the counts may still agree)."""
    for closer, opener in (("”", "“"), ("’", "‘")):
        c = line.find(closer)
        if c != -1 and (line.find(opener) == -1 or c < line.find(opener)):
            return True
    return False


class _Waiting:
    """Whether an opener before a position in the paragraph is still waiting for its closer.

    Asked at increasing positions, it scans each stretch of text once (it used to rescan the
    paragraph from its start for every candidate: quadratic on a line of ”甲“”甲“…)."""

    def __init__(self, text: str, start: int, opener: str, closer: str) -> None:
        self.text, self.pos, self.depth = text, start, 0
        self.marks = re_compile(f"[{opener}{closer}]")
        self.opener = opener

    def at(self, pos: int) -> bool:
        """True when an opener before ``pos`` waits (so the closer at ``pos`` closes it)."""
        for m in self.marks.finditer(self.text, self.pos, pos):
            if m.group() == self.opener:
                self.depth += 1
            elif self.depth:
                self.depth -= 1
        self.pos = max(self.pos, pos)
        return self.depth > 0


def _runs(text: str, start: int, end: int, skip: set[int]):
    """(position, length) of each run of one paired mark (“““…), leaving out ``skip``."""
    for m in _BRACKET_RUNS.finditer(text, start, end):
        pos, stop = m.start(), m.end()
        if not skip:
            yield pos, stop - pos
            continue
        run = pos
        for p in range(pos, stop):
            if p in skip:
                if p > run:
                    yield run, p - run
                run = p + 1
        if stop > run:
            yield run, stop - run


def _unpaired(ctx: CheckContext, text: str, start: int, end: int, skip: set[int]):
    # Linear in the paragraph, and a run of one mark (“““…) is one step: the stack holds runs
    # [mark, start, how many still open]; an open count per kind replaces searching the stack
    # (a closer with none of its kind open used to scan the whole stack: quadratic). A line of
    # 950,000 “ took 22 s and 3.65 GB before issue 15.
    stack: list[list] = []
    open_count = dict.fromkeys(_PAIRS, 0)
    inner: list[int] = []      # openers never closed, found when an outer pair closed
    stray: list[int] = []      # closers with none of their kind open
    for pos, n in _runs(text, start, end, skip):
        char = text[pos]
        if char in open_count:
            stack.append([char, pos, n])
            open_count[char] += n
            continue
        opener = _CLOSERS[char]
        while n:
            if not open_count[opener]:
                stray.extend(range(pos, pos + n))
                break
            while stack[-1][0] != opener:
                o, p, k = stack.pop()
                open_count[o] -= k
                inner.extend(range(p, p + k))
            top = stack[-1]
            take = min(n, top[2])  # the innermost (last) openers of the run close first
            top[2] -= take
            open_count[opener] -= take
            n -= take
            pos += take
            if not top[2]:
                stack.pop()
    # Each list is in order already (inner once sorted); merged lazily, so that a caller that
    # stops at the diagnostics cap never pays for the rest.
    inner.sort()
    found = heapq.merge(((p, 0) for p in inner), ((p, 1) for p in stray),
                        ((p, 2) for _, q, k in stack for p in range(q, q + k)))
    for p, kind in found:
        char = text[p]
        if kind == 1:
            yield ctx.diagnostic("punct.unpaired", f"“{char}”前面缺少配对的“{_CLOSERS[char]}”", p, p + 1)
        elif kind == 2:
            yield ctx.diagnostic("punct.unpaired", f"“{char}”后面缺少配对的“{_PAIRS[char]}”", p, p + 1)
        else:
            yield ctx.diagnostic("punct.unpaired", f"“{char}”缺少配对的“{_PAIRS[char]}”", p, p + 1)
