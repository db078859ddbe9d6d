"""Plain-text and Markdown output of a :class:`FinalDocument`.

Both read back with ``drafter check`` to the same outline: .txt is one paragraph per line with
the title lines first and a blank line after them (the seed's layout); .md has ``# title``,
headings that stand on their own line as ``##``… by level, and a blank line between paragraphs.
"""

from __future__ import annotations

from .model import FinalDocument


def to_txt(doc: FinalDocument) -> str:
    """The final text as plain text, ending with a newline."""
    lines = list(doc.title_lines)
    if lines:
        lines.append("")
    lines.extend(block.full_text for block in doc.blocks)
    return "\n".join(lines) + "\n"


def to_md(doc: FinalDocument) -> str:
    """The final text as Markdown (no front matter, no notes), ending with a newline."""
    out = []
    if doc.title_lines:
        out.append("# " + doc.title)
    for block in doc.blocks:
        if block.kind == "heading" and not block.run_in:
            out.append("#" * min(block.level + 1, 6) + " " + block.full_text)
        else:
            out.append(block.full_text)
    return "\n\n".join(out) + "\n"
