"""Noise of the typo detector (typo.suspect) on clean real report text: suspects per 10,000 CJK characters.

The dev set (``../shared/csc``) measures false alarms on single correct sentences of laws and
notices; a real report is different text — campaign names, media, slogans, placeholders (XX, *) —
and a reviewer judges the detector by what it raises there. This script runs the detector exactly
as ``drafter check`` does (the protected-text finder, the detector-only names, then the detector)
on every paragraph of the given texts and prints every suspect at or above ``--floor`` with a few
characters around it, then the count per 10,000 CJK characters at each threshold, the shipped one
marked. Read the list: each line is either a real slip in the source text or noise.

The real texts are openings of third-party web pages (the ``search`` tool's ``pages`` corpus, whose
terms say never to copy them): they are NOT in the repository. The script reads ``*.txt`` from the
folders given, by default ``$DRAFTER_REAL_REPORTS`` and ``../shared/real-reports``, and always the
repository's sample and corrected sample (one report among the others, never a tuning target).

Run: ``.venv/bin/python benchmarks/bench_typo_noise.py [FOLDER …] [--floor 0.3]``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [ROOT / "samples" / "propaganda-dept-2020-h1-report.txt",
           ROOT / "tests" / "data" / "corrected-seed" / "propaganda-dept-2020-h1-report.txt"]
THRESHOLDS = (0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def default_folders() -> list[Path]:
    env = os.environ.get("DRAFTER_REAL_REPORTS")
    return [Path(env)] if env else [ROOT.parent / "shared" / "real-reports"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path, help="folders of clean *.txt reports")
    ap.add_argument("--floor", type=float, default=0.3, help="list suspects from this confidence on")
    args = ap.parse_args(argv)
    from drafter.report.protected import protected_spans
    from drafter.typos.detector import Detector
    from drafter.typos.findings import frozen_spans
    from drafter.typos.results import model

    files = [f for folder in (args.folders or default_folders()) if folder.is_dir()
             for f in sorted(folder.glob("*.txt"))]
    if not files:
        print("no real report texts found (give a folder, or set DRAFTER_REAL_REPORTS): the sample only")
    files += SAMPLES
    detector = Detector(threshold=args.floor)
    shipped = float(model()["threshold"])
    chars, found = 0, []
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        chars += sum("\u4e00" <= ch <= "\u9fff" for ch in text)
        for line in text.splitlines():
            if not line.strip():
                continue
            for s in detector.paragraph(line, frozen_spans(protected_spans(line), line)):
                around = f"{line[max(0, s.start - 6):s.start]}[{s.original}→{s.suggestion}]{line[s.end:s.end + 6]}"
                found.append((s.confidence, path.name[:32], s.kind, around))
    found.sort(key=lambda r: -r[0])
    for conf, name, kind, around in found:
        print(f"{conf:.2f}  {name:32s} {kind:10s} {around}")
    print(f"{len(files)} texts, {chars} CJK characters; shipped threshold {shipped}")
    for t in THRESHOLDS:
        n = sum(1 for r in found if r[0] >= t)
        mark = "  <- shipped" if abs(t - shipped) < 1e-9 else ""
        print(f"  threshold {t:.2f}: {n:3d} suspects, {n / max(chars, 1) * 1e4:.2f} per 10,000 characters{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
