"""Project configuration: discovery upward, precedence, errors, and the report's date."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.api import CheckOptions, check_path
from drafter.config import find_config, load_config, options_for, report_date
from drafter.errors import ChecklistError

REPORT = "市委宣传部上半年工作总结\n及下半年工作计划\n\n一、上半年工作总结\n持续推进党的十九届四中全会精神的学习宣讲，推进公益广告宣作。\n"


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_is_found_upward_and_dot_name_works(tmp_path):
    doc = _write(tmp_path / "a" / "b" / "report.txt", REPORT)
    outside = find_config(doc)
    assert outside is None or tmp_path not in outside.parents
    cfg = _write(tmp_path / ".drafter.yaml", "date: 2026-07-01\n")
    assert find_config(doc) == cfg
    nearer = _write(tmp_path / "a" / "drafter.yaml", "date: 2020-07-10\n")
    assert find_config(doc) == nearer


def test_config_date_select_ignore_severity_and_checklists_apply(tmp_path):
    _write(tmp_path / "lists" / "ours.yaml",
           "version: 1\nname: ours\nsource: 本单位规定\nentries:\n  - id: lxl\n    type: existence\n"
           "    code: custom.word\n    severity: info\n    wrong: 宣讲\n")
    _write(tmp_path / "drafter.yaml", "date: 2026-07-01\nchecklists: [lists/]\nignore: typo.word\n"
                                      "severity: {term.outdated: error}\n")
    doc = _write(tmp_path / "report.txt", REPORT)
    result = check_path(doc)
    codes = {d.code: d for d in result.diagnostics}
    assert codes["term.outdated"].severity.value == "error"
    assert "typo.word" not in codes
    assert "custom.word" in codes
    # The command line wins over the file.
    result = check_path(doc, CheckOptions(date=dt.date(2020, 7, 10), severity={"custom.word": "warning"}))
    codes = {d.code: d for d in result.diagnostics}
    assert "term.outdated" not in codes and codes["custom.word"].severity.value == "warning"


def test_bad_config_names_file_and_line(tmp_path):
    cfg = _write(tmp_path / "drafter.yaml", "date: 2026-07-01\noutlne: x\n")
    with pytest.raises(ChecklistError) as info:
        load_config(cfg)
    assert info.value.line == 2 and "outlne" in info.value.message
    cfg.write_text("date: 2026-13-01\n", encoding="utf-8")
    with pytest.raises(ChecklistError) as info:
        load_config(cfg)
    assert info.value.line == 1


def test_bad_config_is_one_line_on_the_command_line(tmp_path, capsys):
    from drafter.cli import main

    _write(tmp_path / "drafter.yaml", "severity: {typo.word: fatal}\n")
    doc = _write(tmp_path / "report.txt", REPORT)
    assert main(["check", str(doc)]) == 2
    err = capsys.readouterr().err
    assert "drafter.yaml:1" in err and "Traceback" not in err


def test_report_date_sources(tmp_path):
    from drafter.api import parse
    from drafter.files.source import source_from_bytes

    def report(text, fmt="txt"):
        return parse(source_from_bytes(text.encode(), "r." + fmt, fmt))

    assert report_date(report("市委宣传部2026年上半年工作总结\n\n正文。\n")) == dt.date(2026, 6, 30)
    md = "---\ndate: 2020-07-10\n---\n# 市委宣传部上半年工作总结\n\n正文。\n"
    assert report_date(report(md, "md")) == dt.date(2020, 7, 10)
    assert report_date(report("市委宣传部上半年工作总结\n\n正文。\n")) == dt.date.today()
    options = CheckOptions(date=dt.date(2021, 1, 5))
    assert report_date(report("市委宣传部2026年上半年工作总结\n\n正文。\n"), options) == dt.date(2021, 1, 5)


def test_options_for_ignores_buffers_and_opt_out(tmp_path):
    _write(tmp_path / "drafter.yaml", "date: 2026-07-01\n")
    doc = _write(tmp_path / "report.txt", REPORT)
    assert options_for(CheckOptions(), str(doc)).date == dt.date(2026, 7, 1)
    assert options_for(CheckOptions(project=False), str(doc)).date is None
    assert options_for(CheckOptions(), "<buffer>").date is None


def test_no_config_flag_skips_the_project_file(tmp_path, capsys):
    from drafter.cli import main

    _write(tmp_path / "drafter.yaml", "ignore: [typo.word]\n")
    doc = _write(tmp_path / "report.txt", REPORT)
    main(["check", str(doc), "--no-outline", "--select", "typo"])
    assert "typo.word" not in capsys.readouterr().out
    main(["check", str(doc), "--no-outline", "--select", "typo", "--no-config"])
    assert "typo.word" in capsys.readouterr().out
