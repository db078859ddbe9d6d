"""Reading Word (.docx) reports: each non-empty body paragraph becomes one line of the text.

Line N of a .docx is its Nth non-empty body paragraph (docs/json-contract.md): empty paragraphs,
and those holding only spaces, are not counted, as a reader counting paragraphs in Word would
not count them. The title still ends where the text begins: a title line never ends in 。. Tables,
text boxes, headers, footers and footnotes are not read; a line break inside a paragraph is
dropped (a title broken with Shift+Enter reads as one line); numbering that Word generates
automatically (list numbering) is not part of the text and is not seen. The document is read
only: ``meta["read_only"]`` tells editors not to save text over it.

Unpacking is bounded before python-docx sees the file: every member of the zip is inflated in
chunks and counted as it streams (a 1 MB file whose document.xml inflates to 1 GiB used to take
2 GB and 12 s before it was refused; 4 GiB ended in a MemoryError), and the paragraphs of every
XML part are counted by a streaming parser as they inflate (2 million empty paragraphs in a
300 KB file used to run past 2 minutes at 4 GB). The limits are below and in docs/bad-input.md.

Registered lazily in :data:`drafter.files.source.EXTRA_READERS` so that only .docx files pay for
importing python-docx.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ..errors import InputError
from .document import SourceDocument
from .safe_read import size_text

#: Most bytes one member of the zip may inflate to (a report's document.xml is well under 1 MB;
#: a 500-page one about 10 MB).
MAX_DOCX_PART_BYTES = 64 * 1024 * 1024
#: Most bytes all members together may inflate to (pictures are stored, not compressed, so this
#: is mostly the file's own size).
MAX_DOCX_UNPACKED_BYTES = 160 * 1024 * 1024
#: Highest inflation ratio of a member larger than 1 MiB. Word's XML compresses 5–40:1; a zip
#: bomb compresses 1,000:1.
MAX_DOCX_RATIO = 200
#: Most paragraphs (w:p elements in all parts, tables and headers included). 200,000 is about
#: 4,000 pages.
MAX_DOCX_PARAGRAPHS = 200_000
#: Most members in the zip (a report has 10–30).
MAX_DOCX_MEMBERS = 5_000

_BLANK = " \t\u3000\ufeff\xa0"
_NOT_DOCX = "不是有效的 Word 文档（.docx）：{}；请用 Word 或 WPS 打开后另存为 .docx 再试"
_TOO_BIG = "Word 文档解压后过大（{}），不像是一份报告；请确认文件，或另存为 .txt 后检查"
_W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
_CHUNK = 1 << 16


def read_docx(path: str, data: bytes) -> SourceDocument:
    """Read a .docx file's body paragraphs into a :class:`SourceDocument` (``line_unit`` "paragraph").

    ``data`` is the file's bytes (read, bounded, by :func:`drafter.files.safe_read.read_bounded`).

    Raises:
        InputError: the file is not a readable .docx (corrupt, another format renamed, .doc),
            or it unpacks beyond the limits above.
    """
    if not data.startswith(b"PK"):
        reason = "这是旧版 .doc 文件" if data.startswith(b"\xd0\xcf\x11\xe0") else "文件不是 zip 格式"
        raise InputError(_NOT_DOCX.format(reason), path)
    import docx  # deferred: python-docx costs ~0.12 s to import and only .docx needs it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        check_unpacked_size(data, path)
        document = docx.Document(io.BytesIO(data))
        lines = [text for text in map(_paragraph_text, document.paragraphs) if text.strip(_BLANK)]
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError, EOFError, zlib.error) as exc:
        raise InputError(_NOT_DOCX.format(_reason(exc)), path) from None
    except (ValueError, NotImplementedError, RuntimeError) as exc:
        # python-docx: "file '...' is not a Word file, content type is ..."; zipfile: an
        # unsupported compression method, or an encrypted member.
        raise InputError(_NOT_DOCX.format(_reason(exc)), path) from None
    return SourceDocument(path=path, text="\n".join(lines), encoding="utf-8", newline="\n",
                          format="docx", line_unit="paragraph", meta={"read_only": True})


def check_unpacked_size(data: bytes, path: str) -> None:
    """Inflate every member of the zip in chunks, counting bytes and paragraphs as they stream;
    stop at the first limit crossed. Nothing inflated is kept.

    Raises:
        InputError: a limit is crossed (the message names which).
        zipfile.BadZipFile: the zip is corrupt (a member's CRC or sizes do not match).
    """
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > MAX_DOCX_MEMBERS:
            raise InputError(_NOT_DOCX.format(f"含 {len(members):,} 个部件，过多"), path)
        total = paragraphs = 0
        for info in members:
            if info.is_dir():
                continue
            counter = None
            if info.filename.lower().endswith((".xml", ".rels")):
                counter = etree.XMLPullParser(events=("end",), tag=_W_P, resolve_entities=False,
                                              no_network=True)
            size = 0
            with archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if size > MAX_DOCX_PART_BYTES:
                        raise InputError(_TOO_BIG.format(
                            f"{info.filename} 超过 {size_text(MAX_DOCX_PART_BYTES)}"), path)
                    if total > MAX_DOCX_UNPACKED_BYTES:
                        raise InputError(_TOO_BIG.format(f"超过 {size_text(MAX_DOCX_UNPACKED_BYTES)}"), path)
                    if size > 2**20 and size > MAX_DOCX_RATIO * max(info.compress_size, 1):
                        raise InputError(_TOO_BIG.format(
                            f"{info.filename} 压缩比超过 {MAX_DOCX_RATIO}:1，疑为压缩炸弹"), path)
                    if counter is not None:
                        paragraphs += _count(counter, chunk)
                        if paragraphs > MAX_DOCX_PARAGRAPHS:
                            raise InputError(f"Word 文档段落过多（超过 {MAX_DOCX_PARAGRAPHS:,} 段），"
                                             "不像是一份报告；请确认文件，或拆分后检查", path)


def _count(parser, chunk: bytes) -> int:
    """Feed ``chunk`` to a streaming parser; the number of paragraphs it closed. Elements are
    dropped as they end, so the parser holds only the open path. A part that is not well-formed
    XML stops being counted here (python-docx then reports it, or does not need it)."""
    from lxml import etree

    try:
        parser.feed(chunk)
    except etree.XMLSyntaxError:
        return 0
    found = 0
    for _, element in parser.read_events():
        found += 1
        element.clear()
        parent = element.getparent()
        if parent is not None:
            # Drop the finished siblings too, or the tree keeps every empty shell.
            while element.getprevious() is not None:
                del parent[0]
    return found


def _paragraph_text(paragraph) -> str:
    # python-docx turns w:br into "\n"; one paragraph must stay one line.
    return paragraph.text.replace("\r", "").replace("\n", "")


def _reason(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "zip 结构损坏"
    if isinstance(exc, KeyError):
        return "缺少正文部分"
    if isinstance(exc, (EOFError, zlib.error)):
        return "zip 内容不完整或已损坏"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:80]
