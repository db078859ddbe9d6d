"""Stable fingerprints and `drafter check --write-baseline/--baseline` (issue 12)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from drafter.api import check_path, check_text
from drafter.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the sample in a folder of its own, with the sample's project file."""
    shutil.copy(SEED, tmp_path / "report.txt")
    shutil.copy(ROOT / "samples" / "drafter.yaml", tmp_path / "drafter.yaml")
    return tmp_path


def _count(report: Path) -> int:
    """How many findings the engine reports for ``report`` (so the tests follow the checks)."""
    return len(check_path(report).diagnostics)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines), encoding="utf-8")


def _json(capsys, *args: str) -> tuple[int, dict]:
    status = main(["check", "--format", "json", *args])
    return status, json.loads(capsys.readouterr().out)


# ---------------------------------------------------------------- fingerprints

def test_fingerprints_survive_lines_added_above_and_differ_by_context():
    text = SEED.read_text(encoding="utf-8")
    before = {(d.code, d.text, d.fingerprint) for d in check_path(SEED).diagnostics}
    lines = text.split("\n")
    moved = "\n".join(lines[:3] + ["这一段是新加的，说明情况。", ""] + lines[3:])
    after = check_text(moved, path=str(SEED)).diagnostics
    assert {(d.code, d.text, d.fingerprint) for d in after} == before
    # every placeholder “X” has its own fingerprint: the words around it tell them apart
    xs = [d.fingerprint for d in after if d.text == "X"]
    assert len(xs) > 5 and len(set(xs)) == len(xs)


def test_a_count_in_the_message_does_not_change_the_fingerprint():
    text = SEED.read_text(encoding="utf-8")
    name = next(d for d in check_path(SEED).diagnostics if d.code == "placeholder.name")
    # one more XX far away changes the count in the message (34 → 35), not the finding
    lines = text.split("\n")
    lines[16] += "XX单位参与。"
    again = next(d for d in check_text("\n".join(lines), path=str(SEED)).diagnostics if d.code == "placeholder.name")
    assert again.message != name.message and again.fingerprint == name.fingerprint


def test_fingerprints_are_in_the_json_output(capsys):
    _, data = _json(capsys, str(SEED))
    prints = [d["fingerprint"] for d in data["files"][0]["diagnostics"]]
    assert prints and all(len(p) >= 16 for p in prints) and len(set(prints)) == len(prints)


# ---------------------------------------------------------------- baseline (Done when)

def test_baseline_of_the_sample_then_nothing_new(project, capsys):
    report, baseline = project / "report.txt", project / "baseline.json"
    # the sample has warnings: with --fail-on warning it fails without a baseline
    assert main(["check", str(report), "--fail-on", "warning", "--no-outline"]) == 1
    capsys.readouterr()
    assert main(["check", str(report), "--write-baseline", str(baseline), "--no-outline"]) == 0
    assert "已写入基线" in capsys.readouterr().err
    stored = json.loads(baseline.read_text(encoding="utf-8"))
    assert list(stored["files"]) == ["report.txt"] and len(stored["files"]["report.txt"]) == _count(report)
    status, data = _json(capsys, str(report), "--baseline", str(baseline), "--fail-on", "warning")
    assert status == 0
    assert data["files"][0]["diagnostics"] == []
    assert data["files"][0]["baseline"] == {"known": _count(report), "fixed": 0}
    assert data["summary"]["baseline"]["known"] == _count(report)


def test_a_new_typo_is_exactly_the_one_new_finding(project, capsys):
    report, baseline = project / "report.txt", project / "baseline.json"
    main(["check", str(report), "--write-baseline", str(baseline), "--no-outline"])
    capsys.readouterr()
    lines = _lines(report)
    lines[16] = lines[16].replace("加强文艺精品创作", "加强文艺精品创作，做好公益广告宣作", 1)
    _write(report, lines)
    status, data = _json(capsys, str(report), "--baseline", str(baseline), "--fail-on", "warning")
    new = data["files"][0]["diagnostics"]
    assert [(d["code"], d["line"], d["text"]) for d in new] == [("typo.word", 17, "宣作")]
    assert status == 1
    # text output: only that line, and the known ones counted in the summary
    assert main(["check", str(report), "--baseline", str(baseline), "--no-outline"]) == 0
    out = capsys.readouterr().out
    assert out.count(" warning ") == 1 and ":17:" in out and f"{_count(report) - 1} 个已知问题未报告" in out


def test_an_edit_above_an_old_finding_keeps_it_matched(project, capsys):
    report, baseline = project / "report.txt", project / "baseline.json"
    main(["check", str(report), "--write-baseline", str(baseline), "--no-outline"])
    capsys.readouterr()
    lines = _lines(report)
    lines.insert(2, "（本稿经办公室审核。）")     # a line added above every finding
    lines[3] = lines[3] + "上半年以来，全市宣传系统攻坚克难。"  # and a line above them rewritten
    _write(report, lines)
    status, data = _json(capsys, str(report), "--baseline", str(baseline), "--fail-on", "warning")
    assert data["files"][0]["diagnostics"] == [] and status == 0
    assert data["files"][0]["baseline"]["known"] == _count(report)


def test_fixed_findings_are_counted(project, capsys):
    report, baseline = project / "report.txt", project / "baseline.json"
    main(["check", str(report), "--write-baseline", str(baseline), "--no-outline"])
    capsys.readouterr()
    total = _count(report)
    _write(report, [line.replace("宣作", "宣传").replace("舒华", "书画") for line in _lines(report)])
    status, data = _json(capsys, str(report), "--baseline", str(baseline))
    assert data["files"][0]["diagnostics"] == []
    assert data["files"][0]["baseline"] == {"known": total - 2, "fixed": 2}


def test_a_missing_or_foreign_baseline_is_one_line_and_exit_2(project, capsys):
    report = project / "report.txt"
    assert main(["check", str(report), "--baseline", str(project / "none.json")]) == 2
    assert "--write-baseline" in capsys.readouterr().err
    (project / "other.json").write_text('{"runs": []}', encoding="utf-8")
    assert main(["check", str(report), "--baseline", str(project / "other.json")]) == 2
    err = capsys.readouterr().err
    assert "不是 drafter 的基线文件" in err and "Traceback" not in err


def test_baseline_paths_do_not_depend_on_the_current_folder(project, capsys, monkeypatch):
    report, baseline = project / "report.txt", project / "baseline.json"
    monkeypatch.chdir(project)
    main(["check", "report.txt", "--write-baseline", "baseline.json", "--no-outline"])
    capsys.readouterr()
    monkeypatch.chdir(project.parent)
    status, data = _json(capsys, str(report), "--baseline", str(baseline))
    assert data["files"][0]["diagnostics"] == [] and data["files"][0]["baseline"]["known"] == _count(report)
