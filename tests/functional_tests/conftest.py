"""Fixtures for Pilot tests: no cursor blink, recovery files in tmp_path, seed variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter_tui.widgets.editor import ReportEditor

from .tui_helpers import SEED, without_lines


@pytest.fixture(autouse=True)
def no_blink(monkeypatch):
    """A blinking cursor makes screenshots depend on timing."""
    monkeypatch.setattr(ReportEditor, "BLINK", False)


@pytest.fixture(autouse=True)
def state_dir(tmp_path, monkeypatch) -> Path:
    """Recovery files go to a temporary state folder, never the user's."""
    folder = tmp_path / "state"
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A copy of the seed report that a test may change and save."""
    path = tmp_path / "report.txt"
    path.write_bytes(SEED.read_bytes())
    return path


@pytest.fixture
def gapped(tmp_path) -> Path:
    """The seed without （四）精神文明 (line 9) and without 三是 新闻舆论 of the plan (line 15):
    two missing areas, two numbering gaps (each with a fix) and a wrong count."""
    path = tmp_path / "gapped.txt"
    path.write_text(without_lines(SEED.read_text(encoding="utf-8"), 9, 15), encoding="utf-8")
    # The seed names no year: pin its date as samples/drafter.yaml does, so that the screen is the
    # same any day (an undated report is judged as of today, and its messages now say which day).
    (tmp_path / "drafter.yaml").write_text("date: 2020-07-10\n", encoding="utf-8")
    return path
