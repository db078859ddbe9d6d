"""Safe YAML loading that remembers line numbers, for checklists and outlines.

Only data: the safe C loader builds a node tree, which is turned into dicts and lists that know
the line each key stands on, so that every error names file:line. Anchors and aliases are
refused outright: checklists never need them, and refusing them defuses alias bombs.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import ChecklistError

try:  # the C parser is ~10x faster; fall back where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


class LocatedDict(dict):
    """A mapping from YAML that knows its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        """Line of ``key`` (or of the mapping itself when the key is absent)."""
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A sequence from YAML that knows its line and each element's line (1-based)."""

    line: int = 0
    item_lines: list


def load_yaml(text: str, path: str) -> Any:
    """Parse YAML ``text`` (from ``path``, for messages) into located dicts and lists.

    Raises:
        ChecklistError: malformed YAML, anchors or aliases; the message names the line.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # The mark of an error at the end of the text can point one line past it (found by
        # fuzzing): name the last line instead.
        line = min(mark.line + 1, text.count("\n") + 1) if mark else None
        raise ChecklistError(f"YAML 格式错误：{exc.problem or exc}", path, line) from None
    except yaml.YAMLError as exc:
        raise ChecklistError(f"YAML 格式错误：{exc}", path) from None
    if node is None:
        return None
    return _convert(node, path, set())


_constructor = yaml.SafeLoader("")  # reused only for scalar resolution (ints, bools, dates)


def _scalar(node: yaml.ScalarNode, path: str) -> Any:
    """A scalar's value; an impossible one (a date 2026-13-01) is an error at its line."""
    try:
        return _constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError) as exc:
        raise ChecklistError(f"无法识别的值“{node.value}”（{exc}）", path, node.start_mark.line + 1) from None


def _convert(node: yaml.Node, path: str, seen: set[int]) -> Any:
    if id(node) in seen:
        raise ChecklistError("不支持 YAML 锚点和别名（&/*）；请直接写出内容", path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path)
    seen.add(id(node))
    line = node.start_mark.line + 1
    if isinstance(node, yaml.SequenceNode):
        out = LocatedList(_convert(child, path, seen) for child in node.value)
        out.line = line
        out.item_lines = [child.start_mark.line + 1 for child in node.value]
        return out
    if isinstance(node, yaml.MappingNode):
        out = LocatedDict()
        out.line = line
        out.key_lines = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ChecklistError("键必须是简单文本", path, key_node.start_mark.line + 1)
            key = _scalar(key_node, path)
            if key in out:
                raise ChecklistError(f"键“{key}”重复", path, key_node.start_mark.line + 1)
            out[key] = _convert(value_node, path, seen)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    raise ChecklistError("无法识别的 YAML 节点", path, line)  # pragma: no cover


def _scalar(node: yaml.ScalarNode, path: str) -> Any:
    """A scalar's value; an unknown tag (``!!python/name:…``) or an impossible date
    (2020-13-45) is a ChecklistError at its line, never a traceback. Nothing is executed:
    the safe constructor only knows plain data types."""
    try:
        return _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        raise ChecklistError(f"无法识别的值：{problem}", path, node.start_mark.line + 1) from None


def require_mapping(value: Any, path: str, line: int, what: str) -> LocatedDict:
    """Return ``value`` if it is a mapping, else raise naming ``what`` and the line."""
    if not isinstance(value, LocatedDict):
        raise ChecklistError(f"{what}应为映射（key: value）", path, getattr(value, "line", line) or line)
    return value


def check_keys(mapping: LocatedDict, path: str, allowed: dict[str, type | tuple[type, ...]],
               required: tuple[str, ...] = ()) -> None:
    """Refuse unknown keys, missing required keys and values of the wrong type, naming the line."""
    for key, value in mapping.items():
        if key not in allowed:
            known = "、".join(allowed)
            raise ChecklistError(f"未知的键“{key}”（可用：{known}）", path, mapping.line_of(key))
        expected = allowed[key]
        if value is not None and not isinstance(value, expected) or isinstance(value, bool) and expected in (int, str):
            names = expected.__name__ if isinstance(expected, type) else "/".join(t.__name__ for t in expected)
            raise ChecklistError(f"“{key}”的类型应为 {names}", path, mapping.line_of(key))
    for key in required:
        if key not in mapping or mapping[key] is None:
            raise ChecklistError(f"缺少必填的键“{key}”", path, mapping.line)


def compile_regex(pattern: str, path: str, line: int) -> re.Pattern[str]:
    """Compile a checklist regex, turning a syntax error into a ChecklistError at ``line``."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ChecklistError(f"正则表达式无效：{exc}", path, line) from None
