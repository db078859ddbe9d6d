"""Where a line of Chinese text may break when it is soft-wrapped (避头尾).

Chinese typesetting breaks between any two characters, except that a row never starts with a
closing mark (，、。；：！？）》”’ …) and never ends with an opening mark (（《“‘ …), and the two halves
of a ——/…… never part. Latin words and numbers (``2020``, ``COVID-19``, ``12.5%``) break only
at spaces. A space inside a quoted or titled name (“百姓百团 百人百讲”, 《… …》) is not a break:
the name would read as two.

Rows are filled greedily by cells (CJK = 2, as Rich counts them); when the character that
overflows may not start a row, the break moves back to the nearest allowed place (the previous
character goes down with the mark, 推出). A run with no allowed break at all (a long URL) is
folded at the width.

Why not a UAX #14 library: UAX #14 gives “ ” the ambiguous class QU (no 避头尾 for them),
allows a break at the space of a quoted name, and the pure-Python implementations cost
microseconds per character, where this runs once per row on the 2.7 MB document.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.cells import get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

#: Marks that may not start a row: closing brackets and quotes, sentence and clause marks,
#: the ellipsis, the middle dot, units that follow a figure; half-width forms too.
NO_START = frozenset("，。、；：？！）》〉」』】〕〗｝］”’…·％‰℃〃々～,.;:?!)]}%")
#: Marks that may not end a row: opening brackets and quotes.
NO_END = frozenset("（《〈「『【〔〖｛［“‘([{")
#: Marks written doubled (——, ……) whose halves stay together.
PAIRED = frozenset("—…")
#: Quotes and title marks that enclose a name: a space inside them is not a break.
NAME_OPEN = frozenset("“‘《〈「『")
NAME_CLOSE = frozenset("”’》〉」』")
#: How far back a space looks for the quote it may be inside (names are short; an unclosed
#: quote must not glue the rest of a paragraph).
NAME_REACH = 32
#: Narrow marks that still belong to Chinese text (a break is allowed next to them); half-width
#: marks belong to the Latin word or number they touch (12.5%, f(x)).
_CJK_MARKS = frozenset(c for c in NO_START | NO_END | PAIRED | NAME_OPEN | NAME_CLOSE if not c.isascii())

_cell = get_character_cell_size


def _cjk(char: str) -> bool:
    return char in _CJK_MARKS or _cell(char) == 2


def _inside_name(line: str, index: int) -> bool:
    """Whether ``line[index]`` lies inside an open “…”/《…》 that began at most NAME_REACH back."""
    for k in range(index - 1, max(-1, index - 1 - NAME_REACH), -1):
        char = line[k]
        if char in NAME_CLOSE:
            return False
        if char in NAME_OPEN:
            return True
    return False


def can_break_before(line: str, index: int) -> bool:
    """Whether a row may end before ``line[index]`` (0 < index < len(line))."""
    before, char = line[index - 1], line[index]
    if char.isspace():
        return False  # spaces stay at the end of the row they follow
    if before.isspace():
        return not _inside_name(line, index - 1)
    if char in NO_START or before in NO_END:
        return False
    if before == char and char in PAIRED:
        return False
    return _cjk(before) or _cjk(char)


def _fold(line: str, start: int, end: int) -> int:
    """A break inside a run that has no allowed break: at the width, moved back off a closing
    mark (or an opening mark before it) when the row keeps at least one character."""
    index = end
    while index > start + 1 and (line[index] in NO_START or line[index - 1] in NO_END):
        index -= 1
    if line[index] in NO_START or line[index - 1] in NO_END:
        return end
    return index


def break_offsets(line: str, width: int) -> list[int]:
    """The code-point offsets where ``line`` is split into rows of at most ``width`` cells.

    The same contract as Textual's ``compute_wrap_offsets`` (no tabs: the caller falls back to
    Textual's for a line with tabs). ``width`` 0 means no wrapping.
    """
    if width <= 0 or len(line) * 2 <= width:
        return []
    cells = list(accumulate(map(_cell, line), initial=0))  # cells[i]: the width of line[:i]
    total = cells[-1]
    if total <= width:
        return []
    offsets: list[int] = []
    start = 0
    length = len(line)
    while total - cells[start] > width:
        # line[start:end] fits; line[end] is the first character that does not.
        end = bisect_right(cells, cells[start] + width, start) - 1
        if end <= start:
            end = start + 1  # one character wider than the row: it gets a row of its own
        if end >= length:
            break
        index = end
        while index > start and not can_break_before(line, index):
            index -= 1
        if index == start:
            index = _fold(line, start, end)
        offsets.append(index)
        start = index
    return offsets


class ChineseText:
    """A Rich renderable: styled text wrapped by these rules at the width it is drawn at.

    Rich's own wrapping breaks at spaces (“百姓百团 / 百人百讲”) and folds the rest anywhere (a
    row starting with ，); the preview and the problem list draw their text through this.
    """

    def __init__(self, text: Text) -> None:
        self.text = text

    @property
    def plain(self) -> str:
        """The text without styles."""
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        for line in self.text.split("\n", allow_blank=True):
            plain = line.plain
            offsets = break_offsets(plain, width) if "\t" not in plain else []
            for row in line.divide(offsets) if offsets else [line]:
                row.end = ""
                row.no_wrap = "\t" not in plain
                row.overflow = "fold"
                yield from console.render(row, options.update(no_wrap=row.no_wrap, height=None))
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)
