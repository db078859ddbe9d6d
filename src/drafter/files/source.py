"""Reading report files: bytes → text, remembering encoding and line ends to write back exactly.

Encoding detection: a byte-order mark decides first; then strict UTF-8 (valid UTF-8 is UTF-8);
otherwise charset-normalizer chooses among the encodings Chinese reports actually come in.
GBK/GB2312 are read and written as GB18030, their superset, so every GBK file round-trips.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from ..errors import InputError
from .document import SourceDocument
from .safe_read import read_bounded, read_stdin

#: Suffixes that ``drafter`` treats as reports when it walks a folder.
REPORT_SUFFIXES = (".txt", ".md", ".markdown")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# What charset-normalizer may choose from when a file is not UTF-8: the encodings that
# Chinese official documents are saved in by Windows, WPS and older systems. UTF-16 without
# a BOM is not among them: any such report has NUL bytes (every line end is 0a 00) and is
# refused above as binary, so offering UTF-16 here only ever turned random bytes into
# plausible-looking CJK garbage instead of an error.
_CANDIDATES = ["gb18030", "big5"]


def detect_newline(text: str) -> str:
    """Return the dominant line-end style of ``text``: ``\\r\\n``, ``\\r`` or ``\\n``."""
    if "\r" not in text:
        return "\n"  # what the counts below say then, without counting a long text's lines
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"), key=lambda pair: pair[0])
    return best[1] if best[0] else "\n"


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, path: str) -> tuple[str, str, bytes]:
    """Decode a report's bytes; return (text, encoding, bom).

    Raises:
        InputError: binary data or bytes no supported encoding can read.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding, bom
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"文件声明为 {encoding} 但第 {_line_of(data[len(bom):], exc.start, encoding)} 行含无法解码的字节；"
                    "请用编辑器另存为 UTF-8 后重试",
                    path,
                ) from None
    if b"\x00" in data:
        raise InputError("这是二进制文件（含 NUL 字节），不是文本报告；请打开 .txt、.md 或 .docx 文件", path)
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes  # deferred: only non-UTF-8 files pay for it

    matches = from_bytes(data, cp_isolation=_CANDIDATES)
    # Mainland reports are GB18030 far more often than Big5: where both read the bytes
    # plausibly (short texts often do), take GB18030.
    best = next((m for m in matches if m.encoding == "gb18030"), None) or matches.best()
    if best is None:
        # charset-normalizer gives up on very short texts ("；", "XXX一"); a strict decode
        # in the same order of preference still reads them, and writes them back unchanged.
        for encoding in _CANDIDATES:
            try:
                return data.decode(encoding), encoding, b""
            except UnicodeDecodeError:
                continue
        raise InputError(
            f"无法识别文件编码（不是 UTF-8、GB18030、Big5 或带 BOM 的 UTF-16），第 "
            f"{_line_of(data, utf8_error.start, 'utf-8')} 行起含无法解码的字节；请另存为 UTF-8 后重试",
            path,
        )
    encoding = best.encoding.replace("_", "-")
    if encoding in ("gb2312", "gbk", "cp936"):
        encoding = "gb18030"
    try:
        return data.decode(encoding), encoding, b""
    except UnicodeDecodeError as exc:
        raise InputError(
            f"第 {_line_of(data, exc.start, encoding)} 行含无法解码的字节；请另存为 UTF-8 后重试", path
        ) from None


def _line_of(body: bytes, index: int, encoding: str) -> int:
    """1-based line of byte ``index`` in ``body``, counted in decoded text (in UTF-16 a 0x0A
    byte is often half of a character, not a line end)."""
    prefix = body[:index].decode(encoding, errors="replace")
    return normalize_newlines(prefix).count("\n") + 1


def source_from_bytes(data: bytes, path: str, fmt: str | None = None) -> SourceDocument:
    """Build a :class:`SourceDocument` from raw bytes (``path`` is used for messages and format)."""
    raw, encoding, bom = decode_bytes(data, path)
    newline = detect_newline(raw)
    text = normalize_newlines(raw)
    if fmt is None:
        fmt = "md" if path.lower().endswith((".md", ".markdown")) else "txt"
    return SourceDocument(path=path, text=text, encoding=encoding, newline=newline, bom=bom, format=fmt)


#: Readers for formats that are not plain text, by suffix; each takes (path, bytes) → SourceDocument.
EXTRA_READERS: dict[str, object] = {}


def _read_docx(path: str, data: bytes) -> SourceDocument:
    """Read a Word file; python-docx is imported only here (see :mod:`drafter.files.docx_reader`)."""
    from .docx_reader import read_docx

    return read_docx(path, data)


EXTRA_READERS[".docx"] = _read_docx


def read_source(path: str | os.PathLike[str]) -> SourceDocument:
    """Read one report file, or standard input when ``path`` is ``-``.

    Only regular files are read (and a shell's ``<(…)`` pipe): a named pipe, a device or a
    socket is refused before it is opened, so nothing hangs; at most
    :data:`~drafter.files.safe_read.MAX_REPORT_BYTES` are read.

    Raises:
        InputError: missing, unreadable, a folder, not a regular file, too large, binary or
            undecodable.
    """
    name = os.fspath(path)
    if name == "-":
        return source_from_bytes(read_stdin(), "-")
    reader = EXTRA_READERS.get(Path(name).suffix.lower())
    data = read_bounded(name)
    if reader is not None:
        return reader(name, data)  # type: ignore[operator]
    return source_from_bytes(data, name)


def find_reports(path: str | os.PathLike[str], errors: list[InputError] | None = None) -> list[str]:
    """Return the report files under a folder, recursively, sorted; hidden folders are skipped.

    A subfolder that cannot be read is never skipped in silence: it is appended to ``errors``
    as an :class:`InputError` (or raised when ``errors`` is None). Files that are not regular
    (a named pipe called ``x.txt``) are listed; reading them refuses them with one line.

    Raises:
        InputError: the folder itself cannot be read, or it holds no reports.
    """
    root = os.fspath(path)
    suffixes = REPORT_SUFFIXES + tuple(EXTRA_READERS)
    found: list[str] = []
    problems: list[InputError] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or root
        reason = "没有读取权限" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        problems.append(InputError(f"无法读取文件夹（{reason}），其中的报告未检查；请检查文件夹权限",
                                   os.fspath(where)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.lower().endswith(suffixes) and not filename.startswith((".", "~$")):
                found.append(os.path.join(dirpath, filename))
    if problems and os.path.normpath(problems[0].path or "") == os.path.normpath(root):
        raise problems[0]  # the folder given cannot be read: say so, not "no reports in it"
    if problems:
        if errors is None:
            raise problems[0]
        errors.extend(problems)
    if not found and not problems:
        raise InputError(
            f"文件夹中没有报告文件（{'、'.join(suffixes)}）", root
        )
    return found
