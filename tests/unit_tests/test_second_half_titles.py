"""A 下半年 report (2021年下半年工作总结及2022年工作计划) sums up 下半年 and plans 明年: its parts
must be named so in messages, the CLI's outline and an inserted part (they said 上半年工作总结 /
下半年工作安排, and F10 inserted “二、下半年工作安排” into a 下半年 report)."""

from __future__ import annotations

from pathlib import Path

from drafter.api import CheckOptions, check_text
from drafter.cli import main
from drafter.diagnostics import apply_edits
from drafter.outlines.skeleton import insertion_for

SEED = Path(__file__).resolve().parents[2] / "samples" / "propaganda-dept-2020-h1-report.txt"


def _second_half(seed_text: str) -> list[str]:
    lines = seed_text.replace("上半年", "下半年").split("\n")
    lines[0:2] = ["市委宣传部2021年下半年工作总结", "及2022年工作计划"]
    lines[10] = "二、2022年工作安排"
    return lines


def test_messages_name_the_parts_of_a_second_half_report(seed_text):
    lines = _second_half(seed_text)
    del lines[5]  # （一）…理论武装…
    result = check_text("\n".join(lines), options=CheckOptions(project=False))
    assert result.report.period.half == 2
    missing = [d.message for d in result.diagnostics if d.code == "outline.missing-section"]
    assert missing == ["“下半年工作总结”中缺少“理论武装”方面"]
    no_plan = check_text("\n".join(_second_half(seed_text)[:10]) + "\n", options=CheckOptions(project=False))
    assert [d.message for d in no_plan.diagnostics if d.code == "outline.missing-part"] == [
        "缺少“明年工作安排”部分（标准提纲要求的第 2 部分）"]


def test_first_half_titles_are_unchanged(seed_text):
    lines = seed_text.split("\n")
    del lines[5]
    result = check_text("\n".join(lines), options=CheckOptions(project=False))
    assert [d.message for d in result.diagnostics if d.code == "outline.missing-section"] == [
        "“上半年工作总结”中缺少“理论武装”方面"]


def test_inserted_plan_of_a_second_half_report_is_next_years(seed_text):
    text = "\n".join(_second_half(seed_text)[:10]) + "\n"
    result = check_text(text, options=CheckOptions(project=False))
    insertion = insertion_for(text, result.match, "plan", None, half=result.report.period.half)
    new = apply_edits(text, list(insertion.edits)).split("\n")
    assert new[10] == "二、明年工作安排" and new[11].startswith("明年，……。")


def test_outline_tree_names_the_second_half_parts(seed_text, tmp_path, capsys):
    path = tmp_path / "h2.txt"
    path.write_text("\n".join(_second_half(seed_text)), encoding="utf-8")
    assert main(["outline", "--no-config", str(path)]) == 0
    out = capsys.readouterr().out
    assert "✓ 下半年工作总结" in out and "✓ 明年工作安排" in out and "上半年工作总结" not in out


def test_a_first_half_word_copied_into_next_years_plan_suggests_next_year(seed_text):
    lines = _second_half(seed_text)
    assert "围绕这个思路，二季度要抓好" in lines[11]
    lines[11] = lines[11].replace("二季度要抓好", "下半年要抓好")  # copied from a 上半年 report
    result = check_text("\n".join(lines), options=CheckOptions(project=False))
    slips = [(d.text, d.message, d.suggestion) for d in result.diagnostics
             if d.code == "period.mismatch" and d.part == "plan" and d.text == "下半年"]
    # It said “本部分是上半年计划……应为‘上半年’” of the plan for 明年 (2022).
    # Two slips: the plan's opening “下半年，市委宣传部的工作思路是” and “下半年要抓好”.
    assert slips == [("下半年", "本部分是2022年计划，却以“下半年”为时间范围，应为“明年”", "明年")] * 2
