"""Regular expressions compiled once per installation, not once per run.

A short ``drafter check`` spent a fifth of its time in ``re.compile``: about 130 patterns, many
with CJK character classes, for which ``re``'s compiler loops over tens of thousands of code
points in Python. :func:`compile` keeps what ``re``'s compiler produces (the pattern's code, its
flags and groups) in the user cache, keyed by the interpreter's version and ``_sre``'s magic
number, and builds the pattern from it with ``_sre.compile`` — what ``re.compile`` itself calls
last — in microseconds. Anything unexpected (another Python implementation, a missing internal,
a stale or corrupt file) falls back to ``re.compile``; the cache never changes a match:
``_sre.compile`` validates the code it is given, and the key includes the exact interpreter.

:func:`fast` wraps patterns that open with a lookbehind or an alternation: ``re`` tries such a
pattern at every position of the text, while the ``regex`` package (in its re-compatible V0
mode: the same matches) first looks for the characters a match needs — 20–60× faster on a
2.7 MB report. Compiling its ``regex`` patterns costs
30–40 ms, so they are kept in the user cache, as ``regex`` pickles them (their compiled code, not
their text); with caching off (``DRAFTER_NO_CACHE``) a text shorter than :data:`FAST_FROM`
characters is searched by ``re`` instead, which costs it well under a millisecond more
(``tests/unit_tests/test_fast_patterns.py`` checks that both engines agree).
"""

from __future__ import annotations

import re
import sys
from typing import Any, Iterator

try:  # CPython's compiler internals; elsewhere every pattern is compiled by re itself
    import _sre

    try:
        from re import _compiler, _parser  # Python ≥ 3.11
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_compile as _compiler  # type: ignore[no-redef]
        import sre_parse as _parser  # type: ignore[no-redef]
    _CAN_CACHE = sys.implementation.name == "cpython" and hasattr(_compiler, "_code")
except ImportError:  # pragma: no cover
    _CAN_CACHE = False

#: Texts at least this long are searched with ``regex`` by a :class:`FastPattern`.
FAST_FROM = 50_000
#: Entries kept in the cache file: patterns of older drafter versions are dropped beyond this.
_MAX_ENTRIES = 2_000

_table: dict | None = None      # (pattern, flags) → (flags, code, groups, groupindex, indexgroup)
_new: dict = {}                 # entries compiled in this run, written at exit
_regex_table: dict | None = None    # (pattern, flags) → a regex pattern (pickled by regex itself)
_regex_new: dict = {}


def _cache_file() -> str | None:
    from .cache import interpreter_file

    return interpreter_file("patterns", "re", (sys.version, sys.implementation.cache_tag, _sre.MAGIC,
                                               _sre.CODESIZE), ".marshal")


def _load() -> dict:
    global _table
    if _table is None:
        import marshal

        from .cache import read_table

        _table = read_table(_cache_file(), marshal.loads)  # missing or corrupt: compile as re does
    return _table


def _regex_cache_file(regex: Any) -> str | None:
    from .cache import interpreter_file

    return interpreter_file("patterns", "regex", (sys.version, regex.__version__), ".pickle")


def _load_regex(regex: Any) -> dict:
    """The regex patterns of earlier runs. ``regex`` pickles a pattern as its compiled form
    (``_regex.compile`` of the stored code), so loading one costs no parsing or compiling."""
    global _regex_table
    if _regex_table is None:
        import pickle

        from .cache import read_table

        _regex_table = read_table(_regex_cache_file(regex), pickle.loads)
    return _regex_table


def _regex_cacheable() -> bool:
    """Whether ``regex`` patterns are kept between runs (then a short text uses them too: after
    the first run they cost no compiling, and each search is faster than ``re``'s)."""
    global _cacheable
    if _cacheable is None:
        from .cache import cache_root

        _cacheable = cache_root() is not None
    return _cacheable


_cacheable: bool | None = None


def _save() -> None:
    """Write this run's new entries beside the old ones (atomically; errors ignored)."""
    from .cache import write_table

    for new, old, path, dumps in ((_new, _table, lambda: _cache_file(), _marshal_dumps),
                                  (_regex_new, _regex_table, _regex_path, _pickle_dumps)):
        if new:
            write_table(path(), old, new, dumps, _MAX_ENTRIES)
            new.clear()


def _marshal_dumps(table: dict) -> bytes:
    import marshal

    return marshal.dumps(table)


def _pickle_dumps(table: dict) -> bytes:
    import pickle

    return pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL)


def _regex_path() -> str | None:
    import regex

    return _regex_cache_file(regex)


def _remember(new: dict, key: tuple, value: Any) -> None:
    """Keep ``value`` for the cache file, written when the process exits."""
    if not _new and not _regex_new:
        import atexit

        atexit.register(_save)
    new[key] = value


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - re.compile's twin
    """``re.compile(pattern, flags)``, its compiled code read from the user cache when a
    previous run of this interpreter compiled the same pattern."""
    flags = int(flags)
    if not _CAN_CACHE or type(pattern) is not str or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    entry = _load().get(key)
    if entry is not None:
        try:
            return _sre.compile(pattern, *entry)
        except Exception:  # an entry this interpreter rejects: compile it afresh
            pass
    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        state = parsed.state
        indexgroup: list = [None] * state.groups
        for name, index in state.groupdict.items():
            indexgroup[index] = name
        entry = (int(flags | state.flags), code, state.groups - 1, dict(state.groupdict), tuple(indexgroup))
        compiled = _sre.compile(pattern, *entry)
    except re.error:
        raise
    except Exception:  # internals not as expected: leave it to re
        return re.compile(pattern, flags)
    _remember(_new, key, entry)
    return compiled


#: Every :class:`FastPattern` made (tests/unit_tests/test_fast_patterns.py compares both engines).
FAST_PATTERNS: list[FastPattern] = []


class FastPattern:
    """A pattern run by ``re`` on short texts and by the ``regex`` package on long ones (see the
    module's docstring); the methods take the same arguments as ``re.Pattern``'s."""

    __slots__ = ("pattern", "flags", "_re", "_regex")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = int(flags)
        self._re: re.Pattern | None = None
        self._regex: Any = None

    def engine(self, length: int) -> Any:
        """The compiled pattern used for a text of ``length`` characters: ``regex``'s, unless
        the text is short and there is no user cache to keep ``regex``'s compiled form in."""
        if self._regex is None and length < FAST_FROM and not _regex_cacheable():
            if self._re is None:
                self._re = compile(self.pattern, self.flags)
            return self._re
        return self.regex_pattern()

    def regex_pattern(self) -> Any:
        """The pattern compiled by ``regex`` (V0: re's matching rules)."""
        if self._regex is None:
            import regex

            key = (self.pattern, self.flags)
            self._regex = _load_regex(regex).get(key)
            if self._regex is None:
                self._regex = regex.compile(self.pattern, self.flags | regex.V0)
                _remember(_regex_new, key, self._regex)
        return self._regex

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator:
        return self.engine(len(string)).finditer(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.engine(len(string)).search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.engine(len(string)).match(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        return self.engine(len(string)).findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.engine(len(string)).sub(repl, string, count)


def fast(pattern: str, flags: int = 0) -> FastPattern:
    """A :class:`FastPattern` for ``pattern`` (``re`` flags)."""
    made = FastPattern(pattern, flags)
    FAST_PATTERNS.append(made)
    return made
