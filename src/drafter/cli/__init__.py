"""The ``drafter`` command line: ``drafter FILE`` opens the editor; subcommands check and report.

Each subcommand is one module in this package defining ``NAME``, ``HELP``, ``add_arguments`` and
``run``; they are found without a central list. Bad input ends in one line and exit status 2.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from importlib import import_module
from typing import TYPE_CHECKING

from ..errors import DrafterError
from . import _process_end

if TYPE_CHECKING:
    import argparse
    from types import ModuleType

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _module_names() -> list[str]:
    """Names of this package's modules; a command module is named after its command.

    Read from the folder (not pkgutil, whose imports cost more than the listing): ``*.py`` files
    and ``*.pyc``-only modules of a bytecode-only install.
    """
    names = set()
    for folder in __path__:
        for entry in os.listdir(folder):
            stem, dot, suffix = entry.partition(".")
            if dot and suffix in ("py", "pyc") and stem.isidentifier() and not stem.startswith("_"):
                names.add(stem)
    return sorted(names)


def _commands(only: str | None = None) -> dict[str, ModuleType]:
    """Command modules by name: all of them, or just ``only`` (start-up stays cheap:
    ``drafter check`` imports neither the TUI nor the renderer nor the other commands)."""
    commands = {}
    for name in [only] if only else _module_names():
        module = import_module(f"{__name__}.{name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            commands[module.NAME] = module
    return dict(sorted(commands.items()))


@lru_cache(maxsize=1)
def _parser_class() -> type:
    """argparse that exits with status 2 and one line of Chinese, as every input error does
    (made on first use: ``drafter --version`` never imports argparse)."""
    import argparse

    class _Formatter(argparse.HelpFormatter):
        """argparse's help formatter, the terminal's width found as ``shutil.get_terminal_size``
        finds it but without importing shutil (which imports bz2 and lzma): argparse makes a
        formatter for every argument it adds, so every command paid for it."""

        def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                     width: int | None = None) -> None:
            super().__init__(prog, indent_increment, max_help_position,
                             _terminal_columns() - 2 if width is None else width)

    class _Parser(argparse.ArgumentParser):
        def __init__(self, *args, **kwargs) -> None:
            kwargs.setdefault("formatter_class", _Formatter)
            super().__init__(*args, **kwargs)

        def error(self, message: str):  # type: ignore[override]
            self.exit(EXIT_USAGE, f"{self.prog}: 用法错误：{message}（drafter --help 查看用法）\n")

    return _Parser


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``: ``$COLUMNS``, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


def build_parser(commands: dict[str, ModuleType] | None = None) -> argparse.ArgumentParser:
    """The argument parser, with one subparser per command module (default: all of them)."""
    from ..version import __version__

    parser_class = _parser_class()
    parser = parser_class(
        prog="drafter",
        description="起草和检查工作总结/工作计划：对照标准提纲检查结构、占位符、错别字、规范表述。"
                    " `drafter 文件` 打开编辑器。",
    )
    parser.add_argument("--version", action="version", version=f"drafter {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)
    for name, module in (commands if commands is not None else _commands()).items():
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_module=module)
    return parser


def entry() -> None:
    """The ``drafter`` executable (and ``python -m drafter``): :func:`main`, and after a one-shot
    command the process's quick end (:mod:`._process_end`)."""
    _process_end.start()
    status = main()
    if _process_end.ran_one_shot():
        _process_end.finish(status)
    sys.exit(status)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--version"]:  # argparse would stop here too; skip building every command
        from ..version import __version__

        print(f"drafter {__version__}")
        return EXIT_OK
    names = _module_names()
    if argv and not argv[0].startswith("-") and argv[0] not in names and "edit" in names:
        argv.insert(0, "edit")  # `drafter FILE` opens the editor
    wanted = argv[0] if argv and argv[0] in names else None
    unshowable = _stdout_cannot_show_chinese()
    if unshowable and wanted != "edit":
        _say(f"drafter: 标准输出的编码 {unshowable} 无法显示中文，未运行；"
             "请设置 PYTHONIOENCODING=utf-8 或改用 UTF-8 终端（LANG=zh_CN.UTF-8）")
        return EXIT_USAGE
    from ..files.dataclass_code import install

    install(wanted or "help")  # before the command's modules make their dataclasses
    import gc

    try:
        # Importing the command's modules makes thousands of objects that live to the end: the
        # cyclic collector would walk them again and again (≈ 5 ms of a check's start-up).
        collecting = gc.isenabled()
        gc.disable()
        commands: dict = {}
        try:
            commands = _commands(wanted)
            from ._usage_zh import chinese

            with chinese():  # argparse's own words (usage errors, help headings) in Chinese too
                parser = build_parser(commands if commands else None)
                if not argv:
                    parser.print_help()
                    return EXIT_OK
                args = parser.parse_args(argv)
        finally:
            # What start-up built (modules, checklists come later) lives to the end: keep the
            # cyclic collector from walking it again at every collection.
            gc.freeze()
            one_shot = _process_end.one_shot(commands.get(wanted))
            if collecting and not one_shot:  # a one-shot command's garbage is left to its exit
                gc.enable()
        try:
            status = args._module.run(args)
        except DrafterError as exc:
            print(f"drafter: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if not sys.stdout.closed:  # the language server closes it on exit
            sys.stdout.flush()  # a full disk shows up here, while we can still say so
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `drafter check … | head`: the reader has what it wanted
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:
        # Reads and saves raise DrafterError; an OSError that gets here is the output failing
        # (`> /dev/full`, a closed descriptor, a disk filling up).
        _silence_stdout()
        _say(f"drafter: 无法写入标准输出（{_os_reason(exc)}），输出不完整；请检查输出重定向的目标（如磁盘是否已满）")
        return EXIT_USAGE


def _stdout_cannot_show_chinese() -> str | None:
    """The encoding of standard output if it cannot hold Chinese (PYTHONIOENCODING=latin-1),
    else None: every command prints Chinese, and the first line would end in a traceback."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        "中文“”".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return encoding
    return None


def _say(line: str) -> None:
    """Print one line to standard error, in UTF-8 where its own encoding cannot hold it."""
    try:
        line.encode(getattr(sys.stderr, "encoding", None) or "utf-8")
        print(line, file=sys.stderr)
    except UnicodeEncodeError:
        sys.stderr.flush()
        sys.stderr.buffer.write((line + "\n").encode("utf-8"))
        sys.stderr.flush()


def _silence_stdout() -> None:
    """Point standard output at /dev/null so that the interpreter's last flush at exit does not
    fail again with a traceback (the recipe of Python's signal documentation)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real descriptor (a test's capture): nothing will flush it at exit


def _os_reason(exc: OSError) -> str:
    import errno

    reasons = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘配额已满", errno.EIO: "输入输出错误",
               errno.EBADF: "标准输出已关闭", errno.EFBIG: "文件过大", errno.EROFS: "文件系统只读"}
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
