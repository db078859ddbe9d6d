"""Conversion between code-point offsets in a text and 1-based (line, column) positions."""

from __future__ import annotations

from bisect import bisect_right


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

    @property
    def line_count(self) -> int:
        """Number of lines (a text ending in a newline has an empty last line)."""
        return len(self._starts)

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
        finding's span nearly always does)."""
        length, starts = self._length, self._starts
        start = max(0, min(start, length))
        index = bisect_right(starts, start) - 1
        line_start = starts[index]
        end = max(0, min(end, length))
        if end >= line_start and (index + 1 == len(starts) or end < starts[index + 1]):
            return index + 1, start - line_start + 1, index + 1, end - line_start + 1
        end_index = bisect_right(starts, end) - 1
        return index + 1, start - line_start + 1, end_index + 1, end - starts[end_index] + 1

    def offset(self, line: int, column: int) -> int:
        """Return the offset of a 1-based (line, column)."""
        return self._starts[line - 1] + column - 1
