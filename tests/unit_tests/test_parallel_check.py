"""Folders checked in worker processes give the same results, in the same order, as one process."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from drafter.api import check_many
from drafter.checks._forked import can_fork
from drafter.cli import main
from drafter.errors import DrafterError
from drafter.files.resources import samples_dir

SEED = (samples_dir() / "propaganda-dept-2020-h1-report.txt").read_text(encoding="utf-8")
pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked")


@pytest.fixture
def folder(tmp_path):
    lines = SEED.splitlines()
    for i in range(7):  # different drafts, so that a mix-up of results would show
        text = "\n".join(lines[: len(lines) - i]) + "\n"
        (tmp_path / f"r{i}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "r3.txt").write_bytes(b"\x00\x01binary")  # one unreadable file in the middle
    return tmp_path


def _summary(results):
    out = []
    for path, result in results:
        if isinstance(result, DrafterError):
            out.append((path, "error", str(result)))
        else:
            out.append((path, [d.to_json() for d in result.diagnostics], result.report.title))
    return out


def test_workers_give_the_serial_results_in_order(folder):
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    serial = _summary(check_many(paths, jobs=1))
    parallel = _summary(check_many(paths, jobs=3))
    assert parallel == serial
    assert [p for p, *_ in parallel] == paths
    assert parallel[3][1] == "error" and len({len(s[1]) for s in serial if s[1] != "error"}) > 1


def test_cli_output_is_the_same_with_any_number_of_jobs(folder):
    outputs = []
    for jobs in ("1", "3"):
        for fmt in ("json", "text"):
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                code = main(["check", "--format", fmt, "-j", jobs, str(folder)])
            outputs.append((code, out.getvalue()))
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3]
    assert outputs[0][0] == 2 and len(json.loads(outputs[0][1])["files"]) == 6


def test_busy_cpus_take_the_smaller_of_the_average_and_the_processes_running_now(tmp_path, monkeypatch):
    import os

    from drafter.cli import check as check_command

    monkeypatch.setattr(os, "getloadavg", lambda: (1.8, 1.0, 0.5))
    now = tmp_path / "loadavg"
    now.write_text("1.80 1.00 0.50 1/97 4416\n", encoding="ascii")  # only this process runs
    assert check_command._busy_cpus(str(now)) == 0
    now.write_text("1.80 1.00 0.50 4/97 4416\n", encoding="ascii")  # three others run now
    assert check_command._busy_cpus(str(now)) == 2
    assert check_command._busy_cpus(str(tmp_path / "missing")) == 2  # no /proc: the average
