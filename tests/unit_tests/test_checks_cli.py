"""`drafter checklists test|list`, `drafter rules`, `drafter check --fix/--diff`."""

from __future__ import annotations

import shutil
from pathlib import Path

from drafter.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"

BROKEN_EXAMPLE = """version: 1
name: broken
source: test
entries:
  - id: xuan-zuo
    type: substitution
    code: typo.word
    severity: warning
    wrong: 宣作
    right: 宣传
    examples:
      - bad: 推进公益广告宣传
"""


def test_shipped_checklists_pass(capsys):
    assert main(["checklists", "test"]) == 0
    out = capsys.readouterr().out
    assert "0 个失败" in out and "typos-context" in out


def test_broken_example_unknown_key_and_bad_regex_fail_naming_file_and_line(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text(BROKEN_EXAMPLE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BROKEN_EXAMPLE.replace("name: broken", "name: b").replace(
        "    right: 宣传\n", "    right: 宣传\n    colour: red\n"), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(BROKEN_EXAMPLE.replace("name: broken", "name: c").replace(
        "    wrong: 宣作", "    pattern: \"宣[作\""), encoding="utf-8")
    assert main(["checklists", "test", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'a.yaml'}:12:" in out
    assert f"{tmp_path / 'b.yaml'}:11:" in out and "colour" in out
    assert f"{tmp_path / 'c.yaml'}:9:" in out and "正则" in out
    assert "Traceback" not in out


def test_a_checklist_entry_failing_its_example_is_disabled_with_one_line(tmp_path, capsys):
    """Issue 12: one author's broken example no longer stops every check (it exited 2 and the
    summary blamed the report); the entry is left out, said once, and every report is checked."""
    (tmp_path / "a.yaml").write_text(BROKEN_EXAMPLE, encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", str(SEED), str(second), "--checklist", str(tmp_path / "a.yaml"), "--no-outline",
                 "--date", "2020-07-10"]) == 0
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if "a.yaml" in line]
    assert len(lines) == 1, captured.err
    assert f"{tmp_path / 'a.yaml'}:12:" in lines[0] and "xuan-zuo" in lines[0] and "已停用" in lines[0]
    assert "Traceback" not in captured.err
    # both reports are still checked with every other entry, and the summary keeps them apart
    assert f"{SEED}:8:78: warning typo.word" in captured.out and f"{second}:8:78: warning typo.word" in captured.out
    assert "无法读取" not in captured.out
    assert "共 2 个文件" in captured.out and "配置：检查清单有 1 处问题" in captured.out


def test_rules_lists_builtin_and_declared_codes(tmp_path, capsys):
    (tmp_path / "ours.yaml").write_text(
        "version: 1\nname: ours\nsource: s\nentries:\n  - id: x\n    type: existence\n"
        "    code: custom.banned\n    severity: error\n    wrong: 某词\n", encoding="utf-8")
    assert main(["rules", "--checklist", str(tmp_path / "ours.yaml")]) == 0
    out = capsys.readouterr().out
    for code in ("placeholder.figure", "period.mismatch", "punct.half-width", "typo.word", "custom.banned"):
        assert code in out
    assert main(["rules", "placeholder.figure"]) == 0
    out = capsys.readouterr().out
    assert "错误示例" in out and "X次" in out
    assert main(["rules", "no.such"]) == 1


def test_fix_writes_in_the_files_encoding_and_line_ends(tmp_path, capsys):
    text = ("市委宣传部2020年上半年工作总结\r\n\r\n一、上半年工作总结\r\n"
            "推进公益广告宣作,组织开展“百姓百团 百人百讲”和“百姓百团、百人百讲”。。\r\n")
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("gb18030"))
    assert main(["check", str(path), "--diff", "--no-outline", "--fail-on", "never"]) == 0
    out = capsys.readouterr().out
    # the changed words with a little context, at the line and column of the old text
    assert f"{path}:4:8: 推进公益广告宣[-作,-]{{+传，+}}组织开展“百姓百团[- -]{{+、+}}百" in out
    assert "+推进公益广告宣传，" not in out
    assert main(["check", str(path), "--diff", "--diff-style", "unified", "--no-outline", "--fail-on", "never"]) == 0
    out = capsys.readouterr().out
    assert "+推进公益广告宣传，" in out  # the unified diff remains available
    assert path.read_bytes() == text.encode("gb18030")  # --diff alone never writes
    main(["check", str(path), "--fix", "--no-outline"])
    data = path.read_bytes()
    fixed = data.decode("gb18030")
    assert "\r\n" in fixed and "\n" not in fixed.replace("\r\n", "")
    assert "推进公益广告宣传，组织开展“百姓百团、百人百讲”和“百姓百团、百人百讲”。\r\n" in fixed
    out = capsys.readouterr().out
    assert "typo.word" not in out and "punct." not in out


def test_fix_on_the_seed_leaves_only_unfixable_or_unsafe(tmp_path, capsys):
    folder = tmp_path / "proj"
    folder.mkdir()
    shutil.copy(SEED, folder / "report.txt")
    (folder / "drafter.yaml").write_text("date: 2020-07-10\n", encoding="utf-8")
    main(["check", str(folder / "report.txt"), "--fix", "--format", "json"])
    import json

    data = json.loads(capsys.readouterr().out)
    codes = sorted({d["code"] for f in data["files"] for d in f["diagnostics"]})
    assert codes == ["period.mismatch", "placeholder.figure", "placeholder.name", "typo.word"]


def test_a_select_or_ignore_code_that_names_no_check_is_warned_about(capsys):
    # A typo in --select silently reported nothing (exit 0 in CI); now it says so.
    seed = str(Path(__file__).resolve().parents[2] / "samples" / "propaganda-dept-2020-h1-report.txt")
    main(["check", "--select", "typos,placeholder.figure", "--ignore", "term.nosuch", seed])
    err = capsys.readouterr().err
    assert "“typos”" in err and "“term.nosuch”" in err and "drafter rules" in err
    assert "placeholder.figure" not in err
    main(["check", "--select", "typo,outline.missing-section", "--ignore", "term.outdated", seed])
    assert "drafter rules" not in capsys.readouterr().err


def test_a_project_checklist_with_a_failing_example_leaves_every_report_checked(tmp_path, capsys):
    """Done when (issue 12): the checklist named by drafter.yaml has one failing example; a folder
    of reports is still checked in full, one line names the entry, and JSON keeps it apart."""
    (tmp_path / "lists").mkdir()
    good_entry = BROKEN_EXAMPLE.replace("name: broken", "name: ours").replace(
        "      - bad: 推进公益广告宣传\n", "      - bad: 推进公益广告宣传\n") + (
        "  - id: shu-hua\n    type: substitution\n    code: typo.word\n    severity: warning\n"
        "    wrong: 书划\n    right: 书画\n    examples:\n      - bad: 文学、书划\n        good: 文学、书画\n")
    (tmp_path / "lists" / "ours.yaml").write_text(good_entry, encoding="utf-8")
    (tmp_path / "drafter.yaml").write_text("date: 2020-07-10\nchecklists: [lists/]\n", encoding="utf-8")
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(SEED, tmp_path / name)
    (tmp_path / "c.txt").write_text(SEED.read_text(encoding="utf-8").replace("舒华", "书划"), encoding="utf-8")
    import json

    assert main(["check", str(tmp_path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert len(data["files"]) == 3 and data["errors"] == [] and data["summary"]["unreadable"] == 0
    assert [(p["path"], p["line"]) for p in data["config_problems"]] == [(str(tmp_path / "lists" / "ours.yaml"), 12)]
    assert data["summary"]["config_problems"] == 1
    # the project's other entry works, and the bundled ones too
    c = next(f for f in data["files"] if f["path"].endswith("c.txt"))
    assert ("typo.word", "书划") in {(d["code"], d["text"]) for d in c["diagnostics"]}
    assert all(("typo.word", "宣作") in {(d["code"], d["text"]) for d in f["diagnostics"]} for f in data["files"])
    assert len([line for line in captured.err.splitlines() if "ours.yaml" in line]) == 1
