"""Shared constants and helpers of the Pilot tests (imported by the test modules)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"
SIZE = (140, 40)


def without_lines(text: str, *numbers: int) -> str:
    """``text`` without the given 1-based lines."""
    lines = text.split("\n")
    for n in sorted(numbers, reverse=True):
        del lines[n - 1]
    return "\n".join(lines)


async def settle(pilot) -> None:
    """Wait until pending checks have finished and the screen has caught up.

    A debounced check cancelled by a newer one makes ``wait_for_complete`` raise; wait again
    for the newer one.
    """
    from textual.worker import WorkerCancelled

    await pilot.pause()
    for _ in range(20):
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            await pilot.pause()
    await pilot.pause()
