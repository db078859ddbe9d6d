"""GB/T 15834/15835 and period rules: every rule's own bad/good example, and each fault of issue 13
found on its own line with its fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.api import CheckOptions, check_text
from drafter.checks import all_rules
from drafter.diagnostics import apply_edits

ROOT = Path(__file__).resolve().parents[2]
TITLE = "市委宣传部2020年上半年工作总结及下半年工作计划\n\n一、上半年工作总结\n"
GBT = ("punct.", "number.", "period.")
# Rules whose examples live in checklists/typos-punctuation.yaml (run by `drafter checklists test`).
CHECKLIST_CODES = {"punct.dunhao-approx", "punct.ordinal", "punct.ellipsis", "punct.dash", "number.zero-form"}


def _check(text: str, date: dt.date = dt.date(2020, 7, 10)):
    return check_text(text, options=CheckOptions(project=False, date=date))


def _doc(example: str) -> str:
    """An example as a report: examples that bring their own title are whole documents."""
    return example + "\n" if example.startswith("市委") else TITLE + example + "\n"


def _fixed(result, code: str) -> str:
    edits = [e for d in result.diagnostics if d.code == code and d.fix for e in d.fix.edits]
    return apply_edits(result.report.text, edits)


RULES = [r for code, r in all_rules().items() if code.startswith(GBT) and code not in CHECKLIST_CODES]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_each_rule_finds_its_bad_example_and_not_its_good_one(rule):
    assert rule.bad and rule.good, f"{rule.code} has no example"
    bad = _check(_doc(rule.bad))
    assert [d for d in bad.diagnostics if d.code == rule.code], rule.bad
    good = _check(_doc(rule.good))
    assert [d.message for d in good.diagnostics if d.code == rule.code] == []
    if rule.fixable:
        assert _fixed(bad, rule.code) == _doc(rule.good)


# Each fault the issue lists, alone on a line: (line, code, fixed line or None where no fix is safe).
FAULTS = [
    ("抓好\"软件正版化\"工作", "punct.half-width", "抓好“软件正版化”工作"),
    ("这是为什么?", "punct.half-width", "这是为什么？"),
    ("坚决打赢这场硬仗!", "punct.half-width", "坚决打赢这场硬仗！"),
    ("坚决打赢这场硬仗！！", "punct.doubled", "坚决打赢这场硬仗！"),
    ("取得明显成效 。", "punct.space", "取得明显成效。"),
    ("召开座谈会 ，部署工作。", "punct.space", "召开座谈会，部署工作。"),
    ("二0二0年全市宣传工作会议。", "number.mixed-numerals", "二〇二〇年全市宣传工作会议。"),
    ("全年培训１２００人次。", "number.full-width", "全年培训1200人次。"),
    ("开展10几项专题活动。", "number.approx-digits", "开展十几项专题活动。"),
    ("累计发稿1万2千条。", "number.mixed-numerals", "累计发稿1.2万条。"),
    ("每季度开展3-5次。", "number.range", "每季度开展3～5次。"),
    ("培训1千多人。", "number.mixed-numerals", "培训1000多人。"),
    ("编发稿件约120余篇。", "number.approx-doubled", "编发稿件120余篇。"),
    ("阅读量增长3倍多左右。", "number.approx-doubled", "阅读量增长3倍多。"),
    ("于2020.6.1召开会议。", "number.date", "于2020年6月1日召开会议。"),
    ("开设”战疫情特别报道“专栏。", "punct.quote-order", "开设“战疫情特别报道”专栏。"),
    ("开设“战疫情特别报道等专题专栏。", "punct.unpaired", None),
    ("增强“四个意识”、“四个自信”。", "punct.dunhao-between-quotes", "增强“四个意识”“四个自信”。"),
    ("报送《专报》、《意见表》。", "punct.dunhao-between-quotes", "报送《专报》《意见表》。"),
    ("开展宣讲、展演、培训、等活动。", "punct.dunhao-before-deng", "开展宣讲、展演、培训等活动。"),
    ("开展宣讲、展演、培训。。。", "punct.ellipsis", "开展宣讲、展演、培训……"),
    ("开展宣讲、展演、培训……等活动。", "punct.ellipsis", "开展宣讲、展演、培训等活动。"),
    ("稳步增长--同比增长12%。", "punct.dash", "稳步增长——同比增长12%。"),
    ("一是：理论学习扎实有效。", "punct.item-colon", "一是理论学习扎实有效。"),
    ("全年接待游客1，200，000人次。", "number.thousands", None),
    ("深入学习贯彻党的19大精神。", "number.fixed-expression", "深入学习贯彻党的十九大精神。"),
    ("编制“14五”宣传文化发展规划。", "number.fixed-expression", "编制“十四五”宣传文化发展规划。"),
    ("每个乡镇配备三、四名宣讲员。", "punct.dunhao-approx", "每个乡镇配备三四名宣讲员。"),
]


@pytest.mark.parametrize("line, code, fixed", FAULTS, ids=[f[1] + ":" + f[0] for f in FAULTS])
def test_each_issue_fault_is_found_on_its_own_line(line, code, fixed):
    result = _check(TITLE + line + "\n")
    found = [d for d in result.diagnostics if d.code == code]
    assert found and all(d.span.line == 4 for d in found), [(d.code, d.message) for d in result.diagnostics]
    if fixed is not None:
        assert all(d.fix and d.fix.safe for d in found)
        assert _fixed(result, code) == TITLE + fixed + "\n"


def test_heading_marks_are_found_with_their_standard_form():
    result = _check(TITLE + "（一）、理论武装\n1、理论学习\n")
    assert [(d.text, d.suggestion) for d in result.diagnostics if d.code == "punct.numbering"] == \
        [("（一）、", "（一）"), ("1、", "1.")]


def test_period_any_verb_in_a_summary_and_a_past_year_in_a_plan():
    text = (TITLE + "三季度开展专题宣讲。\n二、下半年工作安排\n2019年要抓好落实。2025年，基本建成文化强市。"
            "上半年已完成全年任务的60%。在上半年的基础上，巩固成果。\n")
    found = [(d.text, d.suggestion) for d in _check(text).diagnostics if d.code == "period.mismatch"]
    assert found == [("三季度", None), ("2019", "2020")]


def test_correct_official_prose_gains_nothing():
    text = TITLE + ("增强“四个意识”、坚定“四个自信”、做到“两个维护”，报送《专报》《意见表》等24期，"
                    "时间为10:30，比例达12.5%，坚持质量第一、效益优先，节约3万多元，全长3千米，"
                    "投资3.45亿元，实施2021—2025年规划，于2020-6-1召开，开通北京—上海列车，三四个月，"
                    "十几项，一百多人，第一、二季度各召开一次。\n")
    assert [d.message for d in _check(text).diagnostics if d.code.startswith(GBT)] == []


@pytest.mark.parametrize("path", [ROOT / "tests" / "data" / "corrected-seed" / "propaganda-dept-2020-h1-report.txt"])
def test_the_corrected_seed_has_no_gbt_finding(path):
    from drafter.api import check_path

    assert [d.message for d in check_path(path).diagnostics if d.code.startswith(GBT)] == []
