"""Benchmark drafter's reading of report structure on real report texts.

Runs ``drafter check --format json`` on every case of ``tests/data/real-reports/cases.yaml`` (texts
collected from public pages, annotated by reading; see that folder's README) and prints, per case
and in total:

- area recall: areas the engine found in the part the annotation puts them in / areas present
  (propaganda cases only), and how many of those it placed on the annotated line or inside the block it opens;
- false "missing": ``outline.missing-*`` diagnostics for an area or part the annotation says is
  present, or for a part the report's genre does not have (a summary-only report's plan);
- misplaced: for cases annotated with a misplaced area, whether an ``outline.misplaced``
  diagnostic names it;
- false outline errors on reports with no propaganda outline (other departments, a company):
  every ``outline.*`` diagnostic at warning or error level;
- genre and period, where the JSON exposes them (``n/a`` when a field is absent).

Each text is copied into a temporary folder first, so that no ``drafter.yaml`` above the data
folder can change what is measured. Fields the JSON may gain later (``genre``, ``misplaced``,
``decided_by``…) are read when present and ignored otherwise.

Run: ``python benchmarks/bench_structure.py`` (``--cases cases-2.yaml`` the held-out set; ``-v`` lists what was missed per case,
``--drafter "drafter"`` runs another installed command, ``--only 04`` selects cases by prefix).
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "real-reports"
#: Where the texts may be: they are third-party pages and are not kept in the repository (see the
#: README beside cases.yaml). ``DRAFTER_REAL_REPORTS`` or ``--texts`` names the folder.
TEXT_FOLDERS = (ROOT.parent / "shared" / "real-reports", DATA)


#: Each annotation file and where its texts may be: the environment variable, then the folder
#: beside the repository. ``cases-2.yaml`` is the second, held-out set (collected after the engine
#: was designed; see its header).
SETS = {
    "cases.yaml": ("DRAFTER_REAL_REPORTS", "real-reports"),
    "cases-2.yaml": ("DRAFTER_REAL_REPORTS_2", "real-reports-2"),
}


def find_texts(explicit: Path | None, cases_file: str = "cases.yaml") -> Path | None:
    """The folder holding the case texts: ``--texts``, the set's variable, ``../shared/<set folder>``."""
    import os

    variable, folder_name = SETS.get(cases_file, SETS["cases.yaml"])
    shared = ROOT.parent / "shared" / folder_name
    defaults = TEXT_FOLDERS if cases_file == "cases.yaml" else (shared,)
    for folder in (explicit, os.environ.get(variable), *defaults):
        if folder and any(Path(folder).glob("[0-9][0-9]-*.txt")):
            return Path(folder)
    return None
PARTS = ("summary", "problems", "plan")
# Parts a genre has; a "missing" part outside these is a false error whatever the text holds.
GENRE_PARTS = {
    "h1": {"summary", "problems", "plan"},
    "h2": {"summary", "problems", "plan"},
    "annual": {"summary", "problems", "plan"},
    "summary-only": {"summary", "problems"},
    "plan-only": {"plan"},
    "other": {"summary", "problems", "plan"},
}
# Spellings an engine may use for a genre (compared case-insensitively).
GENRE_ALIASES = {
    "h1": {"h1", "half-year-1", "first-half", "half1", "上半年"},
    "h2": {"h2", "half-year-2", "second-half", "half2", "下半年"},
    "annual": {"annual", "year", "yearly", "全年", "年度"},
    "summary-only": {"summary-only", "summary", "总结"},
    "plan-only": {"plan-only", "plan", "计划"},
}
UNDATED_SOURCES = {"unknown", "today", "default", "assumed", None}


@dataclass
class CaseResult:
    """What the engine got right and wrong on one case."""

    name: str
    kind: str                      # propaganda | generic
    present: int = 0
    found: int = 0
    on_line: int = 0
    missed: list[str] = field(default_factory=list)
    false_missing: list[str] = field(default_factory=list)
    false_outline: list[str] = field(default_factory=list)
    misplaced: str = "-"
    genre: str = "n/a"
    period: str = "n/a"
    outline_name: str = "n/a"
    error: str | None = None


def run_drafter(command: list[str], text: Path) -> dict:
    """The JSON report of one file, checked from a scratch copy."""
    with tempfile.TemporaryDirectory(prefix="bench-structure-") as tmp:
        copy = Path(tmp) / text.name
        shutil.copyfile(text, copy)
        proc = subprocess.run([*command, "check", "--format", "json", str(copy)], cwd=tmp,
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"exit {proc.returncode}: {proc.stderr.strip()[:200]}")
    report = json.loads(proc.stdout)
    if not report.get("files"):
        raise RuntimeError(f"no file in the JSON: {report.get('errors')}")
    return report["files"][0]


def engine_parts(entry: dict) -> dict[str, dict]:
    """Outline parts by id (empty when the engine applied no outline)."""
    outline = entry.get("outline") or {}
    return {part.get("id"): part for part in outline.get("parts") or []}


def found_sections(part: dict | None) -> dict[str, int | None]:
    """Area id → line, for the areas the engine found in one part."""
    if not part or not part.get("found", True):
        return {}
    return {s.get("id"): s.get("line") for s in part.get("sections") or [] if s.get("found")}


def as_lines(value) -> list[int]:
    """Annotated line(s) of an area as a list."""
    return list(value) if isinstance(value, list) else [value]


def boundaries(case: dict) -> list[int]:
    """Every annotated line (area heads and part heads), sorted: where annotated blocks start."""
    lines = {part["line"] for part in (case.get("parts") or {}).values() if part}
    for areas in (case.get("areas") or {}).values():
        for value in (areas or {}).values():
            lines.update(as_lines(value))
    return sorted(lines)


def in_block(line: int | None, starts: list[int], marks: list[int]) -> bool:
    """Whether ``line`` is an annotated line of the area or inside the block it opens.

    A block runs from an annotated line to the next annotated line of any area or part, so an
    engine that places an area on the block's first item (1、…) rather than on its unnumbered
    head still agrees with the annotation.
    """
    if line is None:
        return False
    for start in starts:
        end = min((m for m in marks if m > start), default=None)
        if start <= line and (end is None or line < end):
            return True
    return False


def score_areas(case: dict, parts: dict[str, dict], result: CaseResult) -> None:
    """Area recall of a propaganda case: each annotated area looked up in its own part."""
    marks = boundaries(case)
    for part_id, areas in (case.get("areas") or {}).items():
        got = found_sections(parts.get(part_id))
        for area, lines in (areas or {}).items():
            result.present += 1
            if area in got:
                result.found += 1
                result.on_line += in_block(got[area], as_lines(lines), marks)
            else:
                result.missed.append(f"{part_id}.{area}")


def score_missing(case: dict, diagnostics: list[dict], result: CaseResult) -> None:
    """outline.missing-* diagnostics that contradict the annotation or the genre."""
    genre_parts = GENRE_PARTS.get(case.get("genre"), set(PARTS))
    annotated_parts = case.get("parts") or {}
    for diag in diagnostics:
        code = diag.get("code", "")
        if not code.startswith("outline.missing"):
            continue
        part, area = diag.get("part"), diag.get("section")
        if code == "outline.missing-part" and part:
            if annotated_parts.get(part) or part not in genre_parts:
                result.false_missing.append(f"part {part}")
        elif area and part:
            present = area in ((case.get("areas") or {}).get(part) or {})
            if present or part not in genre_parts:
                result.false_missing.append(f"{part}.{area}")


def score_misplaced(case: dict, diagnostics: list[dict], result: CaseResult) -> None:
    """yes/no per annotated misplaced area: is there an outline.misplaced naming it?"""
    wanted = case.get("misplaced") or []
    if not wanted:
        return
    named = {d.get("section") for d in diagnostics if d.get("code") == "outline.misplaced"}
    data_named = {(d.get("data") or {}).get("section") for d in diagnostics
                  if d.get("code") == "outline.misplaced"}
    hits = sum(1 for m in wanted if m["area"] in named | data_named)
    result.misplaced = f"{hits}/{len(wanted)}"


def genre_of(entry: dict) -> str | None:
    """The engine's genre, wherever the JSON carries it."""
    for holder in (entry, entry.get("outline") or {}, entry.get("period") or {}):
        value = holder.get("genre")
        if isinstance(value, dict):
            value = value.get("id") or value.get("name")
        if value:
            return str(value)
    return None


def score_genre(case: dict, entry: dict, result: CaseResult) -> None:
    """ok/WRONG(engine value) when the JSON has a genre, else n/a."""
    value = genre_of(entry)
    if value is None:
        return
    expected = case.get("genre")
    aliases = GENRE_ALIASES.get(expected, {expected})
    result.genre = "ok" if value.lower() in aliases else f"WRONG({value})"


def score_period(case: dict, entry: dict, result: CaseResult) -> None:
    """Year (and half, when annotated) against the annotation; n/a when not scored."""
    expected = case.get("period") or {}
    period = entry.get("period")
    if not expected.get("score", True) or period is None:
        return
    year, half, source = period.get("year"), period.get("half"), period.get("source")
    if expected.get("year") is None:
        ok = year is None or source in UNDATED_SOURCES
        result.period = "ok" if ok else f"WRONG({year} from {source})"
        return
    ok = year == expected["year"]
    if expected.get("half") is not None or case.get("genre") == "annual":
        ok = ok and half == expected.get("half")
    result.period = "ok" if ok else f"WRONG({year}/{half} from {source})"


def score_case(case: dict, entry: dict) -> CaseResult:
    """All figures of one case."""
    kind = "propaganda" if case.get("outline") == "propaganda" else "generic"
    result = CaseResult(case["file"], kind)
    outline = entry.get("outline") or {}
    result.outline_name = outline.get("name") or "none"
    diagnostics = entry.get("diagnostics") or []
    if kind == "propaganda":
        score_areas(case, engine_parts(entry), result)
        score_missing(case, diagnostics, result)
        score_misplaced(case, diagnostics, result)
    else:
        result.false_outline = [f"{d.get('code')}@{d.get('line')}" for d in diagnostics
                                if d.get("code", "").startswith("outline.")
                                and d.get("severity") in ("error", "warning")]
    score_genre(case, entry, result)
    score_period(case, entry, result)
    return result


def print_table(results: list[CaseResult], verbose: bool) -> None:
    """One line per case, then the totals."""
    header = (f"{'case':<46} {'outline':<22} {'areas':>7} {'line':>5} {'falseMiss':>9} "
              f"{'falseOutl':>9} {'mispl':>5}  genre / period")
    print(header)
    print("-" * len(header))
    for r in results:
        if r.error:
            print(f"{r.name:<46} ERROR {r.error}")
            continue
        areas = f"{r.found}/{r.present}" if r.kind == "propaganda" else "-"
        line = f"{r.on_line}" if r.kind == "propaganda" else "-"
        false_outline = str(len(r.false_outline)) if r.kind == "generic" else "-"
        false_missing = str(len(r.false_missing)) if r.kind == "propaganda" else "-"
        print(f"{r.name[:46]:<46} {r.outline_name[:22]:<22} {areas:>7} {line:>5} {false_missing:>9} "
              f"{false_outline:>9} {r.misplaced:>5}  {r.genre} / {r.period}")
        if verbose:
            for label, items in (("missed", r.missed), ("false missing", r.false_missing),
                                 ("false outline", r.false_outline)):
                if items:
                    print(f"    {label}: {', '.join(items)}")


def print_totals(results: list[CaseResult], cases: dict[str, dict]) -> None:
    """Totals over all cases, real texts and derived variants apart where it matters."""
    ok = [r for r in results if not r.error]
    prop = [r for r in ok if r.kind == "propaganda"]
    generic = [r for r in ok if r.kind == "generic"]

    def recall(rs: list[CaseResult]) -> str:
        present = sum(r.present for r in rs)
        found = sum(r.found for r in rs)
        return f"{found}/{present} = {100 * found / present:.1f} %" if present else "n/a"

    real = [r for r in prop if "derived_from" not in cases[r.name]]
    derived = [r for r in prop if "derived_from" in cases[r.name]]
    print()
    print(f"cases run: {len(ok)} ({len(prop)} with the propaganda outline, {len(generic)} without);"
          f" errors: {len(results) - len(ok)}")
    print(f"area recall (right part): {recall(prop)}   real texts {recall(real)}, "
          f"variants {recall(derived)}")
    on_line = sum(r.on_line for r in prop)
    print(f"  of the areas found, on the annotated line or in its block: {on_line}/{sum(r.found for r in prop)}")
    print(f"false 'missing' errors: {sum(len(r.false_missing) for r in prop)} "
          f"in {sum(1 for r in prop if r.false_missing)} of {len(prop)} cases")
    print(f"false outline errors/warnings on reports without a propaganda outline: "
          f"{sum(len(r.false_outline) for r in generic)} in "
          f"{sum(1 for r in generic if r.false_outline)} of {len(generic)} cases")
    mis = [r.misplaced for r in prop if r.misplaced != "-"]
    print(f"misplaced areas reported: {', '.join(mis) if mis else 'n/a'}")
    for label, attr in (("genre", "genre"), ("period", "period")):
        values = [getattr(r, attr) for r in ok if getattr(r, attr) != "n/a"]
        right = sum(1 for v in values if v == "ok")
        print(f"{label} correct: {f'{right}/{len(values)}' if values else 'n/a'}")


def main(argv: list[str] | None = None) -> int:
    """Run every (selected) case and print the table and the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with the annotation files")
    parser.add_argument("--cases", default="cases.yaml", choices=sorted(SETS),
                        help="annotation file: cases.yaml (first set) or cases-2.yaml (held-out set)")
    parser.add_argument("--texts", type=Path, default=None,
                        help="folder with the case texts (default: $DRAFTER_REAL_REPORTS, ../shared/real-reports)")
    parser.add_argument("--drafter", default=f"{shlex.quote(sys.executable)} -m drafter",
                        help="command that runs drafter (default: this Python's drafter)")
    parser.add_argument("--only", action="append", default=[], help="case file name prefix")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses per case")
    args = parser.parse_args(argv)

    spec = yaml.safe_load((args.data / args.cases).read_text(encoding="utf-8"))
    texts = find_texts(args.texts, args.cases)
    if texts is None:
        print("bench_structure: the case texts are not here (they are not in the repository); "
              "set DRAFTER_REAL_REPORTS (DRAFTER_REAL_REPORTS_2 for cases-2.yaml) or --texts to their folder (tests/data/real-reports/README.md)",
              file=sys.stderr)
        return 2
    cases = {c["file"]: c for c in spec["cases"]}
    command = shlex.split(args.drafter)
    results = []
    for name, case in cases.items():
        if args.only and not any(name.startswith(p) for p in args.only):
            continue
        try:
            results.append(score_case(case, run_drafter(command, texts / name)))
        except (RuntimeError, OSError, ValueError, subprocess.TimeoutExpired) as exc:
            results.append(CaseResult(name, "?", error=str(exc)))
    print_table(results, args.verbose)
    print_totals(results, cases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
