"""Check that a change to the typo detector leaves every finding as it was.

Runs :class:`drafter.typos.detector.Detector` (no findings cache) on the whole dev set
(``shared/csc/ecspell_odw_dev.jsonl``) and on ≈ 2.5 MB of distinct corpus paragraphs (the same
text as ``benchmarks/bench_typo.py``'s distinct-text row), at the default threshold and at 0.4,
with the protected spans the check itself passes, and writes or compares every finding:
paragraph, start, end, original, suggestion, confidence (3 decimals) and kind.

    .venv/bin/python tools/typo_identical.py --write /tmp/typo-before.json   # before a change
    .venv/bin/python tools/typo_identical.py --check /tmp/typo-before.json   # after it

``--check`` prints the differences (at most 20) and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = (None, 0.4)


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _inputs(shared: Path) -> dict[str, list[str]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_typo import distinct_text
    from drafter.typos.evaluation import load_dev

    with tempfile.TemporaryDirectory() as tmp:
        path = distinct_text(shared, Path(tmp), 2_500_000)
        corpus = path.read_text(encoding="utf-8").splitlines() if path else []
    return {"dev": [r["src"] for r in load_dev(shared)], "corpus": corpus}


def findings(shared: Path) -> dict[str, list]:
    """Every finding per input set and threshold, with the CPU time each run took (printed)."""
    from drafter.report.protected import protected_spans
    from drafter.typos.detector import Detector
    from drafter.typos.findings import frozen_spans
    from drafter.typos.stats import load_stats

    load_stats()
    out: dict[str, list] = {}
    for name, texts in _inputs(shared).items():
        items = [(t, frozen_spans(protected_spans(t), t)) for t in texts]
        for threshold in THRESHOLDS:
            det = Detector(threshold=threshold)
            c = _cpu()
            found = det.paragraphs(items)
            cpu = _cpu() - c
            rows = [[i, s.start, s.end, s.original, s.suggestion, f"{s.confidence:.3f}", s.kind]
                    for i, sus in enumerate(found) for s in sus]
            key = f"{name}@{det.threshold}"
            out[key] = rows
            chars = sum(len(t) for t in texts)
            print(f"{key:14s} {len(texts):6d} paragraphs, {chars / 1e6:.2f} M chars: "
                  f"{len(rows):4d} findings, {cpu:.2f} s CPU", flush=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, help="record the findings in this file")
    mode.add_argument("--check", type=Path, help="compare with the findings recorded in this file")
    args = ap.parse_args()
    t = time.perf_counter()
    now = findings(args.shared)
    print(f"{time.perf_counter() - t:.1f} s in all")
    if args.write:
        args.write.write_text(json.dumps(now, ensure_ascii=False), encoding="utf-8")
        print(f"written to {args.write}")
        return 0
    before = json.loads(args.check.read_text(encoding="utf-8"))
    bad = 0
    for key in sorted(set(before) | set(now)):
        old = {tuple(r) for r in before.get(key, [])}
        new = {tuple(r) for r in now.get(key, [])}
        for r in sorted(old - new)[:10]:
            print(f"  {key} lost   {r}")
        for r in sorted(new - old)[:10]:
            print(f"  {key} gained {r}")
        bad += len(old ^ new)
    print("IDENTICAL" if not bad else f"DIFFERENT: {bad} findings differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
