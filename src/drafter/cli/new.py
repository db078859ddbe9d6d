"""``drafter new FILE [--outline NAME]``: write the outline's skeleton to FILE (no editor)."""

from __future__ import annotations

import argparse
import os
import sys

from ..files.save import atomic_write
from ..outlines.definition import load_outline
from ..outlines.skeleton import not_a_draft_name, template_text
from . import EXIT_OK, EXIT_USAGE

NAME = "new"
HELP = "按标准提纲生成报告骨架文件（不打开编辑器）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter new``."""
    parser.add_argument("path", metavar="FILE", help="要创建的报告文件（.txt 或 .md）")
    parser.add_argument("--outline", metavar="NAME|PATH", help="标准提纲：内置名称或 YAML 文件路径")
    parser.add_argument("--title", help="报告标题（默认用提纲标题）")
    parser.add_argument("--force", action="store_true", help="文件已存在时覆盖")


def run(args: argparse.Namespace) -> int:
    """Write the skeleton; refuse to overwrite an existing file unless --force."""
    reason = not_a_draft_name(args.path)
    if reason:
        print(f"drafter: {args.path}: {reason}", file=sys.stderr)
        return EXIT_USAGE
    if os.path.exists(args.path) and not args.force:
        print(f"drafter: {args.path}: 文件已存在；如需覆盖请加 --force", file=sys.stderr)
        return EXIT_USAGE
    outline = load_outline(args.outline)
    atomic_write(args.path, template_text(outline, args.title).encode("utf-8"))
    print(f"已按提纲“{outline.title}”生成 {args.path}")
    return EXIT_OK
