"""consistency.variant: one slogan, brand or programme name written two ways in one document.

Quoted names (“…”, 《…》) that differ only in their separators — a space, a 顿号, a comma, a
middle dot, a dash — are the same name: “百姓百团 百人百讲” and “百姓百团、百人百讲”. The form the
document uses most wins (on a tie, the one without spaces, then the first); the others are
flagged with it as the fix. Checklists add declared sets of variants (type: consistency).
"""

from __future__ import annotations

import re

from ..diagnostics import Severity
from ..files.patterns import compile as re_compile
from . import CheckContext, Rule
from ._support import body_start, lines_with, replace_fix

RULES = [
    Rule("consistency.variant", Severity.WARNING, "同一口号、品牌或项目名称前后写法不一致",
         "引号或书名号内的名称只在分隔符（空格、顿号、逗号、间隔号、连接号）上不同，视为同一名称的不同写法；"
         "以全文最常用的写法为准（相同时取不含空格者）。检查清单也可用 type: consistency 声明变体。",
         bad="发挥“百姓百团 百人百讲”的作用……发挥“百姓百团、百人百讲”的牵引作用",
         good="发挥“百姓百团、百人百讲”的作用……发挥“百姓百团、百人百讲”的牵引作用", fixable=True),
]

#: A name in quotation marks or in title marks. The two are searched apart: a pattern opening
#: with a literal character is searched for that character alone, one with a choice of two at
#: every position (four times slower on a long report).
_IN_QUOTES = re_compile(r"“([^“”\n]{2,40})”")
_IN_TITLE_MARKS = re_compile(r"《([^《》\n]{2,40})》")
_SEPARATORS = re_compile(r"[\s\u3000、，,·•・\-—_/／]+")


#: At most this many names written two ways: search only the lines that hold one of them
#: (``str.find`` a name) rather than every quoted name of the text.
_FEW = 8


def _quoted_names(text: str, start: int, end: int | None = None) -> dict[str, list[tuple[int, int]]]:
    """Every quoted name in ``text[start:end]``, with the spans of its occurrences (in text
    order, names in the order of their first occurrence): what one search for either kind of
    marks finds, which skips a name inside another (“关于《X》的”) as the two searches do not."""
    end = len(text) if end is None else end
    found = [(m.start(), m.end(), m.group(1)) for m in _IN_QUOTES.finditer(text, start, end)]
    found += [(m.start(), m.end(), m.group(1)) for m in _IN_TITLE_MARKS.finditer(text, start, end)]
    found.sort()
    names: dict[str, list[tuple[int, int]]] = {}
    last_end = -1
    for begin, stop, name in found:
        if begin < last_end:
            continue
        last_end = stop
        spans = names.get(name)
        if spans is None:
            names[name] = [(begin + 1, stop - 1)]
        else:
            spans.append((begin + 1, stop - 1))
    return names


def variant_groups(text: str, start: int = 0) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """The quoted names from ``start`` on that are written more than one way: for each name
    without its separators (in the order of first occurrence), each form's spans."""
    # Which names are written two ways is decided on the distinct names, found in C (the two
    # kinds of marks apart: a few names nested in others too, which can only add candidates);
    # most texts have none, and then no quoted name is looked at one by one.
    forms_of: dict[str, set[str]] = {}
    for name in set(_IN_QUOTES.findall(text, start)) | set(_IN_TITLE_MARKS.findall(text, start)):
        key = _SEPARATORS.sub("", name)
        if len(key) >= 3:
            forms_of.setdefault(key, set()).add(name)
    varied = {name for names in forms_of.values() if len(names) > 1 for name in names}
    if not varied:
        return {}
    # A quoted name never spans a line end: the lines that hold a candidate, searched alone, give
    # the same names there as the whole text.
    ranges = lines_with(text, start, varied) if len(varied) <= _FEW else [(start, len(text))]
    groups: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for line_start, line_end in ranges:
        for name, spans in _quoted_names(text, line_start, line_end).items():
            if name in varied:
                groups.setdefault(_SEPARATORS.sub("", name), {}).setdefault(name, []).extend(spans)
    return {key: forms for key, forms in groups.items() if len(forms) > 1}


def check(ctx: CheckContext):
    """Flag every quoted name written differently from its most common form."""
    groups = variant_groups(ctx.report.text, body_start(ctx))
    for forms in groups.values():
        preferred = min(forms, key=lambda f: (-len(forms[f]), bool(re.search(r"\s", f)), forms[f][0][0]))
        for form, spans in forms.items():
            if form == preferred:
                continue
            for start, end in spans:
                yield ctx.diagnostic("consistency.variant",
                                     f"同一名称写法不一致：“{form}”与“{preferred}”混用，宜统一为“{preferred}”",
                                     start, end, suggestion=preferred, fix=replace_fix(start, end, preferred),
                                     data={"variants": sorted(forms)})
