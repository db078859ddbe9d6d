"""The in-memory document: a report's text as read, with what is needed to write it back.

Every reader (:mod:`drafter.files.source`, :mod:`drafter.files.docx_reader`) returns one; the
report parser and the savers take one.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field


@dataclass
class SourceDocument:
    """A report's text as read, with what is needed to write it back byte for byte.

    ``text`` always uses ``\\n`` line ends; ``newline`` is the file's own style.
    """

    path: str
    text: str
    encoding: str = "utf-8"
    newline: str = "\n"
    bom: bytes = b""
    format: str = "txt"       #: "txt", "md", or "docx" (read as plain text, one paragraph a line)
    #: For formats whose lines are not the file's lines (.docx), what a line number means.
    line_unit: str = "line"
    meta: dict = field(default_factory=dict)

    @property
    def encoding_label(self) -> str:
        """The encoding as shown to users and in JSON (``utf-8-sig`` for UTF-8 with a BOM)."""
        if self.bom == codecs.BOM_UTF8:
            return "utf-8-sig"
        return self.encoding

    def encode(self, text: str | None = None) -> bytes:
        """Encode ``text`` (default: the document's) in the file's own encoding and line ends.

        Raises:
            UnicodeEncodeError: a character the encoding cannot hold; nothing is dropped.
        """
        body = self.text if text is None else text
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        codec = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        return self.bom + body.encode(codec)

    def unencodable(self, text: str | None = None) -> list[str]:
        """Characters of ``text`` that the document's encoding cannot hold (each listed once)."""
        body = self.text if text is None else text
        codec = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        try:
            body.encode(codec)
            return []
        except UnicodeEncodeError:
            pass
        bad: list[str] = []
        for ch in dict.fromkeys(body):
            try:
                ch.encode(codec)
            except UnicodeEncodeError:
                bad.append(ch)
        return bad
