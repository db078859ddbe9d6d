"""Outline definitions: the standard parts and areas a report must cover, loaded from YAML.

An outline file lists parts (``summary``, ``plan``) and, for each, the sections (areas) in their
standard order; each area has a title and the alias phrases real reports use for it.
Format: docs/outlines.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ChecklistError, InputError
from ..files.safe_read import MAX_YAML_BYTES, read_bounded
from ..files.resources import checklists_dir
from ..files.yamlload import LocatedDict, LocatedList, check_keys, load_yaml, require_mapping

DEFAULT_OUTLINE = "propaganda-half-year"


@dataclass(frozen=True)
class OutlineSection:
    """One area of the outline, e.g. 理论武装."""

    id: str
    title: str
    aliases: tuple[str, ...]
    skeleton: dict[str, str] = field(default_factory=dict)   #: part id → heading sentence

    @property
    def phrases(self) -> tuple[str, ...]:
        """The title first, then the aliases (without repeating the title)."""
        return (self.title,) + tuple(a for a in self.aliases if a != self.title)


@dataclass(frozen=True)
class OutlinePart:
    """One part of the outline (``summary`` or ``plan``) and the areas it must cover."""

    id: str
    title: str
    aliases: tuple[str, ...]
    sections: tuple[OutlineSection, ...]
    period: str = "current"   #: "current": the period the report covers; "next": the one after

    def title_for(self, half: int | None) -> str:
        """The part's title in a report on ``half``: the outline names a 上半年 report's parts
        (上半年工作总结, 下半年工作安排); a 下半年 report sums up 下半年 and plans 明年."""
        if half != 2:
            return self.title
        return self.title.replace("下半年", "明年").replace("上半年", "下半年")


@dataclass(frozen=True)
class Outline:
    """A standard outline, as loaded from its YAML file."""

    name: str
    title: str
    parts: tuple[OutlinePart, ...]
    sections: dict[str, OutlineSection]
    path: str = ""
    description: str = ""

    def part(self, part_id: str) -> OutlinePart | None:
        """The part with ``part_id``, or None."""
        return next((p for p in self.parts if p.id == part_id), None)


_TOP = {"version": int, "name": str, "title": str, "description": str, "source": str,
        "parts": list, "sections": dict}
_PART = {"id": str, "title": str, "period": str, "aliases": list, "sections": list}
_SECTION = {"title": str, "aliases": list, "skeleton": dict}


def _strings(value: LocatedList | None, path: str, line: int, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ChecklistError(f"{what}的每一项都应为非空文本", path, value.item_lines[i])
    return tuple(value)


def parse_outline(text: str, path: str) -> Outline:
    """Parse an outline file's text.

    Raises:
        ChecklistError: malformed YAML, unknown keys, wrong types, or a part naming an area
            that the file does not define; the message names file:line.
    """
    data = require_mapping(load_yaml(text, path), path, 1, "提纲文件")
    check_keys(data, path, _TOP, required=("version", "name", "parts", "sections"))
    if data["version"] != 1:
        raise ChecklistError(f"不支持的提纲版本 {data['version']}（支持 1）", path, data.line_of("version"))
    sections: dict[str, OutlineSection] = {}
    for key, value in data["sections"].items():
        value = require_mapping(value, path, data["sections"].line_of(key), f"方面“{key}”")
        check_keys(value, path, _SECTION, required=("title",))
        skeleton = value.get("skeleton") or {}
        sections[str(key)] = OutlineSection(
            id=str(key), title=value["title"],
            aliases=_strings(value.get("aliases"), path, value.line_of("aliases"), "aliases"),
            skeleton={str(k): str(v) for k, v in skeleton.items()},
        )
    parts = []
    seen_parts = set()
    for i, value in enumerate(data["parts"]):
        value = require_mapping(value, path, data["parts"].item_lines[i], "部分")
        check_keys(value, path, _PART, required=("id", "title", "sections"))
        if value["id"] in seen_parts:
            raise ChecklistError(f"部分“{value['id']}”重复", path, value.line_of("id"))
        seen_parts.add(value["id"])
        period = value.get("period", "current")
        if period not in ("current", "next"):
            raise ChecklistError("period 只能是 current 或 next", path, value.line_of("period"))
        refs = value["sections"]
        members = []
        for j, ref in enumerate(refs):
            if ref not in sections:
                raise ChecklistError(
                    f"部分“{value['id']}”引用了未定义的方面“{ref}”（已定义：{'、'.join(sections)}）",
                    path, refs.item_lines[j])
            members.append(sections[ref])
        parts.append(OutlinePart(
            id=value["id"], title=value["title"], period=period,
            aliases=_strings(value.get("aliases"), path, value.line_of("aliases"), "aliases"),
            sections=tuple(members),
        ))
    if not parts:
        raise ChecklistError("提纲至少要有一个部分", path, data.line_of("parts"))
    return Outline(name=data["name"], title=data.get("title") or data["name"], parts=tuple(parts),
                   sections=sections, path=path, description=data.get("description") or "")


def outline_path(name_or_path: str | None) -> Path:
    """Resolve ``--outline NAME|PATH`` to a file: a path as given, or a bundled outline's name."""
    name = name_or_path or DEFAULT_OUTLINE
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") or os.sep in name or "/" in name:
        return candidate
    return checklists_dir() / "outlines" / f"{name}.yaml"


def available_outlines() -> list[str]:
    """Names of the bundled outlines."""
    return sorted(p.stem for p in (checklists_dir() / "outlines").glob("*.yaml"))


@lru_cache(maxsize=16)
def _load_cached(path: str, mtime: float) -> Outline:
    try:
        text = read_bounded(path, MAX_YAML_BYTES).decode("utf-8-sig")
    except InputError as exc:
        raise ChecklistError(f"无法读取提纲文件：{exc.message}", path) from None
    except UnicodeDecodeError:
        raise ChecklistError("提纲文件须为 UTF-8 编码", path) from None
    return parse_outline(text, path)


def load_outline(name_or_path: str | None = None) -> Outline:
    """Load an outline by bundled name or by path (cached while the file is unchanged).

    Raises:
        ChecklistError: the file is missing or malformed.
    """
    path = outline_path(name_or_path)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        known = "、".join(available_outlines())
        raise ChecklistError(f"找不到提纲“{name_or_path}”（内置提纲：{known}）", str(path)) from None
    return _load_cached(str(path), mtime)
