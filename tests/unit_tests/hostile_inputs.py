"""Builders of hostile inputs shared by the tests and the benchmarks: .docx zip bombs, a .docx
with millions of paragraphs, a folder of many reports, a draft with many headings.

Nothing large is committed: everything is generated into a folder the caller gives.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

#: The parts of a minimal Word document besides word/document.xml.
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
_TAIL = "</w:body></w:document>"


def paragraph_xml(text: str) -> str:
    """One body paragraph holding ``text``."""
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def write_docx(path: Path, chunks, level: int = 9) -> Path:
    """A minimal .docx whose document.xml body is the concatenation of ``chunks`` (strings),
    streamed into the zip so that a huge body never sits in memory here either."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(_HEAD.encode("utf-8"))
            for chunk in chunks:
                member.write(chunk.encode("utf-8"))
            member.write(_TAIL.encode("utf-8"))
    return path


def inflating_docx(path: Path, inflated_bytes: int) -> Path:
    """A .docx whose document.xml inflates to about ``inflated_bytes``: one paragraph, then
    spaces (1 GiB compresses to ≈ 1 MB)."""
    block = " " * (1 << 20)

    def body():
        yield paragraph_xml("一、上半年工作总结")
        for _ in range(inflated_bytes >> 20):
            yield block

    return write_docx(path, body(), level=9)


def many_paragraphs_docx(path: Path, count: int) -> Path:
    """A .docx of ``count`` empty paragraphs (2 million make a 300 KB file)."""
    block = "<w:p/>" * 10_000

    def body():
        for _ in range(count // 10_000):
            yield block
        yield "<w:p/>" * (count % 10_000)

    return write_docx(path, body(), level=9)


def headings_draft(count: int) -> str:
    """A draft with ``count`` second-level headings, each with a sentence under it."""
    from drafter.report.numbering import int_to_cn

    lines = ["市委宣传部2020年上半年工作总结", "一、上半年工作总结"]
    for n in range(1, count + 1):
        lines.append(f"（{int_to_cn(n)}）第{n}项工作。")
        lines.append("扎实推进理论武装，完成学习12次。")
    lines.append("二、下半年工作安排")
    lines.append("（一）继续推进理论武装。")
    return "\n".join(lines) + "\n"


def folder_of_reports(folder: Path, count: int, text: str) -> Path:
    """``count`` copies of ``text`` in ``folder``, 100 to a subfolder."""
    for n in range(count):
        sub = folder / f"{n // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"报告{n:05d}.txt").write_text(text, encoding="utf-8")
    return folder
