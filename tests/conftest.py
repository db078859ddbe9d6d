"""Shared fixtures: paths to the samples and the seed, and helpers to build variants of it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "propaganda-dept-2020-h1-report.txt"


@pytest.fixture
def seed_text() -> str:
    """The seed report's text (UTF-8, LF)."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed_lines(seed_text: str) -> list[str]:
    """The seed report's lines, without line ends."""
    return seed_text.split("\n")
