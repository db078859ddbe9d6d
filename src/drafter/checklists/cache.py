"""Finding checklist files and loading them through the cache.

Compiled checklists (a :class:`~drafter.checklists.matching.ChecklistSet`) are cached in memory and
pickled to the user cache folder, keyed by each file's path, size and modification time.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .matching import ChecklistSet
from ..errors import ChecklistError
from ..files.cache import cache_key, cached, code_stamps, file_stamp

#: Bumped whenever what is pickled changes shape or module (pickles store module paths).
_CACHE_VERSION = 4
_HERE = os.path.dirname(os.path.abspath(__file__))
#: The modules whose code decides what a cached set holds: changing any of them refuses old
#: pickles. Named by file, not imported: a warm run never imports the YAML reader (format.py).
_MODULE_FILES = tuple(os.path.join(_HERE, name) for name in ("model.py", "matching.py", "automaton.py", "format.py",
                                                               "cache.py", "entry_pattern.py", "backtracking.py"))


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


@lru_cache(maxsize=8)
def _load_set(stamps: tuple) -> ChecklistSet:
    def build() -> ChecklistSet:
        from .format import read_checklist

        loaded, problems = [], []
        for path, _, _ in stamps:
            try:
                checklist = read_checklist(path, lenient=True)
            except ChecklistError as exc:
                # A file drafter cannot read as a checklist at all is left out, like a failing
                # entry: the other checklists and every report are still checked.
                problems.append(ChecklistError(f"{exc.message}；已停用此检查清单，其他清单和报告照常检查",
                                               exc.path or path, exc.line))
                continue
            loaded.append(checklist)
            problems.extend(checklist.problems)
        return ChecklistSet(loaded, problems)

    # The checklist modules' own files are part of the key: a changed drafter never reads an
    # old pickle.
    key = cache_key("checklists", _CACHE_VERSION, code_stamps(*_MODULE_FILES), stamps)
    return cached("checklists", key, build, ChecklistSet)


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
        stamps = tuple(file_stamp(f) for f in files)
    except OSError as exc:
        raise ChecklistError(f"无法读取检查清单（{exc.strerror or exc}）", exc.filename) from None
    return _load_set(stamps)
