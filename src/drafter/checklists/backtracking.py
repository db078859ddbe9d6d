"""Whether a checklist pattern may be searched by ``re``, with no timeout, on a short text.

Checklist patterns are the user's: ``regex`` searches them with a timeout
(:data:`drafter.checklists.matching.REGEX_TIMEOUT`) so that a pattern that backtracks
catastrophically (``(a+)+b``) cannot hang a check. ``re`` has no timeout, so it may only take a
pattern for which a bound on its work can be proved from the pattern alone. :func:`re_safe` says
yes only when

- ``re`` reads the pattern as ``regex`` (V0) does (``matching._stdlib_parse``: no ``\\p{…}``,
  fuzzy ``{e<=1}``, POSIX or nested sets), with no flag that the two apply differently
  (``(?i)``, ``(?x)``, ``(?a)``, ``(?L)``, flags inside groups), no ``\\w``/``\\b`` (their Unicode
  tables differ), no back-reference, atomic group or possessive repeat, no capturing group inside
  a repeat or a lookbehind (what it holds rests on each engine's way of backtracking), and no
  empty match (the engines step past an empty match differently); and
- a static count bounds its work per position of the text by :data:`STEPS` (below), so a search
  of a text shorter than :data:`~drafter.files.patterns.FAST_FROM` costs at most
  ``FAST_FROM × STEPS`` character tests: tens of milliseconds of ``_sre`` at most, far below the
  timeout, whatever the text.

The count (:func:`_sequence`) follows ``re``'s backtracking: for each element, how many ways it
can end (*paths*, each a place the rest of the pattern is tried from) and how many character
tests it costs (*steps*), multiplied along a sequence. Bounded repeats count every way they can
end, but a one-character repeat followed by a test none of its characters passes (``[^。]{0,30}也``)
goes on one way only (at any other end the next character is one of the repeat's). An alternation's
branches are grouped by their first characters (no character passes the first tests of two
groups): a text's character gets past the first test of one group at most, so the alternation
counts the ways and steps of its largest group, plus the first tests of all. An unbounded repeat
(``X*``, ``X+``, ``X{2,}``) is allowed only over a single character class or a fixed run of them
(``(?:、[一二]中)*``), and only

- at the very end of the pattern (nothing follows: the first way it ends is a match, and the next
  search starts after it — every character of its run is read once), or
- *guarded*: a character test at a fixed distance ``d`` before it, in the same sequence, that no
  character of the repeat can pass (``【\\s*】``: ``【`` is no space). A run of the repeat's
  characters then holds at most ``d`` places where the repeat can start (a start further in would
  have a run character where the guard is), so over the whole text its runs are read at most
  ``d`` times each, and the rest of the pattern is tried from at most ``d + 1`` places per start:
  its count is ``d + 1`` paths.

Anything else — nested unbounded repeats, an unbounded repeat whose start cannot be told apart from
its run (``.*.*x``: quadratic on a long line), alternations of look-alike branches under a repeat
(``(a|a)*b``: exponential) — stays with ``regex`` and its timeout.
"""

from __future__ import annotations

from typing import Callable

from .matching import _C, _sre_parse, _stdlib_parse

#: Most character tests a search may make per position of the text: a pattern whose count is
#: higher stays with ``regex``. ``FAST_FROM × STEPS`` = 6 million tests, some tens of milliseconds
#: of ``_sre`` at worst (``benchmarks/bench_checklist_engines.py``: 13 ms on hostile texts for a
#: made-up pattern counting 356); the bundled checklists' patterns count 4–300.
STEPS = 500
#: Guards further back than this are not looked for (their distance multiplies the count).
_MAX_GUARD = 8

_MAXREPEAT = _sre_parse.MAXREPEAT
_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT)
_CHARACTER = (_C.LITERAL, _C.NOT_LITERAL, _C.ANY, _C.IN)
_REFUSED_FLAGS = (_C.SRE_FLAG_IGNORECASE | _C.SRE_FLAG_VERBOSE | _C.SRE_FLAG_LOCALE | _C.SRE_FLAG_ASCII
                  | getattr(_C, "SRE_FLAG_DEBUG", 0) | getattr(_C, "SRE_FLAG_TEMPLATE", 0))
_WORD_CATEGORIES = frozenset(getattr(_C, name) for name in dir(_C) if name.startswith("CATEGORY") and "WORD" in name)
_SPACE_CATEGORIES = frozenset(getattr(_C, name) for name in dir(_C) if name.startswith("CATEGORY") and "SPACE" in name)
_DIGIT_CATEGORIES = frozenset(getattr(_C, name) for name in dir(_C) if name.startswith("CATEGORY") and "DIGIT" in name)
#: Finite sets up to this size are listed, so that two sets can be told apart character by character.
_MAX_LISTED = 512


class _Unsafe(Exception):
    """The pattern is not proved safe."""


class _Chars:
    """What one character test lets through: a test for any character, and the characters
    themselves when they are few (then two tests are told apart by trying them)."""

    __slots__ = ("test", "listed")

    def __init__(self, test: Callable[[str], bool], listed: frozenset[str] | None) -> None:
        self.test = test
        self.listed = listed

    def apart(self, other: "_Chars") -> bool:
        """Whether no character passes both tests (False when that cannot be shown)."""
        if self.listed is not None:
            return not any(other.test(c) for c in self.listed)
        if other.listed is not None:
            return not any(self.test(c) for c in other.listed)
        return False


def _category(code) -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """Tests for a category: one that lets through at least what either engine's category holds,
    one that lets through no more than both hold (``re``'s str.isspace also holds U+001C–U+001F,
    ``regex``'s newer tables hold more digits beyond U+FFFF). A negated set uses the second, so
    that sets told apart are apart for both engines."""
    negated = "NOT" in getattr(code, "name", str(code))
    if code in _WORD_CATEGORIES:
        raise _Unsafe
    if code in _SPACE_CATEGORIES:
        over, under = str.isspace, lambda c: c.isspace() and c not in "\x1c\x1d\x1e\x1f"
    elif code in _DIGIT_CATEGORIES:
        over, under = (lambda c: c.isdecimal() or c > "\uffff"), (lambda c: c.isdecimal() and c <= "\uffff")
    else:
        raise _Unsafe
    if negated:
        return (lambda c: not under(c)), (lambda c: not over(c))
    return over, under


def _chars(op, av) -> _Chars:
    """The :class:`_Chars` of a character test (LITERAL, NOT_LITERAL, ANY, IN)."""
    if op is _C.LITERAL:
        char = chr(av)
        return _Chars(char.__eq__, frozenset(char))
    if op is _C.NOT_LITERAL:
        char = chr(av)
        return _Chars(char.__ne__, None)
    if op is _C.ANY:
        return _Chars(lambda c: True, None)
    negate = False
    listed: set[str] | None = set()
    over: list[Callable[[str], bool]] = []
    under: list[Callable[[str], bool]] = []
    for item_op, item in av:
        if item_op is _C.NEGATE:
            negate = True
        elif item_op is _C.LITERAL:
            char = chr(item)
            over.append(char.__eq__)
            under.append(char.__eq__)
            if listed is not None:
                listed.add(char)
        elif item_op is _C.RANGE:
            low, high = chr(item[0]), chr(item[1])
            inside = (lambda c, low=low, high=high: low <= c <= high)
            over.append(inside)
            under.append(inside)
            if listed is not None and item[1] - item[0] < _MAX_LISTED:
                listed.update(map(chr, range(item[0], item[1] + 1)))
            else:
                listed = None
        elif item_op is _C.CATEGORY:
            wide, narrow = _category(item)
            over.append(wide)
            under.append(narrow)
            listed = None
        else:  # RANGE_UNI_IGNORE and the like: not expected without (?i)
            raise _Unsafe

    if negate:
        def test(c: str) -> bool:
            return not any(t(c) for t in under)
        listed = None
    else:
        def test(c: str) -> bool:
            return any(t(c) for t in over)
    if listed is not None and len(listed) > _MAX_LISTED:
        listed = None
    return _Chars(test, frozenset(listed) if listed is not None else None)


def re_safe(pattern: str) -> bool:
    """Whether ``re`` may search ``pattern`` (a checklist ``pattern:`` or ``context:``) with no
    timeout: it means the same to ``re`` as to ``regex`` (V0) and it cannot backtrack
    catastrophically (see the module's docstring). False whenever that is not proved."""
    parsed = _stdlib_parse(pattern)
    if parsed is None or parsed.state.flags & _REFUSED_FLAGS:
        return False
    try:
        if parsed.getwidth()[0] == 0 or _captures_apart(list(parsed), False):
            return False
        _, counted = _sequence(list(parsed), [], True)
    except (_Unsafe, OverflowError, RecursionError):
        return False
    except Exception:  # a parser shape not foreseen: not proved
        return False
    return counted <= STEPS


def steps(pattern: str) -> int | None:
    """The count :func:`re_safe` compares with :data:`STEPS` (None: refused before counting)."""
    parsed = _stdlib_parse(pattern)
    if parsed is None or parsed.state.flags & _REFUSED_FLAGS:
        return None
    try:
        return _sequence(list(parsed), [], True)[1]
    except (_Unsafe, OverflowError, RecursionError):
        return None


def _captures_apart(items: list, inside: bool) -> bool:
    """Whether a capturing group stands inside a repeat or a lookbehind (``inside``), where what it
    holds after the match rests on each engine's way of backtracking (``regex`` matches a
    lookbehind backwards): such a pattern is left to ``regex``."""
    for op, av in items:
        if op is _C.SUBPATTERN:
            if inside and av[0] is not None:
                return True
            if _captures_apart(list(av[-1]), inside):
                return True
        elif op is _C.BRANCH:
            if any(_captures_apart(list(branch), inside) for branch in av[1]):
                return True
        elif op in _REPEATS:
            if _captures_apart(list(av[2]), inside or av[1] > 1):
                return True
        elif op is _C.ASSERT or op is _C.ASSERT_NOT:
            if _captures_apart(list(av[1]), inside or av[0] < 0):
                return True
    return False


def _check(total: int) -> int:
    if total > STEPS:
        raise _Unsafe
    return total


def _sequence(items: list, guards: list[tuple[int, _Chars]], last: bool) -> tuple[int, int]:
    """(paths, steps) of a sequence of parsed items matched from one place. ``guards``: the
    character tests known to hold at fixed distances before the sequence's start; ``last``:
    nothing follows the sequence in the whole pattern."""
    arrivals, cost = 1, 0
    for number, (op, av) in enumerate(items):
        paths, steps = _item(op, av, guards, last and number == len(items) - 1)
        cost = _check(cost + arrivals * steps)
        if paths > 1 and _settled(op, av, items[number + 1:number + 2]):
            # Of the places a one-character repeat can end, only the end of its run passes the
            # next test: the others fail it at once (counted here), one way goes on.
            cost = _check(cost + arrivals * paths)
            paths = 1
        arrivals = _check(arrivals * paths)
        guards = _after(op, av, guards)
    return arrivals, cost


def _settled(op, av, following: list) -> bool:
    """Whether ``op av`` repeats one character test and is followed by a character test that no
    character of the repeat passes (``[^。]{0,30}也``)."""
    if op not in _REPEATS or not following or following[0][0] not in _CHARACTER:
        return False
    body = list(av[2])
    if len(body) != 1 or body[0][0] not in _CHARACTER:
        return False
    return _chars(*following[0]).apart(_chars(*body[0]))


def _item(op, av, guards: list[tuple[int, _Chars]], last: bool) -> tuple[int, int]:
    if op in _CHARACTER:
        _chars(op, av)          # refuses \w
        return 1, 1
    if op is _C.AT:
        if av in (_C.AT_BOUNDARY, _C.AT_NON_BOUNDARY, getattr(_C, "AT_UNI_BOUNDARY", None),
                  getattr(_C, "AT_UNI_NON_BOUNDARY", None), getattr(_C, "AT_LOC_BOUNDARY", None),
                  getattr(_C, "AT_LOC_NON_BOUNDARY", None)):
            raise _Unsafe       # \b reads \w
        return 1, 1
    if op is _C.SUBPATTERN:
        _, add, remove, body = av
        if add or remove:
            raise _Unsafe
        return _sequence(list(body), guards, last)
    if op is _C.BRANCH:
        branches = [list(branch) for branch in av[1]]
        counted = [_sequence(branch, guards, last) for branch in branches]
        groups = _alike(branches)
        if groups is None:
            return sum(p for p, _ in counted), sum(s for _, s in counted)
        # Branches whose first characters no two share are tried to their first character
        # (``_lead``) and, but for the group the text's character passes, no further.
        lead = sum(_lead(branch, steps) for branch, (_, steps) in zip(branches, counted))
        return (max(sum(counted[i][0] for i in group) for group in groups),
                lead + max(sum(counted[i][1] for i in group) for group in groups))
    if op is _C.ASSERT or op is _C.ASSERT_NOT:
        direction, body = av
        # A lookaround is tried to its end once per arrival and lets one way through.
        _, steps = _sequence(list(body), guards if direction >= 0 else [], False)
        return 1, steps
    if op in _REPEATS:
        low, high, body = av
        body = list(body)
        if high == _MAXREPEAT:
            return _unbounded(low, body, guards, last)
        paths, steps = _sequence(body, [], False)
        # high iterations at most, each tried from every way the previous ones ended.
        total_paths, total_steps, ways = 0, 0, 1
        for count in range(high + 1):
            if count >= low:
                total_paths = _check(total_paths + ways)
            if count < high:
                total_steps = _check(total_steps + ways * steps)
                ways = _check(ways * paths) if paths > 1 else ways
        return total_paths, total_steps
    raise _Unsafe               # back-references, conditionals, atomic groups, possessive repeats


def _unbounded(low: int, body: list, guards: list[tuple[int, _Chars]], last: bool) -> tuple[int, int]:
    """(paths, steps) of ``X{low,}`` over a fixed run of character tests (see the module's
    docstring: at the end of the pattern, or guarded)."""
    if not body or any(op not in _CHARACTER for op, _ in body):
        raise _Unsafe
    tests = [_chars(op, av) for op, av in body]
    width = len(body)
    if last:
        # The greedy run ends the match and the next search starts after it; a lazy one stops
        # after ``low`` iterations. Either way the run is read once.
        return 1, (low + 1) * width
    for distance, guard in guards:
        if all(guard.apart(test) for test in tests):
            return distance + 1, (distance + 1 + low) * width
    raise _Unsafe


def _alike(branches: list[list]) -> list[list[int]] | None:
    """The branches grouped so that no character passes the first tests of two groups (None when
    a branch's first test is unknown)."""
    firsts = [_first(branch) for branch in branches]
    if any(f is None for f in firsts):
        return None
    group = list(range(len(branches)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(len(firsts)):
        for j in range(i + 1, len(firsts)):
            if not firsts[i].apart(firsts[j]):
                group[root(j)] = root(i)
    out: dict[int, list[int]] = {}
    for i in range(len(firsts)):
        out.setdefault(root(i), []).append(i)
    return list(out.values())


def _lead(items: list, whole: int) -> int:
    """Steps a branch takes before its first character test fails: its zero-width assertions and
    that test, when the test stands at the top of the branch; else (conservatively) all of it."""
    steps = 0
    for op, av in items:
        if op in _CHARACTER:
            return steps + 1
        if op is _C.AT:
            steps += 1
        elif op is _C.ASSERT or op is _C.ASSERT_NOT:
            steps += _sequence(list(av[1]), [], False)[1]
        else:
            return whole
    return whole


def _first(items: list) -> _Chars | None:
    """The test the first character of every match of ``items`` passes (None when unknown);
    zero-width assertions before it only narrow it."""
    for op, av in items:
        if op in _CHARACTER:
            return _chars(op, av)
        if op is _C.ASSERT or op is _C.ASSERT_NOT or op is _C.AT:
            continue
        if op is _C.SUBPATTERN:
            return _first(list(av[-1]))
        if op in _REPEATS and av[0] >= 1:
            return _first(list(av[2]))
        return None
    return None


def _after(op, av, guards: list[tuple[int, _Chars]]) -> list[tuple[int, _Chars]]:
    """The guards that hold after an item: those before it moved back by its width (none when
    its width varies), plus the item itself when it is one character test, or a one-character
    lookbehind's test."""
    if op in _CHARACTER:
        moved = [(d + 1, g) for d, g in guards if d < _MAX_GUARD]
        return moved + [(1, _chars(op, av))]
    if op is _C.ASSERT:
        direction, body = av
        body = list(body)
        if direction < 0 and len(body) == 1 and body[0][0] in _CHARACTER:
            return guards + [(1, _chars(*body[0]))]
        return guards
    if op is _C.ASSERT_NOT or op is _C.AT:
        return guards
    low, high = _sre_parse.SubPattern(_sre_parse.State(), [(op, av)]).getwidth()
    if low != high:
        return []
    return [(d + low, g) for d, g in guards if d + low <= _MAX_GUARD]
