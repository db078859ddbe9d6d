"""Soft wrap by Chinese rules in the running editor: what is drawn, where the cursor lands.

The rows are read from what the editor draws (``render_line``), not from the wrapping tables,
so a wrong break or a cursor that lands on a different character than the one drawn fails.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.keys import _character_to_key

from drafter_tui import make_app
from drafter_tui.widgets.line_breaking import NO_END, NO_START
from drafter_tui.widgets.wrapped_document import ChineseWrappedDocument

from .tui_helpers import SEED, settle

PARAGRAPH = ("一是理论宣讲手段新颖，切实发挥“百姓百团 百人百讲”的积极作用，组织“理论轻骑兵”“百姓名嘴”等队伍，"
             "围绕疫情防控、复工复产、脱贫攻坚开展宣讲X场，覆盖群众X万人次；二是利用《学习强国》等平台，"
             "推送“战疫最后一公里”专栏文章，阅读量、转发量、点赞量均创新高。")
CLOSING = set("，、。；：！？）》”’")


async def type_text(pilot, text: str) -> None:
    """Type ``text`` as key events with their characters (``Pilot.press`` drops the character
    of keys named after punctuation such as ``fullwidth_comma`` in Textual 8.2.8)."""
    for char in text:
        pilot.app.post_message(events.Key(_character_to_key(char), char))
        await pilot.pause()


def drawn_rows(editor) -> list[tuple[str, str]]:
    """(gutter, text) of every row the editor draws, trailing blanks removed."""
    gutter = editor.gutter_width
    rows = []
    for y in range(editor.scrollable_content_region.height):
        text = editor.render_line(y).text
        rows.append((text[:gutter], text[gutter:].rstrip()))
    return rows


def paragraph_rows(editor, number: int) -> tuple[int, list[str]]:
    """(screen row of the first, texts) of the rows of document line ``number`` (1-based)."""
    rows = drawn_rows(editor)
    first = next(y for y, (gutter, _) in enumerate(rows) if gutter.strip() == str(number))
    texts = [rows[first][1]]
    for gutter, text in rows[first + 1:]:
        if gutter.strip() or not text:  # the next line, or below the end of the document
            break
        texts.append(text)
    return first, texts


async def test_typed_paragraph_wraps_by_chinese_rules_and_the_cursor_lands_on_the_character(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("测试报告\n\n", encoding="utf-8")
    app = make_app(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.editor.move_cursor((2, 0))
        await type_text(pilot, PARAGRAPH)
        await settle(pilot)
        assert app.editor.document.get_line(2) == PARAGRAPH
        editor = app.editor
        for width in (80, 61, 52, 47, 100, 140):
            await pilot.resize_terminal(width, 24)
            await settle(pilot)
            first, rows = paragraph_rows(editor, 3)
            assert "".join(rows) == PARAGRAPH, (width, rows)
            assert len(rows) > 1
            for row in rows[1:]:
                assert row[0] not in CLOSING and row[0] not in NO_START, (width, rows)
            for row in rows[:-1]:
                assert row[-1] not in NO_END, (width, rows)
            assert "百姓百团 " not in [row[-len("百姓百团 "):] for row in rows], (width, rows)

            # Click characters where rows begin and end and in the middle: the cursor lands on
            # the character drawn under the pointer.
            left = editor.content_region.x - editor.region.x + editor.gutter_width
            top = editor.content_region.y - editor.region.y
            start_of_row = 0
            for y, row in enumerate(rows):
                for k in {0, len(row) // 2, len(row) - 1}:
                    x = left + cell_len(row[:k])
                    await pilot.click("#editor", offset=(x, top + first + y))
                    assert editor.cursor_location == (2, start_of_row + k), (width, row, k)
                start_of_row += len(row)

            # Moving down and up keeps the cursor on a drawn character of the paragraph.
            editor.move_cursor((2, 3))
            for key in ("down", "down", "end", "up", "home", "down"):
                await pilot.press(key)
                line, column = editor.cursor_location
                x, y = editor.cursor_screen_offset
                screen_row = y - editor.content_region.y
                row_text = drawn_rows(editor)[screen_row][1]
                cells = x - editor.content_region.x - editor.gutter_width
                drawn = next((c for i, c in enumerate(row_text) if cell_len(row_text[:i]) == cells), None)
                if line == 2 and column < len(PARAGRAPH):
                    assert drawn == PARAGRAPH[column], (width, key, column, row_text, cells)


async def test_incremental_wrapping_equals_a_full_rewrap(seed_copy):
    """Typing, new lines, deleting lines and resizing keep the wrapping tables identical to
    wrapping the whole document afresh (the editor rewraps only the lines an edit touched)."""
    app = make_app(str(seed_copy))
    async with app.run_test(size=(90, 30)) as pilot:
        await settle(pilot)
        editor = app.editor

        def assert_fresh():
            wrapped = editor.wrapped_document
            assert isinstance(wrapped, ChineseWrappedDocument)
            fresh = ChineseWrappedDocument(editor.document)
            fresh.wrap(wrapped._width, wrapped._tab_width)
            for name in ("_wrap_offsets", "_offset_to_line_info", "_line_index_to_offsets", "_tab_width_cache"):
                assert getattr(wrapped, name) == getattr(fresh, name), name
            assert wrapped.height == sum(len(o) + 1 for o in wrapped._wrap_offsets) > editor.document.line_count

        assert_fresh()
        editor.move_cursor((5, 20))
        await type_text(pilot, "插入一些文字，、。")
        await pilot.press("enter")
        await type_text(pilot, "新段落“引号”")
        assert_fresh()
        editor.move_cursor((8, 0))
        editor.action_delete_line()
        editor.replace("甲\n乙\n丙", (3, 0), (4, 5))
        assert_fresh()
        await pilot.resize_terminal(70, 24)
        await settle(pilot)
        assert_fresh()


async def test_marks_on_wrapped_rows_cover_the_diagnosed_characters():
    """A diagnostic on a continuation row is drawn over exactly its characters."""
    app = make_app(str(SEED))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        editor = app.editor
        wrapped = editor.wrapped_document
        candidates = [d for d in app.diagnostics if d.code.startswith("typo") and d.span.line == d.span.end_line]
        assert candidates
        checked = 0
        for d in candidates:
            line, column = d.span.line - 1, d.span.column - 1
            _, row = wrapped.location_to_offset((line, column))
            if wrapped._offset_to_line_info[row][1] == 0:
                continue  # the first row of its line: test_editor covers those
            editor.scroll_to(y=row, animate=False)
            await pilot.pause()
            strip = editor.render_line(row - editor.scroll_offset.y)
            marked = "".join(seg.text for seg in strip if seg.style and seg.style.bgcolor
                             and seg.style.underline and seg.style.bgcolor.name == "#3a3410")
            assert d.text in marked, (d.text, marked)
            checked += 1
        assert checked, "no diagnostic fell on a continuation row at 80 columns"


async def test_a_selection_across_a_row_break_is_drawn_over_its_characters(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(f"测试报告\n\n{PARAGRAPH}\n", encoding="utf-8")
    app = make_app(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        editor = app.editor
        first, rows = paragraph_rows(editor, 3)
        start = len(rows[0]) - 3  # the last three characters of the first row and the next four
        end = len(rows[0]) + 4
        editor.move_cursor((2, start))
        editor.move_cursor((2, end), select=True)
        editor.focus()
        await pilot.pause()
        background = editor._theme.selection_style.bgcolor
        drawn = ""
        for y in (first, first + 1):
            for segment in editor.render_line(y):
                if segment.style is not None and segment.style.bgcolor == background:
                    drawn += segment.text
        assert drawn == PARAGRAPH[start:end], (drawn, PARAGRAPH[start:end])
