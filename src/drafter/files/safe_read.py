"""Reading bytes from a path without hanging and without unbounded memory.

Every file drafter reads — reports, project files, outlines, checklists, standard input — comes
through :func:`read_bounded`. It refuses what is not a regular file before opening it (a named
pipe would block ``open`` until some writer appears; ``/dev/zero`` never ends), opens with
``O_NONBLOCK`` and checks the opened file again (the path may have been swapped between the two
looks), and never reads more than its limit. The limits themselves are here, in one place, and
docs/bad-input.md states them.
"""

from __future__ import annotations

import os
import stat
import sys

from ..errors import ChecklistError, InputError

#: Largest report file read (text or .docx). Checking holds about 12× the text's size at the
#: peak (the text, its lines, the model, the diagnostics), so 32 MiB keeps one report under
#: ~450 MB; a real report is tens of kilobytes, a pasted collection of hundreds a few MB.
MAX_REPORT_BYTES = 32 * 1024 * 1024

#: Largest outline, checklist or project file read (YAML; the bundled ones are < 100 KB).
MAX_YAML_BYTES = 8 * 1024 * 1024

_CHUNK = 1 << 20


def size_text(size: int) -> str:
    """A size for messages, rounded *up* to 0.1 MB so that anything over a limit never reads
    as equal to it (100 MiB + 1 byte used to print as “100 MB，上限 100 MB”)."""
    tenths = -(-size * 10 // 2**20)  # integer ceiling: no float rounding on large sizes
    whole, tenth = divmod(tenths, 10)
    return f"{whole}.{tenth} MB" if tenth else f"{whole} MB"


def too_large(size: int, limit: int) -> str:
    """The message for a file over ``limit``."""
    return f"文件过大（{size_text(size)}，上限 {size_text(limit)}），不像是一份报告；请确认路径"


def _pipe_device() -> int | None:
    """The device number of anonymous pipes (Linux: pipefs), or None where it cannot be told."""
    try:
        r, w = os.pipe()
    except OSError:  # pragma: no cover
        return None
    try:
        return os.fstat(r).st_dev
    finally:
        os.close(r)
        os.close(w)


_PIPE_DEV = _pipe_device()


def is_anonymous_pipe(st: os.stat_result) -> bool:
    """Whether ``st`` is a pipe a shell handed over (``<(…)``, ``/dev/fd/N``), which has a writer
    already, rather than a named FIFO on disk, which may never get one."""
    return stat.S_ISFIFO(st.st_mode) and _PIPE_DEV is not None and st.st_dev == _PIPE_DEV


def not_a_file(st: os.stat_result) -> str | None:
    """Why a path with this status cannot be read as a file, or None for a regular file (and for
    a shell's anonymous pipe, which is read like standard input)."""
    mode = st.st_mode
    if stat.S_ISREG(mode) or is_anonymous_pipe(st):
        return None
    if stat.S_ISDIR(mode):
        return "这是文件夹，不是文件"
    if stat.S_ISFIFO(mode):
        return ("这是命名管道（FIFO），不是普通文件，读取它会一直等待；"
                "请指定报告文件（管道中的内容可用 drafter check - < 管道 读入）")
    if stat.S_ISSOCK(mode):
        return "这是套接字，不是报告文件；请指定报告文件"
    return "这是设备文件，不是报告文件；请指定报告文件"


def _os_error(exc: OSError, name: str) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError("文件不存在；请检查路径", name)
    if isinstance(exc, IsADirectoryError):
        return InputError("这是文件夹，不是文件", name)
    if isinstance(exc, PermissionError):
        return InputError("没有读取权限；请检查文件权限", name)
    return InputError(f"无法读取：{exc.strerror or exc}", name)


def read_bounded(path: str | os.PathLike[str], limit: int = MAX_REPORT_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (or of a shell's anonymous pipe), at most ``limit``.

    Raises:
        InputError: missing, no permission, a folder, a named pipe, a device, a socket, or
            larger than ``limit``; the message is one line of Chinese saying what to do.
    """
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except OSError as exc:
        raise _os_error(exc, name) from None
    reason = not_a_file(st)
    if reason:
        raise InputError(reason, name)
    if stat.S_ISREG(st.st_mode) and st.st_size > limit:
        raise InputError(too_large(st.st_size, limit), name)
    pipe = is_anonymous_pipe(st)
    try:
        # O_NONBLOCK: if the path became a named pipe since the stat, open returns at once
        # instead of waiting for a writer; fstat below then refuses it.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _os_error(exc, name) from None
    try:
        st = os.fstat(fd)
        reason = not_a_file(st)
        if reason:
            raise InputError(reason, name)
        if pipe:
            os.set_blocking(fd, True)  # a shell's pipe has its writer: wait for it like stdin
        # A regular file is read in one piece of its size (one buffer filled once, instead of
        # megabyte pieces copied again into the whole); the loop still reads to the end.
        return _read_fd(fd, limit, name, st.st_size + 1 if stat.S_ISREG(st.st_mode) else _CHUNK)
    except OSError as exc:
        raise _os_error(exc, name) from None
    finally:
        os.close(fd)


def _read_fd(fd: int, limit: int, name: str, first: int = _CHUNK) -> bytes:
    """Read ``fd`` to its end (``first`` bytes at most in the first read), refusing it once more
    than ``limit`` bytes came."""
    chunks: list[bytes] = []
    total = 0
    size = min(first, limit + 1)
    while True:
        chunk = os.read(fd, size)
        size = _CHUNK
        if not chunk:
            return b"".join(chunks)  # one chunk: that very object, not a copy
        total += len(chunk)
        if total > limit:
            raise InputError(f"内容过大（超过上限 {size_text(limit)}），不像是一份报告；请确认输入", name)
        chunks.append(chunk)


def read_stdin(limit: int = MAX_REPORT_BYTES) -> bytes:
    """Standard input, at most ``limit`` bytes (``drafter check - < /dev/zero`` used to run until
    memory ran out)."""
    stream = sys.stdin.buffer
    data = stream.read(limit + 1)
    if data is None:  # pragma: no cover - a non-blocking stdin
        data = b""
    if len(data) > limit:
        raise InputError(f"内容过大（超过上限 {size_text(limit)}），不像是一份报告；请确认输入", "-")
    return data


def read_yaml_text(path: str | os.PathLike[str], what: str) -> str:
    """The text of a UTF-8 YAML file (checklist, outline, project file), at most
    :data:`MAX_YAML_BYTES`; ``what`` names it in messages (检查清单, 提纲文件, 项目配置).

    Raises:
        ChecklistError: unreadable, too large, or not UTF-8; one line naming the file.
    """
    try:
        return read_bounded(path, MAX_YAML_BYTES).decode("utf-8-sig")
    except InputError as exc:
        raise ChecklistError(f"无法读取{what}：{exc.message}", os.fspath(path)) from None
    except UnicodeDecodeError:
        raise ChecklistError(f"{what}须为 UTF-8 编码", os.fspath(path)) from None
