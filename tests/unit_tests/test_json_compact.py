"""`drafter check --format json` is compact off a terminal and indented with --pretty; same content."""

from __future__ import annotations

import contextlib
import io
import json

from drafter.cli import main
from drafter.files.resources import samples_dir

SEED = str(samples_dir() / "propaganda-dept-2020-h1-report.txt")


def _run(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", "--format", "json", *args, SEED])
    return out.getvalue()


def test_compact_by_default_pretty_on_request_same_document():
    compact, pretty = _run(), _run("--pretty")
    assert compact == json.dumps(json.loads(compact), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert pretty.startswith('{\n  "version": 1,')
    assert json.loads(compact) == json.loads(pretty)
    assert json.loads(compact)["files"][0]["diagnostics"]
