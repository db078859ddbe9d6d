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

    def offset(self, line: int, column: int) -> int:
        """Return the offset of a 1-based (line, column)."""
        return self._starts[line - 1] + column - 1
