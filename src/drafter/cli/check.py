"""``drafter check PATH...``: check reports against the outline and the checklists."""

from __future__ import annotations

import argparse
import sys

from ..api import check_many
from ..errors import DrafterError
from ..outlines.definition import load_outline
from .json_output import JsonStream, tail_json
from . import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from ._process_end import hold
from .common import Tally, add_check_options, expand_paths, options_from_args, unknown_codes

FORMATS = ("text", "json", "sarif", "github")
#: Folder runs of at least this many files show a progress bar (on a terminal's stderr only).
PROGRESS_MIN_FILES = 20

NAME = "check"
HELP = "检查报告（文件、文件夹或 - 表示标准输入）"
#: Run from the executable, the process ends without freeing what the check built (_process_end).
ONE_SHOT = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter check``."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件、文件夹（递归）或 -")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="输出格式：text、json、sarif（SARIF 2.1.0，代码扫描）、github（GitHub Actions 注释）；默认 text")
    parser.add_argument("--pretty", action="store_true",
                        help="JSON 输出分行缩进（默认在终端上缩进，写入管道或文件时紧凑）")
    parser.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error",
                        help="达到此严重程度即以状态 1 退出（默认 error）")
    parser.add_argument("--no-outline", action="store_true", help="文本输出中不打印提纲表")
    parser.add_argument("--jobs", "-j", type=int, metavar="N",
                        help="同时检查的进程数（默认：空闲的 CPU 核数；1 表示不并行）")
    parser.add_argument("--fix", action="store_true",
                        help="应用安全修复并保存（原子写入，保持文件编码和换行符），再报告剩余问题")
    parser.add_argument("--diff", action="store_true",
                        help="显示安全修复改动的词语及上下文（不加 --fix 时不写入文件）")
    parser.add_argument("--diff-style", choices=("words", "unified"), default="words",
                        help="--diff 的形式：words 只列改动的词语（默认），unified 统一差异格式")
    parser.add_argument("--baseline", metavar="FILE",
                        help="只报告基线文件中没有的问题（退出状态也只看新问题），并统计已修复的")
    parser.add_argument("--write-baseline", metavar="FILE",
                        help="把本次查出的全部问题写入基线文件（按指纹，不按行号）")
    add_check_options(parser)


def run(args: argparse.Namespace) -> int:
    """Check every path; print text, JSON, SARIF or annotations; exit 0, 1 (findings) or 2 (input errors)."""
    options = options_from_args(args)
    # A bad outline is one error for the whole run, not one per file: load it before the files.
    load_outline(options.outline)
    if args.fix and "-" in args.paths:
        print("drafter: 标准输入无法就地修复；请对文件使用 --fix，或用 --diff 查看修复", file=sys.stderr)
        return EXIT_USAGE
    if args.baseline and args.write_baseline:
        print("drafter: --baseline 与 --write-baseline 不能同时使用", file=sys.stderr)
        return EXIT_USAGE
    baseline = None
    if args.baseline:
        from .baseline import Baseline

        baseline = Baseline.load(args.baseline)
    errors: list[DrafterError] = []
    paths: list[str] = []
    text_format = args.format == "text"
    for given in args.paths:  # one empty folder must not stop the others from being checked
        found: list[DrafterError] = []
        try:
            paths.extend(expand_paths([given], found))
        except DrafterError as exc:
            found.append(exc)
        for exc in found:  # unreadable folders are named, never skipped in silence
            errors.append(exc)
            if text_format:
                print(f"drafter: {exc}", file=sys.stderr)
    for code in unknown_codes(options, paths):
        print(f"drafter: “{code}”不是已知的检查代码或前缀，不起作用（drafter rules 查看全部）", file=sys.stderr)
    # Each result is written as soon as it is checked and then dropped: only the tally is kept,
    # so memory does not grow with the number of files (SARIF, one document with a rule table,
    # and --write-baseline still hold every result until the end).
    tally = Tally()
    if text_format:
        from .plain_output import text_output  # rich only when writing to a terminal

        out = text_output(show_outline=not args.no_outline)
    elif args.format == "json":
        out = JsonStream(sys.stdout, pretty=args.pretty or sys.stdout.isatty())
    problems = ConfigProblems()
    found: list = []   # every finding before the baseline, for --write-baseline
    results: list = []  # for SARIF only
    progress = _progress(len(paths))
    for path, result in check_many(paths, options, jobs=_jobs(args.jobs)):
        hold(result)  # the process's end frees it (nothing, after a quick end), not this loop
        progress.advance(path)
        if isinstance(result, DrafterError):
            errors.append(result)
            if text_format:
                print(f"drafter: {result}", file=sys.stderr)
            continue
        problems.add(result.config_problems)
        if args.fix or args.diff:
            try:
                result = _fix(path, result, options, args)
            except DrafterError as exc:
                errors.append(exc)
                print(f"drafter: {exc}", file=sys.stderr)
        if args.write_baseline:
            found.append(result)
        if baseline is not None:
            baseline.apply(result)
        tally.add(result)
        if text_format:
            out.file(result)
        elif args.format == "json":
            extra = None
            if baseline is not None:
                known, fixed = baseline.stats.get(result.source.path, (0, 0))
                extra = {"baseline": {"known": known, "fixed": fixed}}
            out.file(result, extra)
        elif args.format == "sarif":
            results.append(result)
        elif args.format == "github":
            from .github_output import annotations

            sys.stdout.write("".join(line + "\n" for line in annotations(result)))
    progress.close()
    if args.write_baseline:
        from .baseline import write_baseline

        count = write_baseline(args.write_baseline, found)
        print(f"drafter: 已写入基线 {args.write_baseline}：{len(found)} 个文件，{count} 个问题", file=sys.stderr)
    if args.format == "json":
        tail = tail_json(errors, tally)
        problems.annotate(tail)
        if baseline is not None:
            baseline.annotate(tail)
        out.close(tail)
    elif args.format == "sarif":
        import json

        from .sarif_output import sarif_log

        log = sarif_log(results, errors, problems.items, baseline_used=baseline is not None)
        sys.stdout.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "github":
        from .github_output import error_annotation

        sys.stdout.write("".join(error_annotation(e) + "\n" for e in errors))
        sys.stdout.write("".join(error_annotation(p, "warning") + "\n" for p in problems.items))
    else:
        out.summary(tally, errors, config_problems=len(problems.items),
                    baseline=baseline.describe() if baseline is not None else None)
    if errors:
        return EXIT_USAGE
    return EXIT_FAIL if tally.fails(args.fail_on) else EXIT_OK


def _jobs(given: int | None) -> int:
    """Processes for several files or a long file's checks: as given, else the CPUs this process
    may run on that are idle. On a busy machine workers only add the cost of sending results back
    (≈ 1 ms a file) to the same CPU time; the output is the same either way."""
    import os

    if given is not None:
        return max(1, given)
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, cpus - _busy_cpus())


def _busy_cpus(loadavg: str = "/proc/loadavg") -> int:
    """CPUs other processes keep busy: the one-minute load average, or — when fewer — the
    processes runnable right now besides this one (Linux's /proc/loadavg). The average lags a
    minute behind: a build that has just finished, or a previous run of drafter, still counts."""
    import os

    try:
        busy = round(os.getloadavg()[0])
    except (AttributeError, OSError):
        return 0
    try:
        with open(loadavg, encoding="ascii") as f:
            running = int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return busy
    return max(0, min(busy, running - 1))


class ConfigProblems:
    """Problems of the configuration (checklist entries left out), each said once per run on
    stderr and kept apart from the reports' findings and unreadable files."""

    def __init__(self) -> None:
        self.items: list[DrafterError] = []
        self._seen: set[str] = set()

    def add(self, problems) -> None:
        """Record (and print, the first time) each problem."""
        for problem in problems:
            key = str(problem)
            if key not in self._seen:
                self._seen.add(key)
                self.items.append(problem)
                print(f"drafter: 检查清单问题：{problem}", file=sys.stderr)

    def annotate(self, document: dict) -> None:
        """Add ``config_problems`` to the JSON contract (an additive field) and its count to the summary."""
        document["config_problems"] = [{"path": p.path, "line": p.line, "message": p.message} for p in self.items]
        document["summary"]["config_problems"] = len(self.items)


class _NoProgress:
    def advance(self, path: str) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int):
    """A progress bar on stderr for long runs when stderr is a terminal; otherwise nothing."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return _NoProgress()
    from .output import ProgressBar

    return ProgressBar(total)


def _fix(path: str, result, options, args):
    """Apply (``--fix``) or show (``--diff``) the safe fixes of one file; return the final check."""
    from ..files.save import save_text
    from ..fixing import fix_document, unified_diff

    outcome = fix_document(result.source, options, result)
    if not outcome.changed:
        return result
    if args.diff:
        stream = sys.stdout if args.format == "text" else sys.stderr
        if args.diff_style == "unified":
            stream.write(unified_diff(path, result.source.text, outcome.text))
        else:
            from .word_diff import changed_words

            stream.write(changed_words(path, result.source.text, outcome.text))
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
