r"""Regular expressions compiled once per installation, not once per run.

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
2.7 MB report. Texts shorter than :data:`FAST_FROM` characters are searched by ``re`` (a few
milliseconds more than ``regex`` at most, and no 10–15 ms import of ``regex``), until the process
has searched a longer one; longer ones by ``regex``, whose compiled patterns (30–40 ms to compile) are kept in the user cache as
``regex`` pickles them (their compiled code, not their text).
``tests/unit_tests/test_fast_patterns.py`` checks that both engines agree.

Both engines read a pattern alike but for three categories, which each takes from its own Unicode
tables (:func:`categories_agree`): ``\s`` (``re``'s also holds U+001C–U+001F), ``\d`` (``regex``'s
newer tables hold digits of scripts added since Python's, all beyond U+FFFF) and ``\w``/``\b``
(thousands of marks and numbers apart). A pattern that uses one goes to ``re`` only for a text
where the two readings cannot differ.
"""

from __future__ import annotations

import os
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

#: Texts at least this long are searched with ``regex`` by a :class:`FastPattern` (and a checklist
#: pattern, :mod:`drafter.checklists.entry_pattern`). ``re`` searches these patterns ≈ 0.5 µs a
#: character slower; below this that costs less than importing ``regex`` (instruction counts of
#: whole `drafter check` runs on corpus slices: 7 % fewer at 10,000 characters, 5 % at 12,000,
#: even at ≈ 19,000, 18 % more at 49,000).
FAST_FROM = 12_000
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


def regex_compile(pattern: str, flags: int = 0) -> Any:
    """``regex.compile(pattern, flags | regex.V0)`` (``re``'s reading), its compiled form read from
    the user cache when a previous run compiled the same pattern (compiling costs ~1 ms a pattern).

    Raises:
        regex.error: as ``regex.compile`` does.
    """
    import regex

    key = (pattern, int(flags))
    compiled = _load_regex(regex).get(key)
    if compiled is None:
        compiled = regex.compile(pattern, int(flags) | regex.V0)
        _remember(_regex_new, key, compiled)
    return compiled


#: :func:`categories` bits: the pattern uses ``\\s``/``\\S``, ``\\d``/``\\D``, ``\\w``/``\\W``/``\\b``/``\\B``.
SPACE, DIGIT, WORD = 1, 2, 4
_CATEGORY_BITS = {"s": SPACE, "S": SPACE, "d": DIGIT, "D": DIGIT, "w": WORD, "W": WORD, "b": WORD, "B": WORD}
#: What ``re``'s ``\\s`` matches and ``regex``'s does not (the file, group, record and unit
#: separators: ``str.isspace`` holds them, Unicode's White_Space does not).
_SPACE_APART = "\x1c\x1d\x1e\x1f"


def categories(pattern: str) -> int:
    """Which categories ``pattern`` uses (:data:`SPACE` | :data:`DIGIT` | :data:`WORD`), read off
    its escapes (``\\\\s`` is an escaped backslash and an ``s``)."""
    bits = 0
    at = pattern.find("\\")
    while at != -1:
        bits |= _CATEGORY_BITS.get(pattern[at + 1:at + 2], 0)
        at = pattern.find("\\", at + 2)
    return bits


_facts: list = [None, None, None]   # the last text asked about: it, holds U+001C–U+001F, beyond U+FFFF


def categories_agree(needs: int, text: str) -> bool:
    """Whether ``re`` and ``regex`` read the categories ``needs`` alike on every character of
    ``text``: ``\\s`` unless it holds U+001C–U+001F; ``\\d`` unless it holds a character beyond
    U+FFFF (the digits the two engines' Unicode tables disagree on all are: the BMP's have been
    stable for many Unicode versions, which ``tests/unit_tests/test_fast_patterns.py`` checks for
    the installed pair); ``\\w`` and ``\\b`` never (they differ on common marks and numbers, ²)."""
    if needs & WORD:
        return False
    facts = _facts
    if facts[0] is not text:
        facts[:] = [text, None, None]
    if needs & SPACE:
        if facts[1] is None:
            facts[1] = any(c in text for c in _SPACE_APART)
        if facts[1]:
            return False
    if needs & DIGIT:
        if facts[2] is None:
            facts[2] = bool(text) and max(text) > "\uffff"
        if facts[2]:
            return False
    return True


_regex_loaded = False


def regex_loaded() -> bool:
    """Whether this process has loaded ``regex`` for searching: it has searched a text of
    :data:`FAST_FROM` characters or more, or forked workers (:func:`_before_fork`). Then short
    texts are searched by ``regex`` too (faster than ``re`` once loaded, as before)."""
    return _regex_loaded


def load_regex() -> None:
    """Record that ``regex`` is (about to be) loaded for searching (see :func:`regex_loaded`)."""
    global _regex_loaded
    _regex_loaded = True


def searched_by_re(needs: int, text: str, size: int) -> bool:
    """Whether a pattern using the categories ``needs`` (:func:`categories`) searches ``text`` —
    a text of ``size`` characters, or a piece of one — with ``re``: the text is shorter than
    :data:`FAST_FROM`, this process has not loaded ``regex`` for searching, and both engines read
    those categories alike on ``text``. A longer text loads ``regex`` for searching
    (:func:`regex_loaded`). The one rule of :class:`FastPattern` and of checklist patterns
    (:class:`~drafter.checklists.entry_pattern.EntryPattern`)."""
    if size >= FAST_FROM:
        load_regex()
        return False
    return not _regex_loaded and (not needs or categories_agree(needs, text))


def _before_fork() -> None:
    """Load ``regex`` and its cached patterns before this process forks workers.

    Workers are forked to share a long text's checks (which ``regex`` searches) or a folder's
    files: loading it once here, as every process did at start-up before short texts went to
    ``re``, spares each worker the import (a 30× report's check spent ≈ 30 ms more CPU without),
    and the workers search every text with it (a folder of 60 short reports: ≈ 60 ms more CPU
    with ``re``).
    """
    try:
        import regex
    except ImportError:  # pragma: no cover - a dependency
        return
    _load_regex(regex)
    load_regex()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork)


#: Every :class:`FastPattern` made (tests/unit_tests/test_fast_patterns.py compares both engines).
FAST_PATTERNS: list[FastPattern] = []


class FastPattern:
    """A pattern run by ``re`` on short texts and by the ``regex`` package on long ones (see the
    module's docstring); the methods take the same arguments as ``re.Pattern``'s."""

    __slots__ = ("pattern", "flags", "_re", "_regex", "_needs")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = int(flags)
        self._re: re.Pattern | None = None
        self._regex: Any = None
        self._needs: int | None = None    # categories(pattern), on first use

    def engine(self, string: str) -> Any:
        """The compiled pattern used to search ``string``: ``re``'s where :func:`searched_by_re`
        says so, else ``regex``'s."""
        if self._needs is None:
            self._needs = categories(self.pattern)
        if searched_by_re(self._needs, string, len(string)):
            if self._re is None:
                self._re = compile(self.pattern, self.flags)
            return self._re
        return self.regex_pattern()

    def regex_pattern(self) -> Any:
        """The pattern compiled by ``regex`` (V0: re's matching rules)."""
        if self._regex is None:
            self._regex = regex_compile(self.pattern, self.flags)
        return self._regex

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator:
        return self.engine(string).finditer(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.engine(string).search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.engine(string).match(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        return self.engine(string).findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.engine(string).sub(repl, string, count)


def fast(pattern: str, flags: int = 0) -> FastPattern:
    """A :class:`FastPattern` for ``pattern`` (``re`` flags)."""
    made = FastPattern(pattern, flags)
    FAST_PATTERNS.append(made)
    return made
