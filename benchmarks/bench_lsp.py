"""The language server on a long report: how soon an editor sees the findings.

Spawns ``drafter lsp`` (the client of the tests, tests/unit_tests/lsp_client.py), opens the seed
repeated ``--times`` times (default 250: 2.7 MB) and measures, wall clock:

- open → the first ``publishDiagnostics`` (a full check and every finding converted to LSP);
- for ``--edits`` one-character edits in different paragraphs (sent as LSP range changes, waiting for
  each version's diagnostics): change → diagnostics, median and max. This includes the server's
  debounce (``DEBOUNCE``, 0.3 s), printed beside it; the rest is the incremental check, the
  conversion and the JSON on the pipe.

    .venv/bin/python benchmarks/bench_lsp.py [--times N] [--edits N]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "unit_tests"))
from lsp_client import LspClient

from drafter.lsp.server import DEBOUNCE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=250)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    seed = (ROOT / "samples" / "propaganda-dept-2020-h1-report.txt").read_text(encoding="utf-8")
    text = "\n".join([seed] * args.times)
    lines = text.split("\n")
    with tempfile.TemporaryDirectory(prefix="drafter-bench-lsp-") as tmp:
        folder = Path(tmp)
        shutil.copy(ROOT / "samples" / "drafter.yaml", folder / "drafter.yaml")
        path = folder / "report.txt"
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        client = LspClient(cwd=tmp)
        try:
            client.request("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(), "capabilities": {}})
            client.notify("initialized", {})
            start = time.perf_counter()
            client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "text", "version": 1,
                                                                    "text": text}})
            found = client.diagnostics(uri, version=1, timeout=600)
            opened = time.perf_counter() - start
            print(f"{len(text) / 1e6:.2f} M characters ({args.times}× the seed), {len(lines)} lines: "
                  f"open → {len(found)} diagnostics {opened:.2f} s")
            waits = []
            for version in range(2, args.edits + 2):
                line = (version * len(lines)) // (args.edits + 2)
                start = time.perf_counter()
                client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                         "contentChanges": [{"range": {
                                                             "start": {"line": line, "character": 0},
                                                             "end": {"line": line, "character": 0}}, "text": "贯"}]})
                client.diagnostics(uri, version=version, timeout=600)
                waits.append(time.perf_counter() - start)
            print(f"edit → diagnostics over {args.edits} edits: median {statistics.median(waits):.2f} s, "
                  f"max {max(waits):.2f} s (debounce {DEBOUNCE} s included)")
        finally:
            client.close()
    print("load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
