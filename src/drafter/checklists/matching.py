"""Matching checklist entries against a text (format: docs/checklists.md).

One entry at a time (:func:`entry_hits`, the slow path the examples and tests use), or every
loaded entry in one pass (:class:`ChecklistSet`): every plain ``wrong`` text of every loaded
checklist goes into a single Aho-Corasick automaton (pyahocorasick); regex entries are searched one
by one with a timeout, so a catastrophic pattern cannot hang a check, and only in the paragraphs
where a literal they require occurs.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import ahocorasick
import regex

from ..diagnostics import Edit, apply_edits
from ..errors import ChecklistError
from ..files.patterns import compile as re_compile
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
        try:
            right = match.expand(entry.right)
        except (regex.error, IndexError):
            right = entry.right
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


def _search(entry: Entry, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
    try:
        for m in entry.pattern.finditer(text, pos, len(text) if endpos is None else endpos,
                                        timeout=REGEX_TIMEOUT):
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

    Only the stdlib-compatible subset is analysed; anything else (``\\p{Han}``, flags, …) gives None.
    """
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:
        return None
    if parsed.state.flags & _C.SRE_FLAG_IGNORECASE:
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


# --------------------------------------------------------------------------- the automaton's alphabet

_ASTRAL = re_compile("[\U00010000-\U0010FFFF]")


def code_units(text: str) -> str:
    """``text`` as two Latin-1 characters per character (see :func:`_code_units`)."""
    return _code_units(text)[0]


def _code_units(text: str) -> tuple[str, bool]:
    """``text`` with every character written as two Latin-1 characters (its UTF-16 code unit),
    and whether that is exact (no astral character had to be replaced).

    pyahocorasick finds a node's child by a linear scan, so a root with hundreds of distinct
    first characters (a typo list) makes every step slow; over this two-level alphabet each node
    has at most 256 children and most far fewer: the pass is about ten times faster
    (benchmarks/README.md). Astral characters become U+FFFD so that each character stays two
    units; matches over them are verified against the original text.
    """
    data = text.encode("utf-16-be", "surrogatepass")
    exact = len(data) == 2 * len(text)
    if not exact:
        data = _ASTRAL.sub("\ufffd", text).encode("utf-16-be", "surrogatepass")
    return data.decode("latin-1"), exact


# --------------------------------------------------------------------------- the set of loaded checklists

class ChecklistSet:
    """All loaded checklists compiled for one-pass matching."""

    def __init__(self, checklists: list[Checklist], problems: Iterable[ChecklistError] = ()) -> None:
        self.checklists = checklists
        #: What was left out while loading: entries failing their examples, unreadable files.
        self.problems: list[ChecklistError] = list(problems)
        names: dict[str, str] = {}
        for checklist in checklists:
            if checklist.name in names:
                raise ChecklistError(f"检查清单名称“{checklist.name}”与 {names[checklist.name]} 重复", checklist.path, 1)
            names[checklist.name] = checklist.path
        self.entries = [e for c in checklists for e in c.entries]
        #: Every loaded checklist's ``protected:`` words.
        self.protected = tuple(dict.fromkeys(w for c in checklists for w in c.protected))
        self.regex_entries = [(i, e) for i, e in enumerate(self.entries)
                              if e.pattern is not None and e.type != "consistency"]
        self.automaton: Any = None
        table: dict[str, tuple[list[int], list[int]]] = {}
        for index, entry in enumerate(self.entries):
            texts = entry.variants if entry.type == "consistency" else _plain_texts(entry)
            for text in texts:
                table.setdefault(text, ([], []))[0].append(index)
        #: regex entries searched only where one of their required literals occurs
        self.triggered: set[int] = set()
        for index, entry in self.regex_entries:
            literals = required_literals(entry.pattern.pattern)
            if literals:
                self.triggered.add(index)
                for literal in literals:
                    table.setdefault(literal, ([], []))[1].append(index)
        if table:
            automaton = ahocorasick.Automaton()
            for text, (indexes, triggers) in table.items():
                automaton.add_word(code_units(text), (len(text), tuple(indexes), tuple(triggers), text))
            automaton.make_automaton()
            self.automaton = automaton

    def codes(self) -> dict[str, list[Entry]]:
        """Every code the loaded entries report → its entries."""
        out: dict[str, list[Entry]] = {}
        for entry in self.entries:
            out.setdefault(entry.code, []).append(entry)
        return dict(sorted(out.items()))

    def _regex_hits(self, text: str, date: _dt.date, hits: list[Hit], ok,
                    lines: dict[int, set[int]]) -> list[Entry]:
        """Append the hits of every selected regex entry; return the entries that timed out.

        An entry whose pattern requires a literal (see :func:`required_literals`) is searched
        only in the paragraphs where the automaton saw one; others search the whole text.
        """
        timed_out: list[Entry] = []
        for index, entry in self.regex_entries:
            if not ok(index):
                continue
            try:
                if index in self.triggered:
                    starts = lines.get(index)
                    if not starts:
                        continue
                    # A search costs ~6 µs to start and ~4 ns a character: search paragraph by
                    # paragraph only while that is cheaper than one pass over the whole text.
                    if len(starts) * 1500 < len(text):
                        matches = []
                        for line_start in sorted(starts):
                            line_end = text.find("\n", line_start)
                            matches.extend(_search(entry, text, line_start, len(text) if line_end == -1 else line_end))
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
        entries = self.entries
        positions: dict[int, dict[str, list[int]]] = {}
        ok_cache: dict[int, bool] = {}

        def ok(index: int) -> bool:
            if wanted is None:
                return True
            if index not in ok_cache:
                ok_cache[index] = wanted(entries[index].code)
            return ok_cache[index]

        plain: list[Hit] = []
        slow: list[Entry] = []            # entries whose context regex timed out
        lines: dict[int, set[int]] = {}   # regex entry → starts of the paragraphs with a trigger
        if self.automaton is not None:
            rfind = text.rfind
            units, exact = _code_units(text)
            for unit_end, (length, indexes, triggers, key) in self.automaton.iter(units):
                if not unit_end & 1:
                    continue  # a match that starts in the middle of a character
                end = unit_end // 2
                start = end - length + 1
                if not exact and text[start:end + 1] != key:
                    continue
                if triggers:
                    line_start = rfind("\n", 0, start) + 1
                    for index in triggers:
                        lines.setdefault(index, set()).add(line_start)
                found = None
                for index in indexes:
                    entry = entries[index]
                    if entry.type == "consistency":
                        if ok(index):
                            positions.setdefault(index, {}).setdefault(text[start:end + 1], []).append(start)
                        continue
                    if found is None and ok(index) and entry not in slow:
                        try:
                            found = accept(entry, text, start, end + 1, date)
                        except RegexTimeout:
                            slow.append(entry)
                if found is not None:
                    plain.append(found)
        # Regex hits go first so that, between equally long matches, a pattern (which encodes
        # its context) beats a plain text.
        hits: list[Hit] = []
        timed_out = slow + [e for e in self._regex_hits(text, date, hits, ok, lines) if e not in slow]
        hits = select_longest(hits + plain)
        for index, found_positions in positions.items():
            hits.extend(consistency_hits(entries[index], text, found_positions))
        hits.sort(key=lambda h: (h.start, h.end))
        return hits, timed_out
