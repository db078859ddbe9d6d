"""``drafter checklists test [PATH...]`` and ``drafter checklists list``: self-test and list checklists.

``test`` loads each checklist, which validates every key, type and regex and runs every entry's
examples; each failure is one line naming file:line. Exit 0 when all pass, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..checklists.format import read_checklist
from ..checklists.cache import bundled_checklist_files, checklist_files
from ..errors import ChecklistError, DrafterError
from . import EXIT_FAIL, EXIT_OK

NAME = "checklists"
HELP = "检查清单：test 验证清单及其例子，list 列出已加载的清单"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter checklists``."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    test = sub.add_parser("test", help="验证检查清单：键、类型、正则和每条例子（默认：内置清单及项目配置中的清单）",
                          description="验证检查清单：键、类型、正则和每条例子")
    test.add_argument("paths", nargs="*", metavar="PATH", help="清单文件或文件夹（默认：内置清单及项目配置中的清单）")
    listing = sub.add_parser("list", help="列出内置清单及项目配置中的清单", description="列出检查清单")
    listing.add_argument("--checklist", metavar="PATH", action="append", default=[], help="额外的清单文件或文件夹")


def _default_files(extra: list[str]) -> list[str]:
    """Bundled checklists, those of the project file above the current folder, and ``extra``."""
    from ..config import find_config, load_config

    paths: list[str] = []
    found = find_config(os.getcwd())
    if found is not None:
        paths.extend(load_config(found).checklists)
    return bundled_checklist_files() + checklist_files(paths + extra)


def run(args: argparse.Namespace) -> int:
    """Run ``test`` or ``list``."""
    if args.action == "test":
        return _test(args.paths)
    return _list(args.checklist)


def _test(paths: list[str]) -> int:
    try:
        files = checklist_files(paths) if paths else _default_files([])
    except DrafterError as exc:
        print(f"drafter: {exc}", file=sys.stderr)
        return EXIT_FAIL
    failed = 0
    names: dict[str, str] = {}
    for path in files:
        try:
            checklist = read_checklist(path, verify=True)
        except ChecklistError as exc:
            failed += 1
            print(f"失败 {exc}")
            continue
        if checklist.name in names:
            failed += 1
            print(f"失败 {path}:1: 清单名称“{checklist.name}”与 {names[checklist.name]} 重复")
            continue
        names[checklist.name] = path
        examples = sum(len(e.examples) for e in checklist.entries)
        print(f"通过 {path}：{checklist.name}，{len(checklist.entries)} 条，{examples} 个例子")
    print(f"共 {len(files)} 个清单：{len(files) - failed} 个通过，{failed} 个失败")
    return EXIT_FAIL if failed else EXIT_OK


def _list(extra: list[str]) -> int:
    files = _default_files(extra)
    for path in files:
        checklist = read_checklist(path, verify=False)
        codes = sorted({e.code for e in checklist.entries})
        print(f"{checklist.name}\t{len(checklist.entries)} 条\t{'、'.join(codes)}\t{path}")
    return EXIT_OK
