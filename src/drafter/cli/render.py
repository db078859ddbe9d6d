"""``drafter render FILE [-o OUT]``: the final text of a draft, previewed or exported.

Without ``-o`` the final text is printed (a preview). With ``-o OUT`` it is written atomically as
.docx (GB/T 9704-2012), .md or .txt, chosen by OUT's suffix. Every problem the final text still
carries is listed by kind with its lines. Rendering stops, exit 1, while the final text would
carry a problem at or above the gate (``--gate`` / ``render-gate`` in drafter.yaml, warning by
default) or an unfilled placeholder figure: at a terminal it asks, elsewhere ``--force`` renders
anyway. Unfilled placeholders always stay visible in the output and are listed.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..api import check_path
from ..config import RENDER_GATES, options_for
from ..diagnostics import Diagnostic
from ..errors import DrafterError
from . import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from .common import add_check_options, options_from_args

NAME = "render"
HELP = "生成成文：按提纲顺序、重排序号、删除起草注释，导出 .docx（GB/T 9704）、.md 或 .txt"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter render``."""
    parser.add_argument("path", metavar="FILE", help="草稿文件（.txt、.md 或 .docx）")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="输出文件，按后缀选择格式：.docx、.md、.txt；省略则在终端显示成文")
    parser.add_argument("--keep-numbering", action="store_true", help="保留原有序号，不重新编号")
    parser.add_argument("--force", action="store_true",
                        help="即使成文仍带有达到门槛的问题或未填的数字占位符也生成（不再询问）")
    parser.add_argument("--gate", choices=RENDER_GATES, default=None,
                        help="成文带有哪一级及以上的问题时须确认：error、warning（默认）、info、off"
                             "（也可在 drafter.yaml 设 render-gate）")
    add_check_options(parser)


def run(args: argparse.Namespace) -> int:
    """Check, gate, render and write (or print) the final text."""
    from dataclasses import replace

    from ..render import FORMATS, build_final, carried_over, kinds, placeholders, render_blockers, to_txt, write_final
    from ..render.gate import DEFAULT_GATE

    out = args.output
    if out is not None:
        suffix = os.path.splitext(out)[1].lower()
        if suffix not in FORMATS:
            raise DrafterError(f"不支持的输出格式“{suffix or out}”；请用 {'、'.join(FORMATS)} 作后缀", out)
        if os.path.exists(out) and args.path != "-" and os.path.exists(args.path) \
                and os.path.samefile(out, args.path):
            raise DrafterError("输出文件与草稿是同一个文件；请另选输出路径，以免覆盖草稿", out)
    options = replace(options_from_args(args), render_gate=args.gate)
    result = check_path(args.path, options)
    path = result.source.path
    options = options_for(options, None if args.path == "-" else path)
    gate = options.render_gate or DEFAULT_GATE
    doc = build_final(result.report, result.match, keep_numbering=args.keep_numbering)
    final_text = to_txt(doc)
    carried = carried_over(result, final_text, options)
    blockers = render_blockers(carried, gate)
    forced = bool(args.force)
    if blockers and not forced:
        print(f"drafter: {path}: 成文将带入 {len(blockers)} 处须先处理的问题"
              f"（{_gate_words(gate)}，及未填的数字占位符）：", file=sys.stderr)
        _list_kinds(kinds(blockers), sys.stderr)
        _list(blockers, path, sys.stderr)
        if not _confirm():
            print(f"drafter: {path}: 未生成成文。处理后再生成；确需生成请加 --force，"
                  f"门槛可用 --gate 或 drafter.yaml 的 render-gate 调整（error、warning、info、off）",
                  file=sys.stderr)
            return EXIT_FAIL
        forced = True
    if out is None:
        sys.stdout.write(final_text)
    else:
        write_final(doc, out)
    report = sys.stderr if out is None else sys.stdout
    if out is not None:
        done = [f"已生成 {out}：{len(doc.blocks)} 段"]
        if doc.notes_removed:
            done.append(f"删除起草注释 {doc.notes_removed} 处")
        if doc.moves:
            done.append(f"按提纲顺序调整 {len(doc.moves)} 处")
        print("，".join(done), file=report)
    for move in doc.moves:
        print(f"  调整顺序：第{move.line}行“{move.heading}”→ 第 {move.position} 位", file=report)
    if carried:
        found = kinds(carried)
        print(f"成文中带入以下问题（{len(found)} 类，行号为草稿的行）：", file=report)
        _list_kinds(found, report)
    else:
        print("成文中没有带入检查发现的问题", file=report)
    left = placeholders(result.diagnostics)
    if left:
        # One placeholder.name diagnostic stands for all the XX names (data["count"] of them).
        places = sum(int(d.data.get("count", 1)) for d in left)
        print(f"成文中仍有 {places} 处未填占位符（原样保留）：", file=report)
        _list(left, path, report)
    unsettled = [d for d in blockers if d not in left]
    if blockers and forced and unsettled:
        print(f"已按 --force 生成；仍有 {len(unsettled)} 处问题未处理：", file=report)
        _list(unsettled, path, report)
    return EXIT_OK


def _gate_words(gate: str) -> str:
    """“警告及以上” for the gate's severity."""
    if gate == "off":
        return "门槛已关闭"
    from ..diagnostics import Severity

    return f"“{Severity(gate).label}”及以上"


def _confirm() -> bool:
    """At a terminal, ask whether to render anyway; elsewhere (scripts, CI) never."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return False
    try:
        answer = input("仍要生成成文吗？[y/N] ")
    except (EOFError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("y", "yes", "是")


def _list_kinds(found, stream) -> None:
    for kind in found:
        print(f"  {kind.describe()}", file=stream)


def _list(diagnostics: list[Diagnostic], path: str, stream) -> None:
    for d in diagnostics:
        print(f"  {path}:{d.span.line}:{d.span.column}: {d.severity.value} {d.code} {d.message}", file=stream)
