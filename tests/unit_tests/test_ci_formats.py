"""`drafter check --format sarif` (validated against the official SARIF 2.1.0 schema) and
`--format github` (workflow annotations), and the pre-commit hook definition (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from drafter.api import check_path
from drafter.cli import main
from drafter.cli.github_output import escape_data, escape_property

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _validator():
    return jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def _sarif(capsys, *args: str) -> dict:
    main(["check", "--format", "sarif", *args])
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def crlf_gb18030(tmp_path) -> Path:
    """A GB18030 draft with CRLF line ends and an astral character before a finding."""
    text = ("市委宣传部2020年上半年工作总结\r\n\r\n一、上半年工作总结\r\n"
            "𠮷推进公益广告宣作，组织开展“百姓百团 百人百讲”和“百姓百团、百人百讲”。\r\n")
    path = tmp_path / "报告 一.txt"
    path.write_bytes(text.encode("gb18030"))
    return path


def test_sarif_of_the_sample_and_a_crlf_gb18030_draft_validates_against_the_schema(capsys, crlf_gb18030, tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02")
    log = _sarif(capsys, str(SEED), str(crlf_gb18030), str(bad))
    errors = sorted(_validator().iter_errors(log), key=str)
    assert errors == [], errors[0].message if errors else ""
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(check_path(SEED).diagnostics) + len(check_path(crlf_gb18030).diagnostics)
    # every result's rule is described, with its help text
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"] and rule["help"]["text"]
    # the unreadable file is a tool notification, not a finding and not a silent success
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "binary.txt" in json.dumps(run["invocations"][0]["toolExecutionNotifications"], ensure_ascii=False)


def test_the_schema_check_can_fail():
    """The validation is real: a log with a wrong level or a region starting at column 0 fails."""
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "drafter"}}, "results": [
        {"message": {"text": "x"}, "level": "info",
         "locations": [{"physicalLocation": {"region": {"startLine": 1, "startColumn": 0}}}]}]}]}
    messages = [e.message for e in _validator().iter_errors(log)]
    assert any("'info'" in m for m in messages) and any("0 is less than the minimum" in m for m in messages)


def test_sarif_regions_are_in_the_files_own_lines_and_code_point_columns(capsys, crlf_gb18030):
    log = _sarif(capsys, str(crlf_gb18030))
    lines = crlf_gb18030.read_bytes().decode("gb18030").split("\r\n")
    results = log["runs"][0]["results"]
    assert results
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        if region["startLine"] == region["endLine"]:
            line = lines[region["startLine"] - 1]
            assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]
    typo = next(r for r in results if r["ruleId"] == "typo.word")
    # “𠮷” is one column (two UTF-16 units): 宣作 starts at code point 8 of line 4
    assert typo["locations"][0]["physicalLocation"]["region"]["startColumn"] == 8
    assert typo["partialFingerprints"]["drafterFindingHash/v1"] == check_path(crlf_gb18030).diagnostics[
        [d.code for d in check_path(crlf_gb18030).diagnostics].index("typo.word")].fingerprint


def test_sarif_fixes_replace_exactly_what_check_fix_would(capsys, crlf_gb18030):
    log = _sarif(capsys, str(crlf_gb18030))
    lines = crlf_gb18030.read_bytes().decode("gb18030").split("\r\n")
    fixed = [r for r in log["runs"][0]["results"] if r.get("fixes")]
    assert fixed
    for result in fixed:
        change = result["fixes"][0]["artifactChanges"][0]
        assert change["artifactLocation"]["uri"].endswith("%E6%8A%A5%E5%91%8A%20%E4%B8%80.txt")
        for replacement in change["replacements"]:
            region = replacement["deletedRegion"]
            line = lines[region["startLine"] - 1]
            after = line[:region["startColumn"] - 1] + replacement["insertedContent"]["text"] + line[region["endColumn"] - 1:]
            if result["ruleId"] == "typo.word":
                assert "推进公益广告宣传" in after


def test_github_annotations_of_the_sample(capsys):
    assert main(["check", "--format", "github", str(SEED)]) == 0
    out = capsys.readouterr().out.splitlines()
    diagnostics = check_path(SEED).diagnostics
    assert len(out) == len(diagnostics)
    first_typo = next(i for i, d in enumerate(diagnostics) if d.code == "typo.word")
    assert out[first_typo] == (f"::warning file={SEED},line=8,col=78,endLine=8,endColumn=85,title=drafter typo.word::"
                               + diagnostics[first_typo].message + "（建议：战疫最后一公里）")
    assert out[0].startswith("::notice ") and "placeholder.name" in out[0]


def test_github_escaping_keeps_one_annotation_per_line():
    assert escape_data("50%\r\n完成") == "50%25%0D%0A完成"
    assert escape_property("a,b:c") == "a%2Cb%3Ac"


def test_pre_commit_hook_definition_runs_drafter_check():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "drafter")
    assert hook["entry"].split()[:2] == ["drafter", "check"] and hook["language"] == "python"
    assert set(hook["types_or"]) >= {"text", "markdown"} or hook.get("files")
