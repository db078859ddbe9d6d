"""The typo detector alone on text it has never seen: CPU time of ``Detector.paragraphs``.

No findings cache, no protected spans, statistics loaded and the lookup index built before the
clock starts (a long document builds it once, ≈ 60–250 ms, see ``drafter.typos.stats``). Inputs:
≈ 2.5 MB of distinct corpus paragraphs (the text of ``bench_typo.py``'s distinct row and of
``tools/typo_identical.py``) and the 1,719 dev-set sentences. Prints the minimum over ``--runs``
(CPU time, user + sys: on a shared machine the minimum is the steadiest figure).

    .venv/bin/python benchmarks/bench_typo_detector.py --shared ../shared
    PYTHONPATH=/path/to/other/checkout/src .venv/bin/python benchmarks/bench_typo_detector.py   # A/B
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_typo import distinct_text
    from drafter.typos.detector import Detector
    from drafter.typos.evaluation import load_dev
    from drafter.typos.stats import load_stats

    stats = load_stats()
    if hasattr(stats, "expect"):       # older checkouts have no index
        stats.expect(10**9)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = distinct_text(args.shared, Path(tmp), 2_500_000).read_text(encoding="utf-8").splitlines()
    sets = {"corpus paragraphs": corpus, "dev sentences": [r["src"] for r in load_dev(args.shared)]}
    print(f"load average {os.getloadavg()[0]:.1f}; drafter from {sys.modules['drafter'].__file__}")
    for name, texts in sets.items():
        items = [(t, ()) for t in texts]
        times = []
        for _ in range(args.runs):
            c = _cpu()
            found = Detector().paragraphs(items)
            times.append(_cpu() - c)
        chars = sum(map(len, texts))
        print(f"{name:18s} {len(texts):5d} ({chars / 1e6:.2f} M chars): min {min(times):.3f} s CPU of {args.runs}, "
              f"{min(times) / chars * 1e6:.2f} µs a character; {sum(map(len, found))} findings")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
