"""What `drafter check` and `drafter --version` import: start-up is most of a short check's time.

A warm `drafter check` (its compiled checklists, outline and project file already in the cache,
the typo detector's findings cached per paragraph) writing to a pipe needs neither rich (no
terminal), YAML (everything parsed is cached), platformdirs, OpenSSL's hashlib, numpy, the
renderer, the editor nor shutil (argparse's help formatter would import it, and with it bz2 and
lzma, for the terminal's width); `--version` needs none of the commands. The bound on the number of
modules catches a heavy import creeping in.
"""

from __future__ import annotations

import subprocess
import sys

from drafter.files.resources import samples_dir

SEED = str(samples_dir() / "propaganda-dept-2020-h1-report.txt")
#: Modules loaded by a warm `drafter check` to a pipe (≈ 170 when this was written, 193 with an
#: editable install's finder after the typo detector merged, interpreter start-up included); room
#: for a few more, not for a library. 198: ahocorasick_rs is two modules where pyahocorasick was one;
#: 199: drafter.checklists.automaton (the checklist keys' automaton, out of matching.py).
MAX_MODULES = 199
NEVER = ("rich", "textual", "yaml", "platformdirs", "_hashlib", "numpy", "docx", "drafter_tui", "drafter.render",
         "drafter.cli.output", "drafter.files.yamlload", "drafter.checklists.format",
         "shutil", "bz2", "lzma", "tempfile")   # argparse's help formatter imports shutil, and it bz2 and lzma


def _modules(args: list[str], cache: str) -> set[str]:
    code = ("import sys, io, contextlib\nfrom drafter.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main({args!r})\n"
            "print('\\n'.join(sys.modules))")
    env = {"DRAFTER_CACHE_DIR": cache, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return set(out.stdout.split())


def _hits(modules: set[str]) -> set[str]:
    return {m for m in modules for name in NEVER if m == name or m.startswith(name + ".")}


def test_warm_check_imports_only_what_it_needs(tmp_path):
    cold = _modules(["check", SEED], str(tmp_path))       # fills the cache: YAML is read once
    assert "yaml" in cold
    for fmt in ("text", "json"):
        warm = _modules(["check", "--format", fmt, SEED], str(tmp_path))
        assert not _hits(warm), _hits(warm)
        assert "drafter.api" in warm and "drafter.checks.placeholder" in warm
        assert len(warm) <= MAX_MODULES, len(warm)


def test_version_imports_no_command(tmp_path):
    modules = _modules(["--version"], str(tmp_path))
    # _process_end is how the executable ends (no command, no imports of its own beyond os/sys).
    assert {m for m in modules if m.startswith("drafter")} == {"drafter", "drafter.cli", "drafter.errors",
                                                               "drafter.version", "drafter.cli._process_end"}
    assert "argparse" not in modules
