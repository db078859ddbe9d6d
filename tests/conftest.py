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


# Hypothesis budgets (tests/unit_tests/test_fuzz.py and the encoding round-trips): `ci` is the
# default — bounded and derandomized so CI is fast and repeatable; `long` is the documented
# longer run (docs/testing.md): HYPOTHESIS_PROFILE=long.
import os as _os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=4000, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(_os.environ.get("HYPOTHESIS_PROFILE", "ci"))
