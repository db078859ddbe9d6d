"""Where one analysis spends its time: CPU milliseconds per stage of ``drafter.api.analyze``.

Wraps the parser, the protected-text finder, the outline matcher, the fingerprinting and every
check's ``run`` with a CPU clock and analyses one file ``--runs`` times in one process (the first
run pays the one-time loads: checklists, outlines, the typo tables; later runs are the steady
state). Prints the stages of the last run, largest first, and what the wrappers did not cover.

    .venv/bin/python benchmarks/bench_stages.py FILE [--runs N]

Prints figures; asserts nothing. Whole-process figures are bench_vs_textlint.py's job.
"""

from __future__ import annotations

import argparse
import collections
import gc
import time

from drafter import api
from drafter import checks as checks_module
from drafter.files.source import read_source

TIMES: collections.Counter = collections.Counter()


def _timed(label: str, function):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            result = function(*args, **kwargs)
            if label.startswith("check:"):
                result = list(result)  # a check may yield lazily: count the work it defers
            return result
        finally:
            TIMES[label] += time.process_time() - start
    return wrapper


def instrument() -> None:
    """Wrap each stage once."""
    for name, label in (("parse_report", "parse"), ("protected_spans", "protected"),
                        ("match_outline", "match_outline"), ("assign_fingerprints", "fingerprints"),
                        ("split_ignored", "ignores")):
        setattr(api, name, _timed(label, getattr(api, name)))
    for check in checks_module.all_checks():
        object.__setattr__(check, "run", _timed("check:" + check.name, check.run))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    instrument()
    source = read_source(args.file)
    gc.disable()
    for run in range(1, args.runs + 1):
        TIMES.clear()
        start = time.process_time()
        result = api.analyze(source)
        total = time.process_time() - start
        print(f"run {run}: {total * 1000:.0f} ms CPU, {len(result.diagnostics)} diagnostics")
    for label, seconds in TIMES.most_common():
        print(f"{seconds * 1000:8.1f}  {label}")
    print(f"{(total - sum(TIMES.values())) * 1000:8.1f}  (the rest of analyze)")


if __name__ == "__main__":
    main()
