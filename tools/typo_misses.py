#!/usr/bin/env python3
"""Why the typo detector misses or miscorrects: a breakdown of the TUNE half's errors by cause.

Only the even lines of ``../shared/csc/ecspell_odw_dev.jsonl`` are read (the held-out half's
errors are never looked at). Every error position (``src[i] != tgt[i]``) of a sentence the detector
does not correct exactly is put in the first cause that applies:

- ``protected``: inside text the detector does not look into (names, places, quoted names);
- ``no-suspect``: the character is no suspect (it and its next character are covered by seen
  n-grams) — split into ``real-word`` (the original makes a dictionary word with a neighbour:
  主意, 引到) and ``other``;
- ``not-in-confusion``: the right character is not among the original's candidates at all;
- ``first-stage``: a candidate, but dropped before the 5-gram scoring (neither bigram seen, or not
  among the best few of its position);
- ``under-threshold``: scored, the best at its position, but below the threshold;
- ``outscored``: scored, but another candidate at the position (or overlapping it) scored higher;
- ``found`` (the position was corrected right; the sentence failed elsewhere).

Each error character of a sentence not corrected exactly is counted, so a sentence with two
errors counts twice; ``(adjacent errors)`` marks a missing candidate next to another error.

Wrong corrections are counted too: flagged positions that are no error (false alarms within
erroneous sentences and in correct ones) and errors flagged with the wrong character.

Run: ``.venv/bin/python tools/typo_misses.py [--shared ../shared] [--threshold T] [--show N]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from drafter.report.protected import protected_spans  # noqa: E402
from drafter.typos import detector as det  # noqa: E402
from drafter.typos.evaluation import load_dev, tune_half  # noqa: E402
from drafter.typos.findings import frozen_spans  # noqa: E402
from drafter.typos.hashing import hash_columns  # noqa: E402
from drafter.typos.stats import load_stats  # noqa: E402


def _real_word(stats, text: str, i: int) -> bool:
    """Whether the character at ``i`` makes a 2–4-character dictionary word with its neighbours."""
    for n in (2, 3, 4):
        for s in range(i - n + 1, i + 1):
            if s < 0 or s + n > len(text):
                continue
            codes = np.array([[ord(ch)] for ch in text[s:s + n]], np.uint32)
            if np.isfinite(stats.word_lookup(hash_columns(list(codes)))[0]):
                return True
    return False


def error_causes(stats, rows, threshold: float) -> tuple[list[tuple[int, int, str, str]], Counter]:
    """For ``rows`` (dicts with ``src`` and ``tgt`` of the same length): every error position as
    (row index, position, cause, example), the cause as in the module docstring, and the count of
    wrong flags by kind. A sentence the detector corrects exactly has all its errors ``found``."""
    detector = det.Detector(stats, threshold=threshold)
    items = [(r["src"], frozen_spans(protected_spans(r["src"]), r["src"])) for r in rows]
    found = detector.paragraphs(items)
    # Every scored candidate (first round, no threshold pruning).
    codes, starts = det.pack([r["src"] for r in rows])
    frozen = np.zeros(len(codes), bool)
    for at, (_, prot) in zip(starts, items):
        for s, e in prot:
            frozen[at + s:at + e] = True
    c = det.candidates(stats, codes, frozen)
    if c is None:
        c = {k: np.zeros(0, np.int64) for k in ("pos", "span", "c1", "c2")}
    conf = det.confidence(stats, det.features(c)) if len(c["pos"]) else np.zeros(0)
    order = det._Context(stats, codes).order
    by_pos: dict[int, list[int]] = {}
    for k in range(len(c["pos"])):
        for q in range(int(c["pos"][k]), int(c["pos"][k] + c["span"][k])):
            by_pos.setdefault(q, []).append(k)

    def offered(k: int, p: int) -> str:
        return chr(c["c1"][k]) if c["pos"][k] == p else chr(c["c2"][k])

    out, wrong = [], Counter()
    for n, (r, (text, prot), sus, at) in enumerate(zip(rows, items, found, starts)):
        gold = {i: b for i, (a, b) in enumerate(zip(r["src"], r["tgt"])) if a != b}
        pred = {s.start + i: ch for s in sus for i, ch in enumerate(s.suggestion) if s.original[i] != ch}
        for i, ch in pred.items():
            if i not in gold:
                wrong["flag at a correct character" + ("" if gold else " (correct sentence)")] += 1
            elif gold[i] != ch:
                wrong["error flagged, wrong character"] += 1
        adjacent = any(i + 1 in gold for i in gold)
        for i, want in gold.items():
            p = at + i
            mine = [k for k in by_pos.get(p, []) if offered(k, p) == want]
            if pred == gold or pred.get(i) == want:
                cause = "found"
            elif any(s <= i < e for s, e in prot):
                cause = "protected"
            elif not mine and not (order[p] < 2 or order[p + 1] < 3):
                cause = "no-suspect/real-word" if _real_word(stats, text, i) else "no-suspect/other"
            elif not mine:
                _, cand, _ = stats.candidates_of(np.array([ord(text[i])], np.uint32))
                cause = "first-stage" if ord(want) in set(cand.tolist()) else "not-in-confusion"
                if adjacent and cause == "not-in-confusion":
                    cause += " (adjacent errors)"
            else:
                best = max(conf[k] for k in mine)
                rivals = [conf[k] for k in by_pos.get(p, []) if k not in mine]
                if rivals and max(rivals) > best and max(rivals) >= threshold:
                    cause = "outscored"
                elif best < threshold:
                    cause = "under-threshold" + (" (>= 0.4)" if best >= 0.4 else " (< 0.4)")
                else:
                    cause = "above threshold, lost to an overlap"
            out.append((n, i, cause, f"{text[max(0, i - 6):i]}[{text[i]}→{want}]{text[i + 1:i + 7]}"))
    return out, wrong


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--show", type=int, default=0, help="print this many examples per cause")
    args = ap.parse_args(argv)
    stats = load_stats()
    threshold = args.threshold if args.threshold is not None else stats.model["threshold"]
    rows = tune_half(load_dev(args.shared))
    errors, wrong = error_causes(stats, rows, threshold)
    failed = {n for n, _, cause, _ in errors if cause != "found"}
    causes = Counter(cause for n, _, cause, _ in errors if n in failed)
    adjacent = sum(any(a != b and c != d for a, b, c, d in zip(rows[n]["src"], rows[n]["tgt"], rows[n]["src"][1:], rows[n]["tgt"][1:]))
                   for n in failed)
    print(f"tune half: {len(rows)} sentences, {len(errors)} error characters; threshold {threshold}")
    print(f"erroneous sentences not corrected exactly: {len(failed)} ({adjacent} with adjacent errors); "
          "their error characters by cause:")
    for cause, count in causes.most_common():
        print(f"  {cause:45s} {count}")
        for e in [e for n, _, c, e in errors if n in failed and c == cause][:args.show]:
            print(f"      {e}")
    print("wrong flags:")
    for cause, count in wrong.most_common():
        print(f"  {cause:45s} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
