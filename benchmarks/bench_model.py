"""What building the report model and the findings costs: CPU ms per stage, or instructions.

Times, in one process, the stages issue 11's third round made cheaper: ``parse_report``,
``match_outline``, building every finding of one analysis again through
``CheckContext.diagnostic`` (its span, its outline area, the object) and ``assign_fingerprints``.
Each stage runs ``--runs`` times after one analysis; the minimum CPU time is printed (on a shared
machine the minimum is the steadiest figure).

``--src DIR`` imports drafter from another source tree (``/work/main/src``: the figures before a
change). ``--instructions`` counts instructions instead, under valgrind's callgrind (when it is
installed): a run with the stage repeated and one without, the difference per run — the same
figure whatever else the machine is doing, but ≈ 50 × slower to get.

    .venv/bin/python benchmarks/bench_model.py FILE [--runs 9] [--src DIR] [--instructions [--stages parse,…]]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import time

STAGES = ("parse", "match_outline", "diagnostic", "fingerprints")


def _stages(path: str, only: str | None = None):
    """Analyse ``path`` once; return (findings, stage name → a function running that stage once)."""
    from drafter import api
    from drafter.checks import CheckContext
    from drafter.files.source import read_source
    from drafter.outlines.matching import match_outline
    from drafter.report.structure import parse_report
    from drafter.review.fingerprint import assign_fingerprints

    source = read_source(path)
    if only == "parse":   # (under valgrind every analysis counts: none that is not needed)
        return 0, {"parse": lambda: parse_report(source)}
    result = api.analyze(source)
    ctx = CheckContext(report=result.report, outline=result.outline, match=result.match)
    calls = [(d.code, d.message, d.span.start, d.span.end,
              {"suggestion": d.suggestion, "fix": d.fix} if d.fix or d.suggestion else {})
             for d in result.diagnostics]

    def diagnostics():
        make = ctx.diagnostic
        return [make(code, message, start, end, **kw) for code, message, start, end, kw in calls]

    return len(calls), {
        "parse": lambda: parse_report(source),
        "match_outline": lambda: match_outline(result.report, result.outline),
        "diagnostic": diagnostics,
        "fingerprints": lambda: assign_fingerprints(result.diagnostics, result.report.text),
    }


def cpu(path: str, runs: int) -> None:
    """Print the minimum CPU ms of each stage over ``runs`` runs."""
    found, stages = _stages(path)
    gc.disable()
    import drafter

    print(f"{os.path.basename(path)}: {found} findings; drafter from {os.path.dirname(drafter.__file__)}; "
          f"load average {os.getloadavg()[0]:.1f}; CPU ms, min of {runs}")
    for name, stage in stages.items():
        best = float("inf")
        for _ in range(runs):
            start = time.process_time()
            stage()
            best = min(best, time.process_time() - start)
        print(f"  {name:14s} {best * 1000:7.1f}")


def instructions(path: str, src: str | None, names: list[str]) -> None:
    """Print million instructions per run of each stage of ``names``, under callgrind."""
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    print(f"{os.path.basename(path)}: million instructions per run (callgrind; 3 runs − 1 run, halved)")
    env = {**os.environ, "PYTHONHASHSEED": "0"}   # the same hashing, the same work, run to run
    for name in names:
        counts = []
        child = [sys.executable, __file__, path] + (["--src", src] if src else []) + ["--repeat", name]
        subprocess.run(child + ["1"], capture_output=True, check=True, env=env)   # warm the user caches
        for repeat in (1, 3):
            args = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *child, str(repeat)]
            done = subprocess.run(args, capture_output=True, text=True, check=True, env=env)
            line = next(x for x in done.stderr.splitlines() if "Collected" in x)
            counts.append(int(line.split()[-1]))
        print(f"  {name:14s} {(counts[1] - counts[0]) / 2 / 1e6:7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--src", help="import drafter from this source tree")
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--stages", default=",".join(STAGES),
                        help="with --instructions: which stages, comma-separated (each needs its own runs)")
    parser.add_argument("--repeat", nargs=2, metavar=("STAGE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, os.path.abspath(args.src))
    if args.repeat:   # one measured child of --instructions
        _, stages = _stages(args.file, args.repeat[0])
        gc.disable()
        for _ in range(int(args.repeat[1])):
            stages[args.repeat[0]]()
    elif args.instructions:
        instructions(args.file, args.src, args.stages.split(","))
    else:
        cpu(args.file, args.runs)


if __name__ == "__main__":
    main()
