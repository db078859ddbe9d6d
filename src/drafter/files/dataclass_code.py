"""The methods ``dataclasses`` writes, compiled once per installation, not once per run.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``… as source text and
compiles it with ``exec`` when the class is made: about 190 functions for the ≈ 40 dataclasses a
``drafter check`` imports, 30–40 ms of a 60 ms start-up, every run. :func:`install` makes the
``dataclasses`` module's ``exec`` read the code it compiles from a table kept in the user cache
(keyed by the source text and the compiler flags, in a file named after the exact interpreter and
its bytecode's magic number), so a later run executes the same code objects without compiling
them. ``exec`` of a code object runs exactly what ``exec`` of its source compiles to (the same
file name ``<string>``, the calling code's ``__future__`` flags, the same globals and locals), so
every class is the same as without it; anything unexpected compiles as ``exec`` does.

Only the command line installs it (it owns its process); the engine's API never does. With
caching off (``DRAFTER_NO_CACHE``) nothing is installed.
"""

from __future__ import annotations

import builtins
import sys
from typing import Any

#: Entries kept in one file; a larger table starts afresh (code of older drafter versions).
_MAX_ENTRIES = 2_000

_table: dict | None = None     # (source, flags) → code object
_new: dict = {}                 # entries compiled in this run, written at exit
_path: str | None = None
_FUTURE_FLAGS = 0               # the compiler flags of __future__ features (set by install)


def _cache_file(name: str) -> str | None:
    from importlib.util import MAGIC_NUMBER

    from .cache import interpreter_file

    return interpreter_file("code", f"dataclasses-{name}",
                            (sys.version, sys.implementation.cache_tag, MAGIC_NUMBER), ".marshal")


def _load() -> dict:
    global _table
    if _table is None:
        import marshal

        from .cache import read_table

        _table = read_table(_path, marshal.loads)  # missing or corrupt: compile as exec does
    return _table


def _exec(source: Any, globals: dict | None = None, locals: Any = None, **kwargs: Any) -> None:  # noqa: A002
    """``exec(source, globals, locals)`` for ``dataclasses``, its compiled code from the table."""
    caller = sys._getframe(1)
    if globals is None:  # exec() without globals runs in the caller's namespace
        globals = caller.f_globals
        if locals is None:
            locals = caller.f_locals
    if type(source) is str:
        flags = caller.f_code.co_flags & _FUTURE_FLAGS
        key = (source, flags)
        code = _load().get(key)
        if type(code) is not _CodeType:
            code = builtins.compile(source, "<string>", "exec", flags, True)
            if not _new:
                import atexit

                atexit.register(_save)
            _new[key] = code
        source = code
    builtins.exec(source, globals, locals, **kwargs)


_CodeType = type(_exec.__code__)


def _save() -> None:
    """Write this run's new entries beside the old ones (atomically; errors ignored)."""
    import marshal

    from .cache import write_table

    write_table(_path, _table, _new, marshal.dumps, _MAX_ENTRIES)
    _new.clear()


def install(name: str) -> None:
    """Compile the methods of dataclasses made from now on through the table of command ``name``
    (one file per command: each reads only the code its own imports need). Does nothing on
    another Python implementation, with caching off, or when already installed."""
    global _path, _FUTURE_FLAGS
    if sys.implementation.name != "cpython" or not name.isidentifier():
        return
    import dataclasses

    if "exec" in vars(dataclasses):
        return
    path = _cache_file(name)
    if path is None:
        return
    import __future__

    _FUTURE_FLAGS = 0
    for feature in __future__.all_feature_names:
        _FUTURE_FLAGS |= getattr(__future__, feature).compiler_flag
    _path = path
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # a module global shadows the builtin
