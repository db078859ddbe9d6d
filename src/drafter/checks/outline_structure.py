"""outline.*: parts and areas of the standard outline that are missing, misplaced, doubled or extra.

What is required follows the report's genre (a summary-only report needs no plan) and the
outline (optional areas and parts are never missing; a ``free`` outline has no area order). An
area written in the wrong part is one ``outline.misplaced``, not a missing area plus a duplicate.
A report whose unit has no outline of its own is checked against the generic outline, and
``outline.generic`` says so.
"""

from __future__ import annotations

from ..diagnostics import Severity
from . import CheckContext, Rule

STANDARD = "标准提纲"

RULES = [
    Rule("outline.missing-part", Severity.ERROR, "缺少提纲规定的部分（如“下半年工作安排”）",
         "标准提纲要求报告包含的部分（上半年工作总结、下半年工作安排）未找到。部分按一级标题识别，"
         "如“一、上半年工作总结”“二、下半年工作安排”（也识别计划、打算、思路、要点、完成情况等说法）。",
         bad="一、上半年工作总结\n（一）……\n（全文没有下半年部分）",
         good="一、上半年工作总结\n……\n二、下半年工作安排\n……"),
    Rule("outline.missing-section", Severity.ERROR, "部分中缺少提纲规定的方面（如“文化文艺”）",
         "每个部分都应覆盖提纲中的全部方面。方面只按标题识别：二级标题（含段首的标题句）"
         "或“一是……”条目的首句；正文和导语中的顺带提及不算。诊断位于该部分的标题处。",
         bad="二、下半年工作安排\n一是深化理论武装……\n（其余四个方面缺失）",
         good="二、下半年工作安排\n一是深化理论武装……\n二是……意识形态……"),
    Rule("outline.order", Severity.WARNING, "方面或部分的顺序不符合标准提纲",
         "标准顺序：理论武装、意识形态、新闻舆论、精神文明、文化文艺；部分先总结后安排。",
         bad="（一）……新闻舆论……\n（二）……理论武装……", good="（一）……理论武装……\n（二）……新闻舆论……"),
    Rule("outline.duplicate", Severity.WARNING, "同一部分中同一方面出现两次",
         "一个部分中，同一方面只应有一节；第二处标出并指向第一处。",
         bad="（一）……理论武装……\n（二）……理论学习……", good="（一）……理论武装……（合并为一节）"),
    Rule("outline.misplaced", Severity.WARNING, "方面写在了另一部分中（如总结的“文化文艺”写进了下半年安排）",
         "某部分缺少的方面在另一部分中出现了第二次：多半是写错了位置（或整节挪错了部分）。"
         "只报告一处，指明它现在所在的部分和应在的部分，不再报告“缺少”和“重复”。",
         bad="一、上半年工作总结\n（一）……（四）……\n二、下半年工作安排\n（五）深耕……文化文艺工作繁荣发展。\n一是……五是……",
         good="一、上半年工作总结\n（一）……（五）深耕……文化文艺工作繁荣发展。\n二、下半年工作安排\n一是……五是……"),
    Rule("outline.generic", Severity.INFO, "报告所属部门没有专用提纲，按通用提纲检查",
         "提纲按标题中的单位选择（宣传部→宣传提纲，统战部→统战提纲……）。标题中的单位没有专用提纲时，"
         "按通用提纲（工作总结、存在问题、工作计划）只检查部分，不检查具体方面。可用 --outline 或 "
         "drafter.yaml 的 outline 指定提纲；drafter outlines 列出内置提纲。",
         bad="县卫健局2023年工作总结", good="（如需按某一提纲检查：drafter check --outline 名称 文件）"),
    Rule("outline.extra", Severity.INFO, "该节不在标准提纲内",
         "标题未匹配提纲中的任何方面或部分。可能是提纲之外的内容（如“存在的问题”），"
         "也可能是标题措辞未被识别：请用 drafter outline 查看识别结果，或在提纲文件中增加别名。",
         bad="三、存在的问题和不足", good="（如确需保留，可忽略此提示）"),
]


def check(ctx: CheckContext):
    """Compare the matched outline with the standard one (an advisory outline's findings are
    all info: a department's outline is a guide, not a standard)."""
    if ctx.match.outline.advisory:
        for diagnostic in _findings(ctx):
            diagnostic.severity = Severity.INFO
            yield diagnostic
        return
    yield from _findings(ctx)


def _findings(ctx: CheckContext):
    """Every structural finding, at its rule's severity."""
    report, match = ctx.report, ctx.match
    order = [p.part.id for p in match.parts]
    required_order = [p.part.id for p in match.parts if p.required]
    found_parts = [pm for pm in match.parts if pm.found]
    last_line = report.paragraphs[-1].span if report.paragraphs else report.span(0, 0)
    half = report.period
    choice = getattr(match, "choice", None)
    if choice is not None and choice.fallback:
        title = report.title_lines[0].span if report.title_lines else report.span(0, 0)
        if getattr(choice, "kind", None):
            said = (f"本文是{choice.kind}，不是部门工作总结或计划：不按部门提纲检查各方面，"
                    f"只按通用提纲（工作总结、存在问题、工作计划）提示部分")
        else:
            said = (f"“{choice.unit or getattr(choice, 'subject', None)}”没有专用提纲，"
                    f"按通用提纲（工作总结、存在问题、工作计划）只检查部分")
        yield ctx.diagnostic("outline.generic", f"{said}；可用 --outline 指定（drafter outlines 列出内置提纲）",
                             title.start, title.end, part=None, section=None)

    for pm in match.parts:
        part = pm.part
        if not pm.found:
            if pm.required:
                yield ctx.diagnostic(
                    "outline.missing-part",
                    f"缺少“{part.title_for(half)}”部分（{STANDARD}要求的第 {required_order.index(part.id) + 1} 部分）",
                    last_line.start, last_line.end, part=part.id, section=None)
            continue
        span = pm.span or report.span(pm.start, pm.start)
        for sm in pm.sections:
            if not sm.found and sm.required and sm.elsewhere is None:
                yield ctx.diagnostic(
                    "outline.missing-section",
                    f"“{part.title_for(half)}”中缺少“{sm.section.title}”方面",
                    span.start, span.end, part=part.id, section=sm.section.id)
        if match.outline.order == "strict":
            yield from _order(ctx, pm)
        seen = {}
        for unit in pm.units:
            if unit.misplaced or unit.umbrella:
                continue
            if unit.area is None:
                if part.sections:   # a parts-only outline has no areas to miss
                    yield ctx.diagnostic("outline.extra", f"“{unit.title[:20]}”未匹配{STANDARD}中的任何方面",
                                         unit.span.start, unit.span.end, part=part.id, section=None)
            elif unit.area in seen:
                first = seen[unit.area]
                title = part.sections[[s.id for s in part.sections].index(unit.area)].title
                yield ctx.diagnostic("outline.duplicate",
                                     f"“{title}”方面在本部分重复出现（第 {first.span.line} 行已有）",
                                     unit.span.start, unit.span.end, part=part.id, section=unit.area)
            else:
                seen[unit.area] = unit

    in_text = sorted(found_parts, key=lambda pm: pm.start)
    for a, b in zip(in_text, in_text[1:]):
        if order.index(a.part.id) > order.index(b.part.id):
            yield ctx.diagnostic("outline.order", f"“{a.part.title_for(half)}”应在“{b.part.title_for(half)}”之后",
                                 a.span.start, a.span.end, part=a.part.id, section=None)
    for pm in match.duplicate_parts:
        yield ctx.diagnostic("outline.duplicate", f"“{pm.part.title_for(half)}”部分重复出现",
                             pm.span.start, pm.span.end, part=pm.part.id, section=None)
    for division in match.extra_parts:
        span = division.heading.span
        yield ctx.diagnostic("outline.extra", f"“{division.heading.title[:20]}”不在{STANDARD}内",
                             span.start, span.end, part=None, section=None)
    for mp in match.misplaced:
        unit = mp.unit
        yield ctx.diagnostic(
            "outline.misplaced",
            f"“{mp.section.title}”方面写在了“{mp.found_in.part.title_for(half)}”中（第 {unit.span.line} 行），"
            f"应在“{mp.belongs_to.part.title_for(half)}”中",
            unit.span.start, unit.span.end, part=mp.found_in.part.id, section=mp.section.id,
            data={"belongs_to": mp.belongs_to.part.id})


def _order(ctx: CheckContext, pm):
    """Flag the units that break the standard order (those outside a longest ordered run)."""
    ids = [s.id for s in pm.part.sections]
    units, seen = [], set()
    for unit in pm.units:
        if unit.area is not None and unit.area not in seen and not unit.misplaced:
            seen.add(unit.area)
            units.append(unit)
    ranks = [ids.index(u.area) for u in units]
    keep = _longest_increasing(ranks)
    titles = "、".join(s.title for s in pm.part.sections if not s.optional)
    for i, unit in enumerate(units):
        if i in keep:
            continue
        before = [units[j] for j in keep if ranks[j] < ranks[i]]
        where = f"应在“{_title(pm, before[-1].area)}”之后" if before else "应排在最前"
        yield ctx.diagnostic("outline.order",
                             f"“{_title(pm, unit.area)}”的位置不合标准顺序，{where}（标准顺序：{titles}）",
                             unit.span.start, unit.span.end, part=pm.part.id, section=unit.area)


def _title(pm, area: str) -> str:
    return next(s.title for s in pm.part.sections if s.id == area)


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (O(n²); n is a handful)."""
    if not values:
        return set()
    best = [1] * len(values)
    prev = [-1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    i = max(range(len(values)), key=lambda k: (best[k], -k))
    keep = set()
    while i != -1:
        keep.add(i)
        i = prev[i]
    return keep
