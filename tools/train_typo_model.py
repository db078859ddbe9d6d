#!/usr/bin/env python3
"""Fit the typo scorer (src/drafter/typos/data/model.json) on the TUNE half of the dev set.

The dev set (``../shared/csc/ecspell_odw_dev.jsonl``) is split by line number: even lines (0, 2, …)
tune — the logistic weights and the two thresholds are chosen there — and odd lines are held out;
``benchmarks/bench_typo.py`` reports the held-out half and the whole set. Deterministic: Newton's
method from zero, no random state.

Transpositions (帜旗 → 旗帜): the dev set has none, so the fit also sees *synthetic* ones made
from the tune half's own corrected sentences (one in :data:`SWAP_EVERY`: two neighbouring
characters exchanged at a seeded random place) — text we write ourselves, never the held-out half.
Without them the swap weight could only learn "never".

Thresholds (a 0.05 grid, chosen on the real tune sentences only): ``threshold`` is the one with
the best tune-half correction F1 among those whose tune-half false alarms stay ≤ 1 % of correct
sentences and whose flagged characters are ≥ 98 % right. The issue allows 2 % and 90 %; a real
report is mostly correct text and a reviewer reads every suspect, so the margin is wide (on clean
real report text, benchmarks/bench_typo_noise.py, the threshold so chosen raises about 1.5
suspects per 10,000 characters). ``safe_threshold`` is the lowest at which the tune half has no
false alarm and ≥ 99.5 % of its flagged characters are right: only those findings become safe
fixes, which ``--fix`` applies unread. A writer who wants more recall lowers
``typo.min_confidence`` in drafter.yaml (``benchmarks/bench_typo.py`` prints the dev figures at
0.4 too).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from drafter.typos import detector as det  # noqa: E402
from drafter.report.protected import protected_spans  # noqa: E402
from drafter.typos.findings import frozen_spans  # noqa: E402
from drafter.typos.stats import DATA, load_stats  # noqa: E402
from drafter.typos.evaluation import load_dev, metrics, tune_half  # noqa: E402

MAX_FALSE_ALARMS = 0.01
#: The shipped threshold's flagged characters must be this often right on the tune half.
MIN_CHAR_PRECISION = 0.98
#: One synthetic transposition per this many tune-half sentences.
SWAP_EVERY = 4
SAFE_CHAR_PRECISION = 0.995


def candidate_rows(stats, rows):
    """Features and labels of every first-round candidate of ``rows``."""
    texts = [r["src"] for r in rows]
    codes, starts = det.pack(texts)
    c = det.candidates(stats, codes, np.zeros(len(codes), bool))
    sent = np.searchsorted(starts, c["pos"], side="right") - 1
    y = np.zeros(len(sent), bool)
    for k in range(len(sent)):
        r = rows[sent[k]]
        i = int(c["pos"][k] - starts[sent[k]])
        span = int(c["span"][k])
        want = chr(c["c1"][k]) + (chr(c["c2"][k]) if span == 2 else "")
        y[k] = r["src"][i:i + span] != r["tgt"][i:i + span] and r["tgt"][i:i + span] == want
    return det.features(c), y


def synthetic_swaps(rows, every: int = SWAP_EVERY, seed: int = 0) -> list[dict]:
    """Transpositions made from the corrected sentences of ``rows``: src has two neighbouring
    CJK characters exchanged, tgt is the sentence as written."""
    rng = np.random.default_rng(seed)
    out = []
    for r in rows[::every]:
        tgt = r["tgt"]
        places = [i for i in range(len(tgt) - 1) if tgt[i] != tgt[i + 1]
                  and "\u4e00" <= tgt[i] <= "\u9fff" and "\u4e00" <= tgt[i + 1] <= "\u9fff"]
        if not places:
            continue
        i = int(rng.choice(places))
        out.append({"src": tgt[:i] + tgt[i + 1] + tgt[i] + tgt[i + 2:], "tgt": tgt})
    return out


def fit(x, y, l2=1e-3, steps=30):
    """Logistic regression by Newton's method on standardised features."""
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = np.c_[np.ones(len(x)), (x - mean) / scale]
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) + l2 * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + l2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return mean, scale, w


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    rows = tune_half(load_dev(args.shared))
    model_path = DATA / "model.json"
    model_path.write_text(json.dumps({"bias": 0, "mean": [0] * len(det.FEATURES), "scale": [1] * len(det.FEATURES),
                                      "weights": [0] * len(det.FEATURES), "threshold": 0.5}), encoding="utf-8")
    load_stats.cache_clear()
    stats = load_stats()
    swaps = synthetic_swaps(rows)
    x, y = candidate_rows(stats, rows + swaps)
    print(f"fitting on {len(rows)} tune sentences + {len(swaps)} synthetic transpositions: "
          f"{len(y)} candidates, {int(y.sum())} right")
    mean, scale, w = fit(x, y.astype(float))
    model = {"features": list(det.FEATURES), "mean": [round(float(v), 6) for v in mean],
             "scale": [round(float(v), 6) for v in scale], "bias": round(float(w[0]), 6),
             "weights": [round(float(v), 6) for v in w[1:]], "threshold": 0.5, "safe_threshold": 0.9,
             "trained_on": "even lines of ecspell_odw_dev.jsonl (tune half)"}
    model_path.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    load_stats.cache_clear()
    stats = load_stats()
    best = None
    detector = det.Detector(stats, threshold=0.3)
    for th in np.round(np.arange(0.30, 0.96, 0.05), 2):
        detector.threshold = float(th)
        detector._cache.clear()
        m = metrics(rows, [{s.start + i: ch for s in sus for i, ch in enumerate(s.suggestion) if s.original[i] != ch}
                           for sus in detector.paragraphs((r["src"], frozen_spans(protected_spans(r["src"]), r["src"]))
                                                          for r in rows)])
        print(f"threshold {th}: correction F1 {m['correction'][2]:.3f}  false alarms {m['false_alarm_rate']:.3f}  "
              f"char precision {m['char_precision']:.3f}")
        if m["false_alarm_rate"] <= MAX_FALSE_ALARMS and m["char_precision"] >= MIN_CHAR_PRECISION \
                and (best is None or m["correction"][2] > best[1]):
            best = (float(th), m["correction"][2])
        if m["char_precision"] >= SAFE_CHAR_PRECISION and m["false_alarm_rate"] == 0 and "safe" not in model:
            model["safe"] = float(th)
    model["threshold"] = best[0] if best else 0.7
    model["safe_threshold"] = max(model.pop("safe", 0.9), model["threshold"])
    model_path.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {model_path}: threshold {model['threshold']}, safe_threshold {model['safe_threshold']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
