"""Ignores that last (issue 12): the project file's `ignore` entries by fingerprint or by code and
text, inline markers the renderer strips, and writing/removing entries round-trip."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from drafter.api import check_path
from drafter.cli import main
from drafter.errors import ChecklistError
from drafter.review.ignore_file import add_ignore, remove_ignore
from drafter.render import render_text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copy(SEED, tmp_path / "report.txt")
    return tmp_path


def _config(project: Path, body: str) -> None:
    (project / "drafter.yaml").write_text("date: 2020-07-10\n" + body, encoding="utf-8")


def test_ignore_by_fingerprint_and_by_code_and_text(project):
    report = project / "report.txt"
    plain = check_path(report).diagnostics
    typo = next(d for d in plain if d.text == "宣作")
    _config(project, f'ignore:\n  - placeholder.name\n  - {{fingerprint: "{typo.fingerprint}"}}\n'
                     "  - {code: typo.word, text: 舒华}\n")
    result = check_path(report)
    left = {(d.code, d.text) for d in result.diagnostics}
    assert ("typo.word", "宣作") not in left and ("typo.word", "舒华") not in left
    assert not any(code == "placeholder.name" for code, _ in left)   # codes still work as before
    assert ("typo.word", "液气产业") in left                          # other typos stay
    assert sorted(i.diagnostic.text for i in result.ignored) == ["宣作", "舒华"]
    assert {i.reason.describe() for i in result.ignored} == {"drafter.yaml 第 4 行", "drafter.yaml 第 5 行"}


def test_an_ignore_scoped_to_one_file_leaves_the_others(project):
    shutil.copy(SEED, project / "other.txt")
    _config(project, "ignore:\n  - {code: typo.word, text: 宣作, file: report.txt}\n")
    assert not [d for d in check_path(project / "report.txt").diagnostics if d.text == "宣作"]
    assert [d for d in check_path(project / "other.txt").diagnostics if d.text == "宣作"]


def test_a_malformed_ignore_entry_names_file_and_line(project):
    _config(project, "ignore:\n  - {code: typo.word}\n")
    with pytest.raises(ChecklistError) as info:
        check_path(project / "report.txt")
    assert info.value.line == 3 and "fingerprint" in info.value.message


def test_inline_markers_ignore_their_line_and_the_renderer_strips_them(project):
    report = project / "report.txt"
    lines = report.read_text(encoding="utf-8").split("\n")
    lines[9] += "【注：忽略 typo.word】"          # line 10: 舒华, 液气产业 (typo.word)
    lines[5] += "【注：忽略】"                    # line 6: every finding on it
    report.write_text("\n".join(lines), encoding="utf-8")
    result = check_path(report)
    assert not [d for d in result.diagnostics if d.span.line in (6,) or (d.span.line == 10 and d.code == "typo.word")]
    assert [d for d in result.diagnostics if d.span.line == 8]     # other lines untouched
    assert {i.reason.describe() for i in result.ignored} == {"正文第 6 行的标记", "正文第 10 行的标记"}
    final = render_text(result.report, result.match)
    assert "舒华" in final  # the line is there
    assert "忽略" not in final and "【注" not in final


def test_add_ignore_keeps_comments_and_check_honours_it_then_remove_restores(project, capsys):
    report = project / "report.txt"
    (project / "drafter.yaml").write_text("# 本部门的设置\ndate: 2020-07-10  # 成稿日期\nignore: [placeholder.name]\n",
                                          encoding="utf-8")
    target = next(d for d in check_path(report).diagnostics if d.text == "舒华")
    written = add_ignore(str(report), target)
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# 本部门的设置\ndate: 2020-07-10  # 成稿日期\n")
    assert "placeholder.name" in text and f'"{target.fingerprint}"' in text
    assert main(["check", str(report), "--format", "json"]) == 0
    codes = [(d["code"], d["text"]) for d in json.loads(capsys.readouterr().out)["files"][0]["diagnostics"]]
    assert ("typo.word", "舒华") not in codes and ("typo.word", "宣作") in codes
    entry = check_path(report).ignored[0].reason.entry
    assert remove_ignore(entry) is True
    assert ("typo.word", "舒华") in {(d.code, d.text) for d in check_path(report).diagnostics}
    assert "placeholder.name" in written.read_text(encoding="utf-8")  # the rest of the list stays


def test_add_ignore_creates_a_project_file_when_there_is_none(project):
    report = project / "report.txt"
    target = check_path(report).diagnostics[0]
    written = add_ignore(str(report), target)
    assert written == project / "drafter.yaml"
    assert target.fingerprint not in {d.fingerprint for d in check_path(report).diagnostics}
