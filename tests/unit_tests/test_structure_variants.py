"""Structure recognition and structural diagnostics on the seed and on variants a reviewer meets."""

from __future__ import annotations

import pytest

from drafter.api import CheckOptions, check_text
from drafter.files.source import source_from_bytes
from drafter.api import analyze

STRUCTURAL = CheckOptions(select=("outline", "numbering"))


def structural(text: str, path: str = "report.txt"):
    """(code, line, part, section) of each structural diagnostic, in order."""
    result = check_text(text, path=path, fmt="md" if path.endswith(".md") else "txt", options=STRUCTURAL)
    return result, [(d.code, d.line, d.part, d.section) for d in result.diagnostics]


def test_seed_has_all_ten_areas_and_no_structural_diagnostics(seed_text):
    result, found = structural(seed_text)
    assert found == []
    for pm in result.match.parts:
        assert pm.found
        assert [s.found for s in pm.sections] == [True] * 5
    summary, plan = result.match.parts
    assert [s.unit.span.line for s in summary.sections] == [6, 7, 8, 9, 10]
    assert [s.unit.span.line for s in plan.sections] == [13, 14, 15, 16, 17]
    assert [s.unit.matched for s in plan.sections] == ["理论武装", "意识形态", "主流舆论", "核心价值观", "以文化人"]


def test_lead_paragraph_naming_all_areas_does_not_count(seed_lines):
    # Keep the title and the lead (which names all five areas) and drop everything else.
    result, found = structural("\n".join(seed_lines[:4]))
    assert [c for c, *_ in found] == ["outline.missing-part", "outline.missing-part"]
    assert all(not pm.found for pm in result.match.parts)


def test_area_deleted_without_renumbering(seed_lines):
    lines = seed_lines[:7] + seed_lines[8:]          # drop （三）新闻舆论
    _, found = structural("\n".join(lines))
    assert found == [
        ("outline.missing-section", 5, "summary", "news"),
        ("numbering.sequence", 8, "summary", "civility"),
    ]


def test_area_deleted_with_renumbering(seed_lines):
    lines = seed_lines[:7] + [seed_lines[8].replace("（四）", "（三）"), seed_lines[9].replace("（五）", "（四）")] + seed_lines[10:]
    _, found = structural("\n".join(lines))
    assert found == [("outline.missing-section", 5, "summary", "news")]


def test_sequence_fix_renumbers_the_rest(seed_lines):
    from drafter.diagnostics import apply_edits

    text = "\n".join(seed_lines[:7] + seed_lines[8:])
    result, _ = structural(text)
    sequence = [d for d in result.diagnostics if d.code == "numbering.sequence"]
    assert len(sequence) == 1 and sequence[0].suggestion == "（三）"
    fixed = apply_edits(text, list(sequence[0].fix.edits))
    assert "（三）抓实“XX有礼”" in fixed and "（四）深耕“惠民理念”" in fixed
    _, again = structural(fixed)
    assert again == [("outline.missing-section", 5, "summary", "news")]


def test_two_areas_swapped(seed_lines):
    lines = list(seed_lines)
    lines[6], lines[7] = lines[7].replace("（三）", "（二）"), lines[6].replace("（二）", "（三）")
    _, found = structural("\n".join(lines))
    assert len(found) == 1
    code, line, part, section = found[0]
    assert code == "outline.order" and part == "summary" and line in (7, 8)


def test_plan_part_removed(seed_lines):
    _, found = structural("\n".join(seed_lines[:10]))
    assert found == [("outline.missing-part", 10, "plan", None)]


def test_item_deleted_while_text_promises_five(seed_lines):
    lines = seed_lines[:14] + seed_lines[15:]           # drop 三是壮大主流舆论
    _, found = structural("\n".join(lines))
    assert found == [
        ("outline.missing-section", 11, "plan", "news"),
        ("numbering.count", 12, "plan", None),
        ("numbering.sequence", 15, "plan", "civility"),
    ]


def test_item_deleted_and_renumbered_still_breaks_the_promise(seed_lines):
    lines = seed_lines[:14] + [seed_lines[15].replace("四是", "三是", 1), seed_lines[16].replace("五是", "四是", 1)]
    result, found = structural("\n".join(lines))
    assert found == [("outline.missing-section", 11, "plan", "news"), ("numbering.count", 12, "plan", None)]
    count = next(d for d in result.diagnostics if d.code == "numbering.count")
    assert count.text == "以下5个方面" and count.data == {"promised": 5, "found": 4}


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_encodings_and_line_ends_give_the_same_lines(seed_text, encoding, newline):
    # Drop 三是 so that there are diagnostics whose lines must survive the re-encoding.
    lines = seed_text.split("\n")
    text = "\n".join(lines[:14] + lines[15:])
    data = text.replace("\n", newline).encode(encoding)
    result = analyze(source_from_bytes(data, "report.txt"), STRUCTURAL)
    _, expected = structural(text)
    assert [(d.code, d.line, d.part, d.section) for d in result.diagnostics] == expected
    assert [(d.column, d.end_column) for d in result.diagnostics] == [
        (d.column, d.end_column) for d in structural(text)[0].diagnostics]
    assert result.source.newline == newline
    assert result.source.encode() == data


def test_markdown_draft(seed_lines):
    from conftest import SAMPLES

    text = (SAMPLES / "propaganda-dept-2020-h1-draft.md").read_text(encoding="utf-8")
    result, found = structural(text, "draft.md")
    assert found == []
    assert result.report.front_matter["period"] == "2020-H1"
    assert result.report.period.year == 2020 and result.report.period.half == 1
    assert [s.unit.span.line for s in result.match.parts[0].sections] == [14, 18, 22, 26, 30]


MARKDOWN_NO_MARKS = """# 区委宣传部2021年上半年工作总结

## 上半年工作总结

### 理论武装

内容。

### 意识形态

内容。

### 新闻舆论

### 精神文明

### 文化文艺

## 下半年工作计划

### 理论武装

### 意识形态

### 新闻舆论

### 精神文明

### 文化文艺
"""


def test_markdown_headings_without_numbering_map_to_levels():
    result, found = structural(MARKDOWN_NO_MARKS, "r.md")
    assert found == []
    assert result.report.period.year == 2021
    assert [d.level for d in result.report.divisions] == [1, 1]


AREAS_NUMBERED_ONE_TO_FIVE = """县委宣传部2022年上半年工作总结
一、聚焦理论武装，学习宣传贯彻党的创新理论
上半年组织中心组学习X次。
二、意识形态工作责任制全面落实
内容。
三、新闻舆论工作守正创新
内容。
四、精神文明建设深入推进
内容。
五、文化文艺繁荣发展
内容。
六、下半年工作思路
（一）持续深化理论武装。内容。
（二）压紧压实意识形态工作责任制。内容。
（三）壮大主流舆论。内容。
（四）深化文明创建。内容。
（五）推动文化事业和文化产业繁荣发展。内容。
"""


def test_areas_numbered_one_to_five_then_plan_as_six():
    result, found = structural(AREAS_NUMBERED_ONE_TO_FIVE)
    assert found == []
    summary, plan = result.match.parts
    assert summary.implicit and summary.division is None
    assert [s.unit.span.line for s in summary.sections] == [2, 4, 6, 8, 10]
    assert plan.division.heading.full_text == "六、下半年工作思路"


def test_level_skipped():
    text = AREAS_NUMBERED_ONE_TO_FIVE.replace("（一）持续", "（1）持续")
    _, found = structural(text)
    assert ("numbering.level", 13, "plan", "theory") in found


NONSTANDARD_MARKS = """市文明办2023年上半年工作总结
1、上半年工作完成情况
(1)理论学习。一是组织学习。二是开展宣讲。四是推动研究。
㈡意识形态。内容。
2、下半年工作打算
"""


def test_nonstandard_marks_are_recognised_at_their_level():
    from drafter.report.structure import parse_report

    result, found = structural(NONSTANDARD_MARKS)
    divisions = list(result.report.walk())
    assert [(d.level, d.heading.marker.style) for d in divisions] == [
        (3, "dun-after-digit"), (4, "half-width-brackets"), (2, "circled"), (3, "dun-after-digit")]
    assert ("numbering.sequence", 3, None, None) in [(c, l, None, None) for c, l, _, _ in found]
    seq = next(d for d in result.diagnostics if d.code == "numbering.sequence" and d.line == 3)
    assert seq.text == "四是" and seq.suggestion == "三是"


def test_extra_section_is_info_and_named(seed_lines):
    lines = seed_lines[:10] + ["（六）强化自身建设，队伍素质不断提高。一是加强学习。"] + seed_lines[10:]
    result, found = structural("\n".join(lines))
    assert found == [("outline.extra", 11, "summary", None)]
    assert result.diagnostics[0].severity.value == "info"


def test_duplicate_area(seed_lines):
    lines = seed_lines[:10] + ["（六）理论宣讲深入基层。内容。"] + seed_lines[10:]
    _, found = structural("\n".join(lines))
    assert found == [("outline.duplicate", 11, "summary", "theory")]


def test_plan_before_summary_is_an_order_problem(seed_lines):
    plan = [seed_lines[10].replace("二、", "一、")] + seed_lines[11:17]
    summary = [seed_lines[4].replace("一、", "二、")] + seed_lines[5:10]
    _, found = structural("\n".join(seed_lines[:4] + plan + summary))
    assert [c for c, *_ in found] == ["outline.order"]


def test_arabic_marks_directly_under_a_part_are_a_level_slip_fixed_to_chinese(seed_lines):
    """（一）…（五） written 1、…5、 under 一、: one diagnostic each, numbering.level, whose fix
    gives back （一）…（五）; punct.numbering does not also offer “1.”, which would still skip a level."""
    from drafter.diagnostics import apply_edits
    from drafter.fixing import fix_document

    lines = list(seed_lines)
    for n in range(1, 6):
        marks = "（一）（二）（三）（四）（五）"
        lines[4 + n] = lines[4 + n].replace(marks[3 * (n - 1):3 * n], f"{n}、", 1)
    text = "\n".join(lines)
    result = check_text(text, options=CheckOptions(select=("numbering", "punct")))
    level = [d for d in result.diagnostics if d.code == "numbering.level"]
    assert [(d.line, d.text, d.suggestion) for d in level] == [
        (6, "1、", "（一）"), (7, "2、", "（二）"), (8, "3、", "（三）"), (9, "4、", "（四）"), (10, "5、", "（五）")]
    assert not [d for d in result.diagnostics if d.code == "punct.numbering" and 6 <= d.line <= 10]
    assert all(d.fix is not None and not d.fix.safe for d in level)
    # --fix leaves them for the writer; applying them gives the seed back.
    assert fix_document(result.source, CheckOptions(select=("numbering", "punct"))).text == text
    assert apply_edits(text, [e for d in level for e in d.fix.edits]) == "\n".join(seed_lines)
