"""Recovery files: unsaved editor text kept in the user's state folder, to survive a crash.

Each editor that opens a document holds a :class:`RecoverySession` for it: a lock file
(``<key>.<token>.lock``, locked with ``flock`` for as long as the editor runs — the kernel
releases it when the process dies, even by SIGKILL) and its own recovery file
(``<key>.<token>.json``), written shortly after every change. On the next start, recoveries
whose session is no longer locked are offered (:meth:`RecoverySession.orphans`); one whose
editor still runs is that editor's, so a second editor on the same file is warned
(:meth:`RecoverySession.others`) and never offers nor deletes it — it used to delete it, and a
crash of the first editor then lost its edits.

The folder is ``platformdirs.user_state_dir("drafter")/recovery``, or ``$DRAFTER_STATE_DIR``
(tests point it at a temporary folder). Writes are atomic (:func:`drafter.files.save.atomic_write`).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from .save import atomic_write

#: Environment variable that overrides the state folder (used by tests).
STATE_DIR_ENV = "DRAFTER_STATE_DIR"

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locks, every recovery is offered
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Recovery:
    """Unsaved text found for a document: its path, the text and when it was written."""

    path: str
    text: str
    saved_at: float
    file: Path

    def discard(self) -> None:
        """Delete this recovery file (after the user restored or discarded it)."""
        _unlink(self.file)


def state_dir() -> Path:
    """The folder holding recovery files (created on first write)."""
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override) / "recovery"
    from platformdirs import user_state_dir  # deferred: only the editor needs it

    return Path(user_state_dir("drafter", appauthor=False)) / "recovery"


def _key(document: str | os.PathLike[str]) -> str:
    return os.path.abspath(os.fspath(document))


def _digest(document: str | os.PathLike[str]) -> str:
    return hashlib.sha256(_key(document).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def recovery_path(document: str | os.PathLike[str]) -> Path:
    """Where an ownerless recovery of ``document`` lives (written by :func:`write_recovery`)."""
    return state_dir() / f"{_digest(document)}.json"


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # a stale recovery file is offered again next time; never fail the editor for it


def _write(target: Path, document: str | os.PathLike[str], text: str, owner: dict | None = None) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"version": 2, "path": _key(document), "saved_at": time.time(), "owner": owner, "text": text}
    atomic_write(target, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return target


def _read(target: Path, document: str | os.PathLike[str]) -> Recovery | None:
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("path") != _key(document) or not isinstance(data.get("text"), str):
        return None
    return Recovery(path=data["path"], text=data["text"], saved_at=float(data.get("saved_at") or 0), file=target)


def _held(lock: Path) -> dict | None:
    """The owner recorded in ``lock`` if its editor still holds it, else None (and the stale
    lock file is removed)."""
    if fcntl is None:
        return None
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                return json.loads(os.read(fd, 4096).decode("utf-8")) or {}
            except (OSError, ValueError):
                return {}
        except OSError:
            return None  # a filesystem without locks: cannot tell, treat as gone
        _unlink(lock)  # we got the lock: its editor is gone
        return None
    finally:
        os.close(fd)


class RecoverySession:
    """One editor's recovery of one document: its lock, its recovery file, the others'."""

    def __init__(self, document: str | os.PathLike[str]) -> None:
        self.document = _key(document)
        self.token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.file = state_dir() / f"{_digest(document)}.{self.token}.json"
        self.lock = self.file.with_suffix(".lock")
        self._fd: int | None = None

    def open(self) -> "RecoverySession":
        """Take this session's lock (a failure to lock only loses the second-editor warning)."""
        try:
            self.lock.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return self
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                pass
        owner = {"pid": os.getpid(), "host": os.uname().nodename if hasattr(os, "uname") else "",
                 "since": time.time()}
        try:
            os.write(fd, json.dumps(owner).encode("utf-8"))
        except OSError:
            pass
        self._fd = fd
        return self

    def close(self) -> None:
        """Release the lock (at a normal exit). The recovery file stays if there is one: it
        holds unsaved text the user has not discarded."""
        if self._fd is not None:
            _unlink(self.lock)
            os.close(self._fd)
            self._fd = None

    def write(self, text: str) -> Path:
        """Store ``text`` as this editor's unsaved state of the document.

        Raises:
            SaveError: the state folder cannot be written.
        """
        return _write(self.file, self.document, text, {"pid": os.getpid(), "token": self.token})

    def remove(self) -> None:
        """Delete this editor's recovery file (saved, or back to the saved text)."""
        _unlink(self.file)

    def others(self) -> list[dict]:
        """The other editors that have this document open now (pid, host, since)."""
        found = []
        for lock in sorted(state_dir().glob(f"{_digest(self.document)}.*.lock")):
            if lock == self.lock:
                continue
            owner = _held(lock)
            if owner is not None:
                found.append(owner)
        return found

    def orphans(self) -> list[Recovery]:
        """Recoveries of this document left by editors that are gone, newest first (never
        this editor's own, nor those of editors still running)."""
        digest = _digest(self.document)
        found = []
        for path in state_dir().glob(f"{digest}*.json"):
            if path == self.file:
                continue
            token = path.name[len(digest):-len(".json")].lstrip(".")
            if token and _held(path.with_suffix(".lock")) is not None:
                continue  # a running editor's: not ours to offer or delete
            recovery = _read(path, self.document)
            if recovery is not None:
                found.append(recovery)
        return sorted(found, key=lambda r: r.saved_at, reverse=True)


def write_recovery(document: str | os.PathLike[str], text: str) -> Path:
    """Store ``text`` as an ownerless recovery of ``document`` (tests use it to leave what a
    crashed editor would leave); return the recovery file.

    Raises:
        SaveError: the state folder cannot be written.
    """
    return _write(recovery_path(document), document, text)


def read_recovery(document: str | os.PathLike[str]) -> Recovery | None:
    """The newest recovery of ``document`` that no running editor owns, or None."""
    found = RecoverySession(document).orphans()
    return found[0] if found else None


def remove_recovery(document: str | os.PathLike[str]) -> None:
    """Delete every recovery of ``document`` that no running editor owns."""
    for recovery in RecoverySession(document).orphans():
        recovery.discard()


def describe_difference(on_disk: str, recovered: str, context: int = 1, limit: int = 200) -> str:
    """A unified diff from the file on disk to the recovered text (at most ``limit`` lines)."""
    lines = list(difflib.unified_diff(on_disk.split("\n"), recovered.split("\n"),
                                      "磁盘上的文件", "未保存的修改", n=context, lineterm=""))
    if len(lines) > limit:
        lines = lines[:limit] + [f"……（另有 {len(lines) - limit} 行差异）"]
    return "\n".join(lines)
