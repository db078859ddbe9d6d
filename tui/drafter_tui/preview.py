"""Preview content: the final text as it will be delivered.

This is the one place the preview comes from. Until the renderer (``drafter.render``) exists, it
is the document with headings styled and placeholders highlighted; switching to the renderer is
a change to :func:`preview_content` only.
"""

from __future__ import annotations

import re

from rich.text import Text

from drafter.api import CheckResult

#: Unfilled placeholders: X/XX figures (X次, X余条, X万多条次) and the template's “……”.
PLACEHOLDER = re.compile(r"[XＸ]{1,4}|……")


def preview_content(text: str, result: CheckResult | None) -> Text:
    """The preview of ``text`` (``result`` is its latest check, used to find headings)."""
    out = Text(text)
    if result is not None and result.report.text == text:
        for span in (p.span for p in result.report.title_lines):
            out.stylize("bold", span.start, span.end)
        for division in result.report.walk():
            span = division.heading.span
            out.stylize("bold" if division.level > 1 else "bold underline", span.start, span.end)
    for m in PLACEHOLDER.finditer(text):
        out.stylize("black on yellow", m.start(), m.end())
    return out
