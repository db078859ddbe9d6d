"""Writing files safely: every write is atomic, keeps permissions, and never loses text.

A temporary file in the same folder is written, flushed and fsynced, then renamed over the
target, so the file on disk is always either the old version or the new one, never half of
each. Used by every writer: the TUI's save, ``check --fix``, ``render``, ``new``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass, replace

from ..errors import DrafterError
from .document import SourceDocument


class SaveError(DrafterError):
    """A write that failed; the original file is untouched and the caller keeps its text."""


class ProtectedFileError(SaveError):
    """The target is read-only or belongs to another user: replacing it needs the user's yes
    (``atomic_write(..., replace_protected=True)``). Nothing was written."""

    def __init__(self, message: str, path: str, reason: str) -> None:
        super().__init__(message, path)
        self.reason = reason


class UnencodableError(SaveError):
    """The text holds characters the file's encoding cannot represent; nothing was written."""

    def __init__(self, message: str, path: str, characters: list[str]) -> None:
        super().__init__(message, path)
        self.characters = characters


_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已满",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "文件系统只读",
    errno.ENOENT: "文件夹不存在",
    errno.EISDIR: "目标是文件夹",
}


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def protection(path: str | os.PathLike[str]) -> str | None:
    """Why replacing the existing file ``path`` needs the user's yes, in Chinese, or None.

    A file is protected when it is read-only (no write permission bit, or not writable by us)
    or belongs to another user. The atomic rename would replace either without a word, since
    it needs only the folder's permission: a 0444 file came back 0444 but rewritten, and
    another user's file became the saver's.
    """
    target = os.path.realpath(os.fspath(path))
    try:
        st = os.stat(target)
    except OSError:
        return None  # a new file (or one we cannot see): nothing to protect
    if not stat.S_ISREG(st.st_mode):
        return None
    mode = stat.S_IMODE(st.st_mode)
    if not mode & 0o222 or (not os.access(target, os.W_OK) and not _read_only_filesystem(target)):
        return f"文件只读（权限 {mode:04o}）"
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return f"文件属于其他用户（{_user_name(st.st_uid)}）"
    return None


def _read_only_filesystem(path: str) -> bool:
    """Whether ``path`` is on a filesystem mounted read-only (the write then fails and says
    so; the file's own permission is not the reason)."""
    try:
        return bool(os.statvfs(path).f_flag & getattr(os, "ST_RDONLY", 1))
    except (OSError, AttributeError):
        return False


def _user_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


def atomic_write(path: str | os.PathLike[str], data: bytes, *, replace_protected: bool = False) -> None:
    """Write ``data`` to ``path`` atomically, keeping an existing file's permission bits (and,
    where the writer may, its owner).

    A read-only file or another user's file (see :func:`protection`) is replaced only with
    ``replace_protected=True``, after the user said yes; it keeps its mode then (still 0444).

    Raises:
        ProtectedFileError: the target is protected and ``replace_protected`` is false.
        SaveError: the write failed (no space, no permission, read-only, missing folder);
            the original file is unchanged and no temporary file is left behind.
    """
    shown = os.fspath(path)
    if not replace_protected:
        reason = protection(shown)
        if reason:
            raise ProtectedFileError(f"{reason}，未写入，原文件未改动；确需覆盖请先修改文件权限或另存为其他文件",
                                     shown, reason)
    # Write through a symbolic link to the file it points at; renaming over the link itself
    # would turn it into a copy and leave the real file unsaved.
    target = os.path.realpath(shown)
    folder = os.path.dirname(target)
    owner = None
    try:
        st = os.stat(target)
        mode = stat.S_IMODE(st.st_mode)
        owner = (st.st_uid, st.st_gid)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise SaveError(f"保存失败（{_reason(exc)}），原文件未改动", shown) from None
    untouched = "原文件未改动" if owner is not None else "未写入任何文件"
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if owner is not None and hasattr(os, "chown"):
            _keep_owner(tmp, owner)
        os.replace(tmp, target)
        tmp = None
        _fsync_dir(folder)
    except OSError as exc:
        raise SaveError(f"保存失败（{_reason(exc)}），{untouched}", shown) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _keep_owner(tmp: str, owner: tuple[int, int]) -> None:
    """Give the new file the old one's owner and group (matters when root saves a user's file);
    an ordinary user cannot chown and already owns what they write, so failure is harmless."""
    st = os.stat(tmp)
    if (st.st_uid, st.st_gid) == owner:
        return
    try:
        os.chown(tmp, *owner)
    except OSError:
        pass


def _fsync_dir(folder: str) -> None:
    """Make the rename durable; some filesystems cannot open folders, which is harmless."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_text(source: SourceDocument, text: str, path: str | None = None, *,
              replace_protected: bool = False) -> SourceDocument:
    """Save ``text`` in ``source``'s encoding and line ends (to ``path``, default its own path).

    Returns the updated :class:`SourceDocument`.

    Raises:
        ProtectedFileError: the target is read-only or another user's and
            ``replace_protected`` is false (see :func:`atomic_write`); nothing was written.
        UnencodableError: characters the encoding cannot hold (listed); nothing was written.
        SaveError: the write failed, or the target is a .docx (text is never written over
            Word files; save as .txt/.md); the original file is unchanged.
    """
    target = path or source.path
    _refuse_docx(source, target)
    bad = source.unencodable(text)
    if bad:
        shown = "、".join(_visible(ch) for ch in bad[:10]) + ("等" if len(bad) > 10 else "")
        if source.encoding.startswith("utf-"):
            # Only lone surrogates (from a broken paste) cannot be written in UTF-8/16/32.
            advice = "这些是不完整的字符（孤立代理码位），请删除后再保存"
        else:
            advice = "可改存为 UTF-8"
        raise UnencodableError(f"文件编码 {source.encoding_label} 无法保存这些字符：{shown}；{advice}",
                               target, bad)
    atomic_write(target, source.encode(text), replace_protected=replace_protected)
    saved = replace(source, path=target, text=text.replace("\r\n", "\n").replace("\r", "\n"))
    if source.meta.get("read_only"):
        # A .docx saved as text elsewhere: from now on it is that text file, and saving it is fine.
        fmt = "md" if target.lower().endswith((".md", ".markdown")) else "txt"
        meta = {k: v for k, v in source.meta.items() if k != "read_only"}
        saved = replace(saved, format=fmt, line_unit="line", meta=meta)
    return saved


def _refuse_docx(source: SourceDocument, target: str) -> None:
    """Text is never written over a read-only source (a .docx) nor into a file named .docx:
    either would leave plain text where Word expects a document."""
    same = os.path.abspath(target) == os.path.abspath(source.path)
    if target.lower().endswith(".docx") or (same and source.meta.get("read_only")):
        raise SaveError("不能把纯文本保存为 .docx（会毁掉 Word 文档），原文件未改动；"
                        "请另存为 .txt 或 .md，成文的 .docx 用 drafter render -o 导出", target)


def _visible(ch: str) -> str:
    """A character as it can be shown in a message: lone surrogates and controls as U+XXXX
    (printing a lone surrogate would itself fail)."""
    if 0xD800 <= ord(ch) <= 0xDFFF or not ch.isprintable():
        return f"U+{ord(ch):04X}"
    return ch


@dataclass(frozen=True)
class FileStamp:
    """What a file looked like when it was read or saved, to notice changes behind our back."""

    mtime_ns: int
    size: int
    digest: str


def file_stamp(path: str | os.PathLike[str]) -> FileStamp | None:
    """The file's current stamp, or None if it does not exist or cannot be read."""
    try:
        st = os.stat(path)
        with open(path, "rb") as handle:
            digest = hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
    except OSError:
        return None
    return FileStamp(st.st_mtime_ns, st.st_size, digest)


def changed_since(path: str | os.PathLike[str], stamp: FileStamp | None) -> bool:
    """Whether the file's content differs from ``stamp`` (a touch without changes is not a change)."""
    now = file_stamp(path)
    if stamp is None or now is None:
        return stamp != now
    return now.digest != stamp.digest
