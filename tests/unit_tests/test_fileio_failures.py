"""Failed writes leave the original byte-identical, leave no temporary file, and keep the text.

Two kinds of failure are tried: injected ones (``monkeypatch`` makes one step of the atomic
write — creating the temporary file, writing, fsync, chmod, rename — raise ENOSPC, EDQUOT,
EACCES, EROFS or EIO), and real ones made by the kernel: a tiny tmpfs that fills up, a tmpfs
remounted read-only, and a folder without write permission seen by an unprivileged user.
Root ignores permission bits, so when the suite runs as root the permission case runs the save
in a child process that drops to user ``nobody``; mounting needs root and is skipped otherwise.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from drafter.files import save as fileio
from drafter.files.save import ProtectedFileError, SaveError, atomic_write, save_text
from drafter.files.source import read_source

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534


def _write_seed(folder: Path, seed_text: str, name: str = "报告.txt") -> tuple[Path, bytes]:
    path = folder / name
    data = seed_text.replace("\n", "\r\n").encode("gb18030")
    path.write_bytes(data)
    return path, data


def _edited(seed_text: str) -> str:
    return seed_text.replace("X次", "12次") + "\n（补充）下半年将继续推进理论武装工作。\n"


# ---------------------------------------------------------------- injected failures

class _FailingFile(io.RawIOBase):
    """A file object that accepts half of what is written and then fails like a full disk."""

    def __init__(self, fd: int, err: int) -> None:
        self._fd, self._err = fd, err

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        os.write(self._fd, bytes(data[: len(data) // 2]))
        raise OSError(self._err, os.strerror(self._err))

    def fileno(self) -> int:
        return self._fd

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


def _raiser(err: int):
    def fail(*args, **kwargs):
        raise OSError(err, os.strerror(err))
    return fail


STAGES = {
    "mkstemp": lambda mp, err: mp.setattr(fileio.tempfile, "mkstemp", _raiser(err)),
    "write": lambda mp, err: mp.setattr(fileio.os, "fdopen", lambda fd, mode="r": _FailingFile(fd, err)),
    "fsync": lambda mp, err: mp.setattr(fileio.os, "fsync", _raiser(err)),
    "chmod": lambda mp, err: mp.setattr(fileio.os, "chmod", _raiser(err)),
    "replace": lambda mp, err: mp.setattr(fileio.os, "replace", _raiser(err)),
}
REASONS = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘配额已满", errno.EACCES: "没有写入权限",
           errno.EROFS: "文件系统只读", errno.EIO: os.strerror(errno.EIO)}


@pytest.mark.parametrize("err", list(REASONS), ids=[errno.errorcode[e] for e in REASONS])
@pytest.mark.parametrize("stage", list(STAGES))
def test_injected_failure_keeps_original_and_text(tmp_path, seed_text, monkeypatch, stage, err):
    path, original = _write_seed(tmp_path, seed_text)
    source = read_source(path)
    buffer = _edited(seed_text)
    before = sorted(os.listdir(tmp_path))
    STAGES[stage](monkeypatch, err)
    with pytest.raises(SaveError) as caught:
        save_text(source, buffer)
    monkeypatch.undo()
    assert path.read_bytes() == original                 # the original is byte-identical
    assert sorted(os.listdir(tmp_path)) == before        # no temporary file left behind
    assert REASONS[err] in caught.value.message and "原文件未改动" in caught.value.message
    assert caught.value.path == str(path)
    assert source.text == seed_text                      # the caller's document is untouched
    # ...and the buffer is still whole: once the disk is fine again the same text saves.
    saved = save_text(source, buffer)
    assert read_source(path).text == buffer and saved.text == buffer


def test_missing_folder_is_reported(tmp_path, seed_text):
    with pytest.raises(SaveError, match="文件夹不存在"):
        atomic_write(tmp_path / "没有这个文件夹" / "报告.txt", seed_text.encode())
    assert os.listdir(tmp_path) == []


def test_target_that_is_a_folder_is_reported(tmp_path, seed_text):
    (tmp_path / "报告.txt").mkdir()
    with pytest.raises(SaveError, match="目标是文件夹"):
        atomic_write(tmp_path / "报告.txt", seed_text.encode())
    assert os.listdir(tmp_path) == ["报告.txt"] and (tmp_path / "报告.txt").is_dir()


# ---------------------------------------------------------------- permissions, owner, links

@pytest.mark.parametrize("mode", [0o640, 0o600, 0o644, 0o755, 0o444])
def test_permission_bits_are_kept(tmp_path, seed_text, mode):
    path, _ = _write_seed(tmp_path, seed_text)
    os.chmod(path, mode)
    # A read-only file is replaced only after the user said yes; it stays read-only.
    save_text(read_source(path), _edited(seed_text), replace_protected=mode == 0o444)
    assert stat.S_IMODE(os.stat(path).st_mode) == mode
    assert read_source(path).text == _edited(seed_text)


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_a_read_only_file_is_not_replaced_without_a_yes(tmp_path, seed_text, mode):
    """Issue 15: saving silently replaced a 0444 file (the rename needs only the folder's
    permission, and root may write anything)."""
    path, original = _write_seed(tmp_path, seed_text)
    os.chmod(path, mode)
    with pytest.raises(ProtectedFileError) as caught:
        save_text(read_source(path), _edited(seed_text))
    assert "只读" in caught.value.message and f"{mode:04o}" in caught.value.message
    assert path.read_bytes() == original and stat.S_IMODE(os.stat(path).st_mode) == mode
    assert os.listdir(tmp_path) == [path.name]  # no temporary file either


def test_new_file_gets_umask_permissions(tmp_path, seed_text):
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "新报告.txt", seed_text.encode())
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "新报告.txt").st_mode) == 0o640


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file to another user")
def test_owner_is_kept_when_root_saves_a_users_file(tmp_path, seed_text):
    path, original = _write_seed(tmp_path, seed_text)
    os.chown(path, NOBODY, NOBODY)
    with pytest.raises(ProtectedFileError, match="其他用户"):  # asked first (issue 15)
        save_text(read_source(path), _edited(seed_text))
    assert path.read_bytes() == original
    save_text(read_source(path), _edited(seed_text), replace_protected=True)
    st = os.stat(path)
    assert (st.st_uid, st.st_gid) == (NOBODY, NOBODY)


@pytest.mark.skipif(not hasattr(os, "fork") or not IS_ROOT, reason="needs fork and root to act as two users")
def test_another_users_file_is_not_taken_over(seed_text):
    """Issue 15: a user saving another user's file (writable by all, in a folder writable by
    all) replaced it by rename, and the file became the saver's. The kernel allows it; drafter
    now refuses without a yes. The save runs as ``nobody`` on root's file."""
    folder = Path(tempfile.mkdtemp(prefix="drafter-shared-", dir="/tmp"))
    try:
        path, original = _write_seed(folder, seed_text)
        os.chmod(path, 0o666)
        os.chmod(folder, 0o777)
        said = _save_as_nobody(path, _edited(seed_text))
        assert "属于其他用户" in said and "root" in said
        assert path.read_bytes() == original and os.stat(path).st_uid == 0
    finally:
        shutil.rmtree(folder)


def test_save_through_symlink_updates_the_real_file(tmp_path, seed_text):
    real, _ = _write_seed(tmp_path, seed_text, "真实.txt")
    link = tmp_path / "链接.txt"
    link.symlink_to(real.name)
    save_text(read_source(link), _edited(seed_text))
    assert link.is_symlink()
    assert read_source(real).text == _edited(seed_text)


# ---------------------------------------------------------------- real failures (kernel)

@pytest.fixture
def tmpfs(tmp_path):
    """A 64 KiB tmpfs mounted at a fresh folder (root only); unmounted afterwards."""
    if not IS_ROOT or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def test_real_full_disk_keeps_original(tmpfs, seed_text):
    path, original = _write_seed(tmpfs, seed_text)
    source = read_source(path)
    huge = seed_text * 40  # ~400 KB as GB18030 with CRLF: far more than the 64 KiB left
    with pytest.raises(SaveError, match="磁盘空间不足"):
        save_text(source, huge)
    assert path.read_bytes() == original
    assert os.listdir(tmpfs) == [path.name]
    # The space the failed temporary file took is free again: a normal save still works.
    save_text(source, _edited(seed_text))
    assert read_source(path).text == _edited(seed_text)


def test_real_read_only_filesystem_keeps_original(tmpfs, seed_text):
    path, original = _write_seed(tmpfs, seed_text)
    source = read_source(path)
    done = subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr.strip()}")
    with pytest.raises(SaveError, match="文件系统只读"):
        save_text(source, _edited(seed_text))
    assert path.read_bytes() == original
    assert os.listdir(tmpfs) == [path.name]


def _save_as_nobody(path: Path, text: str, replace_protected: bool = False) -> str:
    """Save in a forked child that has dropped to user ``nobody``; return what it reported."""
    source = read_source(path)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never return into pytest
        status = 1
        try:
            os.close(reader)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            try:
                save_text(source, text, replace_protected=replace_protected)
                os.write(writer, "保存成功".encode())
            except SaveError as exc:
                os.write(writer, exc.message.encode())
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        said = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return said


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_real_permission_denied_keeps_original(seed_text):
    """A folder the user may not write to. Root ignores permission bits, so as root the save
    runs in a forked child that drops to user ``nobody`` — the kernel, not a mock, says no."""
    folder = Path(tempfile.mkdtemp(prefix="drafter-ro-", dir="/tmp"))
    try:
        path, original = _write_seed(folder, seed_text)
        os.chmod(path, 0o644)
        os.chmod(folder, 0o555)
        if IS_ROOT:  # the user said yes to replacing root's file: the kernel still says no
            said = _save_as_nobody(path, _edited(seed_text), replace_protected=True)
        else:
            try:
                save_text(read_source(path), _edited(seed_text), replace_protected=True)
                said = "保存成功"
            except SaveError as exc:
                said = exc.message
        assert "没有写入权限" in said
        assert path.read_bytes() == original
        assert os.listdir(folder) == [path.name]
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


# ---------------------------------------------------------------- the document itself

def test_failed_save_then_save_as_elsewhere(tmp_path, seed_text, monkeypatch):
    """After a failure the writer can save the same buffer somewhere else, in the same encoding."""
    path, original = _write_seed(tmp_path, seed_text)
    source = read_source(path)
    monkeypatch.setattr(fileio.os, "replace", _raiser(errno.ENOSPC))
    with pytest.raises(SaveError):
        save_text(source, _edited(seed_text))
    monkeypatch.undo()
    other = tmp_path / "另存.txt"
    saved = save_text(source, _edited(seed_text), str(other))
    assert saved.path == str(other) and path.read_bytes() == original
    assert other.read_bytes() == replace(source, text=_edited(seed_text)).encode()


def test_a_failed_write_of_a_new_file_does_not_speak_of_an_original(tmp_path):
    target = tmp_path / "no-such-folder" / "成文.txt"
    with pytest.raises(SaveError) as caught:
        atomic_write(target, "正文".encode("utf-8"))
    assert "文件夹不存在" in caught.value.message and "未写入任何文件" in caught.value.message
    assert "原文件" not in caught.value.message
    assert not target.parent.exists()
