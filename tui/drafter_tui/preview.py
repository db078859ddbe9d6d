"""Preview content: the final text as it will be delivered.

This is the one place the preview comes from: the renderer's :func:`drafter.render.render_text`
(parts and areas in the outline's order, numbering regenerated, drafting notes removed), with
title and headings styled and unfilled placeholders highlighted.
"""

from __future__ import annotations

import re

from rich.text import Text

from drafter.api import CheckResult
from drafter.report.numbering import match_marker

#: Unfilled placeholders: X/XX figures (X次, X余条, X万多条次) and the template's “……”.
PLACEHOLDER = re.compile(r"[XＸ]{1,4}|……")


def final_text(text: str, result: CheckResult | None) -> str:
    """The delivered text: rendered from the latest check, else the buffer as it is."""
    if result is None:
        return text
    from drafter.render import render_text  # deferred: the preview is off until asked for

    return render_text(result.report, result.match)


def preview_content(text: str, result: CheckResult | None) -> Text:
    """The preview of ``text`` (``result`` is its latest check) as styled text."""
    final = final_text(text, result)
    out = Text(final)
    offset = 0
    in_title = True
    for line in final.split("\n"):
        end = offset + len(line)
        if not line.strip():
            in_title = False
        elif in_title:
            out.stylize("bold", offset, end)
        else:
            marker = match_marker(line)
            if marker is not None and marker.level <= 2:
                heading_end = line.find("。")
                stop = end if marker.level == 1 or heading_end == -1 else offset + heading_end + 1
                out.stylize("bold underline" if marker.level == 1 else "bold", offset, stop)
        offset = end + 1
    for m in PLACEHOLDER.finditer(final):
        out.stylize("black on yellow", m.start(), m.end())
    return out
