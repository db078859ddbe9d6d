"""Reading real reports' structure (issue 10): areas by meaning, unnumbered headings, genre from
the title, misplaced areas, the outline chosen from the unit, and the report's date.

The headings and sentences below are taken, shortened and with names masked, from public reports
found in the search tool's pages corpus (sources in checklists/outlines/*.yaml). Several of those
pages are also among the cases of tests/data/real-reports (cases 01, 04–06, 11, 14, 15, 20): these
tests pin the mechanisms; the benchmark, not these tests, measures recall on the cases.
"""

from __future__ import annotations

import datetime as _dt

import pytest

from drafter.api import CheckOptions, check_text
from drafter.errors import ChecklistError
from drafter.outlines.definition import OutlineSection, parse_outline

OUTLINE = CheckOptions(select=("outline",), project=False)


def outline_of(text: str, **options):
    """(result, [(code, line, part, section)]) of the outline diagnostics."""
    result = check_text(text, options=CheckOptions(select=("outline",), project=False, **options))
    return result, [(d.code, d.line, d.part, d.section) for d in result.diagnostics]


def area_lines(result, part_id: str) -> dict[str, int]:
    """Area id → line of the unit that covers it, for the areas found in ``part_id``."""
    pm = result.match.part(part_id)
    return {sm.section.id: sm.unit.span.line for sm in pm.sections if sm.unit is not None}


# --------------------------------------------------------------------------- areas by meaning

def test_a_gapped_alias_matches_words_with_a_gap_in_one_clause_only():
    news = OutlineSection("news", "新闻舆论", ("主流…舆论",))
    assert news.find("（二）举旗铸魂，壮大主流思想舆论")[2] == "主流思想舆论"
    assert news.find("三是壮大主流舆论")[2] == "主流舆论"
    assert news.find("用好主流媒体，加强舆论阵地建设") is None   # two clauses: no


DISTRICT_2024 = """市委宣传部2024年宣传工作总结
2024年，市委宣传部坚持以习近平新时代中国特色社会主义思想为指导，各项工作取得新成效。
一、宣传思想和文化工作总结
（一）加强党的创新理论武装，高扬新时代思想旗帜。一是扎实开展党纪学习教育宣讲。
（二）举旗铸魂，壮大主流思想舆论。一是高标准打造新闻宣传阵地，在央视发稿7篇。
（三）夯实基础，强化责任担当。严格落实“第一议题”制度，组织理论学习中心组集中学习10次，开展“微宣讲”40余场，理论宣讲覆盖600余人次，推动党的创新理论贴近群众。
（四）成风化俗，培育文明新风。深化文明实践，开展志愿服务活动300余次，推进移风易俗。
（五）以文化人，丰富精神供给。组织开展群众性文化活动120余场。
"""


def test_areas_by_heading_phrase_and_by_body_terms():
    result, found = outline_of(DISTRICT_2024)
    summary = result.match.part("summary")
    by_area = {sm.section.id: sm.unit for sm in summary.sections if sm.unit is not None}
    assert by_area["news"].matched == "主流思想舆论" and by_area["news"].decided_by == "alias"
    assert by_area["civility"].matched == "成风化俗"
    assert by_area["culture"].matched == "以文化人"
    # （三）'s heading names no area: its body (中心组, 第一议题, 宣讲) decides, and says how.
    assert by_area["theory"].span.line == 4          # （一） names 理论武装 first
    # （三）'s heading names no area and its body is theory's, which （一） claimed: no second one.
    assert summary.units[2].area is None
    # No section is about 意识形态 (（三）'s body is theory's): that one is really missing.
    assert [d for d in found if d[0].startswith("outline.missing")] == [
        ("outline.missing-section", 3, "summary", "ideology")]


def test_the_body_decides_when_no_heading_names_the_area():
    text = DISTRICT_2024.replace("（一）加强党的创新理论武装，高扬新时代思想旗帜。一是扎实开展党纪学习教育宣讲。\n", "")
    text = text.replace("（二）", "（一）").replace("（三）", "（二）").replace("（四）", "（三）").replace("（五）", "（四）")
    result, found = outline_of(text)
    unit = result.match.part("summary").unit_for("theory")
    assert unit is not None and unit.title == "夯实基础，强化责任担当"
    assert unit.decided_by == "body" and 0 < unit.confidence <= 0.75
    terms = dict(unit.terms)
    assert terms["第一议题"] == 1 and terms["中心组"] == 1 and "宣讲" in terms
    assert ("outline.missing-section", 3, "summary", "theory") not in found


def test_one_incidental_word_in_the_body_never_decides():
    text = """县委宣传部2023年上半年工作总结
一、上半年工作总结
（一）强化自身建设，提升工作水平。组织干部参加业务培训，中心组成员带头讲党课。
二、下半年工作计划
一是深化理论武装。
"""
    result, _ = outline_of(text)
    unit = result.match.part("summary").units[0]
    assert unit.area is None      # one word (中心组), however weighty, is not an area


UMBRELLA = """市上半年宣传思想文化工作总结
一、2023年上半年工作完成情况
（一）筑牢思想根基，理论学习走深走实。始终把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务。
（二）坚持系统观念，服务大局见行见效。一是着力构建“大宣传”工作格局。统筹各方力量。二是着力加强网络宣传和舆情处置。及时回应社会关切。
"""


def test_an_umbrella_sections_items_give_several_areas():
    result, found = outline_of(UMBRELLA)
    summary = result.match.part("summary")
    umbrella = summary.units[1]
    assert umbrella.umbrella and umbrella.area is None
    assert {u.area for u in summary.sub_units} == {"news", "ideology"}
    assert all(u.parent is umbrella and u.decided_by == "item" for u in summary.sub_units)
    assert not [d for d in found if d[0] == "outline.extra"]     # the umbrella is not “extra”


def test_outline_command_says_what_decided(tmp_path):
    from drafter.cli import main

    path = tmp_path / "r.txt"
    path.write_text(UMBRELLA, encoding="utf-8")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["outline", "--no-config", str(path)]) == 0
    text = out.getvalue()
    assert "“思想根基”（标题用语，把握：高）" in text
    assert "条目用语“大宣传”" in text and "总括一节，其条目分属新闻舆论、意识形态" in text
    assert "体裁：半年总结" in text


# --------------------------------------------------------------------------- headings without marks

TOWN_RUN_IN = """镇关于宣传思想文化2022年工作总结及2023年工作计划
XX镇宣传思想文化工作在区委宣传部的正确领导下，聚焦使命任务，各项工作扎实推进。
一、2022年工作总结
聚焦主线主题，抓实党史学习教育。深入贯彻落实部署、精心谋划，推动形成学党史、悟思想、办实事、开新局浓厚氛围。
强化阵地管理，守牢意识形态底线。严格落实意识形态工作责任制，开展风险隐患排查。
二、2023年工作计划
一是深化理论武装。二是压实意识形态责任。
"""


def test_short_first_sentences_opening_blocks_are_headings():
    result, found = outline_of(TOWN_RUN_IN)
    summary = result.match.part("summary")
    assert [u.title for u in summary.units] == ["聚焦主线主题，抓实党史学习教育", "强化阵地管理，守牢意识形态底线"]
    assert area_lines(result, "summary") == {"theory": 4, "ideology": 5}
    heading = summary.units[0].division.heading
    assert heading.marker is None and heading.run_in and heading.inferred_level == 2


STREET_LINES = """XX街道2020年宣传思想工作总结
2020年XX街道宣传思想文化工作在街道党工委的正确领导下，紧紧围绕中心工作，全面推进各项工作。
立足理论根本，提高党员干部政治素养。
1、抓好党工委中心组理论学习。制定党工委中心组理论学习全年计划表，认真抓好学习计划的落实。
2、深化党员干部群众学习教育。成立宣讲团，打通理论宣讲的“最后一米”。
立足正面宣传，不断强化舆论引导。
1、主流媒体宣传报道有声有色。今年以来，紧紧围绕中心工作提升宣传服务水平。
"""


def test_unnumbered_heading_lines_above_numbered_items_head_their_blocks():
    result, _ = outline_of(STREET_LINES)
    tops = [(d.level, d.heading.title) for d in result.report.divisions]
    assert tops == [(2, "立足理论根本，提高党员干部政治素养"), (2, "立足正面宣传，不断强化舆论引导")]
    assert [len(d.children) for d in result.report.divisions] == [2, 1]
    assert area_lines(result, "summary") == {"theory": 3, "news": 6}


def test_yearbook_bracket_heads_and_a_lone_title_line_are_headings():
    yearbook = "宣传部\n2019年，县委宣传部恪尽职守、主动作为，全面完成年度重点工作任务。\n" \
               "【理论武装工作扎实深入】 一是持续推进学习向信仰扎根。坚持以理论学习中心组为龙头。\n"
    result, _ = outline_of(yearbook)
    assert [d.heading.title for d in result.report.divisions] == ["【理论武装工作扎实深入】"]
    review = "2022年宣传思想文化工作综述\n回首来时路，全县宣传思想文化战线坚持守正创新。\n" \
             "让党的创新理论深入人心、落地生根\n以县委理论学习中心组为示范引领，制定印发年度学习计划，组织专题学习研讨十余次，推动学习走深走实。\n"
    result, found = outline_of(review)
    assert [d.heading.title for d in result.report.divisions] == ["让党的创新理论深入人心、落地生根"]
    assert area_lines(result, "summary") == {"theory": 3}
    assert not [d for d in found if d[0] == "outline.missing-part"]


def test_body_sentences_and_signature_lines_stay_body():
    text = """县委宣传部2022年上半年工作总结
一、上半年工作总结
上半年，县委宣传部扎实推进各项工作。全年计划任务完成过半，各项指标稳步推进。
我们坚持守正创新。围绕中心、服务大局，各项工作取得新成效。
二、下半年工作计划
下半年，将继续抓好各项工作。
县委宣传部
2022年7月10日
"""
    result, _ = outline_of(text)
    assert [d.heading.text for d in result.report.walk()] == ["上半年工作总结", "下半年工作计划"]


# --------------------------------------------------------------------------- genre and parts

def test_work_highlights_are_the_summary_and_an_annual_report_is_never_called_half_year():
    text = """区委宣传部2020年工作总结及2021年工作计划
一、2020年工作亮点
（一）理论武装不断深化。全年组织中心组专题学习12次。
二、2021年工作计划
（一）深化理论武装。围绕2021年建党100周年开展学习教育。
"""
    result = check_text(text, options=CheckOptions(select=("outline", "period"), project=False))
    assert result.outline.name == "propaganda-annual"
    assert result.match.genre.id == "annual"
    assert result.match.part("summary").matched == "工作亮点"
    titles = [pm.part.title_for(result.report.period) for pm in result.match.parts]
    assert titles == ["全年工作总结", "明年工作计划"]
    assert not any("上半年" in d.message for d in result.diagnostics)
    # The plan of an annual report may name next year.
    assert not [d for d in result.diagnostics if d.code == "period.mismatch"]


def test_an_annual_reports_missing_plan_is_inserted_as_next_years():
    from drafter.outlines.skeleton import insertion_for

    text = "区委宣传部2020年工作总结及2021年工作计划\n一、2020年工作亮点\n（一）理论武装不断深化。内容。\n"
    result, found = outline_of(text)
    assert ("outline.missing-part", 3, "plan", None) in found and "明年工作计划" in result.diagnostics[-1].message
    insertion = insertion_for(text, result.match, "plan", None, half=result.report.period)
    assert insertion.heading == "二、明年工作计划"
    assert "明年，……。" in insertion.edits[0].replacement and "上半年" not in insertion.edits[0].replacement


def test_a_summary_only_report_is_not_told_its_plan_is_missing():
    text = "宣传思想文化工作总结\n一、理论武装扎实推进\n内容。\n二、意识形态工作责任制全面落实\n内容。\n"
    result, found = outline_of(text)
    assert result.match.genre.id == "summary-only"
    assert [c for c, *_ in found if c == "outline.missing-part"] == []
    assert not result.match.part("plan").required


def test_a_plan_only_reports_numbered_areas_are_its_plan():
    text = "2023年某镇下半年宣传工作思路\n下半年，我镇将聚焦中心工作。\n" \
           "(1)强化理论学习，着力凝聚思想共识。\n(2)加强舆论引导，着力汇聚发展合力。\n"
    result, found = outline_of(text)
    assert result.match.genre.id == "plan-only"
    plan = result.match.part("plan")
    assert plan.implicit and area_lines(result, "plan") == {"theory": 3, "news": 4}
    assert not result.match.part("summary").found and not result.match.part("summary").required
    assert not [d for d in found if d[2] == "summary"]


def test_the_plan_as_the_last_sub_heading_of_the_summary():
    text = """县委宣传部2021年上半年工作总结
一、主要工作
（一）理论武装不断深化。内容。
（二）意识形态持续加强。内容。
（三）下一步工作打算。下半年，继续深化理论武装。
"""
    result, _ = outline_of(text)
    plan = result.match.part("plan")
    assert plan.found and plan.division.heading.title == "下一步工作打算"
    assert [u.title for u in result.match.part("summary").units] == ["理论武装不断深化", "意识形态持续加强"]


def test_a_problems_part_is_optional_and_not_extra(seed_lines):
    lines = seed_lines[:10] + ["三、存在的问题和不足", "一是创新不够。"] + [seed_lines[10].replace("二、", "四、")] + seed_lines[11:]
    result, found = outline_of("\n".join(lines))
    assert [d.heading.title for d in result.match.problems] == ["存在的问题和不足"]
    assert [c for c, *_ in found if c != "numbering.sequence"] == []


# --------------------------------------------------------------------------- misplaced

def test_an_area_moved_into_the_plan_is_one_misplaced_finding_not_a_cascade(seed_lines):
    # （五）文化文艺 of the summary moved to just after the plan's heading.
    lines = seed_lines[:9] + seed_lines[10:12] + [seed_lines[9]] + seed_lines[12:]
    result, found = outline_of("\n".join(lines))
    assert found == [("outline.misplaced", 12, "plan", "culture")]
    message = result.diagnostics[0].message
    assert "“文化文艺”" in message and "下半年工作安排" in message and "应在“上半年工作总结”" in message
    assert result.diagnostics[0].data == {"belongs_to": "summary"}


# --------------------------------------------------------------------------- outline choice

@pytest.mark.parametrize("title, outline, reason", [
    ("市委统战部2025年上半年度工作情况总结", "united-front", "title"),
    ("县委政法委员会2024年工作总结", "political-legal", "title"),
    ("市教育局2023年工作总结及2024年工作思路", "education", "title"),
    ("区委组织部2022年组织工作总结", "organization", "title"),
    ("徐家井街道2025年宣传思想文化工作总结及2026年工作计划", "propaganda-township", "title"),
    ("区委宣传部2020年工作总结及2021年工作计划", "propaganda-annual", "title"),
    ("市委宣传部上半年工作总结及下半年工作计划", "propaganda-half-year", "title"),
    ("县卫健局2023年工作总结", "generic", "generic"),
    ("XX集团公司2023年宣传思想工作总结", "generic", "generic"),
    ("工作总结", "propaganda-half-year", "default"),
    ("某部门工作总结", "propaganda-half-year", "default"),
    ("某镇宣传中心2024年上半年工作总结", "propaganda-township", "title"),
    ("县委宣传中心2024年上半年工作总结", "propaganda-half-year", "title"),
    ("县妇联2024年工作总结及2025年工作计划", "generic", "generic"),
    ("县工商联2024年工作总结", "generic", "generic"),
    ("市文明办2023年上半年工作总结", "generic", "generic"),
    ("2024某县团委关于上半年工作总结", "generic", "generic"),
    ("某区2024年精神文明建设工作总结", "generic", "generic"),
    ("关于某镇宣传思想文化工作的调研报告", "generic", "generic"),
])
def test_the_outline_follows_the_unit_in_the_title(title, outline, reason):
    result = check_text(title + "\n一、上半年工作总结\n内容。\n", options=OUTLINE)
    assert (result.outline.name, result.choice.reason) == (outline, reason)


def test_a_department_without_an_outline_gets_the_generic_one_and_an_info_saying_so():
    text = "县卫健局2023年工作总结\n一、主要工作情况\n（一）医疗服务能力持续提升。内容。\n二、下一步工作打算\n内容。\n"
    result, found = outline_of(text)
    assert found == [("outline.generic", 1, None, None)]
    assert result.diagnostics[0].severity.value == "info" and "县卫健局" in result.diagnostics[0].message


def test_a_company_report_with_unnumbered_sections_gets_the_generic_outline():
    text = """XX集团公司2023年宣传工作总结
集团公司党委坚持以习近平新时代中国特色社会主义思想为指导，统筹推进宣传工作。
构筑“一体化”宣传网络
强化融合宣传。用好集团两级官方网站、新媒体平台及各类宣传阵地，形成宣传合力，提升传播效果。
形成“时效性”工作格局
坚持稿件核审制度。严把新闻宣传稿件质量，执行三级审核制度，确保新闻宣传工作的及时性和严肃性。
"""
    result, found = outline_of(text)
    assert result.outline.name == "generic"
    assert [u.title for u in result.match.part("summary").units] == ["构筑“一体化”宣传网络", "形成“时效性”工作格局"]
    assert found == [("outline.generic", 1, None, None)]


def test_a_department_outline_reports_only_info():
    text = "市委统战部2025年上半年工作总结\n一、上半年工作开展情况\n（一）夯实共同思想政治基础。内容。\n"
    result, _ = outline_of(text)
    assert result.outline.advisory
    assert all(d.severity.value == "info" for d in result.diagnostics)


#: A 妇联's report whose first item uses the propaganda outline's words (理论武装, 宣讲).
WOMEN_FEDERATION = """县妇联2024年工作总结及2025年工作计划
一、2024年工作开展情况
（一）把牢方向，加强思想政治引领。一是强化理论武装，组织妇联干部开展中心组学习和专题宣讲。
（二）维护妇女儿童合法权益。内容。
二、2025年工作计划
内容。
"""


def test_a_department_the_title_names_without_an_outline_gets_only_an_info_whatever_its_words():
    result, found = outline_of(WOMEN_FEDERATION)
    assert result.outline.name == "generic" and result.choice.unit == "县妇联"
    assert found == [("outline.generic", 1, None, None)]


def test_a_title_opening_with_a_bare_year_names_its_unit_and_its_year():
    result, found = outline_of("2024某县团委关于上半年工作总结\n一、上半年工作情况\n（一）思想引领。内容。\n")
    assert result.choice.unit == "某县团委"
    assert (result.report.period.year, result.report.period.half) == (2024, 1)
    assert found == [("outline.generic", 1, None, None)]


def test_a_title_naming_a_work_no_outline_is_for_gets_the_generic_outline():
    text = "某区2024年精神文明建设工作总结\n一、文明城市创建持续深化\n内容。\n二、志愿服务常态开展\n内容。\n"
    result, found = outline_of(text)
    assert (result.outline.name, result.choice.subject, result.choice.unit) == ("generic", "精神文明建设", None)
    assert found == [("outline.generic", 1, None, None)]
    assert "精神文明建设" in result.diagnostics[0].message


@pytest.mark.parametrize("title, kind", [
    ("关于某镇宣传思想文化工作的调研报告", "调研报告"),
    ("某镇宣传委员2024年度述职报告", "述职报告"),
    ("在全县宣传思想工作会议上的讲话", "讲话"),
])
def test_a_survey_a_duty_report_or_a_speech_is_not_forced_onto_the_propaganda_outline(title, kind):
    text = (title + "\n一、理论武装工作情况\n组织中心组学习，开展理论宣讲。\n二、意识形态工作情况\n落实意识形态工作责任制。\n"
            "三、存在的问题\n内容。\n")
    result, found = outline_of(text)
    assert result.outline.name == "generic" and result.choice.kind == kind
    assert result.match.genre.id == "other" and result.match.genre.label == kind
    assert all(d.severity.value == "info" for d in result.diagnostics), found
    assert found[0] == ("outline.generic", 1, None, None) and kind in result.diagnostics[0].message


def test_a_report_on_studying_a_speech_is_still_a_work_report():
    from drafter.report.genre import document_kind

    assert document_kind("市委宣传部学习贯彻总书记重要讲话精神情况的工作总结") is None
    assert document_kind("在全市宣传部长会议上的讲话") == "讲话"


def test_a_plan_alone_keeps_its_department_outline_and_asks_no_summary():
    text = "某县委宣传部2025年工作计划\n一、抓好理论武装\n内容。\n二、加强意识形态工作\n内容。\n"
    result, found = outline_of(text)
    assert result.outline.name.startswith("propaganda") and result.match.genre.id == "plan-only"
    assert not [f for f in found if f[0] == "outline.missing-part"]


def test_an_addressee_line_is_not_part_of_the_title_and_a_surveys_parts_are_read():
    text = ("关于某乡宣传文化工作情况的调研报告\n县委宣传部：\n现将调研情况报告如下。\n一、基本情况\n内容。\n"
            "二、存在的突出问题\n内容。\n三、对策建议\n内容。\n")
    result, found = outline_of(text)
    assert result.report.title == "关于某乡宣传文化工作情况的调研报告"
    assert [pm.part.id for pm in result.match.parts if pm.found] == ["summary", "problems", "plan"]
    assert found == [("outline.generic", 1, None, None)]


@pytest.mark.parametrize("title, genre_id", [
    ("某局2024年半年工作总结及下半年工作打算", "h1"),      # the summary comes before 下半年's plan
    ("某局2024年下半年工作总结及2025年工作打算", "h2"),
    ("某局2024年上半年工作总结及下半年工作计划", "h1"),
])
def test_which_half_a_half_year_title_reports_on(title, genre_id):
    from drafter.report.genre import genre_of

    assert genre_of(title).id == genre_id


def test_option_and_project_file_override_the_title(tmp_path):
    text = "市委统战部2025年上半年工作总结\n一、上半年工作总结\n内容。\n"
    result = check_text(text, options=CheckOptions(outline="generic", select=("outline",), project=False))
    assert (result.outline.name, result.choice.reason) == ("generic", "option")
    (tmp_path / "drafter.yaml").write_text("outline: propaganda-half-year\n", encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    from drafter.api import check_path

    result = check_path(str(path), CheckOptions(select=("outline",)))
    assert result.outline.name == "propaganda-half-year" and result.choice.reason == "option"


TOWN_FREE = """某镇2023年上半年宣传工作总结暨下半年工作思路
今年以来，某镇宣传思想工作围绕全镇中心工作，狠抓各项任务落实。
一、理论武装“固本”，筑牢思想强根基
二、文明实践铸魂，增添发展新动力
三、管用结合，净化网络空间
四、注重舆论引导，积极壮大主流思想
五、以文化人，丰富精神供给
六、下半年工作思路
(1)强化理论学习。
(2)加强舆论引导。
(3)深化文明创建。
(4)压实意识形态责任。
(5)推动文化繁荣。
"""


def test_township_outline_free_order_and_stand_in_areas():
    result, found = outline_of(TOWN_FREE)
    assert result.outline.name == "propaganda-township"
    summary = result.match.part("summary")
    by_id = {sm.section.id: sm for sm in summary.sections}
    assert by_id["ideology"].via.id == "cyber" and by_id["ideology"].unit.span.line == 5
    assert by_id["civility"].via.id == "practice"
    assert [c for c, *_ in found if c in ("outline.order", "outline.missing-section")] == []


# --------------------------------------------------------------------------- the report's date

def test_the_year_from_the_lead_and_the_date_from_a_signature_line():
    text = "乡镇宣传思想工作总结以及工作计划\n2021年以来，我镇宣传思想工作紧紧围绕全年宣传工作重点。\n一、强化理论学习\n内容。\n"
    result = check_text(text, options=OUTLINE)
    assert (result.report.period.year, result.report.period.source) == (2021, "text")
    assert result.date.source == "text" and not result.date.assumed
    signed = "宣传部工作总结\n一、理论武装\n内容。\n县委宣传部\n二〇二〇年七月十日\n"
    result = check_text(signed, options=OUTLINE)
    assert result.date.value == _dt.date(2020, 7, 10) and result.date.source == "text"


def test_an_undated_report_says_which_date_it_was_judged_by():
    text = "宣传部工作总结\n一、理论武装\n持续推进党的十九届四中全会精神的学习宣讲。\n"
    result = check_text(text, options=CheckOptions(project=False))
    assert result.date.assumed and result.date.source == "today"
    outdated = [d for d in result.diagnostics if d.code == "term.outdated"]
    assert outdated, "the 十九届 guidance is outdated as of today"
    today = _dt.date.today().isoformat()
    assert all(f"报告未注明日期，按 {today} 判断；可用 --date 或 drafter.yaml 指定" in d.message for d in outdated)
    given = check_text(text, options=CheckOptions(project=False, date=_dt.date(2020, 7, 10)))
    assert not given.date.assumed and not [d for d in given.diagnostics if "未注明日期" in d.message]


def test_json_says_where_the_date_genre_and_outline_come_from(tmp_path):
    import json

    from drafter.api import check_path
    from drafter.cli.json_output import file_json

    path = tmp_path / "r.txt"
    path.write_text(UMBRELLA, encoding="utf-8")
    data = file_json(check_path(str(path), CheckOptions(select=("outline",), project=False)))
    json.dumps(data, ensure_ascii=False)
    assert data["period"] == {"year": 2023, "half": 1, "source": "text"}
    assert data["date"] == {"value": "2023-06-30", "source": "text", "assumed": False}
    assert data["genre"]["id"] == "summary-only"
    assert data["outline"]["choice"] == {"reason": "title", "unit": None, "kind": None, "subject": None}
    part = data["outline"]["parts"][0]
    assert part["umbrella"][0]["areas"] == ["news", "ideology"]
    news = next(s for s in part["sections"] if s["id"] == "news")
    assert (news["decided_by"], news["matched"], news["matched_by"]) == ("item", "大宣传", "item")


# --------------------------------------------------------------------------- outline files

def test_outline_files_refuse_bad_terms_and_stand_ins():
    base = "version: 1\nname: x\nparts:\n  - {id: summary, title: 总结, sections: [a]}\nsections:\n"
    with pytest.raises(ChecklistError, match="权重"):
        parse_outline(base + "  a: {title: 甲, terms: {学习: 5}}\n", "x.yaml")
    with pytest.raises(ChecklistError, match="within"):
        parse_outline(base + "  a: {title: 甲, within: b}\n", "x.yaml")
    outline = parse_outline(base + "  a: {title: 甲, aliases: [主流…舆论], terms: {学习: 2}, optional: true}\n", "x.yaml")
    assert outline.sections["a"].optional and outline.sections["a"].terms == {"学习": 2}


def test_outlines_command_lists_the_library(capsys):
    from drafter.cli import main

    assert main(["outlines"]) == 0
    out = capsys.readouterr().out
    for name in ("propaganda-half-year", "propaganda-annual", "propaganda-township", "generic",
                 "organization", "united-front", "political-legal", "education"):
        assert name in out


def test_items_running_on_in_one_paragraph_each_give_an_area():
    text = "市委宣传部2021年上半年工作总结及下半年工作计划\n一、上半年工作总结\n（一）理论武装不断深化。内容。\n" \
           "二、下半年工作计划\n一是深化理论武装，着力凝聚共识。二是压实意识形态工作责任制。\n三是壮大主流舆论。\n"
    result, _ = outline_of(text)
    plan = result.match.part("plan")
    assert [(u.marker, u.area) for u in plan.units] == [("一是", "theory"), ("二是", "ideology"), ("三是", "news")]


def test_a_report_of_unknown_period_names_its_parts_by_no_half():
    # An undated 汇报材料: no year, no half in the title or the text. Its summary is “工作总结”, not
    # “上半年工作总结” (which a report saying 上半年 keeps, see the seed).
    text = ("某街道宣传思想工作汇报材料\n"
            "某街道按照上级部署，认真开展宣传思想工作，现将有关情况汇报如下：\n"
            "一、坚持理论武装，推动科学理论入脑入心\n一是抓好中心组学习。二是开展基层宣讲。\n"
            "二、坚持正面宣传，壮大主流舆论\n一是做好新闻宣传。二是加强舆情引导。\n")
    result, found = outline_of(text)
    assert result.report.period.half is None and result.report.period.year is None
    messages = [d.message for d in result.diagnostics if d.code == "outline.missing-section"]
    assert messages and all("“工作总结”中缺少" in m for m in messages), messages
    dated = check_text(text.replace("某街道宣传思想工作汇报材料", "某街道2023年上半年宣传思想工作汇报材料"),
                       options=CheckOptions(select=("outline",), project=False))
    assert any("“上半年工作总结”中缺少" in d.message for d in dated.diagnostics)
