"""punct.unpaired and punct.quote-order: paired marks, paragraph by paragraph (GB/T 15834-2011
4.8 引号, 4.9 括号, 4.15 书名号; 5.1.2: the two halves stand at the two ends of what they mark).

A mark left open or closed twice is punct.unpaired. A pair written the wrong way round, ”…“
(a closing quote before the text and an opening one after it, as some input methods type), is
punct.quote-order, with the two marks swapped as the fix.
"""

from __future__ import annotations

import re

from ..diagnostics import Edit, Fix, Severity
from . import CheckContext, Rule
from ._support import body_start, wanted

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
_BRACKETS = re.compile("[“”‘’《》（）【】]")
# A reversed pair: a closing quote, a short term (no other paired mark, no pause), an opening
# quote. A longer stretch between them is two unpaired quotes, not one reversed pair.
_TERM = "[^“”‘’《》（）【】\n，。；！？、：]{1,30}"
_REVERSED = {"”": re.compile(f"”({_TERM})“"), "’": re.compile(f"’({_TERM})‘")}


def check(ctx: CheckContext):
    """Report reversed quote pairs, then marks without their other half."""
    text = ctx.report.text
    first = body_start(ctx)
    want_order, want_unpaired = wanted(ctx, "punct.quote-order"), wanted(ctx, "punct.unpaired")
    for paragraph in ctx.report.paragraphs:
        line = paragraph.text
        start, end = paragraph.span.start, paragraph.span.end
        if end <= first or all(line.count(o) == line.count(c) for o, c in _PAIRS.items()) \
                and not _reversed_first(line):
            continue  # counting is C-fast; only a suspicious paragraph is walked mark by mark
        reversed_at = set()
        for closer, regex in _REVERSED.items():
            opener = _CLOSERS[closer]
            for m in regex.finditer(text, start, end):
                if not _is_reversed(text, start, m.start(), closer, opener):
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


def _reversed_first(line: str) -> bool:
    """Whether a closing quote comes before any opening one (the counts may still agree)."""
    for closer, opener in (("”", "“"), ("’", "‘")):
        c = line.find(closer)
        if c != -1 and (line.find(opener) == -1 or c < line.find(opener)):
            return True
    return False


def _is_reversed(text: str, start: int, pos: int, closer: str, opener: str) -> bool:
    """A closer at ``pos`` is the start of a reversed pair when no opener before it in the
    paragraph is waiting for it."""
    depth = 0
    for ch in text[start:pos]:
        if ch == opener:
            depth += 1
        elif ch == closer and depth:
            depth -= 1
    return depth == 0


def _unpaired(ctx: CheckContext, text: str, start: int, end: int, skip: set[int]):
    stack: list[tuple[str, int]] = []
    for m in _BRACKETS.finditer(text, start, end):
        char, pos = m.group(), m.start()
        if pos in skip:
            continue
        if char in _PAIRS:
            stack.append((char, pos))
            continue
        opener = _CLOSERS[char]
        if stack and stack[-1][0] == opener:
            stack.pop()
        elif any(o == opener for o, _ in stack):
            while stack and stack[-1][0] != opener:  # an inner opener was never closed
                o, p = stack.pop()
                yield ctx.diagnostic("punct.unpaired", f"“{o}”缺少配对的“{_PAIRS[o]}”", p, p + 1)
            stack.pop()
        else:
            yield ctx.diagnostic("punct.unpaired", f"“{char}”前面缺少配对的“{opener}”", pos, pos + 1)
    for o, p in stack:
        yield ctx.diagnostic("punct.unpaired", f"“{o}”后面缺少配对的“{_PAIRS[o]}”", p, p + 1)
