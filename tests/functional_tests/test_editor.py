"""Pilot tests of the editor on the seed report: outline, live checking, diagnostics, fixes."""

from __future__ import annotations

import time

from textual.widgets.text_area import Selection

from drafter_tui import make_app
from drafter_tui.screens.choice import ChoiceScreen

from .tui_helpers import SEED, SIZE, settle


async def test_seed_shows_all_ten_outline_nodes_present():
    app = make_app(str(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        labels = [app.outline_panel.label_of(p.id, s.id) for p in app.outline.parts for s in p.sections]
        assert len(labels) == 10
        assert all(label.startswith("✓") for label in labels), labels
        assert app.outline_panel.present[("summary", "civility")] is True


async def test_deleting_a_section_turns_its_node_missing_within_a_second(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.outline_panel.label_of("summary", "civility").startswith("✓")
        # Select line 9, （四）…精神文明…, and delete it with the keyboard.
        app.editor.selection = Selection((8, 0), (9, 0))
        started = time.monotonic()
        await pilot.press("backspace")
        while time.monotonic() - started < 1.0:
            await pilot.pause(0.05)
            if app.outline_panel.present.get(("summary", "civility")) is False:
                break
        assert app.outline_panel.present[("summary", "civility")] is False
        assert time.monotonic() - started < 1.0
        assert app.outline_panel.label_of("summary", "civility").startswith("✗")
        assert "缺" in app.outline_panel.label_of("summary", "civility")


async def test_f8_walks_the_diagnostics_in_document_order(gapped):
    app = make_app(str(gapped))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        diagnostics = app.diagnostics
        assert len(diagnostics) >= 4
        seen = []
        for _ in range(len(diagnostics)):
            await pilot.press("f8")
            seen.append(app._current)
            d = diagnostics[app._current]
            start = min(app.editor.selection.start, app.editor.selection.end)
            assert start == (d.span.line - 1, d.span.column - 1)
        assert seen == list(range(len(diagnostics)))
        await pilot.press("f8")  # wraps around to the first
        assert app._current == 0
        await pilot.press("f20")  # shift+F8 goes back
        assert app._current == len(diagnostics) - 1


async def test_applying_a_fix_changes_the_text_removes_the_diagnostic_and_undoes_in_one_step(gapped):
    app = make_app(str(gapped))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.editor.text
        fixable = [i for i, d in enumerate(app.diagnostics)
                   if d.fix is not None and d.code == "numbering.sequence"]
        assert fixable
        target = app.diagnostics[fixable[0]]
        assert target.text == "（五）"
        while app._current != fixable[0]:
            await pilot.press("f8")
        await pilot.press("f4")
        await settle(pilot)
        after = app.editor.text
        assert after != before
        assert after.split("\n")[8].startswith("（四）深耕“惠民理念”")
        assert not any(d.code == target.code and d.span.line == target.span.line for d in app.diagnostics)
        await pilot.press("ctrl+z")
        assert app.editor.text == before


async def test_ignoring_a_diagnostic_hides_it_for_this_document(gapped):
    app = make_app(str(gapped))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        count = len(app.diagnostics)
        await pilot.press("f8")
        ignored = app.diagnostics[app._current]
        await pilot.press("f9")
        await settle(pilot)
        assert len(app.diagnostics) == count - 1
        assert (ignored.code, ignored.message) not in {(d.code, d.message) for d in app.diagnostics}


async def test_ignoring_one_placeholder_keeps_the_others(seed_copy):
    app = make_app(str(seed_copy))  # F9 writes to the project file beside the draft: never the repo's
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        placeholders = [i for i, d in enumerate(app.diagnostics) if d.text == "X"]
        assert len(placeholders) > 3
        app.jump_to(placeholders[1])
        await pilot.press("f9")
        await settle(pilot)
        assert len([d for d in app.diagnostics if d.text == "X"]) == len(placeholders) - 1


async def test_inserting_missing_sections_puts_the_right_heading_at_the_right_place(gapped):
    app = make_app(str(gapped))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.outline_panel.present[("summary", "civility")] is False
        app.outline_panel.select_key("summary", "civility")
        await pilot.press("f10")
        await settle(pilot)
        lines = app.editor.text.split("\n")
        assert lines[8] == "（四）抓实……，精神文明建设巩固拓展。一是……。"
        assert lines[9].startswith("（五）深耕")
        assert app.outline_panel.present[("summary", "civility")] is True
        # The plan's areas are items 一是…: the missing 新闻舆论 goes between 二是 and 四是, as 三是.
        app.outline_panel.select_key("plan", "news")
        await pilot.press("f10")
        await settle(pilot)
        lines = app.editor.text.split("\n")
        assert lines[13].startswith("二是落实责任担当")
        assert lines[14] == "三是壮大主流舆论，着力……。……"
        assert lines[15].startswith("四是立足培根铸魂")
        assert all(app.outline_panel.present.values())
        await pilot.press("ctrl+z")
        assert "三是壮大主流舆论" not in app.editor.text


async def test_the_current_section_follows_the_cursor():
    app = make_app(str(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.editor.selection = Selection.cursor((14, 3))  # line 15: 三是壮大主流舆论…
        await pilot.pause()
        assert app.status.section == "下半年工作安排 › 新闻舆论"
        assert app.outline_panel.cursor_node.data == ("plan", "news")


async def test_choosing_an_outline_node_moves_the_editor_there():
    app = make_app(str(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        assert app.outline_panel.has_focus
        app.go_to_section("summary", "culture")
        await pilot.pause()
        assert app.editor.cursor_location == (9, 0)  # line 10: （五）深耕…
        assert app.editor.has_focus


async def test_quitting_with_unsaved_changes_asks_first(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert app.is_running
        await pilot.press("escape")  # cancel: still editing
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert not app.is_running
    assert seed_copy.read_bytes() == SEED.read_bytes()


async def test_the_arrow_keys_move_between_the_answers_of_the_quit_question(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.focused.id == "choice-save"
        await pilot.press("right")
        assert app.focused.id == "choice-discard"
        await pilot.press("right", "left")
        assert app.focused.id == "choice-discard"
        await pilot.press("enter")  # 不保存，退出
        await pilot.pause()
        assert not app.is_running
    assert seed_copy.read_bytes() == SEED.read_bytes()


async def test_quitting_without_changes_does_not_ask():
    app = make_app(str(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_help_screen_lists_every_action():
    from drafter_tui.keys import ACTIONS
    from drafter_tui.screens.help import HelpScreen

    app = make_app(str(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert [label for _, label in app.screen.rows] == [a.label for a in ACTIONS]


async def test_find_and_replace(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        message = app.find_replace("next", "战役做后一公里", "")
        assert message.startswith("第 8 行")
        assert app.editor.selected_text == "战役做后一公里"
        message = app.find_replace("one", "战役做后一公里", "战疫最后一公里")
        assert "战疫最后一公里" in app.editor.text and "战役做后一公里" not in app.editor.text
        # The only match was replaced: say so (it said just “未找到…”, as if nothing happened).
        assert message.startswith("已替换 1 处") and "未找到" in message
        assert app.find_replace("all", "XX", "某市") .startswith("已替换")
        assert "XX" not in app.editor.text


async def test_marks_land_on_the_diagnosed_characters():
    """Each diagnostic's mark covers exactly its text (code-point columns, CJK lines)."""
    app = make_app(str(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        single_line = [d for d in app.diagnostics if d.span.line == d.span.end_line and d.text]
        assert len(single_line) > 10
        for d in single_line:
            line = app.editor.get_line(d.line - 1)
            marked = {line.plain[s.start:s.end] for s in line.spans}
            assert d.text in marked, (d.code, d.text, marked)


async def test_save_as_writes_a_new_file_in_the_same_encoding(tmp_path):
    source = tmp_path / "gbk.txt"
    source.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    target = tmp_path / "copy.txt"
    app = make_app(str(source))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f14")  # shift+F2 as terminals send it
        await pilot.pause()
        app.screen.query_one("Input").value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert app.source.path == str(target) and not app.modified
    assert target.read_bytes() == source.read_bytes()


async def test_save_as_refuses_a_name_that_is_not_a_text_draft(tmp_path):
    source = tmp_path / "draft.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "成文.pdf"
    app = make_app(str(source))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f14")  # shift+F2
        await pilot.pause()
        app.screen.query_one("Input").value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert app.source.path == str(source)
        assert any("drafter render" in n.message for n in app._notifications)
    assert not target.exists()


async def test_command_palette_lists_actions_and_sections():
    from drafter_tui.commands import DrafterCommands

    app = make_app(str(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = DrafterCommands(app.screen)
        names = [name for name, _, _ in provider._commands()]
        assert "下一个问题" in names and "应用修复" in names and "查找和替换" in names
        assert "转到：下半年工作安排 › 文化文艺" in names
        hits = [hit async for hit in provider.search("插入缺失")]
        assert [h.text for h in hits] == ["插入缺失的方面"]  # nothing is missing in the seed


async def test_inserting_a_missing_area_in_a_markdown_draft_keeps_markdown_layout(tmp_path):
    from .tui_helpers import ROOT, without_lines

    draft = ROOT / "samples" / "propaganda-dept-2020-h1-draft.md"
    path = tmp_path / "draft.md"
    path.write_text(without_lines(draft.read_text(encoding="utf-8"), 18, 19, 20, 21), encoding="utf-8")
    app = make_app(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.outline_panel.present[("summary", "ideology")] is False
        app.outline_panel.select_key("summary", "ideology")
        await pilot.press("f10")
        await settle(pilot)
        lines = app.editor.text.split("\n")
        assert lines[16:21] == ["", "### （二）聚焦……，意识形态管理持续加强。", "", "一是……。", ""]
        assert app.editor.cursor_location == (17, len("### （二）聚焦……，意识形态管理持续加强。"))
        assert all(app.outline_panel.present.values())


async def test_a_second_half_report_names_its_parts_in_the_outline_panel(tmp_path):
    lines = SEED.read_text(encoding="utf-8").replace("上半年", "下半年").split("\n")
    lines[0:2] = ["市委宣传部2021年下半年工作总结", "及2022年工作计划"]
    lines[10] = "二、2022年工作安排"
    path = tmp_path / "h2.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    app = make_app(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.outline_panel.label_of("summary").startswith("✓ 下半年工作总结")  # was 上半年工作总结
        assert app.outline_panel.label_of("plan").startswith("✓ 明年工作安排")
        from drafter_tui.widgets.diagnostics_panel import grouped

        assert [title for title, _ in grouped(app.result)][1] == "下半年工作总结 › 理论武装"
        app.jump_to(next(i for i, d in enumerate(app.diagnostics) if d.part == "plan"))
        app.refresh_status()
        assert app.status.section.startswith("明年工作安排")  # was 下半年工作安排
