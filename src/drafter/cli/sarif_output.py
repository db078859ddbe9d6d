"""``drafter check --format sarif``: the findings as a SARIF 2.1.0 log (docs/ci.md).

One run per invocation. Rules carry their help text (:mod:`drafter.review.ruledocs`); results carry
regions in the file's own terms — 1-based lines (paragraphs for .docx) and columns in Unicode
code points (``columnKind: unicodeCodePoints``), end column exclusive as SARIF wants — a
``partialFingerprints`` entry (:mod:`drafter.review.fingerprint`) and, where a fix exists, ``fixes[]``.
Unreadable files become tool execution notifications, checklist problems tool configuration
notifications, so neither is mistaken for a finding in a report.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

from ..api import CheckResult
from ..diagnostics import Diagnostic
from ..errors import DrafterError
from ..report.textpos import LineIndex
from ..review.ruledocs import rule_help

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#: The key of drafter's fingerprint in ``partialFingerprints`` (versioned with the fingerprint).
FINGERPRINT_KEY = "drafterFindingHash/v1"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A path as a SARIF URI: relative paths stay relative (to ``SRCROOT``), percent-encoded."""
    if path == "-":
        return "stdin"
    if os.path.isabs(path):
        from pathlib import Path

        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


def _region(index: LineIndex, start: int, end: int, text: str | None = None) -> dict[str, Any]:
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    region: dict[str, Any] = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
    if text:
        region["snippet"] = {"text": text}
    return region


def _fixes(d: Diagnostic, index: LineIndex, uri: str) -> list[dict[str, Any]]:
    if d.fix is None or not d.fix.edits:
        return []
    replacements = [{"deletedRegion": _region(index, e.start, e.end),
                     "insertedContent": {"text": e.replacement}} for e in d.fix.edits]
    label = f"改为“{d.suggestion}”" if d.suggestion else ("删除" if d.suggestion == "" else "应用修复")
    return [{"description": {"text": label + ("" if d.fix.safe else "（需人工确认）")},
             "artifactChanges": [{"artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"},
                                  "replacements": replacements}]}]


def _rule(code: str, d: Diagnostic) -> dict[str, Any]:
    help_ = rule_help(code, d.data)
    return {
        "id": code,
        "shortDescription": {"text": help_.summary},
        "fullDescription": {"text": help_.text},
        "help": {"text": help_.text, "markdown": help_.markdown},
        "defaultConfiguration": {"level": _LEVEL[d.severity._value_]},
        "properties": {"tags": [code.split(".")[0]]},
    }


def sarif_log(results: list[CheckResult], errors: list[DrafterError], config_problems: list[DrafterError] = (),
              baseline_used: bool = False) -> dict[str, Any]:
    """The SARIF 2.1.0 log of one ``drafter check`` run."""
    from ..version import __version__

    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    sarif_results: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for file_index, result in enumerate(results):
        source = result.source
        uri = artifact_uri(source.path)
        artifacts.append({"location": {"uri": uri, "uriBaseId": "SRCROOT"}, "encoding": source.encoding_label,
                          "properties": {"lineUnit": source.line_unit}})
        index = result.report.index
        for d in result.diagnostics:
            if d.code not in rule_index:
                rule_index[d.code] = len(rules)
                rules.append(_rule(d.code, d))
            item: dict[str, Any] = {
                "ruleId": d.code,
                "ruleIndex": rule_index[d.code],
                "level": _LEVEL[d.severity._value_],
                "message": {"text": d.message + (f"（建议：{d.suggestion or '删除'}）" if d.suggestion is not None else "")},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT", "index": file_index},
                    "region": _region(index, d.span.start, d.span.end, d.text),
                }}],
                "partialFingerprints": {FINGERPRINT_KEY: d.fingerprint},
                "properties": {"part": d.part, "section": d.section},
            }
            if baseline_used:
                item["baselineState"] = "new"
            fixes = _fixes(d, index, uri)
            if fixes:
                item["fixes"] = fixes
            sarif_results.append(item)
    invocation: dict[str, Any] = {"executionSuccessful": not errors,
                                  "toolExecutionNotifications": [_notification(e, "error") for e in errors],
                                  "toolConfigurationNotifications": [_notification(e, "warning") for e in config_problems]}
    cwd = os.getcwd().replace(os.sep, "/").rstrip("/") + "/"
    from pathlib import Path

    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "drafter", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/drafter/", "rules": rules}},
            "originalUriBaseIds": {"SRCROOT": {"uri": Path(cwd).as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "invocations": [invocation],
            "results": sarif_results,
        }],
    }


def _notification(error: DrafterError, level: str) -> dict[str, Any]:
    out: dict[str, Any] = {"level": level, "message": {"text": error.message}}
    if error.path:
        location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(error.path)}}}
        if error.line:
            location["physicalLocation"]["region"] = {"startLine": error.line}
        out["locations"] = [location]
    return out
