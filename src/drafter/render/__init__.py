"""Rendering a draft into its final text and exporting it (.txt, .md, .docx per GB/T 9704-2012).

Engine side: never imports Textual; python-docx is imported only when a .docx is written.

Stable entry points:

- :func:`render_text` — the final plain text, for the TUI's preview.
- :func:`build_final` — the final-document model the writers read.
- :func:`write_final` / :func:`export_bytes` — the file for a given suffix.
- :func:`render_blockers`, :func:`placeholders` — what gates ``drafter render``;
  :func:`carried_over`, :func:`kinds` — what the final text still carries, by kind.

See docs/render.md.
"""

from __future__ import annotations

import os

from ..report.model import Report
from ..outlines.matching import OutlineMatch
from .build import build_final
from .gate import Kind, carried_over, kinds, placeholders, render_blockers
from .model import Block, FinalDocument, Move
from .text_writer import to_md, to_txt

#: Output suffixes ``drafter render -o`` accepts.
FORMATS = (".docx", ".md", ".txt")


def render_text(report: Report, match: OutlineMatch, keep_numbering: bool = False) -> str:
    """The final text of ``report`` as plain text: what the TUI's preview shows.

    Title lines, a blank line, then one paragraph per line: parts and areas in the outline's
    order, numbering regenerated per level (or kept as written with ``keep_numbering``),
    drafting notes removed, placeholders left visible. Never raises on a parsed report.

    Args:
        report: the parsed draft (``CheckResult.report``).
        match: its outline match (``CheckResult.match``).
        keep_numbering: keep numbering marks as written instead of regenerating them.

    Returns:
        The final text, ending with a newline.
    """
    return to_txt(build_final(report, match, keep_numbering))


def export_bytes(doc: FinalDocument, suffix: str) -> bytes:
    """The bytes of ``doc`` as a file with ``suffix`` (.docx, .md or .txt; text is UTF-8).

    Raises:
        ValueError: an unsupported suffix.
    """
    suffix = suffix.lower()
    if suffix == ".docx":
        from .docx_writer import to_docx  # python-docx only when writing Word files

        return to_docx(doc)
    if suffix == ".md":
        return to_md(doc).encode("utf-8")
    if suffix == ".txt":
        return to_txt(doc).encode("utf-8")
    raise ValueError(suffix)


def write_final(doc: FinalDocument, path: str | os.PathLike[str]) -> None:
    """Write ``doc`` atomically to ``path``; the format follows the suffix.

    Raises:
        ValueError: an unsupported suffix.
        SaveError: the write failed; an existing file is unchanged.
    """
    from ..files.save import atomic_write

    atomic_write(path, export_bytes(doc, os.path.splitext(os.fspath(path))[1]))


__all__ = ["Block", "FORMATS", "FinalDocument", "Kind", "Move", "build_final", "carried_over", "export_bytes",
           "kinds", "placeholders", "render_blockers", "render_text", "to_md", "to_txt", "write_final"]
