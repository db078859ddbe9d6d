"""Outline definitions: the standard parts and areas a report must cover, loaded from YAML.

An outline file lists parts (``summary``, ``plan``, optionally ``problems``) and, for each, the
sections (areas) in their standard order; each area has a title, the alias phrases real reports
use for it in a heading (``主流…舆论``: words with a gap between them) and a weighted vocabulary
of body terms that decide the area when the heading names none. An outline also says which
reports it is for (``applies_to``: units and title words), whether its order is strict, and which
areas or parts are optional. Format: docs/outlines.md.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ChecklistError
from ..files.cache import cache_key, cached, code_stamps, file_stamp
from ..files.patterns import compile as re_compile
from ..files.resources import checklists_dir
from ..files.safe_read import read_yaml_text

if TYPE_CHECKING:
    from ..files.yamlload import LocatedDict, LocatedList

DEFAULT_OUTLINE = "propaganda-half-year"


#: How far apart the words of a gapped alias (``主流…舆论``) may be, in characters, within
#: one clause: “壮大主流思想舆论” (2) yes; words in two clauses of a heading no.
GAP_MAX = 6
_GAP_FILL = f"[^，。；：、,;:！？!?\\s]{{0,{GAP_MAX}}}"


def alias_pattern(alias: str) -> re.Pattern[str] | None:
    """The regex of a gapped alias (``主流…舆论`` → 主流, up to GAP_MAX characters of the same
    clause, 舆论); None for a plain alias, which is matched as a substring."""
    if "…" not in alias:
        return None
    words = [w for w in alias.split("…") if w]
    return re_compile(_GAP_FILL.join(re.escape(w) for w in words))


@dataclass(frozen=True, eq=False)   # compared and hashed by identity: one object per area
class OutlineSection:
    """One area of the outline, e.g. 理论武装."""

    id: str
    title: str
    aliases: tuple[str, ...]
    skeleton: dict[str, str] = field(default_factory=dict)   #: part id → heading sentence
    #: Body vocabulary: term → weight (1–3). Decides the area of a section whose heading names none.
    terms: dict[str, int] = field(default_factory=dict)
    #: Broad words that name the area only when no area's title or alias is in the heading
    #: (理论 in “强化理论学习”, a masked “理论**”): the last resort before the body decides.
    words: tuple[str, ...] = ()
    optional: bool = False    #: a report may leave this area out (never “missing”)
    #: For an optional area: the required area it stands in for when that one is not written
    #: on its own (a township report's 网信 section covers 意识形态).
    within: str | None = None

    @property
    def phrases(self) -> tuple[str, ...]:
        """The title first, then the aliases (without repeating the title)."""
        return (self.title,) + tuple(a for a in self.aliases if a != self.title)

    def find(self, text: str, broad: bool = False) -> tuple[int, str, str] | None:
        """The earliest heading phrase of this area in ``text``: (position, alias, matched text);
        the longest on ties. A gapped alias reports the text it spans (“主流思想舆论”). With
        ``broad``, the area's broad ``words`` instead of its aliases."""
        plain, gapped = self._words_patterns if broad else self._alias_patterns
        best: tuple[int, int, str, str] | None = None
        if plain is not None:
            m = plain.search(text)   # leftmost; longest there (alternatives longest first)
            if m is not None:
                best = (m.start(), -len(m.group(0)), m.group(0), m.group(0))
        for alias, pattern in gapped:
            m = pattern.search(text)
            if m is not None and (best is None or (m.start(), -len(m.group(0))) < (best[0], best[1])):
                best = (m.start(), -len(m.group(0)), alias, m.group(0))
        return (best[0], best[2], best[3]) if best else None

    @cached_property
    def _alias_patterns(self):
        return _compile(self.phrases)

    @cached_property
    def _words_patterns(self):
        return _compile(self.words)


def _compile(phrases: tuple[str, ...]) -> tuple[re.Pattern[str] | None, tuple[tuple[str, re.Pattern[str]], ...]]:
    """One regex for the plain phrases (longest first), and one per gapped phrase."""
    plain = sorted((p for p in phrases if "…" not in p), key=len, reverse=True)
    gapped = tuple((p, alias_pattern(p)) for p in phrases if "…" in p)
    return (re_compile("|".join(map(re.escape, plain))) if plain else None), gapped


@dataclass(frozen=True)
class OutlinePart:
    """One part of the outline (``summary`` or ``plan``) and the areas it must cover."""

    id: str
    title: str
    aliases: tuple[str, ...]
    sections: tuple[OutlineSection, ...]
    period: str = "current"   #: "current": the period the report covers; "next": the one after
    optional: bool = False    #: e.g. 存在问题和不足: a report may leave it out

    def title_for(self, half=None, *, scope: str | None = None) -> str:
        """The part's title in a report on ``half`` (or pass the report's ``ReportPeriod``): the
        outline names a 上半年 report's parts (上半年工作总结, 下半年工作安排); a 下半年 report sums up
        下半年 and plans 明年; an annual report (``scope="year"``) sums up 全年 and plans 明年."""
        unknown = False
        if hasattr(half, "half"):
            scope = scope or getattr(half, "scope", None)
            # A report whose period is unknown (汇报材料, an undated 总结) is named by no half;
            # a bare None (no report at hand: templates, insertions) keeps the outline's names.
            # A year with no half and no scope (an undated title, 2020 from the text) says no half either.
            unknown = half.half is None and scope is None
            half = half.half
        if scope == "year":
            return self.title.replace("下半年", "明年").replace("上半年", "全年")
        if unknown:
            return self.title.replace("下半年", "下一步").replace("上半年", "")
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
    source: str = ""
    order: str = "strict"     #: "strict": areas in the listed order; "free": any order
    units: tuple[str, ...] = ()      #: unit words this outline is for (宣传部, 统战部…)
    title_words: tuple[str, ...] = ()   #: title words that pick it (宣传思想, 统战工作…)
    scope: str | None = None  #: "half", "year", or None for any report
    township: bool = False    #: a 乡镇/街道 variant (chosen for 镇、乡、街道 reports)
    #: An advisory outline (a department's or the generic one: no official standard behind it)
    #: reports what it misses as info, never as an error.
    advisory: bool = False

    def part(self, part_id: str) -> OutlinePart | None:
        """The part with ``part_id``, or None."""
        return next((p for p in self.parts if p.id == part_id), None)

    @property
    def generic(self) -> bool:
        """A parts-only outline (no areas): any department's report."""
        return not any(p.sections for p in self.parts)


_TOP = {"version": int, "name": str, "title": str, "description": str, "source": str,
        "parts": list, "sections": dict, "order": str, "applies_to": dict, "advisory": bool}
_APPLIES = {"units": list, "titles": list, "scope": str, "township": bool}
_PART = {"id": str, "title": str, "period": str, "aliases": list, "sections": list, "optional": bool}
_SECTION = {"title": str, "aliases": list, "words": list, "skeleton": dict, "terms": dict, "optional": bool,
            "within": str}


def _terms(value: LocatedDict | None, path: str, line: int) -> dict[str, int]:
    if value is None:
        return {}
    out = {}
    for term, weight in value.items():
        if not isinstance(term, str) or not term.strip() or isinstance(weight, bool) \
                or not isinstance(weight, int) or not 1 <= weight <= 3:
            raise ChecklistError(f"terms 中“{term}”的权重应为 1–3 的整数", path, value.line_of(term))
        out[term] = weight
    return out


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
    from ..files.yamlload import LocatedDict, check_keys, load_yaml, require_mapping  # not on a warm run

    data = require_mapping(load_yaml(text, path), path, 1, "提纲文件")
    check_keys(data, path, _TOP, required=("version", "name", "parts", "sections"))
    if data["version"] != 1:
        raise ChecklistError(f"不支持的提纲版本 {data['version']}（支持 1）", path, data.line_of("version"))
    order = data.get("order") or "strict"
    if order not in ("strict", "free"):
        raise ChecklistError("order 只能是 strict 或 free", path, data.line_of("order"))
    applies = data.get("applies_to")
    if applies is None:
        applies = LocatedDict()
        applies.key_lines = {}
    if data.get("applies_to") is not None:
        check_keys(applies, path, _APPLIES)
        if applies.get("scope") not in (None, "half", "year"):
            raise ChecklistError("applies_to.scope 只能是 half 或 year", path, applies.line_of("scope"))
    sections: dict[str, OutlineSection] = {}
    for key, value in (data["sections"] or {}).items():
        value = require_mapping(value, path, data["sections"].line_of(key), f"方面“{key}”")
        check_keys(value, path, _SECTION, required=("title",))
        skeleton = value.get("skeleton") or {}
        sections[str(key)] = OutlineSection(
            id=str(key), title=value["title"],
            aliases=_strings(value.get("aliases"), path, value.line_of("aliases"), "aliases"),
            skeleton={str(k): str(v) for k, v in skeleton.items()},
            terms=_terms(value.get("terms"), path, value.line_of("terms")),
            words=_strings(value.get("words"), path, value.line_of("words"), "words"),
            optional=bool(value.get("optional", False)),
            within=value.get("within"),
        )
    for section in sections.values():
        if section.within is not None and (section.within not in sections or not section.optional):
            raise ChecklistError(f"方面“{section.id}”的 within 应指向已定义的方面，且该方面本身应为 optional",
                                 path, data["sections"][section.id].line_of("within"))
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
        refs = value["sections"] or []
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
            sections=tuple(members), optional=bool(value.get("optional", False)),
        ))
    if not parts:
        raise ChecklistError("提纲至少要有一个部分", path, data.line_of("parts"))
    return Outline(name=data["name"], title=data.get("title") or data["name"], parts=tuple(parts),
                   sections=sections, path=path, description=data.get("description") or "",
                   source=data.get("source") or "", order=order,
                   units=_strings(applies.get("units"), path, applies.line_of("units"), "units"),
                   title_words=_strings(applies.get("titles"), path, applies.line_of("titles"), "titles"),
                   scope=applies.get("scope"), township=bool(applies.get("township", False)),
                   advisory=bool(data.get("advisory", False)))


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


_HERE = os.path.dirname(os.path.abspath(__file__))
#: The code that decides what a parsed outline holds (a change refuses old pickles).
_CODE_FILES = (__file__, os.path.join(os.path.dirname(_HERE), "files", "yamlload.py"))


@lru_cache(maxsize=16)
def _load_cached(path: str, mtime: float) -> Outline:
    def build() -> Outline:
        return parse_outline(read_yaml_text(path, "提纲文件"), path)

    try:
        stamp = file_stamp(path)
    except OSError:
        return build()
    # Parsed once, then unpickled from the user cache folder like compiled checklists.
    return cached("outlines", cache_key("outline", stamp, code_stamps(*_CODE_FILES)), build, Outline)


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
