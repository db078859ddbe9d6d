"""Ignores that last: which findings the writer or reviewer has set aside, and why.

Two places say so, and the CLI, the editor and the language server all read both:

- the project file's ``ignore`` list (``drafter.yaml``): a finding by ``fingerprint`` (see
  :mod:`drafter.review.fingerprint`), or by ``code`` and ``text``, optionally only in one ``file``
  (codes and prefixes there are handled with ``--ignore`` before this);
- an inline marker in the draft, a drafting note that the renderer strips like any other:
  ``【注：忽略】`` ignores every finding on its line, ``【注：忽略 typo.word, placeholder】`` only
  those codes (or prefixes). In Markdown ``<!-- 忽略 typo.word -->`` works too.

:func:`split_ignored` divides a check's diagnostics into those reported and those ignored, each
ignored one with its :class:`IgnoreReason`, so that the editor can list them and restore one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..files.patterns import compile as re_compile
from ..options import CheckOptions, IgnoredFinding
from ..report.model import Report

#: The note's text after 【注： or <!--: the word 忽略 (or drafter-ignore), then optional codes.
_MARKER = re_compile(r"^(?:【注[：:]|<!--)\s*(?:忽略|drafter-ignore)(?=[\s:：】,，]|-->|$)[\s:：]*([^】]*?)\s*(?:】|-->)$")
_CODE = re_compile(r"[a-z][a-z0-9-]*(?:\.[a-z0-9*][a-z0-9.*-]*)?")


@dataclass(frozen=True)
class InlineMarker:
    """An ignore marker written in the draft: where, and which codes (empty = all) on its line."""

    start: int
    end: int
    line: int
    codes: tuple[str, ...]

    def covers(self, diagnostic: Diagnostic) -> bool:
        """Whether this marker ignores ``diagnostic`` (on the marker's line, a listed code)."""
        if diagnostic.span.line != self.line:
            return False
        return not self.codes or any(diagnostic.code == c or diagnostic.code.startswith(c.rstrip(".*") + ".")
                                     for c in self.codes)


@dataclass(frozen=True)
class IgnoreReason:
    """Why a finding is not reported: an entry of a project file, or a marker in the draft."""

    kind: str                             #: "config" or "marker"
    entry: IgnoredFinding | None = None   #: the project file's entry (kind "config")
    marker: InlineMarker | None = None    #: the draft's marker (kind "marker")

    def describe(self) -> str:
        """Where the ignore is written, for people: “drafter.yaml 第 12 行” or “正文第 8 行的标记”."""
        if self.entry is not None:
            return f"{os.path.basename(self.entry.origin)} 第 {self.entry.line} 行"
        assert self.marker is not None
        return f"正文第 {self.marker.line} 行的标记"


@dataclass
class IgnoredDiagnostic:
    """A finding that was found and then set aside, with the reason."""

    diagnostic: Diagnostic
    reason: IgnoreReason


def inline_markers(report: Report) -> list[InlineMarker]:
    """The ignore markers among the report's drafting notes."""
    out = []
    for note in report.notes:
        m = _MARKER.match(report.text[note.start:note.end])
        if m is None:
            continue
        codes = tuple(_CODE.findall(m.group(1)))
        out.append(InlineMarker(note.start, note.end, note.line, codes))
    return out


def _entry_matches(entry: IgnoredFinding, d: Diagnostic, path: str | None) -> bool:
    if entry.file is not None and (not path or os.path.normpath(os.path.abspath(path)) != entry.file):
        return False
    if entry.fingerprint is not None:
        return d.fingerprint == entry.fingerprint
    return d.code == entry.code and d.text == entry.text


def split_ignored(diagnostics: list[Diagnostic], report: Report, options: CheckOptions,
                  path: str | None) -> tuple[list[Diagnostic], list[IgnoredDiagnostic]]:
    """(reported, ignored): the diagnostics the project file's entries or the draft's markers
    do not cover, and those they do, each with its reason. Fingerprints must be set."""
    markers = inline_markers(report) if report.notes else []
    entries = options.ignore_findings
    if not markers and not entries:
        return diagnostics, []
    kept: list[Diagnostic] = []
    ignored: list[IgnoredDiagnostic] = []
    for d in diagnostics:
        reason = None
        entry = next((e for e in entries if _entry_matches(e, d, path)), None)
        if entry is not None:
            reason = IgnoreReason("config", entry=entry)
        else:
            marker = next((m for m in markers if m.covers(d)), None)
            if marker is not None:
                reason = IgnoreReason("marker", marker=marker)
        if reason is None:
            kept.append(d)
        else:
            ignored.append(IgnoredDiagnostic(d, reason))
    return kept, ignored
