"""Time and peak memory of drafter on the hostile inputs of issue 15, each in its own process.

    .venv/bin/python benchmarks/bench_hostile.py            # every case
    .venv/bin/python benchmarks/bench_hostile.py quotes     # cases whose name contains "quotes"

Everything is generated into a temporary folder; nothing large is committed. Each case prints
wall time, the child's peak RSS (``wait4``), the exit status and the last line of stderr, with
the target the issue sets where it sets one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "unit_tests"))

from hostile_inputs import (  # noqa: E402
    folder_of_reports, headings_draft, inflating_docx, many_paragraphs_docx,
)

SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"
DRAFTER = [sys.executable, "-m", "drafter"]


def run(argv: list[str], stdin=None) -> tuple[float, int, int, str]:
    """(seconds, peak RSS in MB, exit status, last stderr line) of one child process."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=stdin)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    last = (err.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    return seconds, usage.ru_maxrss // 1024, proc.returncode, last[:150]


def show(name: str, figures: tuple[float, int, int, str], target: str = "") -> None:
    seconds, mb, code, last = figures
    print(f"{name:<42} {seconds:7.2f} s {mb:6d} MB  exit {code}  {target}")
    if last:
        print(f"{'':<42} {last}")


def main(only: str = "") -> None:
    seed = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        cases = []

        def case(name):
            def register(fn):
                cases.append((name, fn))
                return fn
            return register

        @case("quotes: one line of 950,000 “")
        def _():
            path = tmp_path / "quotes.txt"
            path.write_text("一、上半年工作总结\n" + "“" * 950_000 + "\n", encoding="utf-8")
            show("check, 950,000 “ (text)", run([*DRAFTER, "check", "--no-outline", str(path)]), "target < 5 s, < 500 MB")
            show("check, 950,000 “ (json)", run([*DRAFTER, "check", "--format", "json", str(path)]), "target < 5 s, < 500 MB")

        @case("docx: 1 GiB and 4 GiB bombs, 2 million paragraphs")
        def _():
            for label, size in (("1 GiB", 1 << 30), ("4 GiB", 4 << 30)):
                path = inflating_docx(tmp_path / f"bomb-{label.replace(' ', '')}.docx", size)
                show(f"check, .docx inflating to {label} ({path.stat().st_size // 1024} KB)",
                     run([*DRAFTER, "check", str(path)]), "refused")
            path = many_paragraphs_docx(tmp_path / "paragraphs.docx", 2_000_000)
            show(f"check, .docx of 2,000,000 paragraphs ({path.stat().st_size // 1024} KB)",
                 run([*DRAFTER, "check", str(path)]), "refused")

        @case("size: the largest report accepted")
        def _():
            from drafter.files.safe_read import MAX_REPORT_BYTES

            chunk = (seed + "\n").replace("\n", "\r\n").encode("gb18030")
            path = tmp_path / "largest.txt"
            path.write_bytes(chunk * (MAX_REPORT_BYTES // len(chunk)))
            show(f"check, {MAX_REPORT_BYTES >> 20} MiB GB18030 (the seed pasted)",
                 run([*DRAFTER, "check", "--format", "json", str(path)]), "memory per input")
            path = tmp_path / "largest-quotes.txt"
            path.write_bytes(("“" * (MAX_REPORT_BYTES // 3)).encode("utf-8"))
            show(f"check, {MAX_REPORT_BYTES >> 20} MiB of “ on one line",
                 run([*DRAFTER, "check", "--format", "json", str(path)]), "memory per input")
            heads = headings_draft(20_000).encode("utf-8")
            path = tmp_path / "largest-headings.txt"
            path.write_bytes(heads * (MAX_REPORT_BYTES // len(heads)))
            show(f"check, {MAX_REPORT_BYTES >> 20} MiB of headings",
                 run([*DRAFTER, "check", "--format", "json", str(path)]), "memory per input")
            path = tmp_path / "over.txt"
            with open(path, "wb") as handle:
                handle.truncate(100 * 2**20 + 1)
            show("check, 100 MiB + 1 byte", run([*DRAFTER, "check", str(path)]), "refused")

        @case("folder: 10,000 reports")
        def _():
            folder = folder_of_reports(tmp_path / "folder", 10_000, seed)
            show("check --format json, 10,000 files", run([*DRAFTER, "check", "--format", "json", str(folder)]),
                 "target < 300 MB")
            show("check (text), 10,000 files", run([*DRAFTER, "check", "--no-outline", str(folder)]),
                 "target < 300 MB")

        @case("render: headings")
        def _():
            for count in (10_000, 20_000, 40_000, 100_000):
                path = tmp_path / f"headings-{count}.txt"
                path.write_text(headings_draft(count), encoding="utf-8")
                out = tmp_path / f"headings-{count}.docx"
                show(f"render -o .docx, {count:,} headings",
                     run([*DRAFTER, "render", "--force", str(path), "-o", str(out)]),
                     "target < 30 s" if count == 100_000 else "")

        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
        for name, fn in cases:
            if only in name:
                print(f"-- {name}")
                fn()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
