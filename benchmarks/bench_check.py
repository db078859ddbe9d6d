"""Benchmark `drafter check`: whole-process and in-process timings and peak memory.

Generates, in a temporary folder, a 2,000-entry typo checklist and the seed report concatenated
30× (≈0.33 MB) and 250× (≈2.7 MB), then prints, for the seed and both concatenations, with all
checks on:

- whole process: ``drafter check FILE --checklist bench.yaml`` (start-up included), median of
  runs, with a cold checklist cache (first run) and a warm one; peak RSS of the child;
- in process: ``api.analyze`` on an already-read document with checklists loaded, median of runs;
- checklist loading: parsing and self-testing the 2,000 entries (cold) vs the pickled cache.

Targets (issue 3): seed in-process < 10 ms and whole-process < 0.2 s; 250× whole-process < 0.8 s
and < 300 MB. Run: ``.venv/bin/python benchmarks/bench_check.py``.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"
DRAFTER = [sys.executable, "-m", "drafter"]
_COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def _bench_checklist(path: Path, entries: int = 2000) -> None:
    """A typo checklist of ``entries`` three-character wrong → right pairs, each with an example."""
    rng = random.Random(20200710)
    chars = _COMMON
    seen: set[str] = set()
    lines = ["version: 1", "name: bench-typos", "source: generated for benchmarks/bench_check.py",
             "defaults: {type: substitution, code: typo.word, severity: warning}", "entries:"]
    while len(seen) < entries:
        wrong = "".join(rng.choice(chars) for _ in range(3)) + "误"
        if wrong in seen:
            continue
        seen.add(wrong)
        right = wrong[:-1] + "正"
        n = len(seen)
        lines += [f"  - id: e{n}", f"    wrong: {wrong}", f"    right: {right}",
                  "    examples:", f"      - bad: 甲{wrong}乙", f"        good: 甲{right}乙"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _median_run(args: list[str], env: dict, runs: int) -> tuple[float, float, int]:
    """(first run seconds, median of the following runs, peak RSS in KiB over all runs)."""
    times, peak = [], 0
    for _ in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"drafter exited {code}: {proc.stderr.read().decode()}")
    return times[0], statistics.median(times[1:]), peak


def main() -> None:
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        tmp_path = Path(tmp)
        env = dict(os.environ, DRAFTER_CACHE_DIR=str(tmp_path / "cache"))
        # An installed drafter has its bytecode compiled; without .pyc files every run would
        # recompile ~50 modules (≈50 ms), which is not what users see.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["DRAFTER_CACHE_DIR"] = env["DRAFTER_CACHE_DIR"]
        checklist = tmp_path / "bench-typos.yaml"
        _bench_checklist(checklist)
        (tmp_path / "drafter.yaml").write_text("date: 2020-07-10\n", encoding="utf-8")
        seed = SEED.read_text(encoding="utf-8")
        files = {}
        for times in (1, 30, 250):
            path = tmp_path / f"seed-x{times}.txt"
            path.write_text("\n".join([seed] * times), encoding="utf-8")
            files[times] = path

        # Checklist loading, in process.
        from drafter.checklists import cache as cache
        from drafter.checklists.format import read_checklist

        start = time.perf_counter()
        read_checklist(checklist, verify=True)
        parse_s = time.perf_counter() - start
        start = time.perf_counter()
        cache.load_checklists([checklist])          # cold: parse, self-test, compile, pickle
        cold_s = time.perf_counter() - start
        cache._load_set.cache_clear()
        start = time.perf_counter()
        loaded = cache.load_checklists([checklist])  # warm disk cache: unpickle only
        warm_s = time.perf_counter() - start
        print(f"checklists: {len(loaded.entries)} entries "
              f"({sum(len(c.entries) for c in loaded.checklists) - 2000} bundled + 2000 generated)")
        print(f"  parse+self-test 2,000-entry file: {parse_s * 1000:8.1f} ms")
        print(f"  load all, cold (parse, test, compile, pickle): {cold_s * 1000:8.1f} ms")
        print(f"  load all, from the pickled cache: {warm_s * 1000:8.1f} ms")

        from drafter.api import CheckOptions, analyze
        from drafter.files.source import read_source

        print(f"\n{'file':<14}{'size':>10}{'diags':>7}{'in-process':>14}{'whole (cold)':>14}"
              f"{'whole (warm)':>14}{'peak RSS':>11}")
        for times, path in files.items():
            options = CheckOptions(checklists=(str(checklist),))
            source = read_source(path)
            result = analyze(source, options)       # warm-up: outline, checklists, regexes
            samples = []
            for _ in range(max(3, runs if times < 250 else 3)):
                start = time.perf_counter()
                result = analyze(source, options)
                samples.append(time.perf_counter() - start)
            in_proc = statistics.median(samples)
            if times == 1:
                # The cold whole-process run is the first after the cache is emptied.
                for f in (tmp_path / "cache" / "checklists").glob("*.pickle"):
                    f.unlink()
            args = DRAFTER + ["check", str(path), "--checklist", str(checklist), "--no-outline"]
            cold, warm, peak = _median_run(args, env, runs if times < 250 else 3)
            print(f"{path.name:<14}{path.stat().st_size / 1e6:>8.2f}MB{len(result.diagnostics):>7}"
                  f"{in_proc * 1000:>11.1f} ms{cold:>12.3f} s{warm:>12.3f} s{peak / 1024:>8.0f} MB")
        print("\ntargets: seed in-process < 10 ms, whole < 0.2 s; 250x whole < 0.8 s, < 300 MB")


if __name__ == "__main__":
    main()
