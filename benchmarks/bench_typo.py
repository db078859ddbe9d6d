"""Benchmark the typo detector (typo.suspect, issue 9): dev-set quality, speed, load time, memory.

Prints:

- the standard sentence-level metrics (``drafter.typos.evaluation``) on ``../shared/csc``'s dev set:
  the held-out half (odd lines, never fitted on), the tune half (even lines, where
  ``tools/train_typo_model.py`` chose the weights and thresholds) and the whole set. Sentences go
  through the same engine call as ``drafter check --select typo`` — the protected-text finder, then
  the detector at the configured threshold;
- cost per 1,000 sentences (cold paragraph cache) and the statistics' load time in a fresh process;
- whole-process ``drafter check`` on the seed (median of runs) and in-process ``api.analyze`` on the
  seed × 250 (≈ 2.7 MB) with and without the detector; the child's peak RSS.

Run: ``.venv/bin/python benchmarks/bench_typo.py [--shared ../shared]``.
Targets: correction F1 ≥ 0.60, false alarms ≤ 2 %, char precision ≥ 0.90; seed whole-process
≤ 0.2 s; detector adds ≤ 0.3 s in process on 2.7 MB; peak ≤ 300 MB; load ≤ 0.3 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"
RUNS = 5


def dev_metrics(shared: Path) -> None:
    from drafter.report.protected import protected_spans
    from drafter.typos.detector import Detector
    from drafter.typos.evaluation import held_out_half, load_dev, metrics, tune_half

    rows = load_dev(shared)
    det = Detector()
    t = time.perf_counter()
    found = det.paragraphs((r["src"], tuple((s.start, s.end) for s in protected_spans(r["src"]))) for r in rows)
    elapsed = time.perf_counter() - t
    preds = [{s.start + i: ch for s in sus for i, ch in enumerate(s.suggestion) if s.original[i] != ch}
             for sus in found]
    print(f"dev set: {len(rows)} sentences, threshold {det.threshold}")
    for name, part, pp in (("held-out half (odd lines)", held_out_half(rows), held_out_half(preds)),
                           ("tune half (even lines)", tune_half(rows), tune_half(preds)),
                           ("whole set", rows, preds)):
        m = metrics(part, pp)
        d, c = m["detection"], m["correction"]
        print(f"  {name:27s} detection P/R/F1 {d[0]:.3f}/{d[1]:.3f}/{d[2]:.3f}  "
              f"correction P/R/F1 {c[0]:.3f}/{c[1]:.3f}/{c[2]:.3f}  "
              f"false alarms {m['false_alarm_rate']:.3%}  char precision {m['char_precision']:.3f}")
    print(f"  cost: {elapsed / len(rows) * 1000 * 1000:.0f} ms per 1,000 sentences (cold cache)")


def load_time() -> None:
    code = ("import time; t=time.perf_counter(); from drafter.typos.detector import Detector; "
            "d=Detector(); print(time.perf_counter()-t)")
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  check=True).stdout) for _ in range(RUNS)]
    print(f"load (import + statistics, fresh process): median {statistics.median(times) * 1000:.0f} ms")


def whole_process(folder: Path) -> None:
    seed = folder / "seed.txt"
    seed.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "drafter", "check", str(seed)], capture_output=True)
        times.append(time.perf_counter() - t)
    print(f"whole-process `drafter check` seed (detector on): median {statistics.median(times):.3f} s")


def big(folder: Path) -> None:
    code = f"""
import resource, statistics, time
from drafter.api import analyze
from drafter.options import CheckOptions
from drafter.files.source import read_source
src = read_source({str(folder / 'big.txt')!r})
import drafter.typos.detector as det
def run(opts, fresh):
    out = []
    for _ in range(3):
        if fresh:
            det._DEFAULT = None
            import drafter.checks.typo_suspect as ts; ts._detectors.clear()
        t = time.perf_counter(); r = analyze(src, opts); out.append(time.perf_counter() - t)
    return statistics.median(out), r
off, _ = run(CheckOptions(outline=None, ignore=('typo.suspect',)), False)
cold, r = run(CheckOptions(outline=None), True)
warm, _ = run(CheckOptions(outline=None), False)
n = sum(1 for d in r.diagnostics if d.code == 'typo.suspect')
print(f"2.7 MB (seed x250) in process: without detector {{off:.3f}} s, with (cold cache) {{cold:.3f}} s "
      f"(adds {{cold - off:.3f}} s), with (warm cache) {{warm:.3f}} s; {{n}} typo.suspect")
print(f"peak RSS {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}} MB")
"""
    (folder / "big.txt").write_text(SEED.read_text(encoding="utf-8") * 250, encoding="utf-8")
    print(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.rstrip())
    # Non-repetitive text: every paragraph distinct, so the paragraph cache cannot help.
    code2 = f"""
import time
from drafter.typos.detector import Detector
lines = open({str(folder / 'distinct.txt')!r}, encoding='utf-8').read().split(chr(10))
d = Detector(); d.paragraphs([('预热', ())])
t = time.perf_counter(); d.paragraphs((l, ()) for l in lines); e = time.perf_counter() - t
n = sum(map(len, lines))
print(f"distinct text: {{n}} chars in {{e:.3f}} s = {{e / n * 2.7e6 / 3:.2f}} s per 2.7 MB of Chinese (≈0.9 M chars)")
"""
    seed_lines = [l for l in SEED.read_text(encoding="utf-8").splitlines() if l.strip()]
    # Make each copy distinct by numbering it; the detector's statistics fold digits, the cache does not.
    distinct = [f"{i}{l}" for i in range(20) for l in seed_lines]
    (folder / "distinct.txt").write_text("\n".join(distinct), encoding="utf-8")
    print(subprocess.run([sys.executable, "-c", code2], capture_output=True, text=True).stdout.rstrip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    if (args.shared / "csc").is_dir():
        dev_metrics(args.shared)
    else:
        print(f"no dev set at {args.shared}/csc: skipping the quality figures")
    load_time()
    with tempfile.TemporaryDirectory() as tmp:
        whole_process(Path(tmp))
        big(Path(tmp))


if __name__ == "__main__":
    main()
