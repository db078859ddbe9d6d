"""The outline template and the insertion of missing areas (engine side, no UI)."""

from __future__ import annotations

from pathlib import Path

from drafter.api import check_text
from drafter.diagnostics import apply_edits
from drafter.outlines.definition import load_outline
from drafter.outlines.skeleton import insertion_for, template_text


def _drop(text: str, *numbers: int) -> str:
    lines = text.split("\n")
    for n in sorted(numbers, reverse=True):
        del lines[n - 1]
    return "\n".join(lines)


def _insert(text: str, part: str, section: str | None):
    result = check_text(text)
    insertion = insertion_for(text, result.match, part, section)
    assert insertion is not None
    return apply_edits(text, list(insertion.edits)), insertion


def test_template_matches_every_part_and_area_of_the_outline():
    outline = load_outline()
    text = template_text(outline)
    result = check_text(text)
    assert all(sm.found for pm in result.match.parts for sm in pm.sections)
    assert not [d for d in result.diagnostics if d.code.startswith(("outline.", "numbering."))]
    lines = text.split("\n")
    assert "一、上半年工作总结" in lines and "二、下半年工作安排" in lines
    assert "（四）抓实……，精神文明建设巩固拓展。一是……。二是……。" in lines
    assert "三是壮大主流舆论，着力……。……" in lines


def test_missing_heading_area_is_inserted_in_order_as_a_numbered_heading(seed_text):
    text = _drop(seed_text, 7)  # （二）…意识形态…
    new, insertion = _insert(text, "summary", "ideology")
    lines = new.split("\n")
    assert lines[6] == "（二）聚焦……，意识形态管理持续加强。一是……。"
    assert [line[:3] for line in lines[5:10]] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert lines[7].startswith("（三）立足“凝心聚力”")


def test_following_headings_are_renumbered(seed_text):
    # Drop （二） and renumber the rest as the writer would have: （一）（二）（三）（四）.
    lines = seed_text.split("\n")
    del lines[6]
    for i, mark in zip(range(6, 9), "二三四"):
        lines[i] = f"（{mark}）" + lines[i][3:]
    new, insertion = _insert("\n".join(lines), "summary", "ideology")
    marks = [line[:3] for line in new.split("\n")[5:10]]
    assert marks == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert len(insertion.edits) == 4  # the heading and three renumbered siblings


def test_missing_item_area_is_inserted_as_an_item(seed_text):
    text = _drop(seed_text, 13)  # 一是深化理论武装…
    new, _ = _insert(text, "plan", "theory")
    lines = new.split("\n")
    assert lines[12] == "一是深化理论武装，着力……。……"
    assert lines[13].startswith("二是落实责任担当")  # the former 二是 keeps its number


def test_missing_first_area_goes_before_the_others(seed_text):
    new, _ = _insert(_drop(seed_text, 6), "summary", "theory")
    assert new.split("\n")[5] == "（一）着眼……，理论武装工作不断深化。一是……。"


def test_missing_part_is_inserted_whole(seed_text):
    text = "\n".join(seed_text.split("\n")[:10]) + "\n"
    new, insertion = _insert(text, "plan", None)
    assert insertion.heading == "二、下半年工作安排"
    result = check_text(new)
    assert all(sm.found for pm in result.match.parts for sm in pm.sections)


def test_present_area_needs_no_insertion(seed_text):
    result = check_text(seed_text)
    assert insertion_for(seed_text, result.match, "summary", "theory") is None


def test_template_says_what_is_left_to_write_and_nothing_else():
    """A fresh skeleton: every “……” is an unfilled placeholder, and its title states the half, so
    the plan's 下半年 is not taken for a period slip whatever today's date is."""
    import datetime as dt

    from drafter.api import CheckOptions

    text = template_text(load_outline())
    for today in (dt.date(2026, 3, 1), dt.date(2026, 11, 26)):
        result = check_text(text, options=CheckOptions(date=today))
        codes = {d.code for d in result.diagnostics if d.severity.value != "info"}
        assert codes == {"placeholder.todo"}, today
        assert result.report.period.half == 1
    todo = [d for d in result.diagnostics if d.code == "placeholder.todo"]
    assert {d.text for d in todo} == {"……"}
    assert len(todo) == text.count("……")


# A Markdown draft (headings "### （一）…", paragraphs separated by blank lines): an inserted area
# must be laid out like its neighbours, or the inserted line joins the paragraph above it in
# Markdown, and inserting before the first area split the next heading's "### " from its text.
DRAFT_MD = Path(__file__).resolve().parents[2] / "samples" / "propaganda-dept-2020-h1-draft.md"


def _insert_md(text: str, part: str, section: str):
    result = check_text(text, path="draft.md", fmt="md")
    insertion = insertion_for(text, result.match, part, section)
    assert insertion is not None
    new = apply_edits(text, list(insertion.edits))
    after = check_text(new, path="draft.md", fmt="md")
    assert all(sm.found for pm in after.match.parts for sm in pm.sections)
    assert not [d for d in after.diagnostics if d.code.startswith(("outline.", "numbering."))]
    return new.split("\n")


def test_markdown_area_heading_is_inserted_as_a_markdown_heading():
    text = _drop(DRAFT_MD.read_text(encoding="utf-8"), 18, 19, 20, 21)  # ### （二）…意识形态…
    lines = _insert_md(text, "summary", "ideology")
    at = lines.index("### （二）聚焦……，意识形态管理持续加强。")
    assert lines[at - 1] == "" and lines[at + 1] == "" and lines[at + 2] == "一是……。"
    assert lines[at + 3] == "" and lines[at + 4].startswith("### （三）立足“凝心聚力”")


def test_markdown_first_area_is_inserted_before_the_next_heading_whole():
    text = _drop(DRAFT_MD.read_text(encoding="utf-8"), 14, 15, 16, 17)  # ### （一）…理论武装…
    lines = _insert_md(text, "summary", "theory")
    at = lines.index("### （一）着眼……，理论武装工作不断深化。")
    assert lines[at - 1] == "" and lines[at + 2] == "一是……。"
    assert lines[at + 4].startswith("### （二）聚焦“网上网下”")  # renumbered, "### " kept


def test_markdown_plan_item_is_its_own_paragraph():
    text = _drop(DRAFT_MD.read_text(encoding="utf-8"), 42, 43)  # 三是壮大主流舆论…
    lines = _insert_md(text, "plan", "news")
    at = lines.index("三是壮大主流舆论，着力……。……")
    assert lines[at - 1] == "" and lines[at + 1] == "" and lines[at + 2].startswith("四是")


def test_markdown_missing_part_is_inserted_as_markdown_before_the_next_part():
    lines = DRAFT_MD.read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines[:11] + lines[33:])  # no ## 一、上半年工作总结 nor its areas
    result = check_text(text, path="draft.md", fmt="md")
    insertion = insertion_for(text, result.match, "summary", None)
    new = apply_edits(text, list(insertion.edits)).split("\n")
    at = new.index("## 一、上半年工作总结")  # was "## " alone on a line, its text below
    assert new[at - 1] == "" and new[at + 1] == "" and new[at + 2].startswith("（一）")
    assert "## 二、下半年工作安排" in new
    after = check_text("\n".join(new), path="draft.md", fmt="md")
    assert all(sm.found for pm in after.match.parts for sm in pm.sections)
    assert not [d for d in after.diagnostics if d.code.startswith(("outline.", "numbering."))]


def test_markdown_missing_last_part_is_separated_by_blank_lines():
    text = "\n".join(DRAFT_MD.read_text(encoding="utf-8").split("\n")[:33]) + "\n"
    result = check_text(text, path="draft.md", fmt="md")
    insertion = insertion_for(text, result.match, "plan", None)
    new = apply_edits(text, list(insertion.edits)).split("\n")
    at = new.index("## 二、下半年工作安排")
    assert new[at - 1] == "" and new[at + 1] == "" and new[at + 2].startswith("下半年，")
