"""Snapshot tests guarding the layout (Textual is pinned exactly in pyproject.toml).

Update after an intended change with ``pytest tests/functional_tests/test_snapshots.py
--snapshot-update`` and review the SVGs under ``__snapshots__``.
"""

from __future__ import annotations

from drafter_tui import make_app
from .tui_helpers import SEED, SIZE, settle


async def _checked(pilot) -> None:
    await settle(pilot)


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
