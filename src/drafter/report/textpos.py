"""Conversion between code-point offsets in a text and 1-based (line, column) positions."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate


class LineIndex:
    """Maps offsets in a ``\\n``-separated text to 1-based lines and code-point columns."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._length = len(text)
        self._lines = len(starts)

    @classmethod
    def from_lines(cls, lines: list[str]) -> "LineIndex":
        """The index of ``"\\n".join(lines)``, from its lines (a caller that split the text
        anyway): the starts summed in C rather than a ``find`` per line in Python."""
        index = cls.__new__(cls)
        starts = list(accumulate(map((1).__add__, map(len, lines)), initial=0))
        index._length = starts.pop() - 1
        index._starts = starts
        index._lines = len(starts)
        return index

    @property
    def line_count(self) -> int:
        """Number of lines (a text ending in a newline has an empty last line)."""
        return self._lines

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of ``offset``; columns count code points."""
        offset = max(0, min(offset, self._length))
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    @property
    def starts(self) -> list[int]:
        """The offset of each line's first character, in order (the index's own list: read it only)."""
        return self._starts

    def positions(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``position(start) + position(end)`` with one search when both lie on one line (a
        finding's span nearly always does). Every finding asks: no builtin called but the search."""
        length, starts = self._length, self._starts
        if start < 0:
            start = 0
        elif start > length:
            start = length
        if end < 0:
            end = 0
        elif end > length:
            end = length
        index = bisect_right(starts, start)   # the 1-based line of ``start``
        line_start = starts[index - 1]
        if end >= line_start and (index == self._lines or end < starts[index]):
            return index, start - line_start + 1, index, end - line_start + 1
        end_index = bisect_right(starts, end)
        return index, start - line_start + 1, end_index, end - starts[end_index - 1] + 1

    def offset(self, line: int, column: int) -> int:
        """Return the offset of a 1-based (line, column)."""
        return self._starts[line - 1] + column - 1
