"""Finding checklist files and loading them through the cache.

Compiled checklists (a :class:`~drafter.checklists.matching.ChecklistSet`) are cached in memory and
pickled to the user cache folder, keyed by each file's path, size and modification time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from . import format as checklist
from . import matching as checklist_match
from . import model as checklist_model
from .format import read_checklist
from .matching import ChecklistSet
from ..errors import ChecklistError

#: Bumped whenever what is pickled changes shape or module (pickles store module paths).
_CACHE_VERSION = 3
#: The modules whose code decides what a cached set holds: changing any of them refuses old pickles.
_MODULE_FILES = (checklist_model.__file__, checklist_match.__file__, checklist.__file__, __file__)


def checklist_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The checklist files named by ``paths``: files as given, folders' top-level ``*.yaml``.

    Raises:
        ChecklistError: a path that does not exist.
    """
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml")))
        elif p.is_file():
            out.append(str(p))
        else:
            raise ChecklistError("检查清单文件或文件夹不存在", str(p))
    return list(dict.fromkeys(out))


def bundled_checklist_files() -> list[str]:
    """The checklists shipped with drafter (top level of ``checklists/``; outlines are apart)."""
    from ..files.resources import checklists_dir

    folder = checklists_dir()
    return checklist_files([folder]) if folder.is_dir() else []


def _stamp(path: str) -> tuple[str, int, int]:
    st = os.stat(path)
    return os.path.abspath(path), st.st_mtime_ns, st.st_size


def _cache_file(stamps: tuple) -> Path | None:
    try:
        from platformdirs import user_cache_dir

        from ..version import __version__
    except ImportError:  # pragma: no cover
        return None
    if os.environ.get("DRAFTER_NO_CACHE"):
        return None
    # The checklist modules' own files are part of the key: a changed drafter never reads an old
    # pickle.
    own = tuple((st.st_mtime_ns, st.st_size) for st in map(os.stat, _MODULE_FILES))
    key = hashlib.blake2b(repr((_CACHE_VERSION, __version__, own, stamps)).encode(),
                          digest_size=16).hexdigest()
    folder = os.environ.get("DRAFTER_CACHE_DIR") or user_cache_dir("drafter")
    return Path(folder) / "checklists" / f"{key}.pickle"


@lru_cache(maxsize=8)
def _load_set(stamps: tuple) -> ChecklistSet:
    cache = _cache_file(stamps)
    if cache is not None and cache.is_file():
        try:
            with open(cache, "rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, ChecklistSet):
                return loaded
        except Exception:  # a stale or corrupt cache is rebuilt, never trusted
            pass
    loaded, problems = [], []
    for path, _, _ in stamps:
        try:
            checklist = read_checklist(path, lenient=True)
        except ChecklistError as exc:
            # A file drafter cannot read as a checklist at all is left out, like a failing entry:
            # the other checklists and every report are still checked.
            problems.append(ChecklistError(f"{exc.message}；已停用此检查清单，其他清单和报告照常检查",
                                           exc.path or path, exc.line))
            continue
        loaded.append(checklist)
        problems.extend(checklist.problems)
    result = ChecklistSet(loaded, problems)
    if cache is not None:
        try:
            from ..files.save import atomic_write

            cache.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(cache, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            _prune(cache.parent)
        except Exception:  # the cache is an optimisation; a read-only home must not break checks
            pass
    return result


_KEEP_CACHED = 16


def _prune(folder: Path) -> None:
    """Keep the most recently written compiled sets; every edit of a checklist writes a new one."""
    files = sorted(folder.glob("*.pickle"), key=lambda f: f.stat().st_mtime, reverse=True)
    for old in files[_KEEP_CACHED:]:
        old.unlink(missing_ok=True)


def load_checklists(paths: Iterable[str | os.PathLike[str]] = (), bundled: bool = True) -> ChecklistSet:
    """Load the bundled checklists (unless ``bundled`` is false) and those at ``paths``.

    Compiled results are cached in memory and on disk, keyed by path, size and mtime.

    Entries that fail their examples and files that are malformed are left out; the set's
    ``problems`` names each (file:line).

    Raises:
        ChecklistError: a missing path, or two checklists with one name.
    """
    files = (bundled_checklist_files() if bundled else []) + checklist_files(paths)
    files = list(dict.fromkeys(os.path.abspath(f) for f in files))
    try:
        stamps = tuple(_stamp(f) for f in files)
    except OSError as exc:
        raise ChecklistError(f"无法读取检查清单（{exc.strerror or exc}）", exc.filename) from None
    return _load_set(stamps)
