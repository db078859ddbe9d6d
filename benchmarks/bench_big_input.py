"""Figures for large inputs: a 20 MB report and a line of a million characters.

Run: ``python benchmarks/bench_big_input.py [--mb 20]``. Prints the file size, the wall time of
reading, parsing and checking (every registered check), the number of diagnostics and the peak
memory of the process. The unit tests only assert that such files work, never how fast.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from drafter.api import CheckOptions, analyze
from drafter.files.resources import samples_dir
from drafter.files.source import read_source


def _bench(path: Path, label: str) -> None:
    t0 = time.perf_counter()
    source = read_source(path)
    t1 = time.perf_counter()
    result = analyze(source, CheckOptions())
    t2 = time.perf_counter()
    size = path.stat().st_size / 1024 / 1024
    print(f"{label}: {size:.1f} MB ({source.encoding}, {len(source.text):,} characters): "
          f"read {t1 - t0:.2f} s, parse+check {t2 - t1:.2f} s, {len(result.diagnostics):,} diagnostics")


def main() -> None:
    """Build the inputs in a temporary folder and time them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=20, help="size of the big file in MB (default 20)")
    args = parser.parse_args()
    seed = (samples_dir() / "propaganda-dept-2020-h1-report.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.txt"
        chunk = (seed + "\n").replace("\n", "\r\n").encode("gb18030")
        big.write_bytes(chunk * (args.mb * 1024 * 1024 // len(chunk) + 1))
        _bench(big, "pasted seed, GB18030 CRLF")
        long_line = Path(folder) / "long.txt"
        long_line.write_text(seed + "理论武装工作扎实推进，" * 100_000 + "\n", encoding="utf-8")
        _bench(long_line, "seed + one 1.1M-character line")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
