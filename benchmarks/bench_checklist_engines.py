"""Worst cases of checklist patterns searched by ``re`` with no timeout (issue 11).

A checklist pattern :func:`drafter.checklists.backtracking.re_safe` accepts is searched by ``re``
on texts shorter than ``FAST_FROM`` characters, with no timeout: its count of character tests per
position (``steps``) bounds the work. This searches each such bundled pattern (and a few made up
near the bound) over hostile texts of ``FAST_FROM - 1`` characters — random strings of the
pattern's own characters, its opening literal repeated, one character repeated — and prints the
slowest search of each beside its count, then what importing ``regex`` costs (what ``re`` saves a
short check). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_checklist_engines.py
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time

from drafter.checklists.backtracking import STEPS, re_safe, steps
from drafter.checklists.cache import load_checklists
from drafter.files.patterns import FAST_FROM

#: Made-up patterns close to :data:`STEPS`: the bound, not the bundled data, is what is measured.
NEAR_THE_BOUND = [r"[^】]{0,50}【\s*】", r"x[^x]{0,60}y[^y]*z", r"(?:甲|乙|丙|丁){0,3}(?:甲|乙){0,3}戊"]
_SYNTAX = set("()[]?*+{}|\\^$!=<:,-")


def _hostile(pattern: str, rng: random.Random) -> list[str]:
    chars = sorted({c for c in pattern if c not in _SYNTAX} | set("\n 。，"))
    opening = "".join(c for c in pattern[:40] if c not in _SYNTAX) or "x"
    texts = ["".join(rng.choice(chars) for _ in range(FAST_FROM - 1)) for _ in range(4)]
    texts.append((opening * (FAST_FROM // len(opening) + 1))[:FAST_FROM - 1])
    texts += [c * (FAST_FROM - 1) for c in chars]
    return texts


def _slowest(pattern: str, texts: list[str]) -> float:
    compiled = re.compile(pattern)
    worst = 0.0
    for text in texts:
        start = time.perf_counter()
        for _ in compiled.finditer(text):
            pass
        worst = max(worst, time.perf_counter() - start)
    return worst


def main() -> None:
    rng = random.Random(11)
    bundled = [e.pattern.pattern for e in load_checklists().entries if e.pattern is not None]
    bundled += [e.context.pattern for e in load_checklists().entries if e.context is not None]
    bundled = list(dict.fromkeys(bundled))
    safe = [p for p in bundled if re_safe(p)]
    print(f"bundled patterns: {len(bundled)}, searched by re on short texts: {len(safe)}; STEPS = {STEPS}, "
          f"texts of {FAST_FROM - 1} characters")
    rows = [(_slowest(p, _hostile(p, rng)), steps(p), p) for p in safe + [p for p in NEAR_THE_BOUND if re_safe(p)]]
    rows.sort(reverse=True)
    print(" slowest   steps  pattern")
    for seconds, count, pattern in rows[:12]:
        print(f"{seconds * 1000:6.1f} ms  {count:5}  {pattern[:70]}")
    code = "import time; t = time.perf_counter(); import regex; print(time.perf_counter() - t)"
    costs = sorted(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                        check=True).stdout) for _ in range(9))
    print(f"import regex: median {costs[4] * 1000:.1f} ms over 9 fresh interpreters")


if __name__ == "__main__":
    main()
