"""The executable's quick end after ``drafter check`` (drafter.cli._process_end): the output,
the exit status and the caches written at exit are those of a normal exit; in-process callers of
``main`` are untouched."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import _process_end, main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"


def _run(args: list[str], cache: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "DRAFTER_CACHE_DIR": str(cache), "PYTHONIOENCODING": "utf-8"}
    env.pop("DRAFTER_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, env=env,
                          timeout=120, **kwargs)


def test_quick_end_keeps_output_status_and_caches(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    report = tmp_path / "报告.txt"
    report.write_text(text * 8, encoding="utf-8")  # long enough that the output spans buffers
    cache = tmp_path / "cache"
    done = _run(["check", "--format", "json", "--fail-on", "warning", str(report)], cache)
    assert done.returncode == 1, done.stderr.decode()
    data = json.loads(done.stdout)  # complete: the buffered tail was flushed before _exit
    findings = data["files"][0]["diagnostics"]
    assert len(findings) > 50
    # What atexit handlers write (the compiled-pattern and dataclass-code caches) is there.
    assert list((cache / "patterns").glob("re-*.marshal"))
    assert list((cache / "code").glob("dataclasses-check-*.marshal"))
    # The same through the normal exit of an in-process main(): the same findings.
    again = _run(["check", "--format", "json", "--fail-on", "warning", str(report)], cache)
    assert json.loads(again.stdout) == data


def test_quick_end_reports_usage_errors_and_broken_pipes(tmp_path):
    cache = tmp_path / "cache"
    missing = _run(["check", str(tmp_path / "无此文件.txt")], cache)
    assert missing.returncode == 2
    assert "文件不存在" in missing.stderr.decode()
    # A reader that stops early: status 0 and no traceback.
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "check", str(SAMPLE)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "DRAFTER_CACHE_DIR": str(cache)})
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert "Traceback" not in err


@pytest.fixture
def quick_end(monkeypatch):
    """The executable's state after entry()'s start(), undone afterwards."""
    monkeypatch.setattr(_process_end, "_quick", True)
    monkeypatch.setattr(_process_end, "_ran_one_shot", False)
    monkeypatch.setattr(_process_end, "_held", ())
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()


def test_one_shot_check_leaves_the_collector_off_and_holds_the_result(quick_end, capsys):
    gc.enable()
    assert main(["check", "--fail-on", "never", str(SAMPLE)]) == 0
    capsys.readouterr()
    assert _process_end.ran_one_shot()
    assert not gc.isenabled()
    (held,) = _process_end._held
    assert held.source.path == str(SAMPLE)


def test_in_process_main_is_untouched(monkeypatch, capsys):
    monkeypatch.setattr(_process_end, "_quick", False)
    monkeypatch.setattr(_process_end, "_ran_one_shot", False)
    monkeypatch.setattr(_process_end, "_held", ())
    gc.enable()
    assert main(["check", "--fail-on", "never", str(SAMPLE)]) == 0
    capsys.readouterr()
    assert gc.isenabled()
    assert not _process_end.ran_one_shot()
    assert _process_end._held == ()


def test_a_command_that_is_not_one_shot_ends_normally(quick_end, capsys):
    gc.enable()
    assert main(["rules"]) == 0
    capsys.readouterr()
    assert not _process_end.ran_one_shot()
    assert gc.isenabled()
