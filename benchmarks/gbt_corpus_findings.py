"""Every punct.*/number.*/period.* finding on real official text, for reading one by one.

Reads the first documents of corpus files in ``../shared/corpus`` (one paragraph per line, an
empty line between documents), checks each document with only the GB/T 15834/15835 and period
codes selected, and prints the count per code and each finding with its context, so that a rule
firing on correct official prose is seen (and the rule fixed, not the text special-cased).

Run: ``.venv/bin/python benchmarks/gbt_corpus_findings.py [PARAGRAPHS_PER_FILE] [FILE …]``
(default 3000 paragraphs from gov_work_reports_1954_2025 and policy_docs_central_shandong).
"""

from __future__ import annotations

import collections
import gzip
import sys
from pathlib import Path

from drafter.api import CheckOptions, check_text

ROOT = Path(__file__).resolve().parents[1]
# ``../shared`` beside the repository (CI), or two levels up from a worktree in /work/wt/NAME.
CORPUS = next((p / "shared" / "corpus" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
              ROOT.parent / "shared" / "corpus")
DEFAULT = ("gov_work_reports_1954_2025.txt.gz", "policy_docs_central_shandong.txt.gz")
CODES = ("punct", "number", "period", "typo.punctuation", "typo.number")


def documents(path: Path, limit: int):
    """Documents (lists of paragraphs) from the start of ``path``, ``limit`` paragraphs in all."""
    doc: list[str] = []
    seen = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if doc:
                    yield doc
                doc = []
                continue
            doc.append(line)
            seen += 1
            if seen >= limit:
                break
    if doc:
        yield doc


def main(argv: list[str]) -> int:
    limit = int(argv[1]) if len(argv) > 1 else 3000
    names = argv[2:] or DEFAULT
    options = CheckOptions(project=False, select=CODES)
    counts: collections.Counter[str] = collections.Counter()
    paragraphs = 0
    for name in names:
        for doc in documents(CORPUS / name, limit):
            paragraphs += len(doc)
            # Chunks of 200 paragraphs keep each check's document small; no title: the period
            # check has no parts to judge here, only the text-level rules run.
            for i in range(0, len(doc), 200):
                text = "\n".join(doc[i:i + 200]) + "\n"
                result = check_text(text, options=options)
                for d in result.diagnostics:
                    if not d.code.startswith(CODES):
                        continue
                    counts[d.code] += 1
                    s, e = d.span.start, d.span.end
                    context = text[max(0, s - 15):e + 15].replace("\n", "⏎")
                    print(f"{d.code}\t{name.split('.')[0]}\t{d.message}\t…{context}…")
    print(f"\n{paragraphs} paragraphs from {', '.join(names)}")
    for code, n in sorted(counts.items()):
        print(f"{code:32} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
