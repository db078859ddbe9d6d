"""The JSON contract of ``drafter check --format json`` (version 1; docs/json-contract.md)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..api import CheckResult
from ..errors import DrafterError
from .common import Tally

CONTRACT_VERSION = 1


def outline_json(result: CheckResult) -> dict[str, Any]:
    """The matched outline: parts, their areas, found or not, where, by which phrase or body
    terms and how sure; how the outline was chosen; misplaced areas and problems parts."""
    match, period = result.match, result.report.period
    parts = []
    for pm in match.parts:
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
                "decided_by": unit.decided_by if unit else None,
                "confidence": unit.confidence if unit else None,
                "terms": [[t, n] for t, n in unit.terms] if unit else [],
                "optional": sm.section.optional,
                "via": sm.via.id if sm.via else None,
                "elsewhere": ({"part": _part_of(match, sm.elsewhere), "line": sm.elsewhere.span.line}
                              if sm.elsewhere else None),
            })
        parts.append({
            "id": pm.part.id,
            "title": pm.part.title,
            "display_title": pm.part.title_for(period),
            "found": pm.found,
            "required": pm.required,
            "line": span.line if span else None,
            "heading": pm.division.heading.full_text if pm.division else None,
            "matched": pm.matched,
            "implicit": pm.implicit,
            "sections": sections,
            "extra": [{"line": u.span.line, "heading": u.heading} for u in pm.units
                      if u.area is None and not u.umbrella],
            "umbrella": [{"line": u.span.line, "heading": u.heading,
                          "areas": [s.area for s in pm.sub_units if s.parent is u]}
                         for u in pm.units if u.umbrella],
        })
    choice = result.choice
    return {
        "name": result.outline.name,
        "choice": {"reason": choice.reason, "unit": choice.unit, "kind": choice.kind,
                   "subject": choice.subject} if choice else None,
        "advisory": result.outline.advisory,
        "order": result.outline.order,
        "parts": parts,
        "problems": [{"line": d.heading.span.line, "heading": d.heading.full_text} for d in match.problems],
        "misplaced": [{"section": m.section.id, "line": m.unit.span.line, "heading": m.unit.heading,
                       "found_in": m.found_in.part.id, "belongs_to": m.belongs_to.part.id}
                      for m in match.misplaced],
    }


def _part_of(match, unit) -> str | None:
    return next((pm.part.id for pm in match.parts if unit in pm.units or unit in pm.sub_units), None)


def genre_json(result: CheckResult) -> dict[str, Any]:
    """The report's genre, from its title and the parts it has."""
    genre = result.match.genre
    return {"id": genre.id, "scope": genre.scope, "half": genre.half, "parts": genre.parts, "label": genre.label,
            "kind": genre.kind}


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
        "date": ({"value": result.date.value.isoformat(), "source": result.date.source,
                  "assumed": result.date.assumed} if result.date else None),
        "genre": genre_json(result),
        "outline": outline_json(result),
        "diagnostics": [d.to_json() for d in result.diagnostics],
        "counts": result.counts(),
        "truncated": None if result.truncated is None else {
            "limit": result.truncated.limit, "omitted": result.truncated.omitted,
            "stopped": list(result.truncated.stopped), "message": result.truncated.summary()},
    }


def document_json(results: list[CheckResult], errors: list[DrafterError]) -> dict[str, Any]:
    """The whole output: files, input errors, and a summary (for callers holding all results;
    ``drafter check`` streams with :class:`JsonStream` instead)."""
    tally = Tally()
    for result in results:
        tally.add(result)
    return {"version": CONTRACT_VERSION, "files": [file_json(r) for r in results], **tail_json(errors, tally)}


def tail_json(errors: list[DrafterError], tally: Tally) -> dict[str, Any]:
    """What follows the files: the unreadable files and the summary (callers may add fields)."""
    return {"errors": [error_json(e) for e in errors], "summary": tally.summary(len(errors))}


def error_json(error: DrafterError) -> dict[str, Any]:
    """One unreadable file as in the contract."""
    return {"path": error.path, "line": error.line, "message": error.message}


class JsonStream:
    """Writes the contract's document one file at a time, as each file is checked (the same
    JSON as :func:`document_json`): a folder of 10,000 reports used to hold every result until
    the end, ≈ 240 KB each. Indented by two spaces when ``pretty``, else compact (one line, no
    spaces: Python's C encoder, about four times faster than its indenting pure-Python one)."""

    def __init__(self, stream: TextIO, pretty: bool = True) -> None:
        self.stream = stream
        self.first = True
        self.pretty = pretty
        if pretty:
            stream.write(f'{{\n  "version": {CONTRACT_VERSION},\n  "files": [')
        else:
            stream.write(f'{{"version":{CONTRACT_VERSION},"files":[')

    def _dumps(self, value: Any) -> str:
        if self.pretty:
            return json.dumps(value, ensure_ascii=False, indent=2)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def file(self, result: CheckResult, extra: dict[str, Any] | None = None) -> None:
        """Write one checked file (with ``extra`` fields after the contract's, e.g. ``baseline``)."""
        item = file_json(result)
        if extra:
            item.update(extra)
        if self.pretty:
            body = self._dumps(item).replace("\n", "\n    ")
            self.stream.write(("\n    " if self.first else ",\n    ") + body)
        else:
            self.stream.write(("" if self.first else ",") + self._dumps(item))
        self.first = False

    def close(self, tail: dict[str, Any]) -> None:
        """Write what follows the files (:func:`tail_json`, with any added fields) and end the document."""
        rest = self._dumps(tail)
        if self.pretty:
            self.stream.write(("\n  ]," if not self.first else "],") + rest[1:] + "\n")
        else:
            self.stream.write("]," + rest[1:] + "\n")
