"""Snapshot tests guarding the layout (Textual is pinned exactly in pyproject.toml).

Update after an intended change with ``pytest tests/functional_tests/test_snapshots.py
--snapshot-update`` and review the SVGs under ``__snapshots__``.
"""

from __future__ import annotations

from drafter_tui import make_app
from .tui_helpers import SEED, SIZE, settle


async def _checked(pilot) -> None:
    await settle(pilot)


def test_seed_at_80x24(snap_compare):
    """A small terminal: outline folded away, 16 rows of text wrapped by Chinese rules, three
    rows of problems, the status line whole."""
    assert snap_compare(make_app(str(SEED)), terminal_size=(80, 24), run_before=_checked)


def test_gapped_at_160x45_with_preview(snap_compare, gapped):
    """A large terminal: outline, editor over problems and the preview side by side; the status
    line with period and outline."""

    async def go(pilot):
        await settle(pilot)
        await pilot.press("f8", "ctrl+r")
        await settle(pilot)

    assert snap_compare(make_app(str(gapped)), terminal_size=(160, 45), run_before=go)


def test_command_palette_at_80x24(snap_compare):
    """The palette prompts in Chinese and finds drafter's commands by a Chinese query (a query
    that only drafter's own provider matches: with several providers the order of the hits
    depends on which answers first)."""

    async def go(pilot):
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        prompt = pilot.app.screen.query_one("CommandInput")
        prompt.cursor_blink = False  # a blinking cursor makes the snapshot depend on timing
        prompt.value = "转到"
        await pilot.pause(0.5)

    assert snap_compare(make_app(str(SEED)), terminal_size=(80, 24), run_before=go)


def test_seed_layout(snap_compare):
    """The seed: all ten areas present, no problems."""
    assert snap_compare(make_app(str(SEED)), terminal_size=SIZE, run_before=_checked)


def test_gapped_layout_with_diagnostics(snap_compare, gapped):
    """Two missing areas and numbering slips: red nodes, grouped problems, marked ranges."""

    async def go(pilot):
        await settle(pilot)
        await pilot.press("f8", "f8")

    assert snap_compare(make_app(str(gapped)), terminal_size=SIZE, run_before=go)


def test_help_screen(snap_compare):
    """F1 lists every key."""

    async def go(pilot):
        await settle(pilot)
        await pilot.press("f1")

    assert snap_compare(make_app(str(SEED)), terminal_size=SIZE, run_before=go)


def test_preview_beside_the_editor(snap_compare):
    """ctrl+r shows the preview with headings styled and placeholders highlighted."""

    async def go(pilot):
        await settle(pilot)
        await pilot.press("ctrl+b", "ctrl+r")
        await settle(pilot)

    assert snap_compare(make_app(str(SEED)), terminal_size=SIZE, run_before=go)
