"""Review-friendly output (issue 12): `--diff` shows the changed words, a progress bar for long
folder runs on a terminal only, usage errors in Chinese."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from drafter.cli import check as check_command
from drafter.cli import main
from drafter.cli.word_diff import changed_words

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"


def test_changed_words_show_each_change_with_a_little_context():
    before = "一、总结\n" + "推进公益广告宣作，组织开展文化科技卫生“三下乡”活动" * 3 + "\n末行\n"
    after = before.replace("宣作", "宣传", 1)
    out = changed_words("a.txt", before, after)
    assert out == "a.txt:2:8: 推进公益广告宣[-作-]{+传+}，组织开展文化科技卫…\n"  # 10 characters each side
    # a line added whole is shown whole, a line removed whole too
    assert changed_words("a.txt", "甲\n乙\n", "甲\n丙丁\n乙\n") == "a.txt:2:1: {+丙丁+}\n"
    assert changed_words("a.txt", "甲\n乙\n丙\n", "甲\n丙\n") == "a.txt:2:1: [-乙-]\n"


def test_diff_on_the_sample_names_the_changed_words_not_the_paragraphs(tmp_path, capsys):
    assert main(["check", str(SEED), "--diff", "--no-outline"]) == 0
    out = capsys.readouterr().out
    diff_lines = [line for line in out.splitlines() if "[-" in line or "{+" in line]
    assert f"{SEED}:9:195: …核心价值观公益广告宣[-作-]{{+传+}}，组织开展文化科技卫…" in diff_lines
    assert max(len(line) - len(str(SEED)) for line in diff_lines) < 80  # never a whole 400-character paragraph


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(count):
        shutil.copy(SEED, folder / f"r{i:02}.txt")
    shutil.copy(ROOT / "samples" / "drafter.yaml", folder / "drafter.yaml")
    return folder


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_for_long_runs(tmp_path, monkeypatch, capsys):
    folder = _folder(tmp_path, check_command.PROGRESS_MIN_FILES)
    main(["check", str(folder), "--format", "json"])
    assert "检查中" not in capsys.readouterr().err            # stderr not a terminal: silent
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("TERM", "xterm")
    main(["check", str(folder), "--format", "json"])
    assert "检查中" in terminal.getvalue()
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert isinstance(check_command._progress(check_command.PROGRESS_MIN_FILES - 1), check_command._NoProgress)


@pytest.mark.parametrize("argv, words", [
    (["check", str(SEED), "--format", "xml"], "无效的选项值 'xml'"),
    (["check"], "缺少必需的参数"),
    (["check", str(SEED), "--frobnicate"], "无法识别的参数"),
    (["check", str(SEED), "--date"], "需要一个值"),
    (["diff", str(SEED)], "缺少必需的参数"),
])
def test_usage_errors_are_in_chinese(argv, words, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "用法" in err
    for english in ("invalid choice", "error:", "usage:", "required", "unrecognized", "expected one"):
        assert english not in err


def test_help_headings_are_in_chinese_and_argparse_is_restored(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "选项" in out and "show this help" not in out
    import argparse

    assert argparse._("usage: ") == "usage: "  # other argparse users in the process are untouched
