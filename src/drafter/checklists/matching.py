"""Matching checklist entries against a text (format: docs/checklists.md).

One entry at a time (:func:`entry_hits`, the slow path the examples and tests use), or every
loaded entry in one pass (:class:`ChecklistSet`): every plain ``wrong`` text of every loaded
checklist goes into a single Aho-Corasick automaton (ahocorasick_rs; for a short text, one over
only the texts that can occur in it: :mod:`drafter.checklists.automaton`); regex entries are
searched one by one with a timeout, so a catastrophic pattern cannot hang a check, and only in the
paragraphs where a literal they require occurs.
"""

from __future__ import annotations

import datetime as _dt
import pickle
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any, Iterable, Iterator

from ..diagnostics import Edit, apply_edits
from ..errors import ChecklistError
from .automaton import KeyAutomata, code_units
from .entry_pattern import expand
from .model import Checklist, Entry

#: Seconds a regex entry may spend on one document before it is skipped with a diagnostic.
REGEX_TIMEOUT = 0.25


class RegexTimeout(Exception):
    """A regex entry took longer than :data:`REGEX_TIMEOUT` on a document."""

    def __init__(self, entry: "Entry") -> None:
        super().__init__(entry.id)
        self.entry = entry


@dataclass
class Hit:
    """One match of an entry in a text: where, what to say and what to put instead."""

    entry: Entry
    start: int
    end: int
    message: str
    suggestion: str | None = None


# --------------------------------------------------------------------------- matching one entry

def _format(entry: Entry, match: str, right: str | None, outdated: bool = False) -> str:
    template = entry.outdated_message if outdated and entry.outdated_message else entry.message
    if not template:
        if entry.type == "consistency":
            template = "同一名称写法不一致：“{match}”与“{right}”混用"
        elif right:
            template = "“{match}”应为“{right}”"
        else:
            template = "“{match}”不应出现"
    try:
        return template.format(match=match, right=right or "", wrong=match)
    except (KeyError, IndexError, ValueError):
        return template


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the line (paragraph) around ``[start, end)``."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right == -1 else right


def _covered(entry: Entry, text: str, start: int, end: int) -> bool:
    """Whether an ``unless`` text covers the match."""
    for phrase in entry.unless:
        lo = max(0, start - len(phrase) + 1)
        pos = text.find(phrase, lo, end + len(phrase) - 1)
        while pos != -1 and pos <= start:
            if pos + len(phrase) >= end:
                return True
            pos = text.find(phrase, pos + 1, end + len(phrase) - 1)
    return False


def accept(entry: Entry, text: str, start: int, end: int, date: _dt.date,
           match: Any = None) -> Hit | None:
    """Turn a raw match of ``entry`` at ``[start, end)`` into a :class:`Hit`, or None where the
    entry's date window, context or ``unless`` rules it out."""
    if not entry.applies(date):
        return None
    if entry.context is not None:
        lo, hi = _paragraph(text, start, end)
        try:
            if entry.context.search(text, lo, hi, timeout=REGEX_TIMEOUT) is None:
                return None
        except TimeoutError:
            raise RegexTimeout(entry) from None
    if entry.unless and _covered(entry, text, start, end):
        return None
    found = text[start:end]
    outdated = entry.type == "formulation" and entry.outdated(date)
    if outdated:
        # Past valid_until the formulation itself is outdated: every form of it is flagged.
        right = entry.replaced_by
    elif entry.type == "formulation" and (entry.right is None or found == entry.right):
        # The fixed form itself, or an outdated-only entry while it is still current.
        return None
    elif match is not None and entry.right is not None:
        right = expand(match, entry.right)
    else:
        right = entry.right
    return Hit(entry, start, end, _format(entry, found, right, outdated), right)


def _plain_texts(entry: Entry) -> tuple[str, ...]:
    """The plain texts the automaton looks for on behalf of ``entry``."""
    texts = list(entry.wrong)
    if entry.type == "formulation" and entry.valid_until and entry.right:
        texts.append(entry.right)
    return tuple(dict.fromkeys(texts))


def entry_hits(entry: Entry, text: str, date: _dt.date) -> list[Hit]:
    """Every hit of one entry in ``text`` (the slow path, for examples and tests).

    Raises:
        RegexTimeout: the entry's pattern ran past :data:`REGEX_TIMEOUT`.
    """
    if entry.type == "consistency":
        return consistency_hits(entry, text, {v: _find_all(text, v) for v in entry.variants})
    raw: list[tuple[int, int, Any]] = []
    for wrong in _plain_texts(entry):
        raw.extend((pos, pos + len(wrong), None) for pos in _find_all(text, wrong))
    if entry.pattern is not None:
        raw.extend((m.start(), m.end(), m) for m in _search(entry, text))
    hits = [accept(entry, text, s, e, date, m) for s, e, m in raw]
    return select_longest([h for h in hits if h is not None])


def _find_all(text: str, needle: str) -> list[int]:
    out, pos = [], text.find(needle)
    while pos != -1:
        out.append(pos)
        pos = text.find(needle, pos + len(needle))
    return out


def _search(entry: Entry, text: str, pos: int = 0, endpos: int | None = None,
            size: int | None = None) -> Iterator[Any]:
    """The non-empty matches of the entry's pattern in ``text[pos:endpos]``; ``size``: the length
    of the whole text ``text`` is a piece of (it decides the engine, :class:`EntryPattern`)."""
    try:
        for m in entry.pattern.finditer(text, pos, len(text) if endpos is None else endpos,
                                        timeout=REGEX_TIMEOUT, size=size):
            if m.end() > m.start():
                yield m
    except TimeoutError:
        raise RegexTimeout(entry) from None


def consistency_hits(entry: Entry, text: str, positions: dict[str, list[int]]) -> list[Hit]:
    """Hits for a consistency entry: when ≥2 variants occur, every non-preferred occurrence."""
    # A variant that is part of a longer variant (“A B” inside “A B C”) only counts on its own.
    spans = {v: [(p, p + len(v)) for p in positions.get(v, [])] for v in entry.variants}
    for v in entry.variants:
        longer = [s for w in entry.variants if len(w) > len(v) for s in spans[w]]
        spans[v] = [(s, e) for s, e in spans[v] if not any(ls <= s and e <= le for ls, le in longer)]
    used = [v for v in entry.variants if spans[v]]
    if len(used) < 2:
        return []
    prefer = entry.prefer or entry.variants[0]
    if prefer not in used:
        prefer = max(used, key=lambda v: (len(spans[v]), -entry.variants.index(v)))
    hits = []
    for v in used:
        if v == prefer:
            continue
        for s, e in spans[v]:
            if entry.unless and _covered(entry, text, s, e):
                continue
            hits.append(Hit(entry, s, e, _format(entry, v, prefer), prefer))
    return hits


def select_longest(hits: list[Hit]) -> list[Hit]:
    """Resolve overlaps: the longest hit wins (earliest on ties); result in text order."""
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        index = bisect_right(starts, hit.start)
        if index and ends[index - 1] > hit.start:
            continue
        if index < len(starts) and starts[index] < hit.end:
            continue
        starts.insert(index, hit.start)
        ends.insert(index, hit.end)
        chosen.append(hit)
    chosen.sort(key=lambda h: (h.start, h.end))
    return chosen


def fix_text(text: str, hits: Iterable[Hit]) -> str:
    """``text`` with every hit that has a suggestion replaced by it (non-overlapping)."""
    return apply_edits(text, [Edit(h.start, h.end, h.suggestion) for h in hits if h.suggestion is not None])


# --------------------------------------------------------------------------- literal prefilter

try:  # the stdlib regex parser, used only to read a pattern's structure
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_C = _sre_parse  # constants live on the parser module in 3.10 and 3.11
_MAX_ALTERNATIVES = 40
#: Single characters too frequent in reports to be a useful trigger on their own.
_COMMON = frozenset("、，。；：！？“”‘’《》（）【】…—·的一是了在和与及等年月日中上下不为有人工作二三十")


def required_literals(pattern: str) -> frozenset[str] | None:
    """A set of literal strings at least one of which occurs (in the same paragraph) wherever
    ``pattern`` matches, or None when none can be derived (then the pattern scans everything).

    Only the stdlib-compatible subset is analysed (:func:`_stdlib_parse`); anything else
    (``\\p{Han}``, fuzzy ``{e<=1}``, …) gives None.
    """
    parsed = _stdlib_parse(pattern)
    if parsed is None or parsed.state.flags & _C.SRE_FLAG_IGNORECASE:
        return None
    found = _required(list(parsed))
    if not found or any(not s for s in found) or len(found) > _MAX_ALTERNATIVES:
        return None
    return frozenset(found)


def _required(items: list) -> set[str] | None:
    """The best required-literal set of a sequence of parsed items (all of them must match)."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append({"".join(run)})
            run.clear()

    for op, av in items:
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        flush()
        found = None
        if op is _C.SUBPATTERN:
            found = None if av[1] & _C.SRE_FLAG_IGNORECASE else _required(list(av[-1]))
        elif op is _C.BRANCH:
            parts = [_required(list(branch)) for branch in av[1]]
            if all(parts):
                found = set().union(*parts)
        elif op is _C.IN:
            if all(o is _C.LITERAL for o, _ in av) and len(av) <= 12:
                found = {chr(v) for _, v in av}
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) or op is getattr(_C, "POSSESSIVE_REPEAT", None):
            if av[0] >= 1:
                found = _required(list(av[2]))
        elif op is _C.ASSERT:
            found = _required(list(av[1]))
        if found:
            candidates.append(found)
    flush()
    if not candidates:
        return None
    # The rarest-looking set: long literals, no punctuation or very common character alone,
    # few alternatives.
    return max(candidates, key=lambda c: (min(len(s) for s in c), not (c & _COMMON), -len(c)))


#: Alternatives a trigger set may have: longer literal strings are built by concatenating the
#: texts of adjacent parts while there are no more than this many of them.
_MAX_PRODUCT = 40


@dataclass
class _Literals:
    """What the parsed part of a pattern says about the text it matches."""

    exact: set[str] | None = None     #: every text the part can match (when few)
    prefix: set[str] | None = None    #: one of these starts every match
    suffix: set[str] | None = None    #: one of these ends every match
    required: list[set[str]] | None = None  #: sets one member of which every match contains


def _product(left: set[str] | None, right: set[str] | None) -> set[str] | None:
    if left is None or right is None or len(left) * len(right) > _MAX_PRODUCT:
        return None
    return {a + b for a in left for b in right}


def _useful(found: set[str] | None) -> set[str] | None:
    """``found`` without members that contain another member; None if it holds the empty text."""
    if not found or "" in found:
        return None
    return {s for s in found if not any(t != s and t in s for t in found)}


def trigger_literals(pattern: str) -> frozenset[str] | None:
    """Like :func:`required_literals`, with longer literals where the pattern's structure allows:
    the texts of adjacent parts are concatenated (``(?:经济|政治)建设、`` → 经济建设、, 政治建设、),
    through repeats (``\\.{3,}等`` → ...等), lookbehinds and lookaheads (``(?<=和)文化`` → 和文化).
    Used for :func:`paragraph_local` patterns, whose lookarounds see the paragraph only, so the
    literal found in a lookaround is in the paragraph of the match.
    """
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:
        return None
    if parsed.state.flags & _C.SRE_FLAG_IGNORECASE:
        return None
    found = _best(_sequence(list(parsed)).required)
    if not found or len(found) > _MAX_ALTERNATIVES:
        return None
    return frozenset(found)


def _best(candidates: list[set[str]] | None) -> set[str] | None:
    """The rarest-looking set (as in :func:`_required`)."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(s) for s in c), not (c & _COMMON), -len(c)))


def _sequence(items: list) -> _Literals:
    """What a sequence of parsed items (all of which must match, in order) says."""
    required: list[set[str]] = []
    run: set[str] = {""}                 # the texts just before the current position
    whole: set[str] | None = {""}        # the texts of the items so far, while all are exact
    prefix: set[str] | None = None

    def keep(found: set[str] | None) -> None:
        found = _useful(found)
        if found and len(found) <= _MAX_ALTERNATIVES:
            required.append(found)

    for op, av in items:
        if op is _C.ASSERT:
            inner = _sequence(list(av[1]))
            required.extend(inner.required or ())
            if av[0] >= 0:   # lookahead: the text after the position starts with its prefix
                keep(_product(run, inner.exact or inner.prefix))
            elif run == {""} and (inner.exact or inner.suffix):
                run = set(inner.exact or inner.suffix)  # lookbehind: the text before ends so
            continue
        if op is _C.ASSERT_NOT or op is _C.AT:
            continue  # zero-width: the texts on either side are adjacent
        part = _item(op, av)
        required.extend(part.required or ())
        if part.exact is not None:
            joined = _product(run, part.exact)
            if joined is None:
                keep(run)
                run = set(part.exact)
            else:
                run = joined
            if whole is not None:
                longer = _product(whole, part.exact)
                if longer is None:
                    prefix, whole = whole, None
                else:
                    whole = longer
            continue
        joined = _product(run, part.prefix)
        if joined is None:
            keep(run)
            keep(part.prefix)
        else:
            keep(joined)
        if whole is not None:
            prefix = _product(whole, part.prefix) or whole
            whole = None
        run = set(part.suffix) if part.suffix else {""}
    keep(run)
    if whole is not None:
        keep(whole)
        return _Literals(whole, whole, run, required)
    return _Literals(None, _useful(prefix) and prefix, _useful(run) and run, required)


def _item(op, av) -> _Literals:
    """What one parsed item says (lookarounds and anchors are handled by :func:`_sequence`)."""
    if op is _C.LITERAL:
        return _Literals({chr(av)}, {chr(av)}, {chr(av)})
    if op is _C.IN:
        if all(o is _C.LITERAL for o, _ in av) and len(av) <= 12:
            chars = {chr(v) for _, v in av}
            return _Literals(chars, chars, chars)
        return _Literals()
    if op is _C.SUBPATTERN:
        return _Literals() if av[1] & _C.SRE_FLAG_IGNORECASE else _sequence(list(av[-1]))
    if op is _C.BRANCH:
        parts = [_sequence(list(branch)) for branch in av[1]]
        out = _Literals()
        if all(p.exact is not None for p in parts):
            out.exact = set().union(*(p.exact for p in parts))
            if len(out.exact) > _MAX_PRODUCT:
                out.exact = None
        for side in ("prefix", "suffix"):
            sets = [p.exact if p.exact is not None else getattr(p, side) for p in parts]
            if all(sets) and "" not in set().union(*sets) and len(set().union(*sets)) <= _MAX_PRODUCT:
                setattr(out, side, set().union(*sets))
        bests = [_best((p.required or []) + ([p.exact] if _useful(p.exact) else [])) for p in parts]
        if all(bests):
            out.required = [set().union(*bests)]
        return out
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) or op is getattr(_C, "POSSESSIVE_REPEAT", None):
        low, high, body = av[0], av[1], _sequence(list(av[2]))
        out = _Literals(required=body.required if low >= 1 else None)
        if body.exact is not None and high <= 4:
            texts: set[str] | None = {""}
            exact: set[str] | None = {""} if low == 0 else set()
            for count in range(1, high + 1):
                texts = _product(texts, body.exact)
                if texts is None:
                    exact = None
                    break
                if count >= low:
                    exact |= texts
            if exact is not None and len(exact) <= _MAX_PRODUCT:
                out.exact = out.prefix = out.suffix = exact
                return out
        if low >= 1:
            first = body.exact if body.exact is not None else body.prefix
            last = body.exact if body.exact is not None else body.suffix
            out.prefix = _power(first, low)
            out.suffix = _power(last, low)
        return out
    return _Literals()


def _power(texts: set[str] | None, count: int) -> set[str] | None:
    """The texts of ``count`` repetitions of ``texts``, or of as many as stay few (the first
    repetitions of a repeat start every match of it, the last ones end it)."""
    out: set[str] | None = {""}
    for _ in range(count):
        longer = _product(out, texts)
        if longer is None:
            break
        out = longer
    return _useful(out) and out


# --------------------------------------------------------------------------- paragraph-local patterns

_NEWLINE = 10
#: Categories (``\s``, ``\D``, ``\W``, …) whose characters include a line feed.
_NL_CATEGORIES = frozenset(getattr(_C, name) for name in (
    "CATEGORY_SPACE", "CATEGORY_NOT_DIGIT", "CATEGORY_NOT_WORD", "CATEGORY_LINEBREAK",
    "CATEGORY_UNI_SPACE", "CATEGORY_UNI_NOT_DIGIT", "CATEGORY_UNI_NOT_WORD", "CATEGORY_UNI_LINEBREAK",
    "CATEGORY_LOC_NOT_WORD") if hasattr(_C, name))
#: Categories whose characters do not.
_LINE_CATEGORIES = frozenset(getattr(_C, name) for name in (
    "CATEGORY_DIGIT", "CATEGORY_WORD", "CATEGORY_NOT_SPACE", "CATEGORY_NOT_LINEBREAK",
    "CATEGORY_UNI_DIGIT", "CATEGORY_UNI_WORD", "CATEGORY_UNI_NOT_SPACE", "CATEGORY_UNI_NOT_LINEBREAK",
    "CATEGORY_LOC_WORD") if hasattr(_C, name))
_REPEATS = tuple(op for op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)) if op is not None)


def paragraph_local(pattern: str) -> bool:
    """Whether ``pattern`` finds the same matches in a paragraph searched on its own as in that
    paragraph inside any text that has a line feed before and after it (or starts with it):
    nothing in it can match a line feed but a lookbehind of one character (which sees the line
    feed before the paragraph either way), and it has no ``$`` or ``\\Z`` (``^`` and ``\\A`` hold
    at the start of the text only, word boundaries see a line feed as they see the text's end).
    Then a search over several paragraphs joined by line feeds finds, in each, exactly what a
    search of that paragraph alone finds (:func:`_search_paragraphs`).

    Only what the stdlib parser reads as ``regex`` (V0) does is judged: anything it refuses or
    warns about (``\\p{Han}``, POSIX classes, set operations) or a literal ``{`` (``regex``
    reads ``{e<=1}`` as fuzzy matching) gives False.
    """
    parsed = _stdlib_parse(pattern)
    if parsed is None:
        return False
    return _stays_in_line(list(parsed), bool(parsed.state.flags & _C.SRE_FLAG_DOTALL))


def _stdlib_parse(pattern: str):
    """The stdlib parser's reading of ``pattern`` where it reads it as ``regex`` (V0) does, else
    None: a pattern it refuses or warns about (``\\p{Han}``, POSIX classes, set operations), or one
    with a literal ``{`` outside a set, which ``regex`` may read as fuzzy matching (``宣作{e<=1}``
    matches 宣传 too, so neither 宣作 nor the text “宣作{e<=1}” need occur)."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = _sre_parse.parse(pattern)
    except Exception:
        return None
    return None if _literal_brace(parsed) else parsed


def _literal_brace(node) -> bool:
    """Whether a parsed pattern (or a part of one) holds a literal ``{`` outside a set."""
    if isinstance(node, _sre_parse.SubPattern):
        return any((op is _C.LITERAL and av == 0x7B) or (op is not _C.IN and _literal_brace(av))
                   for op, av in node)
    if isinstance(node, (list, tuple)):
        return any(_literal_brace(part) for part in node)
    return False


def _set_has_newline(items: list) -> bool:
    negate = has = False
    for op, av in items:
        if op is _C.NEGATE:
            negate = True
        elif op is _C.LITERAL:
            has = has or av == _NEWLINE
        elif op is _C.RANGE:
            has = has or av[0] <= _NEWLINE <= av[1]
        elif op is _C.CATEGORY and av in _NL_CATEGORIES:
            has = True
        elif not (op is _C.CATEGORY and av in _LINE_CATEGORIES):
            return True  # anything else: assume the worst
    return has != negate


def _stays_in_line(items: list, dotall: bool) -> bool:
    for op, av in items:
        if op is _C.LITERAL:
            ok = av != _NEWLINE and av != 0x7B  # "{"
        elif op is _C.NOT_LITERAL:
            ok = av == _NEWLINE
        elif op is _C.ANY:
            ok = not dotall
        elif op is _C.IN:
            ok = not _set_has_newline(av)
        elif op is _C.BRANCH:
            ok = all(_stays_in_line(list(branch), dotall) for branch in av[1])
        elif op is _C.SUBPATTERN:
            _, add, remove, body = av
            ok = _stays_in_line(list(body), (dotall or bool(add & _C.SRE_FLAG_DOTALL))
                                and not remove & _C.SRE_FLAG_DOTALL)
        elif op in _REPEATS:
            ok = _stays_in_line(list(av[2]), dotall)
        elif op is getattr(_C, "ATOMIC_GROUP", None):
            ok = _stays_in_line(list(av), dotall)
        elif op is _C.ASSERT or op is _C.ASSERT_NOT:
            ok = _stays_in_line(list(av[1]), dotall) or av[0] < 0 and _one_character(av[1])
        elif op is _C.GROUPREF:
            ok = True  # repeats a group, which is checked where it stands
        elif op is _C.GROUPREF_EXISTS:
            ok = all(_stays_in_line(list(branch), dotall) for branch in av[1:] if branch is not None)
        elif op is _C.AT:
            ok = av in _LINE_ANCHORS
        else:
            ok = False
        if not ok:
            return False
    return True


_LINE_ANCHORS = (_C.AT_BOUNDARY, _C.AT_NON_BOUNDARY, _C.AT_BEGINNING, _C.AT_BEGINNING_STRING)
_CHARACTER = (_C.LITERAL, _C.NOT_LITERAL, _C.ANY, _C.IN)


def _one_character(body) -> bool:
    """Whether a lookbehind's body matches exactly one character and nothing else (no
    assertion, anchor or group reference that could look further)."""
    def plain(items: list) -> bool:
        for op, av in items:
            if op is _C.BRANCH:
                if not all(plain(list(branch)) for branch in av[1]):
                    return False
            elif op is _C.SUBPATTERN:
                if not plain(list(av[-1])):
                    return False
            elif op not in _CHARACTER:
                return False
        return True

    try:
        return body.getwidth() == (1, 1) and plain(list(body))
    except Exception:
        return False


def _paragraphs(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """The paragraphs ``[start, end)`` (end at the line feed) holding ``positions`` (sorted)."""
    spans: list[tuple[int, int]] = []
    rfind, find, end = text.rfind, text.find, -1
    for pos in positions:
        if pos < end:
            continue
        end = find("\n", pos)
        if end == -1:
            end = len(text)
        spans.append((rfind("\n", 0, pos) + 1, end))
    return spans


#: Characters of joined paragraphs searched in one call (a timeout bounds each call).
_CHUNK = 1 << 16


def _search_paragraphs(entry: Entry, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, Any]]:
    """Matches of a :func:`paragraph_local` pattern in the paragraphs ``spans``, as
    ``(start, end, match)`` in ``text``: the paragraphs are joined by line feeds and searched a
    chunk at a time, not one call each (a call costs a few microseconds, most of it the timeout's
    set-up, whatever its length)."""
    out: list[tuple[int, int, Any]] = []
    i = 0
    while i < len(spans):
        pieces, offsets, origins, size = [], [], [], 0
        while i < len(spans) and (not pieces or size + spans[i][1] - spans[i][0] < _CHUNK):
            start, end = spans[i]
            i += 1
            while i < len(spans) and spans[i][0] == end + 1 and size + spans[i][1] - start < _CHUNK:
                end = spans[i][1]   # the next paragraph follows: one piece, line feed and all
                i += 1
            offsets.append(size)
            origins.append(start)
            pieces.append(text[start:end])
            size += end - start + 1
        if origins[0] > 0:
            # A line feed in front, as in the text: ``^`` does not hold at the first paragraph,
            # a one-character lookbehind sees the line feed.
            pieces.insert(0, "")
            offsets = [offset + 1 for offset in offsets]
        joined = pieces[0] if len(pieces) == 1 else "\n".join(pieces)
        for m in _search(entry, joined, size=len(text)):
            at = bisect_right(offsets, m.start()) - 1
            shift = origins[at] - offsets[at]
            out.append((m.start() + shift, m.end() + shift, m))
    return out


# --------------------------------------------------------------------------- the set of loaded checklists

#: Entries a cached set pickles together (see ChecklistSet.__getstate__). Unpickling the set and
#: matching a 4,000–10,000-character report (the seed, 8 real reports, 3 corpus slices) took on
#: average 7.4 ms with the bundled checklists pickled by checklist, 4.3 ms in blocks of 64,
#: 3.4 in blocks of 16, 3.0 in blocks of 8; with a 2,000-entry dictionary of real wrong forms
#: 30, 8.8, 7.2 and 6.8 ms.
_BLOCK = 8

class ChecklistSet:
    """All loaded checklists compiled for one-pass matching."""

    def __init__(self, checklists: list[Checklist], problems: Iterable[ChecklistError] = ()) -> None:
        self._checklists: list[Checklist | None] = list(checklists)
        self._packed: list[bytes] | None = None     # each checklist without its entries
        self._blocks: list[bytes] | None = None     # the entries, :data:`_BLOCK` a pickle
        #: What was left out while loading: entries failing their examples, unreadable files.
        self.problems: list[ChecklistError] = list(problems)
        names: dict[str, str] = {}
        for checklist in checklists:
            if checklist.name in names:
                raise ChecklistError(f"检查清单名称“{checklist.name}”与 {names[checklist.name]} 重复", checklist.path, 1)
            names[checklist.name] = checklist.path
        self._entries: list[Entry] | None = [e for c in checklists for e in c.entries]
        #: where each checklist's entries start in :attr:`entries`
        self._starts: list[int] = []
        count = 0
        for checklist in checklists:
            self._starts.append(count)
            count += len(checklist.entries)
        #: each entry's code (what ``wanted`` is asked about)
        self.entry_codes: list[str] = [e.code for e in self.entries]
        #: Every loaded checklist's ``protected:`` words.
        self.protected = tuple(dict.fromkeys(w for c in checklists for w in c.protected))
        self._regex_indexes = [i for i, e in enumerate(self.entries)
                               if e.pattern is not None and e.type != "consistency"]
        self._regex_entries: list[tuple[int, Entry]] | None = None
        table: dict[str, list[int]] = {}
        for index, entry in enumerate(self.entries):
            texts = entry.variants if entry.type == "consistency" else _plain_texts(entry)
            for text in texts:
                table.setdefault(text, []).append(index)
        #: regex entry → the automaton's keys (its required literals) that trigger a search
        self.triggers: dict[int, tuple[int, ...]] = {}
        #: regex entries whose pattern matches within a paragraph (:func:`paragraph_local`)
        self.paragraph_local: set[int] = set()
        literal_of: dict[int, list[str]] = {}
        for index, entry in self.regex_entries:
            # A paragraph-local pattern may wait for longer literals; any other keeps the ones
            # it always had, which decide whether it is searched by paragraph or over the text.
            local = paragraph_local(entry.pattern.pattern)
            literals = (trigger_literals if local else required_literals)(entry.pattern.pattern)
            if literals:
                literal_of[index] = sorted(literals)
                if local:
                    self.paragraph_local.add(index)
        # The automaton's keys: entries' texts first, then literals that only trigger regexes.
        keys = list(table)
        keys += sorted({lit for lits in literal_of.values() for lit in lits} - set(table))
        slot = {key: k for k, key in enumerate(keys)}
        for index, literals in literal_of.items():
            self.triggers[index] = tuple(slot[lit] for lit in literals)
        #: per key: its text and the entries whose plain text it is
        self.keys: list[str] = keys
        self.key_entries: list[tuple[int, ...]] = [tuple(table.get(key, ())) for key in keys]
        #: keys some regex entry waits for
        self.trigger_keys = frozenset(k for ks in self.triggers.values() for k in ks)
        #: entries a plain match turns into a hit with no judgement to make (no context,
        #: unless or dates): their message depends on the key alone
        self.simple = frozenset(i for i, e in enumerate(self.entries)
                                if e.type not in ("consistency", "formulation") and e.context is None
                                and not e.unless and e.valid_from is None and e.valid_until is None)
        #: the Aho-Corasick automata over :attr:`keys` (their code units are pickled with the set)
        self.automata = KeyAutomata(keys)
        self._messages: dict[tuple[int, int], str] = {}
        self._found: dict[int, Entry] = {}      # entries read back one by one (see entry())

    def __getstate__(self) -> dict:
        # The automata are not picklable; they are rebuilt (see KeyAutomata) on first use. The
        # entries are pickled in blocks, each read back when one of its entries is first needed:
        # a run whose text hits three words of a 2,000-entry user checklist builds three blocks,
        # not 2,000 entries (≈ 8 ms).
        if self._packed is None:
            entries = self.entries
            self._packed = [pickle.dumps(replace(c, entries=[]), protocol=pickle.HIGHEST_PROTOCOL)
                            for c in self.checklists]
            self._blocks = [pickle.dumps(entries[i:i + _BLOCK], protocol=pickle.HIGHEST_PROTOCOL)
                            for i in range(0, len(entries), _BLOCK)]
        state = dict(self.__dict__)
        state.update(_messages={}, _entries=None, _regex_entries=None, _found={},
                     _checklists=[None] * len(self._checklists))
        return state

    def _checklist(self, number: int) -> Checklist:
        checklist = self._checklists[number]
        if checklist is None:
            checklist = pickle.loads(self._packed[number])
            end = self._starts[number + 1] if number + 1 < len(self._starts) else len(self.entry_codes)
            checklist.entries = [self.entry(i) for i in range(self._starts[number], end)]
            self._checklists[number] = checklist
        return checklist

    def entry(self, index: int) -> Entry:
        """Entry ``index`` of :attr:`entries` (reading back only its block)."""
        if self._entries is not None:
            return self._entries[index]
        found = self._found.get(index)
        if found is None:
            first = index - index % _BLOCK
            self._found.update(enumerate(pickle.loads(self._blocks[first // _BLOCK]), first))
            found = self._found[index]
        return found

    @property
    def checklists(self) -> list[Checklist]:
        """The loaded checklists, in load order."""
        return [self._checklist(n) for n in range(len(self._checklists))]

    @property
    def entries(self) -> list[Entry]:
        """Every entry of every loaded checklist, in load order."""
        if self._entries is None:
            self._entries = [e for c in self.checklists for e in c.entries]
        return self._entries

    @property
    def regex_entries(self) -> list[tuple[int, Entry]]:
        """(index, entry) of every entry with a ``pattern`` (but consistency sets)."""
        if self._regex_entries is None:
            self._regex_entries = [(i, self.entry(i)) for i in self._regex_indexes]
        return self._regex_entries

    def codes(self) -> dict[str, list[Entry]]:
        """Every code the loaded entries report → its entries."""
        out: dict[str, list[Entry]] = {}
        for entry in self.entries:
            out.setdefault(entry.code, []).append(entry)
        return dict(sorted(out.items()))

    def _regex_hits(self, text: str, date: _dt.date, hits: list[Hit], ok,
                    found_at: dict[int, list[int]]) -> list[Entry]:
        """Append the hits of every selected regex entry; return the entries that timed out.

        An entry whose pattern requires a literal (see :func:`required_literals`) is searched
        only in the paragraphs where the automaton saw one (``found_at``: key → starts); one
        whose pattern is :func:`paragraph_local` in those paragraphs joined, in one call.
        Others search the whole text.
        """
        timed_out: list[Entry] = []
        for index, entry in self.regex_entries:
            if not ok(index):
                continue
            try:
                keys = self.triggers.get(index)
                if keys is not None:
                    if len(keys) == 1:
                        positions = found_at.get(keys[0])
                    else:
                        positions = []
                        for k in keys:
                            if k in found_at:
                                positions += found_at[k]
                        positions.sort()
                    if not positions:
                        continue
                    spans = _paragraphs(text, positions)
                    if index in self.paragraph_local:
                        found = _search_paragraphs(entry, text, spans)
                        if index in self.simple:
                            # No context, unless or dates: every match is a hit (as accept() says).
                            for start, end, m in found:
                                right = entry.right
                                if right is not None:
                                    right = expand(m, right)
                                hits.append(Hit(entry, start, end, _format(entry, text[start:end], right), right))
                            continue
                        for start, end, m in found:
                            hit = accept(entry, text, start, end, date, m)
                            if hit is not None:
                                hits.append(hit)
                        continue
                    # A search costs ~6 µs to start and ~4 ns a character: search paragraph by
                    # paragraph only while that is cheaper than one pass over the whole text.
                    if len(spans) * 1500 < len(text):
                        matches = []
                        for start, end in spans:
                            matches.extend(_search(entry, text, start, end))
                    else:
                        matches = _search(entry, text)
                else:
                    matches = _search(entry, text)
                for m in matches:
                    hit = accept(entry, text, m.start(), m.end(), date, m)
                    if hit is not None:
                        hits.append(hit)
            except RegexTimeout:
                timed_out.append(entry)
        return timed_out

    def match(self, text: str, date: _dt.date, wanted=None) -> tuple[list[Hit], list[Entry]]:
        """All hits in ``text`` judged as of ``date``: (hits, entries whose regex timed out).

        ``wanted(code) -> bool`` skips entries whose code is not selected.
        """
        entry_at, codes = self.entry, self.entry_codes
        positions: dict[int, dict[str, list[int]]] = {}
        ok_cache: dict[int, bool] = {}

        def ok(index: int) -> bool:
            if wanted is None:
                return True
            if index not in ok_cache:
                ok_cache[index] = wanted(codes[index])
            return ok_cache[index]

        plain: list[Hit] = []
        slow: list[Entry] = []                 # entries whose context regex timed out
        found_at: dict[int, list[int]] = {}    # trigger key → where it starts
        units, exact = code_units(text) if self.keys else (b"", True)
        automaton, chosen = self.automata.for_text(units)
        if automaton is not None:
            keys, key_entries, trigger_keys = self.keys, self.key_entries, self.trigger_keys
            simple, messages = self.simple, self._messages
            for k, unit_start, unit_end in automaton.find_matches_as_indexes(units, overlapping=True):
                if unit_start & 1:
                    continue  # a match that starts in the middle of a character
                if chosen is not None:
                    k = chosen[k]  # an automaton over some of the keys
                start, end = unit_start >> 1, unit_end >> 1
                if not exact and text[start:end] != keys[k]:
                    continue
                if k in trigger_keys:
                    if k in found_at:
                        found_at[k].append(start)
                    else:
                        found_at[k] = [start]
                found = None
                for index in key_entries[k]:
                    if index in simple:
                        if found is None and ok(index):
                            message = messages.get((index, k))
                            entry = entry_at(index)
                            if message is None:
                                message = messages[index, k] = _format(entry, keys[k], entry.right)
                            found = Hit(entry, start, end, message, entry.right)
                        continue
                    entry = entry_at(index)
                    if entry.type == "consistency":
                        if ok(index):
                            positions.setdefault(index, {}).setdefault(keys[k], []).append(start)
                        continue
                    if found is None and ok(index) and entry not in slow:
                        try:
                            found = accept(entry, text, start, end, date)
                        except RegexTimeout:
                            slow.append(entry)
                if found is not None:
                    plain.append(found)
        # Regex hits go first so that, between equally long matches, a pattern (which encodes
        # its context) beats a plain text.
        hits: list[Hit] = []
        timed_out = slow + [e for e in self._regex_hits(text, date, hits, ok, found_at) if e not in slow]
        hits = select_longest(hits + plain)
        for index, found_positions in positions.items():
            hits.extend(consistency_hits(entry_at(index), text, found_positions))
        hits.sort(key=lambda h: (h.start, h.end))
        return hits, timed_out
