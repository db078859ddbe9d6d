"""F12 exports the final text: it lists what the final text carries and asks at the gate."""

from __future__ import annotations

from textual.widgets import Input

from drafter_tui import make_app
from drafter_tui.screens.choice import ChoiceScreen
from drafter_tui.screens.prompt import PromptScreen

from .tui_helpers import SIZE, settle


async def _until(pilot, condition, seconds: float = 20.0) -> bool:
    """Pause until ``condition()`` (the export worker waits on dialogs, so ``settle`` cannot)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def _export_to(pilot, target, *, asks: bool) -> None:
    await pilot.press("f12")
    assert await _until(pilot, lambda: isinstance(pilot.app.screen, PromptScreen))
    pilot.app.screen.query_one(Input).value = str(target)
    await pilot.press("enter")
    if asks:
        assert await _until(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
    else:
        assert await _until(pilot, lambda: target.exists())


async def test_export_lists_the_carried_problems_by_kind_and_asks_first(seed_copy, tmp_path):
    target = tmp_path / "final.docx"
    app = make_app(str(seed_copy))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _export_to(pilot, target, asks=True)
        detail = app.screen.detail
        assert "typo.word" in detail and "period.mismatch" in detail and "第 12 行" in detail
        # At 80x24 the long list scrolls and both answers stay on the screen.
        dialog = app.screen.query_one("#dialog").content_region
        for answer in ("#choice-cancel", "#choice-export"):
            region = app.screen.query_one(answer).region
            assert region.height == 3 and dialog.contains_region(region), (answer, region, dialog)
        await pilot.press("enter")  # the focused answer is “取消，先处理”
        assert await _until(pilot, lambda: not isinstance(app.screen, ChoiceScreen))
        await settle(pilot)
        assert not target.exists()

        await _export_to(pilot, target, asks=True)
        await pilot.click("#choice-export")
        assert await _until(pilot, lambda: target.exists() and target.stat().st_size > 1000)


async def test_export_with_the_gate_off_writes_at_once(seed_copy, tmp_path):
    (seed_copy.parent / "drafter.yaml").write_text("render-gate: 'off'\n", encoding="utf-8")
    target = tmp_path / "final.txt"
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _export_to(pilot, target, asks=False)
        assert not isinstance(app.screen, ChoiceScreen)
        assert target.read_text(encoding="utf-8").startswith("市委宣传部上半年工作总结")
