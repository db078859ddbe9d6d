"""``drafter outlines``: the bundled outlines, what each is for, and which one a file would get."""

from __future__ import annotations

import argparse

from . import EXIT_OK

NAME = "outlines"
HELP = "列出内置提纲（适用单位、体裁、方面）；给出文件时显示它按哪个提纲检查"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter outlines``."""
    parser.add_argument("paths", metavar="PATH", nargs="*", help="报告文件（可选）：显示各自选用的提纲及原因")
    parser.add_argument("--no-config", action="store_true", help="不读取项目配置 drafter.yaml")


def run(args: argparse.Namespace) -> int:
    """Print one line per bundled outline, then (for files) the outline each one gets."""
    from ..outlines.definition import DEFAULT_OUTLINE, available_outlines, load_outline

    for name in available_outlines():
        outline = load_outline(name)
        sections = [s.title + ("（可选）" if s.optional else "") for s in outline.sections.values()]
        applies = "、".join(outline.units + outline.title_words) or "标题所示单位没有专用提纲的报告"
        flags = [f for f, on in (("默认", name == DEFAULT_OUTLINE), ("乡镇/街道", outline.township),
                                 ({"half": "半年", "year": "年度"}.get(outline.scope or "", ""), bool(outline.scope)),
                                 ("参考性：问题只作提示", outline.advisory), ("顺序不限", outline.order == "free")) if on]
        print(f"{name}  {outline.title}" + (f"  [{'，'.join(flags)}]" if flags else ""))
        print(f"    适用：{applies}")
        print(f"    方面：{'、'.join(sections) if sections else '（只检查部分：总结、问题、计划）'}")
    if args.paths:
        from ..api import CheckOptions, check_path
        from .output import judged_by

        print()
        for path in args.paths:
            result = check_path(path, CheckOptions(select=("outline",), project=not args.no_config))
            print(f"{path}: {judged_by(result)}")
    return EXIT_OK
