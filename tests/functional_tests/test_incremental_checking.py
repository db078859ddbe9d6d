"""Pilot tests of the editor's incremental checking: after an edit, the lines the edit left alone
keep their findings from the previous check (drafter.incremental), and what the screen shows is
exactly what a full check of the buffer finds — for a plain-text draft and a Markdown one."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets.text_area import Selection

from drafter.api import check_text
from drafter_tui import make_app

from .tui_helpers import ROOT, SIZE, settle


def _same_as_full(app) -> None:
    """The editor's result was checked incrementally and equals a full check of the buffer."""
    result = app.result
    assert app.fresh
    assert result.reuse is not None and result.reuse.reused_lines > 0, "the check was not incremental"
    full = check_text(app.editor.text, path=app.source.path, options=app.options, like=app.source)
    assert [d.to_json() for d in result.diagnostics] == [d.to_json() for d in full.diagnostics]


def _listed(app) -> list[str]:
    """The problem list's entries as shown."""
    panel = app.diagnostics_panel
    return [panel.get_option_at_index(i).prompt.plain for i in range(panel.option_count)]


async def test_typing_a_slip_lists_it(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = len(app.result.diagnostics)
        app.editor.selection = Selection.cursor((7, 0))   # line 8, （三）立足“…
        for key in "截止6月底":
            await pilot.press(key)
        await settle(pilot)
        _same_as_full(app)
        found = [d for d in app.result.diagnostics if d.text == "截止" and d.line == 8]
        assert found, "the typed 截止 (for 截至) is not among the diagnostics"
        assert len(app.result.diagnostics) > before
        assert any("8:1 " in entry and "截止" in entry for entry in _listed(app))


async def test_an_edit_that_fixes_a_typo_removes_its_diagnostic(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        slip = next(d for d in app.result.diagnostics if "做后" in d.text)   # 打通“战役做后一公里”
        entries = len(_listed(app))
        assert any("战役做后" in e for e in _listed(app))
        row, column = slip.line - 1, slip.column - 1 + slip.text.index("做") + 1
        app.editor.selection = Selection.cursor((row, column))
        await pilot.press("backspace", "最")
        await settle(pilot)
        _same_as_full(app)
        assert not [d for d in app.result.diagnostics if "做后" in d.text]
        listed = _listed(app)
        assert not [e for e in listed if "战役做后" in e]
        assert len(listed) == entries   # the same entry now names what is left: 战役 for 战疫
        assert any("战役最后一公里" in e for e in listed)


async def test_an_edit_that_removes_a_section_heading_updates_the_outline(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # A first edit elsewhere, so that the heading's removal is checked from an edited text.
        app.editor.selection = Selection.cursor((12, 0))
        await pilot.press("好")
        await settle(pilot)
        assert app.outline_panel.label_of("summary", "civility").startswith("✓")
        app.editor.selection = Selection((8, 0), (9, 0))   # line 9, （四）…精神文明…
        await pilot.press("backspace")
        await settle(pilot)
        _same_as_full(app)
        assert app.outline_panel.present[("summary", "civility")] is False
        assert "缺" in app.outline_panel.label_of("summary", "civility")
        # Undo brings the heading back, and its node with it.
        await pilot.press("ctrl+z")
        await settle(pilot)
        _same_as_full(app)
        assert app.outline_panel.label_of("summary", "civility").startswith("✓")


MD_SAMPLE = ROOT / "samples" / "propaganda-dept-2020-h1-draft.md"


@pytest.fixture
def md_copy(tmp_path) -> Path:
    """A copy of the Markdown sample (front matter, ``#`` headings) that a test may change."""
    path = tmp_path / "draft.md"
    path.write_bytes(MD_SAMPLE.read_bytes())
    return path


async def test_typing_a_slip_in_a_markdown_draft_lists_it(md_copy):
    app = make_app(str(md_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.source.format == "md"
        before = len(app.result.diagnostics)
        app.editor.selection = Selection.cursor((19, 0))   # line 20, 一是体制机制…
        for key in "截止6月底":
            await pilot.press(key)
        await settle(pilot)
        _same_as_full(app)
        assert [d for d in app.result.diagnostics if d.text == "截止" and d.line == 20]
        assert len(app.result.diagnostics) > before
        assert any("20:1 " in entry and "截止" in entry for entry in _listed(app))


async def test_a_comment_closed_over_lines_hides_its_findings(md_copy):
    """``<!--`` on the blank line above a paragraph, ``-->`` on the blank line below: the
    paragraph is a drafting note, its findings leave the list. The edit meets a comment's lines,
    so that check is a full one; the next edit elsewhere is incremental again."""
    app = make_app(str(md_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("战役做后" in e for e in _listed(app))   # line 24
        app.editor.selection = Selection.cursor((22, 0))
        app.editor.insert("<!--")
        await settle(pilot)
        _same_as_full(app)   # not closed yet: plain text, checked incrementally
        app.editor.selection = Selection.cursor((24, 0))
        app.editor.insert("-->")
        await settle(pilot)
        assert app.fresh and app.result.reuse.reused_lines == 0, "an edit of a comment's lines is checked in full"
        full = check_text(app.editor.text, path=app.source.path, options=app.options, like=app.source)
        assert [d.to_json() for d in app.result.diagnostics] == [d.to_json() for d in full.diagnostics]
        assert not [e for e in _listed(app) if "战役做后" in e]
        app.editor.selection = Selection.cursor((39, 0))   # line 40, 二是落实责任担当…
        for key in "截止6月底":
            await pilot.press(key)
        await settle(pilot)
        _same_as_full(app)
        assert any("40:1 " in entry and "截止" in entry for entry in _listed(app))
