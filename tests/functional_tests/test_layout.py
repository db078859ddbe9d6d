"""The screen from 80×24 up: text rows, panels by width, the status line never covered and
truthful from the first frame, Textual's own prompts in Chinese."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input
from textual.widgets._toast import Toast

from drafter_tui import make_app
from drafter_tui.widgets.status_bar import StatusBar

from .tui_helpers import SEED, settle


async def test_80x24_shows_at_least_15_rows_of_text_and_folds_the_outline():
    app = make_app(str(SEED))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.editor.scrollable_content_region.height >= 15
        assert not app.outline_panel.display or app.outline_panel.region.width == 0
        assert app.diagnostics_panel.region.height >= 3
        await pilot.press("ctrl+b")  # the outline comes back, above the editor
        await pilot.pause()
        assert app.outline_panel.region.height > 0 and app.outline_panel.region.width == 80
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert app.outline_panel.region.width == 30
        assert app.editor.scrollable_content_region.height >= 25


async def test_messages_never_cover_the_status_line():
    app = make_app(str(SEED))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.notify("已保存 /tmp/一个相当长的文件名称用来占满提示框的宽度.txt（UTF-8）", timeout=30)
        app.notify("第二条消息", severity="warning", timeout=30)
        await pilot.pause(0.2)
        toasts = list(app.screen.query(Toast))
        assert toasts and all(t.region.height for t in toasts)
        status = app.status_bar.region
        for toast in toasts:
            assert not toast.region.overlaps(status), (toast.region, status)
        for x in range(status.x, status.right):
            widget, _ = app.screen.get_widget_at(x, status.y)
            assert isinstance(widget, StatusBar), (x, widget)


async def test_the_status_line_says_checking_until_the_first_result_then_period_and_outline(monkeypatch):
    import time

    from drafter_tui import checking

    real = checking.check_text

    def slow_check(*args, **kwargs):  # a large report: the first result takes a while
        time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(checking, "check_text", slow_check)
    app = make_app(str(SEED))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause(0.3)
        first = app.status_bar.shown.plain
        assert "检查中…" in first and "错误 0" not in first and "警告" not in first
        await settle(pilot)
        shown = app.status_bar.shown.plain
        assert "检查中" not in shown
        assert "警告 19" in shown
        assert "2020年上半年" in shown and f"提纲：{app.outline.title}" in shown
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow = app.status_bar.shown.plain
        assert "错误" in narrow and "行 1:1" in narrow and "提纲：" not in narrow
        assert app.status_bar.shown.cell_len <= 80


async def test_the_command_palette_prompts_in_chinese():
    app = make_app(str(SEED))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        placeholder = app.screen.query_one(Input).placeholder
        assert placeholder.startswith("搜索命令") and "Search" not in placeholder
        app.screen.query_one(Input).value = "转到"  # a long list of hits
        await pilot.pause(0.5)
        hits = app.screen.query_one("CommandList").region
        assert hits.height > 5 and hits.bottom <= app.status_bar.region.y, (hits, app.status_bar.region)
        commands = [hit for hit in app.get_system_commands(app.screen)]
        assert commands and all(not c.title.isascii() for c in commands)
