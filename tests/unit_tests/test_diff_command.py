"""`drafter diff OLD NEW` (issue 12): findings fixed, new and unchanged; outline coverage."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from drafter.api import check_path
from drafter.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"
CORRECTED = ROOT / "tests" / "data" / "corrected-seed" / "propaganda-dept-2020-h1-report.txt"


def test_diff_of_the_sample_and_its_corrected_copy_lists_the_fixed_findings(capsys):
    assert main(["diff", str(SEED), str(CORRECTED)]) == 0
    out = capsys.readouterr().out
    old = check_path(SEED).diagnostics
    new = check_path(CORRECTED).diagnostics
    for d in old:
        if d.code == "typo.word":
            assert f"{SEED}:{d.span.line}:{d.span.column}: warning typo.word" in out
    assert "新出现 0 个" in out
    main(["diff", str(SEED), str(CORRECTED), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["fixed"] + data["summary"]["unchanged"] == len(old)
    assert data["summary"]["new"] + data["summary"]["unchanged"] == len(new)
    fixed = {(d["code"], d["text"]) for d in data["fixed"]}
    assert {("typo.word", "宣作"), ("typo.word", "舒华"), ("typo.word", "战役做后一公里")} <= fixed
    assert data["outline"]["before"] == data["outline"]["after"] == {"found": 10, "total": 10}


def test_diff_shows_new_findings_and_coverage_before_and_after(tmp_path, capsys):
    shutil.copy(ROOT / "samples" / "drafter.yaml", tmp_path / "drafter.yaml")
    old, new = tmp_path / "v1.txt", tmp_path / "v2.txt"
    lines = SEED.read_text(encoding="utf-8").split("\n")
    old.write_text("\n".join(lines), encoding="utf-8")
    lines[15] = ""                                             # 四是…核心价值观 (plan › 精神文明) dropped
    lines[5] = lines[5].replace("学习研讨X次", "学习研讨6次")   # one placeholder filled
    lines[16] = lines[16].replace("加强文艺精品创作", "加强文艺精品创作，做好公益广告宣作", 1)  # a new typo
    new.write_text("\n".join(lines), encoding="utf-8")
    main(["diff", str(old), str(new), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert [(d["code"], d["line"]) for d in data["fixed"]] == [("placeholder.figure", 6)]
    new_findings = {(d["code"], d["text"]) for d in data["new_findings"]}
    assert ("typo.word", "宣作") in new_findings and ("outline.missing-section", "二、下半年工作安排") in new_findings
    assert data["outline"]["before"]["found"] == 10 and data["outline"]["after"]["found"] == 9
    civility = next(a for a in data["outline"]["areas"] if a["part"] == "plan" and a["section"] == "civility")
    assert civility["before"] is True and civility["after"] is False
    assert data["summary"]["unchanged"] == len(check_path(old).diagnostics) - 1
    assert main(["diff", str(old), str(new)]) == 1  # a new error: the missing area
    out = capsys.readouterr().out
    assert "下半年工作安排 › 精神文明：有 → 缺" in out and "之后 9/10 个方面" in out
    assert main(["diff", str(old), str(new), "--fail-on", "never"]) == 0


def test_diff_of_an_unreadable_draft_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["diff", str(SEED), str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert "missing.txt" in err and "Traceback" not in err
