"""The 100-trial crash protocol of issue 15, in a pseudo-terminal, with the real ``drafter FILE``.

Each trial: start the editor on a copy of the sample, type a line at a typist's pace, SIGKILL it
at a random moment 1–3 s after the last key (never waiting for a file), start it again and see
whether it offers the typed text back. Prints each failure and the total.

    .venv/bin/python benchmarks/bench_crash_recovery.py            # 100 trials
    .venv/bin/python benchmarks/bench_crash_recovery.py 20 1.0     # 20 trials, all killed at 1.0 s

About 5 s a trial (two editor start-ups). Before issue 15 (a fixed 3-second tick from
start-up) 6 of 100 came back.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.functional_tests.test_crash_recovery import crash_trial  # noqa: E402

SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"


def main(trials: int = 100, fixed: float | None = None) -> int:
    rng = random.Random()
    recovered = 0
    kills: list[float] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for trial in range(1, trials + 1):
            path = tmp_path / "report.txt"
            path.write_bytes(SEED.read_bytes())
            state = tmp_path / "state"
            shutil.rmtree(state, ignore_errors=True)
            kill_after = fixed if fixed is not None else rng.uniform(1.0, 3.0)
            typed = f"第{trial}次崩溃测试" + "".join(rng.choice("甲乙丙丁戊己庚辛") for _ in range(rng.randint(2, 12)))
            kills.append(kill_after)
            ok = crash_trial(path, state, typed, kill_after)
            recovered += ok
            if not ok:
                print(f"trial {trial}: LOST “{typed}” (killed {kill_after:.2f} s after the last key)", flush=True)
            elif trial % 10 == 0:
                print(f"{trial} trials, {recovered} recovered ({time.monotonic() - started:.0f} s)", flush=True)
    print(f"recovered {recovered} of {trials} (killed {min(kills):.2f}–{max(kills):.2f} s after the last key, "
          f"median {sorted(kills)[len(kills) // 2]:.2f} s; {time.monotonic() - started:.0f} s in all)")
    return 0 if recovered == trials else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(int(args[0]) if args else 100, float(args[1]) if len(args) > 1 else None))
