"""The ``drafter`` command line: ``drafter FILE`` opens the editor; subcommands check and report.

Each subcommand is one module in this package defining ``NAME``, ``HELP``, ``add_arguments`` and
``run``; they are found without a central list. Bad input ends in one line and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from types import ModuleType

from ..errors import DrafterError

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _module_names() -> list[str]:
    """Names of this package's modules; a command module is named after its command."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def _commands(only: str | None = None) -> dict[str, ModuleType]:
    """Command modules by name: all of them, or just ``only`` (start-up stays cheap:
    ``drafter check`` imports neither the TUI nor the renderer nor the other commands)."""
    commands = {}
    for name in [only] if only else _module_names():
        module = importlib.import_module(f"{__name__}.{name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            commands[module.NAME] = module
    return dict(sorted(commands.items()))


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 and one line of Chinese, as every input error does."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误：{message}（drafter --help 查看用法）\n")


def build_parser(commands: dict[str, ModuleType] | None = None) -> argparse.ArgumentParser:
    """The argument parser, with one subparser per command module (default: all of them)."""
    from ..version import __version__

    parser = _Parser(
        prog="drafter",
        description="起草和检查工作总结/工作计划：对照标准提纲检查结构、占位符、错别字、规范表述。"
                    " `drafter 文件` 打开编辑器。",
    )
    parser.add_argument("--version", action="version", version=f"drafter {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module in (commands if commands is not None else _commands()).items():
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    names = _module_names()
    if argv and not argv[0].startswith("-") and argv[0] not in names and "edit" in names:
        argv.insert(0, "edit")  # `drafter FILE` opens the editor
    wanted = argv[0] if argv and argv[0] in names else None
    commands = _commands(wanted)
    from ._usage_zh import chinese

    with chinese():  # argparse's own words (usage errors, help headings) in Chinese too
        parser = build_parser(commands if commands else None)
        if not argv:
            parser.print_help()
            return EXIT_OK
        args = parser.parse_args(argv)
    try:
        return args._module.run(args)
    except DrafterError as exc:
        print(f"drafter: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
