"""YAML checklists: loading, validating, self-testing and matching them (format: docs/checklists.md).

A checklist file holds entries of five types (substitution, existence, formulation, consistency,
placeholder). Loading validates every key, type and regex and runs every entry's examples; a file
that fails any of it does not load, and the :class:`ChecklistError` names file:line.

Matching is one pass: every plain ``wrong`` text of every loaded checklist goes into a single
Aho-Corasick automaton (pyahocorasick); regex entries are searched one by one with a timeout, so
a catastrophic pattern cannot hang a check. Compiled checklists are cached in memory and pickled to
the user cache folder, keyed by each file's path, size and modification time.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import pickle
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import ahocorasick
import regex

from .diagnostics import Edit, apply_edits
from .errors import ChecklistError
from .yamlload import LocatedDict, LocatedList, check_keys, load_yaml

ENTRY_TYPES = ("substitution", "existence", "formulation", "consistency", "placeholder")
FAMILIES = ("typo", "term", "consistency", "placeholder", "sensitive", "custom")
SEVERITIES = ("error", "warning", "info")
#: Seconds a regex entry may spend on one document before it is skipped with a diagnostic.
REGEX_TIMEOUT = 0.25
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_CODE = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$")
_CACHE_VERSION = 1

_STR_OR_LIST = (str, list)
_DATE = (_dt.date, str)
_ENTRY_KEYS: dict[str, Any] = {
    "id": str, "type": str, "code": str, "severity": str, "message": str, "source": str,
    "wrong": _STR_OR_LIST, "pattern": str, "right": str, "context": str, "unless": _STR_OR_LIST,
    "safe": bool, "examples": list, "valid_from": _DATE, "valid_until": _DATE, "replaced_by": str,
    "variants": list, "prefer": str, "note": str,
}
_FILE_KEYS: dict[str, Any] = {
    "version": int, "name": str, "description": str, "source": str, "defaults": dict, "entries": list,
}
_EXAMPLE_KEYS: dict[str, Any] = {"bad": str, "good": str, "date": _DATE}


class RegexTimeout(Exception):
    """A regex entry took longer than :data:`REGEX_TIMEOUT` on a document."""

    def __init__(self, entry: "Entry") -> None:
        super().__init__(entry.id)
        self.entry = entry


@dataclass(frozen=True)
class Example:
    """A bad/good pair that doubles as the entry's test."""

    bad: str | None
    good: str | None
    date: _dt.date | None
    line: int


@dataclass
class Entry:
    """One checklist entry, validated and compiled."""

    checklist: str
    path: str
    line: int
    id: str
    type: str
    code: str
    severity: str
    message: str | None
    source: str
    wrong: tuple[str, ...] = ()
    pattern: Any = None                     #: compiled ``regex`` pattern, or None
    pattern_line: int = 0                   #: line of ``pattern`` in the file
    right: str | None = None
    context: Any = None                     #: compiled ``regex`` pattern, or None
    unless: tuple[str, ...] = ()
    safe: bool = True
    valid_from: _dt.date | None = None
    valid_until: _dt.date | None = None
    replaced_by: str | None = None
    variants: tuple[str, ...] = ()
    prefer: str | None = None
    examples: tuple[Example, ...] = ()

    @property
    def where(self) -> str:
        """``file:line`` of the entry (of its regex, when it has one), for messages."""
        return f"{self.path}:{self.pattern_line or self.line}"

    def applies(self, date: _dt.date) -> bool:
        """Whether the entry is in force on ``date`` (before ``valid_from`` it is not)."""
        return self.valid_from is None or date >= self.valid_from

    def outdated(self, date: _dt.date) -> bool:
        """Whether the right form itself is outdated on ``date``."""
        return self.valid_until is not None and date > self.valid_until


@dataclass
class Hit:
    """One match of an entry in a text: where, what to say and what to put instead."""

    entry: Entry
    start: int
    end: int
    message: str
    suggestion: str | None = None


@dataclass
class Checklist:
    """A loaded checklist file."""

    name: str
    path: str
    description: str
    entries: list[Entry] = field(default_factory=list)


# --------------------------------------------------------------------------- loading

def _date(value: Any, path: str, line: int, key: str) -> _dt.date | None:
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise ChecklistError(f"“{key}”应为日期 YYYY-MM-DD，收到“{value}”", path, line) from None


def _strings(value: Any, path: str, line: int, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        if not value:
            raise ChecklistError(f"“{key}”不能为空文本", path, line)
        return (value,)
    out = []
    for item in value:
        if not isinstance(item, str) or not item:
            raise ChecklistError(f"“{key}”的每一项应为非空文本", path, line)
        out.append(item)
    return tuple(out)


def compile_pattern(pattern: str, path: str, line: int, key: str = "pattern"):
    """Compile a checklist regex with the ``regex`` package; a syntax error names file:line."""
    try:
        return regex.compile(pattern, regex.V0)
    except (regex.error, ValueError, TypeError) as exc:
        raise ChecklistError(f"“{key}”正则表达式无效：{exc}", path, line) from None


def _entry(raw: Any, defaults: dict, checklist: str, file_source: str | None, path: str,
           fallback_line: int) -> Entry:
    if not isinstance(raw, LocatedDict):
        raise ChecklistError("entries 的每一项应为映射（id: …）", path, fallback_line)
    check_keys(raw, path, _ENTRY_KEYS)
    data = {**defaults, **raw}
    line = raw.line

    def at(key: str) -> int:
        if key in raw:
            return raw.line_of(key)
        return defaults.line_of(key) if isinstance(defaults, LocatedDict) and key in defaults else line

    for key in ("id", "type", "code", "severity"):
        if data.get(key) in (None, ""):
            raise ChecklistError(f"缺少必填的键“{key}”", path, line)
        if not isinstance(data[key], str):
            raise ChecklistError(f"“{key}”的类型应为 str", path, at(key))
    entry_id = data["id"]
    if not _ID.match(entry_id):
        raise ChecklistError(f"id“{entry_id}”只能含小写字母、数字、点和连字符", path, at("id"))
    if data["type"] not in ENTRY_TYPES:
        raise ChecklistError(f"未知的条目类型“{data['type']}”（可用：{'、'.join(ENTRY_TYPES)}）", path, at("type"))
    code = data["code"]
    if not _CODE.match(code) or code.split(".")[0] not in FAMILIES:
        raise ChecklistError(f"代码“{code}”应为“类别.名称”，类别为 {'、'.join(FAMILIES)} 之一", path, at("code"))
    if data["severity"] not in SEVERITIES:
        raise ChecklistError(f"严重程度“{data['severity']}”应为 error、warning 或 info", path, at("severity"))
    source = data.get("source") or file_source
    if not source:
        raise ChecklistError("缺少“source”（条目或文件须注明出处）", path, line)
    kind = data["type"]
    wrong = _strings(data.get("wrong"), path, at("wrong"), "wrong")
    pattern_text = data.get("pattern")
    pattern = compile_pattern(pattern_text, path, at("pattern")) if pattern_text else None
    context = compile_pattern(data["context"], path, at("context"), "context") if data.get("context") else None
    variants = _strings(data.get("variants"), path, at("variants"), "variants")
    right = data.get("right")
    if kind == "consistency":
        if len(variants) < 2:
            raise ChecklistError("consistency 条目需要至少两个“variants”", path, at("variants"))
        if data.get("prefer") is not None and data["prefer"] not in variants:
            raise ChecklistError("“prefer”应为 variants 中的一项", path, at("prefer"))
    else:
        if wrong and pattern is not None:
            raise ChecklistError("“wrong”与“pattern”只能写一个", path, at("pattern"))
        if not wrong and pattern is None and not (kind == "formulation" and data.get("valid_until")):
            raise ChecklistError("缺少“wrong”或“pattern”", path, line)
        if not right and (kind == "substitution" or kind == "formulation" and not data.get("valid_until")):
            raise ChecklistError(f"{kind} 条目需要“right”（过时提法可只写 valid_until）", path, line)
    if pattern is not None and right:
        _check_references(right, pattern, path, at("right"))
    entry = Entry(
        checklist=checklist, path=path, line=line, id=entry_id, type=kind, code=code,
        severity=data["severity"], message=data.get("message"), source=source, wrong=wrong,
        pattern=pattern, pattern_line=at("pattern"), right=right, context=context,
        unless=_strings(data.get("unless"), path, at("unless"), "unless"),
        safe=data.get("safe") is not False,
        valid_from=_date(data.get("valid_from"), path, at("valid_from"), "valid_from"),
        valid_until=_date(data.get("valid_until"), path, at("valid_until"), "valid_until"),
        replaced_by=data.get("replaced_by"), variants=variants, prefer=data.get("prefer"),
    )
    entry.examples = _examples(raw.get("examples"), path, at("examples"))
    return entry


_REFERENCE = re.compile(r"\\(\d+)|\\g<([^>]*)>")


def _check_references(right: str, pattern: Any, path: str, line: int) -> None:
    """Refuse ``right`` texts that refer to groups the pattern does not have."""
    for m in _REFERENCE.finditer(right):
        ref = m.group(1) or m.group(2)
        ok = int(ref) <= pattern.groups if ref.isdigit() else ref in pattern.groupindex
        if not ok:
            raise ChecklistError(f"“right”引用了正则中不存在的分组“{ref}”", path, line)


def _examples(raw: Any, path: str, line: int) -> tuple[Example, ...]:
    if raw is None:
        return ()
    out = []
    lines = getattr(raw, "item_lines", [line] * len(raw))
    for item, item_line in zip(raw, lines):
        if not isinstance(item, LocatedDict):
            raise ChecklistError("examples 的每一项应为映射（bad: …, good: …）", path, item_line)
        check_keys(item, path, _EXAMPLE_KEYS)
        if item.get("bad") is None and item.get("good") is None:
            raise ChecklistError("例子至少要有“bad”或“good”", path, item_line)
        out.append(Example(item.get("bad"), item.get("good"),
                           _date(item.get("date"), path, item.line_of("date"), "date"), item_line))
    return tuple(out)


def parse_checklist(text: str, path: str, verify: bool = True) -> Checklist:
    """Parse and validate one checklist; with ``verify``, run every example too.

    Raises:
        ChecklistError: unknown key, wrong type, bad regex, duplicate id or failing example,
            naming file:line.
    """
    data = load_yaml(text, path)
    if not isinstance(data, LocatedDict):
        raise ChecklistError("检查清单应为映射（version、name、entries）", path, getattr(data, "line", 1) or 1)
    check_keys(data, path, _FILE_KEYS, required=("version", "name", "entries"))
    if data["version"] != 1:
        raise ChecklistError(f"不支持的版本 {data['version']}（应为 1）", path, data.line_of("version"))
    defaults = data.get("defaults") or {}
    if defaults:
        check_keys(defaults, path, _ENTRY_KEYS)
    checklist = Checklist(name=data["name"], path=path, description=data.get("description") or "")
    seen: dict[str, int] = {}
    entries: LocatedList = data["entries"]
    for raw, line in zip(entries, getattr(entries, "item_lines", [entries.line] * len(entries))):
        entry = _entry(raw, defaults, checklist.name, data.get("source"), path, line)
        if entry.id in seen:
            raise ChecklistError(f"id“{entry.id}”重复（第 {seen[entry.id]} 行已有）", path, entry.line)
        seen[entry.id] = entry.line
        if verify:
            verify_examples(entry)
        checklist.entries.append(entry)
    return checklist


def read_checklist(path: str | os.PathLike[str], verify: bool = True) -> Checklist:
    """Read and parse one checklist file.

    Raises:
        ChecklistError: unreadable or malformed; the message names the file (and line).
    """
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        raise ChecklistError("检查清单须为 UTF-8 编码", path) from None
    except OSError as exc:
        raise ChecklistError(f"无法读取检查清单（{exc.strerror or exc}）", path) from None
    return parse_checklist(text, path, verify)


# --------------------------------------------------------------------------- matching one entry

def _format(entry: Entry, match: str, right: str | None) -> str:
    template = entry.message
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
    if entry.type == "formulation" and entry.outdated(date):
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
    return Hit(entry, start, end, _format(entry, found, right), right)


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


def verify_examples(entry: Entry) -> None:
    """Run the entry's examples: each ``bad`` must hit, each ``good`` must not, and fixing
    ``bad`` must give ``good`` where the entry has a fix.

    Raises:
        ChecklistError: the first failing example, naming its file:line.
    """
    for example in entry.examples:
        date = example.date or _dt.date.today()
        try:
            if example.bad is not None:
                hits = entry_hits(entry, example.bad, date)
                if not hits:
                    raise ChecklistError(f"条目“{entry.id}”的例子 bad“{example.bad}”没有被查出", entry.path,
                                         example.line)
                fixable = [h for h in hits if h.suggestion is not None]
                if example.good is not None and fixable:
                    fixed = fix_text(example.bad, fixable)
                    if fixed != example.good:
                        raise ChecklistError(f"条目“{entry.id}”的例子改正后为“{fixed}”，与 good“{example.good}”不同",
                                             entry.path, example.line)
            if example.good is not None and entry_hits(entry, example.good, date):
                raise ChecklistError(f"条目“{entry.id}”的例子 good“{example.good}”被误报", entry.path, example.line)
        except RegexTimeout:
            raise ChecklistError(f"条目“{entry.id}”的正则在例子上超时，请简化", entry.path, example.line) from None


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

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


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

    def __init__(self, checklists: list[Checklist]) -> None:
        self.checklists = checklists
        names: dict[str, str] = {}
        for checklist in checklists:
            if checklist.name in names:
                raise ChecklistError(f"检查清单名称“{checklist.name}”与 {names[checklist.name]} 重复", checklist.path, 1)
            names[checklist.name] = checklist.path
        self.entries = [e for c in checklists for e in c.entries]
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


# --------------------------------------------------------------------------- finding and caching

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
    from .resources import checklists_dir

    folder = checklists_dir()
    return checklist_files([folder]) if folder.is_dir() else []


def _stamp(path: str) -> tuple[str, int, int]:
    st = os.stat(path)
    return os.path.abspath(path), st.st_mtime_ns, st.st_size


def _cache_file(stamps: tuple) -> Path | None:
    try:
        from platformdirs import user_cache_dir

        from . import __version__
    except ImportError:  # pragma: no cover
        return None
    if os.environ.get("DRAFTER_NO_CACHE"):
        return None
    # The loader's own file is part of the key: a changed drafter never reads an old pickle.
    own = os.stat(__file__)
    key = hashlib.blake2b(repr((_CACHE_VERSION, __version__, own.st_mtime_ns, own.st_size, stamps)).encode(),
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
    result = ChecklistSet([read_checklist(path) for path, _, _ in stamps])
    if cache is not None:
        try:
            from .fileio import atomic_write

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

    Raises:
        ChecklistError: a missing path or a malformed checklist (file:line).
    """
    files = (bundled_checklist_files() if bundled else []) + checklist_files(paths)
    files = list(dict.fromkeys(os.path.abspath(f) for f in files))
    try:
        stamps = tuple(_stamp(f) for f in files)
    except OSError as exc:
        raise ChecklistError(f"无法读取检查清单（{exc.strerror or exc}）", exc.filename) from None
    return _load_set(stamps)
