"""The architecture holds (docs/architecture.md): the import contracts in pyproject.toml pass on
the engine as it is, and fail on a copy of it with a back edge or a cycle added."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import drafter

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "pyproject.toml"
LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())"]


def _lint(pythonpath: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return subprocess.run([*LINT, str(CONFIG), "--no-cache"], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=300)


def test_import_contracts_hold():
    done = _lint()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 kept, 0 broken" in done.stdout


@pytest.fixture
def engine_copy(tmp_path: Path) -> Path:
    """A copy of the installed engine's code (no data files), first on PYTHONPATH."""
    src = Path(drafter.__file__).resolve().parent
    shutil.copytree(src, tmp_path / "drafter",
                    ignore=lambda folder, names: [n for n in names if n.startswith("_") and
                                                  not n.endswith(".py") or n == "__pycache__"])
    tui = Path(__import__("drafter_tui").__file__).resolve().parent
    shutil.copytree(tui, tmp_path / "drafter_tui", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _append(module: Path, line: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")


def test_a_back_edge_breaks_the_stage_contract(engine_copy: Path):
    assert _lint(str(engine_copy)).returncode == 0  # the copy itself is clean
    # The reading stage reaching up to the checks: the kind of edge the layers forbid.
    _append(engine_copy / "drafter" / "files" / "source.py", "from ..checks import all_checks  # back edge")
    done = _lint(str(engine_copy))
    assert done.returncode == 1
    assert "drafter.files is not allowed to import drafter.checks" in done.stdout


def test_a_cycle_inside_a_stage_breaks_the_acyclic_contract(engine_copy: Path):
    # files.source already imports files.document; the reverse closes a cycle within one stage.
    _append(engine_copy / "drafter" / "files" / "document.py", "from . import source  # cycle")
    done = _lint(str(engine_copy))
    assert done.returncode == 1
    assert "No import cycles between the packages and modules of a stage BROKEN" in done.stdout


def test_textual_in_the_engine_breaks_the_ui_contract(engine_copy: Path):
    _append(engine_copy / "drafter" / "report" / "model.py", "import textual  # UI in the engine")
    done = _lint(str(engine_copy))
    assert done.returncode == 1
    assert "The engine never imports Textual, nor rich outside the CLI's text output BROKEN" in done.stdout
