"""Options shared by the commands that check documents (check, outline, render…)."""

from __future__ import annotations

import argparse
import datetime as _dt

from ..api import CheckOptions, CheckResult
from ..errors import DrafterError


def add_check_options(parser: argparse.ArgumentParser) -> None:
    """Add --outline, --select, --ignore, --date, --checklist."""
    parser.add_argument("--outline", metavar="NAME|PATH", help="标准提纲：内置名称或 YAML 文件路径")
    parser.add_argument("--select", metavar="CODES", action="append", default=[],
                        help="只报告这些代码（逗号分隔，可用前缀，如 typo,outline.missing-section）")
    parser.add_argument("--ignore", metavar="CODES", action="append", default=[],
                        help="不报告这些代码（逗号分隔，可用前缀）")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="报告日期（判断表述是否过时、期间是否相符）")
    parser.add_argument("--checklist", metavar="PATH", action="append", default=[],
                        help="额外的检查清单文件或文件夹（可重复）")
    parser.add_argument("--no-config", action="store_true",
                        help="不读取文档所在文件夹及上级的项目配置 drafter.yaml / .drafter.yaml")


def _codes(values: list[str]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def options_from_args(args: argparse.Namespace) -> CheckOptions:
    """Build :class:`CheckOptions` from parsed arguments."""
    date = None
    if getattr(args, "date", None) is not None:  # --date '' is a mistake, not "no date"
        try:
            date = _dt.date.fromisoformat(args.date.strip())
        except ValueError:
            raise DrafterError(f"用法错误：--date 应为 YYYY-MM-DD（如 2020-07-10），收到“{args.date}”；"
                               "不指定日期请省略 --date") from None
    return CheckOptions(
        outline=getattr(args, "outline", None),
        select=_codes(getattr(args, "select", [])),
        ignore=_codes(getattr(args, "ignore", [])),
        date=date,
        checklists=tuple(getattr(args, "checklist", [])),
        project=not getattr(args, "no_config", False),
    )


def expand_paths(paths: list[str], errors: list[DrafterError] | None = None) -> list[str]:
    """Files as given, folders walked recursively for reports, ``-`` for standard input.

    Unreadable subfolders are appended to ``errors`` (raised when ``errors`` is None).

    Raises:
        InputError: a folder cannot be read or holds no reports (a missing file is reported
            when it is read).
    """
    import os

    from ..files.source import find_reports

    out: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            out.extend(find_reports(path, errors))
        else:
            out.append(path)
    return out


def unknown_codes(options: CheckOptions, paths: list[str]) -> list[str]:
    """The ``--select``/``--ignore`` codes or prefixes that name no diagnostic code, so that a
    typo there does not silently report nothing. Known codes are the checks' and those declared
    by the checklists these files are checked with (bundled, ``--checklist``, project files)."""
    import os

    from ..checklists.cache import load_checklists
    from ..checks import all_rules, code_selected
    from ..config import options_for

    patterns = list(dict.fromkeys([*options.select, *options.ignore]))
    if not patterns:
        return []
    extra = list(options.checklists)
    for folder in dict.fromkeys(os.path.dirname(os.path.abspath(p)) for p in paths if p != "-"):
        extra.extend(options_for(options, os.path.join(folder, ".")).checklists)
    try:
        known = set(all_rules()) | set(load_checklists(list(dict.fromkeys(extra))).codes())
    except DrafterError:
        return []  # a broken checklist is reported by the check itself
    return [p for p in patterns if not any(code_selected(code, [p], None) for code in known)]


class Tally:
    """Counts over the files checked so far: all a batch keeps of a file once it is written,
    so that memory does not grow with the number of files."""

    def __init__(self) -> None:
        self.files = 0
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.truncated = 0

    def add(self, result: CheckResult) -> None:
        """Count one checked file."""
        self.files += 1
        for severity, count in result.counts().items():
            self.counts[severity] += count
        self.truncated += result.truncated is not None

    def fails(self, fail_on: str) -> bool:
        """Whether any file had a diagnostic at or above ``fail_on`` (see ``CheckResult.fails``)."""
        if fail_on == "never":
            return False
        order = ["info", "warning", "error"]
        return any(self.counts[s] for s in order[order.index(fail_on):])

    def summary(self, unreadable: int) -> dict[str, int]:
        """The contract's ``summary`` object."""
        return {"files": self.files, **self.counts, "unreadable": unreadable}
