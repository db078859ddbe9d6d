"""The renderer's final text: order, numbering, notes, placeholders; .txt/.md round-trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter import check_path, check_text
from drafter.render import build_final, render_text, to_md, to_txt
from render_helpers import DRAFT_NAME, SEED_NAME, outline_shape

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _result(text: str, fmt: str = "txt"):
    return check_text(text, path=f"<test>.{fmt}", fmt=fmt)


def test_seed_renders_to_its_own_text(seed_text):
    # The seed is already in outline order with standard numbering and no notes.
    result = _result(seed_text)
    assert render_text(result.report, result.match) == seed_text.rstrip("\n") + "\n"


@pytest.mark.parametrize("name", [SEED_NAME, DRAFT_NAME])
@pytest.mark.parametrize("writer,fmt", [(to_txt, "txt"), (to_md, "md")])
def test_txt_and_md_output_round_trip_to_the_same_outline(name, writer, fmt):
    source = check_path(SAMPLES / name)
    rendered = writer(build_final(source.report, source.match))
    again = _result(rendered, fmt)
    assert outline_shape(again) == outline_shape(source)
    assert again.report.title == source.report.title
    errors = lambda r: [d.code for d in r.diagnostics if d.severity.value == "error"]  # noqa: E731
    assert errors(again) == errors(source)


def test_markdown_draft_renders_without_marks_and_front_matter():
    source = check_path(SAMPLES / DRAFT_NAME)
    text = render_text(source.report, source.match)
    assert text.startswith("市委宣传部上半年工作总结及下半年工作计划\n\n上半年，市委宣传部")
    assert "#" not in text and "period:" not in text
    assert "\n一、上半年工作总结\n（一）着眼“培根铸魂”，理论武装工作不断深化。\n一是理论学习扎实有效。" in text


def _seed_variant(seed_lines):
    lines = list(seed_lines)
    # seed: 0-1 title, 3 lead, 4 一、, 5-9 （一）…（五）, 10 二、, 11 intro, 12-16 一是…五是
    lines[6], lines[7] = lines[7], lines[6]          # （三）新闻舆论 before （二）意识形态
    lines[14], lines[15] = lines[15], lines[14]      # 四是 before 三是
    lines.insert(10, "（六）其他工作。做好其他工作。")  # not in the outline: stays last
    return lines


def test_matched_units_are_put_in_outline_order_and_renumbered(seed_lines):
    result = _result("\n".join(_seed_variant(seed_lines)))
    doc = build_final(result.report, result.match)
    level2 = [(b.number, b.heading[:4]) for b in doc.headings() if b.level == 2]
    assert level2 == [("（一）", "着眼“培"), ("（二）", "聚焦“网"), ("（三）", "立足“凝"),
                      ("（四）", "抓实“X"), ("（五）", "深耕“惠"), ("（六）", "其他工作")]
    plan = [b.text[:6] for b in doc.blocks if b.kind == "body" and b.text[1:2] == "是"]
    assert plan == ["一是深化理论", "二是落实责任", "三是壮大主流", "四是立足培根", "五是坚持以文"]
    assert [(m.line, m.position) for m in doc.moves] == [(8, 2), (7, 3), (17, 3), (16, 4)]
    # The re-ordered draft now passes the order check.
    again = _result(render_text(result.report, result.match))
    assert not [d for d in again.diagnostics if d.code in ("outline.order", "numbering.sequence")]


def test_unmatched_unit_keeps_its_position(seed_lines):
    lines = list(seed_lines)
    lines.insert(6, "（二）其他工作。做好其他工作。")   # between 理论武装 and 意识形态
    result = _result("\n".join(lines))
    doc = build_final(result.report, result.match)
    level2 = [b.heading[:4] for b in doc.headings() if b.level == 2]
    assert level2[1] == "其他工作"
    assert [b.number for b in doc.headings() if b.level == 2] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]


def test_numbering_regenerated_per_level_or_kept(seed_lines):
    lines = list(seed_lines)
    lines[4] = "一.上半年工作总结"                  # non-standard level-1 mark
    lines[7] = lines[7].replace("（三）", "(五)", 1)  # half-width brackets, wrong number
    lines[10] = "三、下半年工作安排"                 # wrong number
    result = _result("\n".join(lines))
    regenerated = [b.number for b in build_final(result.report, result.match).headings()]
    assert regenerated == ["一、", "（一）", "（二）", "（三）", "（四）", "（五）", "二、"]
    kept = [b.number for b in build_final(result.report, result.match, keep_numbering=True).headings()]
    assert kept == ["一.", "（一）", "（二）", "(五)", "（四）", "（五）", "三、"]


def test_markdown_heading_without_mark_gets_one():
    text = "# 某部门工作总结\n\n## 上半年工作总结\n\n### 理论武装工作\n\n正文。\n"
    result = _result(text, "md")
    final = render_text(result.report, result.match)
    assert final == "某部门工作总结\n\n一、上半年工作总结\n（一）理论武装工作\n正文。\n"


def test_placeholders_stay_visible(seed_text):
    result = _result(seed_text)
    text = render_text(result.report, result.match)
    for placeholder in ("研讨X次", "信息X余条", "发稿X万多条次", "为XX全面振兴"):
        assert placeholder in text


def test_run_in_heading_is_kept_run_in(seed_text):
    result = _result(seed_text)
    first = next(b for b in build_final(result.report, result.match).headings() if b.level == 2)
    assert first.run_in and first.heading == "着眼“培根铸魂”，理论武装工作不断深化。"
    assert first.text.startswith("一是理论学习扎实有效。")
