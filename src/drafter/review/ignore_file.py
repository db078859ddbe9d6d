"""Writing ignores into the project file (``drafter.yaml``), keeping its comments and layout.

The editor's F9 (and the language server's “忽略” code action) add an entry to the ``ignore`` list
of the project file that governs the document — the nearest ``drafter.yaml`` above it, or a new
one beside it — and restoring removes it again. ruamel.yaml edits the file round-trip, so the
writer's comments and key order survive; the result is parsed with :func:`drafter.config.parse_config`
before it replaces the file (atomically), so a write never leaves a project file drafter refuses.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from ..config import CONFIG_NAMES, find_config, parse_config
from ..diagnostics import Diagnostic
from ..errors import ChecklistError
from ..files.save import atomic_write
from ..options import IgnoredFinding


def project_file_for(document: str) -> Path:
    """The project file an ignore for ``document`` goes to: the nearest existing one, else a new
    ``drafter.yaml`` in the document's folder."""
    found = find_config(document)
    return found if found is not None else Path(os.path.abspath(document)).parent / CONFIG_NAMES[0]


def _yaml():
    from ruamel.yaml import YAML  # only writers of ignores pay for it

    yaml = YAML()  # round-trip: comments, order and quoting are kept
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _load(path: Path):
    from ruamel.yaml.comments import CommentedMap

    text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    data = _yaml().load(text) if text.strip() else None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise ChecklistError("项目配置应为映射（key: value），无法写入忽略项", str(path), 1)
    return data


def _save(path: Path, data) -> None:
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    text = buffer.getvalue()
    parse_config(text, str(path))  # refuse to write what drafter would then refuse to read
    atomic_write(path, text.encode("utf-8"))


def add_ignore(document: str, diagnostic: Diagnostic) -> Path:
    """Add ``diagnostic`` (by fingerprint, with its code and text for people) to the ``ignore``
    list of ``document``'s project file; return that file.

    Raises:
        ChecklistError: the project file cannot be read or written as YAML.
        OSError: the write failed (the old file is left as it was).
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    path = project_file_for(document)
    try:
        data = _load(path)
    except YAMLError as exc:
        raise ChecklistError(f"项目配置 YAML 格式错误，无法写入忽略项（{exc}）", str(path)) from None
    ignore = data.get("ignore")
    if not isinstance(ignore, CommentedSeq):
        seq = CommentedSeq()
        if isinstance(ignore, str):
            seq.extend(code.strip() for code in ignore.split(",") if code.strip())
        elif isinstance(ignore, list):
            seq.extend(ignore)
        data["ignore"] = ignore = seq
    item = CommentedMap()
    item["fingerprint"] = DoubleQuotedScalarString(diagnostic.fingerprint)  # never read back as a number
    item["code"] = diagnostic.code
    item["text"] = diagnostic.text[:80]
    item["file"] = os.path.relpath(os.path.abspath(document), path.parent).replace(os.sep, "/")
    item.fa.set_flow_style()
    ignore.append(item)
    _save(path, data)
    return path


def remove_ignore(entry: IgnoredFinding) -> bool:
    """Remove ``entry`` from the project file it was read from; False if it is no longer there.

    Raises:
        ChecklistError: the project file cannot be read or written as YAML.
    """
    path = Path(entry.origin)
    if not path.is_file():
        return False
    data = _load(path)
    ignore = data.get("ignore")
    if not isinstance(ignore, list):
        return False
    for index, item in enumerate(ignore):
        if not isinstance(item, dict):
            continue
        line = getattr(getattr(item, "lc", None), "line", None)
        same = (str(item.get("fingerprint")) == entry.fingerprint if entry.fingerprint
                else item.get("code") == entry.code and item.get("text") == entry.text)
        if same and (line is None or line + 1 == entry.line or entry.line == 0):
            del ignore[index]
            _save(path, data)
            return True
    return False
