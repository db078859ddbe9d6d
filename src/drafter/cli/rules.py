"""``drafter rules [CODE]``: every diagnostic code with a one-line description, or one explained.

Codes come from the check modules' RULES and from the loaded checklists (bundled, the project
file's, ``--checklist``), so a code a user declares in YAML is listed too.
"""

from __future__ import annotations

import argparse

from ..checks import all_rules
from . import EXIT_FAIL, EXIT_OK

NAME = "rules"
HELP = "列出所有检查代码及说明；drafter rules 代码 查看详细说明和示例"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter rules``."""
    parser.add_argument("code", nargs="?", metavar="CODE", help="代码或代码前缀（如 typo、punct.half-width）")
    parser.add_argument("--checklist", metavar="PATH", action="append", default=[], help="额外的检查清单文件或文件夹")


def _declared(extra: list[str]):
    """Codes declared by the loaded checklists → their entries."""
    import os

    from ..checklists.cache import load_checklists
    from ..config import find_config, load_config

    paths = list(extra)
    found = find_config(os.getcwd())
    if found is not None:
        paths = list(load_config(found).checklists) + paths
    return load_checklists(paths).codes()


def run(args: argparse.Namespace) -> int:
    """Print the list, or the explanation of the codes matching ``CODE``."""
    rules = all_rules()
    declared = _declared(args.checklist)
    codes = sorted(set(rules) | set(declared))
    if args.code:
        wanted = [c for c in codes if c == args.code or c.startswith(args.code.rstrip(".*") + ".")]
        if not wanted:
            print(f"drafter: 没有代码“{args.code}”（drafter rules 查看全部）")
            return EXIT_FAIL
        for code in wanted:
            _explain(code, rules.get(code), declared.get(code, []))
        return EXIT_OK
    width = max(len(c) for c in codes)
    for code in codes:
        rule = rules.get(code)
        entries = declared.get(code, [])
        if rule is not None:
            summary = rule.summary
            severity = rule.severity.value
        else:
            summary = f"检查清单 {entries[0].checklist} 声明的代码"
            severity = entries[0].severity
        count = f"（清单条目 {len(entries)} 条）" if entries else ""
        print(f"{code.ljust(width)}  {severity:<7}  {summary}{count}")
    return EXIT_OK


def _explain(code: str, rule, entries) -> None:
    print(code)
    if rule is not None:
        print(f"  严重程度：{rule.severity.value}（{rule.severity.label}）{'，可自动修复' if rule.fixable else ''}")
        print(f"  {rule.summary}")
        if rule.explanation:
            print(f"  {rule.explanation}")
        if rule.bad:
            print(f"  错误示例：{rule.bad}")
        if rule.good:
            print(f"  正确示例：{rule.good}")
    if entries:
        checklists = sorted({e.checklist for e in entries})
        print(f"  检查清单条目：{len(entries)} 条（{'、'.join(checklists)}）")
        if rule is None:
            print(f"  严重程度：{entries[0].severity}")
        shown = 0
        for entry in entries:
            for example in entry.examples:
                if example.bad and shown < 3:
                    shown += 1
                    good = f" → {example.good}" if example.good else ""
                    print(f"  示例（{entry.id}，{entry.where}）：{example.bad}{good}")
    print()
