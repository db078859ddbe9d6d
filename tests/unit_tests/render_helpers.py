"""Helpers shared by the render tests: the outline of a check result without line numbers."""

from __future__ import annotations

from drafter.cli.json_output import outline_json

SEED_NAME = "propaganda-dept-2020-h1-report.txt"
DRAFT_NAME = "propaganda-dept-2020-h1-draft.md"


def outline_shape(result) -> dict:
    """The matched outline (parts, areas, headings, phrases) with line numbers removed: the part
    of a check that must survive rendering, whatever the file's layout."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "line"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(outline_json(result))
