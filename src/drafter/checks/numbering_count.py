"""numbering.count: the text promises 以下5个方面 / 五个方面 and the part has a different number."""

from __future__ import annotations

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
    for division in ctx.report.walk():
        if not _may_promise(division.paragraphs):
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


def _may_promise(paragraphs) -> bool:
    """Whether a paragraph holds one of :data:`_PROMISE_WORDS` (written out: a generator over
    paragraphs and words cost more than the searching)."""
    for paragraph in paragraphs:
        text = paragraph.text
        if "以下" in text or "如下" in text or "下列" in text or "下述" in text or "下面" in text or "个方面" in text:
            return True
    return False
