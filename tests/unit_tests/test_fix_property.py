"""Property: after applying the safe fixes, checking again reports none of them (and fixing is
idempotent), on text generated from the seed's sentences with slips mixed in."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.api import CheckOptions
from drafter.fixing import fix_document, safe_fixes
from drafter.files.source import source_from_bytes

CLEAN = [
    "深入学习贯彻习近平新时代中国特色社会主义思想",
    "切实加强和改进各级党委（党组）理论学习中心组的学习",
    "组织全市文艺工作者创作疫情防控主题文艺作品11000余件",
    "向相关部门报送《舆情信息专报》《舆情信息反馈意见表》等24期",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
    "着力发挥“种子行动”等品牌的牵引作用",
    "扎实推进“扫黄打非”",
]
SLIPS = [
    "组织各类媒体开设“战役做后一公里”专栏，做好疫情防控宣传",
    "推进社会主义核心价值观公益广告宣作",
    "创作文学、曲艺、舒华等作品",
    "着力提升传播力影响力引导力公信力",
    "推动文化产业事业发展",
    "切实解决思想观念短板",
    "截止6月底，累计发稿1.2万条",
    "深入学习贯彻党的19大精神",
    "增强“4个意识”",
    "报送《专报》、《意见表》",
    "组织开展专项检查,抓好正版化工作",
    "召开发布会(第一场)",
    "持续提升网络安全保障能力。。",
    "切实发挥“百姓百团 百人百讲”的积极作用",
]
SEPARATORS = ["，", "。", "；"]

sentences = st.lists(st.tuples(st.sampled_from(CLEAN + SLIPS), st.sampled_from(SEPARATORS)), min_size=1, max_size=8)
paragraphs = st.lists(sentences, min_size=1, max_size=4)


def _document(summary, plan) -> str:
    def body(paras):
        return "\n".join("".join(s + sep for s, sep in para) for para in paras)

    return ("市委宣传部2020年上半年工作总结\n及下半年工作计划\n\n一、上半年工作总结\n" + body(summary)
            + "\n二、下半年工作安排\n" + body(plan) + "\n")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs, paragraphs)
def test_fixing_then_checking_reports_none_of_the_fixed(summary, plan):
    options = CheckOptions(project=False)
    text = _document(summary, plan)
    source = source_from_bytes(text.encode("utf-8"), "generated.txt", "txt")
    outcome = fix_document(source, options)
    assert safe_fixes(outcome.result) == []
    fixed_codes = {(d.code, d.suggestion) for d in outcome.applied}
    remaining = {(d.code, d.text) for d in outcome.result.diagnostics}
    assert not {(code, s) for code, s in fixed_codes if s} & {(c, t) for c, t in remaining if (c, t) in fixed_codes}
    again = fix_document(source_from_bytes(outcome.text.encode("utf-8"), "generated.txt", "txt"), options)
    assert not again.changed and again.text == outcome.text
    for clean in CLEAN:  # fixes never damage correct text
        if clean in text:
            assert clean in outcome.text
    if any(s in text for s in SLIPS[:11]):
        assert outcome.changed
