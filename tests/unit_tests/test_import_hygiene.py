"""The engine imports without Textual (and without rich outside the CLI's output module)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import drafter
import drafter.files.resources

ENGINE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(drafter.__path__, "drafter.") if not m.name.startswith("drafter.cli")
)


def _imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_engine_modules_exist():
    assert "drafter.report.structure" in ENGINE_MODULES and "drafter.checks.outline_structure" in ENGINE_MODULES


def test_engine_imports_without_textual_or_rich():
    statement = "; ".join(f"import {name}" for name in ENGINE_MODULES)
    modules = _imported_after(statement)
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}
    assert not {m for m in modules if m == "rich" or m.startswith("rich.")}


def test_check_command_does_not_import_textual():
    statement = ("from drafter.cli import main; import contextlib, io; "
                 "f = io.StringIO(); r = contextlib.redirect_stdout(f); r.__enter__(); "
                 f"main(['check', {str(drafter.files.resources.samples_dir() / 'propaganda-dept-2020-h1-report.txt')!r}]); "
                 "r.__exit__(None, None, None)")
    modules = _imported_after(statement)
    assert "drafter.api" in modules
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}
