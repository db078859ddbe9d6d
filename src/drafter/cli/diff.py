"""``drafter diff OLD NEW``: what changed between two drafts — findings fixed, new and unchanged,
and the outline's coverage before and after (text or JSON).

Findings are matched by fingerprint (:mod:`drafter.review.fingerprint`), then by code, text and outline
area, so a finding is “unchanged” however much text moved around it. Exit status: 0, or 1 when a
new finding is at or above ``--fail-on`` (default ``error``); 2 when a draft cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..api import CheckResult, check_path
from ..diagnostics import Diagnostic, Severity
from ..review.fingerprint import loose_key, pair_findings
from . import EXIT_FAIL, EXIT_OK
from .common import add_check_options, options_from_args

NAME = "diff"
HELP = "比较两稿：哪些问题已修复、哪些是新出现的、哪些未变，以及提纲覆盖的前后变化"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``drafter diff``."""
    parser.add_argument("old", metavar="OLD", help="旧稿")
    parser.add_argument("new", metavar="NEW", help="新稿")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    parser.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error",
                        help="新出现的问题达到此严重程度即以状态 1 退出（默认 error）")
    add_check_options(parser)


def coverage(result: CheckResult) -> dict[tuple[str, str | None], bool]:
    """(part id, area id) → found, for every part (area None) and area of the outline."""
    out: dict[tuple[str, str | None], bool] = {}
    for pm in result.match.parts:
        out[(pm.part.id, None)] = pm.found
        for sm in pm.sections:
            out[(pm.part.id, sm.section.id)] = sm.found
    return out


def compare(old: CheckResult, new: CheckResult) -> dict[str, Any]:
    """The comparison of two checked drafts (the JSON output, without the version)."""
    old_keys = [(d.fingerprint, loose_key(d)) for d in old.diagnostics]
    new_keys = [(d.fingerprint, loose_key(d)) for d in new.diagnostics]
    pairs, fixed, added = pair_findings(old_keys, new_keys)
    before, after = coverage(old), coverage(new)
    half = new.report.period.half
    areas = []
    for pm in new.match.parts:
        keys = [(pm.part.id, None, pm.part.title_for(half))] + [
            (pm.part.id, sm.section.id, f"{pm.part.title_for(half)} › {sm.section.title}") for sm in pm.sections]
        for part, section, title in keys:
            areas.append({"part": part, "section": section, "title": title,
                          "before": before.get((part, section), False), "after": after.get((part, section), False)})
    sections = [a for a in areas if a["section"] is not None]
    return {
        "old": old.source.path,
        "new": new.source.path,
        "fixed": [old.diagnostics[i].to_json() for i in fixed],
        "new_findings": [new.diagnostics[j].to_json() for j in added],
        "unchanged": [{"code": new.diagnostics[j].code, "fingerprint": new.diagnostics[j].fingerprint,
                       "old_line": old.diagnostics[i].span.line, "new_line": new.diagnostics[j].span.line,
                       "text": new.diagnostics[j].text} for i, j in pairs],
        "outline": {
            "name": new.outline.name,
            "before": {"found": sum(a["before"] for a in sections), "total": len(sections)},
            "after": {"found": sum(a["after"] for a in sections), "total": len(sections)},
            "areas": areas,
        },
        "summary": {"fixed": len(fixed), "new": len(added), "unchanged": len(pairs)},
    }


def _line(path: str, d: dict[str, Any]) -> str:
    suggestion = f"（建议：{d['suggestion'] or '删除'}）" if d.get("suggestion") is not None else ""
    return f"  {path}:{d['line']}:{d['column']}: {d['severity']} {d['code']} {d['message']}{suggestion}"


def _text(report: dict[str, Any]) -> str:
    out = [f"比较 {report['old']} → {report['new']}"]
    s = report["summary"]
    out.append(f"已修复 {s['fixed']} 个：" if s["fixed"] else "已修复 0 个")
    out.extend(_line(report["old"], d) for d in report["fixed"])
    out.append(f"新出现 {s['new']} 个：" if s["new"] else "新出现 0 个")
    out.extend(_line(report["new"], d) for d in report["new_findings"])
    out.append(f"未变 {s['unchanged']} 个")
    outline = report["outline"]
    out.append(f"提纲覆盖（{outline['name']}）：之前 {outline['before']['found']}/{outline['before']['total']} 个方面，"
               f"之后 {outline['after']['found']}/{outline['after']['total']} 个方面")
    mark = {True: "有", False: "缺"}
    for area in outline["areas"]:
        if area["before"] != area["after"]:
            out.append(f"  {area['title']}：{mark[area['before']]} → {mark[area['after']]}")
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    """Check both drafts with the same options and print what changed."""
    options = options_from_args(args)
    old = check_path(args.old, options)
    new = check_path(args.new, options)
    report = compare(old, new)
    if args.format == "json":
        sys.stdout.write(json.dumps({"version": 1, **report}, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_text(report))
    if args.fail_on == "never":
        return EXIT_OK
    threshold = Severity(args.fail_on).rank
    added = [d for d in report["new_findings"] if Severity(d["severity"]).rank >= threshold]
    return EXIT_FAIL if added else EXIT_OK
