"""Does a change leave drafter's output alone? Save every output over a fixed set of inputs, then
compare after the change (a speed-up must change nothing a user sees).

Inputs: the bundled samples and the test data (``tests/data``), the seed repeated 30 times, the
seed as GB18030 and with CRLF line ends, and deterministic slices of the shared corpus (three of
≈ 40,000 characters from each file of ``../shared/corpus``, or ``--shared``), plus every ``.txt`` /
``.md`` file of any folder given with ``--extra`` (real reports kept outside the repository).
For each input it records ``drafter check`` in the text, JSON, SARIF and GitHub formats, ``--diff``,
``--select typo`` and ``--checklist`` with the bench dictionary: stdout, stderr and the exit code.

    python tools/same_output.py save /tmp/before [--extra DIR ...]
    python tools/same_output.py check /tmp/before [--extra DIR ...]

``check`` prints the first differences and exits 1 when any output differs. The drafter run is the
one beside this Python (``--drafter`` names another). Runs use ``--no-config`` with a fixed
``--date`` so the machine's date never matters, and two processes at a time.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"
SLICE = 40_000

VARIANTS: dict[str, list[str]] = {
    "text": [],
    "json": ["--format", "json"],
    "sarif": ["--format", "sarif"],
    "github": ["--format", "github"],
    "diff": ["--diff", "--no-outline"],
    "typo": ["--select", "typo", "--format", "json"],
}
#: only on the small inputs: these are rarer paths, not worth running on every corpus slice
SMALL_ONLY = {"sarif", "github", "diff"}


def build_inputs(work: Path, shared: Path | None, extra: list[Path]) -> list[Path]:
    """Write the generated inputs into ``work``; return every input, in a stable order."""
    inputs = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md"))
    inputs += sorted(p for p in (ROOT / "tests" / "data").rglob("*")
                     if p.suffix in (".txt", ".md") and p.stat().st_size < 2_000_000)
    seed = SEED.read_text(encoding="utf-8")
    generated = {
        "seed-x30.txt": ("\n".join([seed] * 30)).encode("utf-8"),
        "seed-gb18030.txt": seed.encode("gb18030"),
        "seed-crlf-bom.txt": ("\ufeff" + seed.replace("\n", "\r\n")).encode("utf-8"),
    }
    if shared is not None and (shared / "corpus").is_dir():
        for gz in sorted((shared / "corpus").glob("*.gz")):
            with gzip.open(gz, "rt", encoding="utf-8") as f:
                text = f.read(6 * SLICE)
            for k in range(3):
                chunk = text[k * 2 * SLICE: k * 2 * SLICE + SLICE]
                generated[f"corpus-{gz.name.split('.')[0]}-{k}.txt"] = chunk.encode("utf-8")
    for name, data in generated.items():
        (work / name).write_bytes(data)
        inputs.append(work / name)
    for folder in extra:
        inputs += sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md"))
    return inputs


def dictionary(work: Path) -> Path:
    """The bench dictionary as a drafter checklist (benchmarks/bench_check.py's generator)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_check import _bench_checklist
    path = work / "dict.yaml"
    _bench_checklist(path)
    return path


def run(drafter: list[str], args: list[str], cwd: Path) -> dict:
    """One run's stdout, stderr and exit code (paths made relative to ``cwd``)."""
    proc = subprocess.run(drafter + ["check", "--no-config", "--date", "2020-07-10", *args],
                          check=False, capture_output=True, cwd=cwd, timeout=600)
    return {"code": proc.returncode, "out": proc.stdout.decode("utf-8", "replace"),
            "err": proc.stderr.decode("utf-8", "replace")}


def outputs(drafter: list[str], shared: Path | None, extra: list[Path]) -> dict[str, dict]:
    """Every recorded output, keyed by "input | variant"."""
    with tempfile.TemporaryDirectory(prefix="drafter-same-") as tmp:
        work = Path(tmp)
        inputs = build_inputs(work, shared, extra)
        checklist = dictionary(work)
        jobs: list[tuple[str, list[str], Path]] = []
        for path in inputs:
            label = str(path.relative_to(work) if path.is_relative_to(work) else
                        path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            small = path.stat().st_size < 60_000
            for variant, args in VARIANTS.items():
                if variant in SMALL_ONLY and not small:
                    continue
                jobs.append((f"{label} | {variant}", [*args, str(path)], path.parent))
            jobs.append((f"{label} | dict", ["--format", "json", "--checklist", str(checklist), str(path)],
                         path.parent))
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda job: run(drafter, job[1], job[2]), jobs))
        return {key: _normalise(result, work) for (key, _, _), result in zip(jobs, results)}


def _normalise(result: dict, work: Path, root: str = str(ROOT)) -> dict:
    """Temporary folder names vary from run to run, the repository's place from worktree to
    worktree; nothing else may."""
    for key in ("out", "err"):
        result[key] = result[key].replace(str(work), "<work>").replace(root, "<root>")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("save", "check"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--extra", type=Path, action="append", default=[])
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("DRAFTER_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--drafter", default=str(Path(sys.executable).parent / "drafter"))
    args = parser.parse_args(argv)
    shared = args.shared if args.shared.is_dir() else None
    got = outputs([args.drafter], shared, args.extra)
    store = args.folder / "outputs.json"
    if args.mode == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        store.write_text(json.dumps({"root": str(ROOT), "outputs": got}, ensure_ascii=False), encoding="utf-8")
        digest = hashlib.sha256(store.read_bytes()).hexdigest()[:12]
        print(f"saved {len(got)} outputs to {store} ({digest})")
        return 0
    stored = json.loads(store.read_text(encoding="utf-8"))
    saved = {key: _normalise(result, Path("<work>"), stored["root"]) for key, result in stored["outputs"].items()}
    differ = [k for k in sorted(set(saved) | set(got)) if saved.get(k) != got.get(k)]
    for key in differ[:5]:
        before, after = saved.get(key, {}), got.get(key, {})
        print(f"--- {key}: exit {before.get('code')} → {after.get('code')}")
        for part in ("out", "err"):
            lines = list(difflib.unified_diff(before.get(part, "").splitlines(), after.get(part, "").splitlines(),
                                              "before", "after", n=1, lineterm=""))
            print("\n".join(lines[:30]))
    print(f"{len(got)} outputs, {len(differ)} differ" + ("" if not differ else f" (first: {differ[0]})"))
    return 1 if differ else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
