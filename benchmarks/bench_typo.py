"""Benchmark the typo detector (typo.suspect, issue 9): dev-set quality, speed, load time, memory.

Prints:

- the standard sentence-level metrics (``drafter.typos.evaluation``) on ``../shared/csc``'s dev set:
  the held-out half (odd lines, never fitted on), the tune half (even lines, where
  ``tools/train_typo_model.py`` chose the weights and thresholds) and the whole set. Sentences go
  through the same engine call as ``drafter check --select typo`` — the protected-text finder, then
  the detector at the configured threshold;
- cost per 1,000 dev sentences (nothing cached), wall and CPU time;
- the detector's load (import numpy + statistics) in a fresh process;
- whole-process ``drafter check`` on the seed: detector off, detector on with an empty findings
  cache (cold), detector on with the findings cached (warm, the usual case: an unchanged report);
- in process (``api.analyze``) on the seed × 250 (≈ 2.7 MB): without the detector, with it cold
  (statistics already loaded, nothing cached: its repeated paragraphs are scored once) and warm;
- in process on ≈ 2.7 MB of DISTINCT text (corpus paragraphs, every one different: the worst case,
  nothing repeats), without and with the detector; the child's peak RSS.

CPU time (user + sys) is printed beside wall time: on a shared machine wall time mostly measures
the other jobs. Run: ``.venv/bin/python benchmarks/bench_typo.py [--shared ../shared] [--quick]``.
Targets: correction F1 ≥ 0.60, false alarms ≤ 2 %, char precision ≥ 0.90; seed whole-process
≤ 0.2 s; detector adds ≤ 0.3 s in process on 2.7 MB; peak ≤ 300 MB; load ≤ 0.3 s.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"
RUNS = 5


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def dev_metrics(shared: Path, low: float = 0.4) -> None:
    from drafter.report.protected import protected_spans
    from drafter.typos.detector import Detector
    from drafter.typos.evaluation import held_out_half, load_dev, metrics, tune_half
    from drafter.typos.findings import frozen_spans

    rows = load_dev(shared)
    items = [(r["src"], frozen_spans(protected_spans(r["src"]), r["src"])) for r in rows]
    # The default (model.json's threshold), then a lower one a writer may set for more recall.
    for threshold in (None, low):
        det = Detector(threshold=threshold)
        t, c = time.perf_counter(), _cpu()
        found = det.paragraphs(items)
        elapsed, cpu = time.perf_counter() - t, _cpu() - c
        preds = [{s.start + i: ch for s in sus for i, ch in enumerate(s.suggestion) if s.original[i] != ch}
                 for sus in found]
        label = "default" if threshold is None else "typo.min_confidence"
        print(f"dev set: {len(rows)} sentences, threshold {det.threshold} ({label})")
        for name, part, pp in (("held-out half (odd lines)", held_out_half(rows), held_out_half(preds)),
                               ("tune half (even lines)", tune_half(rows), tune_half(preds)),
                               ("whole set", rows, preds)):
            m = metrics(part, pp)
            d, co = m["detection"], m["correction"]
            print(f"  {name:27s} detection P/R/F1 {d[0]:.3f}/{d[1]:.3f}/{d[2]:.3f}  "
                  f"correction P/R/F1 {co[0]:.3f}/{co[1]:.3f}/{co[2]:.3f}  "
                  f"false alarms {m['false_alarm_rate']:.2%}  char precision {m['char_precision']:.3f}")
        if threshold is None:
            chars = sum(len(r["src"]) for r in rows)
            print(f"  cost per 1,000 sentences (≈ {chars / len(rows):.0f} characters each, nothing cached): "
                  f"{elapsed / len(rows) * 1000:.2f} s wall, {cpu / len(rows) * 1000:.2f} s CPU")


def _child(code: str, env: dict | None = None) -> tuple[str, float]:
    """Run ``code`` in a fresh interpreter: its stdout and its CPU time (user + sys)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, **(env or {})}).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return out, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def load_time() -> None:
    code = ("import time; t=time.perf_counter(); import numpy; n=time.perf_counter(); "
            "from drafter.typos.stats import load_stats; load_stats(); e=time.perf_counter(); "
            "print(n-t, e-n)")
    walls, numpys, cpus = [], [], []
    for _ in range(RUNS):
        out, cpu = _child(code)
        n, s = map(float, out.split())
        numpys.append(n)
        walls.append(s)
        cpus.append(cpu)
    print(f"load in a fresh process (median of {RUNS}): import numpy {statistics.median(numpys) * 1000:.0f} ms + "
          f"statistics {statistics.median(walls) * 1000:.0f} ms wall; whole child "
          f"{statistics.median(cpus) * 1000:.0f} ms CPU (interpreter start included)")


def _drafter(args: list[str], env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "drafter", "check", *args], capture_output=True,
                   env={**os.environ, **env})
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole_process(folder: Path) -> None:
    seed = folder / "seed.txt"
    seed.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    cache = folder / "cache"

    def median(args, fresh_cache):
        runs = []
        for i in range(RUNS):
            env = {"DRAFTER_CACHE_DIR": str(cache / (f"cold{i}" if fresh_cache else "warm"))}
            if fresh_cache:
                # The checklist cache warm, only the typo findings cold.
                _drafter([str(seed), "--ignore", "typo.suspect"], env)
            runs.append(_drafter(args, env))
        return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)

    _drafter([str(seed)], {"DRAFTER_CACHE_DIR": str(cache / "warm")})
    for label, args, fresh in (("detector off (--ignore typo.suspect)", [str(seed), "--ignore", "typo.suspect"], False),
                               ("detector on, findings cached (warm)", [str(seed)], False),
                               ("detector on, nothing cached (cold)", [str(seed)], True)):
        wall, cpu = median(args, fresh)
        print(f"whole-process `drafter check` seed, {label:38s} median {wall:.3f} s wall, {cpu:.3f} s CPU")


_IN_PROCESS = """
import json, resource, statistics, sys, time
from drafter.api import analyze
from drafter.options import CheckOptions
from drafter.files.source import read_source
from drafter.typos import detector as det, results
from drafter.typos.stats import load_stats
src = read_source(sys.argv[1])
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
def run(opts, fresh, runs):
    walls, cpus = [], []
    for _ in range(runs):
        if fresh:
            det._DETECTORS.clear()
            results._memory.clear()
        t, c = time.perf_counter(), cpu()
        r = analyze(src, opts)
        walls.append(time.perf_counter() - t)
        cpus.append(cpu() - c)
    return statistics.median(walls), statistics.median(cpus), r
runs = int(sys.argv[2])
load_stats()
off = run(CheckOptions(outline=None, ignore=('typo.suspect',)), False, runs)
cold = run(CheckOptions(outline=None), True, runs)
warm = run(CheckOptions(outline=None), False, runs)
n = sum(1 for d in cold[2].diagnostics if d.code == 'typo.suspect')
print(json.dumps({"off": off[:2], "cold": cold[:2], "warm": warm[:2], "suspects": n,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def in_process(path: Path, label: str, runs: int) -> None:
    proc = subprocess.run([sys.executable, "-c", _IN_PROCESS, str(path), str(runs)], capture_output=True,
                          text=True, env={**os.environ, "DRAFTER_NO_CACHE": "1"})
    if proc.returncode:
        print(f"{label}: failed\n{proc.stderr[-2000:]}")
        return
    r = json.loads(proc.stdout)
    size = path.stat().st_size / 1e6
    print(f"{label} ({size:.2f} MB) in process, statistics loaded, median of {runs}:")
    print(f"  without the detector        {r['off'][0]:.3f} s wall, {r['off'][1]:.3f} s CPU")
    print(f"  with, nothing cached        {r['cold'][0]:.3f} s wall, {r['cold'][1]:.3f} s CPU "
          f"(adds {r['cold'][1] - r['off'][1]:.3f} s CPU); {r['suspects']} typo.suspect")
    print(f"  with, paragraphs in memory  {r['warm'][0]:.3f} s wall, {r['warm'][1]:.3f} s CPU "
          f"(adds {r['warm'][1] - r['off'][1]:.3f} s CPU)")
    print(f"  peak RSS {r['rss']:.0f} MB")


def distinct_text(shared: Path, folder: Path, size: int = 2_700_000) -> Path | None:
    """≈ ``size`` bytes of distinct corpus paragraphs (from the middle of each file, in name order)."""
    files = sorted((shared / "corpus").glob("*.txt.gz"))
    if not files:
        return None
    per_file = size // len(files)
    seen, lines = set(), []
    for path in files:
        got = 0
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if len(line) < 20 or line in seen:
                    continue
                seen.add(line)
                lines.append(line)
                got += len(line.encode("utf-8")) + 1
                if got >= per_file:
                    break
    out = folder / "distinct.txt"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--quick", action="store_true", help="one run of each in-process figure")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}, "
          f"{os.cpu_count()} CPUs")
    if (args.shared / "csc").is_dir():
        dev_metrics(args.shared)
    else:
        print(f"no dev set at {args.shared}/csc: skipping the quality figures")
    load_time()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        whole_process(folder)
        big = folder / "seed-x250.txt"
        big.write_text(SEED.read_text(encoding="utf-8") * 250, encoding="utf-8")
        in_process(big, "seed × 250", 1 if args.quick else 3)
        distinct = distinct_text(args.shared, folder)
        if distinct:
            in_process(distinct, "distinct corpus paragraphs (no paragraph repeats)", 1)
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}")


if __name__ == "__main__":
    main()
