"""typo.*, term.*, sensitive.*, placeholder.todo, consistency.variant (declared), custom.*:
every entry of every loaded YAML checklist, matched in one pass (see docs/checklists.md).

The codes come from the checklists, so users add codes by adding YAML; RULES documents the
families drafter ships. ``checklist.timeout`` reports a checklist regex that ran too long.
"""

from __future__ import annotations

from ..diagnostics import Severity
from . import CheckContext, Rule
from ..checklists.matching import consistency_hits
from ._support import body_start, checklists, date, date_note, replace_fix, wanted

_SEVERITY = {s.value: s for s in Severity}

#: This check reports codes declared by checklists; the registry must not skip it up front.
DYNAMIC_CODES = True
#: Its findings on a line depend on that line alone, but for those of the declared consistency
#: sets (``check_document``) and a timed-out regex (about the whole text) (drafter.incremental).
SCOPE = "paragraph"
WHOLE_TEXT_CODES = ("checklist.timeout",)

RULES = [
    Rule("typo.word", Severity.WARNING, "错别字（形近、音近、多字、少字）",
         "来自检查清单 checklists/*.yaml 中 type: substitution 的条目：公文常见错别字及其正确写法，"
         "每条注明出处。可用 context/unless 限定语境。修复把错字替换为正确写法。",
         bad="打通“战役做后一公里”", good="打通“战疫最后一公里”", fixable=True),
    Rule("typo.context", Severity.WARNING, "依语境判断的易混词（截止/截至、做出/作出……）",
         "只在语境能判定时才报告：如“截止”后接日期时应为“截至”。条目用 pattern 的前后查找或 context 限定。",
         bad="截止6月底，累计发稿", good="截至6月底，累计发稿", fixable=True),
    Rule("typo.variant", Severity.WARNING, "异形词、非推荐词形（按《第一批异形词整理表》等用推荐词形）",
         "同一个词有多种写法时，公文使用规范推荐的词形，如“唯一”不写“惟一”。条目来自检查清单。",
         bad="这是惟一的办法", good="这是唯一的办法", fixable=True),
    Rule("typo.punctuation", Severity.WARNING, "标点符号用法差错（检查清单中的条目）",
         "用户检查清单中的标点条目；内置的 punct.* 检查之外的补充，两者查出同一处且修复相同时只报告一次。"
         "内置清单的标点条目用 punct.* 代码。", bad="", good="", fixable=True),
    Rule("typo.number", Severity.WARNING, "数字用法差错（检查清单中的条目）",
         "用户检查清单中的数字用法条目；内置的 number.* 检查之外的补充。内置清单用它标“6月30号”这类口语日期。",
         bad="6月30号前完成自查", good="6月30日前完成自查", fixable=True),
    # GB/T 15834/15835 rules that are plain patterns live in checklists/typos-punctuation.yaml,
    # where their examples are tested by `drafter checklists test`; their codes are documented here.
    Rule("punct.dunhao-approx", Severity.WARNING, "两个相邻数字表示概数，中间用了顿号（三、四名）",
         "GB/T 15834-2011 4.5.3.4、GB/T 15835-2011 5.2.1：相邻两数字连用表示概数，中间不用顿号（三四名、一两个）。"
         "条目在 checklists/typos-punctuation.yaml。", bad="每个乡镇配备三、四名宣讲员", good="每个乡镇配备三四名宣讲员",
         fixable=True),
    Rule("punct.ordinal", Severity.WARNING, "“第一”“首先”等序次语后用了顿号",
         "GB/T 15834-2011 附录B.2.1：“第一”“其一”“首先”“其次”等序次语后用逗号。只查句首的序次语（“质量第一、效益优先”"
         "不是序次语）。条目在 checklists/typos-punctuation.yaml。", bad="第一、要提高政治站位", good="第一，要提高政治站位",
         fixable=True),
    Rule("punct.ellipsis", Severity.WARNING, "省略号写法不规范（。。。 ... …），或与“等”同用",
         "GB/T 15834-2011 4.11.2：省略号写作“……”；附录A.9：省略号与“等”“等等”不同时使用。条目在 "
         "checklists/typos-punctuation.yaml。", bad="开展宣讲、展演、培训。。。", good="开展宣讲、展演、培训……", fixable=True),
    Rule("punct.dash", Severity.WARNING, "破折号写法不规范（-- ———）",
         "GB/T 15834-2011 4.10.2：破折号写作“——”，占两个字。连写的短横线或三条以上的横线改为“——”；汉字之间的单个“—”"
         "是一字线连接号（北京—上海），不查。条目在 checklists/typos-punctuation.yaml。",
         bad="稳步增长--同比增长12%", good="稳步增长——同比增长12%", fixable=True),
    Rule("number.zero-form", Severity.WARNING, "汉字年份中的“0”写成了“零”或“○”（二零二零年）",
         "GB/T 15835-2011 5.2.5：“0”用作编号（如年份）时汉字写作“〇”，用作计量时写作“零”（三千零五十二）。"
         "条目在 checklists/typos-punctuation.yaml。", bad="二零二零年工作计划", good="二〇二〇年工作计划", fixable=True),
    Rule("term.fixed", Severity.WARNING, "固定提法不完整或有改动",
         "党和国家的固定提法（如“举旗帜、聚民心、育新人、兴文化、展形象”）须完整照录，不得增删改字。",
         bad="举旗帜、聚民心、育新人、兴文化", good="举旗帜、聚民心、育新人、兴文化、展形象", fixable=True),
    Rule("term.order", Severity.WARNING, "固定表述的顺序不规范（如“四力”的顺序）",
         "固定提法的并列项有规定顺序，如新闻舆论工作“传播力、引导力、影响力、公信力”。",
         bad="着力提升传播力影响力引导力公信力", good="着力提升传播力、引导力、影响力、公信力", fixable=True),
    Rule("term.form", Severity.WARNING, "固定表述被截短、改写或用词不规范",
         "规范提法应完整照录，如“文化事业和文化产业”不写作“文化产业事业”。",
         bad="推动文化产业事业发展", good="推动文化事业和文化产业发展", fixable=True),
    Rule("term.pairing", Severity.WARNING, "动宾搭配不当（如“解决短板”）",
         "固定搭配：补齐短板、解决问题、增强意识、坚定自信、做到维护等。",
         bad="切实解决思想观念短板", good="切实补齐思想观念短板", fixable=True),
    Rule("term.outdated", Severity.WARNING, "相对报告日期已过时的提法",
         "按报告日期判断：如 2022 年 10 月党的二十大之后仍把十九届全会精神作为现行指导；"
         "2022 年 12 月 26 日起“新冠肺炎”更名为“新冠病毒感染”。报告日期取自 --date、项目配置、前言、落款日期、标题或正文所述期间；都没有时按今天判断，消息中注明。",
         bad="持续推进党的十九届四中全会精神的学习宣讲（2026 年报告）", good="持续推进党的二十届三中全会精神的学习宣讲"),
    Rule("sensitive.word", Severity.ERROR, "不应出现的词语（敏感词、禁用词）",
         "type: existence 条目列出的词语；在自己的检查清单中维护。", bad="", good=""),
    Rule("sensitive.name", Severity.ERROR, "脱敏稿中出现真实名称",
         "在项目的检查清单中列出真实姓名、地名（type: existence, code: sensitive.name），脱敏稿中出现即报错。",
         bad="涉营正面报道805篇", good="涉XX正面报道805篇"),
    Rule("placeholder.todo", Severity.WARNING, "待补内容（待补、待定、TODO、？？、空【】）",
         "模板中留待填写的标记，定稿前须补全。条目在 checklists/placeholders.yaml。",
         bad="开展专题研讨（待补）", good="开展专题研讨6次"),
    Rule("checklist.timeout", Severity.ERROR, "检查清单中的正则表达式运行超时，已跳过",
         "正则条目在一篇文档上最多运行 0.25 秒；超时说明该正则存在灾难性回溯（如“(年|年年)+$”），"
         "请按提示的文件和行号改写。", bad="pattern: \"(年|年年)+$\"", good="pattern: \"年+$\""),
]


def check(ctx: CheckContext):
    """Every selected entry's findings, in one pass over the text."""
    loaded = checklists(ctx)
    hits, timed_out = loaded.match(ctx.report.text, date(ctx), wanted=lambda code: wanted(ctx, code))
    yield from _diagnostics(ctx, hits, timed_out)


def check_paragraphs(ctx: CheckContext):
    """The findings of every entry but the declared consistency sets: each lies within a line and
    depends on that line alone (the editor re-runs this on the lines an edit changed)."""
    loaded = checklists(ctx)
    hits, timed_out = loaded.match(ctx.report.text, date(ctx), wanted=lambda code: wanted(ctx, code))
    yield from _diagnostics(ctx, [h for h in hits if h.entry.type != "consistency"], timed_out)


def check_document(ctx: CheckContext):
    """The findings of the declared consistency sets (one form throughout the text): every
    occurrence of each variant counts, wherever it is."""
    text = ctx.report.text
    hits = []
    for entry in checklists(ctx).entries:
        if entry.type != "consistency" or not wanted(ctx, entry.code):
            continue
        positions: dict[str, list[int]] = {}
        for variant in entry.variants:
            at = text.find(variant) if variant else -1
            while at != -1:
                positions.setdefault(variant, []).append(at)
                at = text.find(variant, at + 1)
        if positions:
            hits.extend(consistency_hits(entry, text, positions))
    hits.sort(key=lambda h: (h.start, h.end))
    yield from _diagnostics(ctx, hits, ())


def _diagnostics(ctx: CheckContext, hits, timed_out):
    start = body_start(ctx)
    note = date_note(ctx)
    for hit in hits:
        if hit.start < start:
            continue
        entry = hit.entry
        fix = replace_fix(hit.start, hit.end, hit.suggestion, entry.safe) if hit.suggestion is not None else None
        # An entry in force only from or until a date was judged by the report's date: say when
        # that date was assumed (today), so the writer knows to give the real one.
        message = hit.message + note if note and (entry.valid_from or entry.valid_until) else hit.message
        yield ctx.diagnostic(entry.code, message, hit.start, hit.end, severity=_SEVERITY[entry.severity],
                             suggestion=hit.suggestion, fix=fix,
                             data={"checklist": entry.checklist, "entry": entry.id, "source": entry.source})
    for entry in timed_out if wanted(ctx, "checklist.timeout") else ():
        yield ctx.diagnostic("checklist.timeout",
                             f"检查清单 {entry.where} 的条目“{entry.id}”正则匹配超时，已跳过；请简化该正则",
                             start, start, part=None, section=None,
                             data={"checklist": entry.checklist, "entry": entry.id})
