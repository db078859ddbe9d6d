"""Reading Word (.docx) reports: each non-empty body paragraph becomes one line of the text.

Line N of a .docx is its Nth non-empty body paragraph (docs/json-contract.md): empty paragraphs,
and those holding only spaces, are not counted, as a reader counting paragraphs in Word would
not count them. The title still ends where the text begins: a title line never ends in 。. Tables,
text boxes, headers, footers and footnotes are not read; a line break inside a paragraph is
dropped (a title broken with Shift+Enter reads as one line); numbering that Word generates
automatically (list numbering) is not part of the text and is not seen. The document is read
only: ``meta["read_only"]`` tells editors not to save text over it.

Registered lazily in :data:`drafter.files.source.EXTRA_READERS` so that only .docx files pay for
importing python-docx.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import InputError
from .document import SourceDocument

_BLANK = " \t\u3000\ufeff\xa0"
_NOT_DOCX = "不是有效的 Word 文档（.docx）：{}；请用 Word 或 WPS 打开后另存为 .docx 再试"


def read_docx(path: str) -> SourceDocument:
    """Read a .docx file's body paragraphs into a :class:`SourceDocument` (``line_unit`` "paragraph").

    Raises:
        InputError: the file is not a readable .docx (corrupt, another format renamed, .doc).
        OSError: the file cannot be opened (missing, a folder, no permission): the caller's
            :func:`drafter.files.source.read_source` turns these into its usual messages.
    """
    data = Path(path).read_bytes()
    if not data.startswith(b"PK"):
        reason = "这是旧版 .doc 文件" if data.startswith(b"\xd0\xcf\x11\xe0") else "文件不是 zip 格式"
        raise InputError(_NOT_DOCX.format(reason), path)
    import docx  # deferred: python-docx costs ~0.12 s to import and only .docx needs it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = [text for text in map(_paragraph_text, document.paragraphs) if text.strip(_BLANK)]
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError) as exc:
        raise InputError(_NOT_DOCX.format(_reason(exc)), path) from None
    except ValueError as exc:  # python-docx: "file '...' is not a Word file, content type is ..."
        raise InputError(_NOT_DOCX.format(_reason(exc)), path) from None
    return SourceDocument(path=path, text="\n".join(lines), encoding="utf-8", newline="\n",
                          format="docx", line_unit="paragraph", meta={"read_only": True})


def _paragraph_text(paragraph) -> str:
    # python-docx turns w:br into "\n"; one paragraph must stay one line.
    return paragraph.text.replace("\r", "").replace("\n", "")


def _reason(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "zip 结构损坏"
    if isinstance(exc, KeyError):
        return "缺少正文部分"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:80]
