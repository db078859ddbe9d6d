"""``drafter check PATH...``: check reports against the outline and the checklists."""

from __future__ import annotations

import argparse
import sys

from ..api import check_many
from ..errors import DrafterError
from ..outlines.definition import load_outline
from .json_output import JsonStream
from . import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from .common import Tally, add_check_options, expand_paths, options_from_args, unknown_codes

NAME = "check"
HELP = "检查报告（文件、文件夹或 - 表示标准输入）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter check``."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件、文件夹（递归）或 -")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    parser.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error",
                        help="达到此严重程度即以状态 1 退出（默认 error）")
    parser.add_argument("--no-outline", action="store_true", help="文本输出中不打印提纲表")
    parser.add_argument("--fix", action="store_true",
                        help="应用安全修复并保存（原子写入，保持文件编码和换行符），再报告剩余问题")
    parser.add_argument("--diff", action="store_true", help="显示安全修复的差异（不加 --fix 时不写入文件）")
    add_check_options(parser)


def run(args: argparse.Namespace) -> int:
    """Check every path; print text or JSON; exit 0, 1 (findings) or 2 (input errors)."""
    options = options_from_args(args)
    # A bad outline is one error for the whole run, not one per file: load it before the files.
    load_outline(options.outline)
    if args.fix and "-" in args.paths:
        print("drafter: 标准输入无法就地修复；请对文件使用 --fix，或用 --diff 查看修复", file=sys.stderr)
        return EXIT_USAGE
    errors: list[DrafterError] = []
    paths: list[str] = []
    for given in args.paths:  # one empty folder must not stop the others from being checked
        found: list[DrafterError] = []
        try:
            paths.extend(expand_paths([given], found))
        except DrafterError as exc:
            found.append(exc)
        for exc in found:  # unreadable folders are named, never skipped in silence
            errors.append(exc)
            if args.format == "text":
                print(f"drafter: {exc}", file=sys.stderr)
    for code in unknown_codes(options, paths):
        print(f"drafter: “{code}”不是已知的检查代码或前缀，不起作用（drafter rules 查看全部）", file=sys.stderr)
    # Each result is written as soon as it is checked and then dropped: only the tally is kept,
    # so memory does not grow with the number of files.
    tally = Tally()
    if args.format == "text":
        from .output import TextOutput

        out = TextOutput(show_outline=not args.no_outline)
    else:
        out = JsonStream(sys.stdout)
    for path, result in check_many(paths, options):
        if isinstance(result, DrafterError):
            errors.append(result)
            if args.format == "text":
                print(f"drafter: {result}", file=sys.stderr)
            continue
        if args.fix or args.diff:
            try:
                result = _fix(path, result, options, args)
            except DrafterError as exc:
                errors.append(exc)
                print(f"drafter: {exc}", file=sys.stderr)
        tally.add(result)
        out.file(result)
    if args.format == "json":
        out.close(errors, tally)
    else:
        out.summary(tally, errors)
    if errors:
        return EXIT_USAGE
    return EXIT_FAIL if tally.fails(args.fail_on) else EXIT_OK


def _fix(path: str, result, options, args):
    """Apply (``--fix``) or show (``--diff``) the safe fixes of one file; return the final check."""
    from ..files.save import save_text
    from ..fixing import fix_document, unified_diff

    outcome = fix_document(result.source, options, result)
    if not outcome.changed:
        return result
    if args.diff:
        stream = sys.stdout if args.format == "text" else sys.stderr
        stream.write(unified_diff(path, result.source.text, outcome.text))
    if not args.fix:
        return result
    if result.source.meta.get("read_only"):
        # A .docx is checked, never rewritten as text; not an error, so a folder's --fix goes on.
        print(f"drafter: {path}：.docx 文件只读，未修复 {len(outcome.applied)} 处（--diff 查看修复，"
              f"改在 .txt/.md 草稿中修改）", file=sys.stderr)
        return result
    save_text(result.source, outcome.text)
    print(f"drafter: {path}：已应用 {len(outcome.applied)} 处修复", file=sys.stderr)
    return outcome.result
