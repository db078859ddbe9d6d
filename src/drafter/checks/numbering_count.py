"""numbering.count: the text promises 以下5个方面 / 五个方面 and the part has a different number."""

from __future__ import annotations

from bisect import bisect_left

from ..diagnostics import Severity
from ..report.numbering import cn_to_int
from ..outlines.matching import units_of
from . import CheckContext, Rule
from ._support import fast_pattern

RULES = [
    Rule("numbering.count", Severity.WARNING, "文中说“以下5个方面”，实际条目数不符",
         "引导语中承诺的条目数（“以下5个方面”“五个方面”“以下三项重点工作”）应与其后的标题或“一是……”条目数一致。",
         bad="要抓好以下5个方面的重点工作。\n一是……\n二是……\n三是……\n四是……",
         good="要抓好以下4个方面的重点工作。\n一是……\n二是……\n三是……\n四是……"),
]

_N = r"[0-9０-９]{1,2}|[一二三四五六七八九十两]{1,3}"
#: Every promise holds one of these words (both branches of _PROMISE).
_PROMISE_WORDS = ("以下", "如下", "下列", "下述", "下面", "个方面")
_PROMISE = fast_pattern(
    rf"(?:以下|如下|下列|下述|下面)\s*({_N})\s*(?:个方面|方面|项|个|大|点)|({_N})\s*个方面")


def check(ctx: CheckContext):
    """Compare each promise in a division's opening paragraphs with its number of units."""
    hits = _word_offsets(ctx.report.text)
    if not hits:
        return
    for division in ctx.report.walk():
        paragraphs = division.paragraphs  # in document order
        if not paragraphs or not _holds(hits, paragraphs[0].span.start, paragraphs[-1].span.end) or not any(
                word in paragraph.text for paragraph in paragraphs for word in _PROMISE_WORDS):
            continue  # no promise can be made here: skip building the division's units
        units = units_of(division)
        if not units:
            continue
        first_unit = units[0].start
        for paragraph in division.paragraphs:
            if paragraph.span.start >= first_unit:
                break
            text = ctx.report.text[paragraph.span.start:min(paragraph.span.end, first_unit)]
            for m in _PROMISE.finditer(text):
                promised = cn_to_int(m.group(1) or m.group(2))
                if promised is None or promised == len(units):
                    continue
                start = paragraph.span.start + m.start()
                yield ctx.diagnostic(
                    "numbering.count",
                    f"文中说“{m.group(0)}”，但其后有 {len(units)} 项",
                    start, start + len(m.group(0)),
                    data={"promised": promised, "found": len(units)})


def _word_offsets(text: str) -> list[int]:
    """Sorted offsets of every promise word in ``text``: a few C-speed searches of the whole text
    instead of six ``in`` tests per paragraph (a paragraph holds a word only if one of these
    offsets falls inside it)."""
    out = []
    find = text.find
    for word in _PROMISE_WORDS:
        at = find(word)
        while at != -1:
            out.append(at)
            at = find(word, at + 1)
    out.sort()
    return out


def _holds(offsets: list[int], start: int, end: int) -> bool:
    """Whether a word starts in ``[start, end)`` (the stretch of a division's own paragraphs)."""
    i = bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end
