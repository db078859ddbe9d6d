"""``drafter render FILE [-o OUT]``: the final text of a draft, previewed or exported.

Without ``-o`` the final text is printed (a preview). With ``-o OUT`` it is written atomically as
.docx (GB/T 9704-2012), .md or .txt, chosen by OUT's suffix. Rendering stops, exit 1, while the
engine reports errors or unfilled placeholder figures, listing them; ``--force`` renders anyway
and lists what is left. Unfilled placeholders always stay visible in the output and are listed.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..api import check_path
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
    parser.add_argument("--force", action="store_true", help="即使仍有错误或未填的数字占位符也生成")
    add_check_options(parser)


def run(args: argparse.Namespace) -> int:
    """Check, gate, render and write (or print) the final text."""
    from ..render import FORMATS, build_final, placeholders, render_blockers, to_txt, write_final

    out = args.output
    if out is not None:
        suffix = os.path.splitext(out)[1].lower()
        if suffix not in FORMATS:
            raise DrafterError(f"不支持的输出格式“{suffix or out}”；请用 {'、'.join(FORMATS)} 作后缀", out)
        if os.path.exists(out) and args.path != "-" and os.path.exists(args.path) \
                and os.path.samefile(out, args.path):
            raise DrafterError("输出文件与草稿是同一个文件；请另选输出路径，以免覆盖草稿", out)
    result = check_path(args.path, options_from_args(args))
    path = result.source.path
    blockers = render_blockers(result.diagnostics)
    if blockers and not args.force:
        print(f"drafter: {path}: 未生成成文：还有 {len(blockers)} 处须先处理（确需生成请加 --force）：",
              file=sys.stderr)
        _list(blockers, path, sys.stderr)
        return EXIT_FAIL
    doc = build_final(result.report, result.match, keep_numbering=args.keep_numbering)
    if out is None:
        sys.stdout.write(to_txt(doc))
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
    left = placeholders(result.diagnostics)
    if left:
        # One placeholder.name diagnostic stands for all the XX names (data["count"] of them).
        places = sum(int(d.data.get("count", 1)) for d in left)
        print(f"成文中仍有 {places} 处未填占位符（原样保留）：", file=report)
        _list(left, path, report)
    forced = [d for d in blockers if d not in left]
    if blockers and args.force and forced:
        print(f"已按 --force 生成；仍有 {len(forced)} 处问题未处理：", file=report)
        _list(forced, path, report)
    return EXIT_OK


def _list(diagnostics: list[Diagnostic], path: str, stream) -> None:
    for d in diagnostics:
        print(f"  {path}:{d.span.line}:{d.span.column}: {d.severity.value} {d.code} {d.message}", file=stream)
