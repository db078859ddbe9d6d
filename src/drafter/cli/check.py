"""``drafter check PATH...``: check reports against the outline and the checklists."""

from __future__ import annotations

import argparse
import sys

from ..api import check_many
from ..errors import DrafterError
from ..outlines.definition import load_outline
from .json_output import document_json
from . import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from .common import add_check_options, expand_paths, options_from_args, unknown_codes

NAME = "check"
HELP = "检查报告（文件、文件夹或 - 表示标准输入）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter check``."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件、文件夹（递归）或 -")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    parser.add_argument("--pretty", action="store_true",
                        help="JSON 输出分行缩进（默认在终端上缩进，写入管道或文件时紧凑）")
    parser.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error",
                        help="达到此严重程度即以状态 1 退出（默认 error）")
    parser.add_argument("--no-outline", action="store_true", help="文本输出中不打印提纲表")
    parser.add_argument("--jobs", "-j", type=int, metavar="N",
                        help="同时检查的进程数（默认：空闲的 CPU 核数；1 表示不并行）")
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
    results, errors = [], []
    paths: list[str] = []
    for given in args.paths:  # one empty folder must not stop the others from being checked
        try:
            paths.extend(expand_paths([given]))
        except DrafterError as exc:
            errors.append(exc)
            if args.format == "text":
                print(f"drafter: {exc}", file=sys.stderr)
    for code in unknown_codes(options, paths):
        print(f"drafter: “{code}”不是已知的检查代码或前缀，不起作用（drafter rules 查看全部）", file=sys.stderr)
    if args.format == "text":
        from .plain_output import text_output  # rich only when writing to a terminal

        out = text_output(show_outline=not args.no_outline)
    for path, result in check_many(paths, options, jobs=_jobs(args.jobs)):
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
        results.append(result)
        if args.format == "text":
            out.file(result)
    if args.format == "json":
        sys.stdout.write(_json_text(document_json(results, errors), args.pretty or sys.stdout.isatty()))
    else:
        out.summary(results, errors)
    if errors:
        return EXIT_USAGE
    return EXIT_FAIL if any(r.fails(args.fail_on) for r in results) else EXIT_OK


def _jobs(given: int | None) -> int:
    """Worker processes for several files: as given, else the CPUs this process may run on that
    are idle (by the one-minute load average). On a busy machine workers only add the cost of
    sending results back (≈ 1 ms a file) to the same CPU time; the output is the same either way."""
    import os

    if given is not None:
        return max(1, given)
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    try:
        busy = round(os.getloadavg()[0])
    except (AttributeError, OSError):
        busy = 0
    return max(1, cpus - busy)


def _json_text(document: dict, pretty: bool) -> str:
    """The JSON document as one string (one write: json.dump makes a write call per token).

    Compact unless ``pretty``: with ``indent`` Python encodes in pure Python, about four times
    slower than its C encoder; the content is the same (docs/json-contract.md).
    """
    import json

    if pretty:
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


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
