"""``drafter outline PATH``: the recognised tree, each area with the heading and phrase that matched."""

from __future__ import annotations

import argparse

from ..api import check_path
from . import EXIT_OK
from .common import add_check_options, options_from_args

NAME = "outline"
HELP = "显示识别出的提纲：每个方面由哪个标题、哪个词匹配"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter outline``."""
    parser.add_argument("path", metavar="PATH", help="报告文件或 -")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_check_options(parser)


def run(args: argparse.Namespace) -> int:
    """Print the outline tree (or its JSON)."""
    options = options_from_args(args)
    options.select = ("outline",)
    result = check_path(args.path, options)
    if args.format == "json":
        import json
        import sys

        from .json_output import outline_json

        json.dump(outline_json(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from .output import TextOutput

    TextOutput().tree(result)
    return EXIT_OK
