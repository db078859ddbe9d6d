"""Benchmark of incremental checking on Markdown drafts (issue 11): full analysis against the
editor's incremental analysis after a one-character edit.

Run: ``.venv/bin/python benchmarks/bench_incremental_md.py [--tui]`` (prints figures; asserts nothing).

Documents: the Markdown sample; its body 250 times under its front matter (≈ 2.8 MB); where the
shared corpus is reachable (``../shared`` beside the repository, or ``BENCH_SHARED``) ≈ 2.5 MB of
distinct corpus paragraphs as a Markdown draft (front matter, a comment over three lines every
40 paragraphs). For each: CPU ms of a full analysis (median of 3); of the incremental analysis
after one character typed in a body line in the middle (median of 5), as the editor's check
thread runs it, once with every edit of a Markdown draft analysed in full (what the engine did
before: ``drafter.incremental._meets`` patched to say yes) and once as it is; and how many lines
the incremental analysis took from the previous one. ``--tui`` also types into the 250× draft in
the headless editor (``bench_tui.py``'s typing run: 40 keys, 8 a second) and prints the keystroke
latency and when the result for the text as typed was on screen.
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MD_SAMPLE = ROOT / "samples" / "propaganda-dept-2020-h1-draft.md"
SHARED = Path(os.environ.get("BENCH_SHARED") or ROOT.parent / "shared")


def _repeated(times: int) -> str:
    """The Markdown sample's body ``times`` times under its front matter."""
    lines = MD_SAMPLE.read_text(encoding="utf-8").split("\n")
    end = lines.index("---", 1)
    return "\n".join(lines[:end + 1]) + "\n" + "\n".join(["\n".join(lines[end + 1:])] * times)


def _distinct(size: int = 2_500_000) -> str | None:
    """≈ ``size`` characters of distinct corpus paragraphs as a Markdown draft."""
    files = sorted((SHARED / "corpus").glob("*.txt.gz"))
    if not files:
        return None
    out = ["---", "title: 工作报告", "date: 2024-12-31", "---", "", "# 工作报告", ""]
    seen: set[str] = set()
    got = 0
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            taken = 0
            for line in handle:
                line = line.strip()
                if len(line) < 20 or line in seen:
                    continue
                seen.add(line)
                if len(seen) % 40 == 0:
                    out += ["<!--", "待核：" + line[:20], "-->", ""]
                out += [line, ""]
                taken += len(line)
                if taken >= size // len(files):
                    break
        got += taken
    return "\n".join(out)


def _cpu(call) -> tuple[float, object]:
    t0 = time.process_time()
    result = call()
    return time.process_time() - t0, result


def measure(name: str, text: str) -> None:
    """Print the full and incremental analysis times of ``text`` (a Markdown draft)."""
    from drafter import incremental
    from drafter.api import check_text

    full = statistics.median(_cpu(lambda: check_text(text, fmt="md"))[0] for _ in range(3))
    lines = text.split("\n")
    row = next(i for i in range(len(lines) // 2, len(lines)) if len(lines[i]) > 80 and not lines[i].startswith("<!--"))
    figures = {}
    for label, always_full in (("every edit in full", True), ("incremental", False)):
        original = incremental._meets
        if always_full:
            incremental._meets = lambda ranges, first, stop: True
        try:
            previous = check_text(text, fmt="md", incremental=True)
            samples, reused = [], 0
            edited = list(lines)
            for i in range(5):
                edited[row] = edited[row][:10] + "测试"[i % 2] + edited[row][10:]
                seconds, previous = _cpu(lambda: check_text("\n".join(edited), fmt="md", previous=previous,
                                                             incremental=True))
                samples.append(seconds)
                reused = previous.reuse.reused_lines
        finally:
            incremental._meets = original
        figures[label] = (statistics.median(samples), reused)
    print(f"{name:<34} {len(text):>9,} chars  full {full * 1000:6.0f} ms  "
          + "  ".join(f"{label} {ms * 1000:6.0f} ms (lines reused {reused:,})"
                      for label, (ms, reused) in figures.items()))


def main() -> None:
    """Print the figures."""
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
          f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("CPU ms of one analysis; incremental: after one character typed in a body line in the middle "
          "(median of 5)")
    measure("Markdown sample", MD_SAMPLE.read_text(encoding="utf-8"))
    big = _repeated(250)
    measure("Markdown sample body ×250", big)
    distinct = _distinct()
    if distinct is not None:
        measure("distinct corpus text as Markdown", distinct)
    if "--tui" in sys.argv:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from bench_tui import _summary, _typing_in_subprocess

        with tempfile.TemporaryDirectory() as tmp:
            # bench_tui types into the middle line: make it a paragraph, not a blank line between
            # two (trailing blank lines move the middle).
            lines = big.split("\n")
            while len(lines[len(lines) // 2]) < 80:
                lines.append("")
            path = Path(tmp) / "draft-x250.md"
            path.write_text("\n".join(lines), encoding="utf-8")
            samples, _, applied, after_last = _typing_in_subprocess(path, 40, 0.12)
            print(_summary("keystroke→screen, 250× .md, typing", samples, 33.0, 50.0)
                  + f"; result shown {after_last * 1000:.0f} ms after the last key")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
