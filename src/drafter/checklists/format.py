"""YAML checklists: the file format, its validation and each entry's self-test (format:
docs/checklists.md).

A checklist file holds entries of five types (substitution, existence, formulation, consistency,
placeholder). Loading validates every key, type and regex and runs every entry's examples; a file
that fails any of it does not load, and the :class:`ChecklistError` names file:line.

The examples run through the matcher (:mod:`drafter.checklists.matching`), so this module sits above
it; the data classes both use live in :mod:`drafter.checklists.model`. Finding checklist files and
the compiled-set cache are in :mod:`drafter.checklists.cache`.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import Any

from .backtracking import re_safe
from .entry_pattern import EntryPattern, plain_template
from .matching import RegexTimeout, entry_hits, fix_text
from .model import Checklist, Entry, Example
from ..errors import ChecklistError
from ..files.safe_read import read_yaml_text
from ..files.yamlload import LocatedDict, LocatedList, check_keys, load_yaml

ENTRY_TYPES = ("substitution", "existence", "formulation", "consistency", "placeholder")
FAMILIES = ("typo", "term", "consistency", "placeholder", "sensitive", "custom", "punct", "number")
SEVERITIES = ("error", "warning", "info")
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_CODE = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$")

_STR_OR_LIST = (str, list)
_DATE = (_dt.date, str)
_ENTRY_KEYS: dict[str, Any] = {
    "id": str, "type": str, "code": str, "severity": str, "message": str, "source": str,
    "wrong": _STR_OR_LIST, "pattern": str, "right": str, "context": str, "unless": _STR_OR_LIST,
    "safe": bool, "examples": list, "valid_from": _DATE, "valid_until": _DATE, "replaced_by": str,
    "outdated_message": str,
    "variants": list, "prefer": str, "note": str,
}
_FILE_KEYS: dict[str, Any] = {
    "version": int, "name": str, "description": str, "source": str, "defaults": dict, "entries": list,
    "protected": list,
}
_EXAMPLE_KEYS: dict[str, Any] = {"bad": str, "good": str, "date": _DATE}


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


def compile_pattern(pattern: str, path: str, line: int, key: str = "pattern",
                    right: str | None = None) -> EntryPattern:
    """Compile a checklist regex with the ``regex`` package (what decides whether it is valid); a
    syntax error names file:line. Short texts are searched by ``re`` where
    :func:`~drafter.checklists.backtracking.re_safe` proves that needs no timeout and ``right``
    (the entry's fix, which may refer to groups) expands alike with either engine."""
    import regex

    try:
        compiled = regex.compile(pattern, regex.V0)
    except (regex.error, ValueError, TypeError) as exc:
        raise ChecklistError(f"“{key}”正则表达式无效：{exc}", path, line) from None
    return EntryPattern(pattern, re_safe(pattern) and plain_template(right), compiled)


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
    right = data.get("right")
    pattern = compile_pattern(pattern_text, path, at("pattern"), right=right) if pattern_text else None
    context = compile_pattern(data["context"], path, at("context"), "context") if data.get("context") else None
    variants = _strings(data.get("variants"), path, at("variants"), "variants")
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
        replaced_by=data.get("replaced_by"), outdated_message=data.get("outdated_message"), variants=variants, prefer=data.get("prefer"),
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


def parse_checklist(text: str, path: str, verify: bool = True, lenient: bool = False) -> Checklist:
    """Parse and validate one checklist; with ``verify``, run every example too.

    With ``lenient`` (how checks load checklists), an entry that is malformed or fails its own
    examples is left out and recorded in ``Checklist.problems`` instead of refusing the file, so
    one author's slip does not stop every check; ``drafter checklists test`` stays strict.

    Raises:
        ChecklistError: unknown key, wrong type, bad regex, duplicate id or failing example,
            naming file:line (with ``lenient``, only what concerns the whole file).
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
    checklist = Checklist(name=data["name"], path=path, description=data.get("description") or "",
                          protected=_strings(data.get("protected"), path, data.line_of("protected")
                                             if "protected" in data else 1, "protected"))
    seen: dict[str, int] = {}
    entries: LocatedList = data["entries"]
    for raw, line in zip(entries, getattr(entries, "item_lines", [entries.line] * len(entries))):
        try:
            entry = _entry(raw, defaults, checklist.name, data.get("source"), path, line)
            if entry.id in seen:
                raise ChecklistError(f"id“{entry.id}”重复（第 {seen[entry.id]} 行已有）", path, entry.line)
            if verify:
                verify_examples(entry)
        except ChecklistError as exc:
            if not lenient:
                raise
            checklist.problems.append(_disabled(exc, raw, path, line))
            continue
        seen[entry.id] = entry.line
        checklist.entries.append(entry)
    return checklist


def _disabled(exc: ChecklistError, raw: Any, path: str, line: int) -> ChecklistError:
    """The one line said about an entry left out: file:line, the entry, what is wrong, what now."""
    entry_id = raw.get("id") if isinstance(raw, dict) else None
    named = f"条目“{entry_id}”" if entry_id else "条目"
    message = exc.message if entry_id and f"“{entry_id}”" in exc.message else f"{named}：{exc.message}"
    return ChecklistError(f"{message}；已停用该条目，其他条目和报告照常检查（drafter checklists test 查看）",
                          exc.path or path, exc.line or line)


def read_checklist(path: str | os.PathLike[str], verify: bool = True, lenient: bool = False) -> Checklist:
    """Read and parse one checklist file.

    Raises:
        ChecklistError: unreadable or malformed; the message names the file (and line).
    """
    path = os.fspath(path)
    text = read_yaml_text(path, "检查清单")
    return parse_checklist(text, path, verify, lenient)


# --------------------------------------------------------------------------- self-test

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
