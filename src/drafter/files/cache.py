"""The user cache folder, and data compiled from files kept there as pickles between runs.

Checklists (``drafter.checklists.cache``), outlines and project files are parsed from YAML once;
later runs unpickle the result, keyed by the source files' path, modification time and size and
by the code that built it, so a warm ``drafter check`` never imports the YAML parser. The cache
is an optimisation only: a missing, stale, corrupt or unwritable cache never changes a result.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

try:  # the built-in module: hashlib would also load OpenSSL, which a cache key does not need
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

T = TypeVar("T")

#: Compiled files kept per kind; every edit of a source file writes a new one.
_KEEP_CACHED = 16


def _user_cache_dir() -> str:
    """``platformdirs.user_cache_dir("drafter")``; on Linux and the BSDs computed here, as
    platformdirs does (``$XDG_CACHE_HOME`` or ``~/.cache``), because importing platformdirs
    costs more than the whole warm check of a short report."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        path = os.environ.get("XDG_CACHE_HOME", "")
        if not path.strip():
            path = os.path.expanduser("~/.cache")
        return os.path.join(path, "drafter")
    from platformdirs import user_cache_dir

    return user_cache_dir("drafter")


def cache_root() -> Path | None:
    """drafter's cache folder, or None when caching is off (``DRAFTER_NO_CACHE``).
    ``DRAFTER_CACHE_DIR`` replaces the user cache folder."""
    if os.environ.get("DRAFTER_NO_CACHE"):
        return None
    return Path(os.environ.get("DRAFTER_CACHE_DIR") or _user_cache_dir())


def cache_folder(kind: str) -> Path | None:
    """The folder for cached ``kind`` (``checklists``, ``outlines``…), or None when caching is off."""
    root = cache_root()
    return root / kind if root is not None else None


def interpreter_file(folder: str, stem: str, key: tuple, suffix: str) -> str | None:
    """A cache file for what only the exact interpreter that wrote it may read back (compiled
    code): its name carries a hash of ``key`` (the Python version, the bytecode's magic number…).
    None when caching is off."""
    root = cache_root()
    if root is None:
        return None
    tag = blake2b(repr(key).encode(), digest_size=8).hexdigest()
    return os.path.join(root, folder, f"{stem}-{tag}{suffix}")


def read_table(path: str | None, loads: Callable[[bytes], Any]) -> dict:
    """The dict :func:`write_table` stored in ``path``; empty when there is none, or it is
    unreadable or corrupt (the caller then compiles afresh)."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            loaded = loads(handle.read())   # one read: load(handle) reads item by item
    except Exception:  # noqa: BLE001 — missing, unreadable or corrupt: nothing cached
        return {}
    return loaded if isinstance(loaded, dict) else {}


def write_table(path: str | None, old: dict | None, new: dict, dumps: Callable[[dict], bytes],
                max_entries: int) -> None:
    """Write ``new`` beside ``old`` to ``path``, atomically; a table that would grow past
    ``max_entries`` starts afresh (entries of older drafter versions go). Errors are ignored: the
    cache is an optimisation, and a read-only home must not break a check."""
    if path is None or not new:
        return
    try:
        from .save import atomic_write

        table = dict(old or {}) if len(old or {}) + len(new) <= max_entries else {}
        table.update(new)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        atomic_write(path, dumps(table))
    except Exception:  # noqa: BLE001, S110 — see above
        pass


def file_stamp(path: str) -> tuple[str, int, int]:
    """(absolute path, mtime in ns, size): what a cached result of ``path`` is keyed by.

    Raises:
        OSError: the file cannot be read.
    """
    st = os.stat(path)
    return os.path.abspath(path), st.st_mtime_ns, st.st_size


def code_stamps(*files: str) -> tuple:
    """(mtime in ns, size) of the modules whose code decides what a cached result holds, so that
    a changed drafter never reads an old pickle; a missing file (bytecode-only install) is skipped."""
    out = []
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            continue
        out.append((st.st_mtime_ns, st.st_size))
    return tuple(out)


def cache_key(*parts: Any) -> str:
    """A file name for ``parts`` (their ``repr``), stable across runs."""
    from ..version import __version__

    return blake2b(repr((__version__, parts)).encode(), digest_size=16).hexdigest()


def cached(kind: str, key: str, build: Callable[[], T], expected: type) -> T:
    """The pickled ``kind``/``key`` when present and an instance of ``expected``; else
    ``build()``, pickled for the next run. Errors ``build`` raises are not cached."""
    folder = cache_folder(kind)
    path = folder / f"{key}.pickle" if folder is not None else None
    if path is not None:
        try:
            with open(path, "rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, expected):
                return loaded
        except FileNotFoundError:
            pass
        except Exception:  # a stale or corrupt cache is rebuilt, never trusted
            pass
    result = build()
    if path is not None:
        try:
            from .save import atomic_write

            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            _prune(path.parent)
        except Exception:  # the cache is an optimisation; a read-only home must not break checks
            pass
    return result


def _prune(folder: Path) -> None:
    """Keep the most recently written compiled files of one kind."""
    files = sorted(folder.glob("*.pickle"), key=lambda f: f.stat().st_mtime, reverse=True)
    for old in files[_KEEP_CACHED:]:
        old.unlink(missing_ok=True)
