"""The content checks on the seed report and on variants of its text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.api import CheckOptions, check_path, check_text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"
CORRECTED = ROOT / "tests" / "data" / "corrected-seed" / "propaganda-dept-2020-h1-report.txt"
TITLE = "市委宣传部2020年上半年工作总结\n及下半年工作计划\n\n"


@pytest.fixture(scope="module")
def seed():
    """The seed checked with the bundled project file (date 2020-07-10)."""
    return check_path(SEED)


def _codes(result, prefix: str) -> list:
    return [d for d in result.diagnostics if d.code == prefix or d.code.startswith(prefix + ".")]


def _check(body: str, **options):
    options.setdefault("project", False)
    return check_text(TITLE + body, options=CheckOptions(**options))


def test_every_figure_placeholder_of_the_seed_is_flagged(seed):
    figures = _codes(seed, "placeholder.figure")
    contexts = [seed.report.text[d.span.start - 2:d.span.end + 3] for d in figures]
    assert contexts == ["研讨X次，其", "成了X个方向", "信息X余条，", "》等X期。三", "通知X余期。",
                        "发稿X万多条", "讯息X万条，", "突破X亿人次", "布会X场。\n"]


def test_no_name_placeholder_is_a_figure_and_names_are_summarised_once(seed):
    figure_texts = {seed.report.text[d.span.start:d.span.end + 3] for d in _codes(seed, "placeholder.figure")}
    for name in ("XX有礼", "XX日报", "XX60周", "XXXX"):
        assert not any(t.startswith(name) for t in figure_texts)
    names = _codes(seed, "placeholder.name")
    assert len(names) == 1 and names[0].severity.value == "info"
    assert names[0].data["count"] >= 30


@pytest.mark.parametrize("wrong, right", [
    ("战役做后一公里", "战疫最后一公里"), ("宣作", "宣传"), ("舒华", "书画"),
    ("文化产业事业", "文化事业、文化产业"), ("文化事业产业", "文化事业、文化产业"),
    ("传播力影响力引导力公信力", "传播力、引导力、影响力、公信力"), ("解决思想观念短板", "补齐思想观念短板"),
])
def test_the_seeds_slips_are_flagged_with_their_fix(seed, wrong, right):
    found = [d for d in seed.diagnostics if d.text == wrong]
    assert found, wrong
    assert found[0].suggestion == right and found[0].fix is not None and found[0].fix.safe


def test_garbled_word_is_flagged_without_a_fix(seed):
    found = [d for d in seed.diagnostics if d.text == "液气产业"]
    assert len(found) == 1 and found[0].fix is None and found[0].severity.value == "warning"


def test_period_slip_in_the_plan(seed):
    slips = _codes(seed, "period.mismatch")
    assert [(d.text, d.suggestion, d.part) for d in slips] == [("二季度", "下半年", "plan")]
    assert not slips[0].fix.safe


def test_inconsistent_slogan(seed):
    found = _codes(seed, "consistency.variant")
    assert [(d.text, d.suggestion) for d in found] == [("百姓百团 百人百讲", "百姓百团、百人百讲")]


def test_the_corrected_seed_has_no_warning_or_error():
    result = check_path(CORRECTED)
    assert [d for d in result.diagnostics if d.severity.value != "info"] == []


def test_a_2026_date_flags_outdated_guidance_and_the_old_campaign_year():
    result = check_path(CORRECTED, CheckOptions(date=dt.date(2026, 7, 1)))
    outdated = {d.text for d in _codes(result, "term.outdated")}
    assert {"新冠肺炎", "十九届四中全会", "党的十九大和十九届二中、三中、四中全会精神"} <= outdated
    years = [d.text for d in _codes(result, "period.mismatch")]
    assert years == ["2020"]


def test_period_from_the_title_decides_outdated_terms():
    body = "一、上半年工作总结\n持续推进党的十九届四中全会精神的学习宣讲。\n"
    assert _codes(_check(body), "term.outdated") == []
    later = check_text(TITLE.replace("2020", "2026") + body, options=CheckOptions(project=False))
    assert [d.text for d in _codes(later, "term.outdated")] == ["十九届四中全会"]


def test_period_words_as_own_time_frame_only():
    body = ("一、上半年工作总结\n（一）理论武装。下半年，组织专题学习。\n"
            "二、下半年工作安排\n围绕这个思路，一季度要抓好重点工作。组织开展第二季度意识形态分析研判，"
            "及时报告上半年意识形态工作。\n")
    found = [(d.text, d.suggestion) for d in _codes(_check(body), "period.mismatch")]
    assert found == [("下半年", "上半年"), ("一季度", "下半年")]


def test_years_in_comparisons_are_not_mismatches():
    body = "一、上半年工作总结\n与2019年上半年相比增长12%。2019年上半年，全市开展活动8场。\n"
    assert [d.text for d in _codes(_check(body), "period.mismatch")] == ["2019"]


@pytest.mark.parametrize("text, code, fixed", [
    ("组织开展专项检查,抓好正版化工作", "punct.half-width", "组织开展专项检查，抓好正版化工作"),
    ("召开发布会(第一场)。", "punct.half-width", "召开发布会（第一场）。"),
    ("持续提升网络安全保障能力。。", "punct.doubled", "持续提升网络安全保障能力。"),
    ("报送《舆情信息专报》、《舆情信息反馈意见表》", "punct.dunhao-between-quotes", "报送《舆情信息专报》《舆情信息反馈意见表》"),
    ("深入学习贯彻党的19大精神", "number.fixed-expression", "深入学习贯彻党的十九大精神"),
    ("学习十九届4中全会精神", "number.fixed-expression", "学习十九届四中全会精神"),
    ("增强“4个意识”", "number.fixed-expression", "增强“四个意识”"),
    ("截止6月底，累计发稿1.2万条", "typo.context", "截至6月底，累计发稿1.2万条"),
])
def test_punctuation_and_number_fixes(text, code, fixed):
    from drafter.diagnostics import apply_edits

    result = _check("一、上半年工作总结\n" + text + "\n")
    found = _codes(result, code)
    assert found, text
    edits = [e for d in found for e in d.fix.edits]
    assert apply_edits(result.report.text, edits).endswith(fixed + "\n")


def test_clean_punctuation_is_not_flagged():
    body = ("一、上半年工作总结\n增强“四个意识”、坚定“四个自信”、做到“两个维护”，报送《专报》《意见表》等24期，"
            "时间为10:30，比例达12.5%。\n")
    result = _check(body)
    assert [d for d in result.diagnostics if d.code.startswith(("punct.", "number."))] == []


def test_unpaired_and_numbering_marks():
    body = "一、上半年工作总结\n（一）、理论武装。开设“战疫情特别报道等专题专栏。\n1、理论学习扎实有效。\n"
    result = _check(body)
    unpaired = _codes(result, "punct.unpaired")
    assert [d.text for d in unpaired] == ["“"]
    numbering = [(d.text, d.suggestion) for d in _codes(result, "punct.numbering")]
    assert numbering == [("（一）、", "（一）"), ("1、", "1.")]


def test_placeholder_todo_and_figure_contexts():
    body = "一、上半年工作总结\n开展专题研讨（待补），召开发布会【】场，同比增长X%，第X届读书节，增长X。某某同志带队。\n"
    result = _check(body)
    assert [d.text for d in _codes(result, "placeholder.todo")] == ["待补", "【】"]
    assert len(_codes(result, "placeholder.figure")) == 3
    assert [d.text for d in _codes(result, "placeholder.name")] == ["某某"]


def test_select_and_ignore_apply_to_checklist_codes():
    body = "一、上半年工作总结\n推进公益广告宣作，增强“4个意识”。\n"
    only = _check(body, select=("typo",))
    assert {d.code for d in only.diagnostics} == {"typo.word"}
    without = _check(body, ignore=("typo.word",))
    assert "typo.word" not in {d.code for d in without.diagnostics}


def test_user_checklist_adds_codes_and_declared_consistency(tmp_path):
    path = tmp_path / "ours.yaml"
    path.write_text(
        "version: 1\nname: ours\nsource: 本单位保密规定\nentries:\n"
        "  - id: real-city\n    type: existence\n    code: sensitive.name\n    severity: error\n"
        "    wrong: [营口, 涉营]\n    message: 脱敏稿中出现真实名称“{match}”\n"
        "    examples:\n      - bad: 刊播涉营正面报道805篇\n"
        "  - id: brand\n    type: consistency\n    code: consistency.variant\n    severity: warning\n"
        "    variants: [种子行动, 种子计划]\n", encoding="utf-8")
    result = check_path(SEED, CheckOptions(checklists=(str(path),)))
    names = _codes(result, "sensitive.name")
    assert [(d.text, d.severity.value, d.data["checklist"]) for d in names] == [("涉营", "error", "ours")]
    body = "一、上半年工作总结\n发挥“种子行动”作用。\n二、下半年工作安排\n深化“种子计划”。\n"
    declared = _check(body, checklists=(str(path),))
    assert [(d.text, d.suggestion) for d in _codes(declared, "consistency.variant")] == [("种子计划", "种子行动")]


def test_a_checklist_entry_and_a_builtin_check_on_the_same_slip_give_one_diagnostic(tmp_path):
    path = tmp_path / "punct.yaml"
    path.write_text(
        "version: 1\nname: punct\nsource: GB/T 15834-2011\nentries:\n"
        "  - id: shu-ming-hao-dun-hao\n    type: substitution\n    code: typo.punctuation\n"
        "    severity: warning\n    wrong: 》、《\n    right: 》《\n", encoding="utf-8")
    body = "一、上半年工作总结\n报送《舆情信息专报》、《舆情信息反馈意见表》等24期。\n"
    alone = _check(body)
    assert [d.code for d in alone.diagnostics if d.code.startswith(("punct", "typo"))] == ["punct.dunhao-between-quotes"]
    both = _check(body, checklists=(str(path),))
    assert [d.code for d in both.diagnostics if d.code.startswith(("punct", "typo"))] == ["typo.punctuation"]


def test_a_wrong_year_in_the_plan_of_a_second_half_report_names_the_plan_year():
    # A 2021 下半年 report plans 2022: the message must name 2022, which is also its suggestion
    # (it said “与报告年份 2021 不符（建议：2022）”).
    title = "市委宣传部2021年下半年工作总结\n及2022年工作计划\n\n"
    body = ("一、下半年工作总结\n（一）理论武装。组织开展“2020清朗”专项行动。\n"
            "二、2022年工作安排\n一是深化理论武装。组织开展“2020清朗”专项行动。\n")
    result = check_text(title + body, options=CheckOptions(project=False))
    found = [(d.part, d.message, d.suggestion) for d in _codes(result, "period.mismatch")]
    assert found == [("summary", "年份“2020”与报告年份 2021 不符", "2021"),
                     ("plan", "年份“2020”与计划年份 2022 不符", "2022")]


def test_a_figure_placeholder_quotes_its_words_not_the_note_after_it():
    body = "一、上半年工作总结\n（一）理论武装。开展专题学习研讨X次【注：待核实】，其他党组跟进。\n"
    found = [d.message for d in _codes(_check(body), "placeholder.figure")]
    assert found == ["数字未填写：“学习研讨X次”中的“X”"]  # was “学习研讨X次【注”
