"""Drafting notes: 【注：…】 (txt, md) and <!-- … --> (md) are parsed, ignored by checks, removed
by the renderer."""

from __future__ import annotations

from drafter import check_text
from drafter.api import analyze
from drafter.diagnostics import Diagnostic, Severity
from drafter.render import render_text
from drafter.files.source import SourceDocument
from drafter.report.structure import find_notes, parse_report


def test_note_syntax_per_format():
    text = "甲【注：待核实】乙<!-- 备注 -->丙【注:半角冒号】"
    assert [text[n.start:n.end] for n in find_notes(text, "txt")] == ["【注：待核实】", "【注:半角冒号】"]
    assert [text[n.start:n.end] for n in find_notes(text, "md")] == ["【注：待核实】", "<!-- 备注 -->", "【注:半角冒号】"]
    # 【注：…】 does not cross a line; an unclosed comment is no note.
    assert find_notes("甲【注：未闭合\n乙】", "txt") == []
    assert find_notes("甲<!-- 未闭合\n乙", "md") == []


def test_notes_are_removed_from_the_final_text(seed_lines):
    lines = list(seed_lines)
    lines[5] = lines[5].replace("研讨X次", "研讨X次【注：请组织科提供次数】", 1)
    lines.insert(3, "【注：本稿为征求意见稿，定稿前删除】")
    result = check_text("\n".join(lines))
    assert len(result.report.notes) == 2
    final = render_text(result.report, result.match)
    assert "注：" not in final and "【" not in final
    assert "开展专题学习研讨X次，其他各级党委" in final
    assert final == render_text(*_parsed("\n".join(seed_lines)))


def _parsed(text):
    result = check_text(text)
    return result.report, result.match


def test_commented_out_heading_is_not_a_heading():
    draft = ("# 某部门工作总结\n\n## 一、上半年工作总结\n\n"
             "（一）理论武装工作。正文。\n\n<!--\n（二）网络意识形态工作。这一节暂不写。\n-->\n\n"
             "## 二、下半年工作安排\n\n一是深化理论武装。正文。\n")
    result = check_text(draft, path="<t>.md", fmt="md")
    summary = result.match.part("summary")
    assert [u.area for u in summary.units] == ["theory"]
    assert not summary.sections[1].found
    assert "网络意识形态" not in render_text(result.report, result.match)


def test_diagnostics_inside_notes_are_dropped(monkeypatch, seed_text):
    text = seed_text.replace("研讨X次", "研讨X次【注：错别字“做后”不改】", 1)
    source = SourceDocument(path="<t>", text=text)
    note = parse_report(source).notes[0]
    inside = text.index("做后", note.start)
    outside = text.index("做后", note.end)  # the real slip in the body (“战役做后一公里”)
    assert note.start < inside < note.end

    from drafter import api
    from drafter.checks import Check, Rule

    def fake(ctx):
        for start in (inside, outside):
            yield ctx.diagnostic("test.typo", "错别字", start, start + 2)

    checks = api.all_checks() + (Check("fake", (Rule("test.typo", Severity.WARNING, "测试"),), fake),)
    monkeypatch.setattr(api, "all_checks", lambda: checks)
    found = [d for d in analyze(source).diagnostics if d.code == "test.typo"]
    assert [d.span.start for d in found] == [outside]
    assert isinstance(found[0], Diagnostic)
