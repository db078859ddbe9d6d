"""Where filtering the checklist keys stops paying: the automaton over every key vs the one over
the keys that can occur in the text (drafter.checklists.automaton.CHARACTERS_PER_KEY).

For three key sets — the bundled checklists' keys; plus the 2,000-entry generated dictionary of
bench_check.py; plus 2,000 real wrong forms (windows around each typo of ../shared/csc, when
reachable) — and for distinct slices of the shared corpus (two files, 1,000–100,000 characters;
not the sample, whose repetitions would flatter the filter), prints the CPU milliseconds of
building the automaton over every key and of filtering plus building over the kept keys (each
from a freshly unpickled key set, median of runs), the keys kept, and the characters a key.
Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_key_filter.py [--runs 7] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_check import _bench_checklist  # noqa: E402

from drafter.checklists import automaton as automaton_module  # noqa: E402
from drafter.checklists.automaton import KeyAutomata, code_units  # noqa: E402
from drafter.checklists.cache import load_checklists  # noqa: E402

LENGTHS = (1_000, 3_000, 10_000, 20_000, 40_000, 60_000, 100_000)
CORPUS_FILES = ("state_council_docs_2018_2019", "cpc_congress_reports")


def _real_forms(shared: Path, count: int = 2000) -> list[str]:
    forms: dict[str, None] = {}
    path = shared / "csc" / "ecspell_odw_dev.jsonl"
    if not path.is_file():
        return []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        src, tgt = row["src"], row["tgt"]
        if len(src) != len(tgt):
            continue
        for i, (a, b) in enumerate(zip(src, tgt)):
            if a != b:
                for lo, hi in ((i - 1, i + 1), (i, i + 2), (i - 1, i + 2), (i - 2, i + 2)):
                    if lo >= 0 and hi <= len(src):
                        forms[src[lo:hi]] = None
    return list(forms)[:count]


def _median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    texts = {}
    for name in CORPUS_FILES:
        path = args.shared / "corpus" / f"{name}.txt.gz"
        if path.is_file():
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                texts[name] = handle.read()
    if not texts:
        raise SystemExit(f"no corpus under {args.shared}")
    bundled = load_checklists([]).keys
    with tempfile.TemporaryDirectory() as tmp:
        dictionary = Path(tmp) / "dict.yaml"
        _bench_checklist(dictionary)
        generated = load_checklists([str(dictionary)], bundled=False).keys
    key_sets = {"bundled": bundled, "+ generated dictionary": bundled + generated}
    real = _real_forms(args.shared)
    if real:
        key_sets["+ real wrong forms"] = list(dict.fromkeys(bundled + real))
    limit = automaton_module.CHARACTERS_PER_KEY
    automaton_module.CHARACTERS_PER_KEY = 10 ** 9  # always filter: this compares the two
    print(f"drafter filters while characters/key <= {limit}")
    for label, keys in key_sets.items():
        packed = pickle.dumps(KeyAutomata(keys))
        whole = _median_ms(lambda: pickle.loads(packed).full(), args.runs)
        print(f"\n{label}: {len(keys)} keys, every key {whole:.2f} ms")
        print(f"  {'characters':>10} {'corpus':<30} {'chars/key':>9} {'filtered ms':>11} {'kept':>5} {'saves ms':>8}")
        for length in LENGTHS:
            for name, corpus in texts.items():
                start = (len(corpus) // 3 + 7 * length) % max(1, len(corpus) - length)
                units = code_units(corpus[start:start + length])[0]
                filtered = _median_ms(lambda: pickle.loads(packed).for_text(units), args.runs)
                kept = len(pickle.loads(packed).for_text(units)[1])
                print(f"  {len(units) // 2:>10} {name:<30} {len(units) / 2 / len(keys):>9.1f} "
                      f"{filtered:>11.2f} {kept:>5} {whole - filtered:>8.2f}")


if __name__ == "__main__":
    main()
