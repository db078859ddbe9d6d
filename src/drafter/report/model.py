"""The report model: title, front matter, lead, divisions (parts, sections…), paragraphs, items.

Every node has a :class:`Span` into the document's text (``\\n`` line ends). Lines and columns
are 1-based; columns count code points; ``end_column`` is exclusive.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from .genre import Genre
from .numbering import Marker
from ..files.document import SourceDocument
from .textpos import LineIndex


def made(cls: type, **fields: Any) -> Any:
    """An instance of the frozen dataclass ``cls`` with ``fields`` (every field, by name): what
    ``cls(**fields)`` makes, without its ``__init__``, which sets each field through
    ``object.__setattr__`` and takes twice as long. For the spans, fixes and edits a long report
    makes by the ten thousand; every other instance goes through ``__init__``."""
    instance = _new(cls)
    instance.__dict__.update(fields)
    return instance


_new = object.__new__


@dataclass(frozen=True)
class Span:
    """A range of the text: offsets ``[start, end)`` and their 1-based line/column."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def in_line(cls, line: int, line_start: int, start: int, end: int) -> "Span":
        """Make a span that lies within one line (no lookup needed): offsets and that line's start."""
        span = _new(cls)   # as made() does, without packing the fields as keywords
        span.__dict__.update({"start": start, "end": end, "line": line, "column": start - line_start + 1,
                              "end_line": line, "end_column": end - line_start + 1})
        return span

    @classmethod
    def of(cls, index: LineIndex, start: int, end: int) -> "Span":
        """Make a span from offsets, using ``index`` for lines and columns."""
        line, column, end_line, end_column = index.positions(start, end)
        span = _new(cls)
        span.__dict__.update({"start": start, "end": end, "line": line, "column": column, "end_line": end_line,
                              "end_column": end_column})
        return span


@dataclass
class Heading:
    """A heading: its numbering mark (if any) and its heading sentence.

    A run-in heading is the first sentence of its paragraph, ending at its first 。.
    """

    marker: Marker | None
    text: str                 #: the heading sentence without the mark
    span: Span                #: mark + heading sentence
    run_in: bool = False
    md_level: int | None = None  #: number of ``#`` in Markdown, else None
    #: For an unnumbered heading recognised by its form (a short line, or a short first sentence
    #: opening a block, in a run of such): the level it takes, one below its parent.
    inferred_level: int | None = None

    @property
    def full_text(self) -> str:
        """Mark and sentence as written, e.g. "（一）着眼“培根铸魂”，理论武装工作不断深化。"."""
        return (self.marker.text if self.marker else "") + self.text

    @property
    def title(self) -> str:
        """The heading sentence without the mark and the closing 。."""
        return self.text.rstrip("。.！？!?；;：: ")


@dataclass
class Item:
    """An enumerated item 一是…, at the start of a paragraph or inside one."""

    number: int
    marker: str               #: e.g. "三是"
    text: str                 #: its heading sentence (up to the first 。/；) without the mark
    span: Span                #: mark + heading sentence
    body: Span                #: from the mark to the next item or the end of the paragraph
    at_paragraph_start: bool

    @property
    def full_text(self) -> str:
        """Mark and heading sentence as written."""
        return self.marker + self.text

    @property
    def title(self) -> str:
        """The heading sentence without the mark and the closing punctuation."""
        return self.text.rstrip("。.！？!?；;，,： ")


@dataclass
class Paragraph:
    """One line of text (a paragraph in this genre); ``kind`` says what role it plays."""

    line: int
    text: str                 #: the line as written (Markdown marks included; drafting notes blanked)
    span: Span
    kind: str = "body"        #: "title", "lead", "heading" or "body"
    heading: Heading | None = None
    items: list[Item] = field(default_factory=list)
    content_start: int = 0    #: offset where the text proper starts (after ``#`` marks, spaces)
    #: An unnumbered heading candidate: "line" (a short line of its own) or "run-in" (a short
    #: first sentence before body text), with the heading's end offset in the line; the parser
    #: makes it a heading only when a run of such candidates share a parent.
    candidate: tuple[str, int] | None = None


@dataclass
class Division:
    """A numbered or Markdown heading and everything under it until the next one at its level."""

    level: int                #: 1 一、  2 （一）  3 1.  4 （1）
    heading: Heading
    paragraphs: list[Paragraph] = field(default_factory=list)   #: own paragraphs, heading's first
    children: list["Division"] = field(default_factory=list)
    parent: "Division | None" = field(default=None, repr=False)
    end: int = 0              #: offset just past the division's last paragraph (set by the parser)

    @property
    def items(self) -> list[Item]:
        """The items 一是… in this division's own paragraphs, in order."""
        return [item for paragraph in self.paragraphs for item in paragraph.items]

    @property
    def start(self) -> int:
        """Offset of the heading's first character."""
        return self.heading.span.start

    def walk(self):
        """This division and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ReportPeriod:
    """The time a report covers, from front matter, the title, configuration or the text."""

    year: int | None = None
    half: int | None = None   #: 1 上半年, 2 下半年, None for a whole year or unknown
    #: "front-matter", "title", "config" (--date / drafter.yaml), "text" (2020年以来, a dated
    #: signature line), or "unknown"
    source: str = "unknown"
    scope: str | None = None  #: "half", "year" or None: what the title says the report covers
    #: A date the text itself gives (its signature line 2020年7月10日), else None.
    written: _dt.date | None = None

    @property
    def label(self) -> str:
        """E.g. "2020年上半年", "2020年全年"."""
        year = f"{self.year}年" if self.year else ""
        half = {1: "上半年", 2: "下半年"}.get(self.half or 0, "")
        if not half and self.scope == "year" and year:
            half = "全年"
        return year + half or "未知"


@dataclass(frozen=True)
class ReportDate:
    """The date a report is judged as of, and where it came from."""

    value: _dt.date
    source: str               #: "config", "front-matter", "text", "title", "today"
    assumed: bool = False     #: nothing said the date: today was taken

    @property
    def note(self) -> str:
        """What a date-dependent message adds when the date was assumed, else ""."""
        if not self.assumed:
            return ""
        return f"（报告未注明日期，按 {self.value.isoformat()} 判断；可用 --date 或 drafter.yaml 指定）"


@dataclass
class Report:
    """A parsed report: what the checks, the outline matcher, the TUI and the renderer read."""

    source: SourceDocument
    index: LineIndex
    paragraphs: list[Paragraph]
    divisions: list[Division]
    title: str | None = None
    title_lines: list[Paragraph] = field(default_factory=list)
    lead: list[Paragraph] = field(default_factory=list)
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_span: Span | None = None
    front_matter_error: tuple[str, int] | None = None   #: (message, line) when it is malformed
    period: ReportPeriod = field(default_factory=ReportPeriod)
    genre: Genre = field(default_factory=Genre)   #: what the title says the report is
    #: Drafting notes (【注：…】, and <!-- … --> in Markdown): not part of the report; the
    #: structure parser reads them as blank, checks' findings inside them are dropped, the
    #: renderer removes them.
    notes: list[Span] = field(default_factory=list)

    def in_note(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies wholly inside one drafting note."""
        return any(n.start <= start and end <= n.end for n in self.notes)

    @property
    def text(self) -> str:
        """The document's text with ``\\n`` line ends."""
        return self.source.text

    def span(self, start: int, end: int) -> Span:
        """A span for offsets ``[start, end)`` of this report's text."""
        return Span.of(self.index, start, end)

    def walk(self):
        """Every division, in document order."""
        for division in self.divisions:
            yield from division.walk()

    def division_at(self, offset: int) -> Division | None:
        """The innermost division containing ``offset``, or None (title, lead)."""
        found = None
        for division in self.walk():
            if division.start <= offset < max(division.end, division.start + 1):
                found = division
        return found
