"""Project configuration: ``drafter.yaml`` or ``.drafter.yaml``, found upward from the document.

A project file sets what every check of the documents below it uses: the outline, extra
checklist folders, codes to select or ignore, severity overrides and the report's date.
Command-line options win over the file; ``ignore`` lists and checklists are combined.

Example::

    outline: propaganda-half-year
    checklists: [checklists/]          # relative to this file
    select: []
    ignore:
      - placeholder.name                         # a code (or prefix): never reported
      - {fingerprint: 3f1c9a2b7d40e815}          # one finding (drafter check --format json)
      - {code: typo.word, text: 舒华, file: report.txt}   # a code and the text it flags
    severity: {placeholder.figure: error}
    date: 2020-07-10
    render-gate: warning               # what stops drafter render: error | warning | info | off
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ChecklistError
from .files.cache import cache_key, cached, code_stamps
from .files.safe_read import read_yaml_text
from .options import IgnoredFinding

if TYPE_CHECKING:
    from .options import CheckOptions
    from .report.model import Report

CONFIG_NAMES = ("drafter.yaml", ".drafter.yaml")
_KEYS: dict[str, Any] = {
    "outline": str, "checklists": (list, str), "select": (list, str), "ignore": (list, str),
    "severity": dict, "date": (_dt.date, str), "render-gate": str, "protected": (list, str), "typo": dict,
}
#: Values of ``render-gate`` (see drafter.render.gate).
RENDER_GATES = ("error", "warning", "info", "off")
#: Keys of ``typo:`` (confidences between 0 and 1).
_TYPO_KEYS = ("min_confidence", "safe_confidence")


@dataclass(frozen=True)
class ProjectConfig:
    """A project file's settings, paths resolved against the file's folder."""

    path: str
    outline: str | None = None
    checklists: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    date: _dt.date | None = None
    protected: tuple[str, ...] = ()
    typo: tuple[tuple[str, float], ...] = ()
    render_gate: str | None = None
    #: ``ignore`` entries that name findings (by fingerprint, or code and text), not codes.
    ignore_findings: tuple[IgnoredFinding, ...] = ()


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest ``drafter.yaml``/``.drafter.yaml`` in ``start``'s folder or above, or None."""
    path = Path(start).resolve()
    folder = path if path.is_dir() else path.parent
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
    return None


def _codes(value: Any, path: str, line: int, key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or [])
    out = []
    for item in items:
        if not isinstance(item, str):
            raise ChecklistError(f"“{key}”的每一项应为文本", path, line)
        out.extend(code.strip() for code in item.split(",") if code.strip())
    return tuple(out)


_FINDING_KEYS: dict[str, Any] = {"fingerprint": (str, int), "code": str, "text": str, "file": str, "note": str}


def _ignores(value: Any, path: str, line: int) -> tuple[tuple[str, ...], tuple[IgnoredFinding, ...]]:
    """The ``ignore`` list: codes (text items) and findings (mapping items)."""
    from .files.yamlload import LocatedDict, check_keys  # parse_config has imported it

    items = [value] if isinstance(value, str) else list(value or [])
    lines = getattr(value, "item_lines", [line] * len(items))
    codes: list[str] = []
    findings: list[IgnoredFinding] = []
    for item, item_line in zip(items, lines):
        if isinstance(item, str):
            codes.extend(code.strip() for code in item.split(",") if code.strip())
            continue
        if not isinstance(item, LocatedDict):
            raise ChecklistError("“ignore”的每一项应为检查代码，或 {fingerprint: …} / {code: …, text: …}",
                                 path, item_line)
        check_keys(item, path, _FINDING_KEYS)
        fingerprint, code, text = item.get("fingerprint"), item.get("code"), item.get("text")
        if not fingerprint and not (code and text):
            raise ChecklistError("“ignore”中的映射须有 fingerprint，或同时有 code 和 text", path, item.line)
        where = item.get("file")
        findings.append(IgnoredFinding(
            fingerprint=str(fingerprint).strip() if fingerprint else None, code=code, text=text,
            file=os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), where)) if where else None,
            origin=path, line=item.line))
    return tuple(codes), tuple(findings)


def parse_config(text: str, path: str) -> ProjectConfig:
    """Parse a project file.

    Raises:
        ChecklistError: malformed YAML, an unknown key or a wrong value, naming file:line.
    """
    from .files.yamlload import LocatedDict, check_keys, load_yaml  # not on a warm run

    data = load_yaml(text, path)
    if data is None:
        return ProjectConfig(path=path)
    if not isinstance(data, LocatedDict):
        raise ChecklistError("项目配置应为映射（key: value）", path, 1)
    check_keys(data, path, _KEYS)
    base = Path(path).parent
    date = data.get("date")
    if isinstance(date, str):
        try:
            date = _dt.date.fromisoformat(date)
        except ValueError:
            raise ChecklistError(f"“date”应为 YYYY-MM-DD，收到“{date}”", path, data.line_of("date")) from None
    severity = []
    for code, value in (data.get("severity") or {}).items():
        if value not in ("error", "warning", "info"):
            raise ChecklistError(f"“severity”中“{code}”的值应为 error、warning 或 info", path,
                                 data["severity"].line_of(code))
        severity.append((str(code), value))
    typo = []
    for key, value in (data.get("typo") or {}).items():
        if key not in _TYPO_KEYS:
            raise ChecklistError(f"“typo”中未知的键“{key}”（可用：{'、'.join(_TYPO_KEYS)}）", path,
                                 data["typo"].line_of(key))
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ChecklistError(f"“typo”中“{key}”应为 0 到 1 之间的数", path, data["typo"].line_of(key))
        typo.append((str(key), float(value)))
    protected = data.get("protected")
    if isinstance(protected, str):
        protected = [protected]
    if protected is not None and not all(isinstance(w, str) for w in protected):
        raise ChecklistError("“protected”的每一项应为文本（要保护的人名、地名或词语）", path,
                             data.line_of("protected"))
    gate = data.get("render-gate")
    if gate is not None and gate not in RENDER_GATES:
        raise ChecklistError(f"“render-gate”应为 {'、'.join(RENDER_GATES)} 之一，收到“{gate}”", path,
                             data.line_of("render-gate"))
    ignore_codes, ignore_findings = _ignores(data.get("ignore"), path, data.line_of("ignore"))
    outline = data.get("outline")
    if outline and (outline.endswith((".yaml", ".yml")) or "/" in outline):
        outline = str(base / outline)
    return ProjectConfig(
        path=path, outline=outline,
        checklists=tuple(str(base / p) for p in _codes(data.get("checklists"), path, data.line_of("checklists"),
                                                         "checklists")),
        select=_codes(data.get("select"), path, data.line_of("select"), "select"),
        ignore=ignore_codes, severity=tuple(severity), date=date, ignore_findings=ignore_findings,
        render_gate=gate,
        protected=tuple(w.strip() for w in (protected or []) if w.strip()), typo=tuple(typo),
    )


_CODE_FILES = (__file__, os.path.join(os.path.dirname(os.path.abspath(__file__)), "files", "yamlload.py"))


@lru_cache(maxsize=32)
def _load(path: str, mtime_ns: int, size: int) -> ProjectConfig:
    def build() -> ProjectConfig:
        return parse_config(read_yaml_text(path, "项目配置"), path)

    # Parsed once, then unpickled from the user cache folder like compiled checklists.
    key = cache_key("project", os.path.abspath(path), mtime_ns, size, code_stamps(*_CODE_FILES))
    return cached("projects", key, build, ProjectConfig)


def load_config(path: str | os.PathLike[str]) -> ProjectConfig:
    """Read a project file (cached by path, mtime and size).

    Raises:
        ChecklistError: unreadable or malformed.
    """
    st = os.stat(path)
    return _load(os.fspath(path), st.st_mtime_ns, st.st_size)


def apply_config(options: "CheckOptions", config: ProjectConfig) -> "CheckOptions":
    """``options`` completed by ``config``: the command line wins; ignores and checklists add up."""
    severity = dict(config.severity)
    severity.update(options.severity)
    return replace(
        options,
        outline=options.outline or config.outline,
        select=options.select or config.select,
        ignore=tuple(dict.fromkeys(config.ignore + options.ignore)),
        severity=severity,
        date=options.date or config.date,
        checklists=tuple(dict.fromkeys(config.checklists + tuple(options.checklists))),
        protected=tuple(dict.fromkeys(config.protected + tuple(options.protected))),
        typo={**dict(config.typo), **options.typo},
        ignore_findings=tuple(dict.fromkeys(config.ignore_findings + tuple(options.ignore_findings))),
        render_gate=options.render_gate or config.render_gate,
    )


def options_for(options: "CheckOptions", document_path: str | None) -> "CheckOptions":
    """``options`` completed by the project file found upward from ``document_path`` (if any);
    for standard input (``-``), upward from the current folder.

    Raises:
        ChecklistError: the project file is malformed.
    """
    if not document_path or document_path == "<buffer>" or not getattr(options, "project", True):
        return options
    if document_path == "-":
        document_path = os.path.join(os.getcwd(), ".")
    if not os.path.exists(document_path):
        return options
    found = find_config(document_path)
    return apply_config(options, load_config(found)) if found else options


def report_date(report: "Report", options: "CheckOptions | None" = None) -> _dt.date:
    """The date a report is judged as of: ``--date`` or the project file, else its front matter
    ``date``, else its signature line, else its period (the end of the half it covers), else
    today (see ``period.judged_date``, which also says where the date came from)."""
    from .report.period import judged_date

    return judged_date(report, options.date if options is not None else None).value
