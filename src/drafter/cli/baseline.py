"""``drafter check --write-baseline FILE`` / ``--baseline FILE``: report only what is new.

A baseline records each checked file's findings by fingerprint (:mod:`drafter.review.fingerprint`:
code, flagged text, near context, outline area — never line numbers), so a finding keeps its
identity when text above it changes (a finding whose own context changed is still matched by its
code, text and outline area, if one such is left over). Checking against it reports, and fails on, only findings not
in the baseline; those still there are counted as known and those gone as fixed. Paths are kept
relative to the baseline file's folder, so the file works from any current folder and in CI.

Format (JSON, UTF-8)::

    {"version": 1, "tool": "drafter", "fingerprint_version": 1,
     "files": {"reports/a.txt": [{"fingerprint": "…", "loose": "…", "code": "typo.word", "line": 8,
                                       "text": "…"}]}}
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..api import CheckResult
from ..errors import DrafterError
from ..files.save import atomic_write
from ..review.fingerprint import FINGERPRINT_VERSION, loose_key, pair_findings

BASELINE_VERSION = 1


def _key(path: str, folder: Path) -> str:
    if path == "-":
        return "-"
    return os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")


def write_baseline(path: str, results: list[CheckResult]) -> int:
    """Write the findings of ``results`` as a baseline at ``path``; return how many.

    Raises:
        DrafterError: the file cannot be written.
    """
    folder = Path(os.path.abspath(path)).parent
    files: dict[str, list[dict]] = {}
    for result in results:
        files[_key(result.source.path, folder)] = [
            {"fingerprint": d.fingerprint, "loose": loose_key(d), "code": d.code, "line": d.span.line,
             "text": d.text[:80]}
            for d in result.diagnostics]
    data = {"version": BASELINE_VERSION, "tool": "drafter", "fingerprint_version": FINGERPRINT_VERSION,
            "files": dict(sorted(files.items()))}
    try:
        atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    except OSError as exc:
        raise DrafterError(f"无法写入基线文件（{exc.strerror or exc}）", path) from None
    return sum(len(v) for v in files.values())


@dataclass
class Baseline:
    """A loaded baseline and what checking against it found, per file and in total."""

    path: str
    files: dict[str, list[tuple[str, str]]]
    #: path → (known, fixed): findings still present but not reported, and findings gone
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str) -> "Baseline":
        """Read a baseline written by :func:`write_baseline`.

        Raises:
            DrafterError: missing, unreadable or not a drafter baseline (one line, what to do).
        """
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise DrafterError("基线文件不存在；先用 --write-baseline 生成", path) from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise DrafterError(f"无法读取基线文件（{exc}）；请用 --write-baseline 重新生成", path) from None
        if not isinstance(data, dict) or data.get("tool") != "drafter" or not isinstance(data.get("files"), dict):
            raise DrafterError("不是 drafter 的基线文件；请用 --write-baseline 重新生成", path)
        if data.get("version") != BASELINE_VERSION or data.get("fingerprint_version") != FINGERPRINT_VERSION:
            raise DrafterError("基线文件的版本与本 drafter 不符；请用 --write-baseline 重新生成", path)
        files = {str(k): [(str(item.get("fingerprint")), str(item.get("loose"))) for item in v if isinstance(item, dict)]
                 for k, v in data["files"].items() if isinstance(v, list)}
        return cls(path=path, files=files)

    def apply(self, result: CheckResult) -> CheckResult:
        """Keep only ``result``'s findings that are not in the baseline (in place); count the rest.
        Findings match by fingerprint, then (for what is left) by code, text and outline area."""
        known = self.files.get(_key(result.source.path, Path(os.path.abspath(self.path)).parent), [])
        pairs, fixed, new = pair_findings(known, [(d.fingerprint, loose_key(d)) for d in result.diagnostics])
        self.stats[result.source.path] = (len(pairs), len(fixed))
        result.diagnostics = [result.diagnostics[j] for j in new]
        return result

    def totals(self) -> tuple[int, int]:
        """(known, fixed) over every file checked against the baseline."""
        return sum(k for k, _ in self.stats.values()), sum(f for _, f in self.stats.values())

    def describe(self) -> str:
        """The summary's words: “基线：已知 12 个未报告，已修复 3 个”."""
        known, fixed = self.totals()
        return f"基线 {os.path.basename(self.path)}：{known} 个已知问题未报告，{fixed} 个已修复"

    def annotate(self, document: dict) -> None:
        """Add ``baseline`` counts to the JSON contract's files and summary (additive fields)."""
        for item in document.get("files", []):
            known, fixed = self.stats.get(item["path"], (0, 0))
            item["baseline"] = {"known": known, "fixed": fixed}
        known, fixed = self.totals()
        document["summary"]["baseline"] = {"path": self.path, "known": known, "fixed": fixed}
