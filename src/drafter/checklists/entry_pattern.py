"""A checklist entry's ``pattern`` or ``context``: searched by ``re`` where that is proved safe and
gives the same matches, by the ``regex`` package with a timeout everywhere else.

``regex`` is the checklist engine (its V0 mode reads a pattern as ``re`` does, and a search can be
given a timeout, so that a user's catastrophic pattern cannot hang a check), but importing it
costs 10–15 ms, a tenth of a short ``drafter check``. So a text shorter than
:data:`~drafter.files.patterns.FAST_FROM` characters is searched by ``re`` when the pattern is one
:func:`~drafter.checklists.backtracking.re_safe` proves needs no timeout (its work is bounded by
its own structure, far below the timeout) and the text holds no character the two engines'
Unicode tables read differently for the categories the pattern uses
(:func:`~drafter.files.patterns.categories_agree`). Long texts keep ``regex`` (it is faster there:
it looks for the characters a match needs first), and so does every pattern not proved safe.

Pickled in the checklist cache as its text, that verdict and ``regex``'s pickle of the compiled
pattern as bytes: unpickling imports no engine. ``re``'s form is compiled on first use from the
user cache of compiled code (:mod:`drafter.files.patterns`), ``regex``'s read from those bytes.
"""

from __future__ import annotations

import pickle
import re
import sys
from typing import Any, Iterator

from ..files.patterns import categories, compile as re_compile, regex_compile, searched_by_re

#: A ``right`` text that ``re`` and ``regex`` expand alike: only ``\\1``–``\\99`` and ``\\g<…>``
#: after a backslash (both refuse or read other escapes, ``\\0`` and octals in their own ways).
_PLAIN_TEMPLATE = r"(?:[^\\]|\\[1-9][0-9]?(?![0-9])|\\g<[^>]*>)*\Z"


def plain_template(right: str | None) -> bool:
    """Whether ``right`` expands alike with either engine's match (no escape but group references)."""
    return right is None or "\\" not in right or re_compile(_PLAIN_TEMPLATE, re.S).match(right) is not None


class EntryPattern:
    """A checklist regular expression (``regex`` V0 syntax), compiled on first use by the engine
    a search needs. Searches take ``re.Pattern``'s arguments, plus ``timeout`` (applied when
    ``regex`` searches; ``re`` is only given patterns that need none) and ``size``: the length of
    the whole text a piece of which is searched (it decides the engine, as the text's length
    does for :class:`~drafter.files.patterns.FastPattern`)."""

    __slots__ = ("pattern", "by_re", "_needs", "_re", "_regex", "_pickled")

    def __init__(self, pattern: str, by_re: bool, compiled: Any = None) -> None:
        self.pattern = pattern
        #: whether short texts are searched by ``re`` (see the module's docstring)
        self.by_re = by_re
        self._needs = categories(pattern) if by_re else 0
        self._re: re.Pattern | None = None
        self._regex = compiled
        self._pickled: bytes | None = None    # regex's pickle of the pattern, read when first needed

    def __reduce__(self) -> tuple:
        # regex's compiled form travels as bytes (regex pickles its compiled code, so reading it
        # back costs no parsing): unpickling a checklist imports no engine, and a long text
        # unpickles only the patterns it searches.
        pickled = self._pickled
        if pickled is None and self._regex is not None:
            pickled = pickle.dumps(self._regex, protocol=pickle.HIGHEST_PROTOCOL)
        return _restore, (self.pattern, self.by_re, pickled)

    def __repr__(self) -> str:
        return f"EntryPattern({self.pattern!r}, by_re={self.by_re})"

    def regex_pattern(self) -> Any:
        """The pattern compiled by ``regex`` (V0: re's reading)."""
        if self._regex is None:
            if self._pickled is not None:
                self._regex = pickle.loads(self._pickled)
                self._pickled = None
            else:
                self._regex = regex_compile(self.pattern)   # through the user cache, as re's code
        return self._regex

    def re_pattern(self) -> re.Pattern:
        """The pattern compiled by ``re`` (through the user cache of compiled code)."""
        if self._re is None:
            self._re = re_compile(self.pattern)
        return self._re

    def engine(self, text: str, size: int | None = None) -> Any:
        """The compiled pattern that searches ``text`` (a piece of a text of ``size`` characters):
        ``re``'s for a pattern proved safe where :func:`~drafter.files.patterns.searched_by_re`
        says so, else ``regex``'s."""
        if searched_by_re(self._needs, text, len(text) if size is None else size) and self.by_re:
            return self.re_pattern()
        return self.regex_pattern()

    def _either(self) -> Any:
        # Either engine's form tells the groups of a pattern re searches (re reads it as regex does).
        if self._regex is None and self.by_re:
            return self.re_pattern()
        return self.regex_pattern()

    @property
    def groups(self) -> int:
        return self._either().groups

    @property
    def groupindex(self) -> dict:
        return self._either().groupindex

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize, timeout: float | None = None,
                 size: int | None = None) -> Iterator:
        found = self.engine(text, size)
        if found is self._regex:
            return found.finditer(text, pos, endpos, timeout=timeout)
        return found.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize, timeout: float | None = None,
               size: int | None = None) -> Any:
        found = self.engine(text, size)
        if found is self._regex:
            return found.search(text, pos, endpos, timeout=timeout)
        return found.search(text, pos, endpos)


def _restore(pattern: str, by_re: bool, pickled: bytes | None) -> EntryPattern:
    made = EntryPattern(pattern, by_re)
    made._pickled = pickled
    return made


def expand(match: Any, right: str) -> str:
    """``match.expand(right)``, or ``right`` itself where the template does not fit the match."""
    try:
        return match.expand(right)
    except (re.error, IndexError):
        return right
    except Exception as exc:
        regex = sys.modules.get("regex")
        if regex is not None and isinstance(exc, regex.error):
            return right
        raise
