"""Pilot tests of the checking worker (drafter_tui.checking): debounced, off the UI thread, and
never showing a stale result as current."""

from __future__ import annotations

from drafter.api import check_text
from drafter.diagnostics import Diagnostic, Severity
from drafter.report.model import Span
from drafter_tui import checking, make_app

from .tui_helpers import SEED, SIZE, settle


def _placeholder(message: str) -> Diagnostic:
    return Diagnostic(code="placeholder.figure", severity=Severity.WARNING, message=message,
                      span=Span(10, 11, 2, 3, 2, 4), text="X")


def test_an_ignore_key_tells_two_placeholders_apart_by_their_words():
    first, second = _placeholder("“研讨X次”中的数字未填写"), _placeholder("“X余条”中的数字未填写")
    assert checking.ignore_key(first) != checking.ignore_key(second)
    assert checking.ignore_key(first) == checking.ignore_key(_placeholder("“研讨X次”中的数字未填写"))


async def test_a_burst_of_keys_is_checked_once_after_the_pause(seed_copy, monkeypatch):
    calls: list[str] = []

    def counting(text, **kwargs):
        calls.append(text)
        return check_text(text, **kwargs)

    monkeypatch.setattr(checking, "check_text", counting)
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        calls.clear()
        for key in "一二三四五":
            await pilot.press(key)
        await settle(pilot)
        assert len(calls) == 1, f"{len(calls)} checks for one burst of typing"
        assert calls[0].startswith("一二三四五")
        assert app.fresh and not app.status.checking


async def test_a_result_for_an_older_text_is_not_taken_as_current(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        old = app.result
        app.version += 1  # the buffer changed after that result was computed
        app.apply_result(old, {}, app.version - 1)
        assert not app.fresh
        assert app.status.checking, "the status bar must say a check is still pending"


async def test_the_first_check_runs_without_waiting_for_typing():
    app = make_app(str(SEED), check_delay=30.0)  # a long pause that only typing should cause
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.result is not None and app.fresh


async def test_the_status_bar_says_when_an_undated_report_is_judged_as_of_today(tmp_path):
    import datetime as _dt

    from drafter_tui.widgets.status_bar import status_text

    undated = tmp_path / "undated.txt"     # the seed names no year, and no drafter.yaml is here
    undated.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(str(undated))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        today = _dt.date.today().isoformat()
        assert f"未注明日期，按 {today} 判断" in status_text(app.status).plain
    app = make_app(str(SEED))              # samples/drafter.yaml gives its date
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "未注明日期" not in status_text(app.status).plain


async def test_the_outline_panel_follows_the_outline_chosen_for_the_report(tmp_path):
    report = tmp_path / "统战.txt"
    report.write_text("市委统战部2025年上半年工作总结\n一、上半年工作开展情况\n（一）夯实共同思想政治基础。内容。\n",
                      encoding="utf-8")
    app = make_app(str(report))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.outline.name == "united-front"
        assert app.outline_panel.label_of("summary", "guidance").startswith("✓")
