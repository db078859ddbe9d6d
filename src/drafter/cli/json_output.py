"""The JSON contract of ``drafter check --format json`` (version 1; docs/json-contract.md)."""

from __future__ import annotations

from typing import Any

from ..api import CheckResult
from ..errors import DrafterError

CONTRACT_VERSION = 1


def outline_json(result: CheckResult) -> dict[str, Any]:
    """The matched outline: parts, their areas, found or not, where, and by which phrase."""
    parts = []
    for pm in result.match.parts:
        span = pm.span
        sections = []
        for sm in pm.sections:
            unit = sm.unit
            sections.append({
                "id": sm.section.id,
                "title": sm.section.title,
                "found": sm.found,
                "line": unit.span.line if unit else None,
                "heading": unit.heading if unit else None,
                "matched": unit.matched if unit else None,
                "matched_by": unit.kind if unit else None,
            })
        parts.append({
            "id": pm.part.id,
            "title": pm.part.title,
            "found": pm.found,
            "line": span.line if span else None,
            "heading": pm.division.heading.full_text if pm.division else None,
            "matched": pm.matched,
            "implicit": pm.implicit,
            "sections": sections,
            "extra": [{"line": u.span.line, "heading": u.heading} for u in pm.units if u.area is None],
        })
    return {"name": result.outline.name, "parts": parts}


def file_json(result: CheckResult) -> dict[str, Any]:
    """One checked file as in the contract."""
    source, report = result.source, result.report
    return {
        "path": source.path,
        "format": source.format,
        "encoding": source.encoding_label,
        "newline": source.newline,
        "line_unit": source.line_unit,
        "title": report.title,
        "period": {"year": report.period.year, "half": report.period.half, "source": report.period.source},
        "outline": outline_json(result),
        "diagnostics": [d.to_json() for d in result.diagnostics],
        "counts": result.counts(),
    }


def document_json(results: list[CheckResult], errors: list[DrafterError]) -> dict[str, Any]:
    """The whole output: files, input errors, and a summary."""
    summary = {"files": len(results), "error": 0, "warning": 0, "info": 0, "unreadable": len(errors)}
    for result in results:
        for severity, count in result.counts().items():
            summary[severity] += count
    return {
        "version": CONTRACT_VERSION,
        "files": [file_json(r) for r in results],
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in errors],
        "summary": summary,
    }
