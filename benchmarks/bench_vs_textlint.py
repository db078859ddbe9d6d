"""drafter against textlint + textlint-rule-prh, whole process, side by side (issue 11).

Installs textlint and textlint-rule-prh from the npm registry into a temporary folder, writes the
same 2,000-entry dictionary as a prh YAML file and as a drafter checklist (the generator of
``bench_check.py``), and times, for the seed report concatenated 1×, 30× and 250× and for a
folder of 200 copies of it:

- ``textlint --rule prh`` with the dictionary;
- ``drafter check`` with every check on (the bundled checklists and outline);
- ``drafter check --checklist dict.yaml``: every check on plus the same dictionary.

Runs are interleaved (one of each per round, the order rotating), so a change in the machine's
load hits all three alike; the figures are medians over the rounds. Each run's wall time and CPU
time (user + sys of the child, from ``os.wait4``) are recorded: on a shared machine the CPU time
is the steadier figure. The load average is printed before and after. Then drafter alone: time at
1000× against 250× (linear means a ratio of 4) and the peak RSS at each size. Last, where the shared
corpus is reachable (``../shared`` beside the repository, or ``BENCH_SHARED``), ≈ 2.5 MB of distinct
corpus paragraphs: the repeated sample flatters drafter's typo detector, whose findings are
remembered per paragraph; there drafter is timed with its findings remembered and without.

Targets (issue 11): drafter ≤ 0.2 × textlint-prh at 1×, 30×, 250× and on the folder, with and
without the dictionary; 1000×/250× ≤ 4.1; peak RSS ≤ 150 MB at 250×.

Run: ``.venv/bin/python benchmarks/bench_vs_textlint.py`` (``BENCH_RUNS`` rounds, default 5;
``BENCH_TEXTLINT_DIR`` reuses a folder where textlint is already installed; ``BENCH_DRAFTER``
names the drafter executable, default the one beside this Python — a regular ``pip install .``
is what users run). Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import SEED, _bench_checklist  # noqa: E402  (the same dictionary generator)
from bench_typo import distinct_text  # noqa: E402  (2.7 MB of corpus paragraphs, none repeated)

SIZES = (1, 30, 250)
FOLDER_COPIES = 200


@dataclass
class Runs:
    """Wall and CPU seconds and peak RSS (KiB) of repeated runs of one command."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: int = 0

    def median_wall(self) -> float:
        return statistics.median(self.wall)

    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def run_once(args: list[str], env: dict, cwd: Path, runs: Runs, ok_codes=(0, 1), before=None) -> None:
    """Run ``args`` once with output discarded; add its wall and CPU time and RSS to ``runs``.
    ``before()``, when given, runs first (untimed)."""
    if before is not None:
        before()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child never blocks
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in ok_codes:
        raise SystemExit(f"{' '.join(args[:3])}… exited {code}: {err[-2000:]}")
    runs.wall.append(wall)
    runs.cpu.append(usage.ru_utime + usage.ru_stime)
    runs.rss = max(runs.rss, usage.ru_maxrss)


def prh_yaml(checklist_yaml: Path, out: Path) -> int:
    """Write the drafter checklist's wrong → right pairs as a prh dictionary; return the count."""
    import yaml

    data = yaml.safe_load(checklist_yaml.read_text(encoding="utf-8"))
    lines = ["version: 1", "rules:"]
    for entry in data["entries"]:
        wrong, right = entry["wrong"], entry["right"]
        example = entry["examples"][0]
        lines += [f"  - expected: {right}", f"    pattern: {wrong}",
                  "    specs:", f"      - from: {example['bad']}", f"        to: {example['good']}"]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(data["entries"])


def install_textlint(folder: Path) -> Path:
    """``npm install textlint textlint-rule-prh`` into ``folder``; return the textlint binary."""
    binary = folder / "node_modules" / ".bin" / "textlint"
    if binary.exists():
        return binary
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text('{"name": "drafter-bench", "private": true}\n', encoding="utf-8")
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "textlint", "textlint-rule-prh"],
                   cwd=folder, check=True, timeout=600)
    return binary


def versions(textlint: Path, drafter: list[str]) -> str:
    tl = subprocess.run([str(textlint), "--version"], capture_output=True, text=True).stdout.strip()
    prh = (textlint.parent.parent / "textlint-rule-prh" / "package.json").read_text(encoding="utf-8")
    prh_version = prh.split('"version"', 1)[1].split('"')[1]
    dr = subprocess.run(drafter + ["--version"], capture_output=True, text=True).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"textlint {tl} + textlint-rule-prh {prh_version} (node {node}); {dr} "
            f"(Python {sys.version.split()[0]}, {' '.join(drafter)})")


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def drafter_command() -> list[str]:
    given = os.environ.get("BENCH_DRAFTER")
    if given:
        return [os.path.abspath(given)]
    beside = Path(sys.executable).parent / "drafter"
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "drafter"]


def main() -> None:
    rounds = int(os.environ.get("BENCH_RUNS", "5"))
    drafter = drafter_command()
    with tempfile.TemporaryDirectory(prefix="drafter-vs-textlint-") as tmp:
        tmp_path = Path(tmp)
        textlint = install_textlint(Path(os.environ.get("BENCH_TEXTLINT_DIR") or tmp_path / "npm"))
        env = dict(os.environ, DRAFTER_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed drafter has its bytecode compiled
        work = tmp_path / "work"
        work.mkdir()
        dictionary = work / "dict.yaml"
        _bench_checklist(dictionary)
        entries = prh_yaml(dictionary, work / "prh.yml")
        (work / ".textlintrc.json").write_text('{"rules": {"prh": {"rulePaths": ["./prh.yml"]}}}\n',
                                               encoding="utf-8")
        (work / "drafter.yaml").write_text("date: 2020-07-10\n", encoding="utf-8")
        seed = SEED.read_text(encoding="utf-8")
        targets: dict[str, list[str]] = {}
        for times in (*SIZES, 1000):
            name = f"seed-x{times}.txt"
            (work / name).write_text("\n".join([seed] * times), encoding="utf-8")
            targets[f"{times}×"] = [name]
        folder = work / "folder"
        folder.mkdir()
        for i in range(FOLDER_COPIES):
            (folder / f"report-{i:03d}.txt").write_text(seed, encoding="utf-8")
        (folder / "drafter.yaml").write_text("date: 2020-07-10\n", encoding="utf-8")
        folder_label = f"{FOLDER_COPIES} files"
        print(versions(textlint, drafter))
        print(f"dictionary: {entries} entries, as prh YAML and as a drafter checklist")
        print(f"before: {load()}")

        commands = {
            "textlint-prh": lambda t: [str(textlint), *t],
            "drafter": lambda t: drafter + ["check", *t],
            "drafter+dict": lambda t: drafter + ["check", "--checklist", str(dictionary), *t],
        }
        results: dict[str, dict[str, Runs]] = {}
        plan = [(label, targets[label]) for label in (f"{t}×" for t in SIZES)]
        # textlint expands a quoted glob itself; drafter walks the folder.
        plan.append((folder_label, None))
        for label, files in plan:
            results[label] = {name: Runs() for name in commands}
            for name, build in commands.items():  # warm-up: disk caches, drafter's checklist cache
                args = build(files if files is not None else (["folder/*.txt"] if name == "textlint-prh" else ["folder"]))
                run_once(args, env, work, Runs())
            for r in range(rounds):
                names = list(commands)
                names = names[r % len(names):] + names[:r % len(names)]
                for name in names:
                    args = commands[name](files if files is not None else
                                          (["folder/*.txt"] if name == "textlint-prh" else ["folder"]))
                    run_once(args, env, work, results[label][name])

        print(f"after:  {load()}\n")
        print(f"{'input':<11}{'textlint-prh':>24}{'drafter':>24}{'drafter+dict':>24}"
              f"{'ratio wall':>16}{'ratio CPU':>16}")
        print(f"{'':<11}{'wall / CPU (s)':>24}{'wall / CPU (s)':>24}{'wall / CPU (s)':>24}"
              f"{'plain / +dict':>16}{'plain / +dict':>16}")
        for label, by in results.items():
            tl, dr, dd = by["textlint-prh"], by["drafter"], by["drafter+dict"]

            def cell(r: Runs) -> str:
                return f"{r.median_wall():.3f} / {r.median_cpu():.3f}"

            rw = f"{dr.median_wall() / tl.median_wall():.2f} / {dd.median_wall() / tl.median_wall():.2f}"
            rc = f"{dr.median_cpu() / tl.median_cpu():.2f} / {dd.median_cpu() / tl.median_cpu():.2f}"
            print(f"{label:<11}{cell(tl):>24}{cell(dr):>24}{cell(dd):>24}{rw:>16}{rc:>16}")
        print(f"(medians of {rounds} interleaved rounds; ratio = drafter ÷ textlint-prh; target ≤ 0.20)")

        # Linearity and memory: drafter alone, every check on, with the dictionary.
        lin = {label: Runs() for label in ("250×", "1000×")}
        for label in lin:
            run_once(commands["drafter+dict"](targets[label]), env, work, Runs())
        for _ in range(max(3, rounds)):
            for label in lin:
                run_once(commands["drafter+dict"](targets[label]), env, work, lin[label])
        wall_ratio = lin["1000×"].median_wall() / lin["250×"].median_wall()
        cpu_ratio = lin["1000×"].median_cpu() / lin["250×"].median_cpu()
        print(f"\nlinearity (drafter+dict): 250× {lin['250×'].median_wall():.3f} s wall / "
              f"{lin['250×'].median_cpu():.3f} s CPU; 1000× {lin['1000×'].median_wall():.3f} s / "
              f"{lin['1000×'].median_cpu():.3f} s; ratio 1000×/250× wall {wall_ratio:.2f}, CPU {cpu_ratio:.2f} "
              f"(target ≤ 4.1)")
        print("peak RSS: " + ", ".join(
            f"{label} drafter {by['drafter'].rss / 1024:.0f} MB, +dict {by['drafter+dict'].rss / 1024:.0f} MB, "
            f"textlint {by['textlint-prh'].rss / 1024:.0f} MB" for label, by in results.items())
              + f"; 1000× +dict {lin['1000×'].rss / 1024:.0f} MB (target ≤ 150 MB at 250×)")
        distinct_rows(work, env, textlint, commands, rounds)
        print(f"end: {load()}")
        if not os.environ.get("BENCH_TEXTLINT_DIR"):
            shutil.rmtree(tmp_path / "npm", ignore_errors=True)


def distinct_rows(work: Path, env: dict, textlint: Path, commands: dict, rounds: int) -> None:
    """The 250× input repeats one report, and drafter's typo detector remembers its findings per
    paragraph (in the user cache), so it scores the report's ≈ 40 distinct paragraphs once. A real
    2.7 MB report repeats nothing: time ≈ 2.5 MB of distinct corpus paragraphs too, drafter with
    its findings remembered from the previous run (a writer re-checking) and with the findings
    file deleted before each run (a report checked for the first time)."""
    shared = Path(os.environ.get("BENCH_SHARED") or Path(__file__).resolve().parents[2] / "shared")
    path = distinct_text(shared, work) if (shared / "corpus").is_dir() else None
    if path is None:
        print(f"\n(no corpus at {shared}/corpus, BENCH_SHARED: the distinct-text rows are skipped)")
        return
    findings = Path(env["DRAFTER_CACHE_DIR"]) / "typo-suspects.sqlite3"

    def forget() -> None:
        findings.unlink(missing_ok=True)

    rows = {"textlint-prh": Runs(), "drafter": Runs(), "drafter, findings not cached": Runs()}
    files = [path.name]
    run_once(commands["drafter"](files), env, work, Runs())
    run_once(commands["textlint-prh"](files), env, work, Runs())
    for r in range(max(1, rounds)):
        names = list(rows)
        for name in names[r % 3:] + names[:r % 3]:
            if name == "drafter, findings not cached":
                run_once(commands["drafter"](files), env, work, rows[name], before=forget)
            else:
                run_once(commands[name](files), env, work, rows[name])
    tl = rows["textlint-prh"]
    print(f"\n{path.stat().st_size / 1e6:.2f} MB of distinct corpus paragraphs (medians of {max(1, rounds)} rounds):")
    for name, runs in rows.items():
        ratio = "" if name == "textlint-prh" else \
            f"   ratio wall {runs.median_wall() / tl.median_wall():.2f}, CPU {runs.median_cpu() / tl.median_cpu():.2f}"
        print(f"  {name:<30}{runs.median_wall():8.3f} s wall / {runs.median_cpu():.3f} s CPU, "
              f"{runs.rss / 1024:.0f} MB{ratio}")


if __name__ == "__main__":
    main()
