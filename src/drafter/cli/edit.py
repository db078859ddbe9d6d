"""``drafter FILE`` (``drafter edit FILE``): open the editor; a missing FILE starts from the template.

Textual is imported only here, lazily, so that ``drafter check`` and the other commands never
load it.
"""

from __future__ import annotations

import argparse

from . import EXIT_OK, EXIT_USAGE
from .common import add_check_options, options_from_args

NAME = "edit"
HELP = "在终端编辑器中打开报告（文件不存在时从标准提纲模板开始）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter edit``."""
    parser.add_argument("path", metavar="FILE", help="报告文件（.txt 或 .md，任意编码）")
    add_check_options(parser)


def run(args: argparse.Namespace) -> int:
    """Run the TUI on ``args.path`` until the user quits."""
    import os
    import sys

    if os.path.isdir(args.path):
        print(f"drafter: {args.path}: 这是文件夹，请指定一个报告文件", file=sys.stderr)
        return EXIT_USAGE
    if not os.path.exists(args.path):
        from ..outlines.skeleton import not_a_draft_name

        reason = not_a_draft_name(args.path)  # a new draft starts from the template, as text
        if reason:
            print(f"drafter: {args.path}: {reason}", file=sys.stderr)
            return EXIT_USAGE
    options = options_from_args(args)
    from drafter_tui import make_app  # deferred: only the editor pays for Textual

    app = make_app(args.path, options=options)
    app.run()
    return EXIT_OK if app.return_code in (None, 0) else app.return_code
