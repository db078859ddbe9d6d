"""``drafter lsp``: the language server over standard input and output (see :mod:`drafter.lsp`).

Editors start it themselves (Neovim: ``vim.lsp.start{cmd = {"drafter", "lsp"}}``; docs/editors.md).
pygls is imported here only, so ``drafter check`` never pays for it.
"""

from __future__ import annotations

import argparse

from . import EXIT_OK
from .common import add_check_options, options_from_args

NAME = "lsp"
HELP = "语言服务器（LSP，标准输入输出）：在 Neovim、VS Code 等编辑器中显示检查结果、修复和提纲"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter lsp`` (the check options apply to every document it checks)."""
    parser.add_argument("--stdio", action="store_true", help="使用标准输入输出通信（默认，编辑器常传此参数）")
    add_check_options(parser)


def run(args: argparse.Namespace) -> int:
    """Serve until the client says exit."""
    from ..lsp.server import serve

    serve(options_from_args(args))
    return EXIT_OK
