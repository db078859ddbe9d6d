"""Recovery files: keyed by absolute path, atomic, readable after the writer is gone."""

from __future__ import annotations

import os

import pytest

from drafter.files import recovery


@pytest.fixture(autouse=True)
def state(tmp_path, monkeypatch):
    monkeypatch.setenv(recovery.STATE_DIR_ENV, str(tmp_path / "state"))
    return tmp_path / "state"


def test_write_read_remove(tmp_path, seed_text):
    doc = tmp_path / "r.txt"
    path = recovery.write_recovery(doc, seed_text + "补充")
    assert path.parent == tmp_path / "state" / "recovery"
    found = recovery.read_recovery(doc)
    assert found is not None and found.text == seed_text + "补充" and found.path == str(doc)
    recovery.remove_recovery(doc)
    assert recovery.read_recovery(doc) is None
    recovery.remove_recovery(doc)  # removing twice is harmless


def test_keyed_by_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    recovery.write_recovery("r.txt", "甲")
    assert recovery.read_recovery(tmp_path / "r.txt").text == "甲"
    assert recovery.read_recovery(tmp_path / "other.txt") is None


def test_corrupt_recovery_file_is_ignored(tmp_path):
    doc = tmp_path / "r.txt"
    target = recovery.recovery_path(doc)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"\xff not json")
    assert recovery.read_recovery(doc) is None


def test_default_folder_is_the_platform_state_dir(monkeypatch):
    monkeypatch.delenv(recovery.STATE_DIR_ENV)
    from platformdirs import user_state_dir

    assert recovery.state_dir() == __import__("pathlib").Path(user_state_dir("drafter", appauthor=False)) / "recovery"


def test_difference_shows_the_changed_lines(seed_text):
    diff = recovery.describe_difference(seed_text, seed_text.replace("理论研究成效初显", "理论研究成效显著"))
    assert "-" + seed_text.split("\n")[5][:10] in diff
    assert "成效显著" in diff and os.linesep not in diff.replace("\n", "")
