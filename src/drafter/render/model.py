"""The final-document model: what a draft becomes once rendered (title, lead, headings, body).

Writers (.txt, .md, .docx) and the TUI's preview read this model; none of them reads the draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """One paragraph of the final text.

    ``kind`` is "lead" (before the first heading), "heading" (a numbered heading, run-in or on
    its own line) or "body". For a heading, ``number`` is its numbering mark as rendered,
    ``heading`` its heading sentence and ``text`` the rest of a run-in paragraph ("" when the
    heading stands on its own line).
    """

    kind: str
    text: str
    level: int | None = None      #: 1 一、  2 （一）  3 1.  4 （1） — headings only
    number: str = ""
    heading: str = ""
    line: int = 0                 #: the draft line it comes from (1-based)

    @property
    def run_in(self) -> bool:
        """True for a heading followed by body text in the same paragraph."""
        return self.kind == "heading" and bool(self.text)

    @property
    def full_text(self) -> str:
        """The paragraph as it reads in the final text."""
        if self.kind == "heading":
            return self.number + self.heading + self.text
        return self.text


@dataclass
class Move:
    """A part or area that the renderer moved into the outline's order."""

    heading: str                  #: the moved unit's heading as written
    line: int                     #: its line in the draft
    position: int                 #: its new 1-based position among its siblings


@dataclass
class FinalDocument:
    """A rendered report: title lines, then blocks in final order."""

    title_lines: list[str]
    blocks: list[Block] = field(default_factory=list)
    notes_removed: int = 0        #: drafting notes left out of the final text
    moves: list[Move] = field(default_factory=list)
    meta: dict = field(default_factory=dict)   #: front matter of a Markdown draft (unit, date…)

    @property
    def title(self) -> str:
        """The title on one line."""
        return "".join(self.title_lines)

    def headings(self) -> list[Block]:
        """The heading blocks, in order."""
        return [b for b in self.blocks if b.kind == "heading"]
