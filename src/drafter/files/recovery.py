"""Recovery files: unsaved editor text kept in the user's state folder, to survive a crash.

While a document has unsaved changes the editor calls :func:`write_recovery` every few seconds;
on the next start :func:`read_recovery` finds the text again (keyed by the document's absolute
path), the user chooses to restore or discard it, and :func:`remove_recovery` deletes it.
The folder is ``platformdirs.user_state_dir("drafter")/recovery``, or ``$DRAFTER_STATE_DIR``
(tests point it at a temporary folder). Writes are atomic (:func:`drafter.files.save.atomic_write`).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .save import atomic_write

#: Environment variable that overrides the state folder (used by tests).
STATE_DIR_ENV = "DRAFTER_STATE_DIR"


@dataclass(frozen=True)
class Recovery:
    """Unsaved text found for a document: its path, the text and when it was written."""

    path: str
    text: str
    saved_at: float
    file: Path


def state_dir() -> Path:
    """The folder holding recovery files (created on first write)."""
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override) / "recovery"
    from platformdirs import user_state_dir  # deferred: only the editor needs it

    return Path(user_state_dir("drafter", appauthor=False)) / "recovery"


def _key(document: str | os.PathLike[str]) -> str:
    return os.path.abspath(os.fspath(document))


def recovery_path(document: str | os.PathLike[str]) -> Path:
    """Where the recovery file of ``document`` lives (one per absolute path)."""
    digest = hashlib.sha256(_key(document).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return state_dir() / f"{digest}.json"


def write_recovery(document: str | os.PathLike[str], text: str) -> Path:
    """Store ``text`` as the unsaved state of ``document``; return the recovery file.

    Raises:
        SaveError: the state folder cannot be written.
    """
    target = recovery_path(document)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"version": 1, "path": _key(document), "saved_at": time.time(), "text": text}
    atomic_write(target, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return target


def read_recovery(document: str | os.PathLike[str]) -> Recovery | None:
    """The recovery of ``document``, or None when there is none or it is unreadable."""
    target = recovery_path(document)
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("path") != _key(document) or not isinstance(data.get("text"), str):
        return None
    return Recovery(path=data["path"], text=data["text"], saved_at=float(data.get("saved_at") or 0), file=target)


def remove_recovery(document: str | os.PathLike[str]) -> None:
    """Delete the recovery file of ``document`` if there is one."""
    try:
        recovery_path(document).unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass  # a stale recovery file is offered again next time; never fail the editor for it


def describe_difference(on_disk: str, recovered: str, context: int = 1, limit: int = 200) -> str:
    """A unified diff from the file on disk to the recovered text (at most ``limit`` lines)."""
    lines = list(difflib.unified_diff(on_disk.split("\n"), recovered.split("\n"),
                                      "磁盘上的文件", "未保存的修改", n=context, lineterm=""))
    if len(lines) > limit:
        lines = lines[:limit] + [f"……（另有 {len(lines) - limit} 行差异）"]
    return "\n".join(lines)
