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


# ---------------------------------------------------------------- sessions: one per editor

def test_a_running_editors_recovery_is_neither_offered_nor_removed_by_another(tmp_path):
    """Issue 15: two editors on one file — the second deleted the first's recovery file, so a
    crash of the first then lost its edits. Each editor now owns its recovery while it runs."""
    doc = tmp_path / "r.txt"
    first = recovery.RecoverySession(doc).open()
    first.write("第一个编辑器的修改")
    second = recovery.RecoverySession(doc).open()
    assert [o["pid"] for o in second.others()] == [os.getpid()]
    assert second.orphans() == []               # not offered to the second editor
    recovery.remove_recovery(doc)               # what "discard" / a save used to do by path
    second.remove()
    second.close()
    assert first.file.exists()                  # the first editor's text is still there
    first.close()                               # ... and once its editor is gone, it is offered
    assert [r.text for r in recovery.RecoverySession(doc).orphans()] == ["第一个编辑器的修改"]


def test_a_killed_editors_recovery_is_offered_and_its_lock_cleared(tmp_path, state):
    """The lock is the kernel's (flock): SIGKILL releases it; no pid guessing."""
    import signal
    import subprocess
    import sys

    doc = tmp_path / "r.txt"
    code = ("import sys,time\nfrom drafter.files.recovery import RecoverySession\n"
            f"s = RecoverySession({str(doc)!r}).open(); s.write('被杀前的修改')\n"
            "print('ready', flush=True); time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                             env=dict(os.environ, **{recovery.STATE_DIR_ENV: str(state)}))
    try:
        assert child.stdout.readline().strip() == b"ready"
        mine = recovery.RecoverySession(doc).open()
        assert len(mine.others()) == 1 and mine.orphans() == []
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        assert mine.others() == []
        assert [r.text for r in mine.orphans()] == ["被杀前的修改"]
        assert list((state / "recovery").glob("*.lock")) == [mine.lock]  # the stale lock is gone
        mine.close()
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()


def test_newest_orphan_first_and_own_file_never_offered(tmp_path):
    doc = tmp_path / "r.txt"
    recovery.write_recovery(doc, "旧")
    crashed = recovery.RecoverySession(doc)
    crashed.write("新")  # never opened (no lock held): as after a crash
    mine = recovery.RecoverySession(doc).open()
    mine.write("我的")
    assert [r.text for r in mine.orphans()] == ["新", "旧"]
    for found in mine.orphans():
        found.discard()
    assert mine.orphans() == [] and mine.file.exists()
    mine.close()
